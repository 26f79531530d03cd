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

#include "postgres.h"

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
void		jw_begin_object(jsonb_writer *w, uint32 pairs);
void		jw_begin_array(jsonb_writer *w, uint32 elems);
/* Close the innermost object or array. */
void		jw_end(jsonb_writer *w);
/* All the keys of the object just begun. */
void		jw_keys(jsonb_writer *w, const jw_keyset *set);
/* A key, or a string value. */
void		jw_string(jsonb_writer *w, const char *s, size_t len);
void		jw_numeric(jsonb_writer *w, Numeric n);
void		jw_bool(jsonb_writer *w, bool b);
void		jw_null(jsonb_writer *w);

/*
 * A null now, changed later by jw_set_bool: for a boolean known only after
 * what follows it is written (it has no data, only its JEntry).
 */
size_t		jw_null_for_now(jsonb_writer *w);
void		jw_set_bool(jsonb_writer *w, size_t at, bool b);

/* The finished jsonb (palloc'd) and its size. */
Jsonb	   *jw_finish(jsonb_writer *w);

#endif
