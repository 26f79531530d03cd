#include "postgres.h"
#include "pg_compat.h"

#include "numeric_convert.h"

#include <float.h>
#include <math.h>

#include "utils/builtins.h"
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

static const uint64 small_powers[] = {1, 10, 100, 1000, 10000};

static const double exact_powers[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#if LDBL_MANT_DIG >= 64
/* 10^0 to 10^27 are exact in a 64-bit significand (5^27 < 2^63). */
#define LDBL_EXACT_POWERS 27
static const long double exact_long_powers[] = {
	1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L, 1e10L, 1e11L, 1e12L, 1e13L,
	1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L,
};

/*
 * m * 10^e for a significand too wide for a double (up to 20 digits, as
 * float8 values written to jsonb have 17): one long double operation on
 * exact operands is correctly rounded to 64 bits; rounding that to a double
 * gives strtod's result unless it fell exactly halfway between two doubles,
 * where the first rounding may have decided the second.  False then, and
 * when long doubles do not carry 64 bits.
 */
static bool
wide_decimal_to_double(uint64 m, int e, double *out)
{
	/*
	 * The x87 unit may be set to round to 53 bits, and valgrind computes
	 * long doubles as doubles: check the precision every time (it is cheap)
	 */
	volatile long double one = 1.0L;
	long double v,
				r,
				t;
	double		d;

	if (e < -LDBL_EXACT_POWERS || e > LDBL_EXACT_POWERS || one + LDBL_EPSILON == one)
		return false;
	v = e >= 0 ? (long double) m * exact_long_powers[e] : (long double) m / exact_long_powers[-e];
	d = (double) v;
	/*
	 * v - d is exact; v is halfway iff d + 2 (v - d), the other neighbour,
	 * is itself a double (when v is not halfway it lies strictly between)
	 */
	r = v - (long double) d;
	t = (long double) d + 2 * r;
	if (r != 0 && (long double) (double) t == t)
		return false;
	*out = d;
	return true;
}
#else
static bool
wide_decimal_to_double(uint64 m, int e, double *out)
{
	return false;
}
#endif

/*
 * When the digits make an integer m <= 2^53 and the value is m * 10^e with
 * |e| <= 22, one multiplication or division of exact doubles is correctly
 * rounded: the result is strtod's.  Wider significands (5 base-10000 digits)
 * go through long double when it can do the same.
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
	size_t		groups;
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
	groups = (len - at) / 2;
	if (groups > 5)
		goto slow;
	e = DEC_DIGITS * (weight - (int) groups + 1);
	for (size_t i = at; i + 1 < len; i += 2)
	{
		uint16		digit;
		int			width = DEC_DIGITS;

		memcpy(&digit, data + i, 2);
		/* the last base-10000 digit may end in decimal zeros: drop them */
		while (i + 3 >= len && width > 0 && digit % 10 == 0)
		{
			digit /= 10;
			width--;
			e++;
		}
		/* four digits (16 decimal digits) always fit */
		if (groups == 5 && m > (PG_UINT64_MAX - digit) / small_powers[width])
			goto slow;
		m = m * small_powers[width] + digit;
	}
	if (m <= (UINT64CONST(1) << 53) && e >= -22 && e <= 22)
		v = e >= 0 ? (double) m * exact_powers[e] : (double) m / exact_powers[-e];
	else if (!wide_decimal_to_double(m, e, &v))
		goto slow;
	return negative ? -v : v;

slow:
	/* beyond double: infinite (the caller decides), not a 22003 */
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, NumericGetDatum(num)));
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
	/* a whole number below 10^15 prints in full (margins on counts often are) */
	if (a >= 1 && a == (double) (int64) a)
		return decimal_numeric((int64) d, 0, buf);
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
