/*
 * What differs between the PostgreSQL versions terrind builds against
 * (15 to 18), for the files that meet it.  Like every PostgreSQL header it
 * comes after postgres.h, which each .c file includes first.
 */
#ifndef TI_PG_COMPAT_H
#define TI_PG_COMPAT_H

/* PostgreSQL 16 moved the varlena macros (VARDATA_ANY, SET_VARSIZE...) here */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/* PostgreSQL 18 replaced pg_attribute_noreturn() by pg_noreturn, written first */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#endif
