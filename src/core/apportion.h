/*
 * apportion.h: split an amount of cents by weights so that the parts add up
 * exactly to the amount.
 *
 * Largest-remainder method: each part gets the floor of its exact quota
 * |amount| * w / sum(w); the cents left over (fewer than the number of
 * weights) go one each to the largest remainders, the lower position first
 * among equal ones.  A negative amount is split as its magnitude, then every
 * part negated, so that apportion(-x) = -apportion(x).
 *
 * Float weights become integers below 2^(127 - bit width of n) by an exact
 * power-of-two scaling, and the rest is integer arithmetic: the result is
 * exact, and the same on every IEEE 754 machine, whenever every non-zero
 * weight is within a factor 2^(74 - bit width of n) of the largest (2^54 for
 * a million weights).  A still smaller weight is rounded to that resolution,
 * which moves no quota by more than 2^-20 cent for up to a million weights.
 * The numeric version lives in src/apportion.c, as it needs PostgreSQL's
 * numeric, and shares the last step and the messages.
 */
#ifndef TERRIND_CORE_APPORTION_H
#define TERRIND_CORE_APPORTION_H

#include <stdint.h>

#include "error.h"

/* One weight's share while it is computed: caller-provided work space. */
typedef struct ti_share
{
	uint64_t	quotient;		/* floor of the quota, in cents */
	uint64_t	remainder_hi;	/* float version: the quota's remainder, */
	uint64_t	remainder_lo;	/* over the sum of the integer weights */
	size_t		index;			/* position of the weight, from 0 */
} ti_share;

/* The most weights apportion accepts (keeps the integer weights wide). */
#define TI_APPORTION_MAX_WEIGHTS ((size_t) 1 << 30)

/*
 * Split amount by weights[0..n) into parts[0..n), using work[0..n).  Fails
 * with 22023 for no weights, a negative, NaN or infinite weight (naming its
 * position, from 1) or weights that are all zero.
 */
bool		ti_apportion(int64_t amount, const double *weights, size_t n,
						 int64_t *parts, ti_share *work, ti_error *err);

/*
 * The last step: shares[0..n) hold the floors of the quotas of |amount|,
 * summing to at most |amount| and more than |amount| - n, in rank order
 * (largest remainder first, then lower index).  Gives the cents left over
 * one each to the first ranks, and writes parts[index] with amount's sign.
 */
void		ti_apportion_finish(int64_t amount, const ti_share *shares, size_t n, int64_t *parts);

/* 22023 errors, shared by both versions. */
bool		ti_apportion_bad_weight(ti_error *err, size_t position, const char *why);
bool		ti_apportion_no_weights(ti_error *err);
bool		ti_apportion_all_zero(ti_error *err);

#endif
