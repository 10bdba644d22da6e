"""Text from the data, made safe to put on a terminal.

Claims, sources and notes are written by people; a summary may hold `[bold]`
or an escape character. Such text is never read as Rich/Textual markup (it is
always wrapped in `Text`, never given as a markup string), and C0/C1 control
characters are replaced by visible stand-ins, so nothing in the data can move
the cursor or change colours.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"[\r\n\t]+")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": \x1b -> ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<{code:02X}>"


def clean(value: object, *, one_line: bool = True) -> str:
    """The value as display text: control characters made visible; newlines
    and tabs folded to spaces when `one_line`."""
    if value is None:
        return ""
    text = str(value)
    if one_line:
        text = _NEWLINES.sub(" ", text)
    return _CONTROL.sub(_picture, text)


def plain(value: object, style: str = "", *, one_line: bool = False) -> Text:
    """A `Text` of data: never parsed as markup."""
    return Text(clean(value, one_line=one_line), style=style)
