/*
 * The *_check functions behind binary input and integer casts, fed any
 * integer: each must accept exactly the values whose canonical text the text
 * parser accepts, so that no route into a column is looser than another;
 * and SIREN and SIRET checks agree with the rule written again below from
 * DOMAIN.md (parser and check share their code, so they can be wrong alike).
 */
#include <stdbool.h>

#include "fuzz.h"
#include "identifiers.h"

#define CHECK_AGREES_WITH_PARSE(ctype, check, parse, format, v, max) \
	do { \
		ti_error	err; \
		bool		accepted = check((v), &err); \
		ctype		parsed; \
		char		text[32]; \
\
		if (!accepted) \
			fuzz_rejected(&err); \
		if ((v) < 0 || (v) > (max)) \
		{ \
			FUZZ_ASSERT(!accepted); \
			break; \
		} \
		format((ctype) (v), text); \
		FUZZ_ASSERT(parse(text, strlen(text), &parsed, &err) == accepted); \
		FUZZ_ASSERT(!accepted || parsed == (v)); \
	} while (0)

/* Luhn over the digits, or for La Poste's SIRETs a digit sum multiple of 5 */
static bool
reference_valid(const char *digits)
{
	size_t		n = strlen(digits);
	int			luhn = 0,
				sum = 0;

	for (size_t i = 0; i < n; i++)
	{
		int			d = digits[i] - '0';
		int			weighted = (n - i) % 2 == 0 ? 2 * d : d;

		sum += d;
		luhn += weighted > 9 ? weighted - 9 : weighted;
	}
	if (n == 14 && strncmp(digits, "356000000", 9) == 0 && strcmp(digits, "35600000000048") != 0)
		return sum % 5 == 0;
	return luhn % 10 == 0;
}

/* the check of v agrees with the reference rule over its n digits */
static void
agrees_with_reference(bool (*check) (int64_t, ti_error *), int64_t v, int n)
{
	char		digits[16];
	ti_error	err;

	if (v < 0 || v >= (n == 9 ? INT64_C(1000000000) : INT64_C(100000000000000)))
		return;
	snprintf(digits, sizeof(digits), "%0*lld", n, (long long) v);
	FUZZ_ASSERT(check(v, &err) == reference_valid(digits));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t		v = fuzz_int64(data, size);
	int16_t		v16 = (int16_t) v;	/* ti_code travels as an int2 */

	CHECK_AGREES_WITH_PARSE(int32_t, ti_siren_check, ti_siren_parse, ti_siren_format,
							v, 999999999);
	CHECK_AGREES_WITH_PARSE(int64_t, ti_siret_check, ti_siret_parse, ti_siret_format,
							v, INT64_C(99999999999999));
	CHECK_AGREES_WITH_PARSE(int16_t, ti_code_check, ti_code_parse, ti_code_format,
							v16, 9999);
	agrees_with_reference(ti_siren_check, v, 9);
	agrees_with_reference(ti_siret_check, v, 14);
	return 0;
}
