"""Property-based: any data directory that `check` accepts can be shown.

Hypothesis writes data directories within the schema's whole range (dates
across decades at every precision, values from fractions to 10^15, every
qualifier, empty vocabularies, one claim, many claimants, text in any
script) and every one must load; then every pane's data, every chart (drawn
with plotext at several sizes), every citation, and in the app every pane
and the detail at 80x24 and at a tiny size, without an exception.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.claims import DataError, load_dataset
from tui.claims.schema import CATEGORIES, CLAIMANT_KINDS, MEASURES, NUMERIC_QUALIFIERS

TODAY = dt.date.today()
#: Quantity ids the panes know by name, and others they do not.
QUANTITY_IDS = {
    "troops": ["troops_in_russia", "troops_sent", "troops_sent_more", "troops_other"],
    "casualties": ["killed", "wounded", "killed_or_wounded", "captured", "casualties_other"],
    "equipment": ["artillery_shells", "missiles", "containers", "equipment_other"],
    "support": ["oil_barrels", "support_other"],
}
UNITS = ["soldiers", "shells", "containers", "percent", "US$", "barrels", "units"]
NUMBER_CATEGORIES = list(QUANTITY_IDS)

ids = st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True)
words = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
short_words = st.text(
    st.characters(exclude_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=12
)
numbers = st.one_of(
    st.integers(0, 10),
    st.integers(0, 10**15),
    st.floats(0, 1e15, allow_nan=False, allow_infinity=False),
    st.floats(0, 1, allow_nan=False, allow_infinity=False),
)


@st.composite
def dates(draw, low: int = 1950) -> str:
    day = draw(st.dates(dt.date(low, 1, 1), TODAY))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": day.isoformat()}[precision]


@st.composite
def claim_number(draw) -> dict:
    qualifier = draw(st.sampled_from([*NUMERIC_QUALIFIERS, "thousands", "hundreds"]))
    if qualifier not in NUMERIC_QUALIFIERS:
        return {"qualifier": qualifier}
    if qualifier == "range":
        low, high = sorted([draw(numbers), draw(numbers)])
        out: dict = {"qualifier": qualifier, "low": low, "high": high}
        if draw(st.booleans()):
            out["value"] = draw(st.floats(low, high)) if low < high else low
        return out
    out = {"qualifier": qualifier, "value": draw(numbers)}
    if qualifier in ("at least", "more than") and draw(st.booleans()):
        out["low"] = out["value"]
    return out


@st.composite
def data_directories(draw) -> dict[str, list]:
    claimants = [
        {"id": f"c{i}-{draw(ids)}", "name": draw(words), "kind": draw(st.sampled_from(list(CLAIMANT_KINDS))),
         "country": draw(st.sampled_from(["KR", "UA", "RU", "US", "KP", "XX"])),
         **({"short": draw(short_words)} if draw(st.booleans()) else {})}
        for i in range(draw(st.integers(1, 14)))
    ]  # fmt: skip
    categories = draw(st.lists(st.sampled_from(NUMBER_CATEGORIES), unique=True, max_size=4))
    quantities = []
    for category in categories:
        for qid in draw(st.lists(st.sampled_from(QUANTITY_IDS[category]), min_size=1, unique=True)):
            quantities.append(
                {"id": qid, "category": category, "label": draw(words), "unit": draw(st.sampled_from(UNITS)),
                 "measure": draw(st.sampled_from(list(MEASURES))),
                 **({"short": draw(short_words)} if draw(st.booleans()) else {})}
            )  # fmt: skip
    sources = [
        {"id": f"s{i}-{draw(ids)}", "title": draw(words), "outlet": draw(words), "language": "en",
         "paragraphs": 60, **({"published": draw(dates())} if draw(st.booleans()) else {}),
         **({"url": "https://example.org/" + draw(ids)} if draw(st.booleans()) else {})}
        for i in range(draw(st.integers(1, 4)))
    ]  # fmt: skip
    claims = []
    for i in range(draw(st.integers(1, 30))):
        claim: dict = {"id": f"k{i}-{draw(ids)}"}
        if quantities and draw(st.integers(0, 4)):
            quantity = draw(st.sampled_from(quantities))
            claim.update(
                category=quantity["category"], quantity=quantity["id"], **draw(claim_number())
            )
        else:
            claim["category"] = draw(st.sampled_from(list(CATEGORIES)))
        claim["claimant"] = draw(st.sampled_from(claimants))["id"]
        if draw(st.booleans()):
            claim["via"] = draw(words)
        if draw(st.integers(0, 5)):
            claim["stated_on"] = draw(dates())
        when = draw(st.sampled_from(["none", "as_of", "period", "start", "end"]))
        if when == "as_of":
            claim["as_of"] = draw(dates())
        elif when in ("period", "start", "end"):
            a, b = sorted([draw(dates()), draw(dates())], key=lambda d: d + "-00")
            if b.startswith(a) and len(b) > len(a):  # 2024 then 2024-05: start 2024-05
                a = b
            if when != "end":
                claim["period_start"] = a
            if when != "start":
                claim["period_end"] = b
        source = draw(st.sampled_from(sources))
        claim.update(source=source["id"], paragraph=draw(st.integers(1, 60)),
                     key_phrase=draw(short_words), summary=draw(words))  # fmt: skip
        if draw(st.booleans()):
            claim["notes"] = draw(words)
            if claim.get("value") is not None and draw(st.booleans()):
                claim["inferred"] = ["value"]
        if draw(st.integers(0, 3)) == 0:
            other = draw(st.sampled_from(sources))
            paragraph = draw(st.integers(1, 60))
            if (other["id"], paragraph) != (source["id"], claim["paragraph"]):
                claim["also_in"] = [{"source": other["id"], "paragraph": paragraph}]
        claims.append(claim)
    return {"claimants.yaml": claimants, "quantities.yaml": quantities,
            "sources.yaml": sources, "claims/generated.yaml": claims}  # fmt: skip


def write(files: dict[str, list], root: Path) -> Path:
    (root / "claims").mkdir(parents=True, exist_ok=True)
    for name, records in files.items():
        (root / name).write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    return root


def load(files: dict[str, list], root: Path):
    try:
        return load_dataset(write(files, root), cache=False)
    except DataError as error:  # the generator stays within the schema: this is a finding
        raise AssertionError("\n".join(map(str, error.problems))) from None


def draw_charts(dataset) -> None:
    """Every pane's data for every claim and a slice of them; every chart
    drawn by plotext at three sizes; every citation."""
    import plotext

    from tui.claims.formatting import citation
    from tui.panes import PANES
    from tui.widgets import charts

    from tui.claims.contested import _flags_sorted, contested_flags, disagreements
    from tui.claims.quantity_view import quantity_view
    from tui.claims.record import record_for

    record = record_for(dataset)
    claims = record.claims
    # The scatter path and the sorted path find the same contested figures.
    flags = contested_flags(claims, record.tolerances)
    assert (flags == _flags_sorted(claims, record.tolerances, flags * False)).all()
    for quantity in claims["quantity"].dropna().astype(str).unique():
        view = quantity_view(claims, claims, quantity, dataset.quantities, dataset.claimants,
                             record.milestones, record.tolerances)  # fmt: skip
        assert view.reports == int((claims["quantity"] == quantity).sum())
        assert view.origins <= view.reports
        # The view compares only contested claims: every pair is among them.
        found, total = disagreements(claims, quantity, record.tolerances)
        assert total == view.disagreeing
        assert [d.when for d in found[: len(view.disagreements)]] == [
            line.split(": ", 1)[0] for line in view.disagreements]  # fmt: skip
        assert sorted(view.rows["id"]) == sorted(claims.loc[claims["quantity"] == quantity, "id"])
    for subset in (claims, claims.iloc[: max(len(claims) // 2, 1)], claims.iloc[:0]):
        for pane in PANES:
            data = pane.prepare(subset, record)
            chart_data = getattr(data, "chart", None)
            name = getattr(pane, "chart_name", None)
            if name is None or chart_data is None or getattr(chart_data, "empty", True):
                continue
            chart = getattr(charts, name)()
            for width, height in ((20, 6), (78, 14), (200, 50)):
                plotext.clear_figure()
                plotext.plotsize(width, height)
                chart.draw(charts._SafePlot(plotext), chart_data, width, height)
                try:
                    plotext.build()
                except charts.CANNOT_DRAW:
                    # Only a tiny canvas may be too small for plotext (the widget says so).
                    assert width < 78, f"{name} at {width}x{height}: {chart_data!r}"
                chart.legend(chart_data)
                if name in ("TroopsChart", "EventsChart"):  # the others measure their mounted plot
                    chart.header(chart_data)
    for _, row in claims.iterrows():
        citation(row)


@settings(max_examples=int(os.environ.get("NOKO_PROPERTY_EXAMPLES", 60)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(data_directories())
def test_every_accepted_directory_loads_and_every_chart_draws(files) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        dataset = load(files, Path(tmp))
        draw_charts(dataset)


async def _browse(directory: Path, size: tuple[int, int]) -> None:
    from conftest import settle

    from tui.app import NokoApp

    app = NokoApp(str(directory), use_cache=False)
    async with app.run_test(size=size) as pilot:
        await settle(app)
        for key in (
            "1",
            "z",
            "2",
            "3",
            "e",
            "4",
            "5",
            "s",
            "enter",
            "G",
            "escape",
            "6",
            "tab",
            "j",
        ):
            await pilot.press(key)
            await settle(app)
    assert app.return_code in (None, 0)


@settings(max_examples=int(os.environ.get("NOKO_PROPERTY_APP_EXAMPLES", 6)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(data_directories())
def test_every_accepted_directory_can_be_browsed(files) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = write(files, Path(tmp))
        load(files, Path(tmp))
        here = os.getcwd()
        os.chdir(tmp)  # an export pressed ("e", then "45s" typed as its name) lands here
        try:
            for size in ((80, 24), (34, 10)):
                asyncio.run(_browse(directory, size))
        finally:
            os.chdir(here)


@st.composite
def statements(draw) -> dict[str, list]:
    """Few claimants and quantities, claims said on a handful of days (some
    known to the day, some only to the month): many are one statement entered
    more than once, some the same claimant's later word."""
    claimants = [{"id": c, "name": c, "kind": "official", "country": "XX"} for c in ("a", "b")]
    quantities = [
        {"id": "q", "category": "troops", "label": "Q", "unit": "soldiers", "measure": "stock"},
        {"id": "w", "category": "troops", "label": "W", "unit": "soldiers", "measure": "flow",
         "scope": "per period"},
    ]
    sources = [{"id": s, "title": "T", "outlet": "O", "language": "en"} for s in ("s", "t")]
    days = ["2025-03-27", "2025-03-28", "2025-03", "2025-04-02", "2025"]
    claims = []
    for i in range(draw(st.integers(1, 12))):
        claim = {"id": f"c{i}", "category": "troops", "claimant": draw(st.sampled_from("ab")),
                 "quantity": draw(st.sampled_from("qw")), **draw(claim_number()),
                 "stated_on": draw(st.sampled_from(days)), "source": draw(st.sampled_from("st")),
                 "paragraph": i + 1, "key_phrase": "k", "summary": "s"}  # fmt: skip
        if claim["quantity"] == "w":
            month = draw(st.sampled_from(["2025-01", "2025-02"]))
            claim["period_start"] = claim["period_end"] = month
        claims.append(claim)
    return {"claimants.yaml": claimants, "quantities.yaml": quantities,
            "sources.yaml": sources, "claims/generated.yaml": claims}  # fmt: skip


