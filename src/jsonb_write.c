#include "jsonb_write.h"

#include "miscadmin.h"

#include "report.h"

static pg_attribute_always_inline void
reserve(jsonb_writer *w, size_t n)
{
	if (w->len + n <= w->cap)
		return;
	w->cap = Max(w->len + n, 2 * w->cap);
	w->buf = repalloc(w->buf, w->cap);
}

static pg_attribute_always_inline void
append(jsonb_writer *w, const void *data, size_t n)
{
	reserve(w, n);
	memcpy(w->buf + w->len, data, n);
	w->len += n;
}

/* Zeros up to a multiple of 4 from the start of the value. */
static pg_attribute_always_inline void
pad(jsonb_writer *w)
{
	size_t		n = INTALIGN(w->len) - w->len;

	reserve(w, n);
	memset(w->buf + w->len, 0, n);
	w->len += n;
}

/* A child of the innermost container took the bytes since start. */
static pg_attribute_always_inline void
child_done(jsonb_writer *w, uint32 type, size_t start)
{
	jw_container *c = &w->open[w->depth - 1];
	size_t		len = w->len - start;
	uint32		entry;

	Assert(c->next < c->count);
	c->total += (uint32) len;	/* checked against the limit in jw_end */
	if (c->next % JB_OFFSET_STRIDE == 0)
		entry = type | c->total | JENTRY_HAS_OFF;
	else
		entry = type | (uint32) len;
	memcpy(w->buf + c->jentries + c->next++ * sizeof(JEntry), &entry, sizeof(JEntry));
}

void
jw_init(jsonb_writer *w, size_t size)
{
	w->cap = Max(size, 64);
	w->buf = palloc(w->cap);
	w->len = VARHDRSZ;
	w->depth = 0;
}

static void
begin(jsonb_writer *w, uint32 flags, uint32 children, uint32 entries)
{
	jw_container *c;
	uint32		header = children | flags;

	if (w->depth == JW_MAX_DEPTH)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("jsonb value nested more than %d levels deep", JW_MAX_DEPTH)));
	check_stack_depth();
	c = &w->open[w->depth++];
	c->start = w->len;
	pad(w);
	append(w, &header, sizeof(header));
	c->jentries = w->len;
	c->count = entries;
	c->next = 0;
	c->total = 0;
	reserve(w, entries * sizeof(JEntry));
	w->len += entries * sizeof(JEntry);
}

void
jw_begin_object(jsonb_writer *w, uint32 pairs)
{
	begin(w, JB_FOBJECT, pairs, 2 * pairs);
}

void
jw_begin_array(jsonb_writer *w, uint32 elems)
{
	begin(w, JB_FARRAY, elems, elems);
}

void
jw_end(jsonb_writer *w)
{
	jw_container *c = &w->open[--w->depth];

	Assert(c->next == c->count);
	/* a length field holds 28 bits (a child's length is at most its parent's) */
	if (w->len - c->start > JENTRY_OFFLENMASK)
	{
		ti_error	err;

		ti_fail(&err, TI_LIMIT_EXCEEDED, "jsonb value larger than %u bytes", JENTRY_OFFLENMASK);
		ti_raise(&err);
	}
	/* the root's JEntry is not stored */
	if (w->depth > 0)
		child_done(w, JENTRY_ISCONTAINER, c->start);
}

/* The keys' JEntries as child_done would make them, for the first children. */
void
jw_keyset_init(jw_keyset *set, const char *const *keys, uint32 count)
{
	set->count = count;
	set->len = 0;
	for (uint32 i = 0; i < count; i++)
	{
		size_t		n = strlen(keys[i]);

		if (count > JW_MAX_KEYS || set->len + n > sizeof(set->bytes))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("jsonb key set of %u keys: at most %d keys and %zu bytes of key text",
							count, JW_MAX_KEYS, sizeof(set->bytes))));
		memcpy(set->bytes + set->len, keys[i], n);
		set->len += n;
		set->entries[i] = JENTRY_ISSTRING |
			(i % JB_OFFSET_STRIDE == 0 ? set->len | JENTRY_HAS_OFF : (uint32) n);
	}
}

void
jw_keys(jsonb_writer *w, const jw_keyset *set)
{
	jw_container *c = &w->open[w->depth - 1];

	Assert(c->next == 0 && set->count <= c->count);
	memcpy(w->buf + c->jentries, set->entries, set->count * sizeof(JEntry));
	c->next = set->count;
	c->total = set->len;
	append(w, set->bytes, set->len);
}

void
jw_string(jsonb_writer *w, const char *s, size_t len)
{
	size_t		start = w->len;

	append(w, s, len);
	child_done(w, JENTRY_ISSTRING, start);
}

void
jw_numeric(jsonb_writer *w, Numeric n)
{
	size_t		start = w->len;

	pad(w);
	append(w, n, VARSIZE_ANY(n));
	child_done(w, JENTRY_ISNUMERIC, start);
}

void
jw_bool(jsonb_writer *w, bool b)
{
	child_done(w, b ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE, w->len);
}

void
jw_null(jsonb_writer *w)
{
	child_done(w, JENTRY_ISNULL, w->len);
}

size_t
jw_null_for_now(jsonb_writer *w)
{
	jw_container *c = &w->open[w->depth - 1];
	size_t		at = c->jentries + c->next * sizeof(JEntry);

	jw_null(w);
	return at;
}

void
jw_set_bool(jsonb_writer *w, size_t at, bool b)
{
	uint32		entry;

	memcpy(&entry, w->buf + at, sizeof(JEntry));
	entry = (entry & ~JENTRY_TYPEMASK) | (b ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE);
	memcpy(w->buf + at, &entry, sizeof(JEntry));
}

Jsonb *
jw_finish(jsonb_writer *w)
{
	Assert(w->depth == 0);
	SET_VARSIZE(w->buf, w->len);
	return (Jsonb *) w->buf;
}
