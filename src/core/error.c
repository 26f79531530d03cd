#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool		(*ti_interrupt_pending) (void) = NULL;

bool
ti_fail(ti_error *err, ti_error_kind kind, const char *fmt,...)
{
	va_list		ap;

	err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	err->detail[0] = '\0';
	err->hint[0] = '\0';
	return false;
}

void
ti_detail(ti_error *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
}

void
ti_hint(ti_error *err, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

const char *
ti_quote(char *buf, size_t bufsize, const char *s, size_t len, size_t max_chars)
{
	size_t		i = 0,
				chars = 0;

	/* leave room for "..." and the terminator */
	while (i < len && chars < max_chars && s[i] != '\0')
	{
		size_t		next = i + 1;

		while (next < len && ((unsigned char) s[next] & 0xC0) == 0x80)
			next++;
		if (next + 4 > bufsize)
			break;
		i = next;
		chars++;
	}
	memcpy(buf, s, i);
	if (i < len && s[i] != '\0')
	{
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}
