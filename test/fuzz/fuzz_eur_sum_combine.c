/*
 * eur_sum_combine (ti_eur_acc_combine) on two arbitrary valid states, as a
 * crafted binary payload can give it: the input is two binary states.  The
 * combination is the exact sum, or a 22003 that leaves the state alone;
 * never a wrapped sum or count.
 */
#include "fuzz.h"
#include "money.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ti_eur_acc	a,
				b,
				r,
				back;
	char		text[64];
	ti_error	err;

	if (size != 2 * TI_EUR_ACC_BYTES ||
		!ti_eur_acc_from_bytes(data, TI_EUR_ACC_BYTES, &a, &err) ||
		!ti_eur_acc_from_bytes(data + TI_EUR_ACC_BYTES, TI_EUR_ACC_BYTES, &b, &err))
		return 0;
	r = a;
	if (!ti_eur_acc_combine(&r, &b, &err))
	{
		fuzz_rejected(&err);
		FUZZ_ASSERT(err.kind == TI_OUT_OF_RANGE);
		FUZZ_ASSERT(memcmp(&r, &a, sizeof(r)) == 0);
		return 0;
	}
	FUZZ_ASSERT(r.count >= a.count && r.count >= b.count && r.count - a.count == b.count);
	/* r - b == a, and the sum's sign is right: no wrap in 128 bits */
	FUZZ_ASSERT((uint64_t) r.sum.hi - (uint64_t) b.sum.hi - (r.sum.lo < b.sum.lo ? 1 : 0) == (uint64_t) a.sum.hi);
	FUZZ_ASSERT(r.sum.lo - b.sum.lo == a.sum.lo);
	FUZZ_ASSERT(!(a.sum.hi >= 0 && b.sum.hi >= 0 && r.sum.hi < 0));
	FUZZ_ASSERT(!(a.sum.hi < 0 && b.sum.hi < 0 && r.sum.hi >= 0));
	ti_eur_acc_format(&r, text);
	FUZZ_ASSERT(ti_eur_acc_parse(text, strlen(text), &back, &err));
	FUZZ_ASSERT(memcmp(&back, &r, sizeof(r)) == 0);
	return 0;
}
