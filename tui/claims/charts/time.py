"""The charts over time: troop numbers (levels, running totals sent and
waves) and every claim with a number about one quantity (the quantity view).

Read by position from the claims table, not copied; more marks than a
terminal can show become monthly medians per claimant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..formatting import claim_number, is_derived, plural
from ..grades import low_grades
from ..record import Milestone
from ..timeline import about_span
from .milestones import drawn_milestones
from .reading import as_float, bound_of, category_codes, contested_flags, has_number
from .styles import CLAIMANTS_DRAWN, LegendEntry, Style, claimant_styles, most_claims


@dataclass(slots=True)
class TimeMark:
    """One claim on a time axis. Treated as immutable (`dataclasses.replace`
    makes changed copies), but not frozen: a chart of many claims makes
    hundreds, and a frozen dataclass is ten times slower to make.

    `kind` is "level" (a stock at a date), "total" (a running total sent over
    its period), "increment" (one more wave, on top of earlier ones) or
    "median" (a monthly median of many claims, when there are too many to
    draw). `bound` is "lower" or "upper" for open bounds, drawn as a dotted
    ray; a range has `low` and `high`, drawn as a bar.
    """

    claim_id: str
    claimant: str
    kind: str
    x0: float
    x1: float
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    bound: str | None
    derived: bool
    marker: str
    color: str
    label: str
    #: The period starts before the axis (a year-precision start): drawn from the edge.
    clipped: bool = False
    claimant_id: str = ""
    #: Another origin's figure for the same time contradicts it (`contested.py`).
    contested: bool = False
    #: Drawn faint: another claimant is selected.
    faint: bool = False
    #: Drawn faint: a low grade (`grades.low_grade`), which the legend says.
    low_grade: bool = False

    @property
    def y(self) -> float:
        """The height the mark's marker sits at."""
        for v in (self.value, self.low, self.high):
            if v is not None:
                return v
        return 0.0


@dataclass(frozen=True)
class TroopsChartData:
    title: str
    marks: tuple[TimeMark, ...]
    legend: tuple[LegendEntry, ...]
    x_range: tuple[float, float]
    y_top: float
    summary: str
    #: Few enough marks to print each number beside it.
    labelled: bool
    aggregated: bool = False
    #: Dated events drawn as labelled vertical lines (those inside the axis,
    #: at most MILESTONES_DRAWN: `drawn_milestones`).
    milestones: tuple[Milestone, ...] = ()
    #: The claimant drawn in full when one is selected (the others faint).
    selected: str | None = None
    #: Milestones inside the axis not drawn (the legend counts them).
    milestones_left_out: int = 0
    #: Claimants not drawn: more than there are markers (`most_claims`); the
    #: legend says "and N more".
    claimants_left_out: int = 0

    def with_selected(self, claimant: str | None) -> TroopsChartData:
        """The same chart with one claimant's marks in full and the rest faint."""
        marks = tuple(replace(m, faint=claimant is not None and m.claimant_id != claimant)
                      for m in self.marks)  # fmt: skip
        return replace(self, marks=marks, selected=claimant)

    @property
    def empty(self) -> bool:
        return not self.marks


#: More marks than this are drawn as monthly medians per claimant, for the
#: claimants with the most claims: a terminal chart cannot show more.
CHART_POINTS = 120
CHART_CLAIMANTS = 8
LABELLED_MARKS = 12


def time_kind(measure: pd.Series, scope: pd.Series) -> np.ndarray:
    """What each claim is on a time axis: a stock is a "level", a cumulative
    flow a running "total", a per-period flow an "increment" ('' otherwise)."""
    categorical = pd.CategoricalDtype
    if isinstance(measure.dtype, categorical) and isinstance(scope.dtype, categorical):
        # Worked out once per (measure, scope) pair, then looked up by codes;
        # code -1 (missing) reads the last entry, None.
        m_names = np.append(np.asarray(measure.cat.categories, dtype=object), None)
        s_names = np.append(np.asarray(scope.cat.categories, dtype=object), None)
        table = _kinds(np.repeat(m_names, len(s_names)), np.tile(s_names, len(m_names)))
        m_codes = np.asarray(measure.cat.codes, dtype=np.int64) % len(m_names)
        s_codes = np.asarray(scope.cat.codes, dtype=np.int64) % len(s_names)
        return table[m_codes * len(s_names) + s_codes]
    return _kinds(measure.astype(object).to_numpy(), scope.astype(object).to_numpy())


