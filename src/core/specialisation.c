#include "specialisation.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byte_order.h"
#include "number_text.h"
#include "text_scan.h"

static bool
bad_count(ti_error *err, const char *what, double v)
{
	ti_fail(err, TI_BAD_PARAMETER, "invalid %s %g: job counts are finite and not negative", what, v);
	return false;
}

static bool
part_of_whole(ti_error *err, const char *part, double p, const char *whole, double w)
{
	ti_fail(err, TI_BAD_PARAMETER, "%s (%g) exceeds %s (%g)", part, p, whole, w);
	ti_detail(err, "X(ik) counts the zone's jobs in the sector, X(i) all the zone's jobs, "
			  "X(k) the area's jobs in the sector, X all the area's jobs.");
	return false;
}

static bool
count_ok(double v, const char *what, ti_error *err)
{
	return (isfinite(v) && v >= 0) || bad_count(err, what, v);
}

bool
ti_sector_check(double x_ik, double x_k, ti_error *err)
{
	return count_ok(x_ik, "x_ik", err) && count_ok(x_k, "x_k", err) &&
		(x_ik <= x_k || part_of_whole(err, "x_ik", x_ik, "x_k", x_k));
}

bool
ti_specificity(double x_ik, double x_i, double x_k, double x, double *out, bool *defined,
			   ti_error *err)
{
	if (!ti_sector_check(x_ik, x_k, err) || !count_ok(x_i, "x_i", err) || !count_ok(x, "x", err))
		return false;
	if (x_ik > x_i)
		return part_of_whole(err, "x_ik", x_ik, "x_i", x_i);
	if (x_i > x)
		return part_of_whole(err, "x_i", x_i, "x", x);
	if (x_k > x)
		return part_of_whole(err, "x_k", x_k, "x", x);
	*defined = x_i > 0 && x > x_i && x_k > x_ik;
	if (*defined)
		*out = (x_ik / x_i) / ((x_k - x_ik) / (x - x_i));
	return true;
}

/* A = X(i) and B = X - X(i); false if either is zero (or no sectors). */
/*
 * Counts are scaled by a power of two (exact) that brings the largest near
 * 1, so that sums and products of huge counts cannot overflow and tiny
 * (subnormal) ones keep their precision.
 */
static int
scale_of(const ti_sector *s, size_t n)
{
	double		largest = 0;
	int			exponent = 0;

	for (size_t k = 0; k < n; k++)
		largest = fmax(largest, s[k].area);
	if (largest > 0)
		frexp(largest, &exponent);
	return -exponent;
}

/* A = X(i) and B = X - X(i), scaled by 2^f; false when either is zero. */
static bool
totals(const ti_sector *s, size_t n, int f, double *a, double *b)
{
	double		area = 0;

	*a = 0;
	for (size_t k = 0; k < n; k++)
	{
		*a += ldexp(s[k].zone, f);
		area += ldexp(s[k].area, f);
	}
	*b = area - *a;
	return *a > 0 && *b > 0;
}

static double
unit_interval(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;	/* rounding can step just outside */
}

/*
 * The Krugman index from the shares X(ik)/A and (X(k) - X(ik))/B, each side
 * scaled by its own largest count: right however tiny A or B is beside the
 * largest count (a common scale would flush a subnormal A to zero).  False
 * when A or B is zero.
 */
static bool
krugman_by_shares(const ti_sector *s, size_t n, double *out)
{
	double		za = 0,
				zb = 0,
				a = 0,
				b = 0,
				sum = 0;
	int			fa,
				fb;

	for (size_t k = 0; k < n; k++)
	{
		za = fmax(za, s[k].zone);
		zb = fmax(zb, s[k].area - s[k].zone);
	}
	if (!(za > 0 && zb > 0))
		return false;
	frexp(za, &fa);
	frexp(zb, &fb);
	for (size_t k = 0; k < n; k++)
	{
		a += ldexp(s[k].zone, -fa);
		b += ldexp(s[k].area - s[k].zone, -fb);
	}
	for (size_t k = 0; k < n; k++)
		sum += fabs(ldexp(s[k].zone, -fa) / a - ldexp(s[k].area - s[k].zone, -fb) / b);
	*out = unit_interval(sum / 2);
	return true;
}

