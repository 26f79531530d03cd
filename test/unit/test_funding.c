#include <stdint.h>

#include "funding.h"
#include "unit.h"

#define S(lit) (lit), strlen(lit)

static void
need_is(const char *text, int16_t want)
{
	ti_error	err;
	int16_t		got = -1;

	unit_checks++;
	if (!ti_need_parse(text, strlen(text), &got, &err) || got != want)
	{
		unit_failures++;
		fprintf(stderr, "need \"%s\": want %d, got %d\n", text, want, got);
	}
}

static void
needs(void)
{
	ti_error	err;
	int16_t		code;

	need_is("recruter", 1);
	need_is("Innover", 2);
	need_is("ATTIRER", 3);
	need_is(" simplifier ", 4);
	need_is("competences", 5);
	need_is("Comp\xC3\xA9tences", 5);
	need_is("COMP\xC3\x89TENCES", 5);
	need_is("innovation", 6);
	need_is("transition_ecologique", 7);
	need_is("Transition \xC3\xA9" "cologique", 7);
	need_is("transition-\xC3\xA9" "cologique", 7);
	need_is("Transition \xC2\xA0 _ \xC3\xA9" "cologique", 7);	/* a run of separators */
	need_is("foncier", 8);
	CHECK_ERR(ti_need_parse(S("recrute"), &code, &err), err, TI_BAD_TEXT,
			  "invalid need \"recrute\": expected recruter, innover");
	CHECK(strstr(err.detail, "phase 2023-2027") != NULL);
	CHECK_ERR(ti_need_parse(S(""), &code, &err), err, TI_BAD_TEXT, "invalid need \"\"");
	CHECK_ERR(ti_need_parse(S("innovations"), &code, &err), err, TI_BAD_TEXT, "invalid need");
	CHECK_ERR(ti_need_parse(S("_foncier"), &code, &err), err, TI_BAD_TEXT, "invalid need");
	CHECK_ERR(ti_need_parse(S("foncier2"), &code, &err), err, TI_BAD_TEXT, "invalid need");
	CHECK_ERR(ti_need_parse(S("transition_ecologique_"), &code, &err), err, TI_BAD_TEXT, "invalid need");
	CHECK_ERR(ti_need_parse(S("\xC3\x97"), &code, &err), err, TI_BAD_TEXT, "invalid need");	/* × */
	CHECK_ERR(ti_need_parse(S("comp\xC3"), &code, &err), err, TI_BAD_TEXT, "invalid need");	/* cut UTF-8 */
	CHECK_ERR(ti_need_parse("recruter\0x", 10, &code, &err), err, TI_BAD_TEXT, "invalid need");

	CHECK(ti_need_check(1, &err) && ti_need_check(8, &err));
	CHECK_ERR(ti_need_check(0, &err), err, TI_BAD_BINARY, "invalid need code 0: expected 1 to 8");
	CHECK_ERR(ti_need_check(9, &err), err, TI_BAD_BINARY, "invalid need code 9");
	CHECK_STR(ti_need_code(7), "transition_ecologique");
	CHECK_STR(ti_need_label(5), "Comp\xC3\xA9tences");
	CHECK_STR(ti_need_label(7), "Transition \xC3\xA9" "cologique");
	CHECK_STR(ti_need_phase(4), "2018-2022");
	CHECK_STR(ti_need_phase(5), "2023-2027");
	for (int16_t c = 1; c <= TI_NEED_COUNT; c++)
	{
		const char *text = ti_need_code(c);

		CHECK(ti_need_parse(text, strlen(text), &code, &err) && code == c);
		text = ti_need_label(c);
		CHECK(ti_need_parse(text, strlen(text), &code, &err) && code == c);
	}
}

/* text parses, and prints as want */
static void
breakdown_reads(const char *text, const char *want)
{
	ti_breakdown b;
	ti_error	err;
	char		buf[TI_BREAKDOWN_TEXT];

	unit_checks++;
	if (!ti_breakdown_parse(text, strlen(text), &b, &err))
	{
		unit_failures++;
		fprintf(stderr, "breakdown \"%s\": %s\n", text, err.message);
		return;
	}
	ti_breakdown_format(&b, buf);
	CHECK_STR(buf, want);
}

