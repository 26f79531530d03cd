/*
 * eligibility.c: the SQL type eligibility_rule, eligible() and rule_facts()
 * (core/rule.h does the work; explain() is in eligibility_explain.c).
 *
 * A value of the type is a varlena holding the rule's serialized form (see
 * core/rule_codec.c), which is also its binary send/receive format.
 * Functions keep decoded rules in fn_extra, keyed by those bytes, so that a
 * rule evaluated over many rows is decoded once, and evaluate it with
 * buffers reused from row to row.
 */
#include "postgres.h"
#include "pg_compat.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "eligibility.h"
#include "facts_memo.h"
#include "jsonb_read.h"
#include "numeric_convert.h"
#include "report.h"

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
	const char *s = PG_GETARG_CSTRING(0);
	size_t		len = strlen(s);
	size_t		size = ti_rule_parse_workspace(len);
	ti_rule		rule;
	ti_error	err;

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
	PG_RETURN_CSTRING(text);
}

/* Strings from a binary message must be valid in the database encoding. */
static void
verify_strings(const ti_rule *rule)
{
	for (uint32_t i = 0; i < rule->n_facts; i++)
		pg_verify_mbstr(GetDatabaseEncoding(), rule->facts[i].s, rule->facts[i].len, false);
	for (uint32_t i = 0; i < rule->n_nodes; i++)
		if (rule->nodes[i].op == TI_OP_STRING)
			pg_verify_mbstr(GetDatabaseEncoding(), rule->nodes[i].u.str, rule->nodes[i].count, false);
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

#define RECENT_BITS 13			/* 4096 pairs of sightings: few collisions for 1000 rules */
#define RECENT_SLOTS (1 << RECENT_BITS)

/* Where a rule was last seen: a row's rule is often where it was before. */
typedef struct sighting
{
	const uint8_t *at;
	cached_rule *rule;
} sighting;

typedef struct rule_cache
{
	MemoryContext entries_cxt;
	cached_rule *slots[CACHE_SLOTS];
	int			n_entries;
	sighting	recent[RECENT_SLOTS];
	/* one evaluation's facts, sized for the largest rule seen */
	ti_rule_value *values;
	bool	   *known;
	size_t		facts_cap;
	TupleDesc	result_type;	/* call_site_result_type's */
	struct facts_object
	{
		JsonbContainer *root;
		cached_rule *entry;
		facts_memo *memo;		/* keys: the cached rules' fact names, explain's comparisons */
	}			facts_object;	/* fetch_fact's context */
} rule_cache;

/* The rule's fact names numbered by the memo (the names live in the entry). */
static uint32 *
number_names(rule_cache *c, const ti_rule *rule)
{
	uint32	   *ids = palloc(Max(1, rule->n_facts) * sizeof(uint32));

	for (uint32_t i = 0; i < rule->n_facts; i++)
		ids[i] = facts_memo_number(c->facts_object.memo, rule->facts[i].s, rule->facts[i].len);
	return ids;
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
	e->name_id = number_names(c, &e->rule);
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

/* Forget every cached rule, and the memo's keys that point into them. */
static void
empty_cache(rule_cache *c)
{
	facts_memo_forget_keys(c->facts_object.memo);
	MemoryContextReset(c->entries_cxt);
	memset(c->slots, 0, sizeof(c->slots));
	memset(c->recent, 0, sizeof(c->recent));
	c->n_entries = 0;
}

static rule_cache *
cache_of(FunctionCallInfo fcinfo)
{
	rule_cache *c = fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(rule_cache));
		c->entries_cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "terrind eligibility rules",
											   ALLOCSET_DEFAULT_SIZES);
		c->facts_object.memo = facts_memo_create(fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

static bool
same_bytes_as(const cached_rule *e, const uint8_t *bytes, size_t len)
{
	return e->len == len && memcmp(e->bytes, bytes, len) == 0;
}

static bool
holds(const cached_rule *e, uint32 hash, const uint8_t *bytes, size_t len)
{
	return e->hash == hash && same_bytes_as(e, bytes, len);
}

static bool
seen_here(const sighting *s, const uint8_t *bytes, size_t len)
{
	return s->at == bytes && same_bytes_as(s->rule, bytes, len);
}

static cached_rule *
lookup(rule_cache *c, MemoryContext fn_mcxt, const uint8_t *bytes, size_t len)
{
	/* a pair of sightings per Fibonacci hash of the address, the latest first */
	sighting   *seen = &c->recent[(uint32) ((uintptr_t) bytes * UINT64CONST(11400714819323198485) >> (64 - RECENT_BITS)) & ~1];
	uint32		hash;
	uint32		i;

	/* the bytes at this address held this rule not long ago: check, no hashing */
	if (seen_here(&seen[0], bytes, len))
		return seen[0].rule;
	if (seen_here(&seen[1], bytes, len))
	{
		sighting	latest = seen[1];

		seen[1] = seen[0];
		seen[0] = latest;
		return latest.rule;
	}
	hash = hash_bytes(bytes, (int) len);
	for (i = hash & (CACHE_SLOTS - 1); c->slots[i]; i = (i + 1) & (CACHE_SLOTS - 1))
		if (holds(c->slots[i], hash, bytes, len))
			break;
	if (c->slots[i] == NULL)
	{
		if (c->n_entries >= CACHE_ENTRIES ||
			MemoryContextMemAllocated(c->entries_cxt, false) > CACHE_BYTES)
		{
			empty_cache(c);
			i = hash & (CACHE_SLOTS - 1);
		}
		c->slots[i] = decode_entry(c, bytes, len, hash);
		c->n_entries++;
		reserve_facts(c, fn_mcxt, c->slots[i]->rule.n_facts);
	}
	seen[1] = seen[0];
	seen[0].at = bytes;
	return seen[0].rule = c->slots[i];
}

facts_memo *
call_site_memo(FunctionCallInfo fcinfo)
{
	return cache_of(fcinfo)->facts_object.memo;
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
			ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
							errmsg("function returning a record called in a context that cannot accept one")));
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

/*
 * Read fact number id, named name, from a jsonb object: a dotted name walks
 * nested objects; a missing key, or a walk through something not an
 * object, is NULL.
 */
static bool
read_fact(const struct facts_object *facts, const ti_rule_name *name, uint32 id,
		  ti_rule_value *out, ti_error *err)
{
	JsonbContainer *container = facts->root;
	const char *part = name->s;
	const char *end = name->s + name->len;
	uint32	   *guess = facts_memo_hints(facts->memo, id);
	JsonbValue	v;

	for (;;)
	{
		const char *dot = memchr(part, '.', end - part);
		const char *stop = dot ? dot : end;

		if (!JsonContainerIsObject(container) ||
			!jr_object_get(container, part, (uint32) (stop - part), guess, &v))
			return true;		/* missing: NULL */
		/* the top level's position, then the deeper levels' (they share one) */
		guess = facts_memo_hints(facts->memo, id) + 1;
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
			out->type = TI_TYPE_TEXT;
			out->text = v.val.string.val;
			out->len = (uint32) v.val.string.len;
			return true;
		case jbvNumeric:
			out->num = numeric_to_double(v.val.numeric);
			if (isinf(out->num))
				return true;	/* beyond double: NULL, like an overflow */
			out->type = TI_TYPE_NUMBER;
			out->origin = v.val.numeric;
			return true;
		default:
			return not_a_value(err, name, &v);
	}
}

/* ti_rule_fetch: a fact read from these facts before, or read now and kept. */
static bool
fetch_fact(void *ctx, const ti_rule *rule, uint32_t fact, ti_rule_value *out, ti_error *err)
{
	const struct facts_object *facts = ctx;
	uint32		id = facts->entry->name_id[fact];

	if (facts_memo_value(facts->memo, id, out))
		return true;
	if (!read_fact(facts, &rule->facts[fact], id, out, err))
		return false;
	facts_memo_keep_value(facts->memo, id, out);
	return true;
}

cached_rule *
rule_and_facts(FunctionCallInfo fcinfo, ti_rule_facts *facts)
{
	cached_rule *e = rule_arg(fcinfo, 0);
	rule_cache *c = fcinfo->flinfo->fn_extra;
	Jsonb	   *jsonb = PG_GETARG_JSONB_P(1);
	ti_error	err;

	if (!JB_ROOT_IS_OBJECT(jsonb))
	{
		ti_fail(&err, TI_BAD_PARAMETER, "facts must be a jsonb object, not %s",
				JB_ROOT_IS_SCALAR(jsonb) ? "a scalar" : "an array");
		ti_hint(&err, "Write facts as {\"population\": 62000, \"national\": {\"industry_share\": 0.102}}.");
		ti_raise(&err);
	}
	facts_memo_begin(c->facts_object.memo, jsonb);
	facts->fetch = fetch_fact;
	c->facts_object.root = &jsonb->root;
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
		names[i] = PointerGetDatum(cstring_to_text_with_len(r->facts[i].s, (int) r->facts[i].len));
	PG_RETURN_ARRAYTYPE_P(construct_array(names, (int) r->n_facts, TEXTOID, -1, false, TYPALIGN_INT));
}
