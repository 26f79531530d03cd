/*
 * libFuzzer target: the eligibility rule decoder (what binary input
 * receives).  What it accepts must be exactly what the encoder writes for
 * that rule, and print to a text that parses back to it.
 */
#include "rule_fuzz.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		ws_size,
				len;
	void	   *ws;
	ti_rule		rule;
	ti_error	err;
	uint8_t    *again;

	if (!ti_rule_deserialize_workspace(data, size, &ws_size, &err))
		return 0;
	ws = malloc(ws_size);
	if (ti_rule_deserialize(data, size, ws, ws_size, &rule, &err))
	{
		again = fuzz_serialize(&rule, &len);
		if (len != size || memcmp(again, data, size) != 0)
			abort();			/* accepted bytes the encoder would not write */
		free(again);
		fuzz_check_round_trip(&rule);
	}
	free(ws);
	return 0;
}
