/*
 * specialisation.c: specificity() and the aggregates krugman() and
 * gini_specialisation() (core/specialisation.h does the maths).
 *
 * Both aggregates collect a zone's (X(ik), X(k)) pairs in the state type
 * specialisation_state, since neither index can be computed before the
 * totals are known.  The state is a varlena with room to grow: inside an
 * aggregate it is appended to in place, and when full a copy twice as large
 * is returned (the executor moves it into the aggregate's memory), so a
 * zone of n sectors costs O(n).  Its text form is [[x_ik,x_k],...] (what
 * Citus ships between nodes), its binary form core's ti_sectors_to_bytes.
 */
#include "postgres.h"
#include "pg_compat.h"

#include "fmgr.h"
#include "libpq/pqformat.h"

#include "boundary.h"
#include "specialisation.h"

PG_FUNCTION_INFO_V1(specialisation_specificity);
Datum
specialisation_specificity(PG_FUNCTION_ARGS)
{
	double		r;
	bool		defined;
	ti_error	err;

	TI_CHECK(ti_specificity(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
							PG_GETARG_FLOAT8(3), &r, &defined, &err), &err);
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

/* ----------------------------------------------------------- the state */

typedef struct sectors_state
{
	int32		vl_len_;
	uint32		count;
	uint32		unused;			/* the sectors' doubles stay 8-aligned */
	ti_sector	sectors[FLEXIBLE_ARRAY_MEMBER];
} sectors_state;

#define STATE_SIZE(n) (offsetof(sectors_state, sectors) + (n) * sizeof(ti_sector))
#define STATE_CAPACITY(st) ((VARSIZE(st) - offsetof(sectors_state, sectors)) / sizeof(ti_sector))
/* more sectors than any nomenclature has, far below the 1 GB varlena limit */
#define MAX_SECTORS (1 << 24)

static sectors_state *
new_state(size_t capacity)
{
	sectors_state *st;

	if (capacity > MAX_SECTORS)
	{
		ti_error	err;

		ti_fail(&err, TI_LIMIT_EXCEEDED, "too many sectors for one zone: more than %d", MAX_SECTORS);
		ti_raise(&err);
	}
	st = palloc0(STATE_SIZE(capacity));
	SET_VARSIZE(st, STATE_SIZE(capacity));
	return st;
}

static sectors_state *
state_arg(FunctionCallInfo fcinfo, int argno)
{
	/* a state that went through a tuple may have a short header: detoast */
	return (sectors_state *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
}

/*
 * The state argument with room for `more` sectors: itself inside an
 * aggregate when there is room, else a copy (twice as large in an aggregate).
 */
static sectors_state *
writable_state(FunctionCallInfo fcinfo, size_t more)
{
	sectors_state *st = state_arg(fcinfo, 0);
	bool		in_aggregate = AggCheckCallContext(fcinfo, NULL) != 0;
	size_t		need = st->count + more;
	size_t		capacity = in_aggregate ? Max(16, 2 * need) : need;
	sectors_state *copy;

	if (in_aggregate && need <= STATE_CAPACITY(st))
		return st;
	copy = new_state(need <= MAX_SECTORS ? Min(capacity, MAX_SECTORS) : need);
	copy->count = st->count;
	memcpy(copy->sectors, st->sectors, st->count * sizeof(ti_sector));
	return copy;
}

PG_FUNCTION_INFO_V1(specialisation_state_in);
Datum
specialisation_state_in(PG_FUNCTION_ARGS)
{
	const char *s;
	size_t		len;
	sectors_state *st;
	size_t		n;
	ti_error	err;

	TI_INPUT_ARG(s, len);
	st = new_state(ti_sectors_max_in_text(len));
	if (!ti_sectors_parse(s, len, st->sectors, &n, &err))
		TI_INPUT_ERROR(&err);
	st->count = (uint32) n;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(specialisation_state_out);
Datum
specialisation_state_out(PG_FUNCTION_ARGS)
{
	sectors_state *st = state_arg(fcinfo, 0);
	size_t		len = ti_sectors_format(st->sectors, st->count, NULL, 0);
	char	   *buf = palloc(len + 1);

	ti_sectors_format(st->sectors, st->count, buf, len + 1);
	TI_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(specialisation_state_recv);
Datum
specialisation_state_recv(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *bytes = ti_message_rest(fcinfo, &len);
	sectors_state *st;
	size_t		n;
	ti_error	err;

	TI_CHECK(ti_sectors_bytes_count(bytes, len, &n, &err), &err);
	st = new_state(n);
	TI_CHECK(ti_sectors_from_bytes(bytes, len, st->sectors, &err), &err);
	st->count = (uint32) n;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(specialisation_state_send);
Datum
specialisation_state_send(PG_FUNCTION_ARGS)
{
	sectors_state *st = state_arg(fcinfo, 0);
	size_t		len = TI_SECTORS_HEADER + st->count * TI_SECTOR_BYTES;
	uint8_t    *bytes = palloc(len);
	StringInfoData buf;

	ti_sectors_to_bytes(st->sectors, st->count, bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, (int) len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ------------------------------------------------------ the aggregates */

PG_FUNCTION_INFO_V1(specialisation_accum);
Datum
specialisation_accum(PG_FUNCTION_ARGS)
{
	double		x_ik = PG_GETARG_FLOAT8(1);
	double		x_k = PG_GETARG_FLOAT8(2);
	sectors_state *st;
	ti_error	err;

	TI_CHECK(ti_sector_check(x_ik, x_k, &err), &err);
	st = writable_state(fcinfo, 1);
	st->sectors[st->count].zone = x_ik;
	st->sectors[st->count++].area = x_k;
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(specialisation_combine);
Datum
specialisation_combine(PG_FUNCTION_ARGS)
{
	sectors_state *other = state_arg(fcinfo, 1);
	sectors_state *st = writable_state(fcinfo, other->count);

	memcpy(st->sectors + st->count, other->sectors, other->count * sizeof(ti_sector));
	st->count += other->count;
	PG_RETURN_POINTER(st);
}

/* Final functions leave the state alone: window aggregates call them again. */
PG_FUNCTION_INFO_V1(krugman_final);
Datum
krugman_final(PG_FUNCTION_ARGS)
{
	sectors_state *st = state_arg(fcinfo, 0);
	double		k;

	if (!ti_krugman(st->sectors, st->count, &k))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(k);
}

PG_FUNCTION_INFO_V1(gini_specialisation_final);
Datum
gini_specialisation_final(PG_FUNCTION_ARGS)
{
	sectors_state *st = state_arg(fcinfo, 0);
	ti_sector  *scratch = palloc(Max(st->count, 1) * sizeof(ti_sector));
	double		g;

	if (!ti_gini_specialisation(st->sectors, st->count, scratch, &g))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(g);
}
