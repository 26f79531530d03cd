/*
 * eligibility_explain.c: explain(rule, facts), why a rule holds or not, and
 * verdict(rule, facts), the same as a row.
 *
 *   {"verdict": true | false | null,
 *    "comparisons": [{"op", "left", "text", "right", "margin", "passed",
 *                     "result", "relative_margin"}, ...]}
 *
 * one entry per comparison, in the order of the rule's text (doc/eligibility.md
 * documents each field), built with pushJsonbValue.  What depends only on
 * the rule (the comparisons' canonical texts) is made once per cached rule.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "eligibility.h"
#include "boundary.h"

/*
 * The numeric an operand node wrote last: a literal's never changes, and a
 * computed threshold such as 1.5 * national.industry_share is often the same
 * from one zone to the next.
 */
typedef struct kept_number
{
	double		num;
	Numeric		numeric;		/* NULL: none yet */
} kept_number;

/* What explain keeps with a cached rule, made on first use. */
typedef struct rule_parts
{
	ti_rule_name *text;			/* per comparison node: its canonical text */
	ti_rule_name *op;			/* per comparison node: the "op" field */
	kept_number *number;		/* per operand node */
	uint32		checks;			/* entries of "comparisons" */
} rule_parts;

/* What verdict() keeps of each check besides its jsonb entry. */
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
	JsonbParseState *state;
	check_outcome *outcomes;	/* verdict(): one per check; explain(): NULL */
	uint32		n_outcomes;
} explainer;

/* The text of node, in the database encoding. */
static ti_rule_name
printed(cached_rule *e, uint32_t node)
{
	MemoryContext old = MemoryContextSwitchTo(e->mcxt);
	size_t		len = ti_rule_print(&e->rule, node, NULL, 0);
	char	   *s = palloc(len + 1);
	ti_rule_name t;

	ti_rule_print(&e->rule, node, s, len + 1);
	t.s = ti_server_text(s, len, &len);
	t.len = (uint32) len;
	MemoryContextSwitchTo(old);
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
	p->number = MemoryContextAllocZero(e->mcxt, r->n_nodes * sizeof(kept_number));
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

/* ----------------------------------------------------------- jsonb values */

/* d as numeric, rounded to 15 significant digits as float8_numeric() does */
static Numeric
numeric_of(double d)
{
	return DatumGetNumeric(DirectFunctionCall1(float8_numeric, Float8GetDatum(d)));
}

/* d as explain writes it, back as a double */
static double
as_written(double d)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(numeric_of(d))));
}

/* not an operand node: a margin, a verdict */
#define COMPUTED UINT32_MAX


static Numeric
node_numeric(explainer *x, uint32_t node, double num)
{
	kept_number *k;

	if (node == COMPUTED)
		return numeric_of(num);
	k = &x->parts->number[node];
	if (k->numeric == NULL || k->num != num)
	{
		Numeric		n = numeric_of(num);

		if (k->numeric != NULL)
			pfree(k->numeric);
		k->numeric = MemoryContextAlloc(x->e->mcxt, VARSIZE(n));
		memcpy(k->numeric, n, VARSIZE(n));
		k->num = num;
	}
	return k->numeric;
}

static void
push(explainer *x, JsonbValue *v, bool elem)
{
	pushJsonbValue(&x->state, elem ? WJB_ELEM : WJB_VALUE, v);
}

static void
push_key(explainer *x, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = (int) strlen(key);
	pushJsonbValue(&x->state, WJB_KEY, &k);
}

static void
push_null(explainer *x, bool elem)
{
	JsonbValue	v;

	v.type = jbvNull;
	push(x, &v, elem);
}

/* A string in the database encoding. */
static void
push_server_string(explainer *x, const char *s, size_t len, bool elem)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = (int) len;
	push(x, &v, elem);
}

/* A string of the core. */
static void
push_string(explainer *x, const char *utf8, size_t len, bool elem)
{
	const char *s = ti_server_text(utf8, len, &len);

	push_server_string(x, s, len, elem);
}

static void
push_numeric(explainer *x, Numeric n, bool elem)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = n;
	push(x, &v, elem);
}

/*
 * v, computed by node: a fact's number as the facts wrote it, any other as
 * float8_numeric() writes it.
 */
static void
push_value(explainer *x, const ti_rule_value *v, uint32_t node, bool elem)
{
	JsonbValue	b;

	switch (v->type)
	{
		case TI_TYPE_NULL:
			push_null(x, elem);
			return;
		case TI_TYPE_BOOL:
			b.type = jbvBool;
			b.val.boolean = v->boolean;
			push(x, &b, elem);
			return;
		case TI_TYPE_TEXT:
			push_string(x, v->text, v->len, elem);
			return;
		default:
			break;
	}
	push_numeric(x, v->origin ? (Numeric) v->origin : node_numeric(x, node, v->num), elem);
}

