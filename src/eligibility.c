/*
 * eligibility.c: the SQL type eligibility_rule, eligible() and rule_facts()
 * (core/rule.h does the work; explain() is in eligibility_explain.c).
 *
 * A value of the type is a varlena holding the rule's serialized form (see
 * core/rule_codec.c), which is also its binary send/receive format.
 * Functions keep decoded rules in fn_extra, keyed by those bytes, so that a
 * rule evaluated over many rows is decoded once, and evaluate it with
 * buffers reused from row to row; they keep the last facts read, by
 * content, so that many rules on one zone read each fact once.
 */
#include "postgres.h"
#include "pg_compat.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "eligibility.h"
#include "boundary.h"

/* --------------------------------------------------------------- type */

static bytea *
rule_to_varlena(const ti_rule *rule)
{
	size_t		len = ti_rule_serialized_size(rule);
	bytea	   *v = palloc(VARHDRSZ + len);

	SET_VARSIZE(v, VARHDRSZ + len);
	ti_rule_serialize(rule, (uint8_t *) VARDATA(v));
	return v;
}

/* Decode bytes into a rule whose workspace is palloc'd in the current context. */
static bool
decode(const uint8_t *bytes, size_t len, ti_rule *rule, ti_error *err)
{
	size_t		size;

	return ti_rule_deserialize_workspace(bytes, len, &size, err) &&
		ti_rule_deserialize(bytes, len, palloc(size), size, rule, err);
}

PG_FUNCTION_INFO_V1(eligibility_rule_in);
Datum
eligibility_rule_in(PG_FUNCTION_ARGS)
{
	const char *s;
	size_t		len;
	size_t		size;
	ti_rule		rule;
	ti_error	err;

	TI_INPUT_ARG(s, len);
	size = ti_rule_parse_workspace(len);
	/* a text over the limit is refused before its workspace is allocated */
	if (!ti_rule_parse(s, len, len <= TI_RULE_MAX_TEXT ? palloc(size) : NULL, size, &rule, &err))
		TI_INPUT_ERROR(&err);
	PG_RETURN_BYTEA_P(rule_to_varlena(&rule));
}

PG_FUNCTION_INFO_V1(eligibility_rule_out);
Datum
eligibility_rule_out(PG_FUNCTION_ARGS)
{
	bytea	   *v = PG_GETARG_BYTEA_PP(0);
	ti_rule		rule;
	ti_error	err;
	size_t		len;
	char	   *text;

	TI_CHECK(decode((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), &rule, &err), &err);
	len = ti_rule_print(&rule, ti_rule_root(&rule), NULL, 0);
	text = palloc(len + 1);
	ti_rule_print(&rule, ti_rule_root(&rule), text, len + 1);
	TI_RETURN_CSTRING(text);
}

/* The strings of a rule, in its binary form too, are the core's UTF-8. */
static void
verify_strings(const ti_rule *rule)
{
	for (uint32_t i = 0; i < rule->n_facts; i++)
		ti_check_utf8(rule->facts[i].s, rule->facts[i].len);
	for (uint32_t i = 0; i < rule->n_nodes; i++)
		if (rule->nodes[i].op == TI_OP_STRING)
			ti_check_utf8(rule->nodes[i].u.str, rule->nodes[i].count);
}

PG_FUNCTION_INFO_V1(eligibility_rule_recv);
Datum
eligibility_rule_recv(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *bytes = ti_message_rest(fcinfo, &len);
	bytea	   *v = palloc(VARHDRSZ + len);
	ti_rule		rule;
	ti_error	err;

	TI_CHECK(decode(bytes, len, &rule, &err) && ti_rule_check_printable(&rule, &err), &err);
	verify_strings(&rule);
	SET_VARSIZE(v, VARHDRSZ + len);
	memcpy(VARDATA(v), bytes, len);
	PG_RETURN_BYTEA_P(v);
}

