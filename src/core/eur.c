#include "eur.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "byte_order.h"
#include "text_scan.h"

#define EUR_SHAPE "Expected an amount in euros such as 1234.56, 1 234,56 €, -12,5 or 1,36 Md€."

bool
ti_eur_out_of_range(ti_error *err, const char *what)
{
	ti_fail(err, TI_OUT_OF_RANGE, "%s is out of range for type eur", what);
	ti_detail(err, "The eur type holds amounts from -92233720368547758.08 to 92233720368547758.07 euros.");
	return false;
}

/* ---------------------------------------------------------------- parsing */

#define MAX_GROUPS 32

typedef struct amount_scan
{
	const char *s;				/* trimmed input */
	size_t		len;
	size_t		pos;			/* byte offset of the next character */
	int			ngroups;
	size_t		group_at[MAX_GROUPS];
	size_t		group_len[MAX_GROUPS];
	char		sep[MAX_GROUPS + 1];	/* separator before group i (i >= 1) */
	int			exponent;		/* scale suffix: 0, 3, 6 or 9 */
	bool		negative;
	bool		currency;
	ti_error   *err;
} amount_scan;

static bool
scan_fail(amount_scan *sc, const char *fmt, const char *arg)
{
	char		q[TI_QUOTE_BUF];
	char		why[160];

	snprintf(why, sizeof(why), fmt, arg);
	ti_fail(sc->err, TI_BAD_TEXT, "invalid amount \"%s\": %s",
			ti_quote(q, sizeof(q), sc->s, sc->len, 40), why);
	ti_detail(sc->err, EUR_SHAPE);
	return false;
}

static bool
unexpected(amount_scan *sc)
{
	char		what[48];
	size_t		n = ti_char_len(sc->s + sc->pos, sc->len - sc->pos);

	if (n > 7)
		n = 7;
	snprintf(what, sizeof(what), "unexpected \"%.*s\" at position %zu", (int) n,
			 sc->s + sc->pos, ti_char_count(sc->s, sc->pos) + 1);
	return scan_fail(sc, "%s", what);
}

static bool
at_digit(const amount_scan *sc, size_t at)
{
	return at < sc->len && sc->s[at] >= '0' && sc->s[at] <= '9';
}

/* Consume `word` (ASCII letters compared without case when fold) if present. */
static bool
accept(amount_scan *sc, const char *word, bool fold)
{
	size_t		n = strlen(word);

	if (sc->len - sc->pos < n)
		return false;
	for (size_t i = 0; i < n; i++)
	{
		char		c = sc->s[sc->pos + i];

		if (fold && c >= 'a' && c <= 'z')
			c = (char) (c - 'a' + 'A');
		if (c != word[i])
			return false;
	}
	sc->pos += n;
	return true;
}

static void
skip_spaces(amount_scan *sc)
{
	size_t		n;

	while ((n = ti_space_len(sc->s + sc->pos, sc->len - sc->pos)) > 0)
		sc->pos += n;
}

static bool
accept_sign(amount_scan *sc)
{
	if (accept(sc, "-", false) || accept(sc, "\xE2\x88\x92", false))	/* U+2212 */
		sc->negative = true;
	else if (!accept(sc, "+", false))
		return false;
	skip_spaces(sc);
	return true;
}

static bool
accept_currency(amount_scan *sc)
{
	return accept(sc, "\xE2\x82\xAC", false) || accept(sc, "EUR", true);
}

