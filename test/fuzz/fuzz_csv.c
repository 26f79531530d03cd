/*
 * The CSV reader (csv.c) on any bytes: every field lies inside the input,
 * unescaping never writes more than the raw field, records start on
 * non-decreasing lines, and a syntax error is a reportable rejection.
 */
#include "csv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	char	   *value = malloc(size + 1);
	ti_csv		reader;
	ti_csv_field field;
	ti_error	err;
	long		last_line = 0;

	ti_csv_init(&reader, text, size);
	FUZZ_ASSERT(reader.separator == ',' || reader.separator == ';' || reader.separator == '\t');
	while (ti_csv_next_field(&reader, &field, &err))
	{
		FUZZ_ASSERT(field.raw >= text && field.raw + field.raw_len <= text + size);
		FUZZ_ASSERT(ti_csv_unescape(&field, value) <= field.raw_len);
		FUZZ_ASSERT(field.record_line >= last_line && field.record_line >= 1);
		last_line = field.record_line;
	}
	if (err.kind != TI_OK)
		fuzz_rejected(&err);
	free(value);
	return 0;
}
