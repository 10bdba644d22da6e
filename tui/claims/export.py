"""The claims as they leave noko-tui: one row per claim with its citation.

`export_frame` turns rows of the (annotated) claims table into a plain
table: who said it (claimant, relayed origin, via), when (`stated_on`, and
the time it is about, as ISO dates at their own precision: `2025`, `2025-03`,
`2025-03-27`), the number with its qualifier, range, unit and whether the
data derived it, the grades, and where it is written (source, outlet,
title, address, paragraph, key phrase). Every column is computed once per
distinct value, not per claim, so that 100,000 claims cost little more than
writing them (`bench/export.py`).

A column taken from a field of the data keeps the field's name
(`stated_on`, `as_of`, `period_start`: data/README.md), so an export reads
with the data's documentation; columns the data does not have are named
for what they hold (`claimant_name`, `source_title`, `grade`).

How the table is written (CSV, JSON, Markdown, Parquet) is `formats.py`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dates import PRECISIONS, iso_partial
from .formatting import grade_text

#: (export column, claims column) for the columns taken as they are.
TAKEN: tuple[tuple[str, str], ...] = (
    ("id", "id"),
    ("category", "category"),
    ("quantity", "quantity"),
    ("quantity_label", "quantity_label"),
    ("claimant", "claimant"),
    ("claimant_name", "claimant_name"),
    ("relays", "relays"),
    ("via", "via"),
)

#: Date columns of the claims table, written at their precision.
DATES: tuple[tuple[str, str], ...] = (
    ("stated_on", "stated_on"),
    ("as_of", "as_of"),
    ("period_start", "period_start"),
    ("period_end", "period_end"),
)

#: The columns of an export, in order (`export_frame`).
COLUMNS: tuple[str, ...] = (
    "id", "category", "quantity", "quantity_label", "claimant", "claimant_name", "relays", "via",
    "stated_on", "as_of", "period_start", "period_end",
    "qualifier", "value", "low", "high", "unit", "derived",
    "extent", "extent_note", "basis",
    "grade", "reliability", "credibility", "credibility_suggested", "contested", "latest",
    "source", "source_outlet", "source_title", "source_published", "source_url", "paragraph",
    "key_phrase", "also_in", "summary", "notes", "inferred", "file", "line",
)  # fmt: skip

#: Columns that hold numbers or flags; every other column is text.
NUMBERS = ("value", "low", "high")
INTEGERS = ("credibility", "credibility_suggested", "paragraph", "line")
FLAGS = ("derived", "contested", "latest")
TEXTS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in (*NUMBERS, *INTEGERS, *FLAGS))

#: What each column holds, for `--help`, the README and the JSON's readers.
MEANINGS: dict[str, str] = {
    "stated_on": "when the claimant said it, ISO at its precision (2025, 2025-03, 2025-03-27)",
    "relays": "the claimant whose information this relays (the origin), if not its own",
    "via": "through whom the claimant said it (a spokesperson, an outlet)",
    "derived": "true when the number is the data's arithmetic, not the claimant's words",
    "grade": "reliability letter and credibility digit; '?' marks a suggested credibility",
    "credibility": "the analyst's credibility grade (1-6), empty when not given",
    "credibility_suggested": "the credibility the record suggests (1-6)",
    "contested": "another origin's figure for the same thing disagrees beyond tolerance",
    "latest": "the claimant's latest figure for the quantity on the record",
    "paragraph": "the paragraph of the source where the claim is written",
    "key_phrase": "the source's own words for the number",
    "also_in": "the other outlets carrying the same statement, each with its own wording where "
               "the data keeps one: 'source ¶paragraph: about 4,000 “words”; ...'",
    "extent": "what the figure is of: total, or one part (engagement, unit, region, site, period)",
    "extent_note": "which part, for a figure of one part",
    "basis": "how the claimant came by it (count, estimate, relayed, conversion, intercept); "
             "empty when the source does not say",
}


def export_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """`claims` (rows of the claims table, annotated or not) as an export,
    in their order, with a fresh 0..n-1 index."""
    out: dict[str, object] = {}
    for name, column in TAKEN:
        out[name] = _values(claims[column])
    for name, column in DATES:
        out[name] = iso_dates(claims[column], claims[f"{column}_precision"])
    for name in ("qualifier",):
        out[name] = _values(claims[name])
    for name in NUMBERS:
        out[name] = claims[name].to_numpy(dtype="float64", na_value=np.nan)
    out["unit"] = _values(claims["unit"])
    out["derived"] = derived_flags(claims["inferred"])
    for name in ("extent", "extent_note", "basis"):
        out[name] = (_values(claims[name]) if name in claims
                     else np.full(len(claims), None, dtype=object))  # fmt: skip
    suggested = (claims["suggested"].to_numpy(dtype="float64") if "suggested" in claims
                 else np.full(len(claims), np.nan))  # fmt: skip
    out["grade"] = grades(claims["reliability"], claims["credibility"], suggested)
    out["reliability"] = _values(claims["reliability"])
    out["credibility"] = pd.array(claims["credibility"].to_numpy(dtype="float64",
                                                                 na_value=np.nan)).astype("Int64")
    out["credibility_suggested"] = pd.array(suggested).astype("Int64")
    for flag in ("contested", "latest"):
        out[flag] = (pd.array(claims[flag].to_numpy(dtype=bool), dtype="boolean") if flag in claims
                     else pd.array([pd.NA] * len(claims), dtype="boolean"))  # fmt: skip
    out["source"] = _values(claims["source"])
    out["source_outlet"] = _values(claims["source_outlet"])
    out["source_title"] = _values(claims["source_title"])
    out["source_published"] = iso_dates(claims["source_published"],
                                        claims["source_published_precision"])  # fmt: skip
    out["source_url"] = _values(claims["source_url"])
    out["paragraph"] = pd.array(claims["paragraph"].to_numpy(dtype="float64", na_value=np.nan)
                                ).astype("Int64")  # fmt: skip
    out["key_phrase"] = _values(claims["key_phrase"])
    out["also_in"] = also_in_texts(claims)
    for name in ("summary", "notes", "inferred"):
        out[name] = _values(claims[name])
    out["file"] = _values(claims["file"])
    out["line"] = pd.array(claims["line"].to_numpy(dtype="int64"), dtype="Int64")
    return pd.DataFrame({name: out[name] for name in COLUMNS}, index=pd.RangeIndex(len(claims)))


def also_in_texts(claims: pd.DataFrame) -> pd.Categorical:
    """Each claim's other outlets with their own wording (`statements.py`),
    worded once per distinct entry list; missing where there are none."""
    from .statements import outlets

    wording = (claims["also_in_wording"] if "also_in_wording" in claims
               else pd.Series([None] * len(claims), index=claims.index))  # fmt: skip
    pairs = list(zip(claims["also_in"].to_numpy(dtype=object, na_value=None),
                     wording.to_numpy(dtype=object, na_value=None)))  # fmt: skip
    codes, uniques = pd.factorize(pd.Series(pairs, dtype=object), use_na_sentinel=True)
    words = np.array(["; ".join(o.describe() for o in outlets(a, w)) or None for a, w in uniques]
                     + [None], dtype=object)  # the last: a claim with no also_in (code -1)
    text_codes, labels = pd.factorize(pd.Series(words[codes], dtype=object), use_na_sentinel=True)
    return pd.Categorical.from_codes(text_codes, categories=pd.Index(labels, dtype=object))


def _values(column: pd.Series) -> object:
    """A text column as it is: a categorical stays one (its few values are
    written once), free text stays in its Arrow buffers."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Categorical.from_codes(
            column.cat.codes.to_numpy(),
            categories=pd.Index(column.cat.categories.astype(str), dtype=object))
    return column.array


