"""The one registry of export formats, for the command line and the app.

Each format writes an export table (`export.export_frame`) to a stream:

- **csv**: for spreadsheets and pandas. Text is made inert (control
  characters shown as pictures, line breaks folded to spaces) and a cell that
  a spreadsheet would read as a formula (beginning `=`, `+`, `-` or `@`) is
  prefixed with an apostrophe. `read_csv` reads one back with its dtypes.
- **json**: an array of objects, the data exactly; characters a terminal
  would obey (C1 controls, bidirectional overrides) are written as `\\u`
  escapes, so the file is inert on screen and parses to the same text.
- **markdown**: a readable table (the number worded with its qualifier,
  the source with its paragraph); `|`, line breaks and Markdown's own signs
  are escaped (`markdown.py`).
- **parquet**: the data exactly, with its types; binary, so never to a
  terminal.

`write_file` (from `atomic.py`) writes atomically, leaves no temporary file
behind and never replaces a file unless asked.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from . import markdown
from .atomic import write_file  # noqa: F401  (re-exported for the command line and the app)
from .export import FLAGS, INTEGERS, NUMBERS, TEXTS
from .safetext import clean
from .table import TEXT

#: A spreadsheet reads a cell beginning with one of these as a formula
#: (OWASP's list; tab and carriage return are already pictures after `clean`).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    binary: bool
    description: str
    write: Callable[[pd.DataFrame, IO[Any]], None]

    @property
    def extension(self) -> str:
        return self.extensions[0]


def _inert_texts(frame: pd.DataFrame, *, formulas: bool) -> pd.DataFrame:
    """Text columns cleaned (one line each), and with `formulas`, cells a
    spreadsheet would evaluate prefixed with an apostrophe. Categoricals are
    cleaned through their few categories, free text only where needed."""
    out = {}
    for name in frame.columns:
        column = frame[name]
        if name not in TEXTS:
            out[name] = column
        elif isinstance(column.dtype, pd.CategoricalDtype):
            out[name] = _inert_categories(column, formulas=formulas)
        else:
            # Free text stays in its Arrow buffers; only the rare cells that
            # need it are rewritten.
            strings = column if column.dtype == TEXT else column.astype(TEXT)
            suspect = _suspects(strings)
            if not suspect.any():
                out[name] = column
                continue
            values = strings.to_numpy(dtype=object, na_value=None)
            for i in np.flatnonzero(suspect):
                values[i] = inert_cell(values[i], formulas=formulas)
            out[name] = pd.array(values, dtype=TEXT)
    return pd.DataFrame(out, index=frame.index)


def _inert_categories(column: pd.Series, *, formulas: bool) -> pd.Categorical:
    """A categorical's few values made inert; values that read alike once
    made inert become one category."""
    words = [inert_cell(c, formulas=formulas) for c in column.cat.categories]
    kept: dict[object, int] = {}
    remap = np.array([kept.setdefault(w, len(kept)) for w in words] + [-1], dtype=np.int64)
    return pd.Categorical.from_codes(remap[column.cat.codes.to_numpy()],
                                     categories=pd.Index(list(kept), dtype=object))  # fmt: skip


#: Text that `inert_cell` changes: a control or layout character anywhere, or
#: a formula sign first.
_SUSPECT = re.compile(
    r"^[=+\-@]|[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]"
)


#: `_SUSPECT` in RE2's syntax, for Arrow's vectorised match.
_SUSPECT_RE2 = (r"^[=+\-@]|[\x00-\x1f\x7f-\x9f\x{2028}\x{2029}\x{202a}-\x{202e}"
                r"\x{2066}-\x{2069}\x{200e}\x{200f}]")


def _suspects(strings: pd.Series) -> np.ndarray:
    """Which cells `inert_cell` would change, matched inside Arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.chunked_array(strings.array._pa_array) if hasattr(strings.array, "_pa_array") \
        else pa.array(strings.to_numpy(dtype=object, na_value=None), type=pa.string())
    found = pc.match_substring_regex(array, _SUSPECT_RE2)
    return found.to_numpy(zero_copy_only=False).astype(bool, copy=False) if found.null_count == 0 \
        else pc.fill_null(found, False).to_numpy(zero_copy_only=False)