static void
breakdown_text(void)
{
	ti_breakdown b;
	ti_error	err;
	char		buf[TI_BREAKDOWN_TEXT];

	breakdown_reads("{}", "{}");
	breakdown_reads(" { \t} ", "{}");
	breakdown_reads("{recruter: 1234.56, innover: 10.00}", "{recruter: 1234.56, innover: 10.00}");
	breakdown_reads("{innover:10,recruter:1234.56}", "{recruter: 1234.56, innover: 10.00}");
	breakdown_reads("{recruter: 1,5, innover: 2}", "{recruter: 1.50, innover: 2.00}");
	breakdown_reads("{Recruter: 1 234 567,89 \xE2\x82\xAC, Foncier: 1,36 Md\xE2\x82\xAC}",
					"{recruter: 1234567.89, foncier: 1360000000.00}");
	breakdown_reads("{\"Transition \xC3\xA9" "cologique\": 12.5, \"Comp\xC3\xA9tences\": -3}",
					"{competences: -3.00, transition_ecologique: 12.50}");
	breakdown_reads("{recruter: 0, attirer: 0.00}", "{}");
	breakdown_reads("{foncier: 92233720368547758.07, recruter: -92233720368547758.08}",
					"{recruter: -92233720368547758.08, foncier: 92233720368547758.07}");

	CHECK_ERR(ti_breakdown_parse(S("recruter: 1"), &b, &err), err, TI_BAD_TEXT,
			  "invalid need breakdown \"recruter: 1\": expected braces around the list");
	CHECK(strstr(err.detail, "{recruter: 1234.56, innover: 10.00}") != NULL);
	CHECK_ERR(ti_breakdown_parse(S(""), &b, &err), err, TI_BAD_TEXT, "expected braces");
	CHECK_ERR(ti_breakdown_parse(S("{"), &b, &err), err, TI_BAD_TEXT, "expected braces");
	CHECK_ERR(ti_breakdown_parse(S("{recruter 1}"), &b, &err), err, TI_BAD_TEXT,
			  "expected \"need: amount\"");
	CHECK_ERR(ti_breakdown_parse(S("{,}"), &b, &err), err, TI_BAD_TEXT, "expected \"need: amount\"");
	CHECK_ERR(ti_breakdown_parse(S("{recrue: 1}"), &b, &err), err, TI_BAD_TEXT,
			  "\"recrue\" is not a need; expected recruter");
	CHECK_ERR(ti_breakdown_parse(S("{: 1}"), &b, &err), err, TI_BAD_TEXT, "\"\" is not a need");
	CHECK_ERR(ti_breakdown_parse(S("{recruter: 1, Recruter: 2}"), &b, &err), err, TI_BAD_TEXT,
			  "recruter appears twice");
	CHECK_ERR(ti_breakdown_parse(S("{recruter: 0, recruter: 2}"), &b, &err), err, TI_BAD_TEXT,
			  "recruter appears twice");
	CHECK_ERR(ti_breakdown_parse(S("{recruter: 1 innover: 2}"), &b, &err), err, TI_BAD_TEXT,
			  "expected \",\" between entries");
	CHECK_ERR(ti_breakdown_parse(S("{recruter: abc}"), &b, &err), err, TI_BAD_TEXT,
			  "invalid need breakdown \"{recruter: abc}\": recruter: invalid amount \"abc\"");
	CHECK(strstr(err.detail, "1 234,56") != NULL);	/* the eur shape */
	CHECK_ERR(ti_breakdown_parse(S("{recruter: }"), &b, &err), err, TI_BAD_TEXT, "no digits");
	CHECK_ERR(ti_breakdown_parse(S("{recruter: 1,}"), &b, &err), err, TI_BAD_TEXT, "invalid amount");
	CHECK_ERR(ti_breakdown_parse(S("{recruter: 0,001}"), &b, &err), err, TI_BAD_TEXT, "finer than a cent");
	CHECK_ERR(ti_breakdown_parse(S("{foncier: 92233720368547758.08}"), &b, &err), err, TI_OUT_OF_RANGE,
			  "foncier: amount \"92233720368547758.08\" is out of range for type eur");
	CHECK_ERR(ti_breakdown_parse(S("{recruter: {1}}"), &b, &err), err, TI_BAD_TEXT, "invalid amount");

	/* the longest text fits */
	for (int i = 0; i < TI_NEED_COUNT; i++)
		b.cents[i] = INT64_MIN;
	CHECK(ti_breakdown_format(&b, buf) < TI_BREAKDOWN_TEXT);
	CHECK(ti_breakdown_parse(buf, strlen(buf), &b, &err) && b.cents[7] == INT64_MIN);
}