def _kinds(m: np.ndarray, s: np.ndarray) -> np.ndarray:
    kind = np.full(len(m), "", dtype=object)
    kind[m == "stock"] = "level"
    kind[(m == "flow") & (s != "per period")] = "total"
    kind[(m == "flow") & (s == "per period")] = "increment"
    return kind


def troop_kind(chart: pd.Series, measure: pd.Series, scope: pd.Series) -> np.ndarray:
    """What each claim is on the Troops chart: its `time_kind` where its
    quantity's chart (quantities.yaml) is the Troops chart, else ''."""
    kind = time_kind(measure, scope)
    kind[~(chart == "troops").to_numpy()] = ""
    return kind


def troops_chart(
    claims: pd.DataFrame, claimant_ids: Iterable[str], milestones: Iterable[Milestone] = ()
) -> TroopsChartData:
    """Troop numbers over time: levels, running totals sent, and waves."""
    troops = (claims["category"] == "troops").to_numpy() & has_number(claims)
    kind = troop_kind(claims["chart"], claims["measure"], claims["scope"])
    rows = np.flatnonzero(troops & (kind != ""))
    return time_chart(claims, kind[rows], claimant_ids, milestones, rows=rows,
                      title="NK troops in Russia, sent in all, and more sent", what="NK troops",
                      off_chart=int(troops.sum()) - len(rows),
                      off_what="plans, moves, others")  # fmt: skip


def quantity_chart(
    claims: pd.DataFrame,
    quantity: str,
    claimant_ids: Iterable[str],
    milestones: Iterable[Milestone] = (),
    at: np.ndarray | None = None,
) -> TroopsChartData:
    """Every claim with a number about one quantity, over time. `at`, if
    given, are the positions of the quantity's claims in `claims`."""
    if at is None:
        at = np.flatnonzero((claims["quantity"] == quantity).to_numpy())
    rows = at[has_number(claims, at)]
    label = str(claims["quantity_short"].iat[rows[0]]) if len(rows) else quantity
    worded = len(at) - len(rows)
    # One quantity, so one measure and scope (quantities.yaml): one kind.
    first = rows[:1]
    one = time_kind(claims["measure"].take(first), claims["scope"].take(first))
    kind = np.repeat(one, len(rows))  # np.full of an object is ten times slower
    return time_chart(claims, kind, claimant_ids, milestones, rows=rows,
                      title=f"{label}: every claim over time", what=label,
                      off_chart=worded, off_what="in words, not numbers")  # fmt: skip


