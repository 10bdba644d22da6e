"""Building the pandas tables from the parsed files.

The claims table has one row per claim, with categoricals for the short
vocabularies, nullable numbers, dates as their first day plus a precision,
the locator (`file`, `line`) and the joined claimant, quantity and source
columns the panes show.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow

from . import schema
from .claimfile import DATE_COLUMNS, NUMBER_COLUMNS, TEXT_COLUMNS, FileTable, to_columns
from .dates import PRECISIONS
from .timeline import about_when, middle

DATE_POSITION_INPUTS = frozenset(
    f"{d}{suffix}"
    for d in ("stated_on", "as_of", "period_start", "period_end")
    for suffix in ("", "_precision")
)

# Arrow's default pool (mimalloc) takes memory in large segments; the table's
# few long-lived string buffers fit the system allocator, and so the process
# stays at the size of its data (about 10 MiB less for 10,000 claims).
pyarrow.set_memory_pool(pyarrow.system_memory_pool())

#: Joined columns: claims column -> (vocabulary, {vocabulary field: new column}).
JOINS: dict[str, tuple[str, dict[str, str]]] = {
    "claimant": ("claimants", {"name": "claimant_name", "short": "claimant_short",
                               "kind": "claimant_kind", "country": "claimant_country",
                               "reliability": "reliability"}),
    "quantity": ("quantities", {"label": "quantity_label", "short": "quantity_short",
                                "unit": "unit", "measure": "measure", "chart": "chart",
                                "scope": "scope"}),
    "relays": ("claimants", {"short": "relays_short", "name": "relays_name"}),
    "source": ("sources", {"title": "source_title", "outlet": "source_outlet",
                           "language": "source_language", "published": "source_published",
                           "published_precision": "source_published_precision",
                           "translation": "source_translation",
                           "translated_from": "source_translated_from",
                           "url": "source_url"}),
}  # fmt: skip

#: Claim texts are kept in Arrow buffers: half the memory of Python strings,
#: vectorised search, and a cached table that loads without re-creating them.
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)

VOCAB_FIELDS = {
    "sources": schema.SOURCE_FIELDS,
    "claimants": schema.CLAIMANT_FIELDS,
    "quantities": schema.QUANTITY_FIELDS,
}


def concat_columns(tables: list[tuple[str, FileTable]]) -> dict[str, np.ndarray]:
    """All files' columns end to end, plus the `file` each row came from."""
    names = list(tables[0][1].columns) if tables else []
    if not tables:
        columns = to_columns([], [], [])
        columns["file"] = np.empty(0, dtype=object)
        return columns
    columns = {name: np.concatenate([t.columns[name] for _, t in tables]) for name in names}
    files = np.empty(sum(t.rows for _, t in tables), dtype=object)
    start = 0
    for display, table in tables:
        files[start : start + table.rows] = display
        start += table.rows
    columns["file"] = files
    return columns