static void
breakdown_binary(void)
{
	ti_breakdown b = {{0}},
				back;
	ti_error	err;
	unsigned char bytes[TI_BREAKDOWN_MAX_BYTES];
	size_t		len;

	len = ti_breakdown_encode(&b, bytes);
	CHECK(len == 2 && bytes[0] == 1 && bytes[1] == 0);
	CHECK(ti_breakdown_decode(bytes, len, &back, &err) && ti_breakdown_equal(&b, &back));

	b.cents[0] = -1;
	b.cents[6] = INT64_MAX;
	len = ti_breakdown_encode(&b, bytes);
	CHECK(len == 22 && bytes[1] == 2);
	CHECK(bytes[2] == 0 && bytes[3] == 1 && bytes[4] == 0xFF && bytes[11] == 0xFF);
	CHECK(bytes[12] == 0 && bytes[13] == 7 && bytes[14] == 0x7F && bytes[21] == 0xFF);
	CHECK(ti_breakdown_decode(bytes, len, &back, &err) && ti_breakdown_equal(&b, &back));

	CHECK_ERR(ti_breakdown_decode(bytes, 1, &back, &err), err, TI_BAD_BINARY, "1 bytes, expected at least 2");
	CHECK_ERR(ti_breakdown_decode(bytes, len - 1, &back, &err), err, TI_BAD_BINARY,
			  "21 bytes for a count of 2, expected 22");
	bytes[0] = 2;
	CHECK_ERR(ti_breakdown_decode(bytes, len, &back, &err), err, TI_BAD_BINARY, "format version 2, expected 1");
	bytes[0] = 1;
	bytes[13] = 9;
	CHECK_ERR(ti_breakdown_decode(bytes, len, &back, &err), err, TI_BAD_BINARY, "unknown need code 9");
	bytes[13] = 0;
	CHECK_ERR(ti_breakdown_decode(bytes, len, &back, &err), err, TI_BAD_BINARY, "unknown need code 0");
	bytes[12] = 0x80;
	bytes[13] = 1;
	CHECK_ERR(ti_breakdown_decode(bytes, len, &back, &err), err, TI_BAD_BINARY, "unknown need code 32769");
	bytes[12] = 0;
	CHECK_ERR(ti_breakdown_decode(bytes, len, &back, &err), err, TI_BAD_BINARY, "repeated need code 1");
	/* entries in any order, and explicit zeros, read like text */
	bytes[13] = 8;
	memset(bytes + 14, 0, 8);
	bytes[3] = 3;
	CHECK(ti_breakdown_decode(bytes, len, &back, &err) && back.cents[2] == -1 && back.cents[7] == 0);
	bytes[1] = 9;
	CHECK_ERR(ti_breakdown_decode(bytes, len, &back, &err), err, TI_BAD_BINARY, "for a count of 9");
}

static void
breakdown_arithmetic(void)
{
	ti_breakdown a = {{0}},
				b = {{0}},
				sum;
	ti_error	err;
	int64_t		total;

	a.cents[0] = 150;
	a.cents[7] = INT64_MAX;
	b.cents[0] = -50;
	b.cents[1] = 7;
	CHECK(ti_breakdown_add(&a, &b, &sum, &err));
	CHECK(sum.cents[0] == 100 && sum.cents[1] == 7 && sum.cents[7] == INT64_MAX);
	CHECK(!ti_breakdown_equal(&a, &sum));
	b.cents[7] = 1;
	CHECK_ERR(ti_breakdown_add(&a, &b, &sum, &err), err, TI_OUT_OF_RANGE,
			  "sum for foncier is out of range for type eur");
	CHECK_ERR(ti_breakdown_total(&a, &total, &err), err, TI_OUT_OF_RANGE,
			  "total of the breakdown is out of range");
	a.cents[0] = -INT64_MAX;	/* cancels out: the total fits */
	CHECK(ti_breakdown_total(&a, &total, &err) && total == 0);
	b.cents[7] = INT64_MIN + 43;	/* -50 + 7 more: exactly the smallest total */
	CHECK(ti_breakdown_total(&b, &total, &err) && total == INT64_MIN);
	b.cents[1] = 6;
	CHECK_ERR(ti_breakdown_total(&b, &total, &err), err, TI_OUT_OF_RANGE, "total");
}

