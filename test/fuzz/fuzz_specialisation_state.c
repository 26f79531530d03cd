/*
 * The state of krugman() and gini_specialisation() (specialisation.c) in
 * text and in binary: what either accepts formats back to an equivalent
 * state, and the indicators computed from it stay in [0, 1] or are NULL.
 */
#include "fuzz.h"
#include "specialisation.h"

static void
check_indicators(const ti_sector *s, size_t n)
{
	ti_sector  *scratch = malloc((n + 1) * sizeof(ti_sector));
	double		v;

	if (ti_krugman(s, n, &v))
		FUZZ_ASSERT(v >= 0.0 && v <= 1.0 + 1e-9);
	if (ti_gini_specialisation(s, n, scratch, &v))
		FUZZ_ASSERT(v >= -1e-9 && v <= 1.0 + 1e-9);
	free(scratch);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		max = ti_sectors_max_in_text(size) + 1,
				n = 0,
				m = 0;
	ti_sector  *sectors = malloc(max * sizeof(ti_sector)),
			   *back = malloc(max * sizeof(ti_sector));
	ti_error	err;

	/* the bytes as text */
	if (ti_sectors_parse((const char *) data, size, sectors, &n, &err))
	{
		size_t		len = ti_sectors_format(sectors, n, NULL, 0);
		char	   *text = malloc(len + 1);

		ti_sectors_format(sectors, n, text, len + 1);
		FUZZ_ASSERT(ti_sectors_parse(text, len, back, &m, &err) && m == n);
		FUZZ_ASSERT(memcmp(back, sectors, n * sizeof(ti_sector)) == 0);
		check_indicators(sectors, n);
		free(text);
	}
	else
		fuzz_rejected(&err);

	/* the bytes as a binary message */
	if (ti_sectors_bytes_count(data, size, &n, &err))
	{
		ti_sector  *bin = malloc((n + 1) * sizeof(ti_sector));
		uint8_t    *again = malloc(TI_SECTORS_HEADER + n * TI_SECTOR_BYTES);

		if (ti_sectors_from_bytes(data, size, bin, &err))
		{
			ti_sectors_to_bytes(bin, n, again);
			FUZZ_ASSERT(size == TI_SECTORS_HEADER + n * TI_SECTOR_BYTES && memcmp(again, data, size) == 0);
			check_indicators(bin, n);
		}
		else
			fuzz_rejected(&err);
		free(bin);
		free(again);
	}
	else
		fuzz_rejected(&err);
	free(sectors);
	free(back);
	return 0;
}
