#include "identifiers.h"

#include <string.h>

#include "text_scan.h"

/* Region of each two-digit département 00..99 ("" where none exists). */
static const char *const metro_region[100] = {
	"", "84", "32", "84", "93", "93", "93", "84", "44", "76",	/* 00-09 */
	"44", "76", "76", "93", "28", "84", "75", "75", "24", "75",	/* 10-19 */
	"", "27", "53", "75", "75", "27", "84", "28", "24", "53",	/* 20-29 */
	"76", "76", "76", "75", "76", "53", "24", "24", "84", "27",	/* 30-39 */
	"75", "24", "84", "84", "52", "24", "76", "75", "76", "52",	/* 40-49 */
	"28", "44", "44", "52", "44", "44", "53", "44", "27", "32",	/* 50-59 */
	"32", "28", "32", "84", "75", "76", "76", "44", "44", "84",	/* 60-69 */
	"27", "27", "52", "84", "84", "11", "28", "11", "11", "75",	/* 70-79 */
	"32", "76", "76", "93", "93", "52", "75", "75", "44", "27",	/* 80-89 */
	"27", "11", "11", "11", "11", "11", "", "", "", ""	/* 90-99 */
};

/* Region of overseas codes 970..989: DROM have one, COM have none (NULL). */
static const char *const overseas_region[20] = {
	"", "01", "02", "03", "04", NULL, "06", NULL, NULL, "",	/* 970-979 */
	"", "", "", "", NULL, "", NULL, NULL, NULL, NULL	/* 980-989 */
};

static const int region_codes[] = {1, 2, 3, 4, 6, 11, 24, 27, 28, 32, 44, 52,
53, 75, 76, 84, 93, 94};

#define REGION_LIST "01, 02, 03, 04, 06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93 and 94"

