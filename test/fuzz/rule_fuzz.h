/*
 * rule_fuzz.h: what both eligibility rule fuzz targets check on a rule
 * they obtained: its canonical text parses back to a rule with the same
 * serialized form.  A violation aborts, which libFuzzer reports.
 */
#ifndef TERRIND_RULE_FUZZ_H
#define TERRIND_RULE_FUZZ_H

#include <stdlib.h>
#include <string.h>

#include "rule.h"

/* Serialize r into a malloc'd buffer. */
static uint8_t *
fuzz_serialize(const ti_rule *r, size_t *len)
{
	uint8_t    *bytes;

	*len = ti_rule_serialized_size(r);
	bytes = malloc(*len);
	ti_rule_serialize(r, bytes);
	return bytes;
}

static void
fuzz_check_round_trip(const ti_rule *r)
{
	size_t		text_len = ti_rule_print(r, ti_rule_root(r), NULL, 0);
	char	   *text = malloc(text_len + 1);
	size_t		ws_size = ti_rule_parse_workspace(text_len);
	void	   *ws = malloc(ws_size);
	ti_rule		again;
	ti_error	err;
	size_t		n1,
				n2;
	uint8_t    *b1,
			   *b2;

	ti_rule_print(r, ti_rule_root(r), text, text_len + 1);
	if (!ti_rule_parse(text, text_len, ws, ws_size, &again, &err))
		abort();				/* canonical text that does not parse */
	b1 = fuzz_serialize(r, &n1);
	b2 = fuzz_serialize(&again, &n2);
	if (n1 != n2 || memcmp(b1, b2, n1) != 0)
		abort();				/* canonical text that parses to another rule */
	free(b1);
	free(b2);
	free(ws);
	free(text);
}

#endif
