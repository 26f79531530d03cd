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

/* Byte length of the space character at s[0..len), 0 if none. */
size_t		ti_space_len(const char *s, size_t len);

/* Byte length of the UTF-8 character starting at s (at least 1, at most len). */
size_t		ti_char_len(const char *s, size_t len);

/* Narrow [*s, *s + *len) to exclude leading and trailing spaces. */
void		ti_trim(const char **s, size_t *len);

/* Number of characters (not bytes) in s[0..len). */
size_t		ti_char_count(const char *s, size_t len);

#endif
