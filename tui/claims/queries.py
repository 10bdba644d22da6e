"""Questions the panes ask of the claims table. No Textual here."""

from __future__ import annotations

import pandas as pd

from . import ids


def by_category(claims: pd.DataFrame, category: str) -> pd.DataFrame:
    """The claims of one category, oldest statement first (undated last)."""
    return claims[claims["category"] == category].sort_values(
        ["said_at", "id"], na_position="last", kind="stable"
    )


def by_quantity(claims: pd.DataFrame, quantity: str) -> pd.DataFrame:
    """Every claimant's claims about one quantity, in the order they were made."""
    return claims[claims["quantity"] == quantity].sort_values(
        ["said_at", "claimant", "id"], na_position="last", kind="stable"
    )


def by_source(claims: pd.DataFrame, source: str) -> pd.DataFrame:
    """The claims drawn from one source document, by paragraph."""
    return claims[claims["source"] == source].sort_values(["paragraph", "id"])


def same_quantity(claims: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """The other claims about the quantity of `claim_id` (empty if it counts nothing)."""
    row = ids.row(claims, claim_id)
    if row is None or pd.isna(row["quantity"]):
        return claims.iloc[0:0]
    others = by_quantity(claims, row["quantity"])
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


def also_in_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Every citation in `also_in`, one row each: its `source` and `paragraph`,
    indexed like `claims`."""
    cited = claims["also_in"].dropna()
    if cited.empty:
        return pd.DataFrame({"source": pd.Series([], dtype=object),
                             "paragraph": pd.Series([], dtype="int64")})  # fmt: skip
    parts = cited.astype(object).str.split("; ").explode().str.rpartition(":")
    return pd.DataFrame({"source": parts[0], "paragraph": pd.to_numeric(parts[2], errors="coerce")})


def source_table(
    sources: pd.DataFrame, claims: pd.DataFrame, also: pd.DataFrame | None = None,
    *, cited_only: bool = False,
) -> pd.DataFrame:
    """Every source, oldest first (undated last), with how many of `claims`
    cite it as their source (`claims`) and in `also_in` (`also`). With
    `cited_only` (a filter in force), only the sources those claims cite: a
    list of every source, most of them "0 0", read as if the counts were
    wrong."""
    also = also_in_table(claims) if also is None else also
    primary = claims["source"].astype(object).value_counts()
    secondary = also["source"].value_counts()
    from .timeline import middle

    columns = ["id", "title", "outlet", "published", "published_precision"]
    table = sources[columns].copy()
    # Dates of reduced precision sort by the middle of their span, as claims do.
    table["published_at"] = middle(
        sources["published"].to_numpy(), _codes(sources["published_precision"])
    )
    table = table.sort_values(["published_at", "id"], na_position="last", kind="stable")
    table["claims"] = table["id"].map(primary).fillna(0).astype(int)
    table["also"] = table["id"].map(secondary).fillna(0).astype(int)
    if cited_only:
        table = table[(table["claims"] + table["also"] > 0).to_numpy()]
    return table.reset_index(drop=True)


def citing(claims: pd.DataFrame, source: str, also: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims that cite one source: as their source, and in `also_in`, with
    the paragraph cited (`cited`) and how (`cited_as`: "source" or "also"),
    by paragraph."""
    also = also_in_table(claims) if also is None else also
    primary = claims[claims["source"] == source].assign(
        cited=lambda f: f["paragraph"].astype("Int64"), cited_as="source"
    )
    hits = also[also["source"] == source].groupby(level=0)["paragraph"].min()
    secondary = claims.loc[hits.index].assign(cited=pd.array(hits.to_numpy(), dtype="Int64"),
                                              cited_as="also")  # fmt: skip
    frame = pd.concat([primary, secondary]) if len(secondary) else primary
    return frame.sort_values(["cited", "cited_as", "id"], kind="stable")


def _codes(precision: pd.Series) -> object:
    """Precision names as the codes `timeline` reads (-1 where missing)."""
    from .dates import PRECISIONS

    return pd.Categorical(precision.astype(object), categories=list(PRECISIONS))


def unused_sources(claims: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """Sources that no claim cites, as its source or in `also_in`."""
    cited = set(claims["source"].astype(object)) | set(also_in_table(claims)["source"])
    return sorted(str(s) for s in sources.index if s not in cited)
