/*
 * need_breakdown.c: SQL types need and need_breakdown, and the aggregates
 * sum_by_need(eur, need) and sum(need_breakdown) with their state type
 * need_breakdown_state.
 *
 * The algorithms live in core/need.c.  Binary formats: need int2 (its code
 * 1..8); need_breakdown and need_breakdown_state as core/need.h describes.
 * Text crosses to and from the core through boundary.h (the French labels
 * carry accents).
 */
#include "postgres.h"
#include "pg_compat.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "agg_state.h"
#include "need.h"
#include "eur.h"
#include "boundary.h"

static bytea *
send_bytes(const unsigned char *bytes, size_t len)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, (int) len);
	return pq_endtypsend(&buf);
}

/* ------------------------------------------------------------------- need */

/* Out of line, so that the per-row path carries no error buffer. */
pg_noreturn static pg_noinline void
bad_need(int16 code)
{
	ti_error	err;

	ti_need_check(code, &err);
	ti_raise(&err);
}

/*
 * A need argument.  Input and receive functions let only valid codes in,
 * but the code indexes tables: check it anyway, for the price of an inline
 * branch (sum_by_need() calls this for every row).
 */
static inline int16
need_arg(FunctionCallInfo fcinfo, int n)
{
	int16		code = PG_GETARG_INT16(n);

	if (unlikely(!ti_need_valid(code)))
		bad_need(code);
	return code;
}

PG_FUNCTION_INFO_V1(need_in);
Datum
need_in(PG_FUNCTION_ARGS)
{
	size_t		len;
	const char *s;
	int16_t		code;
	ti_error	err;

	TI_INPUT_ARG(s, len);
	if (!ti_need_parse(s, len, &code, &err))
		TI_INPUT_ERROR(&err);
	PG_RETURN_INT16(code);
}

PG_FUNCTION_INFO_V1(need_out);
Datum
need_out(PG_FUNCTION_ARGS)
{
	TI_RETURN_CSTRING(ti_need_code(need_arg(fcinfo, 0)));
}

PG_FUNCTION_INFO_V1(need_recv);
Datum
need_recv(PG_FUNCTION_ARGS)
{
	int16		code = (int16) pq_getmsgint((StringInfo) PG_GETARG_POINTER(0), 2);
	ti_error	err;

	TI_CHECK(ti_need_check(code, &err), &err);
	PG_RETURN_INT16(code);
}

PG_FUNCTION_INFO_V1(need_send);
Datum
need_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, need_arg(fcinfo, 0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(need_phase);
Datum
need_phase(PG_FUNCTION_ARGS)
{
	const char *phase = ti_need_phase(need_arg(fcinfo, 0));

	TI_RETURN_TEXT(phase, strlen(phase));
}

PG_FUNCTION_INFO_V1(need_label);
Datum
need_label(PG_FUNCTION_ARGS)
{
	const char *label = ti_need_label(need_arg(fcinfo, 0));

	TI_RETURN_TEXT(label, strlen(label));
}

/* -------------------------------------------------------- need_breakdown */

#define BREAKDOWN_ARG(n) ((const ti_breakdown *) PG_GETARG_POINTER(n))

PG_FUNCTION_INFO_V1(need_breakdown_in);
Datum
need_breakdown_in(PG_FUNCTION_ARGS)
{
	size_t		len;
	const char *s;
	ti_breakdown *b = palloc(sizeof(ti_breakdown));
	ti_error	err;

	TI_INPUT_ARG(s, len);
	/* the SQL type's INTERNALLENGTH */
	StaticAssertStmt(sizeof(ti_breakdown) == 64, "need_breakdown is 64 bytes");
	if (!ti_breakdown_parse(s, len, b, &err))
		TI_INPUT_ERROR(&err);
	PG_RETURN_POINTER(b);
}

PG_FUNCTION_INFO_V1(need_breakdown_out);
Datum
need_breakdown_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(TI_BREAKDOWN_TEXT);

	ti_breakdown_format(BREAKDOWN_ARG(0), buf);
	TI_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(need_breakdown_recv);
Datum
need_breakdown_recv(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *bytes = ti_message_rest(fcinfo, &len);
	ti_breakdown *b = palloc(sizeof(ti_breakdown));
	ti_error	err;

	TI_CHECK(ti_breakdown_decode(bytes, len, b, &err), &err);
	PG_RETURN_POINTER(b);
}

PG_FUNCTION_INFO_V1(need_breakdown_send);
Datum
need_breakdown_send(PG_FUNCTION_ARGS)
{
	unsigned char bytes[TI_BREAKDOWN_MAX_BYTES];

	PG_RETURN_BYTEA_P(send_bytes(bytes, ti_breakdown_encode(BREAKDOWN_ARG(0), bytes)));
}

PG_FUNCTION_INFO_V1(need_breakdown_eq);
Datum
need_breakdown_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(ti_breakdown_equal(BREAKDOWN_ARG(0), BREAKDOWN_ARG(1)));
}

PG_FUNCTION_INFO_V1(need_breakdown_ne);
Datum
need_breakdown_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!ti_breakdown_equal(BREAKDOWN_ARG(0), BREAKDOWN_ARG(1)));
}

PG_FUNCTION_INFO_V1(need_breakdown_pl);
Datum
need_breakdown_pl(PG_FUNCTION_ARGS)
{
	ti_breakdown *sum = palloc(sizeof(ti_breakdown));
	ti_error	err;

	TI_CHECK(ti_breakdown_add(BREAKDOWN_ARG(0), BREAKDOWN_ARG(1), sum, &err), &err);
	PG_RETURN_POINTER(sum);
}

