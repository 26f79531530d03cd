/* SIRET text input; every SIRET it accepts passes the binary check. */
#include "fuzz.h"
#include "identifiers.h"

static void
check_accepts(int64_t siret)
{
	ti_error	err;
	char		nic[TI_NIC_LEN + 1];

	FUZZ_ASSERT(ti_siret_check(siret, &err));
	ti_siret_nic(siret, nic);
	FUZZ_ASSERT(strlen(nic) == TI_NIC_LEN);
}

FUZZ_TEXT_PARSER(int64_t, ti_siret_parse, ti_siret_format, TI_SIRET_LEN + 1, check_accepts)
