"""HTML character references left in scraped text (``&nbsp``, ``&amp;``, ``&#7871;``) decoded
at ingest, so they never reach an article, an event sentence or a search index.

Decoded: every HTML5 named reference written with its ``;``; the HTML5 "legacy" names
(``nbsp``, ``amp``, ``quot``…, which browsers also accept without ``;``) when the name is a
whole word (``&nbsp;`` and ``&nbsp`` but not ``&notice``); decimal and hexadecimal references.
A non-breaking space becomes a plain space. Anything else with an ``&`` is left as written
("AT&T", "R&D").
"""

from __future__ import annotations

import re
from html.entities import html5

_REF = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})


def _replace(m: re.Match[str]) -> str:
    dec, hexa, name, semi = m.groups()
    if dec or hexa:
        code = int(dec) if dec else int(hexa, 16)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return m.group(0)
        return chr(code)
    if semi and name + ";" in html5:
        return html5[name + ";"]
    if not semi and name in html5:  # a legacy name, written without ';' and not part of a longer word
        return html5[name]
    return m.group(0)


def decode_entities(text: str) -> str:
    """``text`` with HTML character references decoded (a no-op without ``&``).

    >>> decode_entities("Hà&nbsp;Nội &amp; Bắc Kinh&nbsp;hội đàm, R&D, AT&T, &notice, &#7871; &#x1EBF;")
    'Hà Nội & Bắc Kinh hội đàm, R&D, AT&T, &notice, ế ế'
    """
    if "&" not in text and "\u00a0" not in text:
        return text
    return _REF.sub(_replace, text).translate(_SPACES)
