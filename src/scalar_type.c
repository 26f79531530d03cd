/*
 * scalar_type.c: what sql/schema/scalar_type.sql.in declares for every
 * scalar type over an integer (siren, siret, commune_code, ti_code, eur,
 * need) beyond its base type's own functions: the transitions of min() and
 * max().  They are C functions of this module, not LANGUAGE internal
 * aliases of int4smaller and the like, because distributed planners (Citus)
 * look internal functions up by name for every row.
 */
#include "postgres.h"

#include "fmgr.h"

#define SMALLER_LARGER(type, get, ret) \
PG_FUNCTION_INFO_V1(type##_smaller); \
Datum \
type##_smaller(PG_FUNCTION_ARGS) \
{ \
	ret(Min(get(0), get(1))); \
} \
PG_FUNCTION_INFO_V1(type##_larger); \
Datum \
type##_larger(PG_FUNCTION_ARGS) \
{ \
	ret(Max(get(0), get(1))); \
}

SMALLER_LARGER(siren, PG_GETARG_INT32, PG_RETURN_INT32)
SMALLER_LARGER(siret, PG_GETARG_INT64, PG_RETURN_INT64)
SMALLER_LARGER(commune_code, PG_GETARG_INT32, PG_RETURN_INT32)
SMALLER_LARGER(ti_code, PG_GETARG_INT16, PG_RETURN_INT16)
SMALLER_LARGER(eur, PG_GETARG_INT64, PG_RETURN_INT64)
SMALLER_LARGER(need, PG_GETARG_INT16, PG_RETURN_INT16)
