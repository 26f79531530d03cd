/*
 * Binary input of eur_sum_state (ti_eur_sum_state_from_bytes): an accepted
 * message re-encodes to the same bytes and survives the text form.
 */
#include "fuzz.h"
#include "eur.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ti_eur_sum_state	acc,
				back;
	unsigned char bytes[TI_EUR_SUM_STATE_BYTES];
	char		text[64];
	ti_error	err;

	if (!ti_eur_sum_state_from_bytes(data, size, &acc, &err))
	{
		fuzz_rejected(&err);
		return 0;
	}
	ti_eur_sum_state_to_bytes(&acc, bytes);
	FUZZ_ASSERT(size == sizeof(bytes) && memcmp(bytes, data, size) == 0);
	ti_eur_sum_state_format(&acc, text);
	FUZZ_ASSERT(ti_eur_sum_state_parse(text, strlen(text), &back, &err));
	FUZZ_ASSERT(memcmp(&back, &acc, sizeof(acc)) == 0);
	return 0;
}