/* Digit groups and the separators between them: "1 234 567,89". */
static bool
scan_groups(amount_scan *sc)
{
	for (;;)
	{
		size_t		start = sc->pos;
		size_t		sp;

		if (sc->ngroups == MAX_GROUPS)
			return scan_fail(sc, "%s", "too many digit groups");
		while (at_digit(sc, sc->pos))
			sc->pos++;
		sc->group_at[sc->ngroups] = start;
		sc->group_len[sc->ngroups] = sc->pos - start;
		sc->ngroups++;
		if (sc->pos < sc->len && (sc->s[sc->pos] == '.' || sc->s[sc->pos] == ',') &&
			at_digit(sc, sc->pos + 1))
		{
			sc->sep[sc->ngroups] = sc->s[sc->pos];
			sc->pos++;
			continue;
		}
		sp = ti_space_len(sc->s + sc->pos, sc->len - sc->pos);
		if (sp > 0 && sc->pos > start && at_digit(sc, sc->pos + sp))
		{
			sc->sep[sc->ngroups] = ' ';
			sc->pos += sp;
			continue;
		}
		break;
	}
	if (sc->ngroups == 1 && sc->group_len[0] == 0)
	{
		if (sc->pos == sc->len)
			return scan_fail(sc, "%s", "no digits");
		return unexpected(sc);
	}
	return true;
}

/* Scale and currency after the number: "M€", " Md €", "k EUR", "€". */
static bool
scan_suffix(amount_scan *sc)
{
	skip_spaces(sc);
	if (accept(sc, "Mds", false) || accept(sc, "Md", false))
		sc->exponent = 9;
	else if (accept(sc, "M", false))
		sc->exponent = 6;
	else if (accept(sc, "k", false) || accept(sc, "K", false))
		sc->exponent = 3;
	skip_spaces(sc);
	if (!sc->currency && accept_currency(sc))
		skip_spaces(sc);
	if (sc->pos != sc->len)
		return unexpected(sc);
	return true;
}

/*
 * Decide which separator, if any, is the decimal one, and check the
 * thousands grouping.  Returns the index of the first fraction group, or
 * ngroups when there is none; -1 on error.
 */
static int
split_fraction(amount_scan *sc)
{
	int			n = sc->ngroups;
	char		last = n > 1 ? sc->sep[n - 1] : 0;
	int			count_last = 0,
				frac_at = n;
	char		thousands = 0;

	for (int i = 1; i < n; i++)
		count_last += sc->sep[i] == last;
	if (last == '.' || last == ',')
	{
		if (count_last == 1)
			frac_at = n - 1;
		if (n == 2 && sc->group_len[0] >= 1 && sc->group_len[0] <= 3 &&
			sc->s[sc->group_at[0]] != '0' && sc->group_len[1] == 3)
		{
			char		what[120];

			snprintf(what, sizeof(what), "\"%c\" could be a decimal or a thousands separator", last);
			scan_fail(sc, "%s", what);
			ti_hint(sc->err, "Write 1234.5 or 1 234,5 for a decimal amount, 1234 or 1 234 for a whole one.");
			return -1;
		}
	}
	for (int i = 1; i < frac_at; i++)
	{
		if (thousands == 0)
			thousands = sc->sep[i];
		else if (sc->sep[i] != thousands)
		{
			scan_fail(sc, "%s", "mixed thousands separators");
			return -1;
		}
		if (sc->group_len[i] != 3)
		{
			scan_fail(sc, "%s", "digit groups after a thousands separator must have 3 digits");
			return -1;
		}
	}
	if (frac_at > 1 && (sc->group_len[0] == 0 || sc->group_len[0] > 3))
	{
		scan_fail(sc, "%s", "the first digit group before a thousands separator must have 1 to 3 digits");
		return -1;
	}
	return frac_at;
}

