/* libFuzzer target: the eligibility rule parser, and the round trip of what it accepts. */
#include "rule_fuzz.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		ws_size = ti_rule_parse_workspace(size);
	void	   *ws;
	ti_rule		rule;
	ti_error	err;

	if (size > TI_RULE_MAX_TEXT)
		return 0;
	ws = malloc(ws_size);
	if (ti_rule_parse((const char *) data, size, ws, ws_size, &rule, &err))
		fuzz_check_round_trip(&rule);
	free(ws);
	return 0;
}