bool
ti_krugman(const ti_sector *s, size_t n, double *out)
{
	int			f = scale_of(s, n);
	double		a,
				b,
				sum = 0;

	if (!totals(s, n, f, &a, &b) || !isnormal(2 * a * b))
		return krugman_by_shares(s, n, out);
	for (size_t k = 0; k < n; k++)
		sum += fabs(ldexp(s[k].zone, f) * b - ldexp(s[k].area - s[k].zone, f) * a);
	*out = unit_interval(sum / (2 * a * b));
	return true;
}

/* Increasing location quotient: X(ik) / X(k), the other factors shared. */
static int
by_location_quotient(const void *x, const void *y)
{
	const ti_sector *p = x;
	const ti_sector *q = y;
	double		rp = p->zone / p->area;
	double		rq = q->zone / q->area;

	return (rp > rq) - (rp < rq);
}

bool
ti_gini_specialisation(const ti_sector *s, size_t n, ti_sector *scratch, double *out)
{
	int			f = scale_of(s, n);
	double		a,
				b,
				whole,
				cumulated = 0,
				sum = 0;
	size_t		m = 0;

	(void) totals(s, n, f, &a, &b);	/* defined without jobs outside the zone */
	if (!(a > 0))
		return false;
	whole = a + b;
	/* sectors without jobs anywhere weigh nothing, and have no quotient */
	for (size_t k = 0; k < n; k++)
		if (s[k].area > 0)
		{
			scratch[m].zone = ldexp(s[k].zone, f);
			scratch[m++].area = ldexp(s[k].area, f);
		}
	qsort(scratch, m, sizeof(ti_sector), by_location_quotient);
	for (size_t k = 0; k < m; k++)
	{
		/* the sector's weight X(k)/X times the trapezoid's two heights */
		sum += isnormal(a * whole) ? scratch[k].area * (2 * cumulated + scratch[k].zone)
			: (scratch[k].area / whole) * ((2 * cumulated + scratch[k].zone) / a);
		cumulated += scratch[k].zone;
	}
	*out = unit_interval(1 - (isnormal(a * whole) ? sum / (a * whole) : sum));
	return true;
}

/* -------------------------------------------------------------- text */

size_t
ti_sectors_format(const ti_sector *s, size_t n, char *buf, size_t size)
{
	size_t		len = 0;
	char		x[TI_NUMBER_TEXT],
				y[TI_NUMBER_TEXT];

	len += snprintf(buf, size, "[");
	for (size_t k = 0; k < n; k++)
	{
		ti_number_format(s[k].zone, x);
		ti_number_format(s[k].area, y);
		len += snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0,
						"%s[%s,%s]", k ? "," : "", x, y);
	}
	len += snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0, "]");
	return len;
}

size_t
ti_sectors_max_in_text(size_t len)
{
	return len / 6 + 1;			/* "[0,0]," per sector */
}

typedef struct state_scan
{
	const char *s;
	size_t		len;
	size_t		pos;
	ti_error   *err;
} state_scan;

static bool
state_fail(state_scan *sc, const char *what)
{
	char		q[TI_QUOTE_BUF];

	ti_fail(sc->err, TI_BAD_TEXT, "invalid specialisation state \"%s\": %s at position %zu",
			ti_quote(q, sizeof(q), sc->s, sc->len, 40), what,
			ti_char_count(sc->s, sc->pos) + 1);
	ti_detail(sc->err, "Expected a list of [x_ik,x_k] pairs such as [[3,10],[0,5]].");
	return false;
}

static void
skip_spaces(state_scan *sc)
{
	size_t		n;

	while (sc->pos < sc->len && (n = ti_space_len(sc->s + sc->pos, sc->len - sc->pos)) > 0)
		sc->pos += n;
}