/* cents = digits * 10^(exponent + 2 - fraction digits), exactly or not at all. */
static bool
compose(amount_scan *sc, int frac_at, int64_t *cents)
{
	const uint64_t limit = sc->negative ? UINT64_C(1) << 63 : (UINT64_C(1) << 63) - 1;
	uint64_t	value = 0;
	int			frac_digits = 0,
				shift;
	bool		overflow = false;
	const char *frac = NULL;

	if (frac_at < sc->ngroups)
	{
		frac = sc->s + sc->group_at[frac_at];
		frac_digits = (int) sc->group_len[frac_at];
		while (frac_digits > 0 && frac[frac_digits - 1] == '0')
			frac_digits--;		/* 1,2000 is 1,20 */
	}
	shift = sc->exponent + 2 - frac_digits;
	if (shift < 0)
	{
		scan_fail(sc, "%s", "finer than a cent");
		ti_detail(sc->err, "Amounts are stored in whole cents; round the value to 2 decimals first.");
		return false;
	}
	for (int g = 0; g <= frac_at && g < sc->ngroups; g++)
	{
		const char *p = sc->s + sc->group_at[g];
		size_t		n = g == frac_at ? (size_t) frac_digits : sc->group_len[g];

		for (size_t i = 0; i < n; i++)
		{
			uint64_t	d = (uint64_t) (p[i] - '0');

			if (value > (limit - d) / 10)
				overflow = true;
			else
				value = value * 10 + d;
		}
	}
	for (int i = 0; i < shift && !overflow; i++)
	{
		if (value > limit / 10)
			overflow = true;
		value *= 10;
	}
	if (overflow)
	{
		char		q[TI_QUOTE_BUF],
					what[TI_QUOTE_BUF + 16];

		snprintf(what, sizeof(what), "amount \"%s\"", ti_quote(q, sizeof(q), sc->s, sc->len, 40));
		return ti_eur_out_of_range(sc->err, what);
	}
	*cents = sc->negative ? (int64_t) (0 - value) : (int64_t) value;
	return true;
}

bool
ti_eur_parse(const char *s, size_t len, int64_t *cents, ti_error *err)
{
	amount_scan sc = {0};
	int			frac_at;
	bool		signed_first;

	if (!ti_text_begin(&s, &len, "amount", err))
		return false;
	sc.s = s;
	sc.len = len;
	sc.err = err;
	signed_first = accept_sign(&sc);
	if (accept_currency(&sc))
	{
		sc.currency = true;
		skip_spaces(&sc);
		if (!signed_first)
			accept_sign(&sc);
	}
	if (!scan_groups(&sc) || !scan_suffix(&sc))
		return false;
	frac_at = split_fraction(&sc);
	if (frac_at < 0)
		return false;
	return compose(&sc, frac_at, cents);
}

/* ------------------------------------------------------------- formatting */

static uint64_t
magnitude(int64_t cents)
{
	return cents < 0 ? 0 - (uint64_t) cents : (uint64_t) cents;
}

size_t
ti_eur_format(int64_t cents, char buf[TI_EUR_TEXT])
{
	uint64_t	m = magnitude(cents);

	return (size_t) snprintf(buf, TI_EUR_TEXT, "%s%llu.%02u", cents < 0 ? "-" : "",
							 (unsigned long long) (m / 100), (unsigned) (m % 100));
}

/* Append the digits of v grouped by three with a narrow no-break space. */
static size_t
append_grouped(char *buf, uint64_t v)
{
	char		digits[24];
	int			n = snprintf(digits, sizeof(digits), "%llu", (unsigned long long) v);
	size_t		len = 0;

	for (int i = 0; i < n; i++)
	{
		if (i > 0 && (n - i) % 3 == 0)
		{
			memcpy(buf + len, "\xE2\x80\xAF", 3);	/* U+202F */
			len += 3;
		}
		buf[len++] = digits[i];
	}
	buf[len] = '\0';
	return len;
}

