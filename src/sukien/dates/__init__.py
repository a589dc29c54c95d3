"""Vietnamese date expressions → ISO 8601 partial dates, with anchoring.

* ``find_dates(text)`` — every date expression, in order, non-overlapping (``DateExpr``).
* ``resolve(expr, anchor)`` — ``(iso, basis)`` completed against an anchor ``PartialDate``.
* ``parse_timestamp(line)`` — the date of a page/byline timestamp line.
* ``parse_iso_like(value)`` — the date of a record's date field.

Output follows the contract: ``2022-03-11``, ``2022-03``, ``2022`` or ``--03-11``; a year is
never guessed without an anchor. See ``anchor`` for the anchoring choices.
"""

from sukien.dates.anchor import resolve
from sukien.dates.parse import (
    DateExpr,
    PartialDate,
    find_dates,
    parse_iso_like,
    parse_timestamp,
    valid_parts,
)

__all__ = [
    "DateExpr",
    "PartialDate",
    "find_dates",
    "parse_iso_like",
    "parse_timestamp",
    "resolve",
    "valid_parts",
]