/* Consume c if it comes next (after spaces). */
static bool
accept(state_scan *sc, char c)
{
	skip_spaces(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == c)
	{
		sc->pos++;
		return true;
	}
	return false;
}

static bool
expect(state_scan *sc, char c)
{
	char		what[32];

	if (accept(sc, c))
		return true;
	snprintf(what, sizeof(what), "expected \"%c\"", c);
	return state_fail(sc, what);
}

static bool
scan_count(state_scan *sc, double *v)
{
	bool		complete;
	size_t		n;

	skip_spaces(sc);
	n = ti_number_length(sc->s + sc->pos, sc->len - sc->pos, &complete);
	if (n == 0 || !complete || n > TI_NUMBER_MAX_TEXT)
		return state_fail(sc, "expected a job count");
	if (!ti_number_value(sc->s + sc->pos, n, v))
		return state_fail(sc, "job count out of range");
	sc->pos += n;
	return true;
}

static bool
scan_sector(state_scan *sc, ti_sector *out)
{
	size_t		at = sc->pos;
	ti_error	why;

	if (!expect(sc, '[') || !scan_count(sc, &out->zone) || !expect(sc, ',') ||
		!scan_count(sc, &out->area) || !expect(sc, ']'))
		return false;
	if (ti_sector_check(out->zone, out->area, &why))
		return true;
	sc->pos = at;
	return state_fail(sc, why.message);
}

bool
ti_sectors_parse(const char *text, size_t len, ti_sector *out, size_t *n, ti_error *err)
{
	state_scan	sc = {text, len, 0, err};

	*n = 0;
	if (!expect(&sc, '['))
		return false;
	if (!accept(&sc, ']'))
	{
		do
		{
			if (!scan_sector(&sc, &out[(*n)++]))
				return false;
		} while (accept(&sc, ','));
		if (!expect(&sc, ']'))
			return false;
	}
	skip_spaces(&sc);
	return sc.pos == len || state_fail(&sc, "unexpected text");
}

/* ------------------------------------------------------------ binary */

#define SECTORS_VERSION 1

void
ti_sectors_to_bytes(const ti_sector *s, size_t n, uint8_t *out)
{
	out[0] = SECTORS_VERSION;
	for (int i = 0; i < 4; i++)
		out[1 + i] = (uint8_t) (n >> (24 - 8 * i));
	for (size_t k = 0; k < n; k++)
	{
		ti_put_double(out + TI_SECTORS_HEADER + k * TI_SECTOR_BYTES, s[k].zone);
		ti_put_double(out + TI_SECTORS_HEADER + k * TI_SECTOR_BYTES + 8, s[k].area);
	}
}

bool
ti_sectors_bytes_count(const uint8_t *in, size_t len, size_t *n, ti_error *err)
{
	if (len < TI_SECTORS_HEADER || in[0] != SECTORS_VERSION)
		return ti_fail(err, TI_BAD_BINARY, "invalid binary specialisation state: %s",
					   len < TI_SECTORS_HEADER ? "truncated" : "unsupported version");
	*n = (size_t) in[1] << 24 | (size_t) in[2] << 16 | (size_t) in[3] << 8 | in[4];
	if (len != TI_SECTORS_HEADER + *n * TI_SECTOR_BYTES)
		return ti_fail(err, TI_BAD_BINARY,
					   "invalid binary specialisation state: %zu bytes for %zu sectors", len, *n);
	return true;
}

bool
ti_sectors_from_bytes(const uint8_t *in, size_t len, ti_sector *out, ti_error *err)
{
	size_t		n;

	if (!ti_sectors_bytes_count(in, len, &n, err))
		return false;
	for (size_t k = 0; k < n; k++)
	{
		out[k].zone = ti_get_double(in + TI_SECTORS_HEADER + k * TI_SECTOR_BYTES);
		out[k].area = ti_get_double(in + TI_SECTORS_HEADER + k * TI_SECTOR_BYTES + 8);
		if (!ti_sector_check(out[k].zone, out[k].area, err))
		{
			err->kind = TI_BAD_BINARY;
			return false;
		}
	}
	return true;
}
