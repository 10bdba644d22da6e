"""What each chart draws, decided here as typed values that tests can check.

Plain pandas in, frozen dataclasses out: for every mark, the claim it comes
from, where it is drawn, its value and qualifier, and the claimant's marker
and colour. The chart widgets only draw what these return, and each chart's
`summary` says what it shows of the claims it was given, so a chart never
says more or less than the data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from . import domain
from .formatting import claim_number, is_derived, plural, short_date, unit_text
from .grades import low_grades
from .record import Milestone
from .schema import LOWER_BOUND_QUALIFIERS, UPPER_BOUND_QUALIFIERS
from .timeline import about_span, about_when, decimal_year

# -- claimants' markers and colours -------------------------------------------


@dataclass(frozen=True)
class Style:
    """How one claimant is drawn: its marker and its colour."""

    marker: str
    color: str


@lru_cache(maxsize=8)
def _base_styles(claimant_ids: tuple[str, ...]) -> dict[str, Style]:
    markers, colors = domain.MARKERS, domain.COLORS
    styles = {}
    for i, claimant in enumerate(claimant_ids):
        # Twelve markers by nine colours: unique pairs for the first 108 claimants.
        styles[claimant] = Style(
            markers[i % len(markers)], colors[(i + i // len(markers)) % len(colors)]
        )
    return styles


def claimant_styles(
    claimant_ids: Iterable[str], drawn: Iterable[str] | None = None
) -> dict[str, Style]:
    """Each claimant's style, from its place in claimants.yaml, so it is the
    same under every filter. Among the claimants `drawn` in one chart, no two
    share a marker, so that a chart reads with NO_COLOR: a claimant whose
    marker an earlier one (in claimants.yaml's order) holds takes the next
    free marker, keeping its colour. A chart draws at most
    `CLAIMANTS_DRAWN` claimants (`most_claims`); beyond that, no two share
    both marker and colour (the next free pair)."""
    ids = tuple(str(c) for c in claimant_ids)
    base = _base_styles(ids)
    if drawn is None:
        return dict(base)
    order = {c: i for i, c in enumerate(ids)}
    markers = domain.MARKERS
    styles: dict[str, Style] = {}
    used: set[Style] = set()
    used_markers: set[str] = set()
    pairs = [Style(m, c) for c in domain.COLORS for m in markers]
    for claimant in sorted(set(drawn), key=lambda c: (order.get(c, len(order)), c)):
        style = base.get(claimant) or pairs[len(styles) % len(pairs)]
        if len(used_markers) < len(markers):
            if style.marker in used_markers:
                start = markers.index(style.marker)
                free = next(markers[(start + k) % len(markers)] for k in range(len(markers))
                            if markers[(start + k) % len(markers)] not in used_markers)  # fmt: skip
                style = Style(free, style.color)
        elif style in used:
            style = next((p for p in pairs if p not in used), style)
        used.add(style)
        used_markers.add(style.marker)
        styles[claimant] = style
    return styles


#: The most claimants one chart draws: one distinct marker each. A chart of
#: more draws those with the most claims and says how many it leaves out.
CLAIMANTS_DRAWN = len(domain.MARKERS)


def most_claims(claimants: Sequence[str], claimant_ids: Iterable[str],
                most: int = CLAIMANTS_DRAWN) -> tuple[set[str], int]:  # fmt: skip
    """Of the claimants of a chart's claims (one entry per claim), the `most`
    with the most claims (ties: the earlier in claimants.yaml), and how many
    claimants are left out."""
    counts: dict[str, int] = {}
    for c in claimants:
        counts[c] = counts.get(c, 0) + 1
    if len(counts) <= most:
        return set(counts), 0
    order = {str(c): i for i, c in enumerate(claimant_ids)}
    ranked = sorted(counts, key=lambda c: (-counts[c], order.get(c, len(order)), c))
    return set(ranked[:most]), len(counts) - most


@dataclass(frozen=True)
class LegendEntry:
    """One series a chart draws, as the legend names it."""

    glyph: str
    color: str | None
    label: str


# -- shared helpers ---------------------------------------------------------------


def numbered(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that carry a number."""
    return claims[claims["value"].notna() | claims["low"].notna() | claims["high"].notna()]


def _float(value: object) -> float | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None


def _bound(qualifier: str) -> str | None:
    if qualifier in LOWER_BOUND_QUALIFIERS:
        return "lower"
    if qualifier in UPPER_BOUND_QUALIFIERS:
        return "upper"
    return None


# -- the troops chart ---------------------------------------------------------------


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
    troops = (claims["category"] == "troops").to_numpy() & _has_number(claims)
    kind = troop_kind(claims["chart"], claims["measure"], claims["scope"])
    rows = np.flatnonzero(troops & (kind != ""))
    return time_chart(claims, kind[rows], claimant_ids, milestones, rows=rows,
                      title="NK troops in Russia, sent in all, and more sent", what="NK troops",
                      off_chart=int(troops.sum()) - len(rows),
                      off_what="plans, moves, others")  # fmt: skip


def _has_number(claims: pd.DataFrame, at: np.ndarray | None = None) -> np.ndarray:
    """Which claims carry a number (of those at positions `at`, if given):
    `best` is the value, else a bound, so it is missing exactly when all are."""
    names = ("best",) if "best" in claims else ("value", "low", "high")
    out = np.zeros(len(claims) if at is None else len(at), dtype=bool)
    for name in names:
        values = claims[name].array
        out |= ~np.asarray(pd.isna(values if at is None else values.take(at)))
    return out


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
    rows = at[_has_number(claims, at)]
    label = str(claims["quantity_short"].iat[rows[0]]) if len(rows) else quantity
    worded = len(at) - len(rows)
    # One quantity, so one measure and scope (quantities.yaml): one kind.
    first = rows[:1]
    one = time_kind(claims["measure"].take(first), claims["scope"].take(first))
    kind = np.repeat(one, len(rows))  # np.full of an object is ten times slower
    return time_chart(claims, kind, claimant_ids, milestones, rows=rows,
                      title=f"{label}: every claim over time", what=label,
                      off_chart=worded, off_what="in words, not numbers")  # fmt: skip


def _categories(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, list]:
    """(codes, categories) of a column, made categorical if it is not."""
    column = frame[name]
    if not isinstance(column.dtype, pd.CategoricalDtype):  # a frame built by hand
        column = column.astype("category")
    return np.asarray(column.array.codes), list(column.cat.categories)


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
    codes, categories = _categories(frame, "claimant")
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


#: Milestone lines a chart draws at most: each is numbered and named in the
#: legend, which says how many more there are.
MILESTONES_DRAWN = 6


def drawn_milestones(inside: Sequence[Milestone]) -> tuple[tuple[Milestone, ...], int]:
    """Of the milestones inside a chart's axis (one per event: `record.milestones`),
    those it draws, in date order: all when they are few, else the
    MILESTONES_DRAWN reported by the most claims (then the earliest); and how
    many it leaves out."""
    if len(inside) <= MILESTONES_DRAWN:
        return tuple(inside), 0
    kept = sorted(inside, key=lambda m: (-m.reports, m.at, m.claim_id))[:MILESTONES_DRAWN]
    return tuple(sorted(kept, key=lambda m: (m.at, m.claim_id))), len(inside) - len(kept)


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
        frame["qualifier"].astype(object), frame["inferred"].astype(object), _contested(frame),
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
            _float(value), _float(low), _float(high), q, _bound(q), derived,
            style.marker, style.color, label, clipped, str(claimant), bool(hit), low_grade=bool(weak),
        ))  # fmt: skip
    return marks


