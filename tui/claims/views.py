"""The data each pane and chart draws, computed from the (filtered) claims.

Plain pandas in, plain frames out: the widgets only draw what these return.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dates import PRECISIONS
from .rules import last_days


def decimal_year(dates: pd.Series | np.ndarray) -> np.ndarray:
    """Dates as fractional years (2025.0 is 1 Jan 2025), for chart x axes."""
    days = np.asarray(dates, dtype="datetime64[D]")
    years = days.astype("datetime64[Y]")
    start = years.astype("datetime64[D]")
    length = (years + 1).astype("datetime64[D]") - start
    out = years.astype(float) + 1970 + (days - start).astype(float) / length.astype(float)
    out[np.isnat(days)] = np.nan
    return out


def _span(first: pd.Series, precision: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(first day, last day) of each date at its precision; NaT where undated."""
    days = first.to_numpy().astype("datetime64[D]")
    codes = precision.cat.codes.to_numpy()
    dated = ~np.isnat(days)
    last = days.copy()
    last[dated] = last_days(days[dated], codes[dated])
    return days, last


def _middle(first: pd.Series, precision: pd.Series) -> np.ndarray:
    """The middle of each date's span: March 2025 sits mid-March on a chart."""
    days, last = _span(first, precision)
    return decimal_year(days + (last - days) // 2)


def _end(first: pd.Series, precision: pd.Series) -> np.ndarray:
    """Just after the last day of each date's span."""
    return decimal_year(_span(first, precision)[1] + 1)


def about_when(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) in fractional years of the time each claim is about: its
    as_of date, else its period, else when it was said."""
    as_of = _middle(claims["as_of"], claims["as_of_precision"])
    said = _middle(claims["stated_on"], claims["stated_on_precision"])
    start = decimal_year(claims["period_start"].to_numpy())
    end = _end(claims["period_end"], claims["period_end_precision"])
    has_period = ~np.isnan(start)
    x0 = np.where(~np.isnan(as_of), as_of, np.where(has_period, start, said))
    x1 = np.where(~np.isnan(as_of), as_of, np.where(has_period & ~np.isnan(end), end, x0))
    return x0, x1


def numbered(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that carry a number."""
    return claims[claims["value"].notna() | claims["low"].notna() | claims["high"].notna()]


#: Flows drawn as troops sent over a period.
SENT = ["troops_sent", "workers_sent", "deminers_sent", "military_builders_sent"]

#: More estimates than this are drawn as monthly medians per claimant, and
#: only for the claimants with the most claims: a terminal chart cannot show more.
CHART_POINTS = 120
CHART_CLAIMANTS = 8


def troop_estimates(claims: pd.DataFrame) -> pd.DataFrame:
    """Troop numbers to chart: levels (stocks) and amounts sent (flows), with
    their time span, bounds and claimant. `attrs["claims"]` says how many
    claims are drawn, `attrs["aggregated"]` whether they were summarised."""
    troops = numbered(claims[claims["category"] == "troops"])
    # Levels (stocks) and what was actually sent; plans, warnings ("could send
    # up to 100,000") and moves inside Russia stay in the table, off the chart.
    charted = (troops["measure"].astype(object) == "stock") | troops["quantity"].isin(SENT)
    frame = _estimates(troops[charted.to_numpy(dtype=bool)]).dropna(subset=["x0"])
    frame.attrs["claims"] = len(frame)
    frame.attrs["aggregated"] = len(frame) > CHART_POINTS
    if len(frame) > CHART_POINTS:
        frame = _summarised(frame)
    return frame


def _summarised(frame: pd.DataFrame) -> pd.DataFrame:
    """Monthly medians (and the range's envelope) per claimant and kind."""
    top = frame["claimant"].value_counts().index[:CHART_CLAIMANTS]
    frame = frame[frame["claimant"].isin(top)].copy()
    frame["month"] = np.floor(frame["x0"] * 12) / 12
    frame["best"] = frame["value"].fillna(frame["low"]).fillna(frame["high"])
    grouped = frame.groupby(["claimant", "kind", "month"], sort=True).agg(
        value=("best", "median"), low=("low", "min"), high=("high", "max"), x1=("x1", "max")
    )
    out = grouped.reset_index()
    out["x0"] = out["month"] + 1 / 24
    out["x1"] = np.where(out["kind"] == "sent", out["x1"], out["x0"])
    out["qualifier"] = "about"
    out["id"] = ""
    out.attrs.update(frame.attrs)
    return out[["x0", "x1", "kind", "value", "low", "high", "qualifier", "claimant", "id"]]


def _estimates(troops: pd.DataFrame) -> pd.DataFrame:
    x0, x1 = about_when(troops)
    return pd.DataFrame(
        {
            "x0": x0,
            "x1": x1,
            "kind": np.where(troops["measure"].astype(object) == "flow", "sent", "level"),
            "value": troops["value"].to_numpy(dtype=float, na_value=np.nan),
            "low": troops["low"].to_numpy(dtype=float, na_value=np.nan),
            "high": troops["high"].to_numpy(dtype=float, na_value=np.nan),
            "qualifier": troops["qualifier"].astype(object).to_numpy(),
            "claimant": troops["claimant_short"].astype(object).to_numpy(),
            "id": troops["id"].to_numpy(dtype=object),
        }
    )


CASUALTY_ORDER = ("killed", "wounded", "killed_or_wounded", "captured")


def casualty_groups(
    claims: pd.DataFrame, most: int = 8
) -> tuple[list[str], dict[str, list[float]]]:
    """Bars side by side: one group per claimant and date, one series per
    quantity (killed, wounded, ...), so that claimants can be compared."""
    cas = numbered(claims[claims["category"] == "casualties"])
    if cas.empty:
        return [], {}
    x0, _ = about_when(cas)
    frame = pd.DataFrame(
        {
            "x": x0,
            "claimant": cas["claimant_short"].astype(object).to_numpy(),
            "when": [
                _short_date(a, p) for a, p in zip(cas["stated_on"], cas["stated_on_precision"])
            ],
            "quantity": cas["quantity"].astype(object).to_numpy(),
            "number": cas["value"].fillna(cas["low"]).fillna(cas["high"]).to_numpy(dtype=float),
        }
    ).sort_values(["x", "claimant"], na_position="last")
    frame["group"] = frame["claimant"] + " " + frame["when"]
    frame = frame[frame["group"].isin(list(dict.fromkeys(frame["group"]))[-most:])]
    groups = list(dict.fromkeys(frame["group"]))[-most:]  # the most recent
    present = [q for q in CASUALTY_ORDER if q in set(frame["quantity"])]
    present += sorted(set(frame["quantity"]) - set(present))
    table = frame.pivot_table(index="group", columns="quantity", values="number", aggfunc="max")
    series = {q: [float(table.at[g, q]) if pd.notna(table.at[g, q]) else 0.0 for g in groups]
              for q in present}  # fmt: skip
    return groups, series


def _short_date(when: object, precision: object) -> str:
    if pd.isna(when):
        return "undated"
    ts = pd.Timestamp(when)
    if precision == "year":
        return f"{ts.year}"
    return ts.strftime("%b%y") if precision == "month" else ts.strftime("%d%b%y")


#: Units that are not counts of things, kept off the equipment chart.
NOT_COUNTS = ["percent", "US dollars", "dollars", "USD"]


def equipment_numbers(claims: pd.DataFrame, most: int = 12) -> pd.DataFrame:
    """Equipment claims with a number, labelled by system: each claimant's
    latest figure per system, the `most` largest."""
    eq = numbered(claims[claims["category"].isin(["equipment", "support"])])
    # Counts of things only: shares and money would share an axis with shells.
    eq = eq[~eq["unit"].astype(object).isin(NOT_COUNTS)]
    eq = eq.assign(number=eq["value"].fillna(eq["low"]).fillna(eq["high"]))
    latest = eq.sort_values("stated_on", na_position="first", kind="stable").drop_duplicates(
        ["quantity", "claimant"], keep="last"
    )
    return latest.nlargest(most, "number").sort_values("number")


def equipment_words(claims: pd.DataFrame) -> pd.DataFrame:
    """Equipment and support claims whose size is given only in words."""
    eq = claims[claims["category"].isin(["equipment", "support"])]
    vague = eq["value"].isna() & eq["low"].isna() & eq["high"].isna() & eq["qualifier"].notna()
    return eq[vague]


def events_per_month(claims: pd.DataFrame) -> pd.Series:
    """How many diplomacy claims fall in each month (by the period they are
    about, else by when they were said); months dated only to a year are left out."""
    dip = claims[claims["category"] == "diplomacy"]
    start = dip["period_start"].where(dip["period_start"].notna(), dip["stated_on"])
    precision = (
        dip["period_start_precision"]
        .astype(object)
        .where(dip["period_start"].notna(), dip["stated_on_precision"].astype(object))
    )
    monthly = start[(precision != "year") & start.notna()]
    if monthly.empty:
        return pd.Series(dtype=int)
    months = monthly.dt.to_period("M")
    counts = months.value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    return counts.reindex(full, fill_value=0)


__all__ = [
    "PRECISIONS",
    "about_when",
    "casualty_groups",
    "decimal_year",
    "equipment_numbers",
    "equipment_words",
    "events_per_month",
    "numbered",
    "troop_estimates",
]
