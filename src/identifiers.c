/*
 * identifiers.c: SQL types siren, siret, commune_code and ti_code.
 *
 * Each is an integer under the hood (see core/identifiers.h), so comparison,
 * hashing and sorting reuse PostgreSQL's integer functions from SQL; this
 * file only converts between text or binary messages and that integer.
 * Binary formats: siren int4, siret int8, ti_code int2 (RRNN), all holding
 * the identifier's digits as a number; commune_code its 5 ASCII characters.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "identifiers.h"
#include "boundary.h"

/*
 * Text input and output share one shape for the four types: the core parser
 * or formatter does the work.
 */
#define TEXT_IO(name, ctype, parse, format, buflen, getarg, retval) \
PG_FUNCTION_INFO_V1(name##_in); \
Datum \
name##_in(PG_FUNCTION_ARGS) \
{ \
	const char *s; \
	size_t		len; \
	ctype		v; \
	ti_error	err; \
	TI_INPUT_ARG(s, len); \
	if (!parse(s, len, &v, &err)) \
		TI_INPUT_ERROR(&err); \
	retval(v); \
} \
PG_FUNCTION_INFO_V1(name##_out); \
Datum \
name##_out(PG_FUNCTION_ARGS) \
{ \
	char	   *buf = palloc(buflen); \
	format(getarg(0), buf); \
	TI_RETURN_CSTRING(buf); \
}

TEXT_IO(siren, int32_t, ti_siren_parse, ti_siren_format, TI_SIREN_LEN + 1,
		PG_GETARG_INT32, PG_RETURN_INT32)
TEXT_IO(siret, int64_t, ti_siret_parse, ti_siret_format, TI_SIRET_LEN + 1,
		PG_GETARG_INT64, PG_RETURN_INT64)
TEXT_IO(commune_code, int32_t, ti_commune_parse, ti_commune_format, TI_COMMUNE_LEN + 1,
		PG_GETARG_INT32, PG_RETURN_INT32)
TEXT_IO(ti_code, int16_t, ti_code_parse, ti_code_format, TI_CODE_LEN + 1,
		PG_GETARG_INT16, PG_RETURN_INT16)

/* A value read from a binary message or a cast, checked like text input. */
static void
check_or_raise(bool ok, ti_error *err, ti_error_kind kind)
{
	if (!ok)
	{
		err->kind = kind;
		ti_raise(err);
	}
}

static bytea *
send_int(int64 v, int bytes)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	if (bytes == 2)
		pq_sendint16(&buf, (int16) v);
	else if (bytes == 4)
		pq_sendint32(&buf, (int32) v);
	else
		pq_sendint64(&buf, v);
	return pq_endtypsend(&buf);
}

/* --------------------------------------------------------------- siren */

PG_FUNCTION_INFO_V1(siren_recv);
Datum
siren_recv(PG_FUNCTION_ARGS)
{
	int32		v = (int32) pq_getmsgint((StringInfo) PG_GETARG_POINTER(0), 4);
	ti_error	err;

	check_or_raise(ti_siren_check(v, &err), &err, TI_BAD_BINARY);
	PG_RETURN_INT32(v);
}

PG_FUNCTION_INFO_V1(siren_send);
Datum
siren_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(send_int(PG_GETARG_INT32(0), 4));
}

static Datum
siren_from_integer(int64 v)
{
	ti_error	err;

	TI_CHECK(ti_siren_check(v, &err), &err);
	return Int32GetDatum((int32) v);
}

PG_FUNCTION_INFO_V1(siren_from_int8);
Datum
siren_from_int8(PG_FUNCTION_ARGS)
{
	return siren_from_integer(PG_GETARG_INT64(0));
}

PG_FUNCTION_INFO_V1(siren_from_int4);
Datum
siren_from_int4(PG_FUNCTION_ARGS)
{
	return siren_from_integer(PG_GETARG_INT32(0));
}

PG_FUNCTION_INFO_V1(siren_to_int8);
Datum
siren_to_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_INT32(0));
}

/* --------------------------------------------------------------- siret */

PG_FUNCTION_INFO_V1(siret_recv);
Datum
siret_recv(PG_FUNCTION_ARGS)
{
	int64		v = pq_getmsgint64((StringInfo) PG_GETARG_POINTER(0));
	ti_error	err;

	check_or_raise(ti_siret_check(v, &err), &err, TI_BAD_BINARY);
	PG_RETURN_INT64(v);
}

PG_FUNCTION_INFO_V1(siret_send);
Datum
siret_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(send_int(PG_GETARG_INT64(0), 8));
}

PG_FUNCTION_INFO_V1(siret_siren);
Datum
siret_siren(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(ti_siret_siren(PG_GETARG_INT64(0)));
}

PG_FUNCTION_INFO_V1(siret_nic);
Datum
siret_nic(PG_FUNCTION_ARGS)
{
	char		buf[TI_NIC_LEN + 1];

	ti_siret_nic(PG_GETARG_INT64(0), buf);
	TI_RETURN_TEXT(buf, strlen(buf));
}

/* -------------------------------------------------------- commune_code */

PG_FUNCTION_INFO_V1(commune_code_recv);
Datum
commune_code_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			len = msg->len - msg->cursor;
	const char *bytes = pq_getmsgbytes(msg, len);
	int32_t		v;
	ti_error	err;

	check_or_raise(ti_commune_parse(bytes, len, &v, &err), &err, TI_BAD_BINARY);
	PG_RETURN_INT32(v);
}

PG_FUNCTION_INFO_V1(commune_code_send);
Datum
commune_code_send(PG_FUNCTION_ARGS)
{
	char		code[TI_COMMUNE_LEN + 1];
	StringInfoData buf;

	ti_commune_format(PG_GETARG_INT32(0), code);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, code, TI_COMMUNE_LEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(commune_code_departement);
Datum
commune_code_departement(PG_FUNCTION_ARGS)
{
	char		dep[4];

	ti_commune_departement(PG_GETARG_INT32(0), dep);
	TI_RETURN_TEXT(dep, strlen(dep));
}

PG_FUNCTION_INFO_V1(commune_code_region);
Datum
commune_code_region(PG_FUNCTION_ARGS)
{
	const char *region = ti_commune_region(PG_GETARG_INT32(0));

	if (region == NULL)
		PG_RETURN_NULL();
	TI_RETURN_TEXT(region, strlen(region));
}

/* ------------------------------------------------------------- ti_code */

PG_FUNCTION_INFO_V1(ti_code_recv);
Datum
ti_code_recv(PG_FUNCTION_ARGS)
{
	int16		v = (int16) pq_getmsgint((StringInfo) PG_GETARG_POINTER(0), 2);
	ti_error	err;

	check_or_raise(ti_code_check(v, &err), &err, TI_BAD_BINARY);
	PG_RETURN_INT16(v);
}

PG_FUNCTION_INFO_V1(ti_code_send);
Datum
ti_code_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(send_int(PG_GETARG_INT16(0), 2));
}

PG_FUNCTION_INFO_V1(ti_code_lead_region);
Datum
ti_code_lead_region(PG_FUNCTION_ARGS)
{
	char		region[3];

	ti_code_region(PG_GETARG_INT16(0), region);
	TI_RETURN_TEXT(region, strlen(region));
}
