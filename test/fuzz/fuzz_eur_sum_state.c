/*
 * Text input of eur_sum_state, "(sum in cents,count)": an accepted state
 * prints back to a text that parses to the same state, its binary form
 * decodes to it, and the final functions either answer or report an error.
 */
#include "fuzz.h"
#include "eur.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ti_eur_sum_state	acc,
				back;
	char		text[64];
	unsigned char bytes[TI_EUR_SUM_STATE_BYTES];
	int64_t		result;
	ti_error	err;

	if (!ti_eur_sum_state_parse((const char *) data, size, &acc, &err))
	{
		fuzz_rejected(&err);
		return 0;
	}
	ti_eur_sum_state_format(&acc, text);
	FUZZ_ASSERT(ti_eur_sum_state_parse(text, strlen(text), &back, &err));
	FUZZ_ASSERT(memcmp(&back, &acc, sizeof(acc)) == 0);
	ti_eur_sum_state_to_bytes(&acc, bytes);
	FUZZ_ASSERT(ti_eur_sum_state_from_bytes(bytes, sizeof(bytes), &back, &err));
	FUZZ_ASSERT(memcmp(&back, &acc, sizeof(acc)) == 0);
	if (!ti_eur_sum_state_sum(&acc, &result, &err))
		fuzz_rejected(&err);
	if (!ti_eur_sum_state_avg(&acc, &result, &err))
		fuzz_rejected(&err);
	return 0;
}
