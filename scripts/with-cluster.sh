#!/bin/bash
# Run a command in a throwaway PostgreSQL cluster (pg_virtualenv) that loads
# terrind from the staged install in build/destdir (`make stage`), so that
# tests, the demo and benchmarks never touch the system's extension files.
# The cluster lives in a temporary directory on a free port, so several can
# run at once.  Extra postgresql.conf settings:
# TERRIND_CLUSTER_OPTS="-o work_mem=64MB ...".
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=$ROOT/build/destdir
LIBDIR=$(pg_config --pkglibdir)
[ -f "$DEST$LIBDIR/terrind.so" ] || { echo "with-cluster: run 'make stage' first" >&2; exit 1; }

# a port nobody listens on, picked at random to keep parallel runs apart
for _ in $(seq 50); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
export PGPORT=$port
# shellcheck disable=SC2086
exec pg_virtualenv -t -o "extension_destdir=$DEST" -o "dynamic_library_path=$DEST$LIBDIR:\$libdir" \
    ${TERRIND_CLUSTER_OPTS:-} "$@"
