#include "text_scan.h"

size_t
ti_space_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *) s;

	if (len >= 1 && (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' ||
					 u[0] == '\r' || u[0] == '\v' || u[0] == '\f'))
		return 1;
	if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)	/* U+00A0 */
		return 2;
	if (len >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)	/* U+202F */
		return 3;
	return 0;
}

size_t
ti_char_len(const char *s, size_t len)
{
	size_t		n = 1;

	while (n < len && ((unsigned char) s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

void
ti_trim(const char **s, size_t *len)
{
	size_t		n;

	while (*len > 0 && (n = ti_space_len(*s, *len)) > 0)
	{
		*s += n;
		*len -= n;
	}
	for (;;)
	{
		size_t		back = 0;

		/* look for a space ending exactly at the end */
		for (n = 1; n <= 3 && n <= *len; n++)
			if (ti_space_len(*s + *len - n, n) == n)
			{
				back = n;
				break;
			}
		if (back == 0)
			break;
		*len -= back;
	}
}

bool
ti_text_begin(const char **s, size_t *len, const char *what, ti_error *err)
{
	char		q[TI_QUOTE_BUF];

	if (*len > TI_TEXT_MAX)
		return ti_fail(err, TI_BAD_TEXT, "invalid %s \"%s\": too long (%zu bytes, at most %d)",
					   what, ti_quote(q, sizeof(q), *s, *len, 20), *len, TI_TEXT_MAX);
	ti_trim(s, len);
	return true;
}

size_t
ti_char_count(const char *s, size_t len)
{
	size_t		count = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			count++;
	return count;
}
