#include "numeric_convert.h"

#include <math.h>

#include "utils/fmgrprotos.h"

/* numeric's header bits (numeric.c) */
#define NUMERIC_SIGN_MASK 0xC000
#define NUMERIC_NEG 0x4000
#define NUMERIC_SHORT 0x8000
#define NUMERIC_SPECIAL 0xC000
#define NUMERIC_SHORT_SIGN_MASK 0x2000
#define NUMERIC_SHORT_DSCALE_SHIFT 7
#define NUMERIC_SHORT_WEIGHT_SIGN_MASK 0x0040
#define NUMERIC_SHORT_WEIGHT_MASK 0x003F
#define NBASE 10000
#define DEC_DIGITS 4

static const double exact_powers[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/*
 * When the digits make an integer m <= 2^53 and the value is m * 10^e with
 * |e| <= 22, one multiplication or division of exact doubles is correctly
 * rounded: the result is strtod's.
 */
double
numeric_to_double(Numeric num)
{
	const char *data = VARDATA_ANY(num);
	size_t		len = VARSIZE_ANY_EXHDR(num);
	uint16		header;
	int16		weight;
	bool		negative;
	size_t		at;
	uint64		m = 0;
	int			e;
	double		v;

	if (len < 2)
		goto slow;
	memcpy(&header, data, 2);	/* unaligned after a short varlena header */
	if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SHORT)
	{
		negative = (header & NUMERIC_SHORT_SIGN_MASK) != 0;
		weight = (int16) ((header & NUMERIC_SHORT_WEIGHT_SIGN_MASK)
						  ? (header | ~NUMERIC_SHORT_WEIGHT_MASK)
						  : (header & NUMERIC_SHORT_WEIGHT_MASK));
		at = 2;
	}
	else
	{
		/* NaN and, since PostgreSQL 14, infinities are "special" */
		if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SPECIAL || len < 4)
			goto slow;
		negative = (header & NUMERIC_SIGN_MASK) == NUMERIC_NEG;
		memcpy(&weight, data + 2, 2);
		at = 4;
	}
	if ((len - at) / 2 > 4)
		goto slow;
	for (size_t i = at; i + 1 < len; i += 2)
	{
		uint16		digit;

		memcpy(&digit, data + i, 2);
		m = m * NBASE + digit;
	}
	e = DEC_DIGITS * (weight - (int) ((len - at) / 2) + 1);
	if (m > (UINT64CONST(1) << 53) || e < -22 || e > 22)
		goto slow;
	v = e >= 0 ? (double) m * exact_powers[e] : (double) m / exact_powers[-e];
	return negative ? -v : v;

slow:
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(num)));
}

/*
 * The numeric m / 10^scale (m != 0, no trailing decimal zero unless scale
 * is 0) in short format, as make_result() would store it: base-10000 digits
 * aligned on the decimal point, no leading or trailing zero digit, dscale
 * = scale.
 */
static Numeric
decimal_numeric(int64 m, int scale, numeric_buf *buf)
{
	uint64		magnitude = m < 0 ? -(uint64) m : (uint64) m;
	int			pad = (DEC_DIGITS - scale % DEC_DIGITS) % DEC_DIGITS;
	uint16		digits[8];
	int			n = 0;
	int			weight;
	uint16		header;

	magnitude *= (uint64) exact_powers[pad];
	for (; magnitude > 0; magnitude /= NBASE)
		digits[n++] = (uint16) (magnitude % NBASE);	/* least significant first */
	weight = n - (scale + pad) / DEC_DIGITS - 1;
	header = NUMERIC_SHORT | (m < 0 ? NUMERIC_SHORT_SIGN_MASK : 0) |
		(uint16) (scale << NUMERIC_SHORT_DSCALE_SHIFT) |
		(weight < 0 ? NUMERIC_SHORT_WEIGHT_SIGN_MASK : 0) |
		(uint16) (weight & NUMERIC_SHORT_WEIGHT_MASK);
	{
		int			first = 0;
		char	   *p = buf->bytes + VARHDRSZ;

		while (digits[first] == 0)
			first++;			/* trailing zero digits are not stored */
		memcpy(p, &header, 2);
		p += 2;
		for (int i = n - 1; i >= first; i--, p += 2)
			memcpy(p, &digits[i], 2);
		SET_VARSIZE(buf->bytes, p - buf->bytes);
	}
	return (Numeric) buf->bytes;
}

/*
 * float8_numeric() prints d with 15 significant digits, then parses that.
 * Here p = |d| * 10^scale, with scale such that 10^14 <= p < 10^15, is
 * rounded to an integer as printf rounds (to nearest, ties to even): the
 * product of d and an exact power of ten is rounded once, and fma() gives
 * the exact remainder, so the decision is the one printf makes on the exact
 * value.  Outside 1e-8 <= |d| < 1e15 (and for 0) float8_numeric() does it.
 */
Numeric
double_to_numeric(double d, numeric_buf *buf)
{
	double		a = fabs(d);
	uint64		bits;
	int			scale;
	double		p,
				whole,
				above_half;
	int64		m;

	if (!(a >= 1e-8 && a < 1e15))
		goto slow;
	/* floor(log10(a)) from the binary exponent (78913 / 2^18 ~ log10(2)), then corrected */
	memcpy(&bits, &a, sizeof(bits));
	scale = 14 - ((((int) (bits >> 52) & 0x7FF) - 1023) * 78913 >> 18);
	if (scale > 22)
		scale = 22;
	while (scale > 0 && a * exact_powers[scale] >= 1e15)
		scale--;
	while (scale < 22 && a * exact_powers[scale] < 1e14)
		scale++;
	p = a * exact_powers[scale];
	whole = (double) (int64) p;	/* p > 0: truncation is floor */
	/* (p - whole - 0.5) is exact; adding the product's rounding error keeps its sign */
	above_half = (p - whole - 0.5) + fma(a, exact_powers[scale], -p);
	m = (int64) whole;
	m += above_half > 0 || (above_half == 0 && (m & 1));
	/* no trailing zero after the decimal point (by four digits first: faster) */
	while (scale >= 4 && m % 10000 == 0)
	{
		m /= 10000;
		scale -= 4;
	}
	while (scale > 0 && m % 10 == 0)
	{
		m /= 10;
		scale--;
	}
	return decimal_numeric(d < 0 ? -m : m, scale, buf);

slow:
	return DatumGetNumeric(DirectFunctionCall1(float8_numeric, Float8GetDatum(d)));
}
