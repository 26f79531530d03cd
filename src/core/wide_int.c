#include "wide_int.h"

#include <string.h>

/* Magnitude of w as (hi, lo) unsigned halves, and its sign. */
static bool
magnitude(const ti_wide *w, uint64_t *hi, uint64_t *lo)
{
	bool		neg = w->hi < 0;

	*hi = (uint64_t) w->hi;
	*lo = w->lo;
	if (neg)
	{
		*lo = ~*lo + 1;
		*hi = ~*hi + (*lo == 0 ? 1 : 0);
	}
	return neg;
}

static void
from_magnitude(bool neg, uint64_t hi, uint64_t lo, ti_wide *w)
{
	if (neg)
	{
		lo = ~lo + 1;
		hi = ~hi + (lo == 0 ? 1 : 0);
	}
	w->hi = (int64_t) hi;
	w->lo = lo;
}

/* Divide the unsigned 128-bit (hi, lo) by d in place, returning the remainder. */
static uint64_t
udiv_small(uint64_t *hi, uint64_t *lo, uint64_t d)
{
	uint64_t	rem = 0,
				qhi = 0,
				qlo = 0;

	for (int bit = 127; bit >= 0; bit--)
	{
		uint64_t	b = bit >= 64 ? (*hi >> (bit - 64)) & 1 : (*lo >> bit) & 1;
		bool		carry = (rem >> 63) != 0;

		rem = (rem << 1) | b;
		if (carry || rem >= d)
		{
			rem -= d;
			if (bit >= 64)
				qhi |= UINT64_C(1) << (bit - 64);
			else
				qlo |= UINT64_C(1) << bit;
		}
	}
	*hi = qhi;
	*lo = qlo;
	return rem;
}

bool
ti_wide_div_round(const ti_wide *w, int64_t d, int64_t *out)
{
	uint64_t	hi,
				lo,
				rem;
	bool		neg = magnitude(w, &hi, &lo);

	rem = udiv_small(&hi, &lo, (uint64_t) d);
	if (rem >= (uint64_t) d - rem)	/* rem * 2 >= d, without overflow */
	{
		lo++;
		if (lo == 0)
			hi++;
	}
	if (hi != 0 || lo > (neg ? UINT64_C(1) << 63 : (UINT64_C(1) << 63) - 1))
		return false;
	*out = neg ? (int64_t) (0 - lo) : (int64_t) lo;
	return true;
}

size_t
ti_wide_to_text(const ti_wide *w, char *buf)
{
	char		rev[40];
	size_t		n = 0,
				len = 0;
	uint64_t	hi,
				lo;
	bool		neg = magnitude(w, &hi, &lo);

	do
		rev[n++] = (char) ('0' + udiv_small(&hi, &lo, 10));
	while (hi != 0 || lo != 0);
	if (neg)
		buf[len++] = '-';
	while (n > 0)
		buf[len++] = rev[--n];
	buf[len] = '\0';
	return len;
}

bool
ti_wide_from_text(const char *s, size_t len, ti_wide *out)
{
	uint64_t	hi = 0,
				lo = 0;
	bool		neg = false;
	size_t		i = 0;

	if (len > 0 && s[0] == '-')
	{
		neg = true;
		i = 1;
	}
	if (i == len)
		return false;
	for (; i < len; i++)
	{
		uint64_t	d,
					lo10,
					carry;

		if (s[i] < '0' || s[i] > '9')
			return false;
		d = (uint64_t) (s[i] - '0');
		/* (hi, lo) = (hi, lo) * 10 + d, refusing to pass 2^127 */
		if (hi > (UINT64_C(1) << 62) / 5)
			return false;
		carry = (lo >> 32) * 10;
		lo10 = (lo & 0xFFFFFFFF) * 10 + (carry << 32);
		hi = hi * 10 + (carry >> 32) + (lo10 < (carry << 32) ? 1 : 0);
		lo = lo10 + d;
		if (lo < d)
			hi++;
		if (hi > UINT64_C(1) << 63 || (hi == UINT64_C(1) << 63 && lo != 0))
			return false;
	}
	/* -2^127 is the one magnitude of 2^127 that fits, and ti_wide_to_text prints it */
	if (!neg && hi >> 63)
		return false;
	from_magnitude(neg, hi, lo, out);
	return true;
}
