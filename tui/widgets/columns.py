"""The columns the panes' tables show, each reading one claim."""

from __future__ import annotations

from ..claims.formatting import about, claim_number, compact_period, partial_date
from .claims_table import Column, Row

DATE = ("stated_on", "stated_on_precision")
NUMBER = ("qualifier", "value", "low", "high")
PERIOD = ("as_of", "as_of_precision", "period_start", "period_start_precision",
          "period_end", "period_end_precision")  # fmt: skip


def _number(row: Row) -> str:
    return claim_number(row["qualifier"], row["value"], row["low"], row["high"])


def _when(row: Row) -> str:
    """For events: the period they happened in, else when they were said."""
    period = compact_period(
        row["period_start"], row["period_start_precision"],
        row["period_end"], row["period_end_precision"],
    )  # fmt: skip
    return period or partial_date(row["stated_on"], row["stated_on_precision"])


SAID = Column("said", 11, lambda r: partial_date(r["stated_on"], r["stated_on_precision"]),
              ("stated_on",), needs=DATE)  # fmt: skip
CLAIMANT = Column("claimant", 12, lambda r: r["claimant_short"] or "", ("claimant_short",),
                  needs=("claimant_short",))  # fmt: skip
NUMBER_COLUMN = Column("number", 19, _number, ("best",), needs=NUMBER)
ABOUT = Column("about", 15, about, ("as_of", "period_start"), needs=PERIOD)
WHAT = Column("what", 16, lambda r: r["quantity_short"] or "", ("quantity_short",),
              needs=("quantity_short",))  # fmt: skip
SUMMARY = Column("summary", 0, lambda r: r["summary"] or "", ("summary",), needs=("summary",))
WHEN = Column("when", 15, _when, ("period_start", "stated_on"), needs=(*PERIOD, *DATE))
CATEGORY = Column("category", 10, lambda r: r["category"] or "", ("category",),
                  needs=("category",), optional=2)  # fmt: skip
ID = Column("id", 18, lambda r: r["id"] or "", ("id",), needs=("id",), optional=1)
PARAGRAPH = Column("\u00b6", 3, lambda r: str(r["paragraph"] or ""), ("paragraph",),
                   align="right", needs=("paragraph",))  # fmt: skip
SOURCE = Column("source \u00b6", 30, lambda r: f"{r['source']} \u00b6{r['paragraph']}",
                ("source", "paragraph"), needs=("source", "paragraph"), optional=3)  # fmt: skip

TROOPS = [SAID, CLAIMANT, NUMBER_COLUMN, ABOUT, SUMMARY]
CASUALTIES = [SAID, CLAIMANT, WHAT, NUMBER_COLUMN, SUMMARY]
EQUIPMENT = [SAID, CLAIMANT, WHAT, NUMBER_COLUMN, SUMMARY]
DIPLOMACY = [WHEN, CLAIMANT, SUMMARY]
ALL_CLAIMS = [ID, CATEGORY, SAID, CLAIMANT, NUMBER_COLUMN, SUMMARY, SOURCE]
BY_PARAGRAPH = [PARAGRAPH, CLAIMANT, NUMBER_COLUMN, SUMMARY]
OTHERS = [SAID, CLAIMANT, NUMBER_COLUMN, ABOUT, SOURCE]
