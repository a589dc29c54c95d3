"""Compiled page-level resources (markers, outlets, agencies), built once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sukien.data_files import read_tsv, split_list
from sukien.text.normalize import fold


@dataclass(frozen=True)
class Outlet:
    domain: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PageResources:
    inline: re.Pattern[str]
    listing: re.Pattern[str]
    label: re.Pattern[str]
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    outlets: tuple[Outlet, ...]
    agencies: dict[str, str] = field(default_factory=dict)  # alias as written -> display name
    agency_re: re.Pattern[str] | None = None
    glued: re.Pattern[str] | None = None  # chrome glued anywhere inside a record's text
    tail: re.Pattern[str] | None = None  # a marker closing a record's article text

    @classmethod
    def load(cls, agencies: dict[str, str] | None = None) -> PageResources:
        kinds: dict[str, list[str]] = {}
        for row in read_tsv("page_markers.tsv"):
            kinds.setdefault(row["kind"], []).append(row["pattern"])

        def whole(kind: str) -> re.Pattern[str]:
            return re.compile(r"^(?:" + "|".join(kinds.get(kind, ["(?!)"])) + r")$", re.I)

        outlets = tuple(
            Outlet(r["domain"], r["name"], tuple(fold(a) for a in split_list(r["aliases"])))
            for r in read_tsv("outlets.tsv")
        )
        return cls(
            inline=whole("inline"),
            listing=whole("listing"),
            label=whole("label"),
            prefix=re.compile(r"^\s*(?:" + "|".join(kinds.get("prefix", ["(?!)"])) + r")\s*", re.I),
            suffix=re.compile(r"\s*(?:" + "|".join(kinds.get("suffix", ["(?!)"])) + r")\s*$", re.I),
            outlets=outlets,
            agencies=(ags := dict(agencies or default_agencies())),
            agency_re=_alternation(ags),
            glued=re.compile("|".join(kinds["glued"]), re.I) if kinds.get("glued") else None,
            tail=re.compile("|".join(kinds["tail"]), re.I) if kinds.get("tail") else None,
        )

    def outlet_for(self, hint: str) -> str | None:
        """The outlet domain named by a chrome hint or URL (accent-folded matching)."""
        h = fold(hint).strip()
        for o in self.outlets:
            if h == o.domain or h.endswith("." + o.domain) or h in o.aliases:
                return o.domain
        return None


def _alternation(names: dict[str, str]) -> re.Pattern[str] | None:
    if not names:
        return None
    alts = sorted(names, key=len, reverse=True)
    long = list(dict.fromkeys(a.lower() for a in alts if len(a) >= 4))  # matched in any case
    short = [re.escape(a) for a in alts if len(a) < 4]  # "AP", "AFP": only as written
    parts = (["(?i:" + "|".join(re.escape(a) for a in long) + ")"] if long else []) + short
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


def default_agencies() -> dict[str, str]:
    """News agencies credited in text, from the organisations lexicon (kind news_agency)."""
    out: dict[str, str] = {}
    try:
        rows = list(read_tsv("orgs.tsv"))
    except FileNotFoundError:
        rows = []
    for row in rows:
        if row.get("kind") != "news_agency":
            continue
        names = [row["id"], row["name"], *split_list(row.get("aliases", ""))]
        display = next((n for n in names[1:] if n.isascii() and len(n) > 1), row["id"])
        for n in names:
            if n and (len(n) > 2 or n.isupper()):
                out[n] = display
                if len(n) >= 4:
                    out.setdefault(n.lower(), display)
    return out
