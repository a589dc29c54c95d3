"""The rules' fingerprint: what produced a stored record, so a rule change re-codes.

A document is skipped on a re-run only when both its content hash *and* the fingerprint it
was coded under are unchanged. The fingerprint hashes

- the code of every per-document stage (``ingest``, ``text``, ``page``, ``dates``, ``doc``, ``actors``,
  ``events``, ``quotes``, ``records.py``, ``pipeline.py``, ``data_files.py``) and the stage
  names of ``STAGE_VERSIONS``;
- every data file the stages read: the package's ``sukien/data`` files, each replaced by the
  file of the same name in ``SUKIEN_DATA_DIR`` when that folder holds one.

``page`` is the part that decides how a page is cut into articles (ingest, text, page code
and the files they read, ``PAGE_DATA_FILES``): ``sukien recode`` re-codes stored articles
without the inputs, which is exact when only the other part changed; when ``page`` changed
too the articles keep their old cut until ``sukien run INPUT`` re-reads the pages.

Computing it reads ~100 small files (a few milliseconds); it is computed once per run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sukien import __version__
from sukien.data_files import override_dir, package_data_dir

PACKAGE_DIR = Path(__file__).resolve().parent
STAGE_CODE = ("ingest", "text", "page", "dates", "doc", "actors", "events", "quotes",
              "records.py", "pipeline.py", "data_files.py")
PAGE_CODE = ("ingest", "text", "page", "records.py", "data_files.py")
# The data files read while pages are decoded and cut into articles (tests/test_fingerprint.py
# checks this list against the files actually opened).
PAGE_DATA_FILES = ("page_markers.tsv", "outlets.tsv", "orgs.tsv", "tcvn3.tsv", "vni.tsv",
                   "vi_common_syllables.txt")
_DATA_SUFFIXES = (".tsv", ".txt", ".csv", ".json", ".yaml", ".yml", ".toml")


@dataclass(frozen=True)
class Fingerprint:
    """``full`` covers every rule; ``page`` the page-splitting ones. Both are hex digests."""

    full: str
    page: str
    data_files: Mapping[str, str]  # file name -> sha256 of the file used
    code: str  # sha256 over the stages' source files

    def versions(self, stage_versions: Mapping[str, str]) -> dict[str, str]:
        """What is stored with each document: the stage names plus both fingerprints."""
        return {**stage_versions, "fingerprint": self.full, "page_fingerprint": self.page}

    def matches(self, stored: Mapping[str, str] | None) -> bool:
        """Whether a document's stored versions were produced under this fingerprint."""
        return bool(stored) and stored.get("fingerprint") == self.full \
            and stored.get("page_fingerprint") == self.page  # type: ignore[union-attr]


def data_files() -> dict[str, Path]:
    """Every data file in use, by name: the package's, overridden by ``SUKIEN_DATA_DIR``'s."""
    files = {p.name: p for p in _listing(package_data_dir())}
    extra = override_dir()
    if extra is not None:
        files.update({p.name: p for p in _listing(extra)})
    return dict(sorted(files.items()))


def _listing(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in _DATA_SUFFIXES]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _code_files(parts: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for part in parts:
        path = PACKAGE_DIR / part
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def _digest(items: Iterable[tuple[str, str]]) -> str:
    h = hashlib.sha256()
    for name, value in items:
        h.update(f"{name}\t{value}\n".encode())
    return h.hexdigest()


def compute(stage_versions: Mapping[str, str]) -> Fingerprint:
    """The fingerprint of the code and data this process would use now."""
    hashes = {name: _sha(path.read_bytes()) for name, path in data_files().items()}
    code = {str(p.relative_to(PACKAGE_DIR)): _sha(p.read_bytes()) for p in _code_files(STAGE_CODE)}
    page_code = {k: v for k, v in code.items() if k.split("/")[0] in PAGE_CODE}
    head = [("version", __version__), *sorted(stage_versions.items())]
    full = _digest([*head, *sorted(code.items()), *hashes.items()])
    page = _digest([("version", __version__), *sorted(page_code.items()),
                    *((n, hashes.get(n, "")) for n in PAGE_DATA_FILES)])
    return Fingerprint(full=full[:16], page=page[:16], data_files=hashes, code=_digest(sorted(code.items()))[:16])
