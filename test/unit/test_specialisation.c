#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "specialisation.h"
#include "unit.h"

#define S(lit) (lit), strlen(lit)
#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool
near(double got, double want)
{
	return fabs(got - want) <= 1e-12 * fmax(1, fabs(want));
}

static void
specificity(void)
{
	ti_error	err;
	double		r = -1;
	bool		defined;

	/* 30 of the zone's 100 jobs, 970 of the other 9 900 */
	CHECK(ti_specificity(30, 100, 1000, 10000, &r, &defined, &err) && defined &&
		  near(r, 3.0618556701030926));
	/* the same structure as the rest of the area */
	CHECK(ti_specificity(10, 100, 110, 1100, &r, &defined, &err) && defined && r == 1);
	CHECK(ti_specificity(0, 100, 110, 1100, &r, &defined, &err) && defined && r == 0);
	/* zero denominators: not defined */
	CHECK(ti_specificity(0, 0, 110, 1100, &r, &defined, &err) && !defined);
	CHECK(ti_specificity(10, 1100, 110, 1100, &r, &defined, &err) && !defined);
	CHECK(ti_specificity(110, 200, 110, 1100, &r, &defined, &err) && !defined);
	/* inconsistent counts */
	CHECK_ERR(ti_specificity(-1, 100, 110, 1100, &r, &defined, &err), err, TI_BAD_PARAMETER,
			  "invalid x_ik -1: job counts are finite and not negative");
	CHECK_ERR(ti_specificity(1, NAN, 110, 1100, &r, &defined, &err), err, TI_BAD_PARAMETER, "invalid x_i");
	CHECK_ERR(ti_specificity(1, 100, INFINITY, 1100, &r, &defined, &err), err, TI_BAD_PARAMETER, "invalid x_k inf");
	CHECK_ERR(ti_specificity(1, 100, 110, -5, &r, &defined, &err), err, TI_BAD_PARAMETER, "invalid x -5");
	CHECK_ERR(ti_specificity(200, 100, 1100, 1100, &r, &defined, &err), err, TI_BAD_PARAMETER, "x_ik (200) exceeds x_i (100)");
	CHECK_ERR(ti_specificity(20, 100, 10, 1100, &r, &defined, &err), err, TI_BAD_PARAMETER, "x_ik (20) exceeds x_k (10)");
	CHECK_ERR(ti_specificity(20, 2000, 100, 1100, &r, &defined, &err), err, TI_BAD_PARAMETER, "x_i (2000) exceeds x (1100)");
	CHECK_ERR(ti_specificity(20, 100, 2000, 1100, &r, &defined, &err), err, TI_BAD_PARAMETER, "x_k (2000) exceeds x (1100)");
}

