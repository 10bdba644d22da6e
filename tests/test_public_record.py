"""The public record (issue 5): its scale, its coverage, and pinned claims."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT
from tui.claims import load_dataset


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT / "data", cache=False)


def test_scale(dataset) -> None:
    claims = dataset.claims
    assert len(claims) >= 450
    used = set(claims["source"]) | {
        part.rpartition(":")[0] for text in claims["also_in"].dropna() for part in text.split("; ")
    }
    assert len(used) >= 280


#: Claims whose own wording is the claimant's own, quoted verbatim by their
#: source, though another outlet words the statement more loosely.
OWN_WORDS = {
    # Khinshtein's "почти 42,4 тыс. га", quoted by TASS; Kursk-News has "около".
    "c-2025-12-13-tass-khinshtein-42400-hectares-p1-area",
    # Zelensky's own Telegram post, quoted by UNIAN and UNN: a bare "10 тисяч".
    "c-2026-02-20-unian-zelensky-10000-p2-in-russia",
}


def test_each_claims_own_figure_is_the_most_cautious_wording(dataset) -> None:
    """data/README.md, "One statement, several reports": the claim's own
    figure is the most cautious of its outlets' wordings, unless it is the
    claimant's own words."""
    from tui.claims.statements import most_cautious_outlet

    claims = dataset.claims
    loose = [row["id"] for _, row in claims[claims["also_in"].notna()].iterrows()
             if most_cautious_outlet(row, dataset.tolerances) != (row["source"], row["paragraph"])]
    assert sorted(loose) == sorted(OWN_WORDS)


#: Months searched for and not found in the pages corpus (the data stays
#: silent); data/README.md, "Coverage", names the latest document.
KNOWN_GAPS: set[str] = set()


def test_every_month_from_october_2024_is_covered(dataset) -> None:
    said = dataset.claims["stated_on"].dropna()
    precise = dataset.claims["stated_on_precision"].astype(object) != "year"
    months = set(said[precise.loc[said.index]].dt.to_period("M").astype(str))
    last = max(months)
    expected = [str(p) for p in pd.period_range("2024-10", last, freq="M")]
    missing = [m for m in expected if m not in months and m not in KNOWN_GAPS]
    assert not missing, f"months with no claim stated: {missing}"
    assert last >= "2026-03"


@pytest.mark.parametrize("category", ["troops", "casualties"])
def test_at_least_four_claimants_give_numbers(dataset, category: str) -> None:
    claims = dataset.claims
    numbered = claims[(claims["category"] == category) & claims["best"].notna()]
    assert numbered["claimant"].nunique() >= 4


def test_every_source_is_used_and_every_claim_has_a_locator(dataset) -> None:
    from tui.claims.queries import unused_sources

    claims = dataset.claims
    assert unused_sources(claims, dataset.sources) == []
    assert claims["source"].notna().all() and (claims["paragraph"] >= 1).all()
    assert (claims["key_phrase"].str.split().str.len() <= 12).all()


def test_the_used_sources_check_fails_on_a_source_nobody_cites(tmp_path) -> None:
    import shutil

    from conftest import VALID
    from tui.claims.queries import unused_sources

    shutil.copytree(VALID, tmp_path / "d")
    with open(tmp_path / "d" / "sources.yaml", "a", encoding="utf-8") as fh:
        fh.write("- {id: orphan, title: Nobody cites me, outlet: X, language: en}\n")
    extra = load_dataset(tmp_path / "d", cache=False)
    assert unused_sources(extra.claims, extra.sources) == ["orphan"]


