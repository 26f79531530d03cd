#!/bin/sh
# Fetch the COG reference geography published by Etalab as the npm package
# @etalab/decoupage-administratif, at a pinned version whose integrity is
# checked, into build/cog/<version>/ (once); print the data directory.
# The network is needed only here.
set -eu
PACKAGE=@etalab/decoupage-administratif
VERSION=6.0.0          # COG 2026
INTEGRITY=sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ==

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/build/cog/$VERSION
TARBALL=$DIR/etalab-decoupage-administratif-$VERSION.tgz

if [ ! -f "$DIR/package/data/communes.json" ]; then
    mkdir -p "$DIR"
    if ! npm pack --silent --pack-destination "$DIR" "$PACKAGE@$VERSION" >"$DIR/npm.log" 2>&1; then
        echo "fetch-cog: could not download $PACKAGE@$VERSION from the npm registry." >&2
        echo "fetch-cog: the network is needed for this step only; npm said:" >&2
        tail -5 "$DIR/npm.log" >&2
        exit 1
    fi
    actual="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
    if [ "$actual" != "$INTEGRITY" ]; then
        echo "fetch-cog: integrity check failed for $PACKAGE@$VERSION" >&2
        echo "  expected $INTEGRITY" >&2
        echo "  got      $actual" >&2
        rm -f "$TARBALL"
        exit 1
    fi
    tar -xzf "$TARBALL" -C "$DIR"
fi
echo "$DIR/package/data"