size_t
ti_eur_format_fr(int64_t cents, bool scaled, char buf[TI_EUR_FR_TEXT])
{
	static const struct
	{
		uint64_t	euros;
		const char *unit;
	}			scales[] = {{1000000000, "Md€"}, {1000000, "M€"}, {1000, "k€"}};
	uint64_t	m = magnitude(cents);
	uint64_t	hundredths = m;	/* of the unit shown; a cent unscaled */
	const char *unit = "€";
	bool		unscaled = true;
	unsigned	frac;
	size_t		len = 0;

	for (size_t i = 0; scaled && i < sizeof(scales) / sizeof(scales[0]); i++)
	{
		uint64_t	q = m / scales[i].euros,
					r = m % scales[i].euros;

		if (r >= scales[i].euros - r)	/* round half away from zero */
			q++;
		/* 999,99 € stays in euros; 999 999,99 € rounds up to 1 M€ */
		if (q >= 100 && (scales[i].euros > 1000 || m >= 100000))
		{
			hundredths = q;
			unit = scales[i].unit;
			unscaled = false;
			break;
		}
	}
	if (cents < 0)
		buf[len++] = '-';
	len += append_grouped(buf + len, hundredths / 100);
	frac = (unsigned) (hundredths % 100);
	if (unscaled)
		len += (size_t) snprintf(buf + len, 8, ",%02u", frac);
	else if (frac != 0)			/* 1,36 Md€ and 1,5 M€, but 794 M€ */
		len += (size_t) snprintf(buf + len, 8, frac % 10 ? ",%02u" : ",%u",
								 frac % 10 ? frac : frac / 10);
	memcpy(buf + len, "\xC2\xA0", 2);	/* U+00A0 before the unit */
	len += 2;
	len += (size_t) snprintf(buf + len, 8, "%s", unit);
	return len;
}

/* ------------------------------------------------------------- arithmetic */

bool
ti_eur_add(int64_t a, int64_t b, int64_t *out, ti_error *err)
{
	if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
		return ti_eur_out_of_range(err, "sum");
	*out = a + b;
	return true;
}

bool
ti_eur_sub(int64_t a, int64_t b, int64_t *out, ti_error *err)
{
	if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b))
		return ti_eur_out_of_range(err, "difference");
	*out = a - b;
	return true;
}

bool
ti_eur_neg(int64_t a, int64_t *out, ti_error *err)
{
	if (a == INT64_MIN)
		return ti_eur_out_of_range(err, "negation");
	*out = -a;
	return true;
}

bool
ti_eur_mul_int(int64_t a, int64_t b, int64_t *out, ti_error *err)
{
	uint64_t	ma = magnitude(a),
				mb = magnitude(b);
	bool		neg = (a < 0) != (b < 0);
	uint64_t	limit = neg ? UINT64_C(1) << 63 : (UINT64_C(1) << 63) - 1;

	if (ma != 0 && mb > limit / ma)
		return ti_eur_out_of_range(err, "product");
	*out = neg ? (int64_t) (0 - ma * mb) : (int64_t) (ma * mb);
	return true;
}

bool
ti_eur_div_int(int64_t a, int64_t b, int64_t *out, ti_error *err)
{
	uint64_t	ma = magnitude(a),
				mb = magnitude(b),
				q,
				r;
	bool		neg = (a < 0) != (b < 0);

	if (b == 0)
		return ti_fail(err, TI_DIVISION_BY_ZERO, "division by zero");
	q = ma / mb;
	r = ma % mb;
	if (r >= mb - r)
		q++;
	if (q > (neg ? UINT64_C(1) << 63 : (UINT64_C(1) << 63) - 1))
		return ti_eur_out_of_range(err, "quotient");
	*out = neg ? (int64_t) (0 - q) : (int64_t) q;
	return true;
}

/* hi:lo = x * y, from 32-bit halves (no compiler extension) */
static void
mul_64x64(uint64_t x, uint64_t y, uint64_t *hi, uint64_t *lo)
{
	uint64_t	x0 = x & 0xffffffffu,
				x1 = x >> 32,
				y0 = y & 0xffffffffu,
				y1 = y >> 32;
	uint64_t	p00 = x0 * y0,
				p01 = x0 * y1,
				p10 = x1 * y0,
				mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);

	*lo = (mid << 32) | (p00 & 0xffffffffu);
	*hi = x1 * y1 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/*
 * Exact: b is m * 2^e with an integer m of 53 bits, so a * m fits in 128
 * bits and only the final shift rounds (half away from zero).  Going
 * through a double instead loses cents above 2^53 cents.
 */
