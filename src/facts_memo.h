/*
 * facts_memo.h: what was computed from one jsonb of facts, kept while the
 * next calls get the same facts.
 *
 * An analyst's query evaluates many rules on each zone's facts, and the
 * rules share facts and often whole comparisons: reading a fact (finding
 * its key, converting its number) costs more than comparing it, and writing
 * a comparison's explanation more than evaluating it.  Results are kept
 * under numbered keys (fact names, comparisons) and stand while the facts
 * argument is the same bytes at the same address, as values point into
 * them: from the second call at one address on, a copy of its bytes tells.
 */
#ifndef TERRIND_FACTS_MEMO_H
#define TERRIND_FACTS_MEMO_H

#include "utils/jsonb.h"

#include "rule.h"

typedef struct facts_memo facts_memo;

/* A memo living in mcxt. */
facts_memo *facts_memo_create(MemoryContext mcxt);

/*
 * The number of a key, from 0 in order of first use.  The key's bytes must
 * stay until facts_memo_forget_keys, which numbers from 0 again.
 */
uint32		facts_memo_number(facts_memo *m, const char *key, uint32 len);
void		facts_memo_forget_keys(facts_memo *m);

/* A call begins with these facts: drop what was kept if they changed. */
void		facts_memo_begin(facts_memo *m, const Jsonb *facts);

/* The value kept under number n for these facts, if any. */
bool		facts_memo_value(const facts_memo *m, uint32 n, ti_rule_value *value);
void		facts_memo_keep_value(facts_memo *m, uint32 n, const ti_rule_value *value);

/*
 * Bytes kept under number n for these facts, if any; facts_memo_keep_bytes
 * gives room for len bytes to keep there, or NULL when they cannot be kept.
 */
bool		facts_memo_bytes(const facts_memo *m, uint32 n, const char **bytes, size_t *len);
char	   *facts_memo_keep_bytes(facts_memo *m, uint32 n, size_t len);

/*
 * Per number, two uint32 a caller may use as hints across calls: zero at
 * first, and left as they are when keys are forgotten (only guesses).
 */
uint32	   *facts_memo_hints(facts_memo *m, uint32 n);

#endif
