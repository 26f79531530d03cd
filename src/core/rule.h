/*
 * rule.h: eligibility rules, a small condition language over named facts.
 *
 *   population between 50000 and 150000
 *     and industry_share >= 1.5 * national.industry_share
 *     and not has_metropole
 *
 * A rule is parsed once (ti_rule_parse), stored in a compact serialized form
 * (ti_rule_serialize / ti_rule_deserialize) and evaluated many times without
 * re-parsing (ti_rule_eval, ti_rule_explain).  Evaluation follows SQL's
 * three-valued logic; facts come from the caller through ti_rule_facts, so
 * this code knows nothing of jsonb or PostgreSQL.
 *
 * Memory: the core never allocates.  The caller provides a workspace of the
 * size the *_workspace functions return; the resulting ti_rule points into
 * that workspace (and, once deserialized, into the serialized bytes), so both
 * must outlive it.  Nothing needs freeing beyond the caller's buffers.
 *
 * Limits: a rule text of at most TI_RULE_MAX_TEXT bytes and nesting at most
 * TI_RULE_MAX_DEPTH levels (TI_LIMIT_EXCEEDED otherwise), so that recursion
 * over a rule's tree is bounded whatever the input.  "and"/"or" chains are
 * flat n-ary nodes: a rule of 10 000 clauses is three levels deep.
 */
#ifndef TERRIND_CORE_RULE_H
#define TERRIND_CORE_RULE_H

#include <stdint.h>

#include "error.h"

#define TI_RULE_MAX_TEXT (1024 * 1024)
#define TI_RULE_MAX_NODES (TI_RULE_MAX_TEXT + 1)
#define TI_RULE_MAX_DEPTH 200

/* First byte of the serialized form; see rule_codec.c for the layout. */
#define TI_RULE_FORMAT_VERSION 1

/*
 * Node kinds.  The values are the op bytes of the serialized form: never
 * renumber them, add new ones at the end.
 */
typedef enum ti_rule_op
{
	TI_OP_FACT = 1,
	TI_OP_NUMBER = 2,
	TI_OP_STRING = 3,
	TI_OP_TRUE = 4,
	TI_OP_FALSE = 5,
	TI_OP_NEG = 6,
	TI_OP_ADD = 7,
	TI_OP_SUB = 8,
	TI_OP_MUL = 9,
	TI_OP_DIV = 10,
	TI_OP_LT = 11,
	TI_OP_LE = 12,
	TI_OP_GT = 13,
	TI_OP_GE = 14,
	TI_OP_EQ = 15,
	TI_OP_NE = 16,
	TI_OP_BETWEEN = 17,
	TI_OP_NOT_BETWEEN = 18,
	TI_OP_IN = 19,
	TI_OP_NOT_IN = 20,
	TI_OP_NOT = 21,
	TI_OP_AND = 22,
	TI_OP_OR = 23
} ti_rule_op;

#define TI_OP_LAST TI_OP_OR

/* Types of values; TI_TYPE_ANY is the static type of a fact. */
typedef enum ti_rule_type
{
	TI_TYPE_NULL = 0,
	TI_TYPE_NUMBER,
	TI_TYPE_TEXT,
	TI_TYPE_BOOL,
	TI_TYPE_ANY
} ti_rule_type;

typedef struct ti_rule_node
{
	uint8_t		op;				/* ti_rule_op */
	uint8_t		type;			/* static ti_rule_type of its value */
	uint16_t	height;			/* 1 for a leaf */
	uint32_t	arg;			/* operators: first child in kids[]; FACT: fact index */
	uint32_t	count;			/* operators: number of children; STRING: byte length */
	uint32_t	pos;			/* parsed: byte offset of its first token; decoded: 0 */
	union
	{
		double		num;		/* NUMBER */
		const char *str;		/* STRING (not NUL-terminated) */
	}			u;
} ti_rule_node;

typedef struct ti_rule_name
{
	const char *s;				/* not NUL-terminated */
	uint32_t	len;
} ti_rule_name;

/*
 * A rule: nodes in postfix order (children before their parent, the root
 * last), operands listed in kids[], and the distinct fact names, sorted by
 * bytes, which FACT nodes refer to by index.
 */
typedef struct ti_rule
{
	ti_rule_node *nodes;
	uint32_t	n_nodes;
	uint32_t   *kids;
	uint32_t	n_kids;
	ti_rule_name *facts;
	uint32_t	n_facts;
} ti_rule;

static inline uint32_t
ti_rule_root(const ti_rule *r)
{
	return r->n_nodes - 1;
}

static inline const ti_rule_node *
ti_rule_kid(const ti_rule *r, const ti_rule_node *n, uint32_t i)
{
	return &r->nodes[r->kids[n->arg + i]];
}

/* ------------------------------------------------------------- text form */

/* Bytes of workspace ti_rule_parse needs for a text of len bytes. */
size_t		ti_rule_parse_workspace(size_t len);

/*
 * Parse s[0..len) (not necessarily NUL-terminated).  Errors: TI_BAD_TEXT
 * naming the 1-based character position and what was expected,
 * TI_OUT_OF_RANGE for a number beyond double, TI_LIMIT_EXCEEDED for a text
 * too long or nested too deeply.
 */
bool		ti_rule_parse(const char *s, size_t len, void *ws, size_t ws_size,
						  ti_rule *rule, ti_error *err);

/*
 * Canonical text of the subtree at node (ti_rule_root for the whole rule):
 * lower-case keywords, single spaces, only the parentheses precedence needs.
 * Writes at most size bytes including a terminator, like snprintf, and
 * returns the full length.
 */
