/*
 * boundary.h: the one boundary between the core and PostgreSQL.
 *
 * The core (src/core) reads and writes UTF-8; the database may be in any
 * server encoding.  Every text that crosses, in either direction, crosses
 * here: arguments of input functions and text arguments converted to UTF-8,
 * results of output functions and text results converted to the database
 * encoding, core errors raised with their SQLSTATE and their text converted.
 * A character the database cannot represent is a clear 22P05, text that is
 * not valid in its encoding a 22021, never garbage.  A SQL_ASCII database
 * has no encoding: its text reaches the core if it is valid UTF-8 and
 * leaves it as UTF-8.  scripts/check-boundary.pl keeps the other files of
 * src/ from converting, reading or returning C strings, or reporting errors
 * on their own.
 *
 * Input functions report softly on PostgreSQL 16+ (pg_input_is_valid, COPY
 * ... ON_ERROR) and raise an ERROR on older servers; everything else raises.
 * Like every header of src/, this one expects postgres.h included first.
 */
#ifndef TERRIND_BOUNDARY_H
#define TERRIND_BOUNDARY_H

#include "fmgr.h"

#include "pg_compat.h"

#include "error.h"

/* ------------------------------------------------------------------ text in */

/*
 * The UTF-8 form of s[0..len) in the database encoding (the same pointer
 * when no conversion is needed; NUL-terminated either way if s is), or
 * false with err set (22021 or 22P05).
 */
bool		ti_core_text(const char *s, size_t len, const char **utf8, size_t *utf8_len,
						 ti_error *err);

/* The same, raising instead of returning false. */
const char *ti_core_text_or_raise(const char *s, size_t len, size_t *utf8_len);

/* The cstring an output function returned, as UTF-8 (for a message). */
const char *ti_core_cstring(Datum cstring);

/* Text argument n as UTF-8, NUL-terminated; or false with err set. */
bool		ti_text_arg_soft(FunctionCallInfo fcinfo, int n, const char **s, size_t *len,
							 ti_error *err);

/* The same, raising instead of returning false. */
const char *ti_text_arg(FunctionCallInfo fcinfo, int n, size_t *len);

/*
 * In an input function: the cstring argument as UTF-8 in s and len, or the
 * conversion's error reported softly (and return).
 */
#define TI_INPUT_ARG(s, len) \
	do { \
		const char *in_ = PG_GETARG_CSTRING(0); \
		ti_error	conv_err_; \
		if (!ti_core_text(in_, strlen(in_), &(s), &(len), &conv_err_)) \
			TI_INPUT_ERROR(&conv_err_); \
	} while (0)

/* ----------------------------------------------------------------- text out */

/*
 * utf8[0..len) in the database encoding, NUL-terminated (utf8 itself when
 * no conversion is needed and utf8[len] is NUL).  A narrow no-break space
 * (U+202F, French thousands) the database lacks becomes a no-break space,
 * else a space; any other character it cannot represent raises 22P05.
 */
char	   *ti_server_text(const char *utf8, size_t len, size_t *server_len);

/* A core string as the result of an output function (a palloc'd cstring). */
char	   *ti_cstring_result(const char *utf8);

/* A core string as a text result. */
text	   *ti_text_result(const char *utf8, size_t len);

/* A core JSON text as a jsonb result. */
Datum		ti_jsonb_result(const char *utf8, size_t len);

#define TI_RETURN_CSTRING(utf8) PG_RETURN_CSTRING(ti_cstring_result(utf8))
#define TI_RETURN_TEXT(utf8, len) PG_RETURN_TEXT_P(ti_text_result((utf8), (len)))

/* Raise 22021 unless s[0..len) is valid UTF-8 (strings of binary messages). */
void		ti_check_utf8(const char *s, size_t len);

/* ------------------------------------------------------------------- errors */

/* Raise err as an ERROR with its SQLSTATE, message, detail and hint. */
pg_noreturn void ti_raise(const ti_error *err);

/* Save err in escontext when it is an ErrorSaveContext (PG16+), else raise. */
void		ti_errsave(const ti_error *err, struct Node *escontext);

/* err's message as a text result (input_error()). */
text	   *ti_error_text(const ti_error *err);

/* Raise 0A000 for a set-returning or record function called where it cannot be. */
pg_noreturn void ti_raise_unsupported_call(const char *what);

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