static void
accumulator(void)
{
	ti_breakdown_acc acc = {{{0, 0}}, 0},
				other = {{{0, 0}}, 0},
				back;
	ti_breakdown b = {{0}},
				result;
	ti_error	err;
	char		text[TI_BREAKDOWN_ACC_TEXT];
	unsigned char bytes[TI_BREAKDOWN_ACC_BYTES];

	/* intermediate sums beyond int64 are not errors: only the result is checked */
	ti_breakdown_acc_add(&acc, 8, INT64_MAX);
	ti_breakdown_acc_add(&acc, 8, INT64_MAX);
	ti_breakdown_acc_add(&acc, 1, 5);
	CHECK_ERR(ti_breakdown_acc_result(&acc, &result, &err), err, TI_OUT_OF_RANGE,
			  "sum for foncier is out of range for type eur");
	ti_breakdown_acc_add(&other, 8, -INT64_MAX);
	ti_breakdown_acc_add(&other, 8, -INT64_MAX);
	b.cents[0] = -2;
	b.cents[3] = 9;
	ti_breakdown_acc_add_breakdown(&other, &b);
	CHECK(ti_breakdown_acc_combine(&acc, &other, &err));
	CHECK(acc.count == 6);
	/* crafted maximal states: an error, never a wrapped sum (issue 17, W7) */
	{
		ti_breakdown_acc x,
					y;

		memset(&x, 0, sizeof(x));
		x.sum[4].hi = INT64_MAX;
		x.sum[4].lo = UINT64_MAX;
		y = x;
		CHECK(!ti_breakdown_acc_combine(&x, &y, &err) && err.kind == TI_OUT_OF_RANGE);
		CHECK(x.sum[4].hi == INT64_MAX);
		x.sum[4].hi = 0;
		x.count = INT64_MAX;
		y = x;
		y.sum[4].lo = 0;
		CHECK(!ti_breakdown_acc_combine(&x, &y, &err) && err.kind == TI_OUT_OF_RANGE);
	}
	CHECK(ti_breakdown_acc_result(&acc, &result, &err));
	CHECK(result.cents[0] == 3 && result.cents[3] == 9 && result.cents[7] == 0);

	ti_breakdown_acc_add(&acc, 2, INT64_MIN);
	ti_breakdown_acc_add(&acc, 2, INT64_MIN);
	ti_breakdown_acc_format(&acc, text);
	CHECK_STR(text, "(3,-18446744073709551616,0,9,0,0,0,0,8)");
	CHECK(ti_breakdown_acc_parse(text, strlen(text), &back, &err));
	CHECK(memcmp(&back, &acc, sizeof(acc)) == 0);
	CHECK(ti_breakdown_acc_parse(S(" (0,0,0,0,0,0,0,0,0) "), &back, &err) && back.count == 0);
	CHECK_ERR(ti_breakdown_acc_parse(S("(0,0,0,0,0,0,0,0)"), &back, &err), err, TI_BAD_TEXT,
			  "expected (8 sums in cents,count)");
	CHECK_ERR(ti_breakdown_acc_parse(S("(0,0,0,0,0,0,0,0,0,0)"), &back, &err), err, TI_BAD_TEXT, "state");
	CHECK_ERR(ti_breakdown_acc_parse(S("(0,0,0,0,0,0,0,0,-1)"), &back, &err), err, TI_BAD_TEXT, "state");
	CHECK_ERR(ti_breakdown_acc_parse(S("(0,0,0,0,0,0,0,0,)"), &back, &err), err, TI_BAD_TEXT, "state");
	CHECK_ERR(ti_breakdown_acc_parse(S("0,0,0,0,0,0,0,0,0"), &back, &err), err, TI_BAD_TEXT, "state");
	CHECK_ERR(ti_breakdown_acc_parse(S("()"), &back, &err), err, TI_BAD_TEXT, "state");
	CHECK_ERR(ti_breakdown_acc_parse(S(""), &back, &err), err, TI_BAD_TEXT, "state");

	ti_breakdown_acc_encode(&acc, bytes);
	CHECK(ti_breakdown_acc_decode(bytes, sizeof(bytes), &back, &err));
	CHECK(memcmp(&back, &acc, sizeof(acc)) == 0);
	CHECK_ERR(ti_breakdown_acc_decode(bytes, sizeof(bytes) - 1, &back, &err), err, TI_BAD_BINARY,
			  "136 bytes, expected 137");
	CHECK_ERR(ti_breakdown_acc_decode(bytes, 0, &back, &err), err, TI_BAD_BINARY, "0 bytes");
	bytes[TI_BREAKDOWN_ACC_BYTES - 8] = 0x80;
	CHECK_ERR(ti_breakdown_acc_decode(bytes, sizeof(bytes), &back, &err), err, TI_BAD_BINARY,
			  "negative count");
	bytes[0] = 0;
	CHECK_ERR(ti_breakdown_acc_decode(bytes, sizeof(bytes), &back, &err), err, TI_BAD_BINARY, "format version 0, expected 1");
}

void
test_funding(void)
{
	needs();
	breakdown_text();
	breakdown_binary();
	breakdown_arithmetic();
	accumulator();
}