static void
indices(void)
{
	/* hand-computed: K = 1/2 (|0.1 - 90/2200| + |0.3 - 170/2200| + |0.6 - 1940/2200|) = 31/110 */
	ti_sector	three[] = {{10, 100}, {30, 200}, {60, 2000}};
	/* the zone's structure is the area's (and so the rest's) */
	ti_sector	same[] = {{10, 100}, {20, 200}, {70, 700}, {0, 0}};
	/* the zone and the rest share no sector */
	ti_sector	apart[] = {{50, 50}, {0, 100}};
	ti_sector	two[] = {{30, 1000}, {70, 9000}};
	ti_sector	no_jobs[] = {{0, 100}, {0, 50}};
	ti_sector	whole[] = {{100, 100}, {50, 50}};
	ti_sector	scratch[8];
	double		v = -1;

	CHECK(ti_krugman(three, N(three), &v) && near(v, 31.0 / 110));
	/*
	 * Gini against the whole area (2300 jobs), sectors by location quotient
	 * (services 60/2000, industry 10/100, building 30/200), by hand:
	 * 1 - [2000 (0 + 60) + 100 (60 + 70) + 200 (70 + 100)] / (100 * 2300) = 63/230
	 */
	CHECK(ti_gini_specialisation(three, N(three), scratch, &v) && near(v, 63.0 / 230));
	CHECK(ti_krugman(two, N(two), &v) && near(v, 20.0 / 99));
	/* 1 - [9000 (0 + 70) + 1000 (70 + 100)] / (100 * 10000) = 0.2 */
	CHECK(ti_gini_specialisation(two, N(two), scratch, &v) && near(v, 0.2));
	CHECK(ti_krugman(same, N(same), &v) && v == 0);
	CHECK(ti_gini_specialisation(same, N(same), scratch, &v) && v == 0);
	CHECK(ti_krugman(apart, N(apart), &v) && v == 1);
	/* the area still holds the zone: 1 - [100 (0 + 0) + 50 (0 + 50)] / (50 * 150) = 2/3 */
	CHECK(ti_gini_specialisation(apart, N(apart), scratch, &v) && near(v, 2.0 / 3));
	/* the input order does not matter */
	{
		ti_sector	shuffled[] = {{60, 2000}, {10, 100}, {30, 200}};

		CHECK(ti_gini_specialisation(shuffled, N(shuffled), scratch, &v) && near(v, 63.0 / 230));
		CHECK(shuffled[0].zone == 60);	/* the input is left alone */
	}
	/* counts whose products underflow or overflow (found by fuzzing: NaN) */
	{
		ti_sector	tiny[] = {{2.6525243352150389e-314, 1.3906711612571229e-309}};
		ti_sector	tiny_two[] = {{1e-310, 2e-310}, {0, 1e-310}};
		ti_sector	huge[] = {{1e300, 1e308}, {3e300, 1e307}};

		CHECK(ti_krugman(tiny, N(tiny), &v) && v == 0);
		CHECK(ti_krugman(tiny_two, N(tiny_two), &v) && near(v, 0.5));
		CHECK(ti_gini_specialisation(tiny_two, N(tiny_two), scratch, &v) && v >= 0 && v <= 1);
		CHECK(ti_gini_specialisation(tiny, N(tiny), scratch, &v) && v >= 0 && v <= 1);
		CHECK(ti_krugman(huge, N(huge), &v) && v >= 0 && v <= 1);
		/* X(i) subnormal beside a count of 1: defined, not NULL (issue 17, W8) */
		{
			ti_sector	subnormal[] = {{5e-324, 1e-323}, {5e-324, 1}};

			CHECK(ti_krugman(subnormal, N(subnormal), &v) && near(v, 0.5));
		}
		CHECK(ti_gini_specialisation(huge, N(huge), scratch, &v) && v >= 0 && v <= 1);
	}
	/* not defined */
	CHECK(!ti_krugman(three, 0, &v));
	CHECK(!ti_gini_specialisation(three, 0, scratch, &v));
	CHECK(!ti_krugman(no_jobs, N(no_jobs), &v));
	CHECK(!ti_gini_specialisation(no_jobs, N(no_jobs), scratch, &v));
	CHECK(!ti_krugman(whole, N(whole), &v));
	/* the zone is the whole area: Gini is 0 (its structure is the area's), Krugman has no rest */
	CHECK(ti_gini_specialisation(whole, N(whole), scratch, &v) && near(v, 0));
}

/*
 * The example of the R package specificite (ANCT Observatoire des
 * territoires): 4 zones, categorie1 = 22,14,7,55, categorie2 = 32,17,12,9,
 * categorie3 = 41,32,10,16.  Expected values computed exactly with
 * fractions from the definitions (gini_spe: reldist::gini of the location
 * quotients weighted by X(k)/X; krugman: the zone against the rest),
 * see test/pgtap/specificite.sql.
 */
static void
specificite_example(void)
{
	static const double cat[3][4] = {{22, 14, 7, 55}, {32, 17, 12, 9}, {41, 32, 10, 16}};
	static const double gini[4] = {3734.0 / 25365, 2993.0 / 16821, 487.0 / 2581, 1179.0 / 3560};
	static const double krugman[4] = {859.0 / 4085, 29.0 / 153, 587.0 / 3451, 1369.0 / 2992};
	ti_sector	s[3],
				scratch[3];
	double		v;

	for (int i = 0; i < 4; i++)
	{
		for (int k = 0; k < 3; k++)
		{
			s[k].zone = cat[k][i];
			s[k].area = cat[k][0] + cat[k][1] + cat[k][2] + cat[k][3];
		}
		CHECK(ti_gini_specialisation(s, 3, scratch, &v) && near(v, gini[i]));
		CHECK(ti_krugman(s, 3, &v) && near(v, krugman[i]));
	}
}

/* Properties on many random zones: both indices in [0, 1], 0 for proportional zones. */
static void
properties(void)
{
	ti_sector	s[17],
				scratch[17];
	unsigned	seed = 12345;
	int			bad = 0;

	for (int trial = 0; trial < 2000; trial++)
	{
		double		k,
					g;
		bool		proportional = trial % 4 == 0;
		size_t		n = 1 + trial % 17;

		for (size_t i = 0; i < n; i++)
		{
			seed = seed * 1103515245 + 12345;
			s[i].area = (double) (seed >> 8 & 0xFFFF);
			seed = seed * 1103515245 + 12345;
			s[i].zone = proportional ? s[i].area / 4 : floor(s[i].area * ((seed >> 8 & 0xFF) / 255.0));
			if (proportional)
				s[i].area *= 4;	/* whole counts, a quarter in the zone */
		}
		if (!ti_krugman(s, n, &k) || !ti_gini_specialisation(s, n, scratch, &g))
			continue;
		if (k < 0 || k > 1 || g < 0 || g > 1 || (proportional && (k != 0 || g != 0)))
			bad++;
	}
	CHECK(bad == 0);
}

