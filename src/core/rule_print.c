/*
 * rule_print.c: the canonical text of an eligibility rule.
 *
 * Lower-case keywords, one space around binary operators, and parentheses
 * only where precedence needs them, so that the text parses back to the same
 * tree: a right operand of the same precedence keeps its parentheses
 * (a - (b - c)).  The text never nests deeper than the tree (parentheses
 * only wrap and/or chains, arithmetic and literals), so that the parser's
 * depth limit accepts the canonical text of every rule it accepted.
 */
#include "rule_internal.h"

#include <math.h>
#include <string.h>

#include "number_text.h"

typedef struct writer
{
	char	   *buf;
	size_t		size;
	size_t		len;			/* full length, even beyond size */
} writer;

static void
put(writer *w, const char *s, size_t n)
{
	size_t		avail = w->size > w->len + 1 ? w->size - 1 - w->len : 0;

	if (avail > 0)
		memcpy(w->buf + w->len, s, n < avail ? n : avail);
	w->len += n;
}

static void
puts_(writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static void
put_number(writer *w, double v)
{
	char		buf[TI_NUMBER_TEXT];

	put(w, buf, ti_number_format(v, buf));
}

static void
put_string(writer *w, const char *s, size_t len)
{
	size_t		start = 0;

	put(w, "'", 1);
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\'')
		{
			put(w, s + start, i + 1 - start);
			put(w, "'", 1);		/* a quote is written twice */
			start = i + 1;
		}
	put(w, s + start, len - start);
	put(w, "'", 1);
}

static int
precedence(const ti_rule_node *n)
{
	switch (n->op)
	{
		case TI_OP_OR:
			return 1;
		case TI_OP_AND:
			return 2;
		case TI_OP_NOT:
			return 3;
		case TI_OP_ADD:
		case TI_OP_SUB:
			return 5;
		case TI_OP_MUL:
		case TI_OP_DIV:
			return 6;
		case TI_OP_NEG:
			return 7;
		case TI_OP_NUMBER:
			return signbit(n->u.num) ? 7 : 8;	/* -5 reads like unary minus */
		default:
			return ti_rule_is_comparison(n->op) ? 4 : 8;
	}
}

static void print_node(const ti_rule *r, uint32_t i, writer *w);

/* The least precedence operand k of an operator of precedence p can have bare. */
static int
operand_precedence(int p, uint32_t k)
{
	if (p == 4)					/* comparisons compare sums */
		return 5;
	if (p < 4)					/* and, or, not: conditions binding tighter */
		return p + 1;
	return k == 0 ? p : p + 1;	/* arithmetic is left-associative */
}

/* Operand k of n, in parentheses if it binds less tightly than min. */
static void
operand(const ti_rule *r, const ti_rule_node *n, uint32_t k, int min, writer *w)
{
	uint32_t	kid = r->kids[n->arg + k];
	bool		parens = precedence(&r->nodes[kid]) < min;

	if (parens)
		put(w, "(", 1);
	print_node(r, kid, w);
	if (parens)
		put(w, ")", 1);
}

static void
print_list(const ti_rule *r, const ti_rule_node *n, writer *w)
{
	operand(r, n, 0, 5, w);
	put(w, " ", 1);
	puts_(w, ti_rule_op_text(n->op));
	put(w, " (", 2);
	for (uint32_t k = 1; k < n->count; k++)
	{
		if (k > 1)
			put(w, ", ", 2);
		operand(r, n, k, 5, w);
	}
	put(w, ")", 1);
}

/*
 * Unary minus: "-(5)" for a positive literal (else it would read back as
 * the literal -5), "- -x" and "- -5" for a minus under a minus: parentheses
 * there would make the text nest deeper than the rule, and a rule the
 * parser accepted could print as a text it refuses.
 */
static void
print_negation(const ti_rule *r, const ti_rule_node *n, writer *w)
{
	const ti_rule_node *k = ti_rule_kid(r, n, 0);

	put(w, "-", 1);
	if (k->op == TI_OP_NUMBER && !signbit(k->u.num))
		operand(r, n, 0, 9, w);
	else if (precedence(k) == 7)
	{
		put(w, " ", 1);
		operand(r, n, 0, 7, w);
	}
	else
		operand(r, n, 0, 8, w);
}

static void
print_operator(const ti_rule *r, const ti_rule_node *n, writer *w)
{
	int			p = precedence(n);

	switch (n->op)
	{
		case TI_OP_NEG:
			print_negation(r, n, w);
			return;
		case TI_OP_NOT:
			put(w, "not ", 4);
			operand(r, n, 0, p, w); /* not not x needs no parentheses */
			return;
		case TI_OP_IN:
		case TI_OP_NOT_IN:
			print_list(r, n, w);
			return;
		default:
			break;
	}
	/* binary, between and chains: operands separated by the operator */
	for (uint32_t k = 0; k < n->count; k++)
	{
		bool		between = n->op == TI_OP_BETWEEN || n->op == TI_OP_NOT_BETWEEN;

		if (k > 0)
		{
			put(w, " ", 1);
			puts_(w, between && k == 2 ? "and" : ti_rule_op_text(n->op));
			put(w, " ", 1);
		}
		operand(r, n, k, operand_precedence(p, k), w);
	}
}

static void
print_node(const ti_rule *r, uint32_t i, writer *w)
{
	const ti_rule_node *n = &r->nodes[i];

	switch (n->op)
	{
		case TI_OP_FACT:
			put(w, n->u.str, n->count);
			break;
		case TI_OP_NUMBER:
			put_number(w, n->u.num);
			break;
		case TI_OP_STRING:
			put_string(w, n->u.str, n->count);
			break;
		case TI_OP_TRUE:
			puts_(w, "true");
			break;
		case TI_OP_FALSE:
			puts_(w, "false");
			break;
		default:
			print_operator(r, n, w);
			break;
	}
}

size_t
ti_rule_print(const ti_rule *r, uint32_t node, char *buf, size_t size)
{
	writer		w = {buf, size, 0};

	print_node(r, node, &w);
	if (size > 0)
		buf[w.len < size ? w.len : size - 1] = '\0';
	return w.len;
}