PG_FUNCTION_INFO_V1(eligibility_rule_send);
Datum
eligibility_rule_send(PG_FUNCTION_ARGS)
{
	bytea	   *v = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA_ANY(v), (int) VARSIZE_ANY_EXHDR(v));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Equal rules have equal serialized forms (the decoder enforces it). */
static bool
same_bytes(FunctionCallInfo fcinfo)
{
	bytea	   *a = PG_GETARG_BYTEA_PP(0);
	bytea	   *b = PG_GETARG_BYTEA_PP(1);

	return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
}

PG_FUNCTION_INFO_V1(eligibility_rule_eq);
Datum
eligibility_rule_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(same_bytes(fcinfo));
}

PG_FUNCTION_INFO_V1(eligibility_rule_ne);
Datum
eligibility_rule_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!same_bytes(fcinfo));
}

PG_FUNCTION_INFO_V1(eligibility_rule_hash);
Datum
eligibility_rule_hash(PG_FUNCTION_ARGS)
{
	bytea	   *v = PG_GETARG_BYTEA_PP(0);

	return hash_any((const unsigned char *) VARDATA_ANY(v), (int) VARSIZE_ANY_EXHDR(v));
}

/* -------------------------------------------------------- cached rules */

/*
 * The planner may loop over rules inside a loop over zones, so that the
 * rule changes on every row: decoded rules are kept in a small hash table
 * keyed by their bytes, in a memory context emptied when it holds too many.
 */
#define CACHE_SLOTS 2048		/* a power of two */
#define CACHE_ENTRIES (CACHE_SLOTS / 2)
#define CACHE_BYTES (32 * 1024 * 1024)

/*
 * The last facts a call site read, kept by content.  An analyst's query
 * evaluates many rules on each zone's facts, and reading a fact (finding its
 * key, converting its number through text) costs more than comparing it: a
 * copy of the facts is kept, with the values read from it, until facts of
 * other bytes come.  Fact names are numbered once per call site (the
 * numbers index the kept values).
 */
#define KEPT_FACTS_BYTES (64 * 1024)	/* larger facts are read afresh */
#define FACT_NAMES 4096			/* numbered names; others are read afresh */
#define NAME_SLOTS (2 * FACT_NAMES) /* a power of two */
#define NO_NAME UINT32_MAX

typedef struct fact_name
{
	const char *s;				/* a copy, in the call site's memory */
	uint32		len;
	uint32		id;
} fact_name;

typedef struct kept_facts
{
	MemoryContext cxt;			/* the copy and strings read from it */
	Jsonb	   *copy;			/* NULL when nothing is kept */
	uint32		epoch;			/* values[id] are the copy's when epochs[id] == epoch */
	ti_rule_value *values;		/* per name number */
	uint32	   *epochs;
	fact_name  *names;			/* NAME_SLOTS, open addressing */
	uint32		n_names;
} kept_facts;

typedef struct rule_cache
{
	MemoryContext site_cxt;		/* the call site's: fn_mcxt */
	MemoryContext entries_cxt;
	cached_rule *slots[CACHE_SLOTS];
	int			n_entries;
	/* one evaluation's facts, sized for the largest rule seen */
	ti_rule_value *values;
	bool	   *known;
	size_t		facts_cap;
	TupleDesc	result_type;	/* call_site_result_type's */
	kept_facts	kept;
	struct facts_object
	{
		JsonbContainer *root;
		cached_rule *entry;
		kept_facts *kept;		/* NULL when these facts are not kept */
	}			facts_object;	/* fetch_fact's context */
} rule_cache;

