/*
 * Every text parser refuses input longer than TI_TEXT_MAX at once, and reads
 * up to that length: a valid value padded with spaces to exactly the limit
 * parses, one byte more does not, nor does a 100 MB input (allocated to its
 * exact size, so that the sanitized run catches any read past it).
 */
#include <stdint.h>
#include <stdlib.h>

#include "identifiers.h"
#include "eur.h"
#include "text_scan.h"
#include "unit.h"

#define HUGE_INPUT (100 * 1000 * 1000)

/* value followed by spaces, TI_TEXT_MAX + 1 bytes, not terminated */
static const char *
padded(const char *value)
{
	static char buf[TI_TEXT_MAX + 1];

	memset(buf, ' ', sizeof(buf));
	memcpy(buf, value, strlen(value));
	return buf;
}

#define LIMITS(parse, ctype, value, huge) \
	do { \
		ctype		out; \
		ti_error	err; \
		CHECK(parse(padded(value), TI_TEXT_MAX, &out, &err)); \
		CHECK_ERR(parse(padded(value), TI_TEXT_MAX + 1, &out, &err), \
				  err, TI_BAD_TEXT, "too long (1025 bytes, at most 1024)"); \
		CHECK_ERR(parse(huge, HUGE_INPUT, &out, &err), \
				  err, TI_BAD_TEXT, "too long (100000000 bytes, at most 1024)"); \
	} while (0)

void
test_limits(void)
{
	char	   *huge = malloc(HUGE_INPUT);

	memset(huge, '9', HUGE_INPUT);
	LIMITS(ti_siren_parse, int32_t, "732 829 320", huge);
	LIMITS(ti_siret_parse, int64_t, "732 829 320 00074", huge);
	LIMITS(ti_commune_parse, int32_t, "2A004", huge);
	LIMITS(ti_code_parse, int16_t, "ti-8413", huge);
	LIMITS(ti_eur_parse, int64_t, "1 234,56 €", huge);
	LIMITS(ti_eur_sum_state_parse, ti_eur_sum_state, "(123456,3)", huge);
	free(huge);
}
