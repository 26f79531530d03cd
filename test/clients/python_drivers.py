"""terrind through Debian's psycopg 3, psycopg2 and pandas, with the terrind
Python package (clients/python) installed by pip: every type read in text and
binary, arrays, binary COPY both ways, parameters as drivers send them
(Python int as smallint, str, Decimal), SQLSTATEs, and pandas reading money as
numbers.  Connects with libpq's environment (PGHOST, PGDATABASE, ...) to a
database prepared by test/clients/setup.sql.  Prints one line per check."""
import sys
import warnings
from decimal import Decimal

import pandas
import psycopg
import psycopg2
import terrind.psycopg
import terrind.psycopg2

failures = 0


def check(label, got, want):
    global failures
    ok = got == want
    failures += not ok
    print(f"{'ok' if ok else 'FAILED'}: {label}" + ("" if ok else f": got {got!r}, expected {want!r}"))


ROW = (Decimal("-1234.56"), "732829320", "73282932000074", "2A004", "ti-8413", "transition_ecologique",
       {"recruter": Decimal("1.50"), "foncier": Decimal("2000.00")}, "population > 50000 and not has_metropole")
COLUMNS = "amount, siren, siret, commune, territory, need, breakdown, rule"
BINARY_COLUMNS = COLUMNS.replace(", rule", "")

with psycopg.connect() as conn:
    terrind.psycopg.register(conn)
    check("psycopg 3, text: every type", conn.execute(f"SELECT {COLUMNS} FROM all_types").fetchone(), ROW)
    with conn.cursor(binary=True) as cur:
        check("psycopg 3, binary: every type with a binary form",
              cur.execute(f"SELECT {BINARY_COLUMNS} FROM all_types").fetchone(), ROW[:-1])
        check("psycopg 3, binary: arrays",
              cur.execute("SELECT ARRAY[amount, -amount], ARRAY[territory] FROM all_types").fetchone(),
              ([Decimal("-1234.56"), Decimal("1234.56")], ["ti-8413"]))
    check("psycopg 3: sum(eur) without terrind in the search_path",
          conn.execute("SELECT sum(amount) FROM terrind.funding").fetchone()[0], Decimal("1234578.00"))
    check("psycopg 3: eur > Python int (sent as smallint)",
          conn.execute("SELECT count(*) FROM terrind.funding WHERE amount > %s", [5]).fetchone()[0], 2)
    check("psycopg 3, binary parameters: eur > Python int",
          conn.execute("SELECT count(*) FROM terrind.funding WHERE amount > %b", [1000000]).fetchone()[0], 1)
    check("psycopg 3: eur > Decimal",
          conn.execute("SELECT count(*) FROM terrind.funding WHERE amount > %s", [Decimal("10.095")]).fetchone()[0], 2)
    check("psycopg 3: ti_code = str",
          conn.execute("SELECT count(*) FROM terrind.funding WHERE territory_id = %s", ["ti-7510"]).fetchone()[0], 2)
    check("psycopg 3, binary parameters: ti_code = str",
          conn.execute("SELECT count(*) FROM terrind.funding WHERE territory_id = %b", ["ti-7510"]).fetchone()[0], 2)
    conn.execute("CREATE TEMP TABLE sink (LIKE all_types)")
    conn.execute("INSERT INTO sink (amount, territory) VALUES (%s, %s)", [7, "ti-7510"])
    check("psycopg 3: Python int and str into eur and ti_code columns",
          conn.execute("SELECT amount, territory FROM sink").fetchone(), (Decimal("7.00"), "ti-7510"))
    conn.execute("DELETE FROM sink")
    with conn.cursor() as cur:
        with cur.copy(f"COPY sink ({BINARY_COLUMNS}) FROM STDIN (FORMAT binary)") as copy:
            copy.set_types(["terrind." + t for t in
                            ("eur", "siren", "siret", "commune_code", "ti_code", "need", "need_breakdown")])
            copy.write_row(ROW[:-1])
        check("psycopg 3: binary COPY writes every type",
              conn.execute(f"SELECT {BINARY_COLUMNS} FROM sink").fetchone(), ROW[:-1])
        with cur.copy(f"COPY (SELECT {BINARY_COLUMNS} FROM sink) TO STDOUT (FORMAT binary)") as copy:
            copy.set_types(["terrind." + t for t in
                            ("eur", "siren", "siret", "commune_code", "ti_code", "need", "need_breakdown")])
            check("psycopg 3: binary COPY reads every type", list(copy.rows()), [ROW[:-1]])
    for label, sql, args, state in [
            ("bad territory id is 22P02", "SELECT %s::terrind.ti_code", ["ti-75"], "22P02"),
            ("bad str against ti_code is 22P02", "SELECT count(*) FROM terrind.funding WHERE territory_id = %s", ["x"], "22P02"),
            ("amount out of range is 22003", "SELECT %s::terrind.eur", [Decimal("1e20")], "22003")]:
        try:
            conn.execute(sql, args)
            check("psycopg 3: " + label, None, state)
        except psycopg.Error as e:
            check("psycopg 3: " + label, e.sqlstate, state)
            conn.rollback()

conn2 = psycopg2.connect("")
terrind.psycopg2.register(conn2)
with conn2.cursor() as cur:
    cur.execute(f"SELECT {COLUMNS} FROM all_types")
    check("psycopg2: every type", cur.fetchone(), ROW)
    cur.execute("SELECT ARRAY[amount], ARRAY[siren, siren] FROM all_types")
    check("psycopg2: arrays", cur.fetchone(), ([Decimal("-1234.56")], ["732829320", "732829320"]))
    cur.execute("SELECT count(*) FROM terrind.funding WHERE amount > %s AND territory_id = %s", (5, "ti-7510"))
    check("psycopg2: parameters int and str", cur.fetchone()[0], 1)
    try:
        cur.execute("SELECT %s::terrind.siren", ("732829321",))
        check("psycopg2: bad SIREN is 22P02", None, "22P02")
    except psycopg2.Error as e:
        check("psycopg2: bad SIREN is 22P02", e.pgcode, "22P02")
conn2.rollback()

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)   # pandas prefers SQLAlchemy to a DBAPI connection
    frame = pandas.read_sql("SELECT territory_id, amount FROM terrind.funding_territory_totals"
                            " WHERE level = 'territory, status'", conn2)
check("pandas: amounts are numbers that add up", frame["amount"].sum(), Decimal("1234578.00"))
check("pandas: ids are text", sorted(set(frame["territory_id"])), ["ti-7510", "ti-8413"])
conn2.close()

print(f"python clients: {'all passed' if not failures else f'{failures} FAILED'}")
sys.exit(1 if failures else 0)
