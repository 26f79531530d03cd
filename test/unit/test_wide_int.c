#include <stdint.h>

#include "unit.h"
#include "wide_int.h"

static void
round_trip(const char *text)
{
	ti_wide		w;
	char		buf[48];

	CHECK(ti_wide_from_text(text, strlen(text), &w));
	ti_wide_to_text(&w, buf);
	CHECK_STR(buf, text);
}

void
test_wide_int(void)
{
	ti_wide		w = {0, 0};
	int64_t		q;

	round_trip("0");
	round_trip("-1");
	round_trip("9223372036854775807");
	round_trip("-9223372036854775808");
	round_trip("18446744073709551616");
	round_trip("170141183460469231731687303715884105727");	/* 2^127 - 1 */
	/* -2^127: printed by ti_wide_to_text, so it must read back (found by fuzz_eur_sum_state_binary) */
	round_trip("-170141183460469231731687303715884105728");
	CHECK(!ti_wide_from_text("170141183460469231731687303715884105728", 39, &w));
	CHECK(!ti_wide_from_text("-170141183460469231731687303715884105729", 40, &w));
	CHECK(!ti_wide_from_text("-340282366920938463463374607431768211456", 40, &w));	/* -2^128 */
	CHECK(!ti_wide_from_text("-", 1, &w));
	CHECK(!ti_wide_from_text("", 0, &w));
	CHECK(!ti_wide_from_text("12a", 3, &w));

	w.hi = 0;
	w.lo = 0;
	ti_wide_add64(&w, -1);
	CHECK(w.hi == -1 && w.lo == UINT64_MAX && ti_wide_fits64(&w));
	ti_wide_add64(&w, INT64_MIN);
	CHECK(!ti_wide_fits64(&w));
	ti_wide_add64(&w, 1);
	CHECK(ti_wide_fits64(&w) && (int64_t) w.lo == INT64_MIN);

	CHECK(ti_wide_from_text("-7", 2, &w) && ti_wide_div_round(&w, 2, &q) && q == -4);
	CHECK(ti_wide_from_text("7", 1, &w) && ti_wide_div_round(&w, 2, &q) && q == 4);
	CHECK(ti_wide_from_text("5", 1, &w) && ti_wide_div_round(&w, 3, &q) && q == 2);
	CHECK(ti_wide_from_text("18446744073709551616", 20, &w) && !ti_wide_div_round(&w, 1, &q));
	CHECK(ti_wide_div_round(&w, 4, &q) && q == INT64_C(4611686018427387904));
	CHECK(ti_wide_from_text("-9223372036854775808", 20, &w) && ti_wide_div_round(&w, 1, &q) && q == INT64_MIN);
	CHECK(ti_wide_from_text("9223372036854775808", 19, &w) && !ti_wide_div_round(&w, 1, &q));
}
