#!/bin/bash
# The checkout's location does not matter: a copy of this checkout's sources in a
# folder only its owner can enter (mode 0700, like /root or mktemp -d), in a
# path with spaces, builds, stages and serves terrind to a throwaway cluster
# (whose server runs as postgres when this runs as root): CREATE EXTENSION,
# an upgrade from a released version and a query.  Writes a one-line result
# to $1.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
result=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
copy="$work/a checkout with spaces"
fail() { echo "location: $*"; echo "FAILED: $*" > "$result"; exit 1; }

mkdir "$copy"
# what building, staging and the throwaway cluster need (a checkout may have no .git)
tar --exclude='*.o' --exclude='*.bc' --exclude='*.so' -cf - Makefile terrind.control sql src scripts |
    tar -C "$copy" -xf - || fail "cannot copy the checkout"
make -s -C "$copy" -j2 stage >/dev/null || fail "make stage in '$copy'"
old=$(ls sql/terrind--*.sql | sed -n 's|^sql/terrind--\([0-9.]*\)\.sql$|\1|p' | sort -V | tail -n1)
"$copy/scripts/with-cluster.sh" psql -X -q -At -v ON_ERROR_STOP=1 -o "$work/out" \
    -c 'CREATE EXTENSION terrind CASCADE' \
    -c "SELECT '732829320'::terrind.siren" \
    -c 'CREATE DATABASE upgraded' \
    -c '\c upgraded' \
    -c "CREATE EXTENSION terrind VERSION '$old' CASCADE" -c 'ALTER EXTENSION terrind UPDATE' \
    -c "SELECT extversion FROM pg_extension WHERE extname = 'terrind'" > "$work/log" 2>&1 ||
    { cat "$work/log"; fail "the cluster cannot load terrind from '$copy'"; }
printf '732829320\n%s\n' "$(sed -n "s/^default_version = '\(.*\)'/\1/p" terrind.control)" |
    diff -u - "$work/out" || fail "unexpected output"
echo "a 0700 folder with spaces, server as $([ "$(id -u)" -eq 0 ] && echo postgres || echo "$(id -un)"): CREATE EXTENSION, upgrade from $old, query" > "$result"
echo "location: $(cat "$result")"
