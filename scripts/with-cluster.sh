#!/bin/sh
# Run a command in a throwaway PostgreSQL cluster (pg_virtualenv) that loads
# terrind from the staged install in build/destdir (`make stage`), so that
# tests, the demo and benchmarks never touch the system's extension files.
# Extra postgresql.conf settings: TERRIND_CLUSTER_OPTS="-o work_mem=64MB ...".
# -t keeps the cluster in a temporary directory even as root (on a free
# port), so that runs from several work trees at once do not collide
# (pg_lsclusters inside the command shows where its log is).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=$ROOT/build/destdir
LIBDIR=$(pg_config --pkglibdir)
[ -f "$DEST$LIBDIR/terrind.so" ] || { echo "with-cluster: run 'make stage' first" >&2; exit 1; }
# shellcheck disable=SC2086
exec pg_virtualenv -t -o "extension_destdir=$DEST" -o "dynamic_library_path=$DEST$LIBDIR:\$libdir" \
    ${TERRIND_CLUSTER_OPTS:-} "$@"