@settings(max_examples=int(os.environ.get("NOKO_PROPERTY_EXAMPLES", 60)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(statements())
def test_no_claim_is_a_revision_of_a_claim_of_the_same_statement(files) -> None:
    """Claims of one claimant about one quantity said on the same day (to
    the day) are one statement: neither revises the other, they share their
    place in the sequence, and they are latest together or not at all."""
    import pandas as pd

    from tui.claims.revisions import revisions, sequence_keys
    from tui.claims.statements import statement_days

    with tempfile.TemporaryDirectory() as tmp:
        claims = load(files, Path(tmp)).claims
    found = revisions(claims)
    day = statement_days(claims)
    key = sequence_keys(claims)
    at = {label: i for i, label in enumerate(claims.index)}

    def same_statement(i: int, j: int) -> bool:
        return day[i] >= 0 and day[i] == day[j] and key[i] == key[j] and key[i] >= 0

    for i, label in enumerate(claims.index):
        for column in ("revises", "revised_by"):
            other = int(found.at[label, column])
            if other >= 0:
                assert not same_statement(i, at[other]), (column, claims["id"].iat[i])
        for j in range(i + 1, len(claims)):
            if same_statement(i, j):
                a, b = found.iloc[i], found.iloc[j]
                assert a["position"] == b["position"]
                assert a["latest"] == b["latest"]
                assert a["revises"] == b["revises"]
                assert pd.isna(a["change"]) == pd.isna(b["change"])
    # Each statement has exactly one claim standing for it.
    stands = found["stands"].to_numpy()
    for i in range(len(claims)):
        group = [j for j in range(len(claims)) if j == i or same_statement(i, j)]
        assert sum(bool(stands[j]) for j in group) == 1
