"""Loading the package's data files (TSV with '#' provenance headers)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def data_path(name: str) -> Path:
    """Path of a data file shipped in ``sukien/data``."""
    return Path(str(resources.files("sukien") / "data" / name))


def read_tsv(name: str | Path) -> Iterator[dict[str, str]]:
    """Rows of a data TSV as dicts: '#' lines skipped, first other line is the header."""
    path = name if isinstance(name, Path) else data_path(name)
    header: list[str] | None = None
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            cells += [""] * (len(header) - len(cells))
            yield {h: c.strip() for h, c in zip(header, cells, strict=False)}


def read_lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of a data text file."""
    out = []
    with data_path(name).open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def split_list(cell: str, sep: str = "|") -> list[str]:
    return [p.strip() for p in cell.split(sep) if p.strip()] if cell else []
