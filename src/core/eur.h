/*
 * eur.h: exact amounts of euros, as a signed 64-bit count of cents.
 *
 * Parsing accepts what French spreadsheets and reports contain; every
 * operation is overflow-checked and rounds half away from zero to the cent.
 */
#ifndef TERRIND_CORE_EUR_H
#define TERRIND_CORE_EUR_H

#include <stdint.h>

#include "error.h"
#include "wide_int.h"

/* Longest output of ti_eur_format, terminator included. */
#define TI_EUR_TEXT 24
/* Longest output of ti_eur_format_fr, terminator included. */
#define TI_EUR_FR_TEXT 64

bool		ti_eur_parse(const char *s, size_t len, int64_t *cents, ti_error *err);
/* Plain "-1234.56"; returns the length. */
size_t		ti_eur_format(int64_t cents, char buf[TI_EUR_TEXT]);
/* French "-1 234 567,89 €", or scaled "1,36 Md€" (rounded to 2 decimals). */
size_t		ti_eur_format_fr(int64_t cents, bool scaled, char buf[TI_EUR_FR_TEXT]);

bool		ti_eur_add(int64_t a, int64_t b, int64_t *out, ti_error *err);
bool		ti_eur_sub(int64_t a, int64_t b, int64_t *out, ti_error *err);
bool		ti_eur_neg(int64_t a, int64_t *out, ti_error *err);
bool		ti_eur_mul_int(int64_t a, int64_t b, int64_t *out, ti_error *err);
bool		ti_eur_div_int(int64_t a, int64_t b, int64_t *out, ti_error *err);
bool		ti_eur_mul_float(int64_t a, double b, int64_t *out, ti_error *err);
bool		ti_eur_div_float(int64_t a, double b, int64_t *out, ti_error *err);

/* Report an amount beyond the type's range (22003). */
bool		ti_eur_out_of_range(ti_error *err, const char *what);

/*
 * State of sum() and avg() over eur: a 128-bit sum, so that no intermediate
 * total can overflow, and the number of amounts.
 */
typedef struct ti_eur_sum_state
{
	ti_wide		sum;
	int64_t		count;
} ti_eur_sum_state;

static inline void
ti_eur_sum_state_add(ti_eur_sum_state *acc, int64_t cents)
{
	ti_wide_add64(&acc->sum, cents);
	acc->count++;
}

/* acc += other; 22003 if the sum or the count overflows (crafted states). */
bool		ti_eur_sum_state_combine(ti_eur_sum_state *acc, const ti_eur_sum_state *other, ti_error *err);
bool		ti_eur_sum_state_sum(const ti_eur_sum_state *acc, int64_t *out, ti_error *err);
bool		ti_eur_sum_state_avg(const ti_eur_sum_state *acc, int64_t *out, ti_error *err);
/* Text form "(sum_cents,count)", for Citus and psql; buf needs 64 bytes. */
size_t		ti_eur_sum_state_format(const ti_eur_sum_state *acc, char *buf);
bool		ti_eur_sum_state_parse(const char *s, size_t len, ti_eur_sum_state *acc, ti_error *err);
/*
 * Binary form, architecture-neutral: version byte 1, then the sum's high and
 * low halves and the count as big-endian 64-bit integers (25 bytes).
 */
#define TI_EUR_SUM_STATE_BYTES 25
void		ti_eur_sum_state_to_bytes(const ti_eur_sum_state *acc, unsigned char out[TI_EUR_SUM_STATE_BYTES]);
bool		ti_eur_sum_state_from_bytes(const unsigned char *in, size_t len, ti_eur_sum_state *acc, ti_error *err);

#endif
