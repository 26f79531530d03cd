/*
 * boundary.c: the boundary between the core and PostgreSQL (boundary.h): text
 * converted between the database encoding and the core's UTF-8, core
 * errors raised with their SQLSTATE.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif

#include "boundary.h"

/* ------------------------------------------------------------ conversions */

static bool
all_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char) s[i] & 0x80)
			return false;
	return true;
}

/* No conversion between the database and the core for s: UTF-8 or ASCII. */
static bool
same_in_both(int db, const char *s, size_t len)
{
	return db == PG_UTF8 || all_ascii(s, len);
}

/* The conversion procedure between the database and UTF-8, looked up once. */
static Oid
conversion_proc(int from, int to)
{
	static Oid	to_utf8 = InvalidOid,
				from_utf8 = InvalidOid;
	Oid		   *proc = to == PG_UTF8 ? &to_utf8 : &from_utf8;

	if (!OidIsValid(*proc))
		*proc = FindDefaultConversionProc(from, to);
	if (!OidIsValid(*proc))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("no conversion from encoding \"%s\" to \"%s\"",
						pg_encoding_to_char(from), pg_encoding_to_char(to))));
	return *proc;
}

/*
 * Convert s[0..len) as far as it goes into out (room for len *
 * MAX_CONVERSION_GROWTH + 1 bytes): the source bytes converted; out holds
 * their conversion, NUL-terminated.
 */
static size_t
convert_prefix(int from, int to, const char *s, size_t len, char *out, size_t room)
{
	out[0] = '\0';
#if PG_VERSION_NUM >= 140000
	return (size_t) pg_do_encoding_conversion_buf(conversion_proc(from, to), from, to,
												  (unsigned char *) s, (int) len,
												  (unsigned char *) out, (int) room, true);
#else
	/* no soft conversion before 14: an untranslatable character raises 22P05 */
	{
		char	   *all = (char *) pg_do_encoding_conversion((unsigned char *) s, (int) len, from, to);

		strlcpy(out, all, room);
		return len;
	}
#endif
}

/* The length of the UTF-8 character at s (at most len). */
static size_t
utf8_char_len(const char *s, size_t len)
{
	size_t		n = (size_t) pg_utf_mblen((const unsigned char *) s);

	return Min(Max(n, 1), len);
}

static bool
untranslatable(ti_error *err, int from, int to, const char *s, size_t len)
{
	size_t		n = from == PG_UTF8 ? utf8_char_len(s, len) : (size_t) pg_encoding_mblen_bounded(from, s);
	char		bytes[8 * 5 + 1];

	n = Min(n, len);
	for (size_t i = 0; i < n && i < 8; i++)
		snprintf(bytes + 5 * i, 6, "%s0x%02x", i ? " " : "", (unsigned char) s[i]);
	ti_fail(err, TI_UNTRANSLATABLE, "character with byte sequence %s in encoding \"%s\" has no equivalent in encoding \"%s\"",
			bytes, pg_encoding_to_char(from), pg_encoding_to_char(to));
	return false;
}

bool
ti_core_text(const char *s, size_t len, const char **utf8, size_t *utf8_len, ti_error *err)
{
	int			db = GetDatabaseEncoding();
	size_t		room,
				done;
	char	   *out;

	*utf8 = s;
	*utf8_len = len;
	if (same_in_both(db, s, len))
		return true;
	if (db == PG_SQL_ASCII)
	{
		/* no encoding to convert from: the text is the core's if it is UTF-8 */
		if (pg_verify_mbstr(PG_UTF8, s, (int) len, true))
			return true;
		ti_fail(err, TI_BAD_ENCODING, "text is not valid UTF-8");
		ti_detail(err, "The database is SQL_ASCII; terrind reads its text as UTF-8.");
		return false;
	}
	room = len * MAX_CONVERSION_GROWTH + 1;
	out = palloc(room);
	done = convert_prefix(db, PG_UTF8, s, len, out, room);
	if (done < len)
		return untranslatable(err, db, PG_UTF8, s + done, len - done);
	*utf8 = out;
	*utf8_len = strlen(out);
	return true;
}

const char *
ti_core_text_or_raise(const char *s, size_t len, size_t *utf8_len)
{
	const char *utf8;
	ti_error	err;

	if (!ti_core_text(s, len, &utf8, utf8_len, &err))
		ti_raise(&err);
	return utf8;
}

