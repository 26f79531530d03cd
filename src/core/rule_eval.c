/*
 * rule_eval.c: evaluating and explaining eligibility rules under SQL's
 * three-valued logic.
 *
 * One recursive walk serves both: conditions carry the polarity the rule
 * wants of them (flipped under "not") so that explain can say whether each
 * comparison passed; eval stops "and"/"or" chains as soon as they are
 * decided, explain goes on to report every comparison.  Recursion depth is
 * the tree's height, at most TI_RULE_MAX_DEPTH.
 */
#include "rule_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct evaluator
{
	const ti_rule *r;
	ti_rule_facts *facts;
	ti_rule_visit visit;		/* explain: called for every comparison */
	void	   *ctx;
	ti_error   *err;
} evaluator;

static void
set_null(ti_rule_value *v)
{
	memset(v, 0, sizeof(*v));
}

static void
set_bool(ti_rule_value *v, bool b)
{
	set_null(v);
	v->type = TI_TYPE_BOOL;
	v->boolean = b;
}

/* Division by zero and overflow give no number: NULL. */
static void
set_number(ti_rule_value *v, double d)
{
	set_null(v);
	if (isfinite(d))
	{
		v->type = TI_TYPE_NUMBER;
		v->num = d;
	}
}

static uint32_t
kid(const evaluator *e, uint32_t node, uint32_t k)
{
	return e->r->kids[e->r->nodes[node].arg + k];
}

/* ------------------------------------------------------------ values */

static bool
wrong_type(evaluator *e, uint32_t node, uint32_t operand, const ti_rule_value *v,
		   uint8_t want)
{
	char		what[64],
				where[128];

	ti_rule_print(e->r, operand, what, sizeof(what));
	ti_rule_print(e->r, node, where, sizeof(where));
	ti_fail(e->err, TI_BAD_PARAMETER, "fact \"%s\" is %s, expected %s", what,
			rule_type_name(v->type), rule_type_name(want));
	ti_detail(e->err, "In the eligibility rule condition: %s", where);
	if (want == TI_TYPE_BOOL)
		ti_hint(e->err, "A fact alone is a condition: it must be true, false or null.");
	return false;
}

/* v must be NULL or of type want. */
static bool
need(evaluator *e, uint32_t node, uint32_t operand, const ti_rule_value *v, uint8_t want)
{
	return v->type == TI_TYPE_NULL || v->type == want ||
		wrong_type(e, node, operand, v, want);
}

static bool
fact_value(evaluator *e, const ti_rule_node *n, ti_rule_value *out)
{
	ti_rule_facts *f = e->facts;

	if (!f->known[n->arg])
	{
		set_null(&f->values[n->arg]);
		if (f->fetch && !f->fetch(f->ctx, e->r, n->arg, &f->values[n->arg], e->err))
			return false;
		f->known[n->arg] = true;
	}
	*out = f->values[n->arg];
	return true;
}

static bool value(evaluator *e, uint32_t i, ti_rule_value *out);

/* Operand k of node, which must be a number (or NULL). */
static bool
number_operand(evaluator *e, uint32_t node, uint32_t k, ti_rule_value *out)
{
	uint32_t	operand = kid(e, node, k);

	return value(e, operand, out) && need(e, node, operand, out, TI_TYPE_NUMBER);
}

static bool
arithmetic(evaluator *e, uint32_t i, ti_rule_value *out)
{
	const ti_rule_node *n = &e->r->nodes[i];
	ti_rule_value a,
				b;

	set_null(&b);
	if (!number_operand(e, i, 0, &a) || (n->count == 2 && !number_operand(e, i, 1, &b)))
		return false;
	if (a.type == TI_TYPE_NULL || (n->count == 2 && b.type == TI_TYPE_NULL))
	{
		set_null(out);
		return true;
	}
	switch (n->op)
	{
		case TI_OP_NEG:
			set_number(out, -a.num);
			break;
		case TI_OP_ADD:
			set_number(out, a.num + b.num);
			break;
		case TI_OP_SUB:
			set_number(out, a.num - b.num);
			break;
		case TI_OP_MUL:
			set_number(out, a.num * b.num);
			break;
		default:
			set_number(out, a.num / b.num);
			break;
	}
	return true;
}

static bool
value(evaluator *e, uint32_t i, ti_rule_value *out)
{
	const ti_rule_node *n = &e->r->nodes[i];

	switch (n->op)
	{
		case TI_OP_FACT:
			return fact_value(e, n, out);
		case TI_OP_NUMBER:
			set_number(out, n->u.num);
			return true;
		case TI_OP_STRING:
			set_null(out);
			out->type = TI_TYPE_TEXT;
			out->text = n->u.str;
			out->len = n->count;
			return true;
		case TI_OP_TRUE:
		case TI_OP_FALSE:
			set_bool(out, n->op == TI_OP_TRUE);
			return true;
		default:
			return arithmetic(e, i, out);
	}
}