def iso_dates(when: pd.Series, precision: pd.Series) -> pd.Categorical:
    """Dates written at their precision (`2025`, `2025-03`, `2025-03-27`),
    missing where there is none; each distinct date is written once."""
    if isinstance(when.dtype, pd.CategoricalDtype):  # a joined column: few distinct dates
        days = np.append(np.asarray(when.cat.categories, dtype="datetime64[D]"),
                         np.datetime64("NaT", "D"))[when.cat.codes.to_numpy()]  # fmt: skip
    else:
        days = np.asarray(when, dtype="datetime64[D]")
    codes = _precision_codes(precision)
    dated = ~np.isnat(days) & (codes >= 0)
    # One key per (day, precision); days before 1970 are negative, so the
    # missing ones are kept apart rather than marked by a sign.
    key = days[dated].astype(np.int64) * 4 + codes[dated]
    unique, inverse = np.unique(key, return_inverse=True)
    words = [iso_partial(np.datetime64(int(k) // 4, "D").item(), PRECISIONS[int(k) % 4])
             for k in unique]  # fmt: skip
    out = np.full(len(days), -1, dtype=np.int64)
    out[dated] = np.asarray(inverse).ravel()
    return pd.Categorical.from_codes(out, categories=pd.Index(words, dtype=object))


def _precision_codes(precision: pd.Series) -> np.ndarray:
    """Codes into PRECISIONS, -1 where missing."""
    if isinstance(precision.dtype, pd.CategoricalDtype):
        table = np.array([PRECISIONS.index(str(c)) if str(c) in PRECISIONS else -1
                          for c in precision.cat.categories] + [-1])  # fmt: skip
        return table[precision.cat.codes.to_numpy()]
    return np.array([PRECISIONS.index(str(p)) if str(p) in PRECISIONS else -1 for p in precision])


def derived_flags(inferred: pd.Series) -> np.ndarray:
    """True where the number itself is inferred (`inferred` names value, low or high)."""
    found = np.zeros(len(inferred), dtype=bool)
    listed = inferred.notna().to_numpy()
    if not listed.any():
        return found
    names = inferred[listed].astype(str).str.replace(" ", "", regex=False)
    hits = names.str.contains(r"(?:^|,)(?:value|low|high)(?:,|$)", regex=True)
    found[listed] = hits.to_numpy(dtype=bool)
    return found


def grades(reliability: pd.Series, credibility: pd.Series, suggested: np.ndarray) -> pd.Categorical:
    """The grade as the tables show it (`B2`, `B4?`, `–6?`), worded once per
    distinct combination."""
    letters = reliability.astype(object).where(reliability.notna(), None)
    rel_codes, rel_values = pd.factorize(letters, use_na_sentinel=True)
    given = credibility.to_numpy(dtype="float64", na_value=np.nan)
    cred = np.where(np.isnan(given), 0, given).astype(np.int64)
    sugg = np.where(np.isnan(suggested), 0, suggested).astype(np.int64)
    key = (rel_codes.astype(np.int64) + 1) * 100 + cred * 10 + sugg
    unique, inverse = np.unique(key, return_inverse=True)
    words = []
    for k in unique:
        r, rest = divmod(int(k), 100)
        c, s = divmod(rest, 10)
        words.append(grade_text(rel_values[r - 1] if r else None, c or None, s or None))
    # Different combinations can read alike ('' for nothing at all): merge them.
    labels, merged = np.unique(np.array(words, dtype=object), return_inverse=True)
    codes = np.asarray(merged).ravel()[np.asarray(inverse).ravel()]
    blank = labels == ""
    if blank.any():
        remap = np.cumsum(~blank) - 1
        codes = np.where(blank[codes], -1, remap[codes])
        labels = labels[~blank]
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(labels), dtype=object))
