/*
 * libFuzzer target: binary input of need_breakdown (ti_breakdown_decode),
 * what need_breakdown_recv reads from COPY BINARY and drivers.  An accepted
 * message re-encodes to a canonical message decoding to the same breakdown
 * and survives the text form; a rejected one is 22P03 and says why.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc/core \
 *       test/fuzz/fuzz_need_breakdown_binary.c src/core/{funding,money,wide_int,text_scan,error}.c
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
				back;
	char		text[TI_BREAKDOWN_TEXT];
	unsigned char bytes[TI_BREAKDOWN_MAX_BYTES];
	size_t		len;
	ti_error	err;

	if (!ti_breakdown_decode(data, size, &b, &err))
	{
		CHECK(err.kind == TI_BAD_BINARY);
		CHECK(err.message[0] != '\0');
		return 0;
	}
	len = ti_breakdown_encode(&b, bytes);
	CHECK(len <= size);			/* canonical: zero amounts dropped */
	CHECK(ti_breakdown_decode(bytes, len, &back, &err));
	CHECK(ti_breakdown_equal(&b, &back));
	ti_breakdown_format(&b, text);
	CHECK(ti_breakdown_parse(text, strlen(text), &back, &err));
	CHECK(ti_breakdown_equal(&b, &back));
	return 0;
}
