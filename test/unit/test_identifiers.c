#include <stdint.h>

#include "identifiers.h"
#include "unit.h"

#define S(lit) (lit), strlen(lit)

static void
siren(void)
{
	ti_error	err;
	int32_t		v;
	char		buf[16];

	CHECK(ti_siren_parse(S("732829320"), &v, &err) && v == 732829320);
	CHECK(ti_siren_parse(S("732 829 320"), &v, &err) && v == 732829320);
	CHECK(ti_siren_parse(S("  732\xC2\xA0" "829\xE2\x80\xAF" "320 "), &v, &err) && v == 732829320);
	CHECK(ti_siren_parse(S("000000000"), &v, &err) && v == 0);
	ti_siren_format(v, buf);
	CHECK_STR(buf, "000000000");
	ti_siren_format(200035970, buf);
	CHECK_STR(buf, "200035970");

	CHECK_ERR(ti_siren_parse(S("732829321"), &v, &err), err, TI_BAD_TEXT,
			  "invalid SIREN \"732829321\": check digit should be 0, not 1");
	CHECK(strstr(err.detail, "for 73282932 it is 0") != NULL);
	CHECK_ERR(ti_siren_parse(S("73282932"), &v, &err), err, TI_BAD_TEXT, "expected 9 digits, found 8");
	CHECK_ERR(ti_siren_parse(S("7328293200"), &v, &err), err, TI_BAD_TEXT, "expected 9 digits, found 10");
	CHECK_ERR(ti_siren_parse(S(""), &v, &err), err, TI_BAD_TEXT, "expected 9 digits, found 0");
	CHECK_ERR(ti_siren_parse(S("73282932O"), &v, &err), err, TI_BAD_TEXT,
			  "unexpected character \"O\" at position 9");
	CHECK_ERR(ti_siren_parse(S("7328-29320"), &v, &err), err, TI_BAD_TEXT, "\"-\" at position 5");
	CHECK_ERR(ti_siren_parse(S("é32829320"), &v, &err), err, TI_BAD_TEXT, "\"é\" at position 1");

	CHECK(ti_siren_check(732829320, &err));
	CHECK_ERR(ti_siren_check(732829321, &err), err, TI_BAD_PARAMETER, "check digit should be 0");
	CHECK_ERR(ti_siren_check(1000000000, &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK_ERR(ti_siren_check(-1, &err), err, TI_OUT_OF_RANGE, "out of range");
}

static void
siret(void)
{
	ti_error	err;
	int64_t		v;
	char		buf[16];

	CHECK(ti_siret_parse(S("73282932000074"), &v, &err) && v == INT64_C(73282932000074));
	CHECK(ti_siret_parse(S("732 829 320 00074"), &v, &err) && v == INT64_C(73282932000074));
	ti_siret_format(v, buf);
	CHECK_STR(buf, "73282932000074");
	CHECK(ti_siret_siren(v) == 732829320);
	ti_siret_nic(v, buf);
	CHECK_STR(buf, "00074");
	CHECK_ERR(ti_siret_parse(S("73282932000075"), &v, &err), err, TI_BAD_TEXT, "check digit should be 4, not 5");
	CHECK_ERR(ti_siret_parse(S("7328293200007"), &v, &err), err, TI_BAD_TEXT, "expected 14 digits, found 13");

	/* La Poste: head office follows Luhn, establishments a digit sum multiple of 5 */
	CHECK(ti_siret_parse(S("35600000000048"), &v, &err));
	CHECK(ti_siret_parse(S("35600000000100"), &v, &err));
	CHECK(ti_siret_parse(S("35600000049837"), &v, &err));
	CHECK_ERR(ti_siret_parse(S("35600000000113"), &v, &err), err, TI_BAD_TEXT, "multiple of 5, not 19");
	CHECK_ERR(ti_siret_parse(S("35600000012345"), &v, &err), err, TI_BAD_TEXT, "La Poste");

	CHECK(ti_siret_check(INT64_C(73282932000074), &err));
	CHECK_ERR(ti_siret_check(INT64_C(100000000000000), &err), err, TI_OUT_OF_RANGE, "out of range");
	CHECK_ERR(ti_siret_check(INT64_C(73282932000075), &err), err, TI_BAD_PARAMETER, "check digit");
}

static void
commune_round_trip(const char *code)
{
	ti_error	err;
	int32_t		v = -1;
	char		buf[8];

	CHECK(ti_commune_parse(code, strlen(code), &v, &err));
	ti_commune_format(v, buf);
	CHECK_STR(buf, code);
}

static void
commune(void)
{
	static const char *const ordered[] = {
		"01001", "01053", "13201", "19286", "21231", "2A004", "2B033", "30189",
		"69381", "75056", "75101", "95690", "97105", "97411", "97502", "97611",
		"97701", "97801", "98411", "98613", "98735", "98818", "98901"
	};
	ti_error	err;
	int32_t		prev = -1,
				v;
	char		buf[8];

	for (size_t i = 0; i < sizeof(ordered) / sizeof(ordered[0]); i++)
	{
		commune_round_trip(ordered[i]);
		CHECK(ti_commune_parse(ordered[i], 5, &v, &err) && v > prev);
		prev = v;
	}
	CHECK(ti_commune_parse(S(" 2a004 "), &v, &err));
	ti_commune_format(v, buf);
	CHECK_STR(buf, "2A004");
	ti_commune_departement(v, buf);
	CHECK_STR(buf, "2A");
	CHECK_STR(ti_commune_region(v), "94");

	CHECK(ti_commune_parse(S("97411"), &v, &err));
	ti_commune_departement(v, buf);
	CHECK_STR(buf, "974");
	CHECK_STR(ti_commune_region(v), "04");
	CHECK(ti_commune_parse(S("97611"), &v, &err) && strcmp(ti_commune_region(v), "06") == 0);
	CHECK(ti_commune_parse(S("97502"), &v, &err) && ti_commune_region(v) == NULL);
	CHECK(ti_commune_parse(S("98818"), &v, &err) && ti_commune_region(v) == NULL);
	CHECK(ti_commune_parse(S("69123"), &v, &err) && strcmp(ti_commune_region(v), "84") == 0);
	CHECK(ti_commune_parse(S("75056"), &v, &err) && strcmp(ti_commune_region(v), "11") == 0);
	ti_commune_departement(v, buf);
	CHECK_STR(buf, "75");

	CHECK_ERR(ti_commune_parse(S("1001"), &v, &err), err, TI_BAD_TEXT, "expected 5 characters, found 4");
	CHECK(strstr(err.hint, "did you mean \"01001\"") != NULL);
	CHECK_ERR(ti_commune_parse(S("010011"), &v, &err), err, TI_BAD_TEXT, "found 6");
	CHECK_ERR(ti_commune_parse(S("20004"), &v, &err), err, TI_BAD_TEXT, "\"20\" is not a département code");
	CHECK(strstr(err.hint, "2A") != NULL);
	CHECK_ERR(ti_commune_parse(S("00001"), &v, &err), err, TI_BAD_TEXT, "\"00\" is not a département code");
	CHECK_ERR(ti_commune_parse(S("96001"), &v, &err), err, TI_BAD_TEXT, "\"96\" is not a département code");
	CHECK_ERR(ti_commune_parse(S("97901"), &v, &err), err, TI_BAD_TEXT, "\"979\" is not an overseas");
	CHECK_ERR(ti_commune_parse(S("98501"), &v, &err), err, TI_BAD_TEXT, "\"985\" is not an overseas");
	CHECK_ERR(ti_commune_parse(S("97000"), &v, &err), err, TI_BAD_TEXT, "\"970\" is not an overseas");
	CHECK_ERR(ti_commune_parse(S("01000"), &v, &err), err, TI_BAD_TEXT, "no commune is numbered 0");
	CHECK_ERR(ti_commune_parse(S("97100"), &v, &err), err, TI_BAD_TEXT, "no commune is numbered 0");
	CHECK_ERR(ti_commune_parse(S("2C004"), &v, &err), err, TI_BAD_TEXT, "\"C\" at position 2");
	CHECK_ERR(ti_commune_parse(S("3A004"), &v, &err), err, TI_BAD_TEXT, "\"A\" at position 2");
	CHECK_ERR(ti_commune_parse(S(""), &v, &err), err, TI_BAD_TEXT, "found 0");
}

static void
territory(void)
{
	ti_error	err;
	int16_t		v;
	char		buf[8];

	CHECK(ti_code_parse(S("ti-8413"), &v, &err) && v == 8413);
	ti_code_format(v, buf);
	CHECK_STR(buf, "ti-8413");
	ti_code_region(v, buf);
	CHECK_STR(buf, "84");
	CHECK(ti_code_parse(S(" TI-0101 "), &v, &err) && v == 101);
	ti_code_format(v, buf);
	CHECK_STR(buf, "ti-0101");
	ti_code_region(v, buf);
	CHECK_STR(buf, "01");
	CHECK_ERR(ti_code_parse(S("ti-9901"), &v, &err), err, TI_BAD_TEXT, "\"99\" is not a region code");
	CHECK_ERR(ti_code_parse(S("ti-0501"), &v, &err), err, TI_BAD_TEXT, "\"05\" is not a region code");
	CHECK_ERR(ti_code_parse(S("ti-841"), &v, &err), err, TI_BAD_TEXT, "expected ti-RRNN");
	CHECK_ERR(ti_code_parse(S("tx-8413"), &v, &err), err, TI_BAD_TEXT, "expected ti-RRNN");
	CHECK_ERR(ti_code_parse(S("ti-84a3"), &v, &err), err, TI_BAD_TEXT, "expected ti-RRNN");
	CHECK(ti_code_check(7510, &err));
	CHECK_ERR(ti_code_check(9901, &err), err, TI_BAD_PARAMETER, "not a territory id");
	CHECK_ERR(ti_code_check(-1, &err), err, TI_BAD_PARAMETER, "not a territory id");
	CHECK(ti_is_region_code(94) && !ti_is_region_code(5) && !ti_is_region_code(975));
}

void
test_identifiers(void)
{
	siren();
	siret();
	commune();
	territory();
}
