/*
 * rule_codec.c: the serialized form of an eligibility rule, what the SQL
 * type stores and sends.  Architecture-neutral, version 1:
 *
 *   u8      format version (1)
 *   varint  N, the number of nodes (1 .. TI_RULE_MAX_NODES)
 *   varint  F, the number of distinct fact names
 *   F x     varint length, then the name's bytes; sorted by bytes, no repeats
 *   N x     a node, in postfix order (operands before their operator):
 *           u8 op (ti_rule_op), then
 *             FACT             varint index of its name
 *             NUMBER           IEEE 754 binary64, big-endian, finite
 *             STRING           varint length, then the bytes (no NUL)
 *             IN, NOT IN       varint number of operands (the value, then
 *             AND, OR            the strings; the conditions of the chain)
 *           other operators take a fixed number of operands: NEG, NOT 1;
 *           arithmetic and comparisons 2; BETWEEN, NOT BETWEEN 3.
 *
 * A varint is unsigned LEB128 (7 bits a byte, low bits first), minimal, at
 * most 32 bits.  The decoder accepts exactly what ti_rule_serialize writes:
 * well-typed trees, flat and/or chains, every fact used, minimal varints.
 * So equal rules have equal bytes.
 */
#include "rule_internal.h"

#include <math.h>
#include <string.h>

#include "byte_order.h"

/* ------------------------------------------------------------ writing */

typedef struct sink
{
	uint8_t    *out;			/* NULL: only count */
	size_t		len;
} sink;

static void
put_bytes(sink *k, const void *p, size_t n)
{
	if (k->out)
		memcpy(k->out + k->len, p, n);
	k->len += n;
}

static void
put_byte(sink *k, uint8_t b)
{
	put_bytes(k, &b, 1);
}

static void
put_varint(sink *k, uint32_t v)
{
	while (v >= 0x80)
	{
		put_byte(k, (uint8_t) (v | 0x80));
		v >>= 7;
	}
	put_byte(k, (uint8_t) v);
}

static void
put_double(sink *k, double d)
{
	uint8_t		b[8];

	ti_put_double(b, d);
	put_bytes(k, b, 8);
}

static void
put_node(sink *k, const ti_rule_node *n)
{
	put_byte(k, n->op);
	switch (n->op)
	{
		case TI_OP_FACT:
			put_varint(k, n->arg);
			break;
		case TI_OP_NUMBER:
			put_double(k, n->u.num);
			break;
		case TI_OP_STRING:
			put_varint(k, n->count);
			put_bytes(k, n->u.str, n->count);
			break;
		default:
			if (rule_arity(n->op) < 0)
				put_varint(k, n->count);
			break;
	}
}

static size_t
serialize(const ti_rule *r, uint8_t *out)
{
	sink		k = {out, 0};

	put_byte(&k, TI_RULE_FORMAT_VERSION);
	put_varint(&k, r->n_nodes);
	put_varint(&k, r->n_facts);
	for (uint32_t i = 0; i < r->n_facts; i++)
	{
		put_varint(&k, r->facts[i].len);
		put_bytes(&k, r->facts[i].s, r->facts[i].len);
	}
	for (uint32_t i = 0; i < r->n_nodes; i++)
		put_node(&k, &r->nodes[i]);
	return k.len;
}

size_t
ti_rule_serialized_size(const ti_rule *r)
{
	return serialize(r, NULL);
}

void
ti_rule_serialize(const ti_rule *r, uint8_t *out)
{
	serialize(r, out);
}

/* ------------------------------------------------------------ reading */

typedef struct source
{
	const uint8_t *p;
	const uint8_t *end;
	ti_error   *err;
} source;

static bool
malformed(ti_error *err, const char *why)
{
	ti_fail(err, TI_BAD_BINARY, "invalid eligibility rule binary data: %s", why);
	ti_detail(err, "Expected format version %d as written by terrind.", TI_RULE_FORMAT_VERSION);
	return false;
}

static bool
get_byte(source *s, uint8_t *b)
{
	/* set even on failure: gcc 14 cannot see that no caller reads it then */
	*b = 0;
	if (s->p == s->end)
		return malformed(s->err, "truncated");
	*b = *s->p++;
	return true;
}

static bool
get_varint(source *s, uint32_t *v)
{
	uint64_t	value = 0;
	uint8_t		b;
	int			shift;

	for (shift = 0;; shift += 7)
	{
		if (!get_byte(s, &b))
			return false;
		if (shift == 28 && b > 0x0F)
			return malformed(s->err, "integer beyond 32 bits");
		value |= (uint64_t) (b & 0x7F) << shift;
		if (!(b & 0x80))
			break;
	}
	/* a last byte of 0 after others adds nothing: not the shortest form */
	if (b == 0 && shift > 0)
		return malformed(s->err, "integer not in its shortest form");
	*v = (uint32_t) value;
	return true;
}

/* Read a length and point at that many bytes of the input. */
static bool
get_text(source *s, const char **text, uint32_t *len)
{
	if (!get_varint(s, len))
		return false;
	if (*len > (size_t) (s->end - s->p))
		return malformed(s->err, "truncated");
	*text = (const char *) s->p;
	if (memchr(*text, '\0', *len) != NULL)
		return malformed(s->err, "NUL byte in a string");
	s->p += *len;
	return true;
}

