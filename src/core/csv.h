/*
 * csv.h: a reader for the CSV files ANCT and the Caisse des Dépôts publish.
 *
 * Real files come with or without a UTF-8 byte order mark, with CRLF or LF
 * line ends, comma or semicolon (or tab) separators, and quoted fields that
 * hold separators, doubled quotes and line breaks.  The reader walks the
 * text in place: a field points into the input, and quoted fields are
 * unescaped by the caller into a buffer at least as long as the raw field.
 */
#ifndef TERRIND_CORE_CSV_H
#define TERRIND_CORE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct ti_csv
{
	const char *data;
	size_t		len;
	size_t		pos;
	char		separator;		/* detected from the first record */
	long		line;			/* physical line of pos, from 1 */
	long		record_line;	/* physical line where the current record starts */
	bool		at_record_start;
} ti_csv;

typedef struct ti_csv_field
{
	const char *raw;			/* inside the quotes if quoted */
	size_t		raw_len;
	bool		quoted;
	bool		ends_record;
	long		record_line;	/* physical line where the record starts */
} ti_csv_field;

/* Skip a byte order mark and detect the separator from the first line. */
void		ti_csv_init(ti_csv *r, const char *data, size_t len);

/*
 * Read the next field.  Returns false at the end of the input (no field) or
 * on a syntax error (err->kind != TI_OK).  Blank lines are skipped.
 */
bool		ti_csv_next_field(ti_csv *r, ti_csv_field *f, ti_error *err);

/* Copy the field's value into out (room for raw_len bytes), undoubling quotes. */
size_t		ti_csv_unescape(const ti_csv_field *f, char *out);

#endif
