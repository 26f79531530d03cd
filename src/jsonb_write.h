/*
 * jsonb_write.h: writing a jsonb value directly in its binary form, for
 * results whose shape the caller knows (explain() writes one per row).
 *
 * JsonbValueToJsonb() takes a JsonbValue tree, sorts the keys of every
 * object and serializes the tree generically, which is most of the cost of
 * a small result built row after row.  This writer appends the same bytes
 * as it would (src/backend/utils/adt/jsonb_util.c, convertToJsonb) from a
 * stream of calls: a container is a uint32 header (count and kind) and one
 * JEntry per child, an object's keys before its values, then the children's
 * data; every 32nd JEntry holds an end offset instead of a length; numerics
 * and containers are padded to 4 bytes.  That format is jsonb's on-disk
 * format, the same in every PostgreSQL version.
 *
 * The caller gives an object's keys first, in jsonb's order (shorter keys
 * first, then bytewise, no duplicates), then its values in the same order,
 * and exactly the number of children announced.
 */
#ifndef TERRIND_JSONB_WRITE_H
#define TERRIND_JSONB_WRITE_H

#include "pg_compat.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#define JW_MAX_DEPTH 8

typedef struct jw_container
{
	size_t		start;			/* where it begins, before its padding */
	size_t		jentries;		/* where its JEntries are */
	uint32		count;			/* JEntries announced */
	uint32		next;			/* the next child's JEntry */
	uint32		total;			/* length of the children's data so far */
} jw_container;

typedef struct jsonb_writer
{
	char	   *buf;
	size_t		len;
	size_t		cap;
	int			depth;
	jw_container open[JW_MAX_DEPTH];
} jsonb_writer;

/*
 * The keys of objects of one shape, written at once by jw_keys: their
 * JEntries and bytes do not depend on the values.
 */
#define JW_MAX_KEYS 16
typedef struct jw_keyset
{
	uint32		count;
	uint32		len;			/* bytes of all the keys */
	JEntry		entries[JW_MAX_KEYS];
	char		bytes[256];
} jw_keyset;

/* keys: count names, in jsonb's order. */
void		jw_keyset_init(jw_keyset *set, const char *const *keys, uint32 count);

/* Start a value; expect about size bytes. */
void		jw_init(jsonb_writer *w, size_t size);
/* Begin a container; returns where it starts (4-aligned). */
size_t		jw_begin_object(jsonb_writer *w, uint32 pairs);
size_t		jw_begin_array(jsonb_writer *w, uint32 elems);
/* Close the innermost object or array. */
void		jw_end(jsonb_writer *w);
/* All the keys of the object just begun. */
void		jw_keys(jsonb_writer *w, const jw_keyset *set);
/* What the writers below share (inline: explain() calls them per field). */
void		jw_grow(jsonb_writer *w, size_t n);

static inline void
jw_reserve(jsonb_writer *w, size_t n)
{
	if (w->len + n > w->cap)
		jw_grow(w, n);
}

static inline void
jw_append(jsonb_writer *w, const void *data, size_t n)
{
	jw_reserve(w, n);
	memcpy(w->buf + w->len, data, n);
	w->len += n;
}

/* Zeros up to a multiple of 4 from the start of the value. */
static inline void
jw_pad(jsonb_writer *w)
{
	jw_reserve(w, 3);
	while (w->len % 4 != 0)
		w->buf[w->len++] = 0;
}

/* A child of the innermost container took the bytes since start. */
static inline void
jw_child_done(jsonb_writer *w, uint32 type, size_t start)
{
	jw_container *c = &w->open[w->depth - 1];
	uint32		len = (uint32) (w->len - start);
	uint32		entry;

	Assert(c->next < c->count);
	c->total += len;			/* checked against the limit in jw_end */
	if (c->next % JB_OFFSET_STRIDE == 0)
		entry = type | c->total | JENTRY_HAS_OFF;
	else
		entry = type | len;
	memcpy(w->buf + c->jentries + c->next++ * sizeof(JEntry), &entry, sizeof(JEntry));
}

/* A key, or a string value. */
static inline void
jw_string(jsonb_writer *w, const char *s, size_t len)
{
	size_t		start = w->len;

	jw_append(w, s, len);
	jw_child_done(w, JENTRY_ISSTRING, start);
}

static inline void
jw_numeric(jsonb_writer *w, Numeric n)
{
	size_t		start = w->len;

	jw_pad(w);
	jw_append(w, n, VARSIZE_ANY(n));
	jw_child_done(w, JENTRY_ISNUMERIC, start);
}

/*
 * A container written before, from its start to its end: its bytes do not
 * depend on where it is, as everything in it is aligned from its start.
 */
static inline void
jw_container_bytes(jsonb_writer *w, const char *bytes, size_t len)
{
	size_t		start = w->len;

	jw_pad(w);
	jw_append(w, bytes, len);
	jw_child_done(w, JENTRY_ISCONTAINER, start);
}

static inline void
jw_bool(jsonb_writer *w, bool b)
{
	jw_child_done(w, b ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE, w->len);
}

static inline void
jw_null(jsonb_writer *w)
{
	jw_child_done(w, JENTRY_ISNULL, w->len);
}

/*
 * A null now, changed later by jw_set_bool: for a boolean known only after
 * what follows it is written (it has no data, only its JEntry).
 */
size_t		jw_null_for_now(jsonb_writer *w);
void		jw_set_bool(jsonb_writer *w, size_t at, bool b);

/* The finished jsonb (palloc'd) and its size. */
Jsonb	   *jw_finish(jsonb_writer *w);

#endif
