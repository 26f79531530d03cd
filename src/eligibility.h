/*
 * eligibility.h: what eligibility.c shares with eligibility_explain.c:
 * decoded rules cached per call site, and facts read from jsonb.
 */
#ifndef TERRIND_ELIGIBILITY_H
#define TERRIND_ELIGIBILITY_H

#include "access/tupdesc.h"
#include "fmgr.h"

#include "rule.h"

typedef struct cached_rule
{
	MemoryContext mcxt;			/* where it lives, with what hangs from it */
	uint32		hash;
	size_t		len;
	const uint8_t *bytes;		/* a copy of the serialized rule */
	ti_rule		rule;			/* decoded, pointing into bytes */
	const uint32 *name_id;		/* per fact: the facts memo's number for its name */
	void	   *explain;		/* eligibility_explain.c's, made on first use */
} cached_rule;

/* The decoded rule of argument argno (an eligibility_rule). */
cached_rule *rule_arg(FunctionCallInfo fcinfo, int argno);

/*
 * The rule of argument 0, and *facts set to read argument 1, a jsonb object
 * of facts (22023 if it is not an object).
 */
cached_rule *rule_and_facts(FunctionCallInfo fcinfo, ti_rule_facts *facts);

/* What the call site keeps of the facts of the last rule_and_facts (facts_memo.h). */
struct facts_memo *call_site_memo(FunctionCallInfo fcinfo);


/* The blessed row type a function returning a composite returns, made once per call site. */
TupleDesc	call_site_result_type(FunctionCallInfo fcinfo);

#endif
