/*
 * fuzz.h: what every libFuzzer target of the plain-C core shares.
 *
 * A target is test/fuzz/fuzz_<name>.c defining LLVMFuzzerTestOneInput; the
 * Makefile links it with all of src/core, so it can call any core function.
 * Properties are checked with FUZZ_ASSERT, which aborts: libFuzzer then
 * saves the input as a crash, like a sanitizer error.
 */
#ifndef TERRIND_FUZZ_H
#define TERRIND_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

#define FUZZ_ASSERT(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/*
 * A rejection the SQL layer can report: a real error kind (so never XX000)
 * and a non-empty, terminated message.
 */
static inline void
fuzz_rejected(const ti_error *err)
{
	FUZZ_ASSERT(err->kind > TI_OK && err->kind <= TI_LIMIT_EXCEEDED);
	FUZZ_ASSERT(err->message[0] != '\0');
	FUZZ_ASSERT(memchr(err->message, '\0', sizeof(err->message)) != NULL);
	FUZZ_ASSERT(memchr(err->detail, '\0', sizeof(err->detail)) != NULL);
	FUZZ_ASSERT(memchr(err->hint, '\0', sizeof(err->hint)) != NULL);
}

/* The first 8 bytes of the input as an integer (missing bytes are zero). */
static inline int64_t
fuzz_int64(const uint8_t *data, size_t size)
{
	uint64_t	v = 0;

	for (size_t i = 0; i < 8 && i < size; i++)
		v |= (uint64_t) data[i] << (8 * i);
	return (int64_t) v;
}

/*
 * The whole target for a text parser with a canonical output: any input is
 * either rejected with a well-formed error, or parses to a value whose
 * canonical text parses back to the same value, and then also(value) holds.
 */
#define FUZZ_TEXT_PARSER(ctype, parse, format, bufsize, also) \
int \
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) \
{ \
	ctype		value, \
				back; \
	char		text[bufsize]; \
	ti_error	err; \
\
	if (!parse((const char *) data, size, &value, &err)) \
	{ \
		fuzz_rejected(&err); \
		return 0; \
	} \
	format(value, text); \
	FUZZ_ASSERT(parse(text, strlen(text), &back, &err)); \
	FUZZ_ASSERT(back == value); \
	also(value); \
	return 0; \
}

#endif
