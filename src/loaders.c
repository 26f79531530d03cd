/*
 * loaders.c: what the SQL loaders (sql/schema/loaders.sql) need from C:
 * reading official CSV files record by record, and checking a value against
 * a terrind type without raising, so that a loader can report every bad row
 * at once.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif

#include "csv.h"
#include "need.h"
#include "identifiers.h"
#include "eur.h"
#include "boundary.h"

/* A materialized set-returning function's tuplestore, on PostgreSQL 13+. */
static Tuplestorestate *
begin_rows(FunctionCallInfo fcinfo, TupleDesc *desc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	Tuplestorestate *store;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ti_raise_unsupported_call("set-valued function called in context that cannot accept a set");
	if (get_call_result_type(fcinfo, NULL, desc) != TYPEFUNC_COMPOSITE)
		ti_raise_unsupported_call("function returning record called in context that cannot accept type record");
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	store = tuplestore_begin_heap(true, false, work_mem);
	*desc = CreateTupleDescCopy(*desc);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = *desc;
	MemoryContextSwitchTo(old);
	return store;
}

/* Emit one record: its first physical line and its fields as text[]. */
static void
put_record(Tuplestorestate *store, TupleDesc desc, long line, ArrayBuildState *fields)
{
	Datum		values[2];
	bool		nulls[2] = {false, false};

	values[0] = Int32GetDatum((int32) line);
	values[1] = makeArrayResult(fields, CurrentMemoryContext);
	tuplestore_putvalues(store, desc, values, nulls);
}

PG_FUNCTION_INFO_V1(csv_records);
Datum
csv_records(PG_FUNCTION_ARGS)
{
	size_t		csv_len;
	const char *csv = ti_text_arg(fcinfo, 0, &csv_len);
	TupleDesc	desc;
	Tuplestorestate *store = begin_rows(fcinfo, &desc);
	MemoryContext per_record = AllocSetContextCreate(CurrentMemoryContext, "csv record",
													  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(per_record);
	ArrayBuildState *fields = NULL;
	ti_csv		reader;
	ti_csv_field field;
	ti_error	err;

	ti_csv_init(&reader, csv, csv_len);
	while (ti_csv_next_field(&reader, &field, &err))
	{
		char	   *value = palloc(field.raw_len + 1);
		size_t		len = ti_csv_unescape(&field, value);

		fields = accumArrayResult(fields, PointerGetDatum(ti_text_result(value, len)),
								  false, TEXTOID, per_record);
		if (field.ends_record)
		{
			CHECK_FOR_INTERRUPTS();
			put_record(store, desc, field.record_line, fields);
			fields = NULL;
			MemoryContextReset(per_record);
			CHECK_FOR_INTERRUPTS();
		}
	}
	MemoryContextSwitchTo(old);
	if (err.kind != TI_OK)
		ti_raise(&err);
	return (Datum) 0;
}

/*
 * The core parser of each terrind type, for input_error() on every server
 * version (PostgreSQL 16+ could use soft input errors for any type).
 */
typedef bool (*check_fn) (const char *s, size_t len, ti_error *err);

#define CHECKER(name, parse, ctype) \
static bool \
name(const char *s, size_t len, ti_error *err) \
{ \
	ctype		v; \
	return parse(s, len, &v, err); \
}

CHECKER(check_siren, ti_siren_parse, int32_t)
CHECKER(check_siret, ti_siret_parse, int64_t)
CHECKER(check_commune_code, ti_commune_parse, int32_t)
CHECKER(check_ti_code, ti_code_parse, int16_t)
CHECKER(check_eur, ti_eur_parse, int64_t)
CHECKER(check_need, ti_need_parse, int16_t)

static const struct
{
	const char *type;
	check_fn	check;
}			checkers[] = {
	{"siren", check_siren},
	{"siret", check_siret},
	{"commune_code", check_commune_code},
	{"ti_code", check_ti_code},
	{"eur", check_eur},
	{"need", check_need},
};

/* The checker of a terrind type, or NULL for any other type. */
static check_fn
checker_for(Oid type)
{
	HeapTuple	tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(type));
	check_fn	found = NULL;

	if (!HeapTupleIsValid(tuple))
		return NULL;
	if (((Form_pg_type) GETSTRUCT(tuple))->typnamespace == get_namespace_oid("terrind", true))
	{
		const char *name = NameStr(((Form_pg_type) GETSTRUCT(tuple))->typname);

		for (size_t i = 0; i < lengthof(checkers); i++)
			if (strcmp(name, checkers[i].type) == 0)
				found = checkers[i].check;
	}
	ReleaseSysCache(tuple);
	return found;
}

PG_FUNCTION_INFO_V1(input_error);
Datum
input_error(PG_FUNCTION_ARGS)
{
	Oid			type = PG_GETARG_OID(1);
	check_fn	check = checker_for(type);
	const char *utf8;
	size_t		len;
	ti_error	err;

	if (check == NULL)
	{
		char	   *name = format_type_be(type);
		size_t		name_len;

		ti_fail(&err, TI_BAD_PARAMETER, "input_error() checks terrind's types, not %s",
				ti_core_text_or_raise(name, strlen(name), &name_len));
		ti_hint(&err, "Use siren, siret, commune_code, ti_code, eur or need.");
		ti_raise(&err);
	}
	/* text the core cannot read is one more input error, not a raise */
	if (ti_text_arg_soft(fcinfo, 0, &utf8, &len, &err) &&
		check(utf8, len, &err))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(ti_error_text(&err));
}

/*
 * The full list of problems of the last rejected load in this session: the
 * rejection's DETAIL shows the first terrind.max_reported_problems only, and
 * the transaction it aborts takes any table with it, so the list is kept in
 * session memory, where load_problems() reads it after the rollback.
 */
static text *kept_loader = NULL;	/* server text, never the core's */
static ArrayType *kept_problems = NULL;

PG_FUNCTION_INFO_V1(keep_load_problems);
Datum
keep_load_problems(PG_FUNCTION_ARGS)
{
	text	   *loader = PG_GETARG_TEXT_PP(0);
	ArrayType  *problems = PG_GETARG_ARRAYTYPE_P(1);

	if (kept_loader != NULL)
		pfree(kept_loader);
	if (kept_problems != NULL)
		pfree(kept_problems);
	kept_loader = MemoryContextAlloc(TopMemoryContext, VARSIZE_ANY(loader));
	memcpy(kept_loader, loader, VARSIZE_ANY(loader));
	kept_problems = MemoryContextAlloc(TopMemoryContext, VARSIZE(problems));
	memcpy(kept_problems, problems, VARSIZE(problems));
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(load_problems);
Datum
load_problems(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Tuplestorestate *store = begin_rows(fcinfo, &desc);
	Datum	   *elems;
	bool	   *nulls;
	int			count;

	if (kept_problems == NULL)
		return (Datum) 0;
	deconstruct_array(kept_problems, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &count);
	for (int i = 0; i < count; i++)
	{
		Datum		values[3] = {PointerGetDatum(kept_loader), Int32GetDatum(i + 1), elems[i]};
		bool		isnull[3] = {false, false, nulls[i]};

		CHECK_FOR_INTERRUPTS();
		tuplestore_putvalues(store, desc, values, isnull);
	}
	return (Datum) 0;
}
