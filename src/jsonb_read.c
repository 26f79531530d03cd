#include "postgres.h"

#include "jsonb_read.h"

/* Where child i's data starts, from the data's beginning. */
static uint32
child_offset(const JsonbContainer *c, uint32 i)
{
	uint32		offset = 0;

	/* lengths back to the last child that stores its end offset */
	while (i > 0)
	{
		JEntry		e = c->children[--i];

		offset += JBE_OFFLENFLD(e);
		if (JBE_HAS_OFF(e))
			break;
	}
	return offset;
}

static uint32
child_length(const JsonbContainer *c, uint32 i, uint32 offset)
{
	JEntry		e = c->children[i];

	return JBE_HAS_OFF(e) ? JBE_OFFLENFLD(e) - offset : JBE_OFFLENFLD(e);
}

/* The child i (a value) as fillJsonbValue() makes it. */
static void
child_value(JsonbContainer *c, const char *data, uint32 i, JsonbValue *v)
{
	JEntry		e = c->children[i];
	uint32		offset = child_offset(c, i);
	uint32		length = child_length(c, i, offset);

	if (JBE_ISNULL(e))
		v->type = jbvNull;
	else if (JBE_ISSTRING(e))
	{
		v->type = jbvString;
		v->val.string.val = (char *) data + offset;
		v->val.string.len = (int) length;
	}
	else if (JBE_ISNUMERIC(e))
	{
		v->type = jbvNumeric;
		v->val.numeric = (Numeric) (data + INTALIGN(offset));
	}
	else if (JBE_ISBOOL(e))
	{
		v->type = jbvBool;
		v->val.boolean = JBE_ISBOOL_TRUE(e);
	}
	else
	{
		v->type = jbvBinary;
		v->val.binary.data = (JsonbContainer *) (data + INTALIGN(offset));
		v->val.binary.len = (int) (length - (INTALIGN(offset) - offset));
	}
}

/* Key i against key: jsonb's order, by length, then bytes. */
static int
compare_key(const JsonbContainer *c, const char *data, uint32 i, const char *key, uint32 len)
{
	uint32		offset = child_offset(c, i);
	uint32		length = child_length(c, i, offset);

	if (length != len)
		return length < len ? -1 : 1;
	return memcmp(data + offset, key, len);
}

bool
jr_object_get(JsonbContainer *object, const char *key, uint32 len, uint32 *guess, JsonbValue *value)
{
	uint32		count = JsonContainerSize(object);
	/* an object's children: count keys, then count values, then the data */
	const char *data = (const char *) &object->children[count * 2];
	uint32		low = 0,
				high = count;

	Assert(JsonContainerIsObject(object));
	if (*guess < count && compare_key(object, data, *guess, key, len) == 0)
	{
		child_value(object, data, count + *guess, value);
		return true;
	}
	while (low < high)
	{
		uint32		middle = low + (high - low) / 2;
		int			cmp = compare_key(object, data, middle, key, len);

		if (cmp == 0)
		{
			*guess = middle;
			child_value(object, data, count + middle, value);
			return true;
		}
		if (cmp < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return false;
}
