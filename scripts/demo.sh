#!/bin/bash
# The terrind demo on a fresh machine: install what is missing, build,
# fetch the real COG reference geography (npm, pinned and checked), then in
# a throwaway cluster load it with illustrative programme data and print a
# report, then locate and map the territories on real département boundaries.
# Only the npm downloads (COG, boundaries) need the network.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
make -s stage >/dev/null
COG=$(scripts/fetch-cog.sh)
BOUNDARIES=$(scripts/fetch-boundaries.sh)
export DEMO_OUT=${DEMO_OUT:-$PWD/build/demo}
mkdir -p "$DEMO_OUT"
scripts/with-cluster.sh psql -X -q -v cog="$COG" -v boundaries="$BOUNDARIES" -v out="$DEMO_OUT" -f demo/demo.sql 2>&1 \
    | grep -v -e '^Creating new PostgreSQL cluster' -e '^Dropping cluster'