/* The call site's number for a fact name (NO_NAME once FACT_NAMES are numbered). */
static uint32
name_number(kept_facts *k, MemoryContext mcxt, const char *s, uint32 len)
{
	uint32		i = hash_bytes((const unsigned char *) s, (int) len) & (NAME_SLOTS - 1);

	for (; k->names[i].s; i = (i + 1) & (NAME_SLOTS - 1))
		if (k->names[i].len == len && memcmp(k->names[i].s, s, len) == 0)
			return k->names[i].id;
	if (k->n_names == FACT_NAMES)
		return NO_NAME;
	k->names[i].s = memcpy(MemoryContextAlloc(mcxt, Max(len, 1)), s, len);
	k->names[i].len = len;
	return k->names[i].id = k->n_names++;
}

/* The container to read facts from: the kept copy of these facts, if kept. */
static JsonbContainer *
keep_facts(kept_facts *k, Jsonb *facts, bool *kept)
{
	Size		size = VARSIZE(facts);

	*kept = true;
	if (k->copy != NULL && VARSIZE(k->copy) == size && memcmp(k->copy, facts, size) == 0)
		return &k->copy->root;
	MemoryContextReset(k->cxt);
	k->copy = NULL;
	if (size > KEPT_FACTS_BYTES)
	{
		*kept = false;
		return &facts->root;
	}
	k->copy = memcpy(MemoryContextAlloc(k->cxt, size), facts, size);
	if (++k->epoch == 0)		/* wrapped: no value is current */
	{
		memset(k->epochs, 0, FACT_NAMES * sizeof(uint32));
		k->epoch = 1;
	}
	return &k->copy->root;
}

/* The rule's fact names as jsonb keys are written: in the database encoding. */
static ti_rule_name *
jsonb_keys(const ti_rule *rule)
{
	ti_rule_name *keys = palloc(Max(1, rule->n_facts) * sizeof(ti_rule_name));

	for (uint32_t i = 0; i < rule->n_facts; i++)
	{
		size_t		len;

		keys[i].s = ti_server_text(rule->facts[i].s, rule->facts[i].len, &len);
		keys[i].len = (uint32) len;
	}
	return keys;
}

static cached_rule *
decode_entry(rule_cache *c, const uint8_t *bytes, size_t len, uint32 hash)
{
	MemoryContext old = MemoryContextSwitchTo(c->entries_cxt);
	cached_rule *e = palloc0(sizeof(cached_rule));
	uint8_t    *copy = palloc(len);
	ti_error	err;

	memcpy(copy, bytes, len);
	e->mcxt = c->entries_cxt;
	e->hash = hash;
	e->len = len;
	e->bytes = copy;
	TI_CHECK(decode(copy, len, &e->rule, &err), &err);
	e->key = jsonb_keys(&e->rule);
	e->name_id = palloc(Max(1, e->rule.n_facts) * sizeof(uint32));
	for (uint32_t i = 0; i < e->rule.n_facts; i++)
		((uint32 *) e->name_id)[i] = name_number(&c->kept, c->site_cxt,
												 e->rule.facts[i].s, e->rule.facts[i].len);
	MemoryContextSwitchTo(old);
	return e;
}

static void
reserve_facts(rule_cache *c, MemoryContext mcxt, size_t n)
{
	if (n <= c->facts_cap)
		return;
	if (c->values)
	{
		pfree(c->values);
		pfree(c->known);
	}
	c->facts_cap = Max(n, 2 * c->facts_cap);
	c->values = MemoryContextAlloc(mcxt, c->facts_cap * sizeof(ti_rule_value));
	c->known = MemoryContextAlloc(mcxt, c->facts_cap * sizeof(bool));
}

static rule_cache *
cache_of(FunctionCallInfo fcinfo)
{
	rule_cache *c = fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(rule_cache));
		c->site_cxt = fcinfo->flinfo->fn_mcxt;
		c->entries_cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "terrind eligibility rules",
											   ALLOCSET_DEFAULT_SIZES);
		c->kept.cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "terrind kept facts",
											ALLOCSET_DEFAULT_SIZES);
		c->kept.values = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, FACT_NAMES * sizeof(ti_rule_value));
		c->kept.epochs = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, FACT_NAMES * sizeof(uint32));
		c->kept.names = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, NAME_SLOTS * sizeof(fact_name));
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

