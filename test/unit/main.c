#include "unit.h"

int			unit_checks = 0;
int			unit_failures = 0;

int
main(void)
{
	test_wide_int();
	test_identifiers();
	test_eur();
	test_csv();
	test_funding();
	test_apportion();
	test_limits();
	test_rule();
	test_specialisation();
	printf("unit tests: %d checks, %d failed\n", unit_checks, unit_failures);
	return unit_failures == 0 ? 0 : 1;
}
