#!/bin/bash
# The terrind demo on a fresh machine: install what is missing, build,
# fetch the real COG reference geography (npm, pinned and checked), check
# ANCT's official programme files shipped in data/anct/ (sha256), then in a
# throwaway cluster load both, print a report on the real programme, and
# locate and map the territories on ANCT's département and region
# boundaries.  Only the npm download (COG) needs the network.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
make -s stage >/dev/null
COG=$(scripts/fetch-cog.sh)
ANCT=$(scripts/anct-data.sh)
export DEMO_OUT=${DEMO_OUT:-$PWD/build/demo}
mkdir -p "$DEMO_OUT"
scripts/with-cluster.sh psql -X -q -v cog="$COG" -v anct="$ANCT" -v out="$DEMO_OUT" -f demo/demo.sql 2>&1 \
    | grep -v -e '^Creating new PostgreSQL cluster' -e '^Dropping cluster'
