"""psycopg2: text loaders for every terrind type, arrays included.

psycopg2 reads results as text only; parameters need no adapter (terrind
converts str, int and Decimal itself).
"""
import psycopg2.extensions

from . import codecs


def register(conn, schema="terrind"):
    """Adapt terrind's types on a psycopg2 connection."""
    with conn.cursor() as cur:
        for codec in codecs.TYPES:
            cur.execute("SELECT t.oid, t.typarray FROM pg_catalog.pg_type t"
                        " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                        " WHERE n.nspname = %s AND t.typname = %s", (schema, codec.name))
            row = cur.fetchone()
            if row is None:
                raise LookupError(f"type {schema}.{codec.name} not found: is the terrind extension installed?")
            oid, array_oid = row
            scalar = psycopg2.extensions.new_type(
                (oid,), codec.name.upper(),
                lambda value, cur, load=codec.load_text: None if value is None else load(value))
            psycopg2.extensions.register_type(scalar, conn)
            psycopg2.extensions.register_type(
                psycopg2.extensions.new_array_type((array_oid,), codec.name.upper() + "[]", scalar), conn)