def time_chart(frame: pd.DataFrame, kind: np.ndarray, claimant_ids: Iterable[str],
               milestones: Iterable[Milestone] = (), *, title: str, what: str,
               off_chart: int = 0, off_what: str = "",
               rows: np.ndarray | None = None) -> TroopsChartData:  # fmt: skip
    """Claims on a time axis, as levels, running totals and increments: the
    claims at positions `rows` of `frame` (all of it when None), `kind` per
    charted claim. Read by position, not copied: the frame may be 100,000 rows."""
    x0, x1 = about_span(frame)
    if rows is None:
        rows = np.arange(len(frame))
    else:
        x0, x1 = x0[rows], x1[rows]
    keep = ~np.isnan(x0)
    if not keep.all():
        rows, kind, x0, x1 = rows[keep], kind[keep], x0[keep], x1[keep]
    undated = int((~keep).sum())
    parts = [off_what] if off_chart else []
    if undated:
        parts.append("undated")
    off_what = ", ".join(parts)
    off_chart += undated
    if not len(rows):
        return TroopsChartData(f"{what}: no numbers to chart", (), (), (0.0, 1.0), 1.0,
                               _troop_summary(0, 0, off_chart, off_what), False)  # fmt: skip
    codes, categories = category_codes(frame, "claimant")
    claimant = codes[rows]
    present = np.unique(claimant)
    claimants_left_out = 0
    if len(rows) <= CHART_POINTS and len(present) > CLAIMANTS_DRAWN:
        # One marker per claimant: those with most claims, the others in the table.
        ids = list(claimant_ids)
        kept, claimants_left_out = most_claims([categories[c] for c in claimant], ids)
        keep = np.isin(claimant, [i for i, c in enumerate(categories) if c in kept])
        off_chart += int((~keep).sum())
        off_what = ", ".join(p for p in (off_what, "claimants with fewer claims") if p)
        rows, kind, x0, x1, claimant = rows[keep], kind[keep], x0[keep], x1[keep], claimant[keep]
        present = np.unique(claimant)
        claimant_ids = ids
    if len(rows) > CHART_POINTS:  # the medians draw the claimants with most claims only
        present = _top_codes(claimant)
    styles = claimant_styles(claimant_ids, [categories[c] for c in present if c >= 0])
    # The axis starts at the earliest point or period end, or at a period start
    # dated to the day or month: a period known only as "2024" is drawn from the
    # axis' edge, not stretched back to January.
    year_start = np.asarray(frame["period_start_precision"].array.take(rows) == "year")
    anchors = np.concatenate([x0[~year_start], x1])
    lo, hi = float(np.nanmin(anchors)), float(np.nanmax(np.concatenate([x0, x1])))
    pad = max((hi - lo) * 0.04, 1 / 24)
    if len(rows) > CHART_POINTS:
        marks = _medians(frame, rows, kind, x0, x1, styles)
        aggregated = True
        summary = (
            f"monthly medians of {plural(len(rows), 'estimate')} by the "
            f"{CHART_CLAIMANTS} claimants with most; the table lists every claim"
        )
    else:
        marks = _troop_marks(frame.take(rows), kind, x0, x1, styles, lo)
        aggregated = False
        summary = _troop_summary(len(rows), len(present), off_chart, off_what)
    tops = [v for m in marks for v in (m.value, m.low, m.high) if v is not None]
    top = max(tops, default=1.0) * 1.15 or 1.0
    drawn = {m.claimant_id: m.claimant for m in sorted(marks, key=lambda m: m.x0)}
    legend = tuple(
        LegendEntry(styles[c].marker, styles[c].color, name) for c, name in drawn.items()
    )
    if aggregated:
        title = f"{what}: monthly medians (not claims: the table has each claim)"
    x_range = (lo - pad, hi + pad)
    shown, left_out = drawn_milestones([m for m in milestones
                                        if x_range[0] <= m.at <= x_range[1]])  # fmt: skip
    return TroopsChartData(title, tuple(marks), legend, x_range, top, summary,
                           len(marks) <= LABELLED_MARKS and not aggregated, aggregated,
                           shown, milestones_left_out=left_out,
                           claimants_left_out=claimants_left_out)  # fmt: skip


def _troop_summary(charted: int, claimants: int, off_chart: int, off_what: str) -> str:
    text = f"{plural(charted, 'claim')} by {plural(claimants, 'claimant')}"
    if off_chart:
        text += f"; {off_chart:,} more ({off_what}) in the table only"
    return text


