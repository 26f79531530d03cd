/*
 * text_scan.h: small helpers shared by the core's text parsers.
 *
 * Users paste values from spreadsheets and PDF reports, which use the
 * no-break space (U+00A0) and the narrow no-break space (U+202F) as thousands
 * separators and around currency signs: both count as spaces here.
 */
#ifndef TERRIND_CORE_TEXT_SCAN_H
#define TERRIND_CORE_TEXT_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/*
 * The longest text a scalar parser reads, surrounding spaces included: far
 * above any valid value (an amount in French spacing is under 50 bytes), and
 * small enough that a huge input (up to 1 GB in a text datum) is refused at
 * once instead of being scanned for seconds by a loop that cannot be
 * cancelled.  Core code that must loop over unbounded input (a CSV file, a
 * rule set) works in rows or chunks, or takes a callback, so that the SQL
 * layer can call CHECK_FOR_INTERRUPTS between them.
 */
#define TI_TEXT_MAX 1024

/* Byte length of the space character at s[0..len), 0 if none. */
size_t		ti_space_len(const char *s, size_t len);

/* Byte length of the UTF-8 character starting at s (at least 1, at most len). */
size_t		ti_char_len(const char *s, size_t len);

/* Narrow [*s, *s + *len) to exclude leading and trailing spaces. */
void		ti_trim(const char **s, size_t *len);

/*
 * How every scalar parser starts: refuse text longer than TI_TEXT_MAX
 * (22P02 naming `what`), then trim spaces.
 */
bool		ti_text_begin(const char **s, size_t *len, const char *what, ti_error *err);

/* Number of characters (not bytes) in s[0..len). */
size_t		ti_char_count(const char *s, size_t len);

#endif
