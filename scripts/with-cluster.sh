#!/bin/sh
# Run a command in a throwaway PostgreSQL cluster (pg_virtualenv) that loads
# terrind from the staged install in build/destdir (`make stage`), so that
# tests, the demo and benchmarks never touch the system's extension files.
# Extra postgresql.conf settings: TERRIND_CLUSTER_OPTS="-o work_mem=64MB ...".
# -t keeps the cluster in a temporary directory even as root, and the port
# is one no server's socket uses, so that runs from several work trees at
# once do not collide (pg_lsclusters inside the command shows its log).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=$ROOT/build/destdir
LIBDIR=$(pg_config --pkglibdir)
[ -f "$DEST$LIBDIR/terrind.so" ] || { echo "with-cluster: run 'make stage' first" >&2; exit 1; }
# pg_createcluster's own probe misses servers listening on 127.0.0.1 only;
# starting from a port drawn from our pid makes two runs unlikely to race.
PGPORT=$((5433 + $$ % 1000))
while [ -e "/var/run/postgresql/.s.PGSQL.$PGPORT" ]; do
    PGPORT=$((PGPORT + 1))
done
export PGPORT
# shellcheck disable=SC2086
exec pg_virtualenv -t -o "extension_destdir=$DEST" -o "dynamic_library_path=$DEST$LIBDIR:\$libdir" \
    ${TERRIND_CLUSTER_OPTS:-} "$@"
