/*
 * eur text input.  Every accepted amount's French display parses back to
 * it, and its scaled display (1,36 Md€) to it within half the last digit
 * shown, or is out of range (the scaled display of the extremes rounds up).
 */
#include "fuzz.h"
#include "eur.h"

/* cents in a hundredth of the unit ending a scaled display */
static int64_t
last_digit_cents(const char *text)
{
	size_t		len = strlen(text);

	if (len >= 5 && strcmp(text + len - 5, "Md€") == 0)
		return INT64_C(1000000000);
	if (len >= 4 && strcmp(text + len - 4, "M€") == 0)
		return 1000000;
	if (len >= 4 && strcmp(text + len - 4, "k€") == 0)
		return 1000;
	return 1;
}

static void
french_round_trips(int64_t cents)
{
	char		text[TI_EUR_FR_TEXT];
	int64_t		back;
	ti_error	err;

	ti_eur_format_fr(cents, false, text);
	FUZZ_ASSERT(ti_eur_parse(text, strlen(text), &back, &err) && back == cents);

	ti_eur_format_fr(cents, true, text);
	if (ti_eur_parse(text, strlen(text), &back, &err))
	{
		int64_t		unit = last_digit_cents(text);
		/* |back - cents| without overflow: both have the same sign */
		uint64_t	diff = back > cents ? (uint64_t) back - (uint64_t) cents
			: (uint64_t) cents - (uint64_t) back;

		FUZZ_ASSERT(unit == 1 ? diff == 0 : diff <= (uint64_t) unit / 2);
	}
	else
		FUZZ_ASSERT(err.kind == TI_OUT_OF_RANGE);
}

FUZZ_TEXT_PARSER(int64_t, ti_eur_parse, ti_eur_format, TI_EUR_TEXT, french_round_trips)