static bool
holds(const cached_rule *e, uint32 hash, const uint8_t *bytes, size_t len)
{
	return e->hash == hash && e->len == len && memcmp(e->bytes, bytes, len) == 0;
}

static cached_rule *
lookup(rule_cache *c, MemoryContext fn_mcxt, const uint8_t *bytes, size_t len)
{
	uint32		hash = hash_bytes(bytes, (int) len);
	uint32		i;

	for (i = hash & (CACHE_SLOTS - 1); c->slots[i]; i = (i + 1) & (CACHE_SLOTS - 1))
		if (holds(c->slots[i], hash, bytes, len))
			return c->slots[i];
	if (c->n_entries >= CACHE_ENTRIES ||
		MemoryContextMemAllocated(c->entries_cxt, false) > CACHE_BYTES)
	{
		MemoryContextReset(c->entries_cxt);
		memset(c->slots, 0, sizeof(c->slots));
		c->n_entries = 0;
		i = hash & (CACHE_SLOTS - 1);
	}
	c->slots[i] = decode_entry(c, bytes, len, hash);
	c->n_entries++;
	reserve_facts(c, fn_mcxt, c->slots[i]->rule.n_facts);
	return c->slots[i];
}

TupleDesc
call_site_result_type(FunctionCallInfo fcinfo)
{
	rule_cache *c = cache_of(fcinfo);

	if (c->result_type == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	desc;

		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			ti_raise_unsupported_call("function returning a record called in a context that cannot accept one");
		c->result_type = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
	}
	return c->result_type;
}

cached_rule *
rule_arg(FunctionCallInfo fcinfo, int argno)
{
	bytea	   *v = PG_GETARG_BYTEA_PP(argno);

	return lookup(cache_of(fcinfo), fcinfo->flinfo->fn_mcxt,
				  (const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v));
}

/* -------------------------------------------------------- jsonb facts */

static bool
not_a_value(ti_error *err, const ti_rule_name *name, const JsonbValue *v)
{
	ti_fail(err, TI_BAD_PARAMETER, "fact \"%.*s\" is %s", (int) name->len, name->s,
			JsonContainerIsObject(v->val.binary.data) ? "an object" : "an array");
	ti_detail(err, "A fact is a number, a string, a boolean or null.");
	return false;
}

/* The double nearest to a jsonb number; infinite beyond double's range. */
static double
number_of(Numeric n)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, NumericGetDatum(n)));
}

/*
 * Read a fact, named name (key in the database encoding), from a jsonb
 * object: a dotted name walks nested objects; a missing key, or a walk
 * through something not an object, is NULL.  A string is read as the core's
 * UTF-8.
 */
static bool
read_fact(JsonbContainer *container, const ti_rule_name *name, const ti_rule_name *key,
		  ti_rule_value *out, ti_error *err)
{
	const char *part = key->s;
	const char *end = key->s + key->len;
	JsonbValue	v;

	for (;;)
	{
		const char *dot = memchr(part, '.', end - part);
		const char *stop = dot ? dot : end;

		if (!JsonContainerIsObject(container) ||
			!getKeyJsonValueFromContainer(container, part, (int) (stop - part), &v))
			return true;		/* missing: NULL */
		if (dot == NULL)
			break;
		if (v.type != jbvBinary)
			return true;
		container = v.val.binary.data;
		part = dot + 1;
	}
	switch (v.type)
	{
		case jbvNull:
			return true;
		case jbvBool:
			out->type = TI_TYPE_BOOL;
			out->boolean = v.val.boolean;
			return true;
		case jbvString:
			{
				size_t		len;

				out->type = TI_TYPE_TEXT;
				if (!ti_core_text(v.val.string.val, v.val.string.len, &out->text, &len, err))
					return false;
				out->len = (uint32) len;
				return true;
			}
		case jbvNumeric:
			out->num = number_of(v.val.numeric);
			if (isinf(out->num))
				return true;	/* beyond double: NULL, like an overflow */
			out->type = TI_TYPE_NUMBER;
			out->origin = v.val.numeric;
			return true;
		default:
			return not_a_value(err, name, &v);
	}
}

