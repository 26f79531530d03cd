/*
 * report.h: turn a core ti_error into a PostgreSQL error report.
 *
 * Input functions report softly on PostgreSQL 16+ (pg_input_is_valid, COPY
 * ... ON_ERROR) and raise an ERROR on older servers; everything else raises.
 */
#ifndef TERRIND_REPORT_H
#define TERRIND_REPORT_H

#include "pg_compat.h"
#include "fmgr.h"

#include "error.h"

/* Raise err as an ERROR with its SQLSTATE, message, detail and hint. */
pg_noreturn void ti_raise(const ti_error *err);

/* Save err in escontext when it is an ErrorSaveContext (PG16+), else raise. */
void		ti_errsave(const ti_error *err, struct Node *escontext);

/* In an input function: report err softly if possible and return. */
#define TI_INPUT_ERROR(err) \
	do { \
		ti_errsave((err), fcinfo->context); \
		PG_RETURN_DATUM((Datum) 0); \
	} while (0)

/* Check a core call; raise its error if it failed. */
#define TI_CHECK(call, err) \
	do { \
		if (!(call)) \
			ti_raise(err); \
	} while (0)

/*
 * In a receive function: the bytes left in its binary message, which the
 * core decodes and, when malformed, rejects with 22P03.
 */
const uint8_t *ti_message_rest(FunctionCallInfo fcinfo, size_t *len);

#endif
