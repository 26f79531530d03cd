/*
 * rule.c: the parts of eligibility rules that the parser, the decoder, the
 * printer and the evaluator share: building the tree, its typing rules and
 * the syntax of fact names.
 */
#include "rule_internal.h"

#include <string.h>

int
rule_arity(uint8_t op)
{
	switch (op)
	{
		case TI_OP_FACT:
		case TI_OP_NUMBER:
		case TI_OP_STRING:
		case TI_OP_TRUE:
		case TI_OP_FALSE:
			return 0;
		case TI_OP_NEG:
		case TI_OP_NOT:
			return 1;
		case TI_OP_BETWEEN:
		case TI_OP_NOT_BETWEEN:
			return 3;
		case TI_OP_IN:
		case TI_OP_NOT_IN:
		case TI_OP_AND:
		case TI_OP_OR:
			return -1;
		default:
			return 2;
	}
}

bool
ti_rule_is_comparison(uint8_t op)
{
	return op >= TI_OP_LT && op <= TI_OP_NOT_IN;
}

const char *
ti_rule_op_text(uint8_t op)
{
	static const char *const text[] = {
		[TI_OP_NEG] = "-", [TI_OP_ADD] = "+", [TI_OP_SUB] = "-", [TI_OP_MUL] = "*",
		[TI_OP_DIV] = "/", [TI_OP_LT] = "<", [TI_OP_LE] = "<=", [TI_OP_GT] = ">",
		[TI_OP_GE] = ">=", [TI_OP_EQ] = "=", [TI_OP_NE] = "<>",
		[TI_OP_BETWEEN] = "between", [TI_OP_NOT_BETWEEN] = "not between",
		[TI_OP_IN] = "in", [TI_OP_NOT_IN] = "not in", [TI_OP_NOT] = "not",
		[TI_OP_AND] = "and", [TI_OP_OR] = "or",
	};

	return op <= TI_OP_LAST && text[op] ? text[op] : "";
}

const char *
rule_type_name(uint8_t type)
{
	switch (type)
	{
		case TI_TYPE_NUMBER:
			return "a number";
		case TI_TYPE_TEXT:
			return "a string";
		case TI_TYPE_BOOL:
			return "a boolean";
		default:
			return "a value";
	}
}

/* ------------------------------------------------------------ building */

#define ALIGN8(x) (((x) + 7) & ~(size_t) 7)

size_t
rule_workspace(size_t max_nodes, size_t max_facts, size_t pool_bytes)
{
	return ALIGN8(max_nodes * sizeof(ti_rule_node)) +
		ALIGN8(max_facts * sizeof(ti_rule_name)) +
		ALIGN8(2 * max_nodes * sizeof(uint32_t)) +	/* kids and stack */
		pool_bytes + 8;			/* alignment of the caller's buffer */
}

bool
rule_builder_init(rule_builder *b, ti_rule *rule, void *ws, size_t ws_size,
				  size_t max_nodes, size_t max_facts, size_t pool_bytes, ti_error *err)
{
	char	   *p = (char *) ALIGN8((uintptr_t) ws);

	if (ws == NULL || ws_size < rule_workspace(max_nodes, max_facts, pool_bytes))
		return ti_fail(err, TI_BAD_PARAMETER, "eligibility rule workspace too small");
	memset(rule, 0, sizeof(*rule));
	rule->nodes = (ti_rule_node *) p;
	p += ALIGN8(max_nodes * sizeof(ti_rule_node));
	rule->facts = (ti_rule_name *) p;
	p += ALIGN8(max_facts * sizeof(ti_rule_name));
	rule->kids = (uint32_t *) p;
	b->stack = rule->kids + max_nodes;
	p += ALIGN8(2 * max_nodes * sizeof(uint32_t));
	b->pool = p;
	b->pool_len = 0;
	b->rule = rule;
	b->sp = 0;
	b->max_nodes = (uint32_t) max_nodes;
	return true;
}

