"""The embedded DuckDB store: schema, batch writers, queries, exports."""

from sukien.store.db import Store

__all__ = ["Store"]
