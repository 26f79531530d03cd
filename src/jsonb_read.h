/*
 * jsonb_read.h: looking a key up in a jsonb object, starting from where it
 * was last time.
 *
 * Facts of many zones are objects of the same shape, so a key sits at the
 * same position from one row to the next: checking that position first
 * costs one comparison instead of a binary search.  Otherwise this is the
 * search getKeyJsonValueFromContainer() does (keys sorted by length, then
 * bytewise), over jsonb's on-disk format (see jsonb_write.h), which is the
 * same in every PostgreSQL version.
 */
#ifndef TERRIND_JSONB_READ_H
#define TERRIND_JSONB_READ_H

#include "utils/jsonb.h"

/*
 * The value of key in object, into *value; false when absent.  *guess is
 * the position to try first (any number) and is set to where the key was.
 */
bool		jr_object_get(JsonbContainer *object, const char *key, uint32 len,
						  uint32 *guess, JsonbValue *value);

#endif
