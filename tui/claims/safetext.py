"""Text from the data, made inert before it reaches a terminal, a clipboard
or a file.

Claims, sources and notes are written by people, and a data directory may
come from anyone. C0 and C1 control characters (ESC, BEL, CR, NUL, CSI ...)
become visible stand-ins (␛, ␇, ␍), line and paragraph separators become
spaces, and the bidirectional overrides that reorder text on screen are
named rather than obeyed. Nothing in the data can then move the cursor,
retitle a terminal, set its clipboard or run a pasted line.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_NEWLINES = re.compile(r"[\r\n\t\u2028\u2029\x85]+")
_SEPARATORS = re.compile(r"[\u2028\u2029\x85]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": \x1b -> ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def clean(value: object, *, one_line: bool = True) -> str:
    """The value as inert text: control characters made visible; newlines,
    tabs and separators folded to spaces when `one_line` (else kept as
    plain newlines)."""
    if value is None:
        return ""
    text = str(value)
    if one_line:
        text = _NEWLINES.sub(" ", text)
    else:
        text = _SEPARATORS.sub("\n", text).replace("\r\n", "\n")
        text = text.replace("\r", "\n")
    return _CONTROL.sub(_picture, text)