PINNED = [
    # (id, claimant, shown, said, source, paragraph)
    ("c-2024-10-18-kbs-nis-troop-dispatch-began-p1-sent", "kr-nis", "about 1,500", "18 Oct 2024",
     "2024-10-18-kbs-nis-troop-dispatch-began", 1),
    ("c-2024-10-18-unn-budanov-11000-p2-in-russia", "ua-gur", "about 11,000", "Oct 2024",
     "2024-10-18-unn-budanov-11000", 2),
    ("c-2024-10-28-lbc-afp-pentagon-10000-p2-sent", "us-pentagon", "about 10,000", "28 Oct 2024",
     "2024-10-28-lbc-afp-pentagon-10000", 2),
    ("c-2025-01-13-cna-afp-nis-300-killed-p5-killed", "kr-nis", "about 300", "13 Jan 2025",
     "2025-01-13-cna-afp-nis-300-killed", 5),
    ("c-2025-01-05-kyivindependent-zelensky-3800-p1-kia-wia", "ua-zelensky", "3,800", "5 Jan 2025",
     "2025-01-05-kyivindependent-zelensky-3800", 1),
    ("c-2025-04-02-nationpress-ukmod-5000-p6-casualties", "gb-mod", "more than 5,000", "28 Mar 2025",
     "2025-04-02-nationpress-ukmod-5000", 6),
    # Its primary report is KBS's "roughly 600" (AP's copy is in also_in).
    ("c-2025-04-30-millenniumpost-nis-4700-p3-killed", "kr-nis", "about 600", "30 Apr 2025",
     "2025-04-30-kbs-nis-600-dead", 1),
    ("c-2025-05-29-joongang-msmt-first-report-p5-containers", "msmt", "more than 20,000", "29 May 2025",
     "2025-05-29-joongang-msmt-first-report", 5),
    ("c-2025-06-17-nknews-shoigu-6000-workers-p1-workers", "ru-government", "6,000", "17 Jun 2025",
     "2025-06-17-nknews-shoigu-6000-workers", 1),
    # The most cautious of its outlets' wordings: Livedoor's "2000人余り" (over 2,000).
    ("c-2025-09-02-kyivindependent-nis-2000-killed-p1-killed", "kr-nis", "more than 2,000",
     "2 Sep 2025", "2025-09-02-livedoor-nis-2000", 1),
    ("c-2025-12-13-koreaherald-engineers-return-p4-nine-killed", "kp-government", "9", "12 Dec 2025",
     "2025-12-13-koreaherald-engineers-return", 4),
    ("c-2024-08-27-kyivindependent-dia-6-million-p1-shells", "kr-dia", "more than 6,000,000",
     "27 Aug 2024", "2024-08-27-kyivindependent-dia-6-million", 1),
]  # fmt: skip


@pytest.mark.parametrize(("claim_id", "claimant", "shown", "said", "source", "paragraph"), PINNED)
def test_pinned_claims(dataset, claim_id, claimant, shown, said, source, paragraph) -> None:
    from tui.claims.formatting import claim_number, partial_date

    row = dataset.claims.set_index("id").loc[claim_id]
    assert row["claimant"] == claimant
    assert claim_number(row["qualifier"], row["value"], row["low"], row["high"]) == shown
    assert partial_date(row["stated_on"], row["stated_on_precision"]) == said
    assert (row["source"], row["paragraph"]) == (source, paragraph)


def test_a_revision_and_a_disagreement_are_one_key_apart(dataset) -> None:
    """NIS revised its killed count over time; the detail lists every figure."""
    from tui.claims import queries

    others = queries.same_quantity(
        dataset.claims, "c-2025-09-02-kyivindependent-nis-2000-killed-p1-killed"
    )
    nis = others[others["claimant"] == "kr-nis"]["value"].dropna().tolist()
    assert {100, 300, 600} <= set(nis)
    assert others["claimant"].nunique() >= 4


def test_every_reliability_grade_is_the_threshold_rules(dataset) -> None:
    """data/README.md, Grades: one threshold rule for every claimant, counted
    from the record (`noko-tui check --grades` lists any grade that is not)."""
    from tui.claims.reliability import disagreements, records

    assert dataset.claimants["reliability"].notna().all()
    assert disagreements(dataset.claims, dataset.claimants, dataset.tolerances) == []
    # Each reason of a tested claimant gives the rule's counts.
    rules = records(dataset.claims, dataset.tolerances)
    for row in dataset.claimants.itertuples():
        record = rules.get(row.id)
        if record is not None and record.tested:
            assert " ".join(str(row.reliability_reason).split()).startswith(record.counts()), row.id


def test_the_readmes_numbers_are_the_datas(dataset) -> None:
    import re

    from conftest import ROOT

    n = (len(dataset.claims), len(dataset.sources), len(dataset.claimants))
    data_readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    found = re.search(r"\*\*(\d+) claims from (\d+) documents\*\* by\s+(\d+)\s+claimants", data_readme)
    assert found and tuple(int(g) for g in found.groups()) == n
    assert f"over {len(dataset.quantities)} quantities" in " ".join(data_readme.split())
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"{n[0]} claims from {n[1]} documents" in readme and f"by {n[2]} claimants" in readme
    latest = dataset.sources["published"].max()
    assert latest.strftime("%-d %B %Y") in " ".join(data_readme.split())