ti_rule_node *
rule_leaf(rule_builder *b, uint8_t op, uint32_t pos)
{
	ti_rule    *r = b->rule;
	ti_rule_node *n;

	if (r->n_nodes == b->max_nodes)
		return NULL;
	n = &r->nodes[r->n_nodes];
	memset(n, 0, sizeof(*n));
	n->op = op;
	n->height = 1;
	n->pos = pos;
	switch (op)
	{
		case TI_OP_FACT:
			n->type = TI_TYPE_ANY;
			break;
		case TI_OP_NUMBER:
			n->type = TI_TYPE_NUMBER;
			break;
		case TI_OP_STRING:
			n->type = TI_TYPE_TEXT;
			break;
		default:
			n->type = TI_TYPE_BOOL;
			break;
	}
	b->stack[b->sp++] = r->n_nodes++;
	return n;
}

rule_build_status
rule_op(rule_builder *b, uint8_t op, uint32_t nkids, uint32_t pos,
		uint32_t *bad, const char **expected)
{
	ti_rule    *r = b->rule;
	ti_rule_node *n;
	uint32_t	height = 0;

	if (r->n_nodes == b->max_nodes)
		return RB_TOO_BIG;
	n = &r->nodes[r->n_nodes];
	memset(n, 0, sizeof(*n));
	n->op = op;
	n->type = op <= TI_OP_DIV ? TI_TYPE_NUMBER : TI_TYPE_BOOL;
	n->pos = pos;
	n->arg = r->n_kids;
	n->count = nkids;
	b->sp -= nkids;
	for (uint32_t i = 0; i < nkids; i++)
	{
		uint32_t	kid = b->stack[b->sp + i];

		r->kids[r->n_kids++] = kid;
		if (r->nodes[kid].height > height)
			height = r->nodes[kid].height;
	}
	if ((*expected = rule_operand_problem(r, n, bad)) != NULL)
		return RB_BAD_OPERAND;
	if (height >= TI_RULE_MAX_DEPTH)
		return RB_TOO_DEEP;
	n->height = (uint16_t) (height + 1);
	b->stack[b->sp++] = r->n_nodes++;
	return RB_OK;
}

uint32_t
rule_unwrap(rule_builder *b)
{
	ti_rule    *r = b->rule;
	ti_rule_node *n = &r->nodes[--r->n_nodes];

	b->sp--;
	for (uint32_t i = 0; i < n->count; i++)
		b->stack[b->sp++] = r->kids[n->arg + i];
	r->n_kids -= n->count;
	return n->count;
}

/* ------------------------------------------------------------- typing */

static bool
is_number(const ti_rule_node *k)
{
	return rule_is_value_op(k->op) &&
		(k->type == TI_TYPE_NUMBER || k->type == TI_TYPE_ANY);
}

static bool
is_condition(const ti_rule_node *k)
{
	return k->type == TI_TYPE_BOOL || k->type == TI_TYPE_ANY;
}

/* Equality needs two values of the same type (a fact can be anything). */
static const char *
equality_problem(const ti_rule *r, const ti_rule_node *n, uint32_t *bad)
{
	const ti_rule_node *left = ti_rule_kid(r, n, 0);
	const ti_rule_node *right = ti_rule_kid(r, n, 1);

	*bad = r->kids[n->arg];
	if (!rule_is_value_op(left->op))
		return "a value";
	*bad = r->kids[n->arg + 1];
	if (!rule_is_value_op(right->op))
		return "a value";
	if (left->type != TI_TYPE_ANY && right->type != TI_TYPE_ANY && left->type != right->type)
		return rule_type_name(left->type);
	return NULL;
}

static const char *
list_problem(const ti_rule *r, const ti_rule_node *n, uint32_t *bad)
{
	const ti_rule_node *operand;

	if (n->count < 2)
		return "a list of strings";
	operand = ti_rule_kid(r, n, 0);
	if (!rule_is_value_op(operand->op) ||
		(operand->type != TI_TYPE_TEXT && operand->type != TI_TYPE_ANY))
		return "a string";
	for (uint32_t i = 1; i < n->count; i++)
	{
		*bad = r->kids[n->arg + i];
		if (ti_rule_kid(r, n, i)->op != TI_OP_STRING)
			return "a string literal";
	}
	return NULL;
}

