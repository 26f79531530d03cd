/*
 * agg_state.h: the state argument of aggregate support functions whose
 * state is a fixed-length SQL type (eur_sum_state, need_breakdown_state).
 */
#ifndef TERRIND_AGG_STATE_H
#define TERRIND_AGG_STATE_H

#include "fmgr.h"
#include "nodes/nodes.h"

/*
 * Inside an aggregate the state belongs to the aggregate and is updated in
 * place: no allocation per row.  Called directly, as any SQL function can
 * be, the argument may be a constant: work on a copy.
 */
static inline void *
ti_agg_state_arg(FunctionCallInfo fcinfo, Size size)
{
	void	   *state = PG_GETARG_POINTER(0);

	/* a plain aggregate, the per-row case, is recognised without a call */
	if ((fcinfo->context && IsA(fcinfo->context, AggState)) ||
		AggCheckCallContext(fcinfo, NULL))
		return state;
	return memcpy(palloc(size), state, size);
}

#endif
