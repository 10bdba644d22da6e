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
    assert len(claims) >= 120
    used = set(claims["source"]) | {
        part.rpartition(":")[0] for text in claims["also_in"].dropna() for part in text.split("; ")
    }
    assert len(used) >= 40


def test_every_month_from_october_2024_is_covered(dataset) -> None:
    said = dataset.claims["stated_on"].dropna()
    precise = dataset.claims["stated_on_precision"].astype(object) != "year"
    months = set(said[precise.loc[said.index]].dt.to_period("M").astype(str))
    last = max(months)
    expected = [str(p) for p in pd.period_range("2024-10", last, freq="M")]
    missing = [m for m in expected if m not in months]
    assert not missing, f"months with no claim stated: {missing}"


@pytest.mark.parametrize("category", ["troops", "casualties"])
def test_at_least_four_claimants_give_numbers(dataset, category: str) -> None:
    claims = dataset.claims
    numbered = claims[(claims["category"] == category) & claims["best"].notna()]
    assert numbered["claimant"].nunique() >= 4


def test_every_source_is_used_and_every_claim_has_a_locator(dataset) -> None:
    claims = dataset.claims
    assert claims["source"].notna().all() and (claims["paragraph"] >= 1).all()
    assert (claims["key_phrase"].str.split().str.len() <= 12).all()
