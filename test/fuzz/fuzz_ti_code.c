/* Territory id text input; an accepted id passes the binary check. */
#include "fuzz.h"
#include "identifiers.h"

static void
check_accepts(int16_t territory)
{
	ti_error	err;
	char		region[3];

	FUZZ_ASSERT(ti_territory_check(territory, &err));
	ti_territory_region(territory, region);
	FUZZ_ASSERT(ti_is_region_code(atoi(region)));
}

FUZZ_TEXT_PARSER(int16_t, ti_territory_parse, ti_territory_format, TI_TERRITORY_LEN + 1, check_accepts)
