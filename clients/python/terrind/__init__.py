"""Python adapters for the terrind PostgreSQL extension's types.

terrind.psycopg.register(conn) for psycopg 3, terrind.psycopg2.register(conn)
for psycopg2; terrind.codecs holds the text and binary forms.
"""
__version__ = "0.3.0"
