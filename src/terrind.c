/*
 * terrind.c: the module's entry point and its settings.  Each feature's
 * SQL-callable functions live in the file named after it; the algorithms
 * live in src/core, which knows nothing of PostgreSQL.
 */
#include "postgres.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

#include "error.h"

#include <limits.h>

PG_MODULE_MAGIC;

void		_PG_init(void);

/* doc/troubleshooting.md, "Limits", says what each bounds and why */
static int	max_repair_vertices = 100000;
static int	max_reported_problems = 100;

/* for the core's loops: a cancel, a timeout or a terminate is pending */
static bool
interrupt_pending(void)
{
	return INTERRUPTS_PENDING_CONDITION() && INTERRUPTS_CAN_BE_PROCESSED() &&
		(QueryCancelPending || ProcDiePending);
}

void
_PG_init(void)
{
	ti_interrupt_pending = interrupt_pending;
	DefineCustomIntVariable("terrind.max_repair_vertices",
							"Largest invalid geometry, in vertices, that the loaders and overlay repair with ST_MakeValid.",
							"ST_MakeValid on large invalid geometries can run for hours, deaf to cancel; larger ones are refused with SQLSTATE 54000.",
							&max_repair_vertices, 100000, 4, INT_MAX,
							PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("terrind.max_reported_problems",
							"Number of problems a rejected load lists in its error DETAIL.",
							"The full list stays queryable in pg_temp.terrind_load_problems until the session ends.",
							&max_reported_problems, 100, 1, INT_MAX,
							PGC_USERSET, 0, NULL, NULL, NULL);
	MarkGUCPrefixReserved("terrind");
}

PG_FUNCTION_INFO_V1(max_repair_vertices_setting);
Datum
max_repair_vertices_setting(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(max_repair_vertices);
}

PG_FUNCTION_INFO_V1(max_reported_problems_setting);
Datum
max_reported_problems_setting(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(max_reported_problems);
}
