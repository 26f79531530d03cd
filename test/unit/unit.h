/*
 * unit.h: the smallest harness that does the job for the plain-C core.
 * Each CHECK counts; a failure prints where and why and the run goes on.
 */
#ifndef TERRIND_UNIT_H
#define TERRIND_UNIT_H

#include <stdio.h>
#include <string.h>

#include "error.h"

extern int	unit_checks;
extern int	unit_failures;

#define CHECK(cond) \
	do { \
		unit_checks++; \
		if (!(cond)) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		unit_checks++; \
		if (strcmp(g_, w_) != 0) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_); \
		} \
	} while (0)

/* The call failed with this kind and its message contains `part`. */
#define CHECK_ERR(call, err, want_kind, part) \
	do { \
		unit_checks++; \
		if ((call) || (err).kind != (want_kind) || strstr((err).message, (part)) == NULL) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: %s: want error %d containing \"%s\", got %d \"%s\"\n", \
					__FILE__, __LINE__, #call, (int) (want_kind), (part), (int) (err).kind, (err).message); \
		} \
	} while (0)

void		test_apportion(void);
void		test_funding(void);
void		test_identifiers(void);
void		test_limits(void);
void		test_eur(void);
void		test_rule(void);
void		test_specialisation(void);
void		test_wide_int(void);
void		test_csv(void);

#endif