static void
push_number(explainer *x, bool has, double d)
{
	if (has)
		push_numeric(x, numeric_of(d), false);
	else
		push_null(x, false);
}

/* The right side: a value, [low, high] for between, the list for in. */
static void
push_right(explainer *x, const ti_rule_check *check)
{
	const ti_rule *r = &x->e->rule;
	const ti_rule_node *n = &r->nodes[check->node];

	if (n->op == TI_OP_FACT)
		push_null(x, false);
	else if (n->op == TI_OP_IN || n->op == TI_OP_NOT_IN)
	{
		pushJsonbValue(&x->state, WJB_BEGIN_ARRAY, NULL);
		for (uint32_t k = 1; k < n->count; k++)
			push_string(x, ti_rule_kid(r, n, k)->u.str, ti_rule_kid(r, n, k)->count, true);
		pushJsonbValue(&x->state, WJB_END_ARRAY, NULL);
	}
	else if (n->count == 3)
	{
		pushJsonbValue(&x->state, WJB_BEGIN_ARRAY, NULL);
		push_value(x, &check->right[0], r->kids[n->arg + 1], true);
		push_value(x, &check->right[1], r->kids[n->arg + 2], true);
		pushJsonbValue(&x->state, WJB_END_ARRAY, NULL);
	}
	else
		push_value(x, &check->right[0], r->kids[n->arg + 1], false);
}

/* ------------------------------------------------------------- checks */

/* The check's entry in "comparisons". */
static void
push_check(explainer *x, const ti_rule_check *check, const check_outcome *k)
{
	const ti_rule_node *n = &x->e->rule.nodes[check->node];
	const ti_rule_name *op = &x->parts->op[check->node];
	const ti_rule_name *text = &x->parts->text[check->node];

	pushJsonbValue(&x->state, WJB_BEGIN_OBJECT, NULL);
	push_key(x, "op");
	push_server_string(x, op->s, op->len, false);
	push_key(x, "left");
	push_value(x, &check->left, n->op == TI_OP_FACT ? check->node : x->e->rule.kids[n->arg], false);
	push_key(x, "text");
	push_server_string(x, text->s, text->len, false);
	push_key(x, "right");
	push_right(x, check);
	push_key(x, "margin");
	push_number(x, check->has_margin, check->margin);
	push_key(x, "passed");
	push_value(x, &k->passed, COMPUTED, false);
	push_key(x, "result");
	push_value(x, &check->result, COMPUTED, false);
	push_key(x, "relative_margin");
	push_number(x, check->has_relative, check->relative);
	pushJsonbValue(&x->state, WJB_END_OBJECT, NULL);
}

static bool
explain_check(void *ctx, const ti_rule *r, const ti_rule_check *check, ti_error *err)
{
	explainer  *x = ctx;
	check_outcome k;

	memset(&k, 0, sizeof(k));
	k.node = check->node;
	k.passed = check->result;
	if (k.passed.type == TI_TYPE_BOOL)
		k.passed.boolean = check->result.boolean == check->wanted;
	k.held = check->result.type == TI_TYPE_BOOL && check->result.boolean;
	k.has_relative = check->has_relative;
	k.relative = check->relative;
	push_check(x, check, &k);
	if (x->outcomes != NULL)
		x->outcomes[x->n_outcomes++] = k;
	return true;
}

/* Explain the rule of argument 0 on the facts of argument 1. */
static Jsonb *
explain_call(FunctionCallInfo fcinfo, explainer *x, ti_rule_value *verdict)
{
	ti_rule_facts facts;
	ti_error	err;
	JsonbValue	v;
	JsonbValue *result;

	x->e = rule_and_facts(fcinfo, &facts);
	x->parts = parts_of(x->e);
	x->state = NULL;
	pushJsonbValue(&x->state, WJB_BEGIN_OBJECT, NULL);
	push_key(x, "comparisons");
	pushJsonbValue(&x->state, WJB_BEGIN_ARRAY, NULL);
	TI_CHECK(ti_rule_explain(&x->e->rule, &facts, explain_check, x, verdict, &err), &err);
	pushJsonbValue(&x->state, WJB_END_ARRAY, NULL);
	/* keys are sorted when the object ends: "verdict" may come last */
	push_key(x, "verdict");
	v.type = verdict->type == TI_TYPE_BOOL ? jbvBool : jbvNull;
	v.val.boolean = verdict->boolean;
	push(x, &v, false);
	result = pushJsonbValue(&x->state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(result);
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
	*margin = get_float8_infinity();
	for (uint32 i = 0; i < x->n_outcomes; i++)
	{
		const check_outcome *o = &x->outcomes[i];
		double		m;

		if (o->passed.type != TI_TYPE_BOOL || o->passed.boolean != verdict)
			continue;
		m = o->has_relative ? as_written(o->relative)
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
