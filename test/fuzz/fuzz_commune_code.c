/*
 * Commune code text input (also its binary input, 5 ASCII characters); an
 * accepted code has a département, and a region unless it is a COM.
 */
#include "fuzz.h"
#include "identifiers.h"

static void
parts_known(int32_t code)
{
	char		text[TI_COMMUNE_LEN + 1];
	char		dep[4];
	const char *region = ti_commune_region(code);

	ti_commune_format(code, text);
	ti_commune_departement(code, dep);
	FUZZ_ASSERT(strncmp(text, dep, strlen(dep)) == 0);
	FUZZ_ASSERT(region == NULL ? strlen(dep) == 3 : ti_is_region_code(atoi(region)));
}

FUZZ_TEXT_PARSER(int32_t, ti_commune_parse, ti_commune_format, TI_COMMUNE_LEN + 1, parts_known)
