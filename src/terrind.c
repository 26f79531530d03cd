/*
 * terrind.c: the module's entry point.  Each feature's SQL-callable
 * functions live in the file named after it; the algorithms live in
 * src/core, which knows nothing of PostgreSQL.
 */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;
