/*
 * rule_parse.c: tokenizer and recursive-descent parser of eligibility rules.
 *
 *   rule      := or_expr
 *   or_expr   := and_expr ("or" and_expr)*
 *   and_expr  := not_expr ("and" not_expr)*
 *   not_expr  := "not" not_expr | predicate
 *   predicate := sum [ ("<" | "<=" | ">" | ">=" | "=" | "<>" | "!=") sum
 *                    | ["not"] "between" sum "and" sum
 *                    | ["not"] "in" "(" string ("," string)* ")" ]
 *   sum       := product (("+" | "-") product)*
 *   product   := unary (("*" | "/") unary)*
 *   unary     := "-" unary | primary
 *   primary   := number | string | "true" | "false" | name | "(" or_expr ")"
 *
 * Keywords are case-insensitive; names are case-sensitive, dotted for nested
 * facts (national.industry_share).  A sum with no comparison is a condition
 * only if it is a fact (a boolean fact: "not has_metropole") or a boolean.
 * The parser recurses once per level of parentheses, "not" or unary minus,
 * each counted against TI_RULE_MAX_DEPTH.
 */
#include "rule_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number_text.h"
#include "text_scan.h"

typedef enum tok_kind
{
	T_END,
	T_NAME,
	T_NUMBER,
	T_STRING,
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_EQ,
	T_NE,
	T_AND,
	T_OR,
	T_NOT,
	T_BETWEEN,
	T_IN,
	T_TRUE,
	T_FALSE
} tok_kind;

typedef struct token
{
	tok_kind	kind;
	size_t		at;				/* byte offset in the text */
	size_t		len;
	double		num;			/* T_NUMBER */
} token;

typedef struct parser
{
	const char *s;
	size_t		len;
	token		tok;			/* the current token */
	token		prev;			/* the one before, for "expected ... after ..." */
	bool		has_prev;
	int			depth;
	bool		bare;			/* the last predicate had no comparison operator */
	rule_builder b;
	ti_error   *err;
} parser;

/* ------------------------------------------------------------- errors */

static bool
fail_at(parser *p, ti_error_kind kind, size_t at, const char *what)
{
	char		q[TI_QUOTE_BUF];

	return ti_fail(p->err, kind, "invalid eligibility rule \"%s\": %s at position %zu",
				   ti_quote(q, sizeof(q), p->s, p->len, 40), what,
				   ti_char_count(p->s, at) + 1);
}

static const char *
token_text(const parser *p, const token *t, char *buf, size_t size)
{
	if (t->kind == T_END)
		return "the end of the rule";
	return ti_quote(buf, size, p->s + t->at, t->len, 30);
}

/* "expected <what> after <previous token> at position <current token>" */
static bool
expected(parser *p, const char *what)
{
	char		msg[200],
				before[64],
				found[64];

	if (p->has_prev)
		snprintf(msg, sizeof(msg), "expected %s after %s", what,
				 token_text(p, &p->prev, before, sizeof(before)));
	else
		snprintf(msg, sizeof(msg), "expected %s", what);
	fail_at(p, TI_BAD_TEXT, p->tok.at, msg);
	ti_detail(p->err, "Found %s.", token_text(p, &p->tok, found, sizeof(found)));
	return false;
}

/* An operand of the wrong kind: name it by its canonical text. */
static bool
bad_operand(parser *p, uint32_t node, const char *what)
{
	char		msg[64],
				found[64];
	size_t		n = ti_rule_print(p->b.rule, node, found, sizeof(found));

	if (n >= sizeof(found))
		memcpy(found + sizeof(found) - 4, "...", 4);
	snprintf(msg, sizeof(msg), "expected %s", what);
	fail_at(p, TI_BAD_TEXT, p->b.rule->nodes[node].pos, msg);
	ti_detail(p->err, "Found %s.", found);
	return false;
}

static bool
too_deep(parser *p, size_t at)
{
	char		msg[64];

	snprintf(msg, sizeof(msg), "nested more than %d levels deep", TI_RULE_MAX_DEPTH);
	fail_at(p, TI_LIMIT_EXCEEDED, at, msg);
	ti_detail(p->err, "Parentheses, \"not\", unary minus and operators of a sum or "
			  "product each add a level; \"and\" and \"or\" chains do not.");
	return false;
}

