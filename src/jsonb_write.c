#include "postgres.h"

#include "jsonb_write.h"

#include "report.h"

void
jw_grow(jsonb_writer *w, size_t n)
{
	w->cap = Max(w->len + n, 2 * w->cap);
	w->buf = repalloc(w->buf, w->cap);
}

void
jw_init(jsonb_writer *w, size_t size)
{
	w->cap = Max(size, 64);
	w->buf = palloc(w->cap);
	w->len = VARHDRSZ;
	w->depth = 0;
}

static size_t
begin(jsonb_writer *w, uint32 flags, uint32 children, uint32 entries)
{
	jw_container *c;
	uint32		header = children | flags;
	size_t		start;

	/* the writer does not recurse: a bounded stack of open containers */
	if (w->depth == JW_MAX_DEPTH)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("jsonb value nested more than %d levels deep", JW_MAX_DEPTH)));
	c = &w->open[w->depth++];
	c->start = w->len;
	jw_pad(w);
	start = w->len;
	jw_append(w, &header, sizeof(header));
	c->jentries = w->len;
	c->count = entries;
	c->next = 0;
	c->total = 0;
	jw_reserve(w, entries * sizeof(JEntry));
	w->len += entries * sizeof(JEntry);
	return start;
}

size_t
jw_begin_object(jsonb_writer *w, uint32 pairs)
{
	return begin(w, JB_FOBJECT, pairs, 2 * pairs);
}

size_t
jw_begin_array(jsonb_writer *w, uint32 elems)
{
	return begin(w, JB_FARRAY, elems, elems);
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
		jw_child_done(w, JENTRY_ISCONTAINER, c->start);
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
	jw_append(w, set->bytes, set->len);
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
