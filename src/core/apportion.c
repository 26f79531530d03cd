#include "apportion.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

bool
ti_apportion_bad_weight(ti_error *err, size_t position, const char *why)
{
	ti_fail(err, TI_BAD_PARAMETER, "invalid weight at position %zu: %s", position, why);
	ti_detail(err, "Weights must be zero or positive finite numbers, at least one of them positive.");
	return false;
}

bool
ti_apportion_no_weights(ti_error *err)
{
	ti_fail(err, TI_BAD_PARAMETER, "cannot apportion by an empty array of weights");
	ti_detail(err, "Give one weight per part, for example ARRAY[2, 1, 1].");
	return false;
}

bool
ti_apportion_all_zero(ti_error *err)
{
	ti_fail(err, TI_BAD_PARAMETER, "cannot apportion by weights that are all zero");
	ti_detail(err, "At least one weight must be positive.");
	return false;
}

static uint64_t
magnitude(int64_t v)
{
	return v < 0 ? 0 - (uint64_t) v : (uint64_t) v;
}

void
ti_apportion_finish(int64_t amount, const ti_share *shares, size_t n, int64_t *parts)
{
	uint64_t	left = magnitude(amount);

	for (size_t r = 0; r < n; r++)
		left -= shares[r].quotient;
	for (size_t r = 0; r < n; r++)
	{
		uint64_t	part = shares[r].quotient + (r < left ? 1 : 0);

		parts[shares[r].index] = amount < 0 ? (int64_t) (0 - part) : (int64_t) part;
	}
}

/* ------------------------------------------------------ float weights */

/* Unsigned 128-bit integers, just what the float version needs. */
typedef struct u128
{
	uint64_t	hi,
				lo;
} u128;

static bool
u128_ge(u128 a, u128 b)
{
	return a.hi > b.hi || (a.hi == b.hi && a.lo >= b.lo);
}

static void
u128_add(u128 *a, u128 b)
{
	a->lo += b.lo;
	a->hi += b.hi + (a->lo < b.lo ? 1 : 0);
}

static void
u128_sub(u128 *a, u128 b)
{
	a->hi -= b.hi + (a->lo < b.lo ? 1 : 0);
	a->lo -= b.lo;
}

/* a * b in full, as 128 bits. */
static u128
mul64(uint64_t a, uint64_t b)
{
	uint64_t	a_lo = a & 0xFFFFFFFF,
				a_hi = a >> 32,
				b_lo = b & 0xFFFFFFFF,
				b_hi = b >> 32;
	uint64_t	ll = a_lo * b_lo,
				lh = a_lo * b_hi,
				hl = a_hi * b_lo;
	/* the middle column holds at most 3 * (2^32 - 1): no overflow */
	uint64_t	mid = (ll >> 32) + (lh & 0xFFFFFFFF) + (hl & 0xFFFFFFFF);
	u128		r;

	r.lo = (mid << 32) | (ll & 0xFFFFFFFF);
	r.hi = a_hi * b_hi + (lh >> 32) + (hl >> 32) + (mid >> 32);
	return r;
}

/*
 * floor(a * u / d) and the remainder, for a * u / d below 2^64 and d below
 * 2^127: the 192-bit product's high 128 bits are then below d, and long
 * division needs only the low 64 bits' steps.
 */
static uint64_t
muldiv(uint64_t a, u128 u, u128 d, u128 *rem)
{
	u128		low = mul64(a, u.lo),
				high = mul64(a, u.hi);
	u128		r = high;
	uint64_t	q = 0;

	r.lo += low.hi;
	r.hi += r.lo < low.hi ? 1 : 0;
	for (int bit = 63; bit >= 0; bit--)
	{
		r.hi = (r.hi << 1) | (r.lo >> 63);
		r.lo = (r.lo << 1) | ((low.lo >> bit) & 1);
		q <<= 1;
		if (u128_ge(r, d))
		{
			u128_sub(&r, d);
			q |= 1;
		}
	}
	*rem = r;
	return q;
}

/* w * 2^shift rounded half up, for 0 <= w and a result below 2^127. */
static u128
scaled_weight(double w, int shift)
{
	int			exponent;
	/* w = m * 2^(exponent - 53) with m a 53-bit integer, or 0 */
	uint64_t	m = (uint64_t) ldexp(frexp(w, &exponent), 53);
	int			s = exponent - 53 + shift;
	u128		u = {0, 0};

	if (m == 0)
		return u;
	if (s >= 64)
		u.hi = m << (s - 64);
	else if (s > 0)
	{
		u.hi = m >> (64 - s);
		u.lo = m << s;
	}
	else if (s == 0)
		u.lo = m;
	else if (s > -64)
		u.lo = (m >> -s) + ((m >> (-s - 1)) & 1);
	return u;
}

static bool
check_weight(double w, size_t position, ti_error *err)
{
	char		why[64];

	if (isnan(w))
		return ti_apportion_bad_weight(err, position, "NaN");
	if (isinf(w))
		return ti_apportion_bad_weight(err, position, "infinite");
	if (w < 0)
	{
		snprintf(why, sizeof(why), "negative (%g)", w);
		return ti_apportion_bad_weight(err, position, why);
	}
	return true;
}

/* Largest remainder first, then lower position: a total order, so qsort is deterministic. */
static int
rank_cmp(const void *a, const void *b)
{
	const ti_share *x = a,
			   *y = b;

	if (x->remainder_hi != y->remainder_hi)
		return x->remainder_hi > y->remainder_hi ? -1 : 1;
	if (x->remainder_lo != y->remainder_lo)
		return x->remainder_lo > y->remainder_lo ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Number of bits needed to write n. */
static int
bit_width(size_t n)
{
	int			bits = 0;

	for (; n > 0; n >>= 1)
		bits++;
	return bits;
}

bool
ti_apportion(int64_t amount, const double *weights, size_t n,
			 int64_t *parts, ti_share *work, ti_error *err)
{
	double		largest = 0;
	int			exponent,
				shift;
	u128		total = {0, 0};

	if (n == 0)
		return ti_apportion_no_weights(err);
	if (n > TI_APPORTION_MAX_WEIGHTS)
		return ti_fail(err, TI_LIMIT_EXCEEDED, "cannot apportion by more than %zu weights",
					   TI_APPORTION_MAX_WEIGHTS);
	for (size_t i = 0; i < n; i++)
	{
		if (!ti_keep_going(i, err) || !check_weight(weights[i], i + 1, err))
			return false;
		if (weights[i] > largest)
			largest = weights[i];
	}
	if (largest == 0)
		return ti_apportion_all_zero(err);

	/* largest < 2^exponent: every scaled weight is below 2^(127 - bits), their sum below 2^127 */
	frexp(largest, &exponent);
	shift = 127 - bit_width(n) - exponent;
	for (size_t i = 0; i < n; i++)
		u128_add(&total, scaled_weight(weights[i], shift));
	for (size_t i = 0; i < n; i++)
	{
		u128		rem;

		if (!ti_keep_going(i, err))
			return false;
		work[i].quotient = muldiv(magnitude(amount), scaled_weight(weights[i], shift), total, &rem);
		work[i].remainder_hi = rem.hi;
		work[i].remainder_lo = rem.lo;
		work[i].index = i;
	}
	qsort(work, n, sizeof(ti_share), rank_cmp);
	ti_apportion_finish(amount, work, n, parts);
	return true;
}
