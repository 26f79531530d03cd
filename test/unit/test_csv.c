#include "csv.h"
#include "unit.h"

/*
 * Render every record as "line:field|field|..." joined by newlines, or
 * "ERROR: message" at the first syntax error.
 */
static const char *
render(const char *text)
{
	static char out[2048];
	char		value[256];
	ti_csv		r;
	ti_csv_field f;
	ti_error	err;
	size_t		n = 0;
	bool		record_start = true;

	ti_csv_init(&r, text, strlen(text));
	out[0] = '\0';
	while (ti_csv_next_field(&r, &f, &err))
	{
		size_t		len = ti_csv_unescape(&f, value);

		value[len] = '\0';
		if (record_start)
			n += (size_t) snprintf(out + n, sizeof(out) - n, "%s%ld:", n ? "\n" : "", f.record_line);
		else
			n += (size_t) snprintf(out + n, sizeof(out) - n, "|");
		n += (size_t) snprintf(out + n, sizeof(out) - n, "%s", value);
		record_start = f.ends_record;
	}
	if (err.kind != TI_OK)
		snprintf(out, sizeof(out), "ERROR: %s", err.message);
	return out;
}

static char
separator_of(const char *text)
{
	ti_csv		r;

	ti_csv_init(&r, text, strlen(text));
	return r.separator;
}

void
test_csv(void)
{
	CHECK_STR(render("a,b\n1,2\n"), "1:a|b\n2:1|2");
	CHECK_STR(render("a,b\r\n1,2\r\n"), "1:a|b\n2:1|2");
	CHECK_STR(render("a,b\r1,2"), "1:a|b\n2:1|2");
	CHECK_STR(render("\xEF\xBB\xBFid;nom\nti-8413;Lezoux\n"), "1:id|nom\n2:ti-8413|Lezoux");
	CHECK_STR(render("a;b\n\n   \n1;2\n\n"), "1:a|b\n4:1|2");
	CHECK_STR(render("a,b,c\n1,,\n"), "1:a|b|c\n2:1||");
	CHECK_STR(render("x,\"Lacq, Pau; Tarbes\",y\n"), "1:x|Lacq, Pau; Tarbes|y");
	CHECK_STR(render("x,\"dit \"\"le\"\" bourg\"\n"), "1:x|dit \"le\" bourg");
	CHECK_STR(render("h1,h2\n\"two\nlines\",z\nnext,row\n"), "1:h1|h2\n2:two\nlines|z\n4:next|row");
	CHECK_STR(render("h1,h2\r\n\"two\r\nlines\",z\r\nnext,row\r\n"), "1:h1|h2\n2:two\r\nlines|z\n4:next|row");
	CHECK_STR(render("a, \"b\" ,c\n"), "1:a|b|c");
	CHECK_STR(render("a,b\n1,2"), "1:a|b\n2:1|2");
	CHECK_STR(render("only\n"), "1:only");
	CHECK_STR(render(""), "");
	CHECK_STR(render("\xEF\xBB\xBF"), "");
	CHECK_STR(render("a,\"\"\n"), "1:a|");
	CHECK_STR(render("a\tb\n1\t2\n"), "1:a|b\n2:1|2");
	CHECK_STR(render("a,b\n\"open,2\n3,4\n"), "ERROR: invalid CSV at line 2: quoted field never closed");
	CHECK_STR(render("a,b\n\"x\"y,2\n"), "ERROR: invalid CSV at line 2: unexpected \"y\" after a quoted field");

	CHECK(separator_of("id_ti;lib_ti;siren\n") == ';');
	CHECK(separator_of("id_ti,lib_ti,siren\n") == ',');
	CHECK(separator_of("\"a;b\",c,d\n") == ',');
	CHECK(separator_of("single\n") == ',');
	CHECK(separator_of("a\tb\tc\n") == '\t');
}