static bool
get_double(source *s, double *d)
{
	if (s->end - s->p < 8)
		return malformed(s->err, "truncated");
	*d = ti_get_double(s->p);
	s->p += 8;
	return isfinite(*d) ? true : malformed(s->err, "number not finite");
}

static bool
get_header(source *s, uint32_t *n_nodes, uint32_t *n_facts)
{
	uint8_t		version;

	if (!get_byte(s, &version))
		return false;
	if (version != TI_RULE_FORMAT_VERSION)
	{
		ti_fail(s->err, TI_BAD_BINARY, "unsupported eligibility rule format version %d", version);
		ti_detail(s->err, "This version of terrind reads format version %d.", TI_RULE_FORMAT_VERSION);
		return false;
	}
	if (!get_varint(s, n_nodes) || !get_varint(s, n_facts))
		return false;
	/* every node takes a byte at least, and every fact a node */
	if (*n_nodes == 0 || *n_nodes > TI_RULE_MAX_NODES || *n_nodes > (size_t) (s->end - s->p))
		return malformed(s->err, "impossible number of nodes");
	if (*n_facts > *n_nodes)
		return malformed(s->err, "more facts than nodes");
	return true;
}

bool
ti_rule_deserialize_workspace(const uint8_t *b, size_t len, size_t *size, ti_error *err)
{
	source		s = {b, b + len, err};
	uint32_t	n_nodes,
				n_facts;

	if (!get_header(&s, &n_nodes, &n_facts))
		return false;
	/* the pool holds a "used" flag per fact */
	*size = rule_workspace(n_nodes, n_facts, n_facts);
	return true;
}

static bool
get_facts(source *s, ti_rule *r, uint32_t n_facts)
{
	for (uint32_t i = 0; i < n_facts; i++)
	{
		ti_rule_name *f = &r->facts[i];

		if (!get_text(s, &f->s, &f->len))
			return false;
		if (f->len == 0 || rule_name_length(f->s, f->len) != f->len ||
			rule_keyword_of(f->s, f->len) != KW_NONE)
			return malformed(s->err, "invalid fact name");
		if (i > 0 && rule_name_cmp(&r->facts[i - 1], f) >= 0)
			return malformed(s->err, "fact names not sorted");
	}
	r->n_facts = n_facts;
	return true;
}

static bool
get_leaf(source *s, rule_builder *b, uint8_t op, bool *used)
{
	ti_rule    *r = b->rule;
	ti_rule_node *n = rule_leaf(b, op, 0);

	if (n == NULL)
		return malformed(s->err, "more nodes than announced");
	switch (op)
	{
		case TI_OP_FACT:
			if (!get_varint(s, &n->arg))
				return false;
			if (n->arg >= r->n_facts)
				return malformed(s->err, "fact index out of range");
			used[n->arg] = true;
			n->u.str = r->facts[n->arg].s;
			n->count = r->facts[n->arg].len;
			return true;
		case TI_OP_NUMBER:
			return get_double(s, &n->u.num);
		case TI_OP_STRING:
			return get_text(s, &n->u.str, &n->count);
		default:
			return true;
	}
}

static bool
get_operator(source *s, rule_builder *b, uint8_t op)
{
	int			arity = rule_arity(op);
	uint32_t	nkids = (uint32_t) arity;
	uint32_t	bad;
	const char *what;

	if (arity < 0 && !get_varint(s, &nkids))
		return false;
	if (nkids > b->sp)
		return malformed(s->err, "operator without its operands");
	switch (rule_op(b, op, nkids, 0, &bad, &what))
	{
		case RB_OK:
			return true;
		case RB_BAD_OPERAND:
			return malformed(s->err, "operand of the wrong kind");
		case RB_TOO_DEEP:
			return malformed(s->err, "nested too deeply");
		default:
			return malformed(s->err, "more nodes than announced");
	}
}

bool
ti_rule_deserialize(const uint8_t *bytes, size_t len, void *ws, size_t ws_size,
					ti_rule *rule, ti_error *err)
{
	source		s = {bytes, bytes + len, err};
	rule_builder b;
	uint32_t	n_nodes,
				n_facts;
	bool	   *used;

	if (!get_header(&s, &n_nodes, &n_facts) ||
		!rule_builder_init(&b, rule, ws, ws_size, n_nodes, n_facts, n_facts, err) ||
		!get_facts(&s, rule, n_facts))
		return false;
	used = (bool *) b.pool;
	memset(used, 0, n_facts);
	while (rule->n_nodes < n_nodes)
	{
		uint8_t		op;

		if (!get_byte(&s, &op))
			return false;
		if (op < TI_OP_FACT || op > TI_OP_LAST)
			return malformed(err, "unknown node kind");
		if (!(rule_arity(op) == 0 ? get_leaf(&s, &b, op, used) : get_operator(&s, &b, op)))
			return false;
	}
	if (s.p != s.end)
		return malformed(err, "trailing bytes");
	if (b.sp != 1)
		return malformed(err, "operands left without an operator");
	if (rule->nodes[ti_rule_root(rule)].type != TI_TYPE_BOOL &&
		rule->nodes[ti_rule_root(rule)].type != TI_TYPE_ANY)
		return malformed(err, "the rule is not a condition");
	for (uint32_t i = 0; i < n_facts; i++)
		if (!used[i])
			return malformed(err, "unused fact name");
	return true;
}
