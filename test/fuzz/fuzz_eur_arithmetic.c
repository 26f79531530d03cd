/*
 * eur arithmetic and the 128-bit accumulator against the compiler's
 * __int128 (clang and gcc have it; the core does not rely on it): the input
 * is a sequence of int64 amounts; every pair goes through the checked
 * operators, and the whole sequence through sum() and avg().
 */
#include "fuzz.h"
#include "eur.h"

typedef __int128 i128;

static bool
fits64(i128 v)
{
	return v >= INT64_MIN && v <= INT64_MAX;
}

/* the core's answer must be the exact one, or an error exactly when it does not fit */
static void
agrees(bool ok, int64_t got, i128 want, const ti_error *err)
{
	if (!ok)
		fuzz_rejected(err);
	FUZZ_ASSERT(ok == fits64(want));
	FUZZ_ASSERT(!ok || got == want);
}

/* a / b rounded half away from zero */
static i128
div_round(i128 a, i128 b)
{
	i128		q = a / b,
				r = a % b;

	if (2 * (r < 0 ? -r : r) >= (b < 0 ? -b : b))
		q += (a < 0) == (b < 0) ? 1 : -1;
	return q;
}

static void
pair(int64_t a, int64_t b)
{
	int64_t		r = 0;
	ti_error	err;

	agrees(ti_eur_add(a, b, &r, &err), r, (i128) a + b, &err);
	agrees(ti_eur_sub(a, b, &r, &err), r, (i128) a - b, &err);
	agrees(ti_eur_neg(a, &r, &err), r, -(i128) a, &err);
	agrees(ti_eur_mul_int(a, b, &r, &err), r, (i128) a * b, &err);
	if (b == 0)
		FUZZ_ASSERT(!ti_eur_div_int(a, b, &r, &err) && err.kind == TI_DIVISION_BY_ZERO);
	else
		agrees(ti_eur_div_int(a, b, &r, &err), r, div_round(a, b), &err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ti_eur_sum_state	acc = {{0, 0}, 0},
				back;
	i128		total = 0;
	int64_t		prev = 0,
				r = 0;
	char		text[64];
	ti_error	err;

	for (size_t at = 0; at + 8 <= size; at += 8)
	{
		int64_t		v = fuzz_int64(data + at, 8);

		pair(prev, v);
		ti_eur_sum_state_add(&acc, v);
		total += v;
		prev = v;
	}
	FUZZ_ASSERT((i128) ((unsigned __int128) (uint64_t) acc.sum.hi << 64 | acc.sum.lo) == total);
	agrees(ti_eur_sum_state_sum(&acc, &r, &err), r, total, &err);
	if (acc.count > 0)
		agrees(ti_eur_sum_state_avg(&acc, &r, &err), r, div_round(total, acc.count), &err);
	ti_eur_sum_state_format(&acc, text);
	FUZZ_ASSERT(ti_eur_sum_state_parse(text, strlen(text), &back, &err));
	FUZZ_ASSERT(memcmp(&back, &acc, sizeof(acc)) == 0);
	return 0;
}
