#include "postgres.h"
#include "pg_compat.h"

#include "facts_memo.h"

#include "common/hashfn.h"
#include "utils/memutils.h"

/* Facts up to this size are copied to be recognised; bigger ones are read afresh. */
#define MEMO_MAX_FACTS 16384
/*
 * Bytes kept for one generation of facts, at most: enough for the entries
 * of a few hundred comparisons, and little enough to stay in a CPU cache
 * (rules that share nothing would otherwise fill it for nothing).
 */
#define MEMO_MAX_BYTES (64 * 1024)

typedef struct memo_key
{
	ti_rule_name key;			/* its bytes are the caller's */
	uint32		hash;
	uint32		number;
	char		status;			/* simplehash's */
} memo_key;

#define SH_PREFIX memo_keys
#define SH_ELEMENT_TYPE memo_key
#define SH_KEY_TYPE ti_rule_name
#define SH_KEY key
#define SH_HASH_KEY(tb, key) hash_bytes((const unsigned char *) (key).s, (int) (key).len)
#define SH_EQUAL(tb, a, b) ((a).len == (b).len && memcmp((a).s, (b).s, (a).len) == 0)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) (a)->hash
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

typedef struct memo_slot
{
	uint64		generation;		/* what it holds is of that generation of facts */
	union
	{
		ti_rule_value value;
		struct
		{
			uint32		offset; /* in bytes */
			uint32		len;
		}			bytes;
	}			u;
	uint32		hints[2];
} memo_slot;

struct facts_memo
{
	MemoryContext mcxt;
	MemoryContext keys_cxt;
	memo_keys_hash *keys;
	memo_slot  *slots;
	uint32		n_slots;
	uint64		generation;		/* of the facts of the current call */
	const Jsonb *at;			/* the last call's facts */
	uint32		len;
	bool		copied;			/* copy holds their bytes */
	char	   *copy;
	char	   *bytes;			/* facts_memo_keep_bytes's, for this generation */
	uint32		bytes_len;
	uint32		bytes_cap;
	uint64		bytes_generation;
};

facts_memo *
facts_memo_create(MemoryContext mcxt)
{
	facts_memo *m = MemoryContextAllocZero(mcxt, sizeof(facts_memo));

	m->mcxt = mcxt;
	m->keys_cxt = AllocSetContextCreate(mcxt, "terrind facts memo keys", ALLOCSET_SMALL_SIZES);
	m->keys = memo_keys_create(m->keys_cxt, 64, NULL);
	m->generation = 1;
	return m;
}

void
facts_memo_forget_keys(facts_memo *m)
{
	MemoryContextReset(m->keys_cxt);
	m->keys = memo_keys_create(m->keys_cxt, 64, NULL);
	m->generation++;			/* numbers will mean other keys */
}

uint32
facts_memo_number(facts_memo *m, const char *key, uint32 len)
{
	ti_rule_name k = {key, len};
	bool		found;
	memo_key   *e = memo_keys_insert(m->keys, k, &found);

	if (!found)
		e->number = m->keys->members - 1;
	if (e->number >= m->n_slots)
	{
		uint32		n = Max(64, 2 * m->n_slots);

		m->slots = m->slots ? repalloc(m->slots, n * sizeof(memo_slot))
			: MemoryContextAlloc(m->mcxt, n * sizeof(memo_slot));
		memset(m->slots + m->n_slots, 0, (n - m->n_slots) * sizeof(memo_slot));
		m->n_slots = n;
	}
	return e->number;
}

void
facts_memo_begin(facts_memo *m, const Jsonb *facts)
{
	uint32		len = VARSIZE(facts);
	bool		same_place = facts == m->at && len == m->len;

	if (same_place && m->copied && memcmp(m->copy, facts, len) == 0)
		return;
	m->generation++;
	m->at = facts;
	m->len = len;
	/* copied the second time at one place: the first time may be the only one */
	m->copied = same_place && len <= MEMO_MAX_FACTS;
	if (m->copied)
	{
		if (m->copy == NULL)
			m->copy = MemoryContextAlloc(m->mcxt, MEMO_MAX_FACTS);
		memcpy(m->copy, facts, len);
	}
}

bool
facts_memo_value(const facts_memo *m, uint32 n, ti_rule_value *value)
{
	if (m->slots[n].generation != m->generation)
		return false;
	*value = m->slots[n].u.value;
	return true;
}

/*
 * Nothing is kept before the facts have been copied: without a copy the
 * next call starts a new generation anyway, so the work would be lost.
 */
void
facts_memo_keep_value(facts_memo *m, uint32 n, const ti_rule_value *value)
{
	if (!m->copied)
		return;
	m->slots[n].generation = m->generation;
	m->slots[n].u.value = *value;
}

bool
facts_memo_bytes(const facts_memo *m, uint32 n, const char **bytes, size_t *len)
{
	if (m->slots[n].generation != m->generation)
		return false;
	*bytes = m->bytes + m->slots[n].u.bytes.offset;
	*len = m->slots[n].u.bytes.len;
	return true;
}

char *
facts_memo_keep_bytes(facts_memo *m, uint32 n, size_t len)
{
	char	   *at;

	if (!m->copied)
		return NULL;
	if (m->bytes_generation != m->generation)
	{
		m->bytes_len = 0;
		m->bytes_generation = m->generation;
	}
	if (len > MEMO_MAX_BYTES - m->bytes_len)
		return NULL;
	if (m->bytes_len + len > m->bytes_cap)
	{
		uint32		cap = Min(MEMO_MAX_BYTES, Max(m->bytes_len + (uint32) len, Max(4096, 2 * m->bytes_cap)));

		m->bytes = m->bytes ? repalloc(m->bytes, cap) : MemoryContextAlloc(m->mcxt, cap);
		m->bytes_cap = cap;
	}
	at = m->bytes + m->bytes_len;
	m->slots[n].generation = m->generation;
	m->slots[n].u.bytes.offset = m->bytes_len;
	m->slots[n].u.bytes.len = (uint32) len;
	m->bytes_len += (uint32) len;
	return at;
}

uint32 *
facts_memo_hints(facts_memo *m, uint32 n)
{
	return m->slots[n].hints;
}
