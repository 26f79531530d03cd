/*
 * apportion.c: apportion(eur, float8[]) and apportion(eur, numeric[]).
 *
 * The float8 version is core/apportion.c's.  The numeric version computes
 * the exact quotas with PostgreSQL's numeric (floor and remainder of
 * |amount| * w over sum(w)), ranks the remainders, and hands the rest to the
 * core's last step, so that both split alike.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "apportion.h"
#include "boundary.h"

/* Raise the error of a weight at position (from 1). */
pg_noreturn static void
bad_weight(int position, const char *why)
{
	ti_error	err;

	ti_apportion_bad_weight(&err, (size_t) position, why);
	ti_raise(&err);
}

/* The weights' elements, one-dimensional and without NULLs. */
static int
weights_arg(FunctionCallInfo fcinfo, Datum **elems)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(1);
	int16		typlen;
	bool		byval;
	char		align;
	bool	   *nulls;
	int			n;
	ti_error	err;

	if (ARR_NDIM(a) > 1)
	{
		ti_fail(&err, TI_BAD_PARAMETER, "weights must be a one-dimensional array, not %d-dimensional",
				ARR_NDIM(a));
		ti_raise(&err);
	}
	get_typlenbyvalalign(ARR_ELEMTYPE(a), &typlen, &byval, &align);
	deconstruct_array(a, ARR_ELEMTYPE(a), typlen, byval, align, elems, &nulls, &n);
	if (n == 0)
	{
		ti_apportion_no_weights(&err);
		ti_raise(&err);
	}
	/* work space of n shares, and no more than palloc allows */
	if ((Size) n > MaxAllocSize / sizeof(ti_share))
	{
		ti_fail(&err, TI_LIMIT_EXCEEDED, "cannot apportion by more than %zu weights",
				MaxAllocSize / sizeof(ti_share));
		ti_raise(&err);
	}
	for (int i = 0; i < n; i++)
		if (nulls[i])
			bad_weight(i + 1, "NULL");
	return n;
}

/* The parts as an eur[], the function's result type. */
static Datum
parts_array(FunctionCallInfo fcinfo, const int64_t *parts, int n)
{
	Oid			eur = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
	Datum	   *elems = palloc(sizeof(Datum) * n);

	for (int i = 0; i < n; i++)
		elems[i] = Int64GetDatum(parts[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, eur, sizeof(int64), FLOAT8PASSBYVAL, 'd'));
}

PG_FUNCTION_INFO_V1(apportion_float8);
Datum
apportion_float8(PG_FUNCTION_ARGS)
{
	Datum	   *elems;
	int			n = weights_arg(fcinfo, &elems);
	double	   *weights = palloc(sizeof(double) * n);
	int64_t    *parts = palloc(sizeof(int64_t) * n);
	ti_share   *work = palloc(sizeof(ti_share) * n);
	ti_error	err;

	for (int i = 0; i < n; i++)
		weights[i] = DatumGetFloat8(elems[i]);
	TI_CHECK(ti_apportion(PG_GETARG_INT64(0), weights, n, parts, work, &err), &err);
	return parts_array(fcinfo, parts, n);
}

/* ---------------------------------------------------------- numeric weights */

static Datum
numeric_from_int64(int64 v)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum(v));
}

static int
numeric_compare(Datum a, Datum b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, a, b));
}

/* The checks of core/apportion.c's float weights, for a numeric one. */
static void
check_weight(Datum w, int position)
{
	Numeric		n = DatumGetNumeric(w);

	if (numeric_is_nan(n))
		bad_weight(position, "NaN");
#if PG_VERSION_NUM >= 140000
	if (numeric_is_inf(n))
		bad_weight(position, "infinite");
#endif
	if (numeric_compare(w, numeric_from_int64(0)) < 0)
		bad_weight(position, psprintf("negative (%s)",
									  ti_core_cstring(DirectFunctionCall1(numeric_out, w))));
}

/* Largest remainder first, then lower position; arg: the remainders by position. */
static int
rank_cmp(const void *a, const void *b, void *arg)
{
	const ti_share *x = a,
			   *y = b;
	const Datum *remainders = arg;
	int			c;

	CHECK_FOR_INTERRUPTS();		/* millions of numeric comparisons */
	c = numeric_compare(remainders[y->index], remainders[x->index]);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* A quota's floor, 0 to 2^63 cents: only the whole of -92233720368547758.08 € is beyond int8. */
static uint64_t
quotient_cents(Datum q)
{
	if (numeric_compare(q, numeric_from_int64(PG_INT64_MAX)) > 0)
		return UINT64CONST(1) << 63;
	return (uint64_t) DatumGetInt64(DirectFunctionCall1(numeric_int8, q));
}

PG_FUNCTION_INFO_V1(apportion_numeric);
Datum
apportion_numeric(PG_FUNCTION_ARGS)
{
	int64		amount = PG_GETARG_INT64(0);
	Datum	   *weights;
	int			n = weights_arg(fcinfo, &weights);
	Datum		magnitude = DirectFunctionCall1(numeric_abs, numeric_from_int64(amount));
	Datum		total = numeric_from_int64(0);
	Datum	   *remainders = palloc(sizeof(Datum) * n);
	ti_share   *shares = palloc(sizeof(ti_share) * n);
	int64_t    *parts = palloc(sizeof(int64_t) * n);
	ti_error	err;

	for (int i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		check_weight(weights[i], i + 1);
		total = DirectFunctionCall2(numeric_add, total, weights[i]);
	}
	if (numeric_compare(total, numeric_from_int64(0)) == 0)
	{
		ti_apportion_all_zero(&err);
		ti_raise(&err);
	}
	for (int i = 0; i < n; i++)
	{
		Datum		product = DirectFunctionCall2(numeric_mul, magnitude, weights[i]);

		CHECK_FOR_INTERRUPTS();
		shares[i].quotient = quotient_cents(DirectFunctionCall2(numeric_div_trunc, product, total));
		remainders[i] = DirectFunctionCall2(numeric_mod, product, total);
		shares[i].index = (size_t) i;
	}
	qsort_arg(shares, n, sizeof(ti_share), rank_cmp, remainders);
	ti_apportion_finish(amount, shares, n, parts);
	return parts_array(fcinfo, parts, n);
}
