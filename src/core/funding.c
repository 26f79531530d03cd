#include "funding.h"

#include <stdio.h>
#include <string.h>

#include "byte_order.h"
#include "money.h"
#include "text_scan.h"

static const struct
{
	const char *code;
	const char *label;
	const char *phase;
}			needs[TI_NEED_COUNT] = {
	{"recruter", "Recruter", "2018-2022"},
	{"innover", "Innover", "2018-2022"},
	{"attirer", "Attirer", "2018-2022"},
	{"simplifier", "Simplifier", "2018-2022"},
	{"competences", "Comp\xC3\xA9tences", "2023-2027"},
	{"innovation", "Innovation", "2023-2027"},
	{"transition_ecologique", "Transition \xC3\xA9" "cologique", "2023-2027"},
	{"foncier", "Foncier", "2023-2027"},
};

#define NEED_CODES "recruter, innover, attirer, simplifier, competences, innovation, transition_ecologique or foncier"
#define NEED_DETAIL "Phase 2018-2022: recruter, innover, attirer, simplifier; phase 2023-2027: " \
	"competences, innovation, transition_ecologique, foncier.  Case, accents and separators " \
	"do not matter: \"Transition \xC3\xA9" "cologique\" reads as transition_ecologique."

const char *
ti_need_code(int16_t code)
{
	return needs[code - 1].code;
}

const char *
ti_need_label(int16_t code)
{
	return needs[code - 1].label;
}

const char *
ti_need_phase(int16_t code)
{
	return needs[code - 1].phase;
}

/*
 * Base letter of the Latin-1 letters U+00C0..U+00FF, encoded in UTF-8 as
 * 0xC3 followed by 0x80..0xBF; '.' where there is none.
 */
static const char latin1_base[] =
	"aaaaaa.ceeeeiiii" ".nooooo.ouuuuy.." "aaaaaa.ceeeeiiii" ".nooooo.ouuuuy.y";

/*
 * The code of a need written as a spreadsheet might (" Transition
 * écologique", "COMPÉTENCES", "transition-ecologique"), 0 if none: ASCII
 * letters are lowered, accented letters lose their accent, and each run of
 * spaces, hyphens and underscores becomes one underscore.
 */
