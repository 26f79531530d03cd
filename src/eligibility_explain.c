/*
 * eligibility_explain.c: explain(rule, facts), why a rule holds or not.
 *
 *   {"verdict": true | false | null,
 *    "comparisons": [{"op", "left", "text", "right", "margin", "passed",
 *                     "result", "relative_margin"}, ...]}
 *
 * one entry per comparison, in the order of the rule's text (README,
 * Eligibility, documents each field).  The result is written straight in
 * jsonb's binary form (jsonb_write.h), keys in jsonb's order; what depends
 * only on the rule (the comparisons' canonical texts) is made once per cached
 * rule, and an operand's last number as numeric is kept with it.  An entry
 * depends only on the comparison's text, its polarity and the facts: while
 * the facts stay the same, rules sharing a comparison share its entry
 * (facts_memo.h).
 */
#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/float.h"

#include "eligibility.h"
#include "facts_memo.h"
#include "jsonb_write.h"
#include "numeric_convert.h"
#include "report.h"

/* The keys of an entry, in jsonb's order (shorter first, then bytewise). */
static const char *const entry_keys[] = {
	"op", "left", "text", "right", "margin", "passed", "result", "relative_margin"
};
static const char *const top_keys[] = {"verdict", "comparisons"};

#define N_KEYS lengthof(entry_keys)

static jw_keyset entry_keyset;
static jw_keyset top_keyset;

/* What explain keeps with a cached rule, made on first use. */
typedef struct rule_parts
{
	ti_rule_name *text;			/* per comparison node: its canonical text */
	ti_rule_name *op;			/* per comparison node: the "op" field */
	struct number_memo **memo;	/* per operand node, its last number as numeric */
	uint32	   *number;			/* per check node and polarity: check_number's */
	uint32		checks;			/* entries of "comparisons" */
	size_t		size;			/* of the last explanation, to size the next */
} rule_parts;

/*
 * What verdict() keeps of each check besides its jsonb entry; the facts memo
 * keeps it too, before the entry, node aside (a node is one rule's).
 */
typedef struct check_outcome
{
	uint32_t	node;
	ti_rule_value passed;
	bool		held;			/* result true: "not" failed */
	bool		has_relative;
	double		relative;
} check_outcome;

typedef struct explainer
{
	cached_rule *e;
	rule_parts *parts;
	facts_memo *memo;
	jsonb_writer w;
	check_outcome *outcomes;	/* verdict(): one per check; explain(): NULL */
	uint32		n_outcomes;
} explainer;

static ti_rule_name
printed(cached_rule *e, uint32_t node)
{
	ti_rule_name t;
	char	   *s;

	t.len = (uint32) ti_rule_print(&e->rule, node, NULL, 0);
	s = MemoryContextAlloc(e->mcxt, t.len + 1);
	ti_rule_print(&e->rule, node, s, t.len + 1);
	t.s = s;
	return t;
}

static rule_parts *
parts_of(cached_rule *e)
{
	rule_parts *p = e->explain;
	const ti_rule *r = &e->rule;

	if (p != NULL)
		return p;
	p = MemoryContextAllocZero(e->mcxt, sizeof(rule_parts));
	p->text = MemoryContextAllocZero(e->mcxt, r->n_nodes * sizeof(ti_rule_name));
	p->op = MemoryContextAllocZero(e->mcxt, r->n_nodes * sizeof(ti_rule_name));
	p->memo = MemoryContextAllocZero(e->mcxt, r->n_nodes * sizeof(struct number_memo *));
	p->number = MemoryContextAlloc(e->mcxt, 2 * r->n_nodes * sizeof(uint32));
	memset(p->number, 0xFF, 2 * r->n_nodes * sizeof(uint32));	/* none yet */
	for (uint32_t i = 0; i < r->n_nodes; i++)
	{
		uint8_t		op = r->nodes[i].op;

		/* every node explain can report: comparisons, facts alone */
		if (!ti_rule_is_comparison(op) && op != TI_OP_FACT)
			continue;
		p->text[i] = printed(e, i);
		p->op[i].s = op == TI_OP_FACT ? "fact" : ti_rule_op_text(op);
		p->op[i].len = (uint32) strlen(p->op[i].s);
	}
	p->checks = ti_rule_check_count(r);
	return e->explain = p;
}

