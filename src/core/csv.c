#include "csv.h"

#include <string.h>

static bool
at_line_end(const ti_csv *r, size_t at)
{
	return at < r->len && (r->data[at] == '\n' || r->data[at] == '\r');
}

/* Step over one line end (LF, CRLF or a lone CR) at pos. */
static void
skip_line_end(ti_csv *r)
{
	if (r->data[r->pos] == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n')
		r->pos++;
	r->pos++;
	r->line++;
}

/* The separator is the most frequent of ';', ',' and tab outside quotes on the first line. */
static char
detect_separator(const char *s, size_t len)
{
	size_t		counts[3] = {0, 0, 0};
	const char	candidates[3] = {';', ',', '\t'};
	bool		quoted = false;
	int			best = 1;		/* comma when there is nothing to go by */

	for (size_t i = 0; i < len; i++)
	{
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!quoted)
			for (int c = 0; c < 3; c++)
				counts[c] += s[i] == candidates[c];
	}
	for (int c = 0; c < 3; c++)
		if (counts[c] > counts[best])
			best = c;
	return candidates[best];
}

void
ti_csv_init(ti_csv *r, const char *data, size_t len)
{
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
	{
		data += 3;
		len -= 3;
	}
	r->data = data;
	r->len = len;
	r->pos = 0;
	r->line = 1;
	r->record_line = 1;
	r->at_record_start = true;
	r->separator = detect_separator(data, len);
}

/* At a record start, skip lines holding nothing but spaces. */
static void
skip_blank_lines(ti_csv *r)
{
	for (;;)
	{
		size_t		p = r->pos;

		while (p < r->len && (r->data[p] == ' ' || r->data[p] == '\t'))
			p++;
		if (p < r->len && !at_line_end(r, p))
			return;
		if (p >= r->len)
		{
			r->pos = p;
			return;
		}
		r->pos = p;
		skip_line_end(r);
	}
}

/* After a field: a separator, a line end or the end of input. */
static bool
finish_field(ti_csv *r, ti_csv_field *f, ti_error *err)
{
	if (r->pos >= r->len)
		f->ends_record = true;
	else if (r->data[r->pos] == r->separator)
	{
		r->pos++;
		f->ends_record = false;
	}
	else if (at_line_end(r, r->pos))
	{
		skip_line_end(r);
		f->ends_record = true;
	}
	else
	{
		char		what[TI_QUOTE_BUF];
		size_t		n = 1;

		/* the whole (UTF-8) character, not its first byte */
		while (r->pos + n < r->len && ((unsigned char) r->data[r->pos + n] & 0xC0) == 0x80)
			n++;
		return ti_fail(err, TI_BAD_TEXT, "invalid CSV at line %ld: unexpected \"%s\" after a quoted field",
					   r->line, ti_quote(what, sizeof(what), r->data + r->pos, n, 1));
	}
	r->at_record_start = f->ends_record;
	return true;
}

/* Spaces and tabs that pad a field, unless the tab is the separator. */
static bool
is_padding(const ti_csv *r, size_t at)
{
	return at < r->len && (r->data[at] == ' ' || (r->data[at] == '\t' && r->separator != '\t'));
}

static bool
read_quoted(ti_csv *r, ti_csv_field *f, ti_error *err)
{
	long		start_line = r->line;

	r->pos++;					/* opening quote */
	f->raw = r->data + r->pos;
	for (;;)
	{
		if (r->pos >= r->len)
			return ti_fail(err, TI_BAD_TEXT, "invalid CSV at line %ld: quoted field never closed", start_line);
		if (r->data[r->pos] == '"')
		{
			if (r->pos + 1 < r->len && r->data[r->pos + 1] == '"')
			{
				r->pos += 2;
				continue;
			}
			break;
		}
		if (r->data[r->pos] == '\n' || (r->data[r->pos] == '\r' &&
										 !(r->pos + 1 < r->len && r->data[r->pos + 1] == '\n')))
			r->line++;
		r->pos++;
	}
	f->raw_len = (size_t) (r->data + r->pos - f->raw);
	f->quoted = true;
	r->pos++;					/* closing quote */
	while (is_padding(r, r->pos))
		r->pos++;
	return finish_field(r, f, err);
}

bool
ti_csv_next_field(ti_csv *r, ti_csv_field *f, ti_error *err)
{
	size_t		p;

	err->kind = TI_OK;
	if (r->at_record_start)
	{
		skip_blank_lines(r);
		if (r->pos >= r->len)
			return false;
		r->record_line = r->line;
	}
	f->record_line = r->record_line;
	f->quoted = false;
	/* spaces before an opening quote are not part of the field */
	for (p = r->pos; is_padding(r, p); p++)
		;
	if (p < r->len && r->data[p] == '"')
	{
		r->pos = p;
		return read_quoted(r, f, err);
	}
	f->raw = r->data + r->pos;
	while (r->pos < r->len && r->data[r->pos] != r->separator && !at_line_end(r, r->pos))
		r->pos++;
	f->raw_len = (size_t) (r->data + r->pos - f->raw);
	return finish_field(r, f, err);
}

size_t
ti_csv_unescape(const ti_csv_field *f, char *out)
{
	size_t		n = 0;

	for (size_t i = 0; i < f->raw_len; i++)
	{
		out[n++] = f->raw[i];
		if (f->quoted && f->raw[i] == '"')
			i++;				/* the second quote of a doubled pair */
	}
	return n;
}
