"""Settings: package defaults, then a user TOML file, then CLI flags — loaded once, passed down."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    db: str = "sukien.duckdb"
    out: str | None = None
    workers: int = 0  # 0 = all cores
    batch_size: int = 64
    engine: str = "local"  # local | dask
    scheduler: str | None = None
    field_id: str = "id"
    field_text: str = "text"
    field_title: str = "title"
    field_date: str = "date"
    field_url: str = "url"
    corpus: bool = True  # after the documents: duplicates, stories, merged events, search index
    similarity: str = "tfidf"  # story similarity: tfidf | e5 | hybrid

    def effective_workers(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)


def load_settings(config: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults ← ``config`` TOML (section ``[sukien]`` or top level) ← non-None ``overrides``."""
    base = Settings()
    path = Path(config) if config else Path(os.environ.get("SUKIEN_CONFIG", "sukien.toml"))
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data = data.get("sukien", data)
        known = {f.name for f in fields(Settings)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"{path}: unknown settings: {', '.join(sorted(unknown))}")
        base = replace(base, **data)
    return replace(base, **{k: v for k, v in overrides.items() if v is not None})