/* not an operand node: a margin, a verdict */
#define COMPUTED UINT32_MAX

/*
 * The numeric an operand node wrote last: a literal's never changes, and a
 * computed threshold such as 1.5 * national.industry_share is often the same
 * from one zone to the next.
 */
typedef struct number_memo
{
	double		num;
	numeric_buf bytes;
} number_memo;

static Numeric
memo_numeric(explainer *x, uint32_t node, double num)
{
	number_memo **memo = &x->parts->memo[node];
	numeric_buf buf;
	Numeric		n;

	if (*memo != NULL && (*memo)->num == num)
		return (Numeric) (*memo)->bytes.bytes;
	n = double_to_numeric(num, &buf);
	if (VARSIZE(n) > sizeof(buf))
		return n;				/* float8_numeric()'s, rare: not kept */
	if (*memo == NULL)
		*memo = MemoryContextAlloc(x->e->mcxt, sizeof(number_memo));
	(*memo)->num = num;
	memcpy((*memo)->bytes.bytes, n, VARSIZE(n));
	return (Numeric) (*memo)->bytes.bytes;
}

/* Write v, computed by node: numbers from facts keep their numeric. */
static void
write_value(explainer *x, const ti_rule_value *v, uint32_t node)
{
	numeric_buf buf;

	switch (v->type)
	{
		case TI_TYPE_NULL:
			jw_null(&x->w);
			return;
		case TI_TYPE_BOOL:
			jw_bool(&x->w, v->boolean);
			return;
		case TI_TYPE_TEXT:
			jw_string(&x->w, v->text, v->len);
			return;
		default:
			break;
	}
	if (v->origin)
		jw_numeric(&x->w, (Numeric) v->origin);
	else if (node == COMPUTED)
		jw_numeric(&x->w, double_to_numeric(v->num, &buf));
	else
		jw_numeric(&x->w, memo_numeric(x, node, v->num));
}

static void
write_number(explainer *x, bool has, double d)
{
	numeric_buf buf;

	if (has)
		jw_numeric(&x->w, double_to_numeric(d, &buf));
	else
		jw_null(&x->w);
}

/* The right side: a value, [low, high] for between, the list for in. */
static void
write_right(explainer *x, const ti_rule_check *check)
{
	const ti_rule *r = &x->e->rule;
	const ti_rule_node *n = &r->nodes[check->node];

	if (n->op == TI_OP_FACT)
		jw_null(&x->w);
	else if (n->op == TI_OP_IN || n->op == TI_OP_NOT_IN)
	{
		jw_begin_array(&x->w, n->count - 1);
		for (uint32_t k = 1; k < n->count; k++)
			jw_string(&x->w, ti_rule_kid(r, n, k)->u.str, ti_rule_kid(r, n, k)->count);
		jw_end(&x->w);
	}
	else if (n->count == 3)
	{
		jw_begin_array(&x->w, 2);
		write_value(x, &check->right[0], r->kids[n->arg + 1]);
		write_value(x, &check->right[1], r->kids[n->arg + 2]);
		jw_end(&x->w);
	}
	else
		write_value(x, &check->right[0], r->kids[n->arg + 1]);
}

/*
 * The facts memo's number for the check at node when the rule wants it to be
 * wanted: its entry is the same in every rule, for the same facts.
 */
static uint32
check_number(explainer *x, uint32_t node, bool wanted)
{
	uint32	   *number = &x->parts->number[2 * node + wanted];

	if (*number == UINT32_MAX)
	{
		const ti_rule_name *text = &x->parts->text[node];
		char	   *key = MemoryContextAlloc(x->e->mcxt, text->len + 1);

		/* fact names, the memo's other keys, begin with a letter or "_" */
		key[0] = wanted ? '+' : '-';
		memcpy(key + 1, text->s, text->len);
		*number = facts_memo_number(x->memo, key, text->len + 1);
	}
	return *number;
}

