/*
 * error.h: how the plain-C core reports a rejected value.
 *
 * The core never aborts and never allocates to report an error: a function
 * that can fail takes a ti_error, fills it and returns false.  The PostgreSQL
 * layer turns the kind into a SQLSTATE (see src/pg_error.h); unit tests read
 * the message directly.
 */
#ifndef TERRIND_CORE_ERROR_H
#define TERRIND_CORE_ERROR_H

#include <stdbool.h>
#include <stddef.h>

typedef enum ti_error_kind
{
	TI_OK = 0,
	TI_BAD_TEXT,				/* 22P02 invalid_text_representation */
	TI_BAD_BINARY,				/* 22P03 invalid_binary_representation */
	TI_OUT_OF_RANGE,			/* 22003 numeric_value_out_of_range */
	TI_BAD_PARAMETER,			/* 22023 invalid_parameter_value */
	TI_DIVISION_BY_ZERO,		/* 22012 division_by_zero */
	TI_OUT_OF_MEMORY,			/* 53200 out_of_memory */
	TI_CANCELED,				/* 57014 query_canceled: the caller asked to stop */
	TI_LIMIT_EXCEEDED			/* 54000 program_limit_exceeded */
} ti_error_kind;

typedef struct ti_error
{
	ti_error_kind kind;
	char		message[256];
	char		detail[512];
	char		hint[256];
} ti_error;

/* Set kind and message (printf-style); clears detail and hint.  Returns false. */
bool		ti_fail(ti_error *err, ti_error_kind kind, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
void		ti_detail(ti_error *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));
void		ti_hint(ti_error *err, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/*
 * Copy at most max_chars UTF-8 characters of s[0..len) into buf for quoting
 * in a message, ending with "..." when cut, never splitting a character.
 */
const char *ti_quote(char *buf, size_t bufsize, const char *s, size_t len,
					 size_t max_chars);

#define TI_QUOTE_BUF 160

/*
 * Whether the caller asks a long computation to stop (a cancel, a timeout,
 * a terminate): set by the PostgreSQL layer, NULL in the unit tests.  The
 * core polls it in its loops over input and returns TI_CANCELED, so that it
 * is left by a return like any error, never by a longjmp.
 */
extern bool (*ti_interrupt_pending) (void);

/* In a loop over input, at each step: false with TI_CANCELED every 2^16 steps if asked to stop. */
static inline bool
ti_keep_going(size_t step, ti_error *err)
{
	if ((step & 0xffff) != 0 || ti_interrupt_pending == NULL || !ti_interrupt_pending())
		return true;
	return ti_fail(err, TI_CANCELED, "canceling the computation: the server asked to stop");
}

#endif
