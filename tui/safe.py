"""Text from the data on screen: inert (see `claims.safetext`) and never read
as Rich/Textual markup: it is always wrapped in `Text`, never given as a
markup string."""

from __future__ import annotations

from rich.text import Text

from .claims.safetext import clean

__all__ = ["clean", "markup_literal", "plain"]


def plain(value: object, style: str = "", *, one_line: bool = False) -> Text:
    """A `Text` of data: never parsed as markup."""
    return Text(clean(value, one_line=one_line), style=style)


def markup_literal(value: object) -> str:
    """Data as a string for an API that reads markup (the palette's help
    lines): inert, one line, and every `[` escaped so nothing is a tag."""
    return clean(value, one_line=True).replace("[", "\\[")