static bool
too_big(parser *p)
{
	return ti_fail(p->err, TI_LIMIT_EXCEEDED, "eligibility rule too large");
}

/* ---------------------------------------------------------- tokenizer */

static bool
scan_number(parser *p, token *t)
{
	const char *s = p->s + t->at;
	bool		complete;
	size_t		n = ti_number_length(s, p->len - t->at, &complete);
	char		msg[TI_NUMBER_MAX_TEXT + 40];

	t->kind = T_NUMBER;
	t->len = n;
	if (!complete)
	{
		snprintf(msg, sizeof(msg), "invalid number \"%.*s\"", (int) (n < 30 ? n : 30), s);
		return fail_at(p, TI_BAD_TEXT, t->at, msg);
	}
	if (n > TI_NUMBER_MAX_TEXT)
	{
		snprintf(msg, sizeof(msg), "number longer than %d characters", TI_NUMBER_MAX_TEXT);
		return fail_at(p, TI_BAD_TEXT, t->at, msg);
	}
	if (!ti_number_value(s, n, &t->num))
	{
		snprintf(msg, sizeof(msg), "number %.*s out of range", (int) n, s);
		return fail_at(p, TI_OUT_OF_RANGE, t->at, msg);
	}
	return true;
}

static bool
scan_string(parser *p, token *t)
{
	size_t		i = t->at + 1;

	for (; i < p->len; i++)
	{
		if (p->s[i] == '\0')
			return fail_at(p, TI_BAD_TEXT, i, "unexpected NUL byte");
		if (p->s[i] != '\'')
			continue;
		if (i + 1 < p->len && p->s[i + 1] == '\'')
			i++;				/* '' is a quote */
		else
		{
			t->kind = T_STRING;
			t->len = i + 1 - t->at;
			return true;
		}
	}
	return fail_at(p, TI_BAD_TEXT, t->at, "unterminated string starting");
}

static bool
scan_word(parser *p, token *t, size_t n)
{
	static const tok_kind kinds[] = {
		[KW_NONE] = T_NAME, [KW_AND] = T_AND, [KW_OR] = T_OR, [KW_NOT] = T_NOT,
		[KW_BETWEEN] = T_BETWEEN, [KW_IN] = T_IN, [KW_TRUE] = T_TRUE, [KW_FALSE] = T_FALSE,
	};

	t->len = n;
	t->kind = kinds[rule_keyword_of(p->s + t->at, n)];
	return true;
}

/* Operators of one or two characters. */
static bool
scan_symbol(parser *p, token *t)
{
	static const struct
	{
		const char *text;
		tok_kind	kind;
	}			symbols[] = {
		{"<=", T_LE}, {"<>", T_NE}, {">=", T_GE}, {"!=", T_NE}, {"<", T_LT}, {">", T_GT},
		{"=", T_EQ}, {"(", T_LPAREN}, {")", T_RPAREN}, {",", T_COMMA}, {"+", T_PLUS},
		{"-", T_MINUS}, {"*", T_STAR}, {"/", T_SLASH},
	};
	size_t		rest = p->len - t->at;
	char		msg[48];

	for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++)
	{
		size_t		n = strlen(symbols[i].text);

		if (n <= rest && memcmp(p->s + t->at, symbols[i].text, n) == 0)
		{
			t->kind = symbols[i].kind;
			t->len = n;
			return true;
		}
	}
	if (p->s[t->at] == '\0')
		return fail_at(p, TI_BAD_TEXT, t->at, "unexpected NUL byte");
	snprintf(msg, sizeof(msg), "unexpected character \"%.*s\"",
			 (int) ti_char_len(p->s + t->at, rest), p->s + t->at);
	return fail_at(p, TI_BAD_TEXT, t->at, msg);
}