def _troop_marks(frame: pd.DataFrame, kind: np.ndarray, x0: np.ndarray, x1: np.ndarray,
                 styles: dict[str, Style], axis_start: float) -> list[TimeMark]:  # fmt: skip
    marks = []
    rows = zip(
        frame["id"].astype(object), frame["claimant"].astype(object),
        frame["claimant_short"].astype(object), kind, x0, x1,
        frame["value"].astype(object), frame["low"].astype(object), frame["high"].astype(object),
        frame["qualifier"].astype(object), frame["inferred"].astype(object), contested_flags(frame),
        low_grades(frame),
    )  # fmt: skip
    for claim_id, claimant, short, k, a, b, value, low, high, qualifier, inferred, hit, weak in rows:
        style = styles[claimant]
        q = str(qualifier)
        derived = is_derived(inferred)
        label = claim_number(q, value, low, high, compact=True, derived=derived)
        if k == "increment":
            label = "+" + label
        clipped = bool(a < axis_start)
        marks.append(TimeMark(
            str(claim_id), str(short), str(k), max(float(a), axis_start), float(b),
            as_float(value), as_float(low), as_float(high), q, bound_of(q), derived,
            style.marker, style.color, label, clipped, str(claimant), bool(hit), low_grade=bool(weak),
        ))  # fmt: skip
    return marks


def _top_codes(claimant: np.ndarray) -> np.ndarray:
    """The codes of the CHART_CLAIMANTS claimants with most claims (ties:
    the earlier category) among the codes `claimant`."""
    counts = np.bincount(claimant[claimant >= 0])
    top = np.argsort(-counts, kind="stable")[:CHART_CLAIMANTS]
    return top[counts[top] > 0]


def _medians(frame: pd.DataFrame, rows: np.ndarray, kind: np.ndarray, x0: np.ndarray,
             x1: np.ndarray, styles: dict[str, Style]) -> list[TimeMark]:  # fmt: skip
    """Monthly medians per claimant and kind, for the claimants with most
    claims, of the claims at positions `rows` of `frame`.

    Worked on arrays (codes, one sort), not a pandas groupby: this runs for
    every chart of many claims, in the quantity view as the analyst opens it."""
    codes, categories = category_codes(frame, "claimant")
    claimant = codes[rows]
    best = frame["best"].array.take(rows).to_numpy(dtype=float, na_value=np.nan)
    top = _top_codes(claimant)
    keep = np.isin(claimant, top) & ~np.isnan(best) & ~np.isnan(x0)
    kind_code, kinds = pd.factorize(kind[keep], sort=True)
    month = np.floor(x0[keep] * 12).astype(np.int64)
    c, v, e = claimant[keep], best[keep], x1[keep]
    key = (c * len(kinds) + kind_code.ravel()) * (int(month.max() - month.min()) + 1) + (
        month - month.min()
    )
    order = np.lexsort((v, key))
    key, v, e = key[order], v[order], e[order]
    c, k, month = c[order], kind_code.ravel()[order], month[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    sizes = np.diff(np.r_[starts, len(key)])
    middle = (v[starts + (sizes - 1) // 2] + v[starts + sizes // 2]) / 2
    ends = np.maximum.reduceat(e, starts) if len(starts) else e
    short_codes, short_names = category_codes(frame, "claimant_short")
    shorts: dict[str, str] = {}
    for code in np.unique(c):  # each drawn claimant's short label, read once
        where = rows[int(np.flatnonzero(claimant == code)[0])]
        if short_codes[where] >= 0:
            shorts[categories[code]] = str(short_names[short_codes[where]])
    marks = []
    for i, start in enumerate(starts):
        claimant_id = str(categories[c[start]])
        style = styles[claimant_id]
        at = month[start] / 12
        what = str(kinds[k[start]])
        end = float(ends[i]) if what != "level" else float(at) + 1 / 24
        marks.append(TimeMark(
            "", shorts.get(claimant_id, claimant_id), "median", float(at) + 1 / 24, end,
            float(middle[i]), None, None, "median", None, False, style.marker, style.color,
            f"median {middle[i]:,.0f} of {int(sizes[i])}", False, claimant_id,
        ))  # fmt: skip
    return sorted(marks, key=lambda m: (m.claimant_id, m.x0))
