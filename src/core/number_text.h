/*
 * number_text.h: decimal numbers as the core's text formats write them:
 * digits, an optional fraction and exponent (12, 1.5, .5, 5., 1e-5), no
 * sign (the callers' grammars handle signs), C locale whatever the process
 * locale's decimal separator (PostgreSQL keeps LC_NUMERIC at C).
 */
#ifndef TERRIND_CORE_NUMBER_TEXT_H
#define TERRIND_CORE_NUMBER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Longest number ti_number_value reads. */
#define TI_NUMBER_MAX_TEXT 64
/* Buffer for ti_number_format, terminator included. */
#define TI_NUMBER_TEXT 32

/*
 * Byte length of the number starting at s, 0 if none starts there.
 * *complete is false when an exponent marker has no digits ("1e", "1e+").
 */
size_t		ti_number_length(const char *s, size_t len, bool *complete);

/*
 * The value of s[0..len), a number as measured by ti_number_length and at
 * most TI_NUMBER_MAX_TEXT bytes; false if beyond the range of double
 * (numbers too small to represent read as 0).
 */
bool		ti_number_value(const char *s, size_t len, double *out);

/*
 * The shortest text that reads back as exactly v, exponent without "+" or
 * leading zeros: 0.1, 1e20, 1e-5, 1.2345678901234568e17, -0.  Returns the
 * length.
 */
size_t		ti_number_format(double v, char buf[TI_NUMBER_TEXT]);

#endif
