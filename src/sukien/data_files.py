"""Loading the package's data files (TSV with '#' provenance headers).

``SUKIEN_DATA_DIR`` names a folder of edited data files: a file found there is used instead
of the package's file of the same name (the others still come from the package). Every
process of a run (workers included) reads the same variable, and the run's fingerprint
(``sukien.fingerprint``) hashes the files actually used, so an edit there re-codes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

DATA_DIR_ENV = "SUKIEN_DATA_DIR"


def package_data_dir() -> Path:
    """The ``sukien/data`` folder shipped in the package."""
    return Path(str(resources.files("sukien") / "data"))


def override_dir() -> Path | None:
    """The folder named by ``SUKIEN_DATA_DIR``, or None; a name that is not a folder is an error."""
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise FileNotFoundError(f"{DATA_DIR_ENV}={value} is not a folder")
    return path


def data_path(name: str) -> Path:
    """Path of a data file: from ``SUKIEN_DATA_DIR`` when it holds ``name``, else the package's."""
    extra = override_dir()
    if extra is not None and (extra / name).is_file():
        return extra / name
    return package_data_dir() / name


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