def inert_cell(value: object, *, formulas: bool = True) -> object:
    """One text cell made inert; None stays None."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = clean(value)
    if formulas and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(frame: pd.DataFrame, stream: IO[str]) -> None:
    _inert_texts(frame, formulas=True).to_csv(stream, index=False, lineterminator="\n")


def read_csv(source: str | os.PathLike[str] | IO[str]) -> pd.DataFrame:
    """An exported CSV read back with its dtypes (text as text, even when it
    looks like a number; counts and flags as nullable integers and booleans)."""
    dtypes: dict[str, Any] = {name: object for name in TEXTS}
    dtypes.update({name: "float64" for name in NUMBERS})
    dtypes.update({name: "Int64" for name in INTEGERS})
    dtypes.update({name: "boolean" for name in FLAGS})
    frame = pd.read_csv(source, dtype=dtypes, keep_default_na=False, na_values=[""])
    for name in TEXTS:
        if name in frame:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame


#: Characters a terminal obeys that JSON may leave raw.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def write_json(frame: pd.DataFrame, stream: IO[str]) -> None:
    text = frame.to_json(orient="records", force_ascii=False, indent=1, date_format="iso")
    stream.write(_JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    stream.write("\n")


def read_json(source: str | os.PathLike[str] | IO[str]) -> list[dict[str, Any]]:
    if hasattr(source, "read"):
        return json.load(source)  # type: ignore[arg-type]
    with open(source, encoding="utf-8") as handle:
        return json.load(handle)


#: The Markdown table's columns: (heading, how a row reads in it).
def _markdown_rows(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    from .formatting import claim_number

    headings = ["Claimant", "Said", "About", "Figure", "Quantity", "Grade", "Source", "¶",
                "Key phrase", "Claim"]  # fmt: skip
    rows = []
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for r in records:
        who = r["claimant_name"] or r["claimant"] or ""
        if r["via"]:
            who = f"{who} (via {r['via']})"
        if r["relays"]:
            who = f"{who}, relaying {r['relays']}"
        about = f"as of {r['as_of']}" if r["as_of"] else _period(r["period_start"], r["period_end"])
        figure = claim_number(r["qualifier"], r["value"], r["low"], r["high"], unit=r["unit"],
                              derived=bool(r["derived"]))  # fmt: skip
        source = ", ".join(str(p) for p in (r["source_outlet"], r["source_title"],
                                            r["source_published"]) if p)  # fmt: skip
        cells = [markdown.text(v) for v in (who, r["stated_on"], about, figure or r["summary"],
                                            r["quantity_label"], r["grade"], source)]  # fmt: skip
        cells.append("" if r["paragraph"] is None else str(r["paragraph"]))
        cells.append(markdown.text(r["key_phrase"]))
        cells.append(markdown.text(r["id"]))
        address = markdown.address(r["source_url"])
        if address:
            cells[6] += f" <{address}>"
        elif r["source_url"]:
            cells[6] += f" {markdown.text(r['source_url'])}"
        rows.append(cells)
    return headings, rows


def _period(start: object, end: object) -> str:
    if start and end:
        return str(start) if start == end else f"{start} to {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else ""


def write_markdown(frame: pd.DataFrame, stream: IO[str]) -> None:
    headings, rows = _markdown_rows(frame)
    for line in markdown.table(headings, rows):
        stream.write(line)


def write_parquet(frame: pd.DataFrame, stream: IO[bytes]) -> None:
    frame.to_parquet(stream, index=False)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("csv", (".csv",), False, "comma-separated, for spreadsheets and pandas", write_csv),
        Format("json", (".json",), False, "an array of objects, the data exactly", write_json),
        Format("markdown", (".md", ".markdown"), False, "a readable table", write_markdown),
        Format("parquet", (".parquet", ".pq"), True, "typed columns, the data exactly",
               write_parquet),
    )
}  # fmt: skip


def format_for(name: str | None, path: str | os.PathLike[str] | None = None) -> Format:
    """The format named (`csv`, `md` ...), else the one `path`'s extension
    says, else CSV; ValueError naming the known ones."""
    if name:
        key = name.strip().lower()
        key = {"md": "markdown", "pq": "parquet"}.get(key, key)
        if key in FORMATS:
            return FORMATS[key]
        raise ValueError(f"unknown format {name!r}: use one of {', '.join(FORMATS)}")
    if path is not None:
        suffix = Path(path).suffix.lower()
        for found in FORMATS.values():
            if suffix in found.extensions:
                return found
        if suffix:
            known = ", ".join(e for f in FORMATS.values() for e in f.extensions)
            raise ValueError(f"no format writes {suffix!r} files: use one of {known}, or name one")
    return FORMATS["csv"]


def writer(frame: pd.DataFrame, chosen: Format) -> Callable[[IO[bytes]], None]:
    """What writes `frame` in `chosen` format to a binary stream (text as UTF-8)."""

    def write(stream: IO[bytes]) -> None:
        if chosen.binary:
            chosen.write(frame, stream)
            return
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=False)
        try:
            chosen.write(frame, text)
            text.flush()
        finally:
            text.detach()  # the stream stays open for its owner

    return write


def render(frame: pd.DataFrame, chosen: Format) -> bytes:
    """The whole file, in memory."""
    buffer = io.BytesIO()
    writer(frame, chosen)(buffer)
    return buffer.getvalue()