/* -------------------------------------------------------- comparisons */

static bool
equal(const ti_rule_value *a, const ti_rule_value *b)
{
	switch (a->type)
	{
		case TI_TYPE_NUMBER:
			return a->num == b->num;
		case TI_TYPE_TEXT:
			return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
		default:
			return a->boolean == b->boolean;
	}
}

static bool
in_list(const evaluator *e, uint32_t node, const ti_rule_value *v)
{
	const ti_rule_node *n = &e->r->nodes[node];

	for (uint32_t k = 1; k < n->count; k++)
	{
		const ti_rule_node *s = ti_rule_kid(e->r, n, k);

		if (s->count == v->len && memcmp(s->u.str, v->text, v->len) == 0)
			return true;
	}
	return false;
}

static bool
compare(const evaluator *e, const ti_rule_check *c, uint8_t op)
{
	double		a = c->left.num,
				b = c->right[0].num;

	switch (op)
	{
		case TI_OP_LT:
			return a < b;
		case TI_OP_LE:
			return a <= b;
		case TI_OP_GT:
			return a > b;
		case TI_OP_GE:
			return a >= b;
		case TI_OP_EQ:
			return equal(&c->left, &c->right[0]);
		case TI_OP_NE:
			return !equal(&c->left, &c->right[0]);
		case TI_OP_BETWEEN:
			return b <= a && a <= c->right[1].num;
		case TI_OP_NOT_BETWEEN:
			return !(b <= a && a <= c->right[1].num);
		case TI_OP_IN:
			return in_list(e, c->node, &c->left);
		default:
			return !in_list(e, c->node, &c->left);
	}
}

/* How far a comparison of numbers is from flipping (see rule.h). */
static void
set_margin(ti_rule_check *c, uint8_t op)
{
	double		a = c->left.num,
				ref = c->right[0].num,
				m;

	switch (op)
	{
		case TI_OP_GT:
		case TI_OP_GE:
			m = a - ref;
			break;
		case TI_OP_LT:
		case TI_OP_LE:
			m = ref - a;
			break;
		case TI_OP_EQ:
			m = -fabs(a - ref);
			break;
		case TI_OP_NE:
			m = fabs(a - ref);
			break;
		default:
			{
				double		below = a - c->right[0].num,
							above = c->right[1].num - a;

				m = below <= above ? below : above;
				ref = below <= above ? c->right[0].num : c->right[1].num;
				if (op == TI_OP_NOT_BETWEEN)
					m = -m;
			}
			break;
	}
	if (!c->wanted)
		m = -m;
	if (m == 0)
		m = 0;					/* no negative zero */
	if (!isfinite(m))
		return;
	c->has_margin = true;
	c->margin = m;
	c->relative = m / fabs(ref);
	c->has_relative = ref != 0 && isfinite(c->relative);
}

/* Evaluate the operands of a comparison into c, checking their types. */
static bool
comparison_operands(evaluator *e, uint32_t i, ti_rule_check *c)
{
	const ti_rule_node *n = &e->r->nodes[i];

	switch (n->op)
	{
		case TI_OP_EQ:
		case TI_OP_NE:
			if (!value(e, kid(e, i, 0), &c->left) || !value(e, kid(e, i, 1), &c->right[0]))
				return false;
			if (c->left.type == TI_TYPE_NULL || c->right[0].type == TI_TYPE_NULL ||
				c->left.type == c->right[0].type)
				return true;
			/* one side is a fact (the parser checked literals): blame it */
			if (e->r->nodes[kid(e, i, 1)].op == TI_OP_FACT)
				return wrong_type(e, i, kid(e, i, 1), &c->right[0], c->left.type);
			return wrong_type(e, i, kid(e, i, 0), &c->left, c->right[0].type);
		case TI_OP_IN:
		case TI_OP_NOT_IN:
			return value(e, kid(e, i, 0), &c->left) &&
				need(e, i, kid(e, i, 0), &c->left, TI_TYPE_TEXT);
		default:
			return number_operand(e, i, 0, &c->left) &&
				number_operand(e, i, 1, &c->right[0]) &&
				(n->count < 3 || number_operand(e, i, 2, &c->right[1]));
	}
}

static bool
any_null(const ti_rule_check *c, uint32_t count)
{
	if (c->left.type == TI_TYPE_NULL)
		return true;
	for (uint32_t k = 1; k < count && k <= 2; k++)
		if (c->right[k - 1].type == TI_TYPE_NULL)
			return true;
	return false;
}