/* ti_rule_fetch: fact number fact of the rule, kept or read from the facts. */
static bool
fetch_fact(void *ctx, const ti_rule *rule, uint32_t fact, ti_rule_value *out, ti_error *err)
{
	const struct facts_object *facts = ctx;
	kept_facts *k = facts->kept;
	uint32		id = facts->entry->name_id[fact];
	MemoryContext old;
	bool		ok;

	if (k == NULL || id == NO_NAME)
		return read_fact(facts->root, &rule->facts[fact], &facts->entry->key[fact], out, err);
	if (k->epochs[id] == k->epoch)
	{
		*out = k->values[id];
		return true;
	}
	/* a string converted for the core lives as long as the copy */
	old = MemoryContextSwitchTo(k->cxt);
	ok = read_fact(facts->root, &rule->facts[fact], &facts->entry->key[fact], out, err);
	MemoryContextSwitchTo(old);
	if (ok)
	{
		k->values[id] = *out;
		k->epochs[id] = k->epoch;
	}
	return ok;
}

cached_rule *
rule_and_facts(FunctionCallInfo fcinfo, ti_rule_facts *facts)
{
	cached_rule *e = rule_arg(fcinfo, 0);
	rule_cache *c = fcinfo->flinfo->fn_extra;
	Jsonb	   *jsonb = PG_GETARG_JSONB_P(1);
	bool		kept;
	ti_error	err;

	if (!JB_ROOT_IS_OBJECT(jsonb))
	{
		ti_fail(&err, TI_BAD_PARAMETER, "facts must be a jsonb object, not %s",
				JB_ROOT_IS_SCALAR(jsonb) ? "a scalar" : "an array");
		ti_hint(&err, "Write facts as {\"population\": 62000, \"national\": {\"industry_share\": 0.102}}.");
		ti_raise(&err);
	}
	facts->fetch = fetch_fact;
	c->facts_object.root = keep_facts(&c->kept, jsonb, &kept);
	c->facts_object.kept = kept ? &c->kept : NULL;
	c->facts_object.entry = e;
	facts->ctx = &c->facts_object;
	facts->values = c->values;
	facts->known = c->known;
	facts->recall = NULL;
	memset(c->known, 0, e->rule.n_facts * sizeof(bool));
	return e;
}

PG_FUNCTION_INFO_V1(eligibility_eligible);
Datum
eligibility_eligible(PG_FUNCTION_ARGS)
{
	ti_rule_facts facts;
	cached_rule *e = rule_and_facts(fcinfo, &facts);
	ti_rule_value verdict;
	ti_error	err;

	TI_CHECK(ti_rule_eval(&e->rule, &facts, &verdict, &err), &err);
	if (verdict.type == TI_TYPE_NULL)
		PG_RETURN_NULL();
	PG_RETURN_BOOL(verdict.boolean);
}

PG_FUNCTION_INFO_V1(eligibility_rule_facts);
Datum
eligibility_rule_facts(PG_FUNCTION_ARGS)
{
	const ti_rule *r = &rule_arg(fcinfo, 0)->rule;
	Datum	   *names = palloc(Max(r->n_facts, 1) * sizeof(Datum));

	for (uint32_t i = 0; i < r->n_facts; i++)
		names[i] = PointerGetDatum(ti_text_result(r->facts[i].s, r->facts[i].len));
	PG_RETURN_ARRAYTYPE_P(construct_array(names, (int) r->n_facts, TEXTOID, -1, false, TYPALIGN_INT));
}
