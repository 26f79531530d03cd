/* Territory id text input; an accepted id passes the binary check. */
#include "fuzz.h"
#include "identifiers.h"

static void
check_accepts(int16_t territory)
{
	ti_error	err;
	char		region[3];

	FUZZ_ASSERT(ti_code_check(territory, &err));
	ti_code_region(territory, region);
	FUZZ_ASSERT(ti_is_region_code(atoi(region)));
}

FUZZ_TEXT_PARSER(int16_t, ti_code_parse, ti_code_format, TI_CODE_LEN + 1, check_accepts)
