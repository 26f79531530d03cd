"""psycopg 3: text and binary loaders and dumpers for every terrind type.

register(context) looks the types up in the database once and adapts them on
that connection or cursor.  Dumpers are registered by oid only (they serve
copy.set_types() and explicit types), so that Python's str, Decimal and dict
keep their usual meaning in queries.
"""
from psycopg import adapt, pq
from psycopg.types import TypeInfo

from . import codecs


def _adapters(codec, oid):
    def load(method):
        return lambda self, data: method(bytes(data).decode() if isinstance(data, (bytes, memoryview)) else data)

    text_loader = type(f"{codec.name}_text_loader", (adapt.Loader,),
                       {"format": pq.Format.TEXT, "load": load(codec.load_text)})
    text_dumper = type(f"{codec.name}_text_dumper", (adapt.Dumper,),
                       {"format": pq.Format.TEXT, "oid": oid,
                        "dump": lambda self, obj: codec.dump_text(obj).encode()})
    adapters = [(text_loader, text_dumper)]
    if hasattr(codec, "load_binary"):
        binary_loader = type(f"{codec.name}_binary_loader", (adapt.Loader,),
                             {"format": pq.Format.BINARY,
                              "load": lambda self, data: codec.load_binary(bytes(data))})
        binary_dumper = type(f"{codec.name}_binary_dumper", (adapt.Dumper,),
                             {"format": pq.Format.BINARY, "oid": oid,
                              "dump": lambda self, obj: codec.dump_binary(obj)})
        adapters.append((binary_loader, binary_dumper))
    return adapters


def register(context, schema="terrind"):
    """Adapt terrind's types on a psycopg 3 connection or cursor."""
    conn = context if hasattr(context, "cursor") else context.connection
    for codec in codecs.TYPES:
        info = TypeInfo.fetch(conn, f"{schema}.{codec.name}")
        if info is None:
            raise LookupError(f"type {schema}.{codec.name} not found: is the terrind extension installed?")
        info.register(context)          # the array type too
        for loader, dumper in _adapters(codec, info.oid):
            context.adapters.register_loader(info.oid, loader)
            context.adapters.register_dumper(None, dumper)
