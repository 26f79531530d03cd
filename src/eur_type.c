/*
 * eur_type.c: the SQL type eur (an int8 count of cents), its arithmetic,
 * casts and the state of sum() and avg().
 *
 * Integer and float arithmetic is done by core/money.c; arithmetic with
 * numeric uses PostgreSQL's numeric functions, rounding exactly, half away
 * from zero, to the cent.  Binary format: int8 cents.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "agg_state.h"
#include "money.h"
#include "report.h"

PG_FUNCTION_INFO_V1(eur_in);
Datum
eur_in(PG_FUNCTION_ARGS)
{
	const char *s = PG_GETARG_CSTRING(0);
	int64_t		cents;
	ti_error	err;

	if (!ti_eur_parse(s, strlen(s), &cents, &err))
		TI_INPUT_ERROR(&err);
	PG_RETURN_INT64(cents);
}

PG_FUNCTION_INFO_V1(eur_out);
Datum
eur_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(TI_EUR_TEXT);

	ti_eur_format(PG_GETARG_INT64(0), buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(eur_recv);
Datum
eur_recv(PG_FUNCTION_ARGS)
{
	/* every int8 is a valid count of cents */
	PG_RETURN_INT64(pq_getmsgint64((StringInfo) PG_GETARG_POINTER(0)));
}

PG_FUNCTION_INFO_V1(eur_send);
Datum
eur_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_INT64(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(format_eur);
Datum
format_eur(PG_FUNCTION_ARGS)
{
	char		buf[TI_EUR_FR_TEXT];

	ti_eur_format_fr(PG_GETARG_INT64(0), PG_GETARG_BOOL(1), buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/* ------------------------------------------- arithmetic on cents and numbers */

/* One C function per operator: the core does the checked arithmetic. */
#define BINARY_OP(name, core, get_b) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	int64_t		r; \
	ti_error	err; \
	TI_CHECK(core(PG_GETARG_INT64(0), get_b(1), &r, &err), &err); \
	PG_RETURN_INT64(r); \
}

BINARY_OP(eur_pl, ti_eur_add, PG_GETARG_INT64)
BINARY_OP(eur_mi, ti_eur_sub, PG_GETARG_INT64)
BINARY_OP(eur_mul_int8, ti_eur_mul_int, PG_GETARG_INT64)
BINARY_OP(eur_mul_int4, ti_eur_mul_int, PG_GETARG_INT32)
BINARY_OP(eur_div_int8, ti_eur_div_int, PG_GETARG_INT64)
BINARY_OP(eur_div_int4, ti_eur_div_int, PG_GETARG_INT32)
BINARY_OP(eur_mul_float8, ti_eur_mul_float, PG_GETARG_FLOAT8)
BINARY_OP(eur_div_float8, ti_eur_div_float, PG_GETARG_FLOAT8)


PG_FUNCTION_INFO_V1(eur_um);
Datum
eur_um(PG_FUNCTION_ARGS)
{
	int64_t		r;
	ti_error	err;

	TI_CHECK(ti_eur_neg(PG_GETARG_INT64(0), &r, &err), &err);
	PG_RETURN_INT64(r);
}

/* integer euros to cents */
#define FROM_EUROS(name, get) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	int64_t		r; \
	ti_error	err; \
	if (!ti_eur_mul_int(get(0), 100, &r, &err)) \
	{ \
		ti_eur_out_of_range(&err, psprintf("amount " INT64_FORMAT " euros", (int64) get(0))); \
		ti_raise(&err); \
	} \
	PG_RETURN_INT64(r); \
}

FROM_EUROS(eur_from_int8, PG_GETARG_INT64)
FROM_EUROS(eur_from_int4, PG_GETARG_INT32)
FROM_EUROS(eur_from_int2, PG_GETARG_INT16)

/* ----------------------------------------------------- numeric arithmetic */

static Numeric
numeric_of(int64 v)
{
	return DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(v)));
}

static int
sign_of(Numeric n)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(n),
											 NumericGetDatum(numeric_of(0))));
}

/*
 * num / den in whole cents, rounded half away from zero exactly (truncated
 * quotient, then the remainder decides), range-checked.
 */
