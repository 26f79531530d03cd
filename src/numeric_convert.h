/*
 * numeric_convert.h: fast conversions between numeric and double for the
 * values eligibility rules read from jsonb facts and write in explain().
 *
 * numeric_float8() and float8_numeric() go through text; these read and
 * write numeric's storage format directly (src/backend/utils/adt/numeric.c:
 * a varlena whose data is a 2-byte header, short or long, then base-10000
 * digits), which is numeric's on-disk format and so the same in every
 * PostgreSQL version.  Values outside the fast paths fall back to the
 * PostgreSQL functions.
 */
#ifndef TERRIND_NUMERIC_CONVERT_H
#define TERRIND_NUMERIC_CONVERT_H

#include "utils/numeric.h"

/* The double nearest to n, as numeric_float8() gives; infinite beyond double's range. */
double		numeric_to_double(Numeric n);

/* Room for a numeric made by double_to_numeric's fast path. */
typedef union numeric_buf
{
	int32		align;
	char		bytes[32];
} numeric_buf;

/*
 * d rounded to 15 significant digits, as float8_numeric() rounds, d finite:
 * built in buf when d is between 1e-8 and 1e15 in magnitude (or 0), else
 * palloc'd by float8_numeric().
 */
Numeric		double_to_numeric(double d, numeric_buf *buf);

#endif
