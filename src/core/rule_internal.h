/*
 * rule_internal.h: what the parser, the decoder, the printer and the
 * evaluator of eligibility rules share (see rule.h for the public API).
 */
#ifndef TERRIND_CORE_RULE_INTERNAL_H
#define TERRIND_CORE_RULE_INTERNAL_H

#include "rule.h"

/* Values (ops up to TI_OP_DIV) can be operands; the rest are conditions. */
static inline bool
rule_is_value_op(uint8_t op)
{
	return op >= TI_OP_FACT && op <= TI_OP_DIV;
}

/* Number of operands of a fixed-arity op; -1 for IN, AND and OR. */
int			rule_arity(uint8_t op);

/* "a number", "a string" or "a boolean" */
const char *rule_type_name(uint8_t type);

/*
 * Builds a rule bottom-up in postfix order, for the parser and the decoder:
 * leaves are pushed on a stack, an operator takes its operands from the top.
 */
typedef struct rule_builder
{
	ti_rule    *rule;
	uint32_t   *stack;
	uint32_t	sp;
	uint32_t	max_nodes;
	char	   *pool;			/* parser: unescaped strings and names */
	size_t		pool_len;
} rule_builder;

typedef enum rule_build_status
{
	RB_OK,
	RB_BAD_OPERAND,				/* see *bad and *expected */
	RB_TOO_DEEP,
	RB_TOO_BIG
} rule_build_status;

size_t		rule_workspace(size_t max_nodes, size_t max_facts, size_t pool_bytes);
bool		rule_builder_init(rule_builder *b, ti_rule *rule, void *ws, size_t ws_size,
							  size_t max_nodes, size_t max_facts, size_t pool_bytes,
							  ti_error *err);

/* Push a leaf of this op (the caller fills arg, count and u); NULL if full. */
ti_rule_node *rule_leaf(rule_builder *b, uint8_t op, uint32_t pos);

/*
 * Make an op node of the nkids operands on top of the stack.  On
 * RB_BAD_OPERAND, *bad is the operand's node and *expected what it should be.
 */
rule_build_status rule_op(rule_builder *b, uint8_t op, uint32_t nkids, uint32_t pos,
						  uint32_t *bad, const char **expected);

/* Undo the last node, an operator, leaving its operands on the stack. */
uint32_t	rule_unwrap(rule_builder *b);

/* What is wrong with n's operands (NULL if nothing); *bad names the operand. */
const char *rule_operand_problem(const ti_rule *r, const ti_rule_node *n, uint32_t *bad);

/* --------------------------------------------------------------- names */

typedef enum rule_keyword
{
	KW_NONE,
	KW_AND,
	KW_OR,
	KW_NOT,
	KW_BETWEEN,
	KW_IN,
	KW_TRUE,
	KW_FALSE
} rule_keyword;

/* Byte length of the fact name starting at s (0 if none starts there). */
size_t		rule_name_length(const char *s, size_t len);

/* The keyword s[0..len) spells, in any case. */
rule_keyword rule_keyword_of(const char *s, size_t len);

int			rule_name_cmp(const void *a, const void *b);

#endif