static int64
round_to_cents(Numeric num, Numeric den, const char *what)
{
	Datum		q,
				r,
				twice_r;
	ti_error	err;

	if (numeric_is_nan(num) || numeric_is_nan(den))
	{
		ti_fail(&err, TI_BAD_PARAMETER, "cannot compute an amount from NaN");
		ti_raise(&err);
	}
#if PG_VERSION_NUM >= 140000
	if (numeric_is_inf(num))
	{
		ti_eur_out_of_range(&err, what);
		ti_raise(&err);
	}
	if (numeric_is_inf(den))
		return 0;				/* a finite amount over an infinite number */
#endif
	q = DirectFunctionCall2(numeric_div_trunc, NumericGetDatum(num), NumericGetDatum(den));
	r = DirectFunctionCall2(numeric_mod, NumericGetDatum(num), NumericGetDatum(den));
	twice_r = DirectFunctionCall1(numeric_abs,
								  DirectFunctionCall2(numeric_add, r, r));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, twice_r,
										  DirectFunctionCall1(numeric_abs, NumericGetDatum(den)))) >= 0)
	{
		int			sign = sign_of(num) * sign_of(den);

		q = DirectFunctionCall2(numeric_add, q, NumericGetDatum(numeric_of(sign)));
	}
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, q, NumericGetDatum(numeric_of(PG_INT64_MAX)))) > 0 ||
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, q, NumericGetDatum(numeric_of(PG_INT64_MIN)))) < 0)
	{
		ti_eur_out_of_range(&err, what);
		ti_raise(&err);
	}
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, q));
}

PG_FUNCTION_INFO_V1(eur_mul_numeric);
Datum
eur_mul_numeric(PG_FUNCTION_ARGS)
{
	Datum		product = DirectFunctionCall2(numeric_mul,
											  NumericGetDatum(numeric_of(PG_GETARG_INT64(0))),
											  PG_GETARG_DATUM(1));

	PG_RETURN_INT64(round_to_cents(DatumGetNumeric(product), numeric_of(1), "product"));
}

/* factor * amount: the same multiplications, arguments swapped */
#define SWAPPED_MUL(name, forward) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	return DirectFunctionCall2(forward, PG_GETARG_DATUM(1), PG_GETARG_DATUM(0)); \
}

SWAPPED_MUL(int4_mul_eur, eur_mul_int4)
SWAPPED_MUL(int8_mul_eur, eur_mul_int8)
SWAPPED_MUL(float8_mul_eur, eur_mul_float8)
SWAPPED_MUL(numeric_mul_eur, eur_mul_numeric)

PG_FUNCTION_INFO_V1(eur_div_numeric);
Datum
eur_div_numeric(PG_FUNCTION_ARGS)
{
	Numeric		den = PG_GETARG_NUMERIC(1);
	ti_error	err;

	if (!numeric_is_nan(den) && sign_of(den) == 0)
	{
		ti_fail(&err, TI_DIVISION_BY_ZERO, "division by zero");
		ti_raise(&err);
	}
	PG_RETURN_INT64(round_to_cents(numeric_of(PG_GETARG_INT64(0)), den, "quotient"));
}

PG_FUNCTION_INFO_V1(eur_div_eur);
Datum
eur_div_eur(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall2(numeric_div,
							   NumericGetDatum(numeric_of(PG_GETARG_INT64(0))),
							   NumericGetDatum(numeric_of(PG_GETARG_INT64(1))));
}