const char *
ti_core_cstring(Datum cstring)
{
	const char *s = DatumGetCString(cstring);
	size_t		len;

	return ti_core_text_or_raise(s, strlen(s), &len);
}

bool
ti_text_arg_soft(FunctionCallInfo fcinfo, int n, const char **s, size_t *len, ti_error *err)
{
	char	   *server = text_to_cstring(PG_GETARG_TEXT_PP(n));

	return ti_core_text(server, strlen(server), s, len, err);
}

const char *
ti_text_arg(FunctionCallInfo fcinfo, int n, size_t *len)
{
	const char *s;
	ti_error	err;

	if (!ti_text_arg_soft(fcinfo, n, &s, len, &err))
		ti_raise(&err);
	return s;
}

/*
 * What stands in for a character the database lacks, in UTF-8: a no-break
 * space for a narrow one, a space for a no-break space; NULL otherwise.
 */
static const char *
stand_in(const char *c, size_t len)
{
	if (len == 3 && memcmp(c, "\xE2\x80\xAF", 3) == 0)	/* U+202F */
		return "\xC2\xA0";
	if (len == 2 && memcmp(c, "\xC2\xA0", 2) == 0)	/* U+00A0 */
		return " ";
	return NULL;
}

/*
 * utf8[0..len) in the database encoding, NUL-terminated; a character it
 * cannot represent gets its stand-in, else '?' when lossy, else 22P05.
 */
static char *
to_server(const char *utf8, size_t len, size_t *server_len, bool lossy)
{
	int			db = GetDatabaseEncoding();
	size_t		room,
				pos = 0;
	char	   *out;

	/* SQL_ASCII stores bytes: the core's UTF-8 is as good as any */
	if (db == PG_SQL_ASCII || same_in_both(db, utf8, len))
	{
		*server_len = len;
		return pnstrdup(utf8, len);
	}
	room = len * MAX_CONVERSION_GROWTH + 1;
	out = palloc(room);
	while (len > 0)
	{
		size_t		done = convert_prefix(PG_UTF8, db, utf8, len, out + pos, room - pos);
		size_t		n;
		const char *alt;

		pos += strlen(out + pos);
		utf8 += done;
		len -= done;
		if (len == 0)
			break;
		n = utf8_char_len(utf8, len);
		for (alt = stand_in(utf8, n); alt != NULL; alt = stand_in(alt, strlen(alt)))
			if (convert_prefix(PG_UTF8, db, alt, strlen(alt), out + pos, room - pos) == strlen(alt))
				break;
		if (alt != NULL)
			pos += strlen(out + pos);
		else if (lossy)
			out[pos++] = '?';
		else
		{
			ti_error	err;

			untranslatable(&err, PG_UTF8, db, utf8, len);
			ti_raise(&err);
		}
		utf8 += n;
		len -= n;
	}
	out[pos] = '\0';
	*server_len = pos;
	return out;
}

char *
ti_server_text(const char *utf8, size_t len, size_t *server_len)
{
	return to_server(utf8, len, server_len, false);
}

char *
ti_cstring_result(const char *utf8)
{
	size_t		len;

	return to_server(utf8, strlen(utf8), &len, false);
}

text *
ti_text_result(const char *utf8, size_t len)
{
	size_t		n;
	const char *s = to_server(utf8, len, &n, false);

	return cstring_to_text_with_len(s, (int) n);
}

Datum
ti_jsonb_result(const char *utf8, size_t len)
{
	size_t		n;

	return DirectFunctionCall1(jsonb_in, CStringGetDatum(to_server(utf8, len, &n, false)));
}

void
ti_check_utf8(const char *s, size_t len)
{
	pg_verify_mbstr(PG_UTF8, s, (int) len, false);
}

/* ------------------------------------------------------------------ errors */