size_t		ti_rule_print(const ti_rule *r, uint32_t node, char *buf, size_t size);

/* TI_LIMIT_EXCEEDED unless the canonical text fits TI_RULE_MAX_TEXT (it must parse again). */
bool		ti_rule_check_printable(const ti_rule *rule, ti_error *err);

/* --------------------------------------------------------- binary form */

size_t		ti_rule_serialized_size(const ti_rule *r);
/* Write exactly ti_rule_serialized_size(r) bytes. */
void		ti_rule_serialize(const ti_rule *r, uint8_t *out);

/* Workspace ti_rule_deserialize needs; reads and checks the header. */
bool		ti_rule_deserialize_workspace(const uint8_t *b, size_t len, size_t *size,
										  ti_error *err);

/*
 * Rebuild a rule from its serialized form, validating everything (TI_BAD_BINARY
 * otherwise): an accepted input is exactly what ti_rule_serialize writes for
 * the rule its canonical text parses to.
 */
bool		ti_rule_deserialize(const uint8_t *b, size_t len, void *ws, size_t ws_size,
								ti_rule *rule, ti_error *err);

/* ---------------------------------------------------------- evaluation */

typedef struct ti_rule_value
{
	uint8_t		type;			/* ti_rule_type, never TI_TYPE_ANY */
	bool		boolean;
	uint32_t	len;			/* TEXT: byte length */
	double		num;			/* NUMBER: finite */
	const char *text;			/* TEXT */
	const void *origin;			/* the caller's: where a fact's value came from */
} ti_rule_value;

/*
 * Fetch fact number `fact` (an index into rule->facts) into *out; a missing
 * fact is TI_TYPE_NULL.  Returns false with err set to abort evaluation.
 */
typedef bool (*ti_rule_fetch) (void *ctx, const ti_rule *rule, uint32_t fact,
							   ti_rule_value *out, ti_error *err);

/*
 * A check is a comparison, or a fact used alone as a condition; wanted is
 * what the rule wants of it (false inside an odd number of "not").  A
 * caller evaluating many rules on the same facts may recall the result of
 * a check it saw before: true with *result set, and the check is then
 * neither evaluated nor visited.
 */
typedef bool (*ti_rule_recall) (void *ctx, const ti_rule *rule, uint32_t node, bool wanted,
								ti_rule_value *result);

/*
 * The facts of one evaluation: values[i] is used when known[i], else fetched
 * on first use and remembered.  The caller clears known[] between
 * evaluations (or pre-fills every slot and passes no fetch function).
 * recall is optional (NULL), with its own context.
 */
typedef struct ti_rule_facts
{
	ti_rule_fetch fetch;
	void	   *ctx;
	ti_rule_value *values;		/* rule->n_facts slots */
	bool	   *known;			/* rule->n_facts flags */
	ti_rule_recall recall;
	void	   *recall_ctx;
} ti_rule_facts;

/*
 * Evaluate the rule: *verdict is TI_TYPE_BOOL, or TI_TYPE_NULL when the rule
 * is undecidable under three-valued logic.  Comparisons with a NULL operand
 * are NULL; arithmetic with a NULL operand, a division by zero or any other
 * non-finite result (overflow) is NULL.  "and" and "or" stop as soon as the
 * result is known, so facts that cannot change it are not fetched.  A fact
 * of the wrong type for its use is TI_BAD_PARAMETER.
 */
bool		ti_rule_eval(const ti_rule *r, ti_rule_facts *facts,
						 ti_rule_value *verdict, ti_error *err);

/* One comparison, or a fact used alone as a condition, as explained. */
typedef struct ti_rule_check
{
	uint32_t	node;			/* the comparison node (or the fact) */
	ti_rule_value left;			/* the left operand (the fact itself when alone) */
	ti_rule_value right[2];		/* right operand; between: low and high; in: see the node's kids */
	ti_rule_value result;		/* TI_TYPE_BOOL or TI_TYPE_NULL */
	bool		wanted;			/* false inside an odd number of "not" */
	bool		has_margin;
	bool		has_relative;
	double		margin;			/* positive: passed by (result == wanted) */
	double		relative;		/* margin / |threshold| */
} ti_rule_check;

typedef bool (*ti_rule_visit) (void *ctx, const ti_rule *rule,
							   const ti_rule_check *check, ti_error *err);

/*
 * Evaluate every comparison (no short cut) and call visit for each one, in
 * the order they appear in the canonical text, then set *verdict as
 * ti_rule_eval would.  Margins (numbers only) measure how far the
 * comparison is from flipping, oriented so that positive means it went the
 * way the rule wants:
 *   a >= b, a > b: a - b          a <= b, a < b: b - a
 *   a = b: -|a - b|               a <> b: |a - b|
 *   x between lo and hi: min(x - lo, hi - x); not between: the opposite
 * negated under an odd number of "not".  The relative margin divides by the
 * absolute value of the threshold: the right operand, or the nearer bound.
 */
bool		ti_rule_explain(const ti_rule *r, ti_rule_facts *facts,
							ti_rule_visit visit, void *ctx,
							ti_rule_value *verdict, ti_error *err);

/* How many times ti_rule_explain calls visit for this rule. */
uint32_t	ti_rule_check_count(const ti_rule *r);

/* Is this node a comparison, between or in (an entry of explain)? */
bool		ti_rule_is_comparison(uint8_t op);

/* The operator's text as printed: ">=", "between", "not in", ... */
const char *ti_rule_op_text(uint8_t op);

#endif