bool
ti_eur_mul_float(int64_t a, double b, int64_t *out, ti_error *err)
{
	uint64_t	ma = magnitude(a),
				limit,
				hi,
				lo,
				m;
	bool		neg = (a < 0) != (b < 0);
	int			e;

	if (isnan(b) || (a == 0 && isinf(b)))
		return ti_fail(err, TI_BAD_PARAMETER, "cannot compute an amount from NaN");
	if (isinf(b))
		return ti_eur_out_of_range(err, "product");
	m = (uint64_t) ldexp(frexp(fabs(b), &e), 53);
	e -= 53;
	mul_64x64(ma, m, &hi, &lo);
	limit = neg ? UINT64_C(1) << 63 : (UINT64_C(1) << 63) - 1;
	if ((hi | lo) == 0)
		lo = 0;
	else if (e >= 0)
	{
		if (hi != 0 || e >= 64 || lo > (limit >> e))
			return ti_eur_out_of_range(err, "product");
		lo <<= e;
	}
	else if (-e > 117)			/* a * m < 2^117: below half a cent */
		lo = 0;
	else
	{
		int			s = -e;
		uint64_t	half_hi = s > 64 ? UINT64_C(1) << (s - 65) : 0,
					half_lo = s > 64 ? 0 : UINT64_C(1) << (s - 1);

		lo += half_lo;
		hi += half_hi + (lo < half_lo ? 1 : 0);
		lo = s >= 64 ? hi >> (s - 64) : (lo >> s) | (s > 0 ? hi << (64 - s) : 0);
		hi = s >= 64 ? 0 : hi >> s;
		if (hi != 0 || lo > limit)
			return ti_eur_out_of_range(err, "product");
	}
	*out = neg ? (int64_t) (0 - lo) : (int64_t) lo;
	return true;
}

/*
 * Exact like the product: b is m * 2^e, so a / b is (a * 2^-e) / m, found by
 * long division one bit at a time (the remainder stays below m < 2^53) and
 * rounded once, half away from zero.  A double quotient loses cents above
 * 2^53 cents.
 */
bool
ti_eur_div_float(int64_t a, double b, int64_t *out, ti_error *err)
{
	uint64_t	ma = magnitude(a),
				limit,
				m,
				q = 0,
				r = 0;
	bool		neg = (a < 0) != (b < 0);
	int			e;

	if (isnan(b))
		return ti_fail(err, TI_BAD_PARAMETER, "cannot compute an amount from NaN");
	if (b == 0.0)
		return ti_fail(err, TI_DIVISION_BY_ZERO, "division by zero");
	limit = neg ? UINT64_C(1) << 63 : (UINT64_C(1) << 63) - 1;
	if (isinf(b) || ma == 0)
		q = 0;
	else
	{
		m = (uint64_t) ldexp(frexp(fabs(b), &e), 53);
		e -= 53;
		if (e > 0)
		{
			/* a divisor of 2^64 or more is at least twice any amount */
			if (e >= 64 || (m << e) >> e != m)
				q = (e - 1 < 64 && (m << (e - 1)) >> (e - 1) == m && ma == m << (e - 1)) ? 1 : 0;
			else
			{
				m <<= e;
				q = ma / m;
				r = ma % m;
				if (r >= m - r)
					q++;
			}
		}
		else
		{
			/* the bits of a, then -e zero bits */
			for (int i = 63 - e; i >= 0; i--)
			{
				r = 2 * r + (i >= -e ? (ma >> (i + e)) & 1 : 0);
				if (q > limit / 2)
					return ti_eur_out_of_range(err, "quotient");
				q = 2 * q + (r >= m ? 1 : 0);
				if (r >= m)
					r -= m;
			}
			if (r >= m - r)
				q++;
		}
	}
	if (q > limit)
		return ti_eur_out_of_range(err, "quotient");
	*out = neg ? (int64_t) (0 - q) : (int64_t) q;
	return true;
}

/* ------------------------------------------------------------ aggregation */