/* verdict() keeps each check's outcome, recalled or evaluated, at node. */
static void
add_outcome(explainer *x, uint32_t node, const check_outcome *o)
{
	if (x->outcomes == NULL)
		return;
	x->outcomes[x->n_outcomes] = *o;
	x->outcomes[x->n_outcomes++].node = node;
}

/* ti_rule_recall: a check explained before on the same facts. */
static bool
recall_check(void *ctx, const ti_rule *r, uint32_t node, bool wanted, ti_rule_value *result)
{
	explainer  *x = ctx;
	const char *bytes;
	size_t		len;
	check_outcome k;

	if (!facts_memo_bytes(x->memo, check_number(x, node, wanted), &bytes, &len))
		return false;
	memcpy(&k, bytes, sizeof(k));
	jw_container_bytes(&x->w, bytes + sizeof(k), len - sizeof(k));
	add_outcome(x, node, &k);
	memset(result, 0, sizeof(*result));
	if (k.passed.type == TI_TYPE_BOOL)
	{
		result->type = TI_TYPE_BOOL;
		result->boolean = k.held;
	}
	return true;
}

/*
 * Write the check's entry in "comparisons"; keep its outcome k, then the
 * entry's bytes, for the same facts.
 */
static void
write_check(explainer *x, const ti_rule_check *check, const check_outcome *k)
{
	const ti_rule *r = &x->e->rule;
	const ti_rule_node *n = &r->nodes[check->node];
	const ti_rule_name *op = &x->parts->op[check->node];
	const ti_rule_name *text = &x->parts->text[check->node];
	size_t		start = jw_begin_object(&x->w, N_KEYS);
	char	   *kept;

	jw_keys(&x->w, &entry_keyset);
	jw_string(&x->w, op->s, op->len);
	write_value(x, &check->left, n->op == TI_OP_FACT ? check->node : r->kids[n->arg]);
	jw_string(&x->w, text->s, text->len);
	write_right(x, check);
	write_number(x, check->has_margin, check->margin);
	write_value(x, &k->passed, COMPUTED);
	write_value(x, &check->result, COMPUTED);
	write_number(x, check->has_relative, check->relative);
	jw_end(&x->w);
	kept = facts_memo_keep_bytes(x->memo, check_number(x, check->node, check->wanted),
								 sizeof(*k) + x->w.len - start);
	if (kept)
	{
		memcpy(kept, k, sizeof(*k));
		memcpy(kept + sizeof(*k), x->w.buf + start, x->w.len - start);
	}
}

static bool
explain_check(void *ctx, const ti_rule *r, const ti_rule_check *check, ti_error *err)
{
	explainer  *x = ctx;
	check_outcome k;

	memset(&k, 0, sizeof(k));
	k.passed = check->result;
	if (k.passed.type == TI_TYPE_BOOL)
		k.passed.boolean = check->result.boolean == check->wanted;
	k.held = check->result.type == TI_TYPE_BOOL && check->result.boolean;
	k.has_relative = check->has_relative;
	k.relative = check->relative;
	write_check(x, check, &k);
	add_outcome(x, check->node, &k);
	return true;
}

