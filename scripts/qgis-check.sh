#!/bin/bash
# make qgis-check: every GIS layer opened in headless QGIS 3.22
# (test/clients/qgis_check.py) in a throwaway cluster; PNGs in build/qgis/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/qgis
createdb terrind_gis
psql -X -q -d terrind_gis -f test/clients/gis_setup.sql > build/qgis/setup.out 2>&1 || { cat build/qgis/setup.out; exit 1; }
PGDATABASE=terrind_gis QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$(mktemp -d) \
    /usr/bin/python3 test/clients/qgis_check.py build/qgis