bool
ti_eur_sum_state_combine(ti_eur_sum_state *acc, const ti_eur_sum_state *other, ti_error *err)
{
	ti_eur_sum_state	r = *acc;

	if (!ti_wide_add_checked(&r.sum, &other->sum) || other->count > INT64_MAX - r.count)
		return ti_fail(err, TI_OUT_OF_RANGE, "eur aggregate states too large to combine: (sum, count) beyond (128 bits, 2^63 - 1)");
	r.count += other->count;
	*acc = r;
	return true;
}

bool
ti_eur_sum_state_sum(const ti_eur_sum_state *acc, int64_t *out, ti_error *err)
{
	if (!ti_wide_fits64(&acc->sum))
		return ti_eur_out_of_range(err, "sum");
	*out = (int64_t) acc->sum.lo;
	return true;
}

bool
ti_eur_sum_state_avg(const ti_eur_sum_state *acc, int64_t *out, ti_error *err)
{
	if (acc->count <= 0)
		return ti_fail(err, TI_BAD_PARAMETER, "average of no amounts");
	if (!ti_wide_div_round(&acc->sum, acc->count, out))
		return ti_eur_out_of_range(err, "average");
	return true;
}

size_t
ti_eur_sum_state_format(const ti_eur_sum_state *acc, char *buf)
{
	size_t		len = 0;

	buf[len++] = '(';
	len += ti_wide_to_text(&acc->sum, buf + len);
	len += (size_t) snprintf(buf + len, 24, ",%lld)", (long long) acc->count);
	return len;
}

bool
ti_eur_sum_state_parse(const char *s, size_t len, ti_eur_sum_state *acc, ti_error *err)
{
	char		q[TI_QUOTE_BUF];
	const char *comma;
	ti_wide		count;

	if (!ti_text_begin(&s, &len, "eur aggregate state", err))
		return false;
	comma = len > 2 ? memchr(s, ',', len) : NULL;
	if (comma == NULL || s[0] != '(' || s[len - 1] != ')' ||
		!ti_wide_from_text(s + 1, (size_t) (comma - s - 1), &acc->sum) ||
		!ti_wide_from_text(comma + 1, (size_t) (s + len - 1 - comma - 1), &count) ||
		!ti_wide_fits64(&count) || count.hi < 0)
	{
		ti_fail(err, TI_BAD_TEXT, "invalid eur aggregate state \"%s\": expected (sum in cents,count)",
				ti_quote(q, sizeof(q), s, len, 60));
		return false;
	}
	acc->count = (int64_t) count.lo;
	return true;
}

#define EUR_ACC_VERSION 1

void
ti_eur_sum_state_to_bytes(const ti_eur_sum_state *acc, unsigned char out[TI_EUR_SUM_STATE_BYTES])
{
	out[0] = EUR_ACC_VERSION;
	ti_put_be(out + 1, (uint64_t) acc->sum.hi, 8);
	ti_put_be(out + 9, acc->sum.lo, 8);
	ti_put_be(out + 17, (uint64_t) acc->count, 8);
}

bool
ti_eur_sum_state_from_bytes(const unsigned char *in, size_t len, ti_eur_sum_state *acc, ti_error *err)
{
	if (len != TI_EUR_SUM_STATE_BYTES)
		return ti_fail(err, TI_BAD_BINARY, "invalid binary eur aggregate state: %zu bytes, expected %d",
					   len, TI_EUR_SUM_STATE_BYTES);
	if (in[0] != EUR_ACC_VERSION)
		return ti_fail(err, TI_BAD_BINARY, "invalid binary eur aggregate state: format version %d, expected %d",
					   in[0], EUR_ACC_VERSION);
	acc->sum.hi = (int64_t) ti_get_be(in + 1, 8);
	acc->sum.lo = ti_get_be(in + 9, 8);
	acc->count = (int64_t) ti_get_be(in + 17, 8);
	if (acc->count < 0)
		return ti_fail(err, TI_BAD_BINARY, "invalid binary eur aggregate state: negative count %lld",
					   (long long) acc->count);
	return true;
}