static bool
scan(parser *p, size_t at, token *t)
{
	const char *s = p->s;
	size_t		n;
	bool		complete;

	while (at < p->len && (n = ti_space_len(s + at, p->len - at)) > 0)
		at += n;
	memset(t, 0, sizeof(*t));
	t->at = at;
	if (at == p->len)
		return true;			/* T_END */
	if (ti_number_length(s + at, p->len - at, &complete) > 0)
		return scan_number(p, t);
	if (s[at] == '\'')
		return scan_string(p, t);
	if ((n = rule_name_length(s + at, p->len - at)) > 0)
		return scan_word(p, t, n);
	return scan_symbol(p, t);
}

static bool
next(parser *p)
{
	p->prev = p->tok;
	p->has_prev = true;
	return scan(p, p->tok.at + p->tok.len, &p->tok);
}

static bool
starts_operand(tok_kind k)
{
	return k == T_NAME || k == T_NUMBER || k == T_STRING || k == T_LPAREN ||
		k == T_TRUE || k == T_FALSE;
}

/* --------------------------------------------------------------- nodes */

static bool
build(parser *p, uint8_t op, uint32_t nkids, size_t at)
{
	uint32_t	bad;
	const char *what;

	switch (rule_op(&p->b, op, nkids, (uint32_t) at, &bad, &what))
	{
		case RB_OK:
			return true;
		case RB_BAD_OPERAND:
			return bad_operand(p, bad, what);
		case RB_TOO_DEEP:
			return too_deep(p, at);
		default:
			return too_big(p);
	}
}

/* Copy bytes into the pool, turning '' into ' when unquoting a string. */
static const char *
pool_copy(parser *p, const char *s, size_t len, bool unquote, uint32_t *out_len)
{
	char	   *start = p->b.pool + p->b.pool_len;
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
	{
		start[n++] = s[i];
		if (unquote && s[i] == '\'')
			i++;
	}
	p->b.pool_len += n;
	*out_len = (uint32_t) n;
	return start;
}

static bool
leaf(parser *p, uint8_t op)
{
	ti_rule_node *n = rule_leaf(&p->b, op, (uint32_t) p->tok.at);
	ti_rule    *r = p->b.rule;

	if (n == NULL)
		return too_big(p);
	if (op == TI_OP_NUMBER)
		n->u.num = p->tok.num;
	else if (op == TI_OP_STRING)
		n->u.str = pool_copy(p, p->s + p->tok.at + 1, p->tok.len - 2, true, &n->count);
	else if (op == TI_OP_FACT)
	{
		/* one entry per occurrence for now: finish() sorts and merges them */
		n->u.str = pool_copy(p, p->s + p->tok.at, p->tok.len, false, &n->count);
		n->arg = r->n_facts;
		r->facts[r->n_facts].s = n->u.str;
		r->facts[r->n_facts++].len = n->count;
	}
	return next(p);
}

static bool
enter(parser *p, size_t at)
{
	if (++p->depth > TI_RULE_MAX_DEPTH)
		return too_deep(p, at);
	return true;
}

/* The expression just parsed (top of the stack) can stand as a condition. */
static bool
as_condition(parser *p)
{
	const ti_rule_node *n = &p->b.rule->nodes[p->b.stack[p->b.sp - 1]];

	if (n->type == TI_TYPE_BOOL || n->type == TI_TYPE_ANY)
		return true;
	return expected(p, "a comparison operator");
}

/* ------------------------------------------------------------- grammar */

static bool parse_or(parser *p);

static bool
parse_primary(parser *p)
{
	switch (p->tok.kind)
	{
		case T_NUMBER:
			return leaf(p, TI_OP_NUMBER);
		case T_STRING:
			return leaf(p, TI_OP_STRING);
		case T_TRUE:
			return leaf(p, TI_OP_TRUE);
		case T_FALSE:
			return leaf(p, TI_OP_FALSE);
		case T_NAME:
			return leaf(p, TI_OP_FACT);
		case T_LPAREN:
			if (!next(p) || !parse_or(p))
				return false;
			if (p->tok.kind != T_RPAREN)
				return expected(p, p->bare && starts_operand(p->tok.kind)
								? "a comparison operator" : ")");
			return next(p);
		default:
			return expected(p, "an operand");
	}
}

