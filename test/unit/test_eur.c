#include <math.h>
#include <stdint.h>

#include "eur.h"
#include "unit.h"

#define S(lit) (lit), strlen(lit)

static void
parses_to(const char *text, int64_t want)
{
	ti_error	err;
	int64_t		got = -12345;

	unit_checks++;
	if (!ti_eur_parse(text, strlen(text), &got, &err) || got != want)
	{
		unit_failures++;
		fprintf(stderr, "eur \"%s\": want %lld cents, got %lld (%s)\n", text,
				(long long) want, (long long) got, err.message);
	}
}

static void
parsing(void)
{
	ti_error	err;
	int64_t		v;

	parses_to("1234.56", 123456);
	parses_to("1234,56", 123456);
	parses_to("-12,5", -1250);
	parses_to("+12", 1200);
	parses_to("0", 0);
	parses_to("-0,00", 0);
	parses_to("007", 700);
	parses_to(",5", 50);
	parses_to("1 234 567,89 €", 123456789);
	parses_to("1\xC2\xA0" "234\xC2\xA0" "567,89\xC2\xA0€", 123456789);
	parses_to("1\xE2\x80\xAF" "234\xE2\x80\xAF" "567,89\xE2\x80\xAF€", 123456789);
	parses_to("1 234 567.89", 123456789);
	parses_to("1.234.567,89", 123456789);
	parses_to("1,234,567.89", 123456789);
	parses_to("1.234.567", 123456700);
	parses_to("1,234,567", 123456700);
	parses_to("1234,567 k€", 123456700);
	parses_to("1,36 Md€", INT64_C(136000000000));
	parses_to("1,7 Mds €", INT64_C(170000000000));
	parses_to("794 M€", INT64_C(79400000000));
	parses_to("298,5 M€", INT64_C(29850000000));
	parses_to("4 k€", 400000);
	parses_to("4K€", 400000);
	parses_to("4 000 €", 400000);
	parses_to("12 EUR", 1200);
	parses_to("12 eur", 1200);
	parses_to("12,50 MEUR", INT64_C(1250000000));
	parses_to("€1,234.56", 123456);
	parses_to("EUR 12", 1200);
	parses_to("-€5", -500);
	parses_to("€ -5", -500);
	parses_to("\xE2\x88\x92" "3,20 €", -320);	/* U+2212 minus sign */
	parses_to("0,125 M€", 12500000);
	parses_to("1,2000", 120);
	parses_to("1,2345 k€", 123450);
	parses_to("0.001 k€", 100);
	parses_to("92233720368547758.07", INT64_MAX);
	parses_to("-92233720368547758.08", INT64_MIN);
	parses_to("  12,5  ", 1250);

	CHECK_ERR(ti_eur_parse(S("0,001"), &v, &err), err, TI_BAD_TEXT, "finer than a cent");
	CHECK_ERR(ti_eur_parse(S("12,345"), &v, &err), err, TI_BAD_TEXT, "could be a decimal or a thousands separator");
	CHECK_ERR(ti_eur_parse(S("1.234"), &v, &err), err, TI_BAD_TEXT, "\".\" could be a decimal");
	CHECK_ERR(ti_eur_parse(S("1,234 k€"), &v, &err), err, TI_BAD_TEXT, "could be a decimal");
	CHECK_ERR(ti_eur_parse(S("1,2345"), &v, &err), err, TI_BAD_TEXT, "finer than a cent");
	CHECK_ERR(ti_eur_parse(S("12 34"), &v, &err), err, TI_BAD_TEXT, "must have 3 digits");
	CHECK_ERR(ti_eur_parse(S("1234 567"), &v, &err), err, TI_BAD_TEXT, "1 to 3 digits");
	CHECK_ERR(ti_eur_parse(S("1.234 567"), &v, &err), err, TI_BAD_TEXT, "mixed thousands separators");
	CHECK_ERR(ti_eur_parse(S(""), &v, &err), err, TI_BAD_TEXT, "no digits");
	CHECK_ERR(ti_eur_parse(S("€"), &v, &err), err, TI_BAD_TEXT, "no digits");
	CHECK_ERR(ti_eur_parse(S("-"), &v, &err), err, TI_BAD_TEXT, "no digits");
	CHECK_ERR(ti_eur_parse(S("abc"), &v, &err), err, TI_BAD_TEXT, "unexpected \"a\" at position 1");
	CHECK_ERR(ti_eur_parse(S("12abc"), &v, &err), err, TI_BAD_TEXT, "unexpected \"a\" at position 3");
	CHECK_ERR(ti_eur_parse(S("1e6"), &v, &err), err, TI_BAD_TEXT, "unexpected \"e\"");
	CHECK_ERR(ti_eur_parse(S("12 €€"), &v, &err), err, TI_BAD_TEXT, "unexpected \"€\" at position 5");
	CHECK_ERR(ti_eur_parse(S("€12 €"), &v, &err), err, TI_BAD_TEXT, "unexpected \"€\"");
	CHECK_ERR(ti_eur_parse(S("--12"), &v, &err), err, TI_BAD_TEXT, "unexpected \"-\"");
	CHECK_ERR(ti_eur_parse(S("12,"), &v, &err), err, TI_BAD_TEXT, "unexpected \",\"");
	CHECK_ERR(ti_eur_parse(S("12 m€"), &v, &err), err, TI_BAD_TEXT, "unexpected \"m\"");
	CHECK_ERR(ti_eur_parse(S("NaN"), &v, &err), err, TI_BAD_TEXT, "unexpected");
	CHECK_ERR(ti_eur_parse(S("92233720368547758.08"), &v, &err), err, TI_OUT_OF_RANGE, "out of range for type eur");
	CHECK_ERR(ti_eur_parse(S("99999999999999999999999999"), &v, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK_ERR(ti_eur_parse(S("100 000 000 Md€"), &v, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK_ERR(ti_eur_parse(S("1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1"), &v, &err),
			  err, TI_BAD_TEXT, "too many digit groups");
}

static void
formats(int64_t cents, const char *plain, const char *fr, const char *scaled)
{
	char		buf[TI_EUR_FR_TEXT];

	ti_eur_format(cents, buf);
	CHECK_STR(buf, plain);
	ti_eur_format_fr(cents, false, buf);
	CHECK_STR(buf, fr);
	ti_eur_format_fr(cents, true, buf);
	CHECK_STR(buf, scaled);
}

#define NN "\xE2\x80\xAF"		/* narrow no-break space, thousands */
#define NB "\xC2\xA0"			/* no-break space, before the unit */

static void
formatting(void)
{
	int64_t		back;
	ti_error	err;
	char		buf[TI_EUR_FR_TEXT];

	formats(0, "0.00", "0,00" NB "€", "0,00" NB "€");
	formats(5, "0.05", "0,05" NB "€", "0,05" NB "€");
	formats(-5, "-0.05", "-0,05" NB "€", "-0,05" NB "€");
	formats(123456789, "1234567.89", "1" NN "234" NN "567,89" NB "€", "1,23" NB "M€");
	formats(INT64_C(136000000000), "1360000000.00", "1" NN "360" NN "000" NN "000,00" NB "€", "1,36" NB "Md€");
	formats(INT64_C(79400000000), "794000000.00", "794" NN "000" NN "000,00" NB "€", "794" NB "M€");
	formats(INT64_C(150000000), "1500000.00", "1" NN "500" NN "000,00" NB "€", "1,5" NB "M€");
	formats(400000, "4000.00", "4" NN "000,00" NB "€", "4" NB "k€");
	formats(99999, "999.99", "999,99" NB "€", "999,99" NB "€");
	formats(INT64_C(99999999999), "999999999.99", "999" NN "999" NN "999,99" NB "€", "1" NB "Md€");
	formats(INT64_MIN, "-92233720368547758.08", "-92" NN "233" NN "720" NN "368" NN "547" NN "758,08" NB "€",
			"-92" NN "233" NN "720,37" NB "Md€");
	formats(INT64_MAX, "92233720368547758.07", "92" NN "233" NN "720" NN "368" NN "547" NN "758,07" NB "€",
			"92" NN "233" NN "720,37" NB "Md€");

	/* French output reads back */
	ti_eur_format_fr(-123456789, false, buf);
	CHECK(ti_eur_parse(buf, strlen(buf), &back, &err) && back == -123456789);
	ti_eur_format_fr(INT64_C(136000000000), true, buf);
	CHECK(ti_eur_parse(buf, strlen(buf), &back, &err) && back == INT64_C(136000000000));
}

static void
arithmetic(void)
{
	ti_error	err;
	int64_t		r;

	CHECK(ti_eur_add(100, 250, &r, &err) && r == 350);
	CHECK_ERR(ti_eur_add(INT64_MAX, 1, &r, &err), err, TI_OUT_OF_RANGE, "sum is out of range");
	CHECK_ERR(ti_eur_add(INT64_MIN, -1, &r, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK(ti_eur_sub(100, 250, &r, &err) && r == -150);
	CHECK_ERR(ti_eur_sub(INT64_MIN, 1, &r, &err), err, TI_OUT_OF_RANGE, "difference");
	CHECK_ERR(ti_eur_sub(0, INT64_MIN, &r, &err), err, TI_OUT_OF_RANGE, "difference");
	CHECK(ti_eur_neg(5, &r, &err) && r == -5);
	CHECK_ERR(ti_eur_neg(INT64_MIN, &r, &err), err, TI_OUT_OF_RANGE, "negation");

	CHECK(ti_eur_mul_int(-250, 3, &r, &err) && r == -750);
	CHECK(ti_eur_mul_int(INT64_MIN, 1, &r, &err) && r == INT64_MIN);
	CHECK_ERR(ti_eur_mul_int(INT64_MIN, -1, &r, &err), err, TI_OUT_OF_RANGE, "product");
	CHECK_ERR(ti_eur_mul_int(INT64_C(4611686018427387904), 2, &r, &err), err, TI_OUT_OF_RANGE, "product");

	CHECK(ti_eur_div_int(100, 3, &r, &err) && r == 33);
	CHECK(ti_eur_div_int(200, 3, &r, &err) && r == 67);
	CHECK(ti_eur_div_int(5, 2, &r, &err) && r == 3);	/* half away from zero */
	CHECK(ti_eur_div_int(-5, 2, &r, &err) && r == -3);
	CHECK(ti_eur_div_int(5, -2, &r, &err) && r == -3);
	CHECK(ti_eur_div_int(INT64_MIN, 1, &r, &err) && r == INT64_MIN);
	CHECK(ti_eur_div_int(INT64_MAX, INT64_MIN, &r, &err) && r == -1);
	CHECK_ERR(ti_eur_div_int(INT64_MIN, -1, &r, &err), err, TI_OUT_OF_RANGE, "quotient");
	CHECK_ERR(ti_eur_div_int(1, 0, &r, &err), err, TI_DIVISION_BY_ZERO, "division by zero");

	CHECK(ti_eur_mul_float(1000, 1.1, &r, &err) && r == 1100);
	CHECK(ti_eur_mul_float(5, 0.5, &r, &err) && r == 3);
	CHECK(ti_eur_mul_float(-5, 0.5, &r, &err) && r == -3);
	CHECK_ERR(ti_eur_mul_float(1, NAN, &r, &err), err, TI_BAD_PARAMETER, "NaN");
	CHECK_ERR(ti_eur_mul_float(1, INFINITY, &r, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK_ERR(ti_eur_mul_float(INT64_MAX, 2.0, &r, &err), err, TI_OUT_OF_RANGE, "out of range");
	/* exact above 2^53 cents (issue 17, W6): no detour through a double */
	CHECK(ti_eur_mul_float(9007199254740993, 1.0, &r, &err) && r == 9007199254740993);
	CHECK(ti_eur_mul_float(INT64_MAX, 1.0, &r, &err) && r == INT64_MAX);
	CHECK(ti_eur_mul_float(INT64_MIN, 1.0, &r, &err) && r == INT64_MIN);
	CHECK_ERR(ti_eur_mul_float(INT64_MIN, -1.0, &r, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK(ti_eur_mul_float(9007199254740993, 0.5, &r, &err) && r == 4503599627370497);	/* .5 away from zero */
	CHECK(ti_eur_mul_float(-9007199254740993, 0.5, &r, &err) && r == -4503599627370497);
	CHECK(ti_eur_mul_float(9007199254740993, -2.0, &r, &err) && r == -18014398509481986);
	CHECK(ti_eur_mul_float(INT64_MAX, 0x1p-62, &r, &err) && r == 2);
	CHECK(ti_eur_mul_float(INT64_MAX, 0x1p-64, &r, &err) && r == 0);	/* 0.4999... */
	CHECK(ti_eur_mul_float(INT64_MIN, 0x1p-64, &r, &err) && r == -1);	/* -0.5 */
	CHECK(ti_eur_mul_float(1, 5e-324, &r, &err) && r == 0);
	CHECK(ti_eur_mul_float(0, 1e308, &r, &err) && r == 0);
	CHECK(ti_eur_mul_float(1, 0x1p62, &r, &err) && r == INT64_C(1) << 62);
	CHECK_ERR(ti_eur_mul_float(2, 0x1p62, &r, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK(ti_eur_mul_float(-2, 0x1p62, &r, &err) && r == INT64_MIN);
	CHECK_ERR(ti_eur_mul_float(0, INFINITY, &r, &err), err, TI_BAD_PARAMETER, "NaN");
	CHECK(ti_eur_div_float(100, 3.0, &r, &err) && r == 33);
	CHECK_ERR(ti_eur_div_float(1, 0.0, &r, &err), err, TI_DIVISION_BY_ZERO, "division by zero");
	/* exact above 2^53 cents, rounded once half away from zero */
	CHECK(ti_eur_div_float(9007199254740993, 1.0, &r, &err) && r == 9007199254740993);
	CHECK(ti_eur_div_float(INT64_MAX, 1.0, &r, &err) && r == INT64_MAX);
	CHECK(ti_eur_div_float(INT64_MIN, 1.0, &r, &err) && r == INT64_MIN);
	CHECK_ERR(ti_eur_div_float(INT64_MIN, -1.0, &r, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK(ti_eur_div_float(9007199254740993, 2.0, &r, &err) && r == 4503599627370497);
	CHECK(ti_eur_div_float(-9007199254740993, 2.0, &r, &err) && r == -4503599627370497);
	CHECK(ti_eur_div_float(9007199254740993, 0.5, &r, &err) && r == 18014398509481986);
	CHECK(ti_eur_div_float(200, 3.0, &r, &err) && r == 67);
	CHECK(ti_eur_div_float(-200, 3.0, &r, &err) && r == -67);
	CHECK(ti_eur_div_float(200, -3.0, &r, &err) && r == -67);
	CHECK(ti_eur_div_float(1, 0x1p-62, &r, &err) && r == INT64_C(1) << 62);
	CHECK_ERR(ti_eur_div_float(2, 0x1p-62, &r, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK(ti_eur_div_float(-2, 0x1p-62, &r, &err) && r == INT64_MIN);
	CHECK_ERR(ti_eur_div_float(1, 5e-324, &r, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK(ti_eur_div_float(INT64_MAX, 0x1p64, &r, &err) && r == 0);	/* 0.4999... */
	CHECK(ti_eur_div_float(INT64_MIN, 0x1p64, &r, &err) && r == -1);	/* -0.5 */
	CHECK(ti_eur_div_float(INT64_MAX, 1e308, &r, &err) && r == 0);
	CHECK(ti_eur_div_float(5, INFINITY, &r, &err) && r == 0);
	CHECK(ti_eur_div_float(0, 5e-324, &r, &err) && r == 0);
	CHECK_ERR(ti_eur_div_float(1, NAN, &r, &err), err, TI_BAD_PARAMETER, "NaN");
	CHECK(ti_eur_div_float(INT64_MAX, 0x1p10, &r, &err) && r == INT64_C(9007199254740992));	/* 2^53 - 2^-10: rounds up */
}

static void
aggregation(void)
{
	ti_eur_sum_state	acc = {{0, 0}, 0},
				other = {{0, 0}, 0},
				back;
	ti_error	err;
	int64_t		r;
	char		buf[64];

	CHECK_ERR(ti_eur_sum_state_avg(&acc, &r, &err), err, TI_BAD_PARAMETER, "no amounts");
	for (int i = 0; i < 4; i++)
		ti_eur_sum_state_add(&acc, INT64_MAX);
	ti_eur_sum_state_add(&acc, -INT64_MAX);
	ti_eur_sum_state_add(&acc, -INT64_MAX);
	ti_eur_sum_state_add(&acc, -INT64_MAX);
	CHECK(ti_eur_sum_state_sum(&acc, &r, &err) && r == INT64_MAX);	/* midway overflow absorbed */
	ti_eur_sum_state_add(&acc, 1);
	CHECK_ERR(ti_eur_sum_state_sum(&acc, &r, &err), err, TI_OUT_OF_RANGE, "sum is out of range");
	/* (INT64_MAX + 1) / 8: the average fits although the sum does not */
	CHECK(ti_eur_sum_state_avg(&acc, &r, &err) && r == INT64_C(1152921504606846976));

	ti_eur_sum_state_format(&acc, buf);
	CHECK_STR(buf, "(9223372036854775808,8)");
	CHECK(ti_eur_sum_state_parse(buf, strlen(buf), &back, &err) && back.count == 8 &&
		  back.sum.hi == acc.sum.hi && back.sum.lo == acc.sum.lo);

	ti_eur_sum_state_add(&other, -3);
	ti_eur_sum_state_add(&other, -4);
	CHECK(ti_eur_sum_state_avg(&other, &r, &err) && r == -4);	/* -3.5 -> -4 */
	ti_eur_sum_state_format(&other, buf);
	CHECK_STR(buf, "(-7,2)");
	CHECK(ti_eur_sum_state_combine(&acc, &other, &err));
	CHECK(acc.count == 10);
	/* crafted maximal states: an error, never a wrapped sum or count (issue 17, W7) */
	{
		const char *big_sum = "(170141183460469231731687303715884105727,1)";
		const char *big_count = "(1,9223372036854775807)";
		ti_eur_sum_state	x,
					y;

		CHECK(ti_eur_sum_state_parse(big_sum, strlen(big_sum), &x, &err) && ti_eur_sum_state_parse(big_sum, strlen(big_sum), &y, &err));
		CHECK_ERR(ti_eur_sum_state_combine(&x, &y, &err), err, TI_OUT_OF_RANGE,
				  "eur aggregate states too large to combine: (sum, count) beyond (128 bits, 2^63 - 1)");
		CHECK(x.count == 1);	/* left unchanged */
		CHECK(ti_eur_sum_state_parse(big_count, strlen(big_count), &x, &err) && ti_eur_sum_state_parse(big_count, strlen(big_count), &y, &err));
		CHECK(!ti_eur_sum_state_combine(&x, &y, &err) && err.kind == TI_OUT_OF_RANGE);
		y.sum.hi = -1;
		y.sum.lo = 0;			/* -2^64: signs differ, no overflow */
		y.count = 0;
		CHECK(ti_eur_sum_state_combine(&x, &y, &err) && x.sum.hi == -1 && x.sum.lo == 1);
	}
	ti_eur_sum_state_format(&acc, buf);
	CHECK_STR(buf, "(9223372036854775801,10)");

	{
		unsigned char bytes[TI_EUR_SUM_STATE_BYTES];

		ti_eur_sum_state_to_bytes(&acc, bytes);
		CHECK(bytes[0] == 1);
		CHECK(ti_eur_sum_state_from_bytes(bytes, sizeof(bytes), &back, &err) && back.count == acc.count &&
			  back.sum.hi == acc.sum.hi && back.sum.lo == acc.sum.lo);
		CHECK_ERR(ti_eur_sum_state_from_bytes(bytes, sizeof(bytes) - 1, &back, &err), err, TI_BAD_BINARY, "24 bytes, expected 25");
		bytes[0] = 2;
		CHECK_ERR(ti_eur_sum_state_from_bytes(bytes, sizeof(bytes), &back, &err), err, TI_BAD_BINARY, "format version 2");
		bytes[0] = 1;
		bytes[17] = 0x80;
		CHECK_ERR(ti_eur_sum_state_from_bytes(bytes, sizeof(bytes), &back, &err), err, TI_BAD_BINARY, "negative count");
	}
	CHECK_ERR(ti_eur_sum_state_parse(S("(1,2"), &back, &err), err, TI_BAD_TEXT, "invalid eur aggregate state");
	CHECK_ERR(ti_eur_sum_state_parse(S("(1,-2)"), &back, &err), err, TI_BAD_TEXT, "invalid eur aggregate state");
	CHECK_ERR(ti_eur_sum_state_parse(S("(x,2)"), &back, &err), err, TI_BAD_TEXT, "invalid eur aggregate state");
	CHECK_ERR(ti_eur_sum_state_parse(S("(,2)"), &back, &err), err, TI_BAD_TEXT, "invalid eur aggregate state");
	CHECK_ERR(ti_eur_sum_state_parse(S(""), &back, &err), err, TI_BAD_TEXT, "invalid eur aggregate state");
}

void
test_eur(void)
{
	parsing();
	formatting();
	arithmetic();
	aggregation();
}
