#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "apportion.h"
#include "unit.h"

#define MAX_N 64

/* Apportion amount by w[0..n) and compare with want[0..n). */
static void
splits(int64_t amount, const double *w, size_t n, const int64_t *want)
{
	int64_t		parts[MAX_N];
	ti_share	work[MAX_N];
	ti_error	err;

	unit_checks++;
	if (!ti_apportion(amount, w, n, parts, work, &err))
	{
		unit_failures++;
		fprintf(stderr, "apportion %lld: %s\n", (long long) amount, err.message);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (parts[i] != want[i])
		{
			unit_failures++;
			fprintf(stderr, "apportion %lld: part %zu is %lld, want %lld\n", (long long) amount,
					i + 1, (long long) parts[i], (long long) want[i]);
			return;
		}
}

#define SPLITS(amount, w, want) \
	do { \
		const double w_[] = w; \
		const int64_t want_[] = want; \
		splits((amount), w_, sizeof(w_) / sizeof(w_[0]), want_); \
	} while (0)
#define A(...) {__VA_ARGS__}

static void
edges(void)
{
	SPLITS(12345, A(0.3), A(12345));
	SPLITS(INT64_MIN, A(1), A(INT64_MIN));
	SPLITS(0, A(1, 2, 3), A(0, 0, 0));
	SPLITS(100, A(1, 1, 1), A(34, 33, 33));
	SPLITS(200, A(1, 1, 1), A(67, 67, 66));
	SPLITS(-100, A(1, 1, 1), A(-34, -33, -33));
	SPLITS(1, A(1, 1), A(1, 0));
	SPLITS(1, A(1, 2), A(0, 1));
	SPLITS(5, A(1, 1, 1, 1, 1, 1), A(1, 1, 1, 1, 1, 0));	/* equal remainders: by position */
	SPLITS(5, A(1, 1, 2, 1, 1), A(1, 1, 1, 1, 1));	/* 5/6 beats 2/3 */
	SPLITS(10, A(0, 1, 0), A(0, 10, 0));
	SPLITS(-0, A(-0.0, 2), A(0, 0));
	SPLITS(1000, A(0.1, 0.2, 0.7), A(100, 200, 700));
	SPLITS(INT64_MAX, A(1, 1), A(INT64_MAX / 2 + 1, INT64_MAX / 2));
	SPLITS(INT64_MIN, A(1, 1), A(INT64_MIN / 2, INT64_MIN / 2));
	SPLITS(INT64_MIN, A(1, 1, 1, 1), A(INT64_MIN / 4, INT64_MIN / 4, INT64_MIN / 4, INT64_MIN / 4));
	SPLITS(INT64_MAX, A(3, 1), A(6917529027641081855, 2305843009213693952));
	/* weights whose sum overflows a double, and weights near underflow */
	SPLITS(300, A(DBL_MAX, DBL_MAX, DBL_MAX), A(100, 100, 100));
	SPLITS(300, A(4.9e-324, 4.9e-324, 9.9e-324), A(75, 75, 150));
	SPLITS(300, A(1e-300, 2e-300), A(100, 200));
	SPLITS(INT64_MAX, A(1, 1e-300), A(INT64_MAX, 0));
	SPLITS(1000, A(1, 0x1p-40), A(1000, 0));
}

static void
errors(void)
{
	int64_t		parts[4];
	ti_share	work[4];
	ti_error	err;
	double		w[4] = {1, -2, NAN, INFINITY};

	CHECK_ERR(ti_apportion(100, w, 0, parts, work, &err), err, TI_BAD_PARAMETER,
			  "cannot apportion by an empty array of weights");
	CHECK_ERR(ti_apportion(100, w, 2, parts, work, &err), err, TI_BAD_PARAMETER,
			  "invalid weight at position 2: negative (-2)");
	w[1] = 0;
	CHECK_ERR(ti_apportion(100, w, 3, parts, work, &err), err, TI_BAD_PARAMETER,
			  "invalid weight at position 3: NaN");
	w[2] = 0;
	CHECK_ERR(ti_apportion(100, w, 4, parts, work, &err), err, TI_BAD_PARAMETER,
			  "invalid weight at position 4: infinite");
	w[3] = -INFINITY;
	CHECK_ERR(ti_apportion(100, w, 4, parts, work, &err), err, TI_BAD_PARAMETER, "position 4: infinite");
	w[0] = w[3] = 0;
	CHECK_ERR(ti_apportion(100, w, 4, parts, work, &err), err, TI_BAD_PARAMETER,
			  "cannot apportion by weights that are all zero");
	CHECK_ERR(ti_apportion(100, w, TI_APPORTION_MAX_WEIGHTS + 1, parts, work, &err), err,
			  TI_LIMIT_EXCEEDED, "more than");
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A random amount of any magnitude and sign. */
static int64_t
random_amount(void)
{
	int64_t		v = (int64_t) (rng() >> (1 + rng() % 63));

	return rng() % 2 ? v : -v - (int64_t) (rng() % 2);	/* reaches INT64_MIN */
}

/*
 * The largest-remainder parts of amount by integer weights below 2^40,
 * computed the obvious way in 128 bits (GCC and clang): the reference the
 * core must match exactly.
 */
static void
reference(int64_t amount, const uint64_t *w, size_t n, int64_t *want)
{
	unsigned __int128 a = amount < 0 ? 0 - (unsigned __int128) amount : (unsigned __int128) amount,
				total = 0,
				rem[MAX_N],
				left = a;
	bool		bonus[MAX_N] = {false};

	for (size_t i = 0; i < n; i++)
		total += w[i];
	for (size_t i = 0; i < n; i++)
	{
		want[i] = (int64_t) (uint64_t) (a * w[i] / total);
		rem[i] = a * w[i] % total;
		left -= (uint64_t) want[i];
	}
	for (; left > 0; left--)
	{
		size_t		best = n;

		for (size_t i = 0; i < n; i++)
			if (!bonus[i] && (best == n || rem[i] > rem[best]))
				best = i;
		bonus[best] = true;
	}
	for (size_t i = 0; i < n; i++)
	{
		uint64_t	part = (uint64_t) want[i] + bonus[i];

		want[i] = amount < 0 ? (int64_t) (0 - part) : (int64_t) part;
	}
}

/* Integer weights, scaled by a random power of two: the exact reference, to the cent. */
static void
random_exact(void)
{
	int64_t		want[MAX_N];
	uint64_t	w[MAX_N];
	double		dw[MAX_N];

	for (int round = 0; round < 20000; round++)
	{
		size_t		n = 1 + rng() % MAX_N;
		int			scale = (int) (rng() % 200) - 100;
		int64_t		amount = random_amount();
		uint64_t	sum = 0;

		for (size_t i = 0; i < n; i++)
		{
			/* many zeros and many ties */
			w[i] = rng() % 4 == 0 ? 0 : rng() % 3 == 0 ? 1 + rng() % 3 : rng() >> (24 + rng() % 40);
			dw[i] = ldexp((double) w[i], scale);
			sum += w[i];
		}
		if (sum == 0)
		{
			w[0] = 1;
			dw[0] = ldexp(1, scale);
		}
		reference(amount, w, n, want);
		splits(amount, dw, n, want);
	}
}

/*
 * Weights of any magnitude: the parts add up to the amount, carry its sign,
 * and each is within a cent of its quota (up to double rounding).
 */
static void
random_spread(void)
{
	int64_t		parts[MAX_N];
	ti_share	work[MAX_N];
	double		w[MAX_N];
	ti_error	err;
	int			bad = 0;

	for (int round = 0; round < 20000; round++)
	{
		size_t		n = 1 + rng() % MAX_N;
		int64_t		amount = random_amount();
		double		sum = 0;
		__int128	total = 0;

		double		largest = 1;

		for (size_t i = 0; i < n; i++)
		{
			w[i] = rng() % 4 == 0 ? 0 : ldexp((double) (rng() >> 11), (int) (rng() % 1900) - 1000);
			largest = fmax(largest, w[i]);
		}
		for (size_t i = 0; i < n; i++)
			sum += w[i] / largest;
		if (sum == 0)
			w[0] = sum = 1;
		if (!ti_apportion(amount, w, n, parts, work, &err))
		{
			bad++;
			continue;
		}
		for (size_t i = 0; i < n; i++)
		{
			double		quota = (double) amount * (w[i] / largest / sum);

			total += parts[i];
			if ((amount >= 0 ? parts[i] < 0 : parts[i] > 0) ||
				fabs((double) parts[i] - quota) > 1 + fabs((double) amount) * 0x1p-50)
				bad++;
		}
		if (total != amount)
			bad++;
	}
	CHECK(bad == 0);
}

static bool
always(void)
{
	return true;
}

/* A pending cancel stops the loops over the weights (issue 17, R1). */
static void
interrupts(void)
{
	enum { N = 200000 };
	double	   *w = malloc(N * sizeof(double));
	int64_t    *parts = malloc(N * sizeof(int64_t));
	ti_share   *work = malloc(N * sizeof(ti_share));
	ti_error	err;

	for (int i = 0; i < N; i++)
		w[i] = 1 + i % 7;
	ti_interrupt_pending = always;
	CHECK_ERR(ti_apportion(100000, w, N, parts, work, &err), err, TI_CANCELED, "asked to stop");
	ti_interrupt_pending = NULL;
	CHECK(ti_apportion(100000, w, N, parts, work, &err));
	free(w);
	free(parts);
	free(work);
}

void
test_apportion(void)
{
	interrupts();
	edges();
	errors();
	random_exact();
	random_spread();
}