static bool
parse_unary(parser *p)
{
	size_t		at = p->tok.at;
	bool		ok;

	if (p->tok.kind != T_MINUS)
		return parse_primary(p);
	if (!enter(p, at) || !next(p))
		return false;
	if (p->tok.kind == T_NUMBER)
	{
		/* a negative number is a literal: -5, not -(5) */
		ti_rule_node *n = rule_leaf(&p->b, TI_OP_NUMBER, (uint32_t) at);

		if (n == NULL)
			return too_big(p);
		n->u.num = -p->tok.num;
		ok = next(p);
	}
	else
		ok = parse_unary(p) && build(p, TI_OP_NEG, 1, at);
	p->depth--;
	return ok;
}

/* operand ((t1 | t2) operand)*, left-associative */
static bool
left_assoc(parser *p, tok_kind t1, uint8_t op1, tok_kind t2, uint8_t op2,
		   bool (*operand) (parser *))
{
	size_t		at = p->tok.at;

	if (!operand(p))
		return false;
	while (p->tok.kind == t1 || p->tok.kind == t2)
	{
		uint8_t		op = p->tok.kind == t1 ? op1 : op2;

		if (!next(p) || !operand(p) || !build(p, op, 2, at))
			return false;
	}
	return true;
}

static bool
parse_product(parser *p)
{
	return left_assoc(p, T_STAR, TI_OP_MUL, T_SLASH, TI_OP_DIV, parse_unary);
}

static bool
parse_sum(parser *p)
{
	return left_assoc(p, T_PLUS, TI_OP_ADD, T_MINUS, TI_OP_SUB, parse_product);
}

static bool
parse_list(parser *p, uint8_t op, size_t at)
{
	uint32_t	count = 1;

	if (p->tok.kind != T_LPAREN)
		return expected(p, "(");
	for (;;)
	{
		if (!next(p))
			return false;
		if (p->tok.kind != T_STRING)
			return expected(p, "a string");
		if (!leaf(p, TI_OP_STRING))
			return false;
		count++;
		if (p->tok.kind == T_RPAREN)
			break;
		if (p->tok.kind != T_COMMA)
			return expected(p, ", or )");
	}
	return next(p) && build(p, op, count, at);
}

static bool
parse_between(parser *p, uint8_t op, size_t at)
{
	if (!parse_sum(p))
		return false;
	if (p->tok.kind != T_AND)
		return expected(p, "and");
	return next(p) && parse_sum(p) && build(p, op, 3, at);
}

static uint8_t
comparison_op(tok_kind k)
{
	switch (k)
	{
		case T_LT:
			return TI_OP_LT;
		case T_LE:
			return TI_OP_LE;
		case T_GT:
			return TI_OP_GT;
		case T_GE:
			return TI_OP_GE;
		case T_EQ:
			return TI_OP_EQ;
		case T_NE:
			return TI_OP_NE;
		default:
			return 0;
	}
}

static bool
parse_predicate(parser *p)
{
	size_t		at = p->tok.at;
	bool		negated = false;
	uint8_t		op;

	if (!parse_sum(p))
		return false;
	p->bare = false;
	if ((op = comparison_op(p->tok.kind)) != 0)
		return next(p) && parse_sum(p) && build(p, op, 2, at);
	if (p->tok.kind == T_NOT)
	{
		negated = true;
		if (!next(p))
			return false;
		if (p->tok.kind != T_BETWEEN && p->tok.kind != T_IN)
			return expected(p, "between or in");
	}
	if (p->tok.kind == T_BETWEEN)
		return next(p) && parse_between(p, negated ? TI_OP_NOT_BETWEEN : TI_OP_BETWEEN, at);
	if (p->tok.kind == T_IN)
		return next(p) && parse_list(p, negated ? TI_OP_NOT_IN : TI_OP_IN, at);
	p->bare = true;
	return true;
}

static bool
parse_not(parser *p)
{
	size_t		at = p->tok.at;
	bool		ok;

	if (p->tok.kind != T_NOT)
		return parse_predicate(p);
	if (!enter(p, at))
		return false;
	ok = next(p) && parse_not(p) && as_condition(p) && build(p, TI_OP_NOT, 1, at);
	p->depth--;
	return ok;
}