const char *
rule_operand_problem(const ti_rule *r, const ti_rule_node *n, uint32_t *bad)
{
	int			arity = rule_arity(n->op);

	*bad = n->count > 0 ? r->kids[n->arg] : 0;
	if (arity >= 0 && n->count != (uint32_t) arity)
		return "an operand";
	switch (n->op)
	{
		case TI_OP_EQ:
		case TI_OP_NE:
			return equality_problem(r, n, bad);
		case TI_OP_IN:
		case TI_OP_NOT_IN:
			return list_problem(r, n, bad);
		case TI_OP_NOT:
		case TI_OP_AND:
		case TI_OP_OR:
			if (n->op != TI_OP_NOT && n->count < 2)
				return "two conditions";
			for (uint32_t i = 0; i < n->count; i++)
			{
				const ti_rule_node *k = ti_rule_kid(r, n, i);

				*bad = r->kids[n->arg + i];
				/* chains are flat: "a and (b and c)" is "a and b and c" */
				if (!is_condition(k) || (k->op == n->op && n->op != TI_OP_NOT))
					return "a condition";
			}
			return NULL;
		default:
			for (uint32_t i = 0; i < n->count; i++)
			{
				*bad = r->kids[n->arg + i];
				if (!is_number(ti_rule_kid(r, n, i)))
					return "a number";
			}
			return NULL;
	}
}

/* -------------------------------------------------------------- names */

/*
 * Byte length of the letter at s that can start a name, 0 if none: ASCII
 * letters, "_", and the accented letters of Latin-1 and Latin Extended-A/B
 * (U+00C0 to U+024F, but for the signs x and / at U+00D7 and U+00F7), which
 * French fact names use.
 */
static size_t
name_start(const char *s, size_t len)
{
	unsigned char c = (unsigned char) s[0];
	unsigned int cp;

	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
		return 1;
	if (len < 2 || c < 0xC3 || c > 0xC9 || ((unsigned char) s[1] & 0xC0) != 0x80)
		return 0;
	cp = (unsigned int) (c & 0x1F) << 6 | ((unsigned char) s[1] & 0x3F);
	return cp <= 0x24F && cp != 0xD7 && cp != 0xF7 ? 2 : 0;
}

static size_t
name_char(const char *s, size_t len)
{
	return s[0] >= '0' && s[0] <= '9' ? 1 : name_start(s, len);
}

size_t
rule_name_length(const char *s, size_t len)
{
	size_t		i,
				n;

	if (len == 0 || (i = name_start(s, len)) == 0)
		return 0;
	for (;;)
	{
		while (i < len && (n = name_char(s + i, len - i)) > 0)
			i += n;
		/* a dot continues the name only when another name part follows */
		if (i + 1 < len && s[i] == '.' && name_start(s + i + 1, len - i - 1) > 0)
			i++;
		else
			return i;
	}
}

rule_keyword
rule_keyword_of(const char *s, size_t len)
{
	static const char *const words[] = {
		[KW_AND] = "and", [KW_OR] = "or", [KW_NOT] = "not", [KW_BETWEEN] = "between",
		[KW_IN] = "in", [KW_TRUE] = "true", [KW_FALSE] = "false",
	};

	for (int k = KW_AND; k <= KW_FALSE; k++)
	{
		size_t		i = 0;

		if (strlen(words[k]) != len)
			continue;
		while (i < len && (s[i] | 0x20) == words[k][i])
			i++;
		if (i == len)
			return (rule_keyword) k;
	}
	return KW_NONE;
}

int
rule_name_cmp(const void *a, const void *b)
{
	const ti_rule_name *x = a;
	const ti_rule_name *y = b;
	int			c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);

	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}
