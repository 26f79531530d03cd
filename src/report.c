#include "report.h"

#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif

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
		case TI_CANCELED:
			return ERRCODE_QUERY_CANCELED;
		case TI_OK:
			break;
	}
	return ERRCODE_DATA_EXCEPTION;
}

#define TI_REPORT_FIELDS(err) \
	errcode(sqlstate_of((err)->kind)), \
	errmsg_internal("%s", (err)->message), \
	(err)->detail[0] ? errdetail_internal("%s", (err)->detail) : 0, \
	(err)->hint[0] ? errhint("%s", (err)->hint) : 0

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