static bool
comparison(evaluator *e, uint32_t i, bool wanted, ti_rule_value *out)
{
	const ti_rule_node *n = &e->r->nodes[i];
	ti_rule_check c;

	/* operands are set by comparison_operands (no memset: it is per row) */
	c.node = i;
	c.wanted = wanted;
	c.has_margin = c.has_relative = false;
	c.margin = c.relative = 0;
	if (!comparison_operands(e, i, &c))
		return false;
	/* in (...) lists only literals: only the tested value can be NULL */
	if (any_null(&c, n->op == TI_OP_IN || n->op == TI_OP_NOT_IN ? 1 : n->count))
		set_null(&c.result);
	else
	{
		set_bool(&c.result, compare(e, &c, n->op));
		/* margins are for explain only */
		if (e->visit && c.left.type == TI_TYPE_NUMBER && c.right[0].type == TI_TYPE_NUMBER)
			set_margin(&c, n->op);
	}
	*out = c.result;
	return e->visit == NULL || e->visit(e->ctx, e->r, &c, e->err);
}

/* A fact alone used as a condition: it must be a boolean. */
static bool
predicate(evaluator *e, uint32_t i, bool wanted, ti_rule_value *out)
{
	ti_rule_check c;

	memset(&c, 0, sizeof(c));
	c.node = i;
	c.wanted = wanted;
	if (!fact_value(e, &e->r->nodes[i], &c.left) || !need(e, i, i, &c.left, TI_TYPE_BOOL))
		return false;
	c.result = c.left;
	*out = c.result;
	return e->visit == NULL || e->visit(e->ctx, e->r, &c, e->err);
}

/* ---------------------------------------------------------- conditions */

static bool condition(evaluator *e, uint32_t i, bool wanted, ti_rule_value *out);

/* and/or: the first operand equal to the decisive value decides. */
static bool
chain(evaluator *e, uint32_t i, bool wanted, ti_rule_value *out)
{
	const ti_rule_node *n = &e->r->nodes[i];
	bool		decisive = n->op == TI_OP_OR;
	bool		decided = false;
	ti_rule_value v;

	set_bool(out, !decisive);
	for (uint32_t k = 0; k < n->count; k++)
	{
		if (!condition(e, kid(e, i, k), wanted, &v))
			return false;
		if (v.type == TI_TYPE_BOOL && v.boolean == decisive)
		{
			set_bool(out, decisive);
			decided = true;
			if (e->visit == NULL)
				return true;
		}
		else if (v.type == TI_TYPE_NULL && !decided)
			set_null(out);
	}
	return true;
}

/* A check: recalled, or evaluated (and visited). */
static bool
check(evaluator *e, uint32_t i, bool wanted, ti_rule_value *out)
{
	ti_rule_facts *f = e->facts;

	if (f->recall && f->recall(f->recall_ctx, e->r, i, wanted, out))
		return true;
	return e->r->nodes[i].op == TI_OP_FACT ? predicate(e, i, wanted, out)
		: comparison(e, i, wanted, out);
}

static bool
condition(evaluator *e, uint32_t i, bool wanted, ti_rule_value *out)
{
	const ti_rule_node *n = &e->r->nodes[i];

	switch (n->op)
	{
		case TI_OP_AND:
		case TI_OP_OR:
			return chain(e, i, wanted, out);
		case TI_OP_NOT:
			if (!condition(e, kid(e, i, 0), !wanted, out))
				return false;
			if (out->type == TI_TYPE_BOOL)
				out->boolean = !out->boolean;
			return true;
		case TI_OP_TRUE:
		case TI_OP_FALSE:
			set_bool(out, n->op == TI_OP_TRUE);
			return true;
		default:
			return check(e, i, wanted, out);
	}
}

bool
ti_rule_eval(const ti_rule *r, ti_rule_facts *facts, ti_rule_value *verdict, ti_error *err)
{
	evaluator	e = {r, facts, NULL, NULL, err};

	return condition(&e, ti_rule_root(r), true, verdict);
}

bool
ti_rule_explain(const ti_rule *r, ti_rule_facts *facts, ti_rule_visit visit, void *ctx,
				ti_rule_value *verdict, ti_error *err)
{
	evaluator	e = {r, facts, visit, ctx, err};

	return condition(&e, ti_rule_root(r), true, verdict);
}

uint32_t
ti_rule_check_count(const ti_rule *r)
{
	uint32_t	count = r->nodes[ti_rule_root(r)].op == TI_OP_FACT;

	/* comparisons, and facts standing alone as conditions */
	for (uint32_t i = 0; i < r->n_nodes; i++)
	{
		const ti_rule_node *n = &r->nodes[i];

		if (ti_rule_is_comparison(n->op))
			count++;
		else if (n->op == TI_OP_AND || n->op == TI_OP_OR || n->op == TI_OP_NOT)
			for (uint32_t k = 0; k < n->count; k++)
				count += ti_rule_kid(r, n, k)->op == TI_OP_FACT;
	}
	return count;
}