PG_FUNCTION_INFO_V1(eur_to_numeric);
Datum
eur_to_numeric(PG_FUNCTION_ARGS)
{
	char		buf[TI_EUR_TEXT];

	ti_eur_format(PG_GETARG_INT64(0), buf);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* the double nearest to the exact amount */
PG_FUNCTION_INFO_V1(eur_to_float8);
Datum
eur_to_float8(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(numeric_float8,
							   DirectFunctionCall1(eur_to_numeric, PG_GETARG_DATUM(0)));
}

PG_FUNCTION_INFO_V1(eur_from_numeric);
Datum
eur_from_numeric(PG_FUNCTION_ARGS)
{
	Datum		cents = DirectFunctionCall2(numeric_mul, PG_GETARG_DATUM(0),
											NumericGetDatum(numeric_of(100)));

	char	   *digits = DatumGetCString(DirectFunctionCall1(numeric_out, PG_GETARG_DATUM(0)));
	char		q[TI_QUOTE_BUF];
	/* a number of a thousand digits is named by its first ones */
	char	   *what = psprintf("amount %s", ti_quote(q, sizeof(q), digits, strlen(digits), 40));

	PG_RETURN_INT64(round_to_cents(DatumGetNumeric(cents), numeric_of(1), what));
}

/* ------------------------------------------------- sum() and avg() state */

/*
 * eur_sum_state is the core accumulator as a fixed-length SQL type, so that
 * partial aggregates travel as text or binary (parallel query, Citus).
 */

PG_FUNCTION_INFO_V1(eur_sum_state_in);
Datum
eur_sum_state_in(PG_FUNCTION_ARGS)
{
	const char *s = PG_GETARG_CSTRING(0);
	ti_eur_acc *acc = palloc(sizeof(ti_eur_acc));
	ti_error	err;

	if (!ti_eur_acc_parse(s, strlen(s), acc, &err))
		TI_INPUT_ERROR(&err);
	PG_RETURN_POINTER(acc);
}

PG_FUNCTION_INFO_V1(eur_sum_state_out);
Datum
eur_sum_state_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(64);

	ti_eur_acc_format((ti_eur_acc *) PG_GETARG_POINTER(0), buf);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(eur_sum_state_recv);
Datum
eur_sum_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			len = msg->len - msg->cursor;
	const char *bytes = pq_getmsgbytes(msg, len);
	ti_eur_acc *acc = palloc(sizeof(ti_eur_acc));
	ti_error	err;

	TI_CHECK(ti_eur_acc_from_bytes((const unsigned char *) bytes, len, acc, &err), &err);
	PG_RETURN_POINTER(acc);
}

PG_FUNCTION_INFO_V1(eur_sum_state_send);
Datum
eur_sum_state_send(PG_FUNCTION_ARGS)
{
	unsigned char bytes[TI_EUR_ACC_BYTES];
	StringInfoData buf;

	ti_eur_acc_to_bytes((ti_eur_acc *) PG_GETARG_POINTER(0), bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, TI_EUR_ACC_BYTES);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(eur_sum_accum);
Datum
eur_sum_accum(PG_FUNCTION_ARGS)
{
	ti_eur_acc *acc = ti_agg_state_arg(fcinfo, sizeof(ti_eur_acc));

	ti_eur_acc_add(acc, PG_GETARG_INT64(1));
	PG_RETURN_POINTER(acc);
}

PG_FUNCTION_INFO_V1(eur_sum_combine);
Datum
eur_sum_combine(PG_FUNCTION_ARGS)
{
	ti_eur_acc *acc = ti_agg_state_arg(fcinfo, sizeof(ti_eur_acc));
	ti_error	err;

	TI_CHECK(ti_eur_acc_combine(acc, (ti_eur_acc *) PG_GETARG_POINTER(1), &err), &err);
	PG_RETURN_POINTER(acc);
}

PG_FUNCTION_INFO_V1(eur_sum_final);
Datum
eur_sum_final(PG_FUNCTION_ARGS)
{
	ti_eur_acc *acc = (ti_eur_acc *) PG_GETARG_POINTER(0);
	int64_t		r;
	ti_error	err;

	if (acc->count == 0)
		PG_RETURN_NULL();
	TI_CHECK(ti_eur_acc_sum(acc, &r, &err), &err);
	PG_RETURN_INT64(r);
}

PG_FUNCTION_INFO_V1(eur_avg_final);
Datum
eur_avg_final(PG_FUNCTION_ARGS)
{
	ti_eur_acc *acc = (ti_eur_acc *) PG_GETARG_POINTER(0);
	int64_t		r;
	ti_error	err;

	if (acc->count == 0)
		PG_RETURN_NULL();
	TI_CHECK(ti_eur_acc_avg(acc, &r, &err), &err);
	PG_RETURN_INT64(r);
}
