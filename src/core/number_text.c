#include "number_text.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t
digits(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

size_t
ti_number_length(const char *s, size_t len, bool *complete)
{
	size_t		n = digits(s, len, 0);

	*complete = true;
	if (n < len && s[n] == '.' && (n > 0 || (len > 1 && s[1] >= '0' && s[1] <= '9')))
		n = digits(s, len, n + 1);
	if (n == 0)
		return 0;
	if (n < len && (s[n] == 'e' || s[n] == 'E'))
	{
		size_t		start = ++n;

		if (n < len && (s[n] == '+' || s[n] == '-'))
			start = ++n;
		n = digits(s, len, n);
		*complete = n > start;
	}
	return n;
}

bool
ti_number_value(const char *s, size_t len, double *out)
{
	char		buf[TI_NUMBER_MAX_TEXT + 1];

	if (len > TI_NUMBER_MAX_TEXT)
		len = TI_NUMBER_MAX_TEXT;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	*out = strtod(buf, NULL);
	/* beyond double either way: 1e309 and 1e-400 are both refused */
	return !isinf(*out) && !(*out == 0 && errno == ERANGE);
}

size_t
ti_number_format(double v, char buf[TI_NUMBER_TEXT])
{
	char	   *e;

	for (int precision = 15; precision <= 17; precision++)
	{
		snprintf(buf, TI_NUMBER_TEXT, "%.*g", precision, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if ((e = strchr(buf, 'e')) != NULL)
	{
		char	   *exponent = e + 1;
		char	   *from;

		if (*exponent == '-')
			exponent++;
		for (from = exponent; *from == '+' || (*from == '0' && from[1] != '\0'); from++)
			;
		memmove(exponent, from, strlen(from) + 1);
	}
	return strlen(buf);
}
