"""terrind's text and binary forms, independent of any driver.

Each codec has load_text(str), dump_text(value), and for the types with a
public binary form load_binary(bytes) and dump_binary(value).  The binary
forms are those of the extension's send and receive functions: big-endian
integers, the server checking what it receives exactly as it checks text.
"""
import re
import struct
from decimal import Decimal

NEEDS = ("recruter", "innover", "attirer", "simplifier",
         "competences", "innovation", "transition_ecologique", "foncier")
_NEED_NUMBER = {code: i + 1 for i, code in enumerate(NEEDS)}
_CENT = Decimal("0.01")


def _cents(amount):
    amount = Decimal(amount)
    cents = amount * 100
    if not cents.is_finite() or cents != cents.to_integral_value():
        raise ValueError(f"invalid amount {amount}: finer than a cent or not finite")
    return int(cents)


def _amount(cents):
    return (Decimal(cents) / 100).quantize(_CENT)


class Eur:
    name = "eur"

    @staticmethod
    def load_text(s):
        return Decimal(s)

    @staticmethod
    def dump_text(amount):
        return str(_amount(_cents(amount)))

    @staticmethod
    def load_binary(b):
        return _amount(struct.unpack("!q", b)[0])

    @staticmethod
    def dump_binary(amount):
        return struct.pack("!q", _cents(amount))


class _Digits:
    """SIREN and SIRET: their digits as an integer."""
    name = width = fmt = None

    @classmethod
    def load_text(cls, s):
        return s

    @classmethod
    def dump_text(cls, s):
        return str(s)

    @classmethod
    def load_binary(cls, b):
        return f"{struct.unpack(cls.fmt, b)[0]:0{cls.width}d}"

    @classmethod
    def dump_binary(cls, s):
        digits = re.sub(r"\s", "", str(s))
        if not (digits.isascii() and digits.isdigit() and len(digits) == cls.width):
            raise ValueError(f"invalid {cls.name.upper()} {s!r}: expected {cls.width} digits")
        return struct.pack(cls.fmt, int(digits))


class Siren(_Digits):
    name, width, fmt = "siren", 9, "!i"


class Siret(_Digits):
    name, width, fmt = "siret", 14, "!q"


class CommuneCode:
    """Five characters, in binary as in text."""
    name = "commune_code"
    load_text = staticmethod(str)
    dump_text = staticmethod(str)

    @staticmethod
    def load_binary(b):
        return b.decode("ascii")

    @staticmethod
    def dump_binary(code):
        return str(code).encode("ascii")


class TiCode:
    """ti-RRNN as RR * 100 + NN."""
    name = "ti_code"
    load_text = staticmethod(str)
    dump_text = staticmethod(str)

    @staticmethod
    def load_binary(b):
        v = struct.unpack("!h", b)[0]
        return f"ti-{v // 100:02d}{v % 100:02d}"

    @staticmethod
    def dump_binary(code):
        m = re.fullmatch(r"(?i)ti-([0-9]{2})([0-9]{2})", str(code).strip())
        if not m:
            raise ValueError(f"invalid territory id {code!r}: expected ti-RRNN")
        return struct.pack("!h", int(m.group(1)) * 100 + int(m.group(2)))


class Need:
    name = "need"
    load_text = staticmethod(str)
    dump_text = staticmethod(str)

    @staticmethod
    def load_binary(b):
        return NEEDS[struct.unpack("!h", b)[0] - 1]

    @staticmethod
    def dump_binary(code):
        try:
            return struct.pack("!h", _NEED_NUMBER[str(code)])
        except KeyError:
            raise ValueError(f"invalid need {code!r}: expected one of {', '.join(NEEDS)}") from None


class NeedBreakdown:
    """{need: amount}: text {recruter: 1234.56, innover: 10.00}; binary
    version 1, a count, then (int16 need, int64 cents) in need order."""
    name = "need_breakdown"

    @staticmethod
    def load_text(s):
        body = s.strip()[1:-1].strip()
        if not body:
            return {}
        return {k.strip(): Decimal(v) for k, v in (item.split(":") for item in body.split(","))}

    @staticmethod
    def dump_text(breakdown):
        return "{" + ", ".join(f"{k}: {Eur.dump_text(v)}" for k, v in breakdown.items()) + "}"

    @staticmethod
    def load_binary(b):
        version, count = b[0], b[1]
        if version != 1 or len(b) != 2 + 10 * count:
            raise ValueError(f"need_breakdown: binary format version {version}, expected 1")
        entries = (struct.unpack_from("!hq", b, 2 + 10 * i) for i in range(count))
        return {NEEDS[need - 1]: _amount(cents) for need, cents in entries}

    @staticmethod
    def dump_binary(breakdown):
        entries = sorted((struct.unpack("!h", Need.dump_binary(k))[0], _cents(v))
                         for k, v in breakdown.items())
        entries = [(n, c) for n, c in entries if c != 0]
        return bytes([1, len(entries)]) + b"".join(struct.pack("!hq", n, c) for n, c in entries)


class EligibilityRule:
    """Canonical rule text; the binary form is an internal serialisation."""
    name = "eligibility_rule"
    load_text = staticmethod(str)
    dump_text = staticmethod(str)


TYPES = (Eur, Siren, Siret, CommuneCode, TiCode, Need, NeedBreakdown, EligibilityRule)
