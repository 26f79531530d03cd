/*
 * funding.h: the programme's needs, and amounts of euros broken down by need.
 *
 * Needs are phase-dependent: phase 2018-2022 answered four needs (recruter,
 * innover, attirer, simplifier), phase 2023-2027 four priorities
 * (competences, innovation, transition_ecologique, foncier).  A need is coded
 * 1..8 in that order, so sorting by code sorts by phase, then by the
 * programme's order.
 *
 * A breakdown holds one amount of cents per need.  Its accumulator, the state
 * of the sum_by_need() and sum(need_breakdown) aggregates, sums in 128 bits
 * so that the result depends only on the rows, never on their order: only
 * the final breakdown is range-checked.
 *
 * Parsers and decoders take a buffer and its length (not necessarily
 * NUL-terminated), so that fuzz targets call them directly.
 */
#ifndef TERRIND_CORE_FUNDING_H
#define TERRIND_CORE_FUNDING_H

#include <stdint.h>

#include "error.h"
#include "wide_int.h"

#define TI_NEED_COUNT 8
/* Longest need code, terminator included ("transition_ecologique"). */
#define TI_NEED_TEXT 22

/* Is code one of the needs 1..TI_NEED_COUNT? */
static inline bool
ti_need_valid(int code)
{
	return code >= 1 && code <= TI_NEED_COUNT;
}

/* Case, accents and the separator (space, '-' or '_') do not matter. */
bool		ti_need_parse(const char *s, size_t len, int16_t *code, ti_error *err);
/* A need received in binary form or from a cast (22P03 when not 1..8). */
bool		ti_need_check(int32_t code, ti_error *err);
/* Canonical code such as "transition_ecologique", of a valid need. */
const char *ti_need_code(int16_t code);
/* French label such as "Transition écologique" (UTF-8), of a valid need. */
const char *ti_need_label(int16_t code);
/* Phase "2018-2022" or "2023-2027", of a valid need. */
const char *ti_need_phase(int16_t code);

typedef struct ti_breakdown
{
	int64_t		cents[TI_NEED_COUNT];	/* index code - 1 */
} ti_breakdown;

/* Longest text form, terminator included. */
#define TI_BREAKDOWN_TEXT (2 + TI_NEED_COUNT * (TI_NEED_TEXT + 2 + 24))
/* Longest binary form: version, count, then (int16 need, int64 cents) each. */
#define TI_BREAKDOWN_MAX_BYTES (2 + TI_NEED_COUNT * 10)

/* Text "{recruter: 1234.56, innover: 10.00}", non-zero needs only; "{}". */
bool		ti_breakdown_parse(const char *s, size_t len, ti_breakdown *out, ti_error *err);
size_t		ti_breakdown_format(const ti_breakdown *b, char buf[TI_BREAKDOWN_TEXT]);
/* Binary form, non-zero needs only, in increasing need order; returns its length. */
size_t		ti_breakdown_encode(const ti_breakdown *b, unsigned char out[TI_BREAKDOWN_MAX_BYTES]);
bool		ti_breakdown_decode(const unsigned char *in, size_t len, ti_breakdown *out, ti_error *err);

bool		ti_breakdown_equal(const ti_breakdown *a, const ti_breakdown *b);
/* a + b need by need; 22003 if any need's sum is beyond the eur range. */
bool		ti_breakdown_add(const ti_breakdown *a, const ti_breakdown *b, ti_breakdown *out, ti_error *err);
/* Sum over all needs; 22003 beyond the eur range. */
bool		ti_breakdown_total(const ti_breakdown *b, int64_t *out, ti_error *err);

typedef struct ti_breakdown_acc
{
	ti_wide		sum[TI_NEED_COUNT];
	int64_t		count;			/* rows added: no rows gives NULL, like sum() */
} ti_breakdown_acc;

/* One amount for a valid need: the per-row step, kept inline and branch-free. */
static inline void
ti_breakdown_acc_add(ti_breakdown_acc *acc, int16_t need, int64_t cents)
{
	ti_wide_add64(&acc->sum[need - 1], cents);
	acc->count++;
}

void		ti_breakdown_acc_add_breakdown(ti_breakdown_acc *acc, const ti_breakdown *b);
/* acc += other; 22003 if a sum or the count overflows (crafted states). */
bool		ti_breakdown_acc_combine(ti_breakdown_acc *acc, const ti_breakdown_acc *other, ti_error *err);
/* The sums as a breakdown; 22003 naming the need whose sum is beyond the eur range. */
bool		ti_breakdown_acc_result(const ti_breakdown_acc *acc, ti_breakdown *out, ti_error *err);

/* Text "(s1,...,s8,count)": the 128-bit sums in cents in need order, then the count. */
#define TI_BREAKDOWN_ACC_TEXT (3 + TI_NEED_COUNT * 41 + 21)
size_t		ti_breakdown_acc_format(const ti_breakdown_acc *acc, char buf[TI_BREAKDOWN_ACC_TEXT]);
bool		ti_breakdown_acc_parse(const char *s, size_t len, ti_breakdown_acc *acc, ti_error *err);

/* Binary: version byte, each sum's high and low halves, then the count, big-endian. */
#define TI_BREAKDOWN_ACC_BYTES (1 + TI_NEED_COUNT * 16 + 8)
void		ti_breakdown_acc_encode(const ti_breakdown_acc *acc, unsigned char out[TI_BREAKDOWN_ACC_BYTES]);
bool		ti_breakdown_acc_decode(const unsigned char *in, size_t len, ti_breakdown_acc *acc, ti_error *err);

#endif
