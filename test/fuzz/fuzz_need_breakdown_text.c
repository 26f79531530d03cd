/*
 * libFuzzer target: text input of need_breakdown (ti_breakdown_parse).
 * An accepted text prints back to a text that parses to the same
 * breakdown, and survives the binary form; a rejected one says why, as
 * 22P02 or, for an amount beyond the eur range, 22003.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc/core \
 *       test/fuzz/fuzz_need_breakdown_text.c src/core/{funding,money,wide_int,text_scan,error}.c
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "need.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ti_breakdown b,
				back,
				sum;
	char		text[TI_BREAKDOWN_TEXT];
	unsigned char bytes[TI_BREAKDOWN_MAX_BYTES];
	int64_t		total;
	ti_error	err;

	if (!ti_breakdown_parse((const char *) data, size, &b, &err))
	{
		CHECK(err.kind == TI_BAD_TEXT || err.kind == TI_OUT_OF_RANGE);
		CHECK(err.message[0] != '\0');
		return 0;
	}
	CHECK(ti_breakdown_format(&b, text) < sizeof(text));
	CHECK(ti_breakdown_parse(text, strlen(text), &back, &err));
	CHECK(ti_breakdown_equal(&b, &back));
	CHECK(ti_breakdown_decode(bytes, ti_breakdown_encode(&b, bytes), &back, &err));
	CHECK(ti_breakdown_equal(&b, &back));
	if (!ti_breakdown_total(&b, &total, &err))
		CHECK(err.kind == TI_OUT_OF_RANGE);
	if (!ti_breakdown_add(&b, &b, &sum, &err))
		CHECK(err.kind == TI_OUT_OF_RANGE);
	return 0;
}