static void
state_text(void)
{
	ti_sector	s[] = {{30, 1000}, {0.1, 0.30000000000000004}, {0, 0}};
	ti_sector	back[8];
	size_t		n;
	char		buf[128];
	ti_error	err;

	CHECK(ti_sectors_format(s, N(s), buf, sizeof(buf)) == strlen(buf));
	CHECK_STR(buf, "[[30,1000],[0.1,0.30000000000000004],[0,0]]");
	CHECK(ti_sectors_parse(buf, strlen(buf), back, &n, &err) && n == 3 &&
		  memcmp(back, s, sizeof(s)) == 0);
	CHECK(ti_sectors_format(s, N(s), buf, 10) == 43);
	CHECK_STR(buf, "[[30,1000");
	CHECK(ti_sectors_format(s, 0, buf, sizeof(buf)) == 2);
	CHECK_STR(buf, "[]");
	CHECK(ti_sectors_parse(S(" [ ] "), back, &n, &err) && n == 0);
	CHECK(ti_sectors_parse(S("[ [ 1 , 2e3 ] ,[.5,5.]]"), back, &n, &err) && n == 2 &&
		  back[1].zone == 0.5 && back[0].area == 2000);
	CHECK(ti_sectors_max_in_text(strlen("[[0,0],[0,0]]")) >= 2);
	CHECK_ERR(ti_sectors_parse(S(""), back, &n, &err), err, TI_BAD_TEXT, "expected \"[\" at position 1");
	CHECK_ERR(ti_sectors_parse(S("[[1,2]"), back, &n, &err), err, TI_BAD_TEXT, "expected \"]\" at position 7");
	CHECK_ERR(ti_sectors_parse(S("[[1 2]]"), back, &n, &err), err, TI_BAD_TEXT, "expected \",\" at position 5");
	CHECK_ERR(ti_sectors_parse(S("[[1,x]]"), back, &n, &err), err, TI_BAD_TEXT, "expected a job count at position 5");
	CHECK_ERR(ti_sectors_parse(S("[[1,-2]]"), back, &n, &err), err, TI_BAD_TEXT, "expected a job count at position 5");
	CHECK_ERR(ti_sectors_parse(S("[[1,1e999]]"), back, &n, &err), err, TI_BAD_TEXT, "job count out of range");
	CHECK_ERR(ti_sectors_parse(S("[[3,2]]"), back, &n, &err), err, TI_BAD_TEXT,
			  "invalid specialisation state \"[[3,2]]\": x_ik (3) exceeds x_k (2) at position 2");
	CHECK_ERR(ti_sectors_parse(S("[] x"), back, &n, &err), err, TI_BAD_TEXT, "unexpected text at position 4");
	CHECK_ERR(ti_sectors_parse(S("[[1,2],]"), back, &n, &err), err, TI_BAD_TEXT, "expected \"[\" at position 8");
}

static void
state_binary(void)
{
	ti_sector	s[] = {{30, 1000}, {0.5, 2}};
	ti_sector	back[2];
	uint8_t		b[TI_SECTORS_HEADER + 2 * TI_SECTOR_BYTES];
	size_t		n;
	ti_error	err;

	ti_sectors_to_bytes(s, 2, b);
	CHECK(b[0] == 1 && b[4] == 2 && b[5] == 0x40 && b[6] == 0x3E);	/* 30.0 = 0x403E000000000000 */
	CHECK(ti_sectors_bytes_count(b, sizeof(b), &n, &err) && n == 2);
	CHECK(ti_sectors_from_bytes(b, sizeof(b), back, &err) && memcmp(back, s, sizeof(s)) == 0);
	CHECK_ERR(ti_sectors_from_bytes(b, 3, back, &err), err, TI_BAD_BINARY, "truncated");
	CHECK_ERR(ti_sectors_from_bytes(b, sizeof(b) - 1, back, &err), err, TI_BAD_BINARY, "36 bytes for 2 sectors");
	b[0] = 2;
	CHECK_ERR(ti_sectors_from_bytes(b, sizeof(b), back, &err), err, TI_BAD_BINARY, "unsupported version");
	b[0] = 1;
	b[5] = 0xC0;				/* -30 */
	CHECK_ERR(ti_sectors_from_bytes(b, sizeof(b), back, &err), err, TI_BAD_BINARY, "invalid x_ik -30");
	b[1] = 0xFF;				/* a count no length matches */
	CHECK_ERR(ti_sectors_bytes_count(b, sizeof(b), &n, &err), err, TI_BAD_BINARY, "sectors");
}

void
test_specialisation(void)
{
	specificity();
	indices();
	specificite_example();
	properties();
	state_text();
	state_binary();
}
