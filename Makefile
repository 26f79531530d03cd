# terrind: PGXS build.  `make && make install`, then see README.md and doc/.
EXTENSION = terrind
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = terrind
CORE_SRCS = $(wildcard src/core/*.c)
OBJS = $(patsubst %.c,%.o,$(wildcard src/*.c) $(CORE_SRCS))
PG_CPPFLAGS = -Isrc/core
PG_CFLAGS = -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers

# The install script of the current version is assembled from sql/schema/:
# a header, the scalar-type template instantiated once per
# type:base:context of the casts from text:category below,
# then the topic files in order.  When a version is released its install and
# upgrade scripts are frozen in sql/ (terrind--0.1.0.sql, terrind--0.2.0.sql,
# terrind--0.1.0--0.2.0.sql); from then on `make release-check` (run by the
# test command) requires sql/schema/ to assemble to exactly the frozen
# scripts, so the SQL surface changes only in a new version (doc/upgrading.md,
# "Upgrading").
RELEASED_SCALAR_TYPES = siren:int4:IMPLICIT:U siret:int8:IMPLICIT:U commune_code:int4:IMPLICIT:U \
	ti_code:int2:IMPLICIT:U eur:int8:ASSIGNMENT:N need:int2:IMPLICIT:U
NEW_SCALAR_TYPES =
RELEASED_PARTS = $(addprefix sql/schema/,identifiers.sql eur.sql reference.sql territories.sql loaders.sql spatial.sql funding.sql funding_lines.sql eligibility.sql eligibility_facts.sql eligibility_scenarios.sql)
# topics that are new since the previous release, in install order
NEW_PARTS = sql/schema/programme.sql sql/schema/gis_layers.sql sql/schema/bi.sql
SCHEMA_PARTS = $(RELEASED_PARTS) $(NEW_PARTS)
BUILT_SCRIPT = build/$(EXTENSION)--$(EXTVERSION).sql

# The upgrade script from the previous release: changes to its objects, one
# file per topic in sql/schema/upgrade/PREV--CUR/ (in name order; a .sql.in
# is a template instantiated for each released scalar type), then the new
# topics.  Once a version is released its upgrade script is frozen in sql/
# like its install script.
PREVIOUS_VERSION = 0.2.0
UPGRADE_CHANGES = $(sort $(wildcard $(addprefix sql/schema/upgrade/$(PREVIOUS_VERSION)--$(EXTVERSION)/,*.sql *.sql.in)))
BUILT_UPGRADE = build/$(EXTENSION)--$(PREVIOUS_VERSION)--$(EXTVERSION).sql

FROZEN_SCRIPTS = $(wildcard sql/$(notdir $(BUILT_SCRIPT)) sql/$(notdir $(BUILT_UPGRADE)))
DATA = $(wildcard sql/$(EXTENSION)--*.sql) $(if $(FROZEN_SCRIPTS),,$(BUILT_SCRIPT) $(BUILT_UPGRADE))

# pg_regress: sql/<test>.sql against expected/<test>.out
REGRESS = $(sort $(filter-out $(EXTENSION)--%,$(basename $(notdir $(wildcard sql/*.sql)))))
REGRESS_OPTS = --inputdir=. --load-extension=postgis --load-extension=$(EXTENSION)

# the Debian roots of make matrix (build/matrix) outlive make clean: make matrix-clean
EXTRA_CLEAN = $(filter-out build/matrix,$(wildcard build/*)) test/unit/run-unit test/unit/run-unit-sanitized test/fuzz/bin \
	results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies (without --enable-depend): rebuild the
# objects and their bitcode when a header changes
$(OBJS) $(OBJS:.o=.bc): $(wildcard src/*.h src/core/*.h)

all: $(BUILT_SCRIPT) $(BUILT_UPGRADE)

# instantiate a template (default: the scalar-type one) for each
# type:base:context:category given
scalar_types = for t in $(1); do \
	  set -- $$(echo $$t | tr : ' '); \
	  sed -e "s/@TYPE@/$$1/g" -e "s/@BASE@/$$2/g" -e "s/@FROM_TEXT@/$$3/g" -e "s/@CATEGORY@/$$4/g" \
	      $(or $(2),sql/schema/scalar_type.sql.in); \
	done

$(BUILT_SCRIPT): sql/schema/header.sql sql/schema/scalar_type.sql.in $(SCHEMA_PARTS) $(EXTENSION).control Makefile
	@mkdir -p build
	{ cat sql/schema/header.sql; \
	  $(call scalar_types,$(RELEASED_SCALAR_TYPES) $(NEW_SCALAR_TYPES)); \
	  cat $(SCHEMA_PARTS); } > $@

$(BUILT_UPGRADE): sql/schema/header.sql sql/schema/scalar_type.sql.in $(UPGRADE_CHANGES) $(dir $(firstword $(UPGRADE_CHANGES))) $(NEW_PARTS) Makefile
	@mkdir -p build
	{ sed 's/CREATE EXTENSION terrind/ALTER EXTENSION terrind UPDATE/' sql/schema/header.sql; \
	  $(foreach f,$(UPGRADE_CHANGES),$(if $(filter %.in,$(f)),$(call scalar_types,$(RELEASED_SCALAR_TYPES),$(f)),cat $(f));) \
	  $(call scalar_types,$(NEW_SCALAR_TYPES)); \
	  $(if $(NEW_PARTS),cat $(NEW_PARTS);) } > $@

# A released version: its frozen scripts are what sql/schema/ assembles to.
release-check: $(BUILT_SCRIPT) $(BUILT_UPGRADE)
	@if [ -z "$(FROZEN_SCRIPTS)" ]; then \
	  echo "version $(EXTVERSION) is under development (not frozen in sql/)"; \
	else \
	  for f in $(BUILT_SCRIPT) $(BUILT_UPGRADE); do \
	    cmp -s $$f sql/$${f#build/} || { diff -u sql/$${f#build/} $$f | head -40; \
	      echo "$${f#build/}: sql/schema/ no longer assembles to the released script; changes go into a new version"; exit 1; }; \
	  done; echo "version $(EXTVERSION) is released: sql/schema/ assembles to its frozen scripts"; \
	fi

.PHONY: release-check

# Install into build/destdir for scripts/with-cluster.sh (tests, demo, bench).
# Without the LLVM bitcode (JIT inlining only): PGXS installs it through
# make functions that split a path with spaces.
stage: all
	$(MAKE) install with_llvm=no DESTDIR='$(CURDIR)/build/destdir'

.PHONY: stage

# Benchmarks (bench/*.sql) in a throwaway cluster; prints one table of
# figures and ratios.  BENCH_SUITES and BENCH_SCALE select and shrink.
BENCH_CLUSTER_OPTS = -o shared_buffers=1GB -o work_mem=256MB -o max_parallel_workers_per_gather=2
# the spatial suite compares with geopandas (Debian's, with psycopg 3)
BENCH_DEPS = /usr/lib/python3/dist-packages/geopandas=python3-geopandas \
	/usr/lib/python3/dist-packages/psycopg=python3-psycopg
bench: stage
	scripts/install-deps.sh $(BENCH_DEPS)
	TERRIND_CLUSTER_OPTS="$(BENCH_CLUSTER_OPTS)" scripts/with-cluster.sh bench/run.sh

.PHONY: bench

# The version matrix, as root: the test command and the demo in a Debian root
# per release (scripts/matrix.sh), kept in build/matrix/ between runs.
MATRIX_RELEASES = bookworm trixie sid
matrix:
	scripts/matrix.sh $(MATRIX_RELEASES)

matrix-clean:
	@if grep -q ' $(CURDIR)/build/matrix/' /proc/mounts; then \
	  echo "build/matrix: something is still mounted there (a matrix run?)"; exit 1; fi
	rm -rf build/matrix

.PHONY: matrix matrix-clean

# ---------------------------------------------------------------- C unit tests
# The plain-C core builds without PostgreSQL; run-unit-sanitized adds ASan
# and UBSan (clang or gcc).
UNIT_SRCS = $(CORE_SRCS) $(wildcard test/unit/*.c)
UNIT_CC ?= cc
UNIT_CFLAGS = -std=c99 -g -O1 -Wall -Wextra -Werror -Isrc/core -Itest/unit
SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

test/unit/run-unit: $(UNIT_SRCS) $(wildcard src/core/*.h test/unit/*.h)
	$(UNIT_CC) $(UNIT_CFLAGS) -o $@ $(UNIT_SRCS) -lm

test/unit/run-unit-sanitized: $(UNIT_SRCS) $(wildcard src/core/*.h test/unit/*.h)
	$(UNIT_CC) $(UNIT_CFLAGS) $(SANITIZE) -o $@ $(UNIT_SRCS) -lm

unit: test/unit/run-unit test/unit/run-unit-sanitized
	test/unit/run-unit
	test/unit/run-unit-sanitized

.PHONY: unit

# ---------------------------------------------------------------- fuzzing
# One libFuzzer target per test/fuzz/fuzz_<name>.c, linked with all of
# src/core (built once with coverage instrumentation), seeded from
# test/fuzz/corpus/<name>/.  `make fuzz` runs each for FUZZ_SECONDS;
# `make fuzz-smoke` (scripts/test.sh) for a few seconds, which also replays
# every seed, crashes found earlier included.  See scripts/fuzz.sh.
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS = $(patsubst test/fuzz/%.c,test/fuzz/bin/%,$(wildcard test/fuzz/fuzz_*.c))
FUZZ_CORE_OBJS = $(patsubst src/core/%.c,test/fuzz/bin/core/%.o,$(CORE_SRCS))
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 3

test/fuzz/bin/core/%.o: src/core/%.c $(wildcard src/core/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Isrc/core -c -o $@ $<

test/fuzz/bin/fuzz_%: test/fuzz/fuzz_%.c test/fuzz/fuzz.h $(FUZZ_CORE_OBJS)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc/core -Itest/fuzz -o $@ $< $(FUZZ_CORE_OBJS) -lm

fuzz-build: $(FUZZ_TARGETS)

fuzz: fuzz-build
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

.PHONY: fuzz-build fuzz fuzz-smoke

# ---------------------------------------------------------------- soak
# SOAK_CLIENTS pgbench clients for SOAK_SECONDS on test/soak/ workloads while
# one client reloads the data (scripts/soak.sh).  Not in CI.
SOAK_SECONDS ?= 60
SOAK_CLIENTS ?= 8

soak: stage
	SOAK_SECONDS=$(SOAK_SECONDS) SOAK_CLIENTS=$(SOAK_CLIENTS) scripts/with-cluster.sh scripts/soak.sh

.PHONY: soak

# ---------------------------------------------------------------- QGIS
# Every GIS layer opened in headless QGIS 3.22 as the browser adds it:
# valid, feature count, distinct feature ids, every field, rendered to
# build/qgis/*.png.  Installs qgis and python3-qgis (large): not in CI.
qgis-check: stage
	scripts/install-deps.sh python3-qgis qgis-providers
	scripts/with-cluster.sh scripts/qgis-check.sh

.PHONY: qgis-check

# ---------------------------------------------------------------- valgrind
# The SQL suites with the server under valgrind memcheck; reports the errors
# attributed to terrind (there must be none).  Several minutes: not in CI.
valgrind-check: stage
	scripts/install-deps.sh valgrind
	scripts/with-cluster.sh scripts/valgrind-check.sh

.PHONY: valgrind-check
