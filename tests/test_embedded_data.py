"""The embedded data: what the first source yields, read critically."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT, run_cli

from tui.claims import load_dataset
from tui.claims.formatting import claim_number, partial_date

SOURCE = "000_6c35228996a404c9"


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return load_dataset(ROOT / "data", cache=False).claims


def test_the_first_source_yields_its_claims(claims: pd.DataFrame) -> None:
    first = claims[claims["source"] == SOURCE]
    assert len(first) == 23
    assert first["category"].value_counts().to_dict() == {
        "diplomacy": 7, "support": 5, "troops": 4, "equipment": 4, "casualties": 3,
    }  # fmt: skip


def row(claims: pd.DataFrame, claim_id: str) -> pd.Series:
    match = claims[claims["id"] == claim_id]
    assert len(match) == 1, claim_id
    return match.iloc[0]


@pytest.mark.parametrize(
    ("claim_id", "claimant", "shown", "paragraph", "key_phrase"),
    [
        ("s000-p03-troops-sent-jan-feb", "kr-jcs", "at least 3,000", 3, "minstens 3.000 andere soldaten"),
        ("s000-p05-troops-in-russia", "kr-jcs", "about 11,000", 5, "tot ongeveer 11.000"),
        ("s000-p05-killed-or-wounded", "kr-jcs", "about 4,000", 5, "ongeveer 4.000 ... gedood of gewond"),
        ("s000-p05-sph170-mrl240-supplied", "kr-jcs", "about 220", 5, "ongeveer 220 170 mm zelfrit lafettes"),
        ("s000-p05-srbm-supplied", "kr-jcs", "considerable", 5, "aanzienlijke hoeveelheid korte-afstandsraketten"),
        # Unnamed in the article; UPI (5 Mar 2025) names him, relaying HUR's briefing.
        ("s000-p13-killed-lawmaker", "kr-lawmaker-yu-yong-weon", "about 400", 13, "ongeveer 400 ... gedood"),
        ("s000-p13-wounded-lawmaker", "kr-lawmaker-yu-yong-weon", "about 3,600", 13, "ongeveer 3.600 gewond"),
        ("s000-p13-munitions-containers", "cnn", "thousands", 13, "duizenden containers"),
        ("s000-p13-russian-wounded-treated", "ru-ambassador-dprk", "hundreds", 13, "honderden Russische soldaten behandeld"),
    ],
)  # fmt: skip
def test_chosen_claims(claims, claim_id, claimant, shown, paragraph, key_phrase) -> None:
    r = row(claims, claim_id)
    assert r["claimant"] == claimant
    assert claim_number(r["qualifier"], r["value"], r["low"], r["high"]) == shown
    assert (r["source"], r["paragraph"], r["key_phrase"]) == (SOURCE, paragraph, key_phrase)


def test_open_bound_is_not_a_point(claims: pd.DataFrame) -> None:
    r = row(claims, "s000-p03-troops-sent-jan-feb")
    assert (r["value"], r["low"]) == (3000, 3000) and pd.isna(r["high"])
    assert r["qualifier"] == "at least"


def test_dates_keep_their_precision(claims: pd.DataFrame) -> None:
    r = row(claims, "s000-p03-troops-sent-jan-feb")
    assert partial_date(r["period_start"], r["period_start_precision"]) == "Jan 2025"
    assert partial_date(r["period_end"], r["period_end_precision"]) == "Feb 2025"
    assert partial_date(r["stated_on"], r["stated_on_precision"]) == "27 Mar 2025"
    pact = row(claims, "s000-p09-defence-pact")
    assert partial_date(pact["period_start"], pact["period_start_precision"]) == "2024"


def test_inferences_are_marked_with_reasons(claims: pd.DataFrame) -> None:
    inferred = claims[claims["inferred"].notna()]
    assert len(inferred) >= 15
    assert inferred["notes"].notna().all(), "every inference needs its reasoning in notes"
    troops = row(claims, "s000-p05-troops-in-russia")
    assert troops["inferred"] == "claimant, stated_on, as_of"
    assert "before the reinforcement" in troops["notes"]


def test_translation_problems_are_noted(claims: pd.DataFrame) -> None:
    notes = " ".join(claims["notes"].dropna())
    for garble in ("zelfrit lafettes", "ruimtelijke", "arrestatie", "andere", "former"):
        assert garble in notes, garble


def test_summaries_are_english_and_not_copied(claims: pd.DataFrame) -> None:
    claims = claims[claims["source"] == SOURCE]
    source = ROOT.parent / "shared" / "sources" / f"{SOURCE}.txt"
    if not source.is_file():
        pytest.skip("the shared source text is not beside this checkout")
    text = source.read_text(encoding="utf-8")
    for phrase in claims["key_phrase"]:
        for part in phrase.split(" ... "):
            assert part in text, f"key phrase not in the source: {part!r}"
    for summary in claims["summary"]:
        assert summary not in text


def test_check_passes_on_embedded_data() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stdout
    assert " valid: " in result.stdout.splitlines()[0]
