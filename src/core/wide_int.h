/*
 * wide_int.h: a portable signed 128-bit accumulator for exact sums of cents.
 *
 * Summing int64 cents can exceed int64 midway even when the total fits (or a
 * total can exceed it by a little): aggregates accumulate in 128 bits and
 * only the final result is range-checked.  Written with two 64-bit halves so
 * that it needs no compiler extension.
 */
#ifndef TERRIND_CORE_WIDE_INT_H
#define TERRIND_CORE_WIDE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ti_wide
{
	int64_t		hi;
	uint64_t	lo;
} ti_wide;

static inline void
ti_wide_add64(ti_wide *w, int64_t v)
{
	uint64_t	lo = w->lo + (uint64_t) v;

	w->hi += (v < 0 ? -1 : 0) + (lo < w->lo ? 1 : 0);
	w->lo = lo;
}

static inline void
ti_wide_add(ti_wide *w, const ti_wide *v)
{
	uint64_t	lo = w->lo + v->lo;

	w->hi += v->hi + (lo < w->lo ? 1 : 0);
	w->lo = lo;
}

/* w += v; false, w unchanged, if the sum is beyond 128 bits. */
static inline bool
ti_wide_add_checked(ti_wide *w, const ti_wide *v)
{
	uint64_t	lo = w->lo + v->lo;
	uint64_t	hi = (uint64_t) w->hi + (uint64_t) v->hi + (lo < w->lo ? 1 : 0);

	/* signed overflow: both addends of one sign, the sum of the other */
	if ((((uint64_t) w->hi ^ hi) & ((uint64_t) v->hi ^ hi)) >> 63)
		return false;
	w->hi = (int64_t) hi;
	w->lo = lo;
	return true;
}

static inline bool
ti_wide_fits64(const ti_wide *w)
{
	return w->hi == ((w->lo >> 63) ? -1 : 0);
}

static inline bool
ti_wide_is_zero(const ti_wide *w)
{
	return w->hi == 0 && w->lo == 0;
}

/* Quotient of w / d (d > 0), rounded half away from zero; false if it overflows int64. */
bool		ti_wide_div_round(const ti_wide *w, int64_t d, int64_t *out);

/* Decimal text of w; buf needs 41 bytes.  Returns the length. */
size_t		ti_wide_to_text(const ti_wide *w, char *buf);

/* Parse optional '-' and decimal digits, all of s[0..len); false if malformed or too large. */
bool		ti_wide_from_text(const char *s, size_t len, ti_wide *out);

#endif
