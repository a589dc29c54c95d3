"""The same per-document stages on a Dask cluster (``sukien run --engine dask``).

Dask is imported only when this engine is used: ``from sukien.scale.dask_engine import dask_mapper``.
"""

from __future__ import annotations

__all__ = ["dask_engine"]
