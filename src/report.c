#include "postgres.h"

#include "report.h"

#include "libpq/pqformat.h"
#include "miscadmin.h"

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
