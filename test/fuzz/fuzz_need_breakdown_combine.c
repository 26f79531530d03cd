/*
 * need_breakdown_state_combine (ti_breakdown_acc_combine) on two arbitrary
 * valid states: the input is two binary states.  Each need's sum is exact,
 * or the combination fails with 22003 and leaves the state alone.
 */
#include "fuzz.h"
#include "funding.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ti_breakdown_acc a,
				b,
				r,
				back;
	char		text[TI_BREAKDOWN_ACC_TEXT];
	ti_error	err;

	if (size != 2 * TI_BREAKDOWN_ACC_BYTES ||
		!ti_breakdown_acc_decode(data, TI_BREAKDOWN_ACC_BYTES, &a, &err) ||
		!ti_breakdown_acc_decode(data + TI_BREAKDOWN_ACC_BYTES, TI_BREAKDOWN_ACC_BYTES, &b, &err))
		return 0;
	r = a;
	if (!ti_breakdown_acc_combine(&r, &b, &err))
	{
		fuzz_rejected(&err);
		FUZZ_ASSERT(err.kind == TI_OUT_OF_RANGE);
		FUZZ_ASSERT(memcmp(&r, &a, sizeof(r)) == 0);
		return 0;
	}
	FUZZ_ASSERT(r.count >= a.count && r.count - a.count == b.count);
	for (int i = 0; i < TI_NEED_COUNT; i++)
	{
		FUZZ_ASSERT((uint64_t) r.sum[i].hi - (uint64_t) b.sum[i].hi - (r.sum[i].lo < b.sum[i].lo ? 1 : 0) ==
					(uint64_t) a.sum[i].hi);
		FUZZ_ASSERT(r.sum[i].lo - b.sum[i].lo == a.sum[i].lo);
		FUZZ_ASSERT(!(a.sum[i].hi >= 0 && b.sum[i].hi >= 0 && r.sum[i].hi < 0));
		FUZZ_ASSERT(!(a.sum[i].hi < 0 && b.sum[i].hi < 0 && r.sum[i].hi >= 0));
	}
	ti_breakdown_acc_format(&r, text);
	FUZZ_ASSERT(ti_breakdown_acc_parse(text, strlen(text), &back, &err));
	FUZZ_ASSERT(memcmp(&back, &r, sizeof(r)) == 0);
	return 0;
}
