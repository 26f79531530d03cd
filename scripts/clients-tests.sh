#!/bin/bash
# terrind through the real clients its users have, inside a throwaway
# cluster (scripts/with-cluster.sh): the Python package installed by pip into
# a virtualenv over Debian's psycopg 3, psycopg2 and pandas; pgJDBC through a
# small Java program; ogr2ogr of every GIS layer (doc/spatial.md) to GeoPackage, which must
# print no warning.  Writes one-line results to $1/*.result.
set -uo pipefail
cd "$(dirname "$0")/.."
LOG=$1
rc=0

createdb terrind_clients && psql -X -q -d terrind_clients -f test/clients/setup.sql > "$LOG/clients-setup.out" 2>&1 ||
    { cat "$LOG/clients-setup.out"; exit 1; }
createdb terrind_gis && psql -X -q -d terrind_gis -f test/clients/gis_setup.sql > "$LOG/gis-setup.out" 2>&1 ||
    { cat "$LOG/gis-setup.out"; exit 1; }

# pip builds in a copy: the checkout stays clean and may be read-only
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r clients/python "$work/src"
/usr/bin/python3 -m venv --system-site-packages "$work/venv" &&
    "$work/venv/bin/pip" install -q --no-build-isolation --no-index "$work/src" > "$LOG/pip.out" 2>&1 ||
    { cat "$LOG/pip.out"; echo "pip install FAILED" > "$LOG/python.result"; rc=1; }
if PGDATABASE=terrind_clients "$work/venv/bin/python" test/clients/python_drivers.py > "$LOG/python.out" 2>&1; then
    tail -n1 "$LOG/python.out" > "$LOG/python.result"
else
    rc=1; cat "$LOG/python.out"; echo "FAILED" > "$LOG/python.result"
fi

if PGDATABASE=terrind_clients java -cp /usr/share/java/postgresql.jar test/clients/JdbcCheck.java > "$LOG/jdbc.out" 2>&1; then
    tail -n1 "$LOG/jdbc.out" > "$LOG/jdbc.result"
else
    rc=1; cat "$LOG/jdbc.out"; echo "FAILED" > "$LOG/jdbc.result"
fi

# every GIS layer (a view in geometry_columns with an fid), to GeoPackage
layers=$(psql -X -qAt -d terrind_gis -f test/clients/gis_layers.sql)
bad=()
for layer in $layers; do
    if ! ogr2ogr -f GPKG "$work/$layer.gpkg" "PG:dbname=terrind_gis" "terrind.$layer" > "$LOG/ogr-$layer.out" 2>&1 ||
       [ -s "$LOG/ogr-$layer.out" ]; then
        bad+=("$layer"); cat "$LOG/ogr-$layer.out"
    fi
done
if [ ${#bad[@]} -eq 0 ]; then
    echo "$(echo $layers | wc -w) layers to GeoPackage without a warning" > "$LOG/ogr.result"
else
    rc=1; echo "FAILED: ${bad[*]}" > "$LOG/ogr.result"
fi
exit $rc
