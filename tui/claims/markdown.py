"""Markdown as noko-tui writes it: data text made inert, list items,
headings, strong words and tables. The brief, the digest and the Markdown
export all write through these, so what is escaped is decided once.

Text from the data goes through `text`: one line, control characters as
pictures (`safetext.clean`), and every sign Markdown or HTML would act on
escaped, so no claim can add a heading, a link, emphasis or HTML. A line
that begins with data text goes through `item` (or `lead`), which also
escapes a list or heading sign at its start. Web addresses become link
destinations only through `address`.

No pandas at import: the digest words itself before the data is loaded.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from .safetext import clean

_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_SIGNS = re.compile(r"([\\`*_\[\]<>|#!~])")
_LINE_START = re.compile(r"([-+=])|([0-9]{1,9})([.)])")
_URL_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]")


def _missing(value: object) -> bool:
    """None, NaN or pandas' NA (known by its type, so pandas need not be loaded)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return type(value).__name__ == "NAType"


def text(value: object) -> str:
    """Data as inert Markdown inline text: one line, control characters as
    pictures, and every sign Markdown or HTML would act on escaped."""
    if _missing(value):
        return ""
    escaped = _SIGNS.sub(r"\\\1", clean(value))
    return _ENTITY.sub("&amp;", escaped)  # "&lt;" in the data stays those four letters


def lead(line: str) -> str:
    """A line's content with a sign that would start a list or a heading at
    its beginning escaped (`- `, `+ `, `1. `, `=`)."""
    found = _LINE_START.match(line)
    if found is None:
        return line
    if found.group(1):
        return "\\" + line
    return f"{found.group(2)}\\{line[found.end(2):]}"


def item(content: str, *, escape_start: bool = True) -> str:
    """A list item; its content's first sign escaped (`lead`) unless the
    caller's content begins with text already safe there."""
    return f"- {lead(content) if escape_start else content}"


def heading(level: int, words: str) -> str:
    """'## words': `words` already inert."""
    return f"{'#' * level} {words}"


def strong(words: str) -> str:
    return f"**{words}**"


def address(url: object) -> str | None:
    """A web address as a Markdown link's destination (`<...>`): every
    character that could end it or show as something else percent-encoded;
    None unless it is http(s), so no `javascript:` link is ever written."""
    raw = "" if _missing(url) else str(url).strip()
    if not re.match(r"https?://[^\s/]", raw, re.IGNORECASE):
        return None
    raw = _ENTITY.sub("%26", raw)
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), raw)


def table(headings: Sequence[str], rows: Iterable[Sequence[str]]) -> Iterable[str]:
    """A pipe table's lines, each ending in a newline: the cells already inert."""
    yield "| " + " | ".join(headings) + " |\n"
    yield "|" + "|".join("---" for _ in headings) + "|\n"
    for cells in rows:
        yield "| " + " | ".join(cells) + " |\n"