def vocab_frame(name: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    """A vocabulary as a frame indexed by id (dates split like the claims')."""
    fields = VOCAB_FIELDS[name]
    rows = []
    for record in records:
        row = {}
        for field_name, field in fields.items():
            value = record.get(field_name)
            if field.kind == "date":
                row[field_name] = pd.Timestamp(value[0]) if value else pd.NaT
                row[f"{field_name}_precision"] = value[1] if value else None
            elif field.kind == "strlist":  # kept as text: "killed, wounded"
                row[field_name] = ", ".join(value) if value else None
            elif field.kind == "translation":
                row["translation"] = value.get("kind") if value else None
                row["translated_from"] = value.get("from") if value else None
                row["translation_notes"] = value.get("notes") if value else None
            else:
                row[field_name] = value
        row["line"] = record.get("line")
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        frame = pd.DataFrame(columns=["id", *[f for f in fields if f != "id"], "line"])
    if name == "quantities" and len(frame):
        if "chart" not in frame:
            frame["chart"] = None
        default = frame["category"].map(schema.DEFAULT_CHART).fillna("none")
        frame["chart"] = frame["chart"].fillna(default)
        frame["scope"] = frame["scope"].fillna("cumulative") if "scope" in frame else "cumulative"
        default_window = [schema.DEFAULT_WINDOW_DAYS.get((m, s), schema.FALLBACK_WINDOW_DAYS)
                          for m, s in zip(frame["measure"], frame["scope"])]  # fmt: skip
        given = frame["window_days"] if "window_days" in frame else pd.Series([None] * len(frame))
        frame["window_days"] = [int(d) if g is None or pd.isna(g) else int(g)
                                for g, d in zip(given, default_window)]  # fmt: skip
    if "short" in frame:  # no short label: the readable name, never the raw id
        readable = frame["name"] if "name" in frame else frame["label"]
        frame["short"] = frame["short"].fillna(readable)
    frame = frame.drop_duplicates("id").set_index("id", drop=False)
    frame.index.name = None
    if "paragraphs" in frame:
        frame["paragraphs"] = frame["paragraphs"].astype("Int32")
    return frame


#: Columns of free text (the others of TEXT_COLUMNS become categoricals).
FREE_TEXT = ("id", "via", "key_phrase", "summary", "notes", "inferred", "also_in",
             "also_in_wording", "milestone", "credibility_reason", "extent_note")

#: The claims table's own columns, in order; the joined ones follow.
ORDER = (
    "id", "category", "quantity", "value", "low", "high", "qualifier", "claimant", "relays", "via",
    *[c for d in DATE_COLUMNS for c in (d, f"{d}_precision")],
    "source", "paragraph", "key_phrase", "summary", "notes", "inferred", "also_in",
    "also_in_wording", "milestone", "credibility", "credibility_reason", "extent", "extent_note",
    "basis", "file", "line",
)  # fmt: skip


def claims_frame(columns: dict[str, np.ndarray], vocab: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The claims table with proper dtypes and the vocabularies joined in.

    Consumes `columns`: the free-text columns are removed from it as they are
    converted.
    """
    data: dict[str, Any] = {}
    rows = len(columns["id"])
    for name in FREE_TEXT:
        # Popped as converted: each column's Python strings are freed before
        # the next is copied to Arrow, so the two never coexist whole.
        data[name] = pd.array(columns.pop(name), dtype=TEXT)
    data["category"] = pd.Categorical(columns["category"], categories=list(schema.CATEGORIES))
    for name in ("claimant", "quantity", "source"):
        vocab_name = JOINS[name][0]
        data[name] = pd.Categorical(columns[name], categories=list(vocab[vocab_name].index))
    data["relays"] = pd.Categorical(columns["relays"], categories=list(vocab["claimants"].index))
    data["qualifier"] = pd.Categorical(columns["qualifier"])
    # What a figure is a figure of: the whole (the default) or one part.
    extent = columns["extent"]
    extent = np.where(pd.isna(extent), schema.DEFAULT_EXTENT, extent)
    data["extent"] = pd.Categorical(extent, categories=list(dict.fromkeys(
        [*schema.EXTENTS, *pd.unique(extent)])))  # unknown ones were refused, kept for display
    data["basis"] = pd.Categorical(columns["basis"], categories=list(dict.fromkeys(
        [*schema.BASES, *(b for b in pd.unique(columns["basis"]) if b is not None)])))
    for name in NUMBER_COLUMNS:
        data[name] = pd.array(columns[name], dtype="Float64")
    for name in DATE_COLUMNS:
        data[name] = columns[name].astype("datetime64[s]")
        data[f"{name}_precision"] = pd.Categorical.from_codes(
            columns[f"{name}_precision"], categories=list(PRECISIONS)
        )
    data["paragraph"] = pd.array(columns["paragraph"], dtype="Int32")
    credibility = columns["credibility"]  # 0: no grade
    data["credibility"] = pd.arrays.IntegerArray(
        np.clip(credibility, 0, 127).astype("int8"), credibility <= 0)
    data["file"] = pd.Categorical(columns["file"])
    data["line"] = columns["line"]
    ordered = {name: data[name] for name in ORDER}
    # The number a claim is read as when sorting or charting: its value, else
    # its bound. Never shown without the qualifier.
    ordered["part"] = _parts(data["extent"], data["extent_note"])
    ordered["best"] = pd.array(
        np.where(np.isnan(columns["value"]),
                 np.where(np.isnan(columns["low"]), columns["high"], columns["low"]),
                 columns["value"]),
        dtype="Float64",
    )  # fmt: skip
    # Where each claim sits in time, for sorting and charting alike (`timeline`).
    # Whose information a claim is: the claimant it relays, else its own.
    relayed = data["relays"].codes
    ordered["origin"] = pd.Categorical.from_codes(
        np.where(relayed >= 0, relayed, data["claimant"].codes),
        categories=data["claimant"].categories,
    )
    frame_dates = {name: ordered[name] for name in ordered if name in DATE_POSITION_INPUTS}
    ordered["said_at"] = middle(frame_dates["stated_on"], frame_dates["stated_on_precision"])
    ordered["about_at"], ordered["about_end"] = about_when(pd.DataFrame(frame_dates))
    for key, (vocab_name, wanted) in JOINS.items():
        table = vocab[vocab_name]
        codes = data[key].codes
        for field_name, column in wanted.items():
            ordered[column] = _lookup(codes, table[field_name] if len(table) else pd.Series([]))
    return pd.DataFrame(ordered, index=pd.RangeIndex(rows))


def _parts(extent: pd.Categorical, note: object) -> pd.Categorical:
    """Which part of its quantity each figure is of: "engagement: Kursk,
    14-15 Dec" (the extent and its note), missing for the whole. Figures are
    compared only within one part (`intervals.compare_groups`)."""
    out = np.full(len(extent), None, dtype=object)
    whole = np.asarray(extent == schema.DEFAULT_EXTENT, dtype=bool)
    if not whole.all():
        at = np.flatnonzero(~whole)
        kinds = np.asarray(extent, dtype=object)[at]
        notes = pd.Series(note).to_numpy(dtype=object, na_value=None)[at]
        out[at] = [k if n is None else f"{k}: {n}" for k, n in zip(kinds, notes)]
    return pd.Categorical(out)


def _lookup(codes: np.ndarray, values: pd.Series) -> pd.Categorical:
    """The vocabulary value for each category code (-1: missing), without
    hashing a value per claim: the vocabulary is factorised, not the claims."""
    value_codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    value_codes = np.append(value_codes, -1)  # code -1 looks up the last entry: missing
    return pd.Categorical.from_codes(value_codes[codes], categories=pd.Index(uniques, dtype=object))


def frame_columns(claims: pd.DataFrame) -> dict[str, np.ndarray]:
    """The claims table back into the columns `claims_frame` was built from,
    so that cached rows can be joined with freshly parsed ones."""
    columns: dict[str, np.ndarray] = {}
    for name in (*TEXT_COLUMNS, "category", "claimant", "quantity", "source", "qualifier"):
        columns[name] = _objects(claims[name])
    for name in NUMBER_COLUMNS:
        columns[name] = claims[name].to_numpy(dtype="float64", na_value=np.nan)
    for name in DATE_COLUMNS:
        columns[name] = claims[name].to_numpy().astype("datetime64[D]")
        columns[f"{name}_precision"] = claims[f"{name}_precision"].cat.codes.to_numpy()
    columns["paragraph"] = claims["paragraph"].to_numpy(dtype="int32", na_value=0)
    columns["credibility"] = claims["credibility"].to_numpy(dtype="int32", na_value=0)
    columns["line"] = claims["line"].to_numpy(dtype="int32")
    columns["bad"] = np.zeros(len(claims), dtype=np.int64)
    return columns


def _objects(series: pd.Series) -> np.ndarray:
    """Values as an object array with None for missing ones."""
    array = series.to_numpy(dtype=object, copy=True)
    array[pd.isna(array)] = None
    return array


def plain_values(values: object) -> np.ndarray:
    """A few rows of a column (a pandas array) as Python objects, None where
    missing, dates as days: read once, so that wording them costs no pandas
    call per value."""
    if values.dtype.kind == "M":  # type: ignore[attr-defined]
        return np.asarray(values, dtype="datetime64[D]").astype(object)  # NaT becomes None
    if isinstance(values, pd.Categorical):  # code -1 (missing) reads the last entry
        return np.append(np.asarray(values.categories, dtype=object), None)[values.codes]
    return values.to_numpy(dtype=object, na_value=None)  # type: ignore[attr-defined]
