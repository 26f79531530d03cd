/* SIREN text input; every SIREN it accepts passes the binary/cast check. */
#include "fuzz.h"
#include "identifiers.h"

static void
check_accepts(int32_t siren)
{
	ti_error	err;

	FUZZ_ASSERT(ti_siren_check(siren, &err));
}

FUZZ_TEXT_PARSER(int32_t, ti_siren_parse, ti_siren_format, TI_SIREN_LEN + 1, check_accepts)
