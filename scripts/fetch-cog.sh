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
"$ROOT/scripts/fetch-npm.sh" "$DIR" "$PACKAGE" "$VERSION" "$INTEGRITY" package/data/communes.json
echo "$DIR/package/data"
