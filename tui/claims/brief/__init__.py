"""A Markdown brief of the claims a filter keeps, for `noko-tui brief`.

Per category and quantity: each origin's latest figure with its grade, the
range of those figures, whether origins disagree, the revisions since the
previous brief and where the arithmetic of quantities.yaml does not add up;
then a numbered list of the sources cited. Every figure carries `[n] ¶p`,
source n of that list and paragraph p: in Markdown `[n]` is a shortcut
reference link (the definitions close the brief), so it links to the source
and still reads cleanly as plain text.

Text from the data is inert: it goes through `markdown.text`, and a line
that begins with it has a leading list or heading sign escaped, so no claim
can add a heading, a list, a link or HTML to the brief. Every list is capped
and says how many lines it leaves out, so 100,000 claims make a brief about
as long as 300 do.

`selection.py` chooses what the brief reports (which claims, figures,
disagreements, revisions, findings), `wording.py` words it top to bottom,
`sources.py` numbers the sources as they are first cited.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..dates import last_day, parse_partial
from ..safetext import clean
from .selection import Selection
from .wording import LEGEND, TITLE, Writer

if TYPE_CHECKING:
    import pandas as pd

    from ..load import Dataset
    from ..record import Record

#: The header line `previous_date` reads back: `- Written: 2025-06-30`.
_WRITTEN = re.compile(r"- Written: ([0-9]{4}-[0-9]{2}-[0-9]{2})\s*")


def brief(dataset: Dataset, record: Record, claims: pd.DataFrame, *, described: str,
          previous: _dt.date | None, today: _dt.date) -> str:  # fmt: skip
    """A Markdown brief of `claims` (already filtered, annotated rows of record.claims)."""
    return Writer(Selection(dataset, record, claims, previous)).write(described, today)


def previous_date(text: str) -> _dt.date:
    """--previous: a partial date (2025, 2025-03, 2025-03-27; its last day), or
    the path of an earlier brief (the date its header says it was written);
    ValueError with a clear message otherwise."""
    given = text.strip()
    if re.fullmatch(r"[0-9]{4}(?:-[0-9]{1,2}(?:-[0-9]{1,2})?)?", given):
        first, precision = parse_partial(given)
        return last_day(first, precision)
    path = Path(given)
    if given and path.is_dir():
        raise ValueError(f"{clean(given)} is a directory, not a brief")
    if not given or not path.is_file():
        raise ValueError(f"expected a date (2025, 2025-03, 2025-03-27) or the file of an "
                         f"earlier brief, got \u201c{clean(text)}\u201d: no such date or "
                         "file")  # fmt: skip
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(16_384)
    except OSError as error:
        raise ValueError(f"cannot read {clean(given)}: {clean(error.strerror or error)}") from None
    for line in head.splitlines():
        if line.startswith("## "):  # the header is over
            break
        found = _WRITTEN.fullmatch(line)
        if found:
            try:
                return _dt.date.fromisoformat(found.group(1))
            except ValueError:
                break
    raise ValueError(f"{clean(given)} is not a brief written by noko-tui: its header has no "
                     f"\u201c- Written: YYYY-MM-DD\u201d line")  # fmt: skip


__all__ = ["LEGEND", "TITLE", "brief", "previous_date"]
