"""Questions the panes ask of the claims table. No Textual here."""

from __future__ import annotations

import pandas as pd


def by_category(claims: pd.DataFrame, category: str) -> pd.DataFrame:
    """The claims of one category, oldest statement first (undated last)."""
    return claims[claims["category"] == category].sort_values(
        ["stated_on", "id"], na_position="last", kind="stable"
    )


def by_quantity(claims: pd.DataFrame, quantity: str) -> pd.DataFrame:
    """Every claimant's claims about one quantity, in the order they were made."""
    return claims[claims["quantity"] == quantity].sort_values(
        ["stated_on", "claimant"], na_position="last"
    )


def by_source(claims: pd.DataFrame, source: str) -> pd.DataFrame:
    """The claims drawn from one source document, by paragraph."""
    return claims[claims["source"] == source].sort_values(["paragraph", "id"])


def same_quantity(claims: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """The other claims about the quantity of `claim_id` (empty if it counts nothing)."""
    row = claims[claims["id"] == claim_id]
    if row.empty or pd.isna(row["quantity"].iat[0]):
        return claims.iloc[0:0]
    others = by_quantity(claims, row["quantity"].iat[0])
    return others[others["id"] != claim_id]


def summary(claims: pd.DataFrame) -> dict[str, object]:
    """Counts for `noko-tui check`: claims per category, claimants, sources."""
    per_category = claims["category"].value_counts(sort=False)
    return {
        "claims": len(claims),
        "per_category": {str(k): int(v) for k, v in per_category.items()},
        "claimants": int(claims["claimant"].nunique()),
        "sources": int(claims["source"].nunique()),
        "files": int(claims["file"].nunique()),
    }
