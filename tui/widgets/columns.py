"""The columns the panes' tables show, each reading one row.

Every row that shows a number shows what it counts (the quantity), its unit
where it is not soldiers, and the period it is about. Numbers and dates are
atomic: narrowed to a compact form ("≥3,000", "Mar25"), never cut.
"""

from __future__ import annotations

from ..claims.domain import GLYPHS
from ..claims.formatting import (
    about,
    compact_period,
    grade_text,
    partial_date,
    row_number,
    short_date,
    text,
)
from .frame_table import Column, Row

DATE = ("stated_on", "stated_on_precision")
NUMBER = ("qualifier", "value", "low", "high", "unit", "inferred")
PERIOD = ("as_of", "as_of_precision", "period_start", "period_start_precision",
          "period_end", "period_end_precision")  # fmt: skip


def _when(row: Row, short: bool = False) -> str:
    """For events: the period they happened in, else when they were said."""
    period = compact_period(
        row["period_start"], row["period_start_precision"],
        row["period_end"], row["period_end_precision"], short=short,
    )  # fmt: skip
    if period:
        return period
    date = short_date if short else partial_date
    return date(row["stated_on"], row["stated_on_precision"])


SAID = Column(
    "said", lambda r: partial_date(r["stated_on"], r["stated_on_precision"]), ("said_at",),
    needs=DATE, compact=lambda r: short_date(r["stated_on"], r["stated_on_precision"]),
    atomic=True,
)  # fmt: skip
CLAIMANT = Column("claimant", lambda r: text(r["claimant_short"]), ("claimant_short",),
                  needs=("claimant_short",), least=8, most=22)  # fmt: skip
WHAT = Column("what", lambda r: text(r["quantity_short"]), ("quantity_short",),
              needs=("quantity_short",), least=8, most=20)  # fmt: skip
def _marked(row: Row, compact: bool = False) -> str:
    """The number, marked ≠ where another origin contradicts it (`contested.py`)."""
    shown = row_number(row, compact=compact)
    if shown and "contested" in row and row["contested"]:
        return f"{GLYPHS['contested']}{'' if compact else ' '}{shown}"
    return shown


NUMBER_COLUMN = Column(
    "number", _marked, ("best",), needs=(*NUMBER, "contested"),
    compact=lambda r: _marked(r, compact=True), atomic=True, numeric=True, most=36,
)  # fmt: skip
def _grade(row: Row) -> str:
    """'B2', or 'B4?' where the credibility is the record's suggestion (`grades.py`)."""
    def get(name: str) -> object:
        return row[name] if name in row else None

    return grade_text(get("reliability"), get("credibility"), get("suggested"))


#: Beside every number: the source's reliability and the claim's credibility.
GRADE = Column("grade", _grade, ("reliability", "credibility_shown"),
               needs=("reliability", "credibility", "suggested"), atomic=True, least=3, most=4)
ABOUT = Column("about", about, ("about_at",), needs=PERIOD,
               compact=lambda r: about(r, short=True), atomic=True)  # fmt: skip
SUMMARY = Column("summary", lambda r: text(r["summary"]), ("summary",), needs=("summary",),
                 least=12, flex=True)  # fmt: skip
WHEN = Column("when", _when, ("about_at",), needs=(*PERIOD, *DATE),
              compact=lambda r: _when(r, short=True), atomic=True)  # fmt: skip
CATEGORY = Column("category", lambda r: text(r["category"]), ("category",),
                  needs=("category",), optional=2, most=10)  # fmt: skip
ID = Column("id", lambda r: text(r["id"]), ("id",), needs=("id",), optional=3, most=40)
PARAGRAPH = Column("\u00b6", lambda r: text(r["paragraph"]), ("paragraph",), align="right",
                   needs=("paragraph",), atomic=True)  # fmt: skip
#: The paragraph first, so that a narrow cell still locates the claim.
SOURCE = Column("\u00b6 source", lambda r: f"\u00b6{text(r['paragraph'])} {text(r['source'])}",
                ("source", "paragraph"), needs=("source", "paragraph"), optional=1,
                least=12, most=48)  # fmt: skip

NUMBERED = [SAID, CLAIMANT, WHAT, NUMBER_COLUMN, GRADE, ABOUT, SUMMARY]
TROOPS = NUMBERED
CASUALTIES = NUMBERED
EQUIPMENT = NUMBERED
DIPLOMACY = [WHEN, CLAIMANT, SUMMARY]
ALL_CLAIMS = [SAID, CLAIMANT, CATEGORY, WHAT, NUMBER_COLUMN, GRADE, ABOUT, SUMMARY, SOURCE, ID]
BY_PARAGRAPH = [PARAGRAPH, CLAIMANT, WHAT, NUMBER_COLUMN, GRADE, ABOUT, SUMMARY]

# -- the quantity view's table ------------------------------------------------------


def _origin(row: Row) -> str:
    relays = row["relays_short"] if "relays_short" in row else None
    return f"via {text(relays)}" if relays else ""


def _state(row: Row) -> str:
    """'latest', 'revised', or 'same stmt' for a claim of a statement entered
    more than once that another claim (its most cautious) stands for."""
    if "stands" in row and row["stands"] is not None and not row["stands"]:
        return "same stmt"
    return "latest" if row["latest"] else "revised"


def _change(row: Row) -> str:
    from ..claims.quantity_view import change_text

    position = row["position"]
    return change_text(row["change"], int(position)) if position is not None else ""


CHANGE = Column("change", _change, ("change",), needs=("change", "position"), atomic=True,
                align="right")
ORIGIN = Column("origin", _origin, ("origin",), needs=("relays_short",), optional=2, most=16)
STATE = Column("standing", _state, ("latest",), needs=("latest", "stands"), atomic=True,
               optional=1)
FIGURES = [CLAIMANT, SAID, NUMBER_COLUMN, GRADE, CHANGE, STATE, ABOUT, ORIGIN, SUMMARY]
OTHERS = [SAID, CLAIMANT, NUMBER_COLUMN, GRADE, ABOUT, SOURCE]

# -- the Sources pane's list ------------------------------------------------------

SOURCE_LIST = [
    Column("claims", lambda r: text(r["claims"]), ("claims",), needs=("claims",),
           align="right", atomic=True),
    Column("also", lambda r: text(r["also"]), ("also",), needs=("also",), align="right",
           atomic=True, optional=1),
    Column("published", lambda r: partial_date(r["published"], r["published_precision"]),
           ("published_at",), needs=("published", "published_precision"), atomic=True,
           compact=lambda r: short_date(r["published"], r["published_precision"])),
    Column("outlet: title", lambda r: f"{text(r['outlet'])}: {text(r['title'])}",
           ("outlet", "title"), needs=("outlet", "title"), flex=True, least=10),
]  # fmt: skip
