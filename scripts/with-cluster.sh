#!/bin/bash
# Run a command in a throwaway PostgreSQL cluster (pg_virtualenv) that loads
# terrind from the staged install in build/destdir (`make stage`), so that
# tests, the demo and benchmarks never touch the system's extension files.
# The cluster lives in a temporary directory on a free port, so several can
# run at once.  The server is the one of pg_config (or $PG_CONFIG).  Extra
# postgresql.conf settings: TERRIND_CLUSTER_OPTS="-o work_mem=64MB ...".
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PG_CONFIG=${PG_CONFIG:-pg_config}
LIBDIR=$("$PG_CONFIG" --pkglibdir)
SHAREDIR=$("$PG_CONFIG" --sharedir)
MAJOR=$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
[ -f "$ROOT/build/destdir$LIBDIR/terrind.so" ] || { echo "with-cluster: run 'make stage' first" >&2; exit 1; }

# Run as root, pg_virtualenv starts the server as postgres, which cannot
# read a checkout under a 0700 folder (/root, mktemp -d, many homes).  The
# server reads a copy of the staged install in a directory of its own in
# /tmp (world-searchable), whatever the checkout's path and modes.
DEST=$(mktemp -d /tmp/terrind-ext.XXXXXX)
trap 'rm -rf "$DEST"' EXIT
cp -R "$ROOT/build/destdir/." "$DEST"
chmod -R a+rX "$DEST"
if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1 &&
   ! runuser -u postgres -- test -r "$DEST$SHAREDIR/extension/terrind.control"; then
    echo "with-cluster: the postgres user cannot read $DEST" >&2
    exit 1
fi
# Debian's servers up to 17 carry the extension_destdir patch; 18 has
# extension_control_path instead (the "extension" subdirectory is implied)
if [ "$MAJOR" -ge 18 ]; then
    ext_opt="extension_control_path=$DEST$SHAREDIR:\$system"
else
    ext_opt="extension_destdir=$DEST"
fi

# a port nobody listens on, picked at random to keep parallel runs apart
for _ in $(seq 50); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
export PGPORT=$port
# shellcheck disable=SC2086
pg_virtualenv -v "$MAJOR" -t -o "$ext_opt" -o "dynamic_library_path=$DEST$LIBDIR:\$libdir" \
    ${TERRIND_CLUSTER_OPTS:-} "$@"
