"""Claims found by id through one index per table (`tui/claims/ids.py`)."""

from __future__ import annotations

import pandas as pd

from conftest import EMBEDDED
from tui.claims import ids
from tui.claims.load import load_dataset


def test_a_lookup_finds_what_comparing_the_ids_finds() -> None:
    frame = pd.DataFrame({"id": ["b", "a", "b", "c"], "n": [1, 2, 3, 4]}, index=[10, 11, 12, 13])
    for wanted in ("a", "b", "c", "missing", 5, None):
        expected = frame[frame["id"] == wanted]
        pd.testing.assert_frame_equal(ids.rows(frame, wanted), expected)
        found = ids.row(frame, wanted)
        if expected.empty:
            assert found is None
        else:
            pd.testing.assert_series_equal(found, expected.iloc[0])


def test_a_replaced_id_column_is_indexed_again() -> None:
    frame = pd.DataFrame({"id": ["a", "b"]})
    assert list(ids.positions(frame, "b")) == [1]
    frame["id"] = ["b", "a"]
    assert list(ids.positions(frame, "b")) == [0]


def test_the_dataset_finds_each_claim() -> None:
    dataset = load_dataset(EMBEDDED)
    claims = dataset.claims
    for claim_id in claims["id"].iloc[:: max(1, len(claims) // 20)]:
        pd.testing.assert_series_equal(dataset.claim(claim_id),
                                       claims[claims["id"] == claim_id].iloc[0])  # fmt: skip
    assert dataset.claim("no-such-claim") is None