PG_FUNCTION_INFO_V1(need_breakdown_amount);
Datum
need_breakdown_amount(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(BREAKDOWN_ARG(0)->cents[need_arg(fcinfo, 1) - 1]);
}

PG_FUNCTION_INFO_V1(need_breakdown_total);
Datum
need_breakdown_total(PG_FUNCTION_ARGS)
{
	int64_t		total;
	ti_error	err;

	TI_CHECK(ti_breakdown_total(BREAKDOWN_ARG(0), &total, &err), &err);
	PG_RETURN_INT64(total);
}

/* {"Recruter": 1234.56, ...}: French labels as keys, euros as JSON numbers. */
PG_FUNCTION_INFO_V1(need_breakdown_jsonb);
Datum
need_breakdown_jsonb(PG_FUNCTION_ARGS)
{
	const ti_breakdown *b = BREAKDOWN_ARG(0);
	StringInfoData json;
	char		amount[TI_EUR_TEXT];

	initStringInfo(&json);
	appendStringInfoChar(&json, '{');
	for (int16 code = 1; code <= TI_NEED_COUNT; code++)
	{
		if (b->cents[code - 1] == 0)
			continue;
		ti_eur_format(b->cents[code - 1], amount);
		appendStringInfo(&json, "%s\"%s\": %s", json.len > 1 ? ", " : "",
						 ti_need_label(code), amount);
	}
	appendStringInfoChar(&json, '}');
	return ti_jsonb_result(json.data, json.len);
}

/* ------------------------------------------ sum_by_need() and sum() state */

/*
 * need_breakdown_state is the core accumulator as a fixed-length SQL type,
 * so that partial aggregates travel as text or binary (parallel query,
 * Citus), updated in place inside an aggregate (agg_state.h).
 */

PG_FUNCTION_INFO_V1(need_breakdown_state_in);
Datum
need_breakdown_state_in(PG_FUNCTION_ARGS)
{
	const char *s;
	size_t		len;
	ti_breakdown_acc *acc = palloc(sizeof(ti_breakdown_acc));
	ti_error	err;

	/* the SQL type's INTERNALLENGTH */
	StaticAssertStmt(sizeof(ti_breakdown_acc) == 136, "need_breakdown_state is 136 bytes");
	TI_INPUT_ARG(s, len);
	if (!ti_breakdown_acc_parse(s, len, acc, &err))
		TI_INPUT_ERROR(&err);
	PG_RETURN_POINTER(acc);
}

PG_FUNCTION_INFO_V1(need_breakdown_state_out);
Datum
need_breakdown_state_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(TI_BREAKDOWN_ACC_TEXT);

	ti_breakdown_acc_format((const ti_breakdown_acc *) PG_GETARG_POINTER(0), buf);
	TI_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(need_breakdown_state_recv);
Datum
need_breakdown_state_recv(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *bytes = ti_message_rest(fcinfo, &len);
	ti_breakdown_acc *acc = palloc(sizeof(ti_breakdown_acc));
	ti_error	err;

	TI_CHECK(ti_breakdown_acc_decode(bytes, len, acc, &err), &err);
	PG_RETURN_POINTER(acc);
}

PG_FUNCTION_INFO_V1(need_breakdown_state_send);
Datum
need_breakdown_state_send(PG_FUNCTION_ARGS)
{
	unsigned char bytes[TI_BREAKDOWN_ACC_BYTES];

	ti_breakdown_acc_encode((const ti_breakdown_acc *) PG_GETARG_POINTER(0), bytes);
	PG_RETURN_BYTEA_P(send_bytes(bytes, TI_BREAKDOWN_ACC_BYTES));
}

/* sum_by_need(amount, need): the per-row step, kept minimal. */
PG_FUNCTION_INFO_V1(sum_by_need_accum);
Datum
sum_by_need_accum(PG_FUNCTION_ARGS)
{
	ti_breakdown_acc *acc = ti_agg_state_arg(fcinfo, sizeof(ti_breakdown_acc));

	ti_breakdown_acc_add(acc, need_arg(fcinfo, 2), PG_GETARG_INT64(1));
	PG_RETURN_POINTER(acc);
}

PG_FUNCTION_INFO_V1(need_breakdown_accum);
Datum
need_breakdown_accum(PG_FUNCTION_ARGS)
{
	ti_breakdown_acc *acc = ti_agg_state_arg(fcinfo, sizeof(ti_breakdown_acc));

	ti_breakdown_acc_add_breakdown(acc, BREAKDOWN_ARG(1));
	PG_RETURN_POINTER(acc);
}

PG_FUNCTION_INFO_V1(need_breakdown_state_combine);
Datum
need_breakdown_state_combine(PG_FUNCTION_ARGS)
{
	ti_breakdown_acc *acc = ti_agg_state_arg(fcinfo, sizeof(ti_breakdown_acc));
	ti_error	err;

	TI_CHECK(ti_breakdown_acc_combine(acc, (const ti_breakdown_acc *) PG_GETARG_POINTER(1), &err), &err);
	PG_RETURN_POINTER(acc);
}

PG_FUNCTION_INFO_V1(need_breakdown_state_final);
Datum
need_breakdown_state_final(PG_FUNCTION_ARGS)
{
	const ti_breakdown_acc *acc = (const ti_breakdown_acc *) PG_GETARG_POINTER(0);
	ti_breakdown *result;
	ti_error	err;

	if (acc->count == 0)
		PG_RETURN_NULL();
	result = palloc(sizeof(ti_breakdown));
	TI_CHECK(ti_breakdown_acc_result(acc, result, &err), &err);
	PG_RETURN_POINTER(result);
}
