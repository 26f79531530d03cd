"""Open every terrind GIS layer in headless QGIS (Debian's qgis 3.22) as a
user adds it from the browser, with no key given (QGIS picks it from its own
key candidates, as the browser does for a view): the layer must be valid, have as many
features as the view has rows, one distinct feature id per feature, every
column of the view as a field, and render to PNG (in the folder given as the
first argument).  Connects with libpq's environment.  Run by `make
qgis-check` (scripts/qgis-check.sh)."""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsDataSourceUri, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsProviderRegistry, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
import psycopg2

out_dir = sys.argv[1]
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
db = psycopg2.connect("")
failures = 0


def check(label, ok, detail=""):
    global failures
    failures += not ok
    print(f"{'ok' if ok else 'FAILED'}: {label}{'' if ok else ': ' + detail}")


with db.cursor() as cur, open(os.path.join(os.path.dirname(__file__), "gis_layers.sql")) as f:
    cur.execute(f.read())
    layers = [r[0] for r in cur.fetchall()]
for name in layers:
    with db.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM terrind.{name}")
        rows = cur.fetchone()[0]
        cur.execute("SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
                    " AND NOT attisdropped AND attname <> 'geom' ORDER BY attnum", (f"terrind.{name}",))
        columns = [r[0] for r in cur.fetchall()]
    uri = QgsDataSourceUri()
    env = os.environ
    uri.setConnection(env.get("PGHOST", "localhost"), env.get("PGPORT", "5432"), env["PGDATABASE"],
                      env.get("PGUSER", ""), env.get("PGPASSWORD", ""))
    connection = QgsProviderRegistry.instance().providerMetadata("postgres").createConnection(uri.uri(False), {})
    keys = connection.table("terrind", name).primaryKeyColumns()
    check(f"{name}: QGIS's key candidate is fid", keys[:1] == ["fid"], str(keys))
    uri.setDataSource("terrind", name, "geom", "", keys[0] if keys else "")
    layer = QgsVectorLayer(uri.uri(False), name, "postgres")
    check(f"{name}: valid without a given key", layer.isValid(), "invalid layer")
    if not layer.isValid():
        continue
    features = list(layer.getFeatures())
    check(f"{name}: {rows} features", len(features) == rows == layer.featureCount(),
          f"{len(features)} read, featureCount {layer.featureCount()}")
    check(f"{name}: distinct feature ids", len({f.id() for f in features}) == rows,
          f"{len({f.id() for f in features})} distinct of {len(features)}")
    check(f"{name}: every column a field", layer.fields().names() == columns,
          f"{layer.fields().names()} for {columns}")
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setOutputSize(QSize(400, 300))
    extent = layer.extent()
    extent.grow(0.1)                     # points on a line, or one point, span no area
    settings.setExtent(extent)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    png = os.path.join(out_dir, f"{name}.png")
    check(f"{name}: renders to {png}", job.renderedImage().save(png, "png") and not job.errors(),
          str([e.message for e in job.errors()]))

app.exitQgis()
print(f"qgis: {len(layers)} layers, {'all passed' if not failures else f'{failures} FAILED'}")
sys.exit(1 if failures else 0)