bool
ti_is_region_code(int code)
{
	for (size_t i = 0; i < sizeof(region_codes) / sizeof(region_codes[0]); i++)
		if (region_codes[i] == code)
			return true;
	return false;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Read exactly `want` digits, allowing spaces between them; the caller has
 * trimmed the ends.  `what` names the identifier in messages.
 */
static bool
read_grouped_digits(const char *s, size_t len, int want, char *digits,
					const char *what, const char *example, ti_error *err)
{
	char		q[TI_QUOTE_BUF];
	int			count = 0;
	size_t		pos = 0,
				i = 0;

	while (i < len)
	{
		size_t		sp = ti_space_len(s + i, len - i);

		pos++;
		if (sp > 0)
		{
			i += sp;
			continue;
		}
		if (!is_digit(s[i]))
		{
			char		bad[8];
			size_t		n = ti_char_len(s + i, len - i);

			memcpy(bad, s + i, n < 7 ? n : 7);
			bad[n < 7 ? n : 7] = '\0';
			ti_fail(err, TI_BAD_TEXT, "invalid %s \"%s\": unexpected character \"%s\" at position %zu",
					what, ti_quote(q, sizeof(q), s, len, 40), bad, pos);
			ti_detail(err, "A %s is %d digits, optionally grouped by spaces (%s).",
					  what, want, example);
			return false;
		}
		if (count < want)
			digits[count] = s[i];
		count++;
		i++;
	}
	if (count != want)
	{
		ti_fail(err, TI_BAD_TEXT, "invalid %s \"%s\": expected %d digits, found %d",
				what, ti_quote(q, sizeof(q), s, len, 40), want, count);
		ti_detail(err, "A %s is %d digits, optionally grouped by spaces (%s).",
				  what, want, example);
		return false;
	}
	return true;
}

/* Luhn sum of n digits given as values, the last one counted as check digit. */
static int
luhn_sum(const int *d, int n)
{
	int			sum = 0;

	for (int i = 0; i < n; i++)
	{
		int			v = d[n - 1 - i];

		if (i % 2 == 1)
		{
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum;
}

/* The check digit that would make d[0..n) (last digit replaced) Luhn-valid. */
static int
luhn_expected(const int *d, int n)
{
	int			copy[TI_SIRET_LEN];

	memcpy(copy, d, sizeof(int) * n);
	copy[n - 1] = 0;
	return (10 - luhn_sum(copy, n) % 10) % 10;
}

static void
split_digits(int64_t value, int n, int *d)
{
	for (int i = n - 1; i >= 0; i--)
	{
		d[i] = (int) (value % 10);
		value /= 10;
	}
}

static void
format_digits(int64_t value, int n, char *buf)
{
	for (int i = n - 1; i >= 0; i--)
	{
		buf[i] = (char) ('0' + value % 10);
		value /= 10;
	}
	buf[n] = '\0';
}

/* Luhn check of a SIREN value already known to be in range. */
static bool
siren_luhn(int64_t value, ti_error *err, ti_error_kind kind)
{
	int			d[TI_SIREN_LEN];
	int			expected;
	char		text[TI_SIREN_LEN + 1];

	split_digits(value, TI_SIREN_LEN, d);
	if (luhn_sum(d, TI_SIREN_LEN) % 10 == 0)
		return true;
	expected = luhn_expected(d, TI_SIREN_LEN);
	format_digits(value, TI_SIREN_LEN, text);
	ti_fail(err, kind, "invalid SIREN \"%s\": check digit should be %d, not %d",
			text, expected, d[TI_SIREN_LEN - 1]);
	ti_detail(err, "The last digit of a SIREN is a Luhn check digit; for %.8s it is %d.",
			  text, expected);
	return false;
}

bool
ti_siren_parse(const char *s, size_t len, int32_t *out, ti_error *err)
{
	char		digits[TI_SIREN_LEN];
	int64_t		value = 0;

	if (!ti_text_begin(&s, &len, "SIREN", err))
		return false;
	if (!read_grouped_digits(s, len, TI_SIREN_LEN, digits, "SIREN", "732 829 320", err))
		return false;
	for (int i = 0; i < TI_SIREN_LEN; i++)
		value = value * 10 + (digits[i] - '0');
	if (!siren_luhn(value, err, TI_BAD_TEXT))
		return false;
	*out = (int32_t) value;
	return true;
}

bool
ti_siren_check(int64_t value, ti_error *err)
{
	if (value < 0 || value > 999999999)
		return ti_fail(err, TI_OUT_OF_RANGE,
					   "value %lld is out of range for a SIREN: expected 0 to 999999999",
					   (long long) value);
	return siren_luhn(value, err, TI_BAD_PARAMETER);
}

void
ti_siren_format(int32_t value, char buf[TI_SIREN_LEN + 1])
{
	format_digits(value, TI_SIREN_LEN, buf);
}

#define LA_POSTE_SIREN 356000000
#define LA_POSTE_HEAD_OFFICE INT64_C(35600000000048)

/*
 * SIRETs are Luhn-valid over 14 digits, except La Poste's establishments
 * (SIREN 356000000, head office aside), whose digits add up to a multiple of 5.
 */
static bool
siret_digits_valid(int64_t value, ti_error *err, ti_error_kind kind)
{
	int			d[TI_SIRET_LEN];
	char		text[TI_SIRET_LEN + 1];

	split_digits(value, TI_SIRET_LEN, d);
	format_digits(value, TI_SIRET_LEN, text);
	if (value / 100000 == LA_POSTE_SIREN && value != LA_POSTE_HEAD_OFFICE)
	{
		int			sum = 0;

		for (int i = 0; i < TI_SIRET_LEN; i++)
			sum += d[i];
		if (sum % 5 == 0)
			return true;
		ti_fail(err, kind, "invalid SIRET \"%s\": the digits of a La Poste SIRET must add up to a multiple of 5, not %d",
				text, sum);
		ti_detail(err, "SIRETs of La Poste (SIREN 356000000) do not use the Luhn check digit.");
		return false;
	}
	if (luhn_sum(d, TI_SIRET_LEN) % 10 == 0)
		return true;
	ti_fail(err, kind, "invalid SIRET \"%s\": check digit should be %d, not %d",
			text, luhn_expected(d, TI_SIRET_LEN), d[TI_SIRET_LEN - 1]);
	ti_detail(err, "The last digit of a SIRET is a Luhn check digit over all 14 digits.");
	return false;
}

bool
ti_siret_parse(const char *s, size_t len, int64_t *out, ti_error *err)
{
	char		digits[TI_SIRET_LEN];
	int64_t		value = 0;

	if (!ti_text_begin(&s, &len, "SIRET", err))
		return false;
	if (!read_grouped_digits(s, len, TI_SIRET_LEN, digits, "SIRET", "732 829 320 00074", err))
		return false;
	for (int i = 0; i < TI_SIRET_LEN; i++)
		value = value * 10 + (digits[i] - '0');
	if (!siret_digits_valid(value, err, TI_BAD_TEXT))
		return false;
	*out = value;
	return true;
}

bool
ti_siret_check(int64_t value, ti_error *err)
{
	if (value < 0 || value > INT64_C(99999999999999))
		return ti_fail(err, TI_OUT_OF_RANGE,
					   "value %lld is out of range for a SIRET: expected 14 digits",
					   (long long) value);
	return siret_digits_valid(value, err, TI_BAD_PARAMETER);
}

void
ti_siret_format(int64_t value, char buf[TI_SIRET_LEN + 1])
{
	format_digits(value, TI_SIRET_LEN, buf);
}

int32_t
ti_siret_siren(int64_t siret)
{
	return (int32_t) (siret / 100000);
}

void
ti_siret_nic(int64_t siret, char buf[TI_NIC_LEN + 1])
{
	format_digits(siret % 100000, TI_NIC_LEN, buf);
}

/*
 * Commune codes: the second character is a digit or, in Corsica, A or B.
 * Coding it in base 12 (A = 10, B = 11) and the others in base 10 keeps the
 * integer order identical to the byte order of the text codes.
 */
static int32_t
commune_encode(const int d[TI_COMMUNE_LEN])
{
	return (((d[0] * 12 + d[1]) * 10 + d[2]) * 10 + d[3]) * 10 + d[4];
}

static void
commune_decode(int32_t code, int d[TI_COMMUNE_LEN])
{
	d[4] = code % 10;
	code /= 10;
	d[3] = code % 10;
	code /= 10;
	d[2] = code % 10;
	code /= 10;
	d[1] = code % 12;
	d[0] = code / 12;
}

#define COMMUNE_SHAPE "A commune code is 5 characters: a département (01 to 95, 2A or 2B) and 3 digits, or an overseas code (971 to 978, 984, 986 to 989) and 2 digits."

static bool
commune_bad_char(const char *s, size_t len, size_t at, ti_error *err)
{
	char		q[TI_QUOTE_BUF];
	char		bad[8];
	size_t		n = ti_char_len(s + at, len - at);

	memcpy(bad, s + at, n < 7 ? n : 7);
	bad[n < 7 ? n : 7] = '\0';
	ti_fail(err, TI_BAD_TEXT, "invalid commune code \"%s\": unexpected character \"%s\" at position %zu",
			ti_quote(q, sizeof(q), s, len, 40), bad, ti_char_count(s, at) + 1);
	ti_detail(err, COMMUNE_SHAPE);
	return false;
}

/* Check the département part and the commune number of five read digits. */
static bool
commune_check_parts(const char *s, const int d[TI_COMMUNE_LEN], ti_error *err)
{
	int			dep = d[0] * 10 + d[1];

	if (d[1] >= 10)				/* 2A, 2B */
	{
		if (d[2] == 0 && d[3] == 0 && d[4] == 0)
			goto bad_number;
		return true;
	}
	if (dep == 97 || dep == 98)
	{
		int			overseas = dep * 10 + d[2];

		if (overseas_region[overseas - 970] != NULL &&
			overseas_region[overseas - 970][0] == '\0')
		{
			ti_fail(err, TI_BAD_TEXT, "invalid commune code \"%.5s\": \"%.3s\" is not an overseas département or collectivité code",
					s, s);
			ti_detail(err, COMMUNE_SHAPE);
			return false;
		}
		if (d[3] == 0 && d[4] == 0)
			goto bad_number;
		return true;
	}
	if (metro_region[dep][0] == '\0')
	{
		ti_fail(err, TI_BAD_TEXT, "invalid commune code \"%.5s\": \"%.2s\" is not a département code", s, s);
		ti_detail(err, COMMUNE_SHAPE);
		if (dep == 20)
			ti_hint(err, "Corsican communes are coded 2A (Corse-du-Sud) or 2B (Haute-Corse).");
		return false;
	}
	if (d[2] == 0 && d[3] == 0 && d[4] == 0)
		goto bad_number;
	return true;

bad_number:
	ti_fail(err, TI_BAD_TEXT, "invalid commune code \"%.5s\": no commune is numbered 0 in its département", s);
	ti_detail(err, COMMUNE_SHAPE);
	return false;
}

bool
ti_commune_parse(const char *s, size_t len, int32_t *out, ti_error *err)
{
	int			d[TI_COMMUNE_LEN];
	char		q[TI_QUOTE_BUF];
	size_t		chars;

	if (!ti_text_begin(&s, &len, "commune code", err))
		return false;
	for (size_t i = 0; i < len && i < TI_COMMUNE_LEN; i++)
	{
		char		c = s[i];

		if (is_digit(c))
			d[i] = c - '0';
		else if (i == 1 && s[0] == '2' && (c == 'A' || c == 'a'))
			d[i] = 10;
		else if (i == 1 && s[0] == '2' && (c == 'B' || c == 'b'))
			d[i] = 11;
		else
			return commune_bad_char(s, len, i, err);
	}
	chars = ti_char_count(s, len);
	if (len != TI_COMMUNE_LEN)
	{
		ti_fail(err, TI_BAD_TEXT, "invalid commune code \"%s\": expected 5 characters, found %zu",
				ti_quote(q, sizeof(q), s, len, 40), chars);
		ti_detail(err, COMMUNE_SHAPE);
		if (len == 4 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]))
			ti_hint(err, "A spreadsheet may have dropped a leading zero: did you mean \"0%.4s\"?", s);
		return false;
	}
	if (!commune_check_parts(s, d, err))
		return false;
	*out = commune_encode(d);
	return true;
}

void
ti_commune_format(int32_t code, char buf[TI_COMMUNE_LEN + 1])
{
	int			d[TI_COMMUNE_LEN];

	commune_decode(code, d);
	for (int i = 0; i < TI_COMMUNE_LEN; i++)
		buf[i] = (char) (d[i] < 10 ? '0' + d[i] : 'A' + d[i] - 10);
	buf[TI_COMMUNE_LEN] = '\0';
}

void
ti_commune_departement(int32_t code, char buf[4])
{
	char		text[TI_COMMUNE_LEN + 1];
	size_t		n;

	ti_commune_format(code, text);
	n = (text[0] == '9' && (text[1] == '7' || text[1] == '8')) ? 3 : 2;
	memcpy(buf, text, n);
	buf[n] = '\0';
}

const char *
ti_commune_region(int32_t code)
{
	int			d[TI_COMMUNE_LEN];
	int			dep;

	commune_decode(code, d);
	if (d[1] >= 10)
		return "94";
	dep = d[0] * 10 + d[1];
	if (dep == 97 || dep == 98)
		return overseas_region[dep * 10 + d[2] - 970];
	return metro_region[dep];
}

#define TERRITORY_SHAPE "A territory id is \"ti-\" followed by the lead region's code and a two-digit number (ti-8413)."

bool
ti_code_parse(const char *s, size_t len, int16_t *out, ti_error *err)
{
	char		q[TI_QUOTE_BUF];
	int			region,
				number;

	if (!ti_text_begin(&s, &len, "territory id", err))
		return false;
	if (len != TI_CODE_LEN ||
		(s[0] != 't' && s[0] != 'T') || (s[1] != 'i' && s[1] != 'I') || s[2] != '-' ||
		!is_digit(s[3]) || !is_digit(s[4]) || !is_digit(s[5]) || !is_digit(s[6]))
	{
		ti_fail(err, TI_BAD_TEXT, "invalid territory id \"%s\": expected ti-RRNN",
				ti_quote(q, sizeof(q), s, len, 40));
		ti_detail(err, TERRITORY_SHAPE);
		return false;
	}
	region = (s[3] - '0') * 10 + (s[4] - '0');
	number = (s[5] - '0') * 10 + (s[6] - '0');
	if (!ti_is_region_code(region))
	{
		ti_fail(err, TI_BAD_TEXT, "invalid territory id \"%.7s\": \"%.2s\" is not a region code",
				s, s + 3);
		ti_detail(err, "Region codes are " REGION_LIST ".");
		return false;
	}
	*out = (int16_t) (region * 100 + number);
	return true;
}

bool
ti_code_check(int32_t value, ti_error *err)
{
	if (value < 0 || value > 9999 || !ti_is_region_code(value / 100))
	{
		ti_fail(err, TI_BAD_PARAMETER, "value %d is not a territory id: expected RRNN with RR a region code",
				(int) value);
		ti_detail(err, "Region codes are " REGION_LIST ".");
		return false;
	}
	return true;
}

void
ti_code_format(int16_t value, char buf[TI_CODE_LEN + 1])
{
	memcpy(buf, "ti-", 3);
	format_digits(value, 4, buf + 3);
}

void
ti_code_region(int16_t value, char buf[3])
{
	format_digits(value / 100, 2, buf);
}