static int
sqlstate_of(ti_error_kind kind)
{
	switch (kind)
	{
		case TI_BAD_TEXT:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case TI_BAD_BINARY:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case TI_OUT_OF_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case TI_BAD_PARAMETER:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case TI_DIVISION_BY_ZERO:
			return ERRCODE_DIVISION_BY_ZERO;
		case TI_OUT_OF_MEMORY:
			return ERRCODE_OUT_OF_MEMORY;
		case TI_LIMIT_EXCEEDED:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case TI_BAD_ENCODING:
			return ERRCODE_CHARACTER_NOT_IN_REPERTOIRE;
		case TI_UNTRANSLATABLE:
			return ERRCODE_UNTRANSLATABLE_CHARACTER;
		case TI_CANCELED:
			return ERRCODE_QUERY_CANCELED;
		case TI_OK:
			break;
	}
	return ERRCODE_DATA_EXCEPTION;
}

/*
 * The length of s without a character cut short at its end (the core cuts
 * long messages at a byte count).
 */
static size_t
whole_characters(const char *s, size_t len)
{
	size_t		start = len;

	while (start > 0 && len - start < 3 && ((unsigned char) s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0 || ((unsigned char) s[start - 1] & 0x80) == 0)
		return len;
	start--;					/* the last character's first byte */
	return (size_t) pg_utf_mblen((const unsigned char *) s + start) > len - start ? start : len;
}

/* A core message in the database encoding; what it cannot represent is '?'. */
static const char *
message_text(const char *utf8)
{
	size_t		len;

	return to_server(utf8, whole_characters(utf8, strlen(utf8)), &len, true);
}

#define TI_REPORT_FIELDS(err) \
	errcode(sqlstate_of((err)->kind)), \
	errmsg_internal("%s", message_text((err)->message)), \
	(err)->detail[0] ? errdetail_internal("%s", message_text((err)->detail)) : 0, \
	(err)->hint[0] ? errhint("%s", message_text((err)->hint)) : 0

void
ti_raise(const ti_error *err)
{
	/* the core stopped for an interrupt: PostgreSQL reports it as its own */
	if (err->kind == TI_CANCELED)
		CHECK_FOR_INTERRUPTS();
	ereport(ERROR, TI_REPORT_FIELDS(err));
	pg_unreachable();
}

void
ti_errsave(const ti_error *err, struct Node *escontext)
{
#if PG_VERSION_NUM >= 160000
	errsave(escontext, TI_REPORT_FIELDS(err));
#else
	(void) escontext;
	ti_raise(err);
#endif
}

text *
ti_error_text(const ti_error *err)
{
	return cstring_to_text(message_text(err->message));
}

void
ti_raise_unsupported_call(const char *what)
{
	ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED), errmsg("%s", what)));
	pg_unreachable();
}

const uint8_t *
ti_message_rest(FunctionCallInfo fcinfo, size_t *len)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			rest = msg->len - msg->cursor;

	*len = (size_t) rest;
	return (const uint8_t *) pq_getmsgbytes(msg, rest);
}

/*
 * raise_error(sqlstate, message, detail, hint): the error of a check that
 * terrind's SQL functions make for their caller (a NULL or unknown phase, a
 * CSV header without a wanted column, a rejected load).  Such checks run in
 * helpers several calls deep, and PL/pgSQL would append each frame and the
 * internal query that led to it as CONTEXT; none of it means anything to
 * the user, so the error is raised without the callbacks that add it.
 */
PG_FUNCTION_INFO_V1(raise_error);
Datum
raise_error(PG_FUNCTION_ARGS)
{
	const char *state;
	const char *detail = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	const char *hint = PG_ARGISNULL(3) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(3));

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("raise_error: sqlstate and message must not be NULL")));
	state = text_to_cstring(PG_GETARG_TEXT_PP(0));
	/* an error class: five digits or capitals, not 00 (success) or 01 (warning) */
	if (strlen(state) != 5 || strspn(state, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 5 ||
		strncmp(state, "00", 2) == 0 || strncmp(state, "01", 2) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("raise_error: invalid SQLSTATE \"%s\"", state),
				 errdetail("Expected five digits or capital letters of an error class.")));

	error_context_stack = NULL;
	ereport(ERROR,
			(errcode(MAKE_SQLSTATE(state[0], state[1], state[2], state[3], state[4])),
			 errmsg_internal("%s", text_to_cstring(PG_GETARG_TEXT_PP(1))),
			 detail ? errdetail_internal("%s", detail) : 0,
			 hint ? errhint("%s", hint) : 0));
	PG_RETURN_VOID();
}