/* Explain the rule of argument 0 on the facts of argument 1. */
static Jsonb *
explain_call(FunctionCallInfo fcinfo, explainer *x, ti_rule_value *verdict)
{
	ti_rule_facts facts;
	ti_error	err;
	size_t		verdict_at;

	x->e = rule_and_facts(fcinfo, &facts);
	x->parts = parts_of(x->e);
	x->memo = call_site_memo(fcinfo);
	facts.recall = recall_check;
	facts.recall_ctx = x;
	if (top_keyset.count == 0)
	{
		jw_keyset_init(&entry_keyset, entry_keys, N_KEYS);
		jw_keyset_init(&top_keyset, top_keys, lengthof(top_keys));
	}
	jw_init(&x->w, x->parts->size + 64);
	jw_begin_object(&x->w, lengthof(top_keys));
	jw_keys(&x->w, &top_keyset);
	verdict_at = jw_null_for_now(&x->w);
	jw_begin_array(&x->w, x->parts->checks);
	TI_CHECK(ti_rule_explain(&x->e->rule, &facts, explain_check, x, verdict, &err), &err);
	jw_end(&x->w);
	jw_end(&x->w);
	if (verdict->type == TI_TYPE_BOOL)
		jw_set_bool(&x->w, verdict_at, verdict->boolean);
	x->parts->size = x->w.len;
	return jw_finish(&x->w);
}

PG_FUNCTION_INFO_V1(eligibility_explain);
Datum
eligibility_explain(PG_FUNCTION_ARGS)
{
	explainer	x = {0};
	ti_rule_value verdict;

	PG_RETURN_JSONB_P(explain_call(fcinfo, &x, &verdict));
}

/* "not x" when x held but the rule wanted it to fail. */
static Datum
failed_condition(const explainer *x, const check_outcome *o)
{
	const ti_rule_name *name = &x->parts->text[o->node];
	size_t		prefix = o->held ? 4 : 0;
	text	   *t = palloc(VARHDRSZ + prefix + name->len);

	SET_VARSIZE(t, VARHDRSZ + prefix + name->len);
	memcpy(VARDATA(t), "not ", prefix);
	memcpy(VARDATA(t) + prefix, name->s, name->len);
	return PointerGetDatum(t);
}

/*
 * The relative margin closest to flipping among the checks that went the
 * verdict's way, +-infinity for those without one, rounded as explain
 * writes it; false when the verdict is NULL or no check went its way.
 */
static bool
closest_margin(const explainer *x, bool verdict, double *margin)
{
	bool		found = false;
	numeric_buf buf;

	*margin = get_float8_infinity();
	for (uint32 i = 0; i < x->n_outcomes; i++)
	{
		const check_outcome *o = &x->outcomes[i];
		double		m;

		if (o->passed.type != TI_TYPE_BOOL || o->passed.boolean != verdict)
			continue;
		m = o->has_relative ? numeric_to_double(double_to_numeric(o->relative, &buf))
			: (verdict ? get_float8_infinity() : -get_float8_infinity());
		*margin = Min(*margin, m);
		found = true;
	}
	return found;
}

PG_FUNCTION_INFO_V1(eligibility_verdict);
Datum
eligibility_verdict(PG_FUNCTION_ARGS)
{
	TupleDesc	desc = call_site_result_type(fcinfo);
	explainer	x = {0};
	ti_rule_value verdict;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	Datum	   *failing;
	int			n_failing = 0;
	double		margin;
	Jsonb	   *explanation;

	x.outcomes = palloc(sizeof(check_outcome) * Max(1, parts_of(rule_arg(fcinfo, 0))->checks));
	explanation = explain_call(fcinfo, &x, &verdict);
	failing = palloc(sizeof(Datum) * Max(1, x.n_outcomes));
	for (uint32 i = 0; i < x.n_outcomes; i++)
		if (x.outcomes[i].passed.type == TI_TYPE_BOOL && !x.outcomes[i].passed.boolean)
			failing[n_failing++] = failed_condition(&x, &x.outcomes[i]);
	values[0] = BoolGetDatum(verdict.boolean);
	nulls[0] = verdict.type != TI_TYPE_BOOL;
	values[1] = PointerGetDatum(construct_array(failing, n_failing, TEXTOID, -1, false, TYPALIGN_INT));
	nulls[2] = nulls[0] || !closest_margin(&x, verdict.boolean, &margin);
	values[2] = Float8GetDatum(nulls[2] ? 0 : margin);
	values[3] = JsonbPGetDatum(explanation);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