/*
 * item (sep item)*, as one n-ary node: an item that is itself a chain of the
 * same operator (in parentheses) is merged, so that the tree stays flat.
 */
static bool
chain(parser *p, tok_kind sep, uint8_t op, bool (*item) (parser *))
{
	size_t		at = p->tok.at;
	uint32_t	count = 0;

	if (!item(p))
		return false;
	if (p->tok.kind != sep)
		return true;
	for (;;)
	{
		const ti_rule_node *last = &p->b.rule->nodes[p->b.rule->n_nodes - 1];

		if (!as_condition(p))
			return false;
		count += last->op == op ? rule_unwrap(&p->b) : 1;
		if (p->tok.kind != sep)
			break;
		if (!next(p) || !item(p))
			return false;
	}
	return build(p, op, count, at);
}

static bool
parse_and(parser *p)
{
	return chain(p, T_AND, TI_OP_AND, parse_not);
}

static bool
parse_or(parser *p)
{
	size_t		at = p->tok.at;
	bool		ok;

	if (!enter(p, at))
		return false;
	ok = chain(p, T_OR, TI_OP_OR, parse_and);
	p->depth--;
	return ok;
}

/* Sort and merge the fact names, then point each FACT node at its entry. */
static void
finish_facts(ti_rule *r)
{
	uint32_t	n = 0;

	qsort(r->facts, r->n_facts, sizeof(ti_rule_name), rule_name_cmp);
	for (uint32_t i = 0; i < r->n_facts; i++)
		if (n == 0 || rule_name_cmp(&r->facts[n - 1], &r->facts[i]) != 0)
			r->facts[n++] = r->facts[i];
	r->n_facts = n;
	for (uint32_t i = 0; i < r->n_nodes; i++)
	{
		ti_rule_node *node = &r->nodes[i];
		ti_rule_name key = {node->u.str, node->count};
		const ti_rule_name *found;

		if (node->op != TI_OP_FACT)
			continue;
		found = bsearch(&key, r->facts, n, sizeof(ti_rule_name), rule_name_cmp);
		node->arg = (uint32_t) (found - r->facts);
	}
}

size_t
ti_rule_parse_workspace(size_t len)
{
	/* every node comes from a token of at least one byte */
	return rule_workspace(len + 1, len + 1, len);
}

bool
ti_rule_parse(const char *s, size_t len, void *ws, size_t ws_size, ti_rule *rule,
			  ti_error *err)
{
	parser		p;

	memset(&p, 0, sizeof(p));
	p.s = s;
	p.len = len;
	p.err = err;
	if (len > TI_RULE_MAX_TEXT)
	{
		ti_fail(err, TI_LIMIT_EXCEEDED, "eligibility rule too long: %zu bytes", len);
		ti_detail(err, "A rule has at most %d bytes.", TI_RULE_MAX_TEXT);
		return false;
	}
	if (!rule_builder_init(&p.b, rule, ws, ws_size, len + 1, len + 1, len, err) ||
		!scan(&p, 0, &p.tok) || !parse_or(&p) || !as_condition(&p))
		return false;
	if (p.tok.kind != T_END)
		return expected(&p, p.bare && starts_operand(p.tok.kind)
						? "a comparison operator" : "and, or or the end of the rule");
	finish_facts(rule);
	return ti_rule_check_printable(rule, err);
}

/*
 * What is accepted must come back: pg_dump writes a rule as its canonical
 * text, which can be longer than the text parsed ("x<1" is "x < 1"), and a
 * restore parses it again.
 */
bool
ti_rule_check_printable(const ti_rule *rule, ti_error *err)
{
	size_t		printed = ti_rule_print(rule, ti_rule_root(rule), NULL, 0);

	if (printed <= TI_RULE_MAX_TEXT)
		return true;
	ti_fail(err, TI_LIMIT_EXCEEDED, "eligibility rule too long once written out: %zu bytes", printed);
	ti_detail(err, "A rule has at most %d bytes in its canonical form (single spaces around operators), "
			  "the form pg_dump writes and a restore reads back.", TI_RULE_MAX_TEXT);
	return false;
}