static int16_t
need_lookup(const char *s, size_t len)
{
	char		key[TI_NEED_TEXT];
	size_t		n = 0,
				i = 0;

	ti_trim(&s, &len);
	while (i < len)
	{
		unsigned char c = (unsigned char) s[i];
		size_t		sp = ti_space_len(s + i, len - i);
		char		letter;

		if (sp > 0 || c == '-' || c == '_')
		{
			i += sp > 0 ? sp : 1;
			if (n > 0 && key[n - 1] == '_')
				continue;
			letter = '_';
		}
		else if (c == 0xC3 && i + 1 < len && ((unsigned char) s[i + 1] & 0xC0) == 0x80)
		{
			letter = latin1_base[(unsigned char) s[i + 1] - 0x80];
			i += 2;
		}
		else
		{
			letter = (char) (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
			if (letter < 'a' || letter > 'z')
				return 0;
			i++;
		}
		if (letter == '.' || n == sizeof(key) - 1)
			return 0;
		key[n++] = letter;
	}
	key[n] = '\0';
	for (int16_t code = 1; code <= TI_NEED_COUNT; code++)
		if (strcmp(key, needs[code - 1].code) == 0)
			return code;
	return 0;
}

bool
ti_need_parse(const char *s, size_t len, int16_t *code, ti_error *err)
{
	char		q[TI_QUOTE_BUF];

	ti_trim(&s, &len);
	*code = need_lookup(s, len);
	if (*code != 0)
		return true;
	ti_fail(err, TI_BAD_TEXT, "invalid need \"%s\": expected " NEED_CODES,
			ti_quote(q, sizeof(q), s, len, 30));
	ti_detail(err, NEED_DETAIL);
	return false;
}

bool
ti_need_check(int32_t code, ti_error *err)
{
	if (ti_need_valid(code))
		return true;
	return ti_fail(err, TI_BAD_BINARY, "invalid need code %d: expected 1 to %d",
				   (int) code, TI_NEED_COUNT);
}

/* ------------------------------------------------------------- breakdowns */

#define BREAKDOWN_DETAIL "Expected {need: amount, ...} such as {recruter: 1234.56, innover: 10.00}, or {} for none."

/* Report a malformed breakdown s[0..len): what is wrong, and the expected shape. */
static bool
breakdown_fail(ti_error *err, const char *s, size_t len, const char *why)
{
	char		q[TI_QUOTE_BUF];

	ti_fail(err, TI_BAD_TEXT, "invalid need breakdown \"%s\": %s",
			ti_quote(q, sizeof(q), s, len, 60), why);
	ti_detail(err, BREAKDOWN_DETAIL);
	return false;
}

/* The need of a key, which may be quoted as in JSON ("Recruter"). */
static int16_t
key_need(const char *key, size_t len)
{
	ti_trim(&key, &len);
	if (len >= 2 && key[0] == '"' && key[len - 1] == '"')
	{
		key++;
		len -= 2;
	}
	return need_lookup(key, len);
}

/*
 * Where the amount starting at p ends: amounts may contain commas
 * (1 234,56 €) but never colons, and needs never contain commas, so at the
 * last comma before the next colon, or at the end.  NULL when no comma
 * separates it from the next entry.
 */
static const char *
amount_end(const char *p, const char *end)
{
	const char *next = memchr(p, ':', (size_t) (end - p));
	const char *stop = next;

	if (next == NULL)
		return end;
	while (stop > p && *stop != ',')
		stop--;
	return *stop == ',' ? stop : NULL;
}

/* The amount a[0..alen) of need `code`, in breakdown s[0..len). */
static bool
parse_amount(const char *s, size_t len, int16_t code, const char *a, size_t alen,
			 int64_t *cents, ti_error *err)
{
	char		q[TI_QUOTE_BUF];
	ti_error	sub;

	if (ti_eur_parse(a, alen, cents, &sub))
		return true;
	/* keep the amount's own kind: 22003 for an amount out of range */
	ti_fail(err, sub.kind, "invalid need breakdown \"%s\": %s: %s",
			ti_quote(q, sizeof(q), s, len, 60), needs[code - 1].code, sub.message);
	ti_detail(err, "%s", sub.detail);
	return false;
}

bool
ti_breakdown_parse(const char *s, size_t len, ti_breakdown *out, ti_error *err)
{
	const char *p,
			   *end,
			   *inner;
	size_t		inner_len;
	bool		given[TI_NEED_COUNT] = {false};
	char		why[TI_QUOTE_BUF + 128],
				q[TI_QUOTE_BUF];

	memset(out, 0, sizeof(*out));
	ti_trim(&s, &len);
	if (len < 2 || s[0] != '{' || s[len - 1] != '}')
		return breakdown_fail(err, s, len, "expected braces around the list");
	inner = p = s + 1;
	end = s + len - 1;
	inner_len = (size_t) (end - p);
	ti_trim(&inner, &inner_len);
	while (inner_len > 0 && p < end)
	{
		const char *colon = memchr(p, ':', (size_t) (end - p));
		const char *stop;
		int16_t		code;

		if (colon == NULL)
			return breakdown_fail(err, s, len, "expected \"need: amount\"");
		code = key_need(p, (size_t) (colon - p));
		if (code == 0)
		{
			snprintf(why, sizeof(why), "\"%s\" is not a need; expected " NEED_CODES,
					 ti_quote(q, sizeof(q), p, (size_t) (colon - p), 30));
			return breakdown_fail(err, s, len, why);
		}
		if (given[code - 1])
		{
			snprintf(why, sizeof(why), "%s appears twice", needs[code - 1].code);
			return breakdown_fail(err, s, len, why);
		}
		stop = amount_end(colon + 1, end);
		if (stop == NULL)
			return breakdown_fail(err, s, len, "expected \",\" between entries");
		if (!parse_amount(s, len, code, colon + 1, (size_t) (stop - colon - 1),
						  &out->cents[code - 1], err))
			return false;
		given[code - 1] = true;
		p = stop < end ? stop + 1 : end;
	}
	return true;
}

size_t
ti_breakdown_format(const ti_breakdown *b, char buf[TI_BREAKDOWN_TEXT])
{
	size_t		len = 0;

	buf[len++] = '{';
	for (int i = 0; i < TI_NEED_COUNT; i++)
	{
		if (b->cents[i] == 0)
			continue;
		len += (size_t) sprintf(buf + len, "%s%s: ", len > 1 ? ", " : "", needs[i].code);
		len += ti_eur_format(b->cents[i], buf + len);
	}
	buf[len++] = '}';
	buf[len] = '\0';
	return len;
}

#define BREAKDOWN_VERSION 1
#define ENTRY_BYTES 10			/* int16 need, int64 cents */

size_t
ti_breakdown_encode(const ti_breakdown *b, unsigned char out[TI_BREAKDOWN_MAX_BYTES])
{
	size_t		len = 2;

	out[0] = BREAKDOWN_VERSION;
	out[1] = 0;
	for (int i = 0; i < TI_NEED_COUNT; i++)
	{
		if (b->cents[i] == 0)
			continue;
		ti_put_be(out + len, (uint64_t) (i + 1), 2);
		ti_put_be(out + len + 2, (uint64_t) b->cents[i], 8);
		len += ENTRY_BYTES;
		out[1]++;
	}
	return len;
}

bool
ti_breakdown_decode(const unsigned char *in, size_t len, ti_breakdown *out, ti_error *err)
{
	bool		given[TI_NEED_COUNT] = {false};

	memset(out, 0, sizeof(*out));
	if (len < 2)
		return ti_fail(err, TI_BAD_BINARY, "invalid binary need breakdown: %zu bytes, expected at least 2", len);
	if (in[0] != BREAKDOWN_VERSION)
		return ti_fail(err, TI_BAD_BINARY, "invalid binary need breakdown: format version %d, expected %d",
					   in[0], BREAKDOWN_VERSION);
	if (in[1] > TI_NEED_COUNT || len != 2 + (size_t) in[1] * ENTRY_BYTES)
		return ti_fail(err, TI_BAD_BINARY,
					   "invalid binary need breakdown: %zu bytes for a count of %d, expected %zu",
					   len, in[1], 2 + (size_t) in[1] * ENTRY_BYTES);
	for (const unsigned char *e = in + 2; e < in + len; e += ENTRY_BYTES)
	{
		int			code = (int) ti_get_be(e, 2);

		if (!ti_need_valid(code) || given[code - 1])
			return ti_fail(err, TI_BAD_BINARY, "invalid binary need breakdown: %s need code %d",
						   ti_need_valid(code) ? "repeated" : "unknown", code);
		given[code - 1] = true;
		out->cents[code - 1] = (int64_t) ti_get_be(e + 2, 8);
	}
	return true;
}

/* ------------------------------------------------------------- arithmetic */

/* Report a sum for one need beyond the eur range (22003). */
static bool
need_out_of_range(ti_error *err, const char *what, int need_index)
{
	char		buf[64];

	snprintf(buf, sizeof(buf), "%s for %s", what, needs[need_index].code);
	return ti_eur_out_of_range(err, buf);
}

bool
ti_breakdown_equal(const ti_breakdown *a, const ti_breakdown *b)
{
	return memcmp(a->cents, b->cents, sizeof(a->cents)) == 0;
}

bool
ti_breakdown_add(const ti_breakdown *a, const ti_breakdown *b, ti_breakdown *out, ti_error *err)
{
	for (int i = 0; i < TI_NEED_COUNT; i++)
		if (!ti_eur_add(a->cents[i], b->cents[i], &out->cents[i], err))
			return need_out_of_range(err, "sum", i);
	return true;
}

bool
ti_breakdown_total(const ti_breakdown *b, int64_t *out, ti_error *err)
{
	ti_wide		sum = {0, 0};

	for (int i = 0; i < TI_NEED_COUNT; i++)
		ti_wide_add64(&sum, b->cents[i]);
	if (!ti_wide_fits64(&sum))
		return ti_eur_out_of_range(err, "total of the breakdown");
	*out = (int64_t) sum.lo;
	return true;
}

/* ------------------------------------------------------------ aggregation */

void
ti_breakdown_acc_add_breakdown(ti_breakdown_acc *acc, const ti_breakdown *b)
{
	for (int i = 0; i < TI_NEED_COUNT; i++)
		ti_wide_add64(&acc->sum[i], b->cents[i]);
	acc->count++;
}

bool
ti_breakdown_acc_combine(ti_breakdown_acc *acc, const ti_breakdown_acc *other, ti_error *err)
{
	ti_breakdown_acc r = *acc;

	for (int i = 0; i < TI_NEED_COUNT; i++)
		if (!ti_wide_add_checked(&r.sum[i], &other->sum[i]))
			return need_out_of_range(err, "aggregate state sum", i);
	if (other->count > INT64_MAX - r.count)
		return ti_fail(err, TI_OUT_OF_RANGE, "need breakdown aggregate states too large to combine: count beyond 2^63 - 1");
	r.count += other->count;
	*acc = r;
	return true;
}

bool
ti_breakdown_acc_result(const ti_breakdown_acc *acc, ti_breakdown *out, ti_error *err)
{
	for (int i = 0; i < TI_NEED_COUNT; i++)
	{
		if (!ti_wide_fits64(&acc->sum[i]))
			return need_out_of_range(err, "sum", i);
		out->cents[i] = (int64_t) acc->sum[i].lo;
	}
	return true;
}

size_t
ti_breakdown_acc_format(const ti_breakdown_acc *acc, char buf[TI_BREAKDOWN_ACC_TEXT])
{
	size_t		len = 0;

	buf[len++] = '(';
	for (int i = 0; i < TI_NEED_COUNT; i++)
	{
		len += ti_wide_to_text(&acc->sum[i], buf + len);
		buf[len++] = ',';
	}
	len += (size_t) sprintf(buf + len, "%lld)", (long long) acc->count);
	return len;
}

bool
ti_breakdown_acc_parse(const char *s, size_t len, ti_breakdown_acc *acc, ti_error *err)
{
	char		q[TI_QUOTE_BUF];
	ti_wide		fields[TI_NEED_COUNT + 1];	/* the sums, then the count */
	size_t		n = 0;

	ti_trim(&s, &len);
	if (len >= 2 && s[0] == '(' && s[len - 1] == ')')
	{
		const char *p = s + 1,
				   *end = s + len - 1;

		for (;;)
		{
			const char *comma = memchr(p, ',', (size_t) (end - p));

			if (n == TI_NEED_COUNT + 1 ||
				!ti_wide_from_text(p, (size_t) ((comma ? comma : end) - p), &fields[n]))
			{
				n = 0;
				break;
			}
			n++;
			if (comma == NULL)
				break;
			p = comma + 1;
		}
	}
	if (n != TI_NEED_COUNT + 1 || !ti_wide_fits64(&fields[TI_NEED_COUNT]) ||
		fields[TI_NEED_COUNT].hi < 0)
		return ti_fail(err, TI_BAD_TEXT,
					   "invalid need breakdown aggregate state \"%s\": expected (%d sums in cents,count)",
					   ti_quote(q, sizeof(q), s, len, 60), TI_NEED_COUNT);
	memcpy(acc->sum, fields, sizeof(acc->sum));
	acc->count = (int64_t) fields[TI_NEED_COUNT].lo;
	return true;
}

#define ACC_VERSION 1

void
ti_breakdown_acc_encode(const ti_breakdown_acc *acc, unsigned char out[TI_BREAKDOWN_ACC_BYTES])
{
	out[0] = ACC_VERSION;
	for (int i = 0; i < TI_NEED_COUNT; i++)
	{
		ti_put_be(out + 1 + 16 * i, (uint64_t) acc->sum[i].hi, 8);
		ti_put_be(out + 9 + 16 * i, acc->sum[i].lo, 8);
	}
	ti_put_be(out + 1 + 16 * TI_NEED_COUNT, (uint64_t) acc->count, 8);
}

bool
ti_breakdown_acc_decode(const unsigned char *in, size_t len, ti_breakdown_acc *acc, ti_error *err)
{
	if (len != TI_BREAKDOWN_ACC_BYTES)
		return ti_fail(err, TI_BAD_BINARY,
					   "invalid binary need breakdown aggregate state: %zu bytes, expected %d",
					   len, TI_BREAKDOWN_ACC_BYTES);
	if (in[0] != ACC_VERSION)
		return ti_fail(err, TI_BAD_BINARY,
					   "invalid binary need breakdown aggregate state: format version %d, expected %d",
					   in[0], ACC_VERSION);
	for (int i = 0; i < TI_NEED_COUNT; i++)
	{
		acc->sum[i].hi = (int64_t) ti_get_be(in + 1 + 16 * i, 8);
		acc->sum[i].lo = ti_get_be(in + 9 + 16 * i, 8);
	}
	acc->count = (int64_t) ti_get_be(in + 1 + 16 * TI_NEED_COUNT, 8);
	if (acc->count < 0)
		return ti_fail(err, TI_BAD_BINARY,
					   "invalid binary need breakdown aggregate state: negative count %lld",
					   (long long) acc->count);
	return true;
}