def _contested(frame: pd.DataFrame) -> np.ndarray:
    """The `contested` flags where the claims were annotated, else none."""
    if "contested" in frame:
        return frame["contested"].to_numpy(dtype=bool)
    return np.zeros(len(frame), dtype=bool)


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
    codes, categories = _categories(frame, "claimant")
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
    short_codes, short_names = _categories(frame, "claimant_short")
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


# -- the casualties chart -------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One claim as a bar: its quantity's fill, its number and qualifier."""

    claim_id: str
    quantity: str
    value: float
    qualifier: str
    bound: str | None
    derived: bool
    low: float | None
    high: float | None
    label: str
    contested: bool = False
    #: A low grade: drawn faint (`grades.low_grade`).
    low_grade: bool = False


@dataclass(frozen=True)
class BarGroup:
    """The bars of one claimant at one date, labelled with the date that orders them."""

    label: str
    at: float
    claimant: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Series:
    """A quantity's bars: its name, fill and colour, fixed for the quantity."""

    quantity: str
    label: str
    fill: str
    color: str


@dataclass(frozen=True)
class CasualtiesChartData:
    title: str
    #: The latest groups (at most CASUALTY_GROUPS_KEPT), oldest first.
    groups: tuple[BarGroup, ...]
    series: tuple[Series, ...]
    summary: str
    y_top: float
    #: How many groups and claims there are in all, kept or not.
    total_groups: int = 0
    total_claims: int = 0
    #: Dated events, drawn as vertical lines between the groups they fall between.
    milestones: tuple[Milestone, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups

    def window(self, most: int) -> tuple[tuple[BarGroup, ...], str]:
        """The latest `most` groups and what that shows of the whole."""
        shown = self.groups[-max(most, 1) :]
        if len(shown) == self.total_groups:
            return shown, self.summary
        claims = sum(len(g.bars) for g in shown)
        return shown, (
            f"the latest {len(shown)} of {self.total_groups:,} claimant-dates, {claims} of "
            f"{self.total_claims:,} claims (wider: more; the table: all)"
        )


def milestones_among(
    groups: tuple[BarGroup, ...], milestones: Iterable[Milestone]
) -> tuple[tuple[Milestone, ...], int]:
    """The milestones a bar chart of `groups` draws (`drawn_milestones` of
    those dated between its first and last group) and how many it leaves out."""
    if not groups:
        return (), 0
    first, last = groups[0].at, groups[-1].at
    return drawn_milestones([m for m in milestones if first <= m.at < last])


def milestone_positions(
    groups: tuple[BarGroup, ...], milestones: Iterable[Milestone]
) -> list[tuple[float, Milestone]]:
    """Where each milestone stands among bar groups placed at 1, 2, ...: after
    the groups dated before it, in the gap to the next; those before the first
    group or after the last shown are left out."""
    ats = [g.at for g in groups]
    gaps: dict[int, list[Milestone]] = {}
    for m in milestones:
        before = sum(1 for a in ats if a <= m.at)
        if 0 < before < len(ats):
            gaps.setdefault(before, []).append(m)
    # Several in one gap are spread across it, in date order.
    return [(before + (k + 1) / (len(ms) + 1), m)
            for before, ms in gaps.items() for k, m in enumerate(ms)]  # fmt: skip


def casualty_series(quantities: Iterable[str], labels: dict[str, str]) -> list[Series]:
    """Series in their fixed order, with fills and colours fixed per quantity."""
    present = set(quantities)
    ordered = [q for q in domain.CASUALTY_ORDER if q in present]
    spare = sorted(present - set(ordered))
    series = [Series(q, labels.get(q, q), domain.CASUALTY_FILLS[q], domain.CASUALTY_COLORS[q])
              for q in ordered]  # fmt: skip
    for i, q in enumerate(spare):
        series.append(Series(q, labels.get(q, q), domain.SPARE_FILLS[i % len(domain.SPARE_FILLS)],
                             domain.SPARE_COLORS[i % len(domain.SPARE_COLORS)]))  # fmt: skip
    return series


#: Groups of bars kept for drawing: more than any terminal is wide enough for.
CASUALTY_GROUPS_KEPT = 60


def casualties_chart(
    claims: pd.DataFrame, milestones: Iterable[Milestone] = ()
) -> CasualtiesChartData:
    """Bars side by side, one group per claimant and date, one bar per claim,
    groups in the order of the date that labels them (a second claim of the
    same quantity by the same claimant on the same date starts a group of its
    own). The chart shows the latest groups that fit (`window`) and says so."""
    cas = numbered(claims[(claims["chart"] == "casualties").to_numpy()])
    if cas.empty:
        return CasualtiesChartData("NK casualties: no numbers to chart", (), (), "", 1.0)
    x0, _ = about_when(cas)
    frame = pd.DataFrame({
        "at": x0,
        "claimant": cas["claimant"].cat.codes.to_numpy(),
        "quantity": cas["quantity"].astype(object).to_numpy(),
        "id": cas["id"].astype(object).to_numpy(),
        "row": np.arange(len(cas)),
    })  # fmt: skip
    undated = int(np.isnan(x0).sum())
    frame = frame[~np.isnan(x0)].sort_values(["at", "claimant", "quantity", "id"], kind="stable")
    frame["k"] = frame.groupby(["claimant", "at", "quantity"], sort=False).cumcount()
    keys = frame[["at", "claimant", "k"]].drop_duplicates().sort_values(["at", "claimant", "k"])
    total_groups = len(keys)
    kept = frame.merge(keys.tail(CASUALTY_GROUPS_KEPT), on=["at", "claimant", "k"])
    kept = kept.sort_values(["at", "claimant", "k", "quantity", "id"], kind="stable")
    # The few kept claims as plain values, read once (not a pandas call per bar).
    sub = cas.iloc[kept["row"].to_numpy()]
    fields = ("id", "quantity", "best", "qualifier", "value", "low", "high", "inferred",
              "claimant", "claimant_short", "as_of", "as_of_precision", "stated_on",
              "stated_on_precision")  # fmt: skip
    values = {f: sub[f].astype(object).to_numpy() for f in fields}
    hits = _contested(sub)
    weak = low_grades(sub)
    groups: list[BarGroup] = []
    bars: list[Bar] = []
    previous: tuple | None = None
    first: dict = {}
    for i, key in enumerate(zip(kept["at"], kept["claimant"], kept["k"])):
        if key != previous and bars:
            groups.append(_bar_group(previous[0], first, bars))  # type: ignore[index]
            bars = []
        if key != previous:
            first = {f: values[f][i] for f in fields}
            previous = key
        q = str(values["qualifier"][i])
        derived = is_derived(values["inferred"][i])
        low, high, value = values["low"][i], values["high"][i], values["value"][i]
        bars.append(Bar(str(values["id"][i]), str(values["quantity"][i]), float(values["best"][i]),
                        q, _bound(q), derived, _float(low), _float(high),
                        claim_number(q, value, low, high, compact=True, derived=derived),
                        bool(hits[i]), bool(weak[i])))  # fmt: skip
    if bars:
        groups.append(_bar_group(previous[0], first, bars))  # type: ignore[index]
    summary = f"every claim with a number: {plural(len(frame), 'claim')}"
    if undated:
        summary += f"; {undated:,} undated are in the table only"
    labels = dict(zip(cas["quantity"].astype(object), cas["quantity_short"].astype(object)))
    used = [b.quantity for g in groups for b in g.bars]
    series = casualty_series(used, {k: str(v) for k, v in labels.items()})
    top = max((b.high or b.value for g in groups for b in g.bars), default=1.0)
    return CasualtiesChartData("NK casualties by claimant and date (one bar per claim)",
                               tuple(groups), tuple(series), summary, top * 1.12 or 1.0,
                               total_groups, len(frame), tuple(milestones))  # fmt: skip


def _bar_group(at: float, first: dict, bars: list[Bar]) -> BarGroup:
    """A group labelled with its claimant and the date that orders it."""
    date = short_date(first["as_of"], first["as_of_precision"]) or short_date(
        first["stated_on"], first["stated_on_precision"]
    )
    return BarGroup(
        f"{first['claimant_short']} {date}", float(at), str(first["claimant"]), tuple(bars)
    )


# -- the equipment charts -------------------------------------------------------------


@dataclass(frozen=True)
class HBar:
    """A horizontal bar: one claimant's latest figure for one system. Its
    label is drawn on the bar's own row (`EquipmentChart.rows`)."""

    claim_id: str
    label: str
    value: float
    qualifier: str
    derived: bool
    color: str
    claimant: str = ""
    marker: str = ""


@dataclass(frozen=True)
class BarChart:
    """One unit's chart: counts in one unit never share an axis with another."""

    title: str
    unit: str
    bars: tuple[HBar, ...]
    summary: str


@dataclass(frozen=True)
class EquipmentChartData:
    charts: tuple[BarChart, ...]

    @property
    def empty(self) -> bool:
        return not self.charts


def equipment_charts(claims: pd.DataFrame, claimant_ids: Iterable[str]) -> EquipmentChartData:
    """One chart per unit, running totals apart from per-period figures; in
    each, every claimant's latest figure per system, largest first."""
    eq = numbered(claims[claims["category"].isin(["equipment", "support"])])
    units = eq["unit"].astype(object)
    charted = (eq["chart"].astype(object) == "equipment").to_numpy()
    eq = eq[~units.isin(list(domain.NOT_COUNTS)).to_numpy() & units.notna().to_numpy() & charted]
    if eq.empty:
        return EquipmentChartData(())
    ids = [str(c) for c in claimant_ids]
    fields = ("id", "unit", "quantity", "claimant", "claimant_short", "quantity_short",
              "qualifier", "value", "low", "high", "inferred", "said_at", "scope")  # fmt: skip
    table = pd.DataFrame({f: eq[f].astype(object).to_numpy() for f in fields})
    table["best"] = eq["best"].to_numpy(dtype=float, na_value=np.nan)
    table["periodic"] = (table["scope"] == "per period").to_numpy()
    counts = table.groupby(["unit", "periodic"]).size()
    # Each claimant's latest figure per system, then largest first within a chart.
    latest = table.sort_values(["said_at", "id"], na_position="first", kind="stable")
    latest = latest.drop_duplicates(["quantity", "claimant"], keep="last")
    latest = latest.sort_values(["unit", "periodic", "best", "id"],
                                ascending=[True, True, False, True], kind="stable")  # fmt: skip
    charts = []
    for (unit, periodic), part in latest.groupby(["unit", "periodic"], sort=False):
        # One marker per claimant in each chart: those with most bars if more.
        kept, left_out = most_claims([str(c) for c in part["claimant"]], ids)
        part = part[part["claimant"].astype(str).isin(kept).to_numpy()]
        styles = claimant_styles(ids, part["claimant"].astype(str))
        bars = []
        for row in part.itertuples():
            derived = is_derived(row.inferred)
            number = claim_number(row.qualifier, row.value, row.low, row.high, compact=True,
                                  derived=derived)  # fmt: skip
            style = styles[row.claimant]
            bars.append(HBar(str(row.id),
                             f"{style.marker} {number} {row.claimant_short} \u00b7 {row.quantity_short}",
                             float(row.best), str(row.qualifier), derived, style.color,
                             str(row.claimant), style.marker))  # fmt: skip
        name = unit_text(unit) or str(unit)
        what = (
            "supplied within one period or per year"
            if periodic
            else "in all, each claimant's latest"
        )
        summary = (
            f"{plural(len(bars), 'figure')} from {plural(int(counts[(unit, periodic)]), 'claim')}"
        )
        if left_out:
            summary += f"; and {plural(left_out, 'more claimant')} in the table only"
        charts.append(BarChart(f"{name}: {what}", str(unit), tuple(bars), summary))
    return EquipmentChartData(tuple(charts))


# -- the events chart ----------------------------------------------------------------


@dataclass(frozen=True)
class EventsChartData:
    months: tuple[str, ...]
    counts: tuple[int, ...]
    summary: str

    @property
    def empty(self) -> bool:
        return not self.months


def events_chart(claims: pd.DataFrame) -> EventsChartData:
    """How many diplomacy claims fall in each month (by the period they are
    about, else by when they were said); those dated only to a year are counted
    in the summary, not in a month."""
    dip = claims[claims["category"] == "diplomacy"]
    start = dip["period_start"].where(dip["period_start"].notna(), dip["stated_on"])
    precision = (
        dip["period_start_precision"].astype(object)
        .where(dip["period_start"].notna(), dip["stated_on_precision"].astype(object))
    )  # fmt: skip
    monthly = start[(precision != "year").to_numpy() & start.notna().to_numpy()]
    undated = len(dip) - len(monthly)
    if monthly.empty:
        return EventsChartData((), (), "")
    months = monthly.dt.to_period("M")
    counts = months.value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(full, fill_value=0)
    labels = tuple(f"{p.strftime('%b')}{p.year % 100:02d}" for p in counts.index)
    summary = f"{plural(len(monthly), 'claim')} by month"
    if undated:
        summary += f"; {undated:,} dated only to a year or undated are not counted"
    return EventsChartData(labels, tuple(int(c) for c in counts.to_numpy()), summary)


__all__ = [
    "Bar", "BarChart", "BarGroup", "CasualtiesChartData", "EquipmentChartData",
    "EventsChartData", "HBar", "LegendEntry", "Series", "Style", "TimeMark",
    "TroopsChartData", "about_when", "casualties_chart", "claimant_styles",
    "decimal_year", "drawn_milestones", "equipment_charts", "events_chart",
    "milestone_positions", "milestones_among", "numbered", "quantity_chart", "time_chart",
    "time_kind", "troops_chart",
]  # fmt: skip
