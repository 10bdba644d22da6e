"""The data contract: field names, their kinds, and the closed vocabularies.

`data/README.md` documents the same contract for people; keep the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Bump when the parsed-table layout changes, so that old caches are ignored.
SCHEMA_VERSION = 14

#: Categories of claims; each has a pane in the dashboard.
CATEGORIES: dict[str, str] = {
    "troops": "North Korean personnel: deployments, estimates, where they are",
    "casualties": "killed, wounded, killed or wounded, captured",
    "equipment": "weapons, munitions and other materiel, in either direction",
    "support": "non-materiel support in either direction: technology, training, medical care",
    "diplomacy": "treaties, visits, statements, acknowledgements and denials",
}

#: Qualifiers that go with a number, and what they imply for the bounds.
#: A qualifier not in this table is a vague magnitude in words ("hundreds",
#: "considerable") and must come without a number.
NUMERIC_QUALIFIERS: dict[str, str] = {
    "exact": "the value as stated",
    "about": "an approximate value",
    "nearly": 'just under the value ("nearly", "almost", "a little under"): value is the figure given',
    "at least": "a lower bound (value is the bound)",
    "more than": "an exclusive lower bound (value is the bound)",
    "up to": "an upper bound (value is the bound)",
    "fewer than": "an exclusive upper bound (value is the bound)",
    "range": "between low and high; value, when given, is the central estimate",
}

LOWER_BOUND_QUALIFIERS = frozenset({"at least", "more than"})
UPPER_BOUND_QUALIFIERS = frozenset({"up to", "fewer than"})
#: Qualifiers whose number is approximate: a band around the value.
APPROXIMATE_QUALIFIERS = frozenset({"about", "nearly"})

CLAIMANT_KINDS: dict[str, str] = {
    "military": "armed forces or their staff (e.g. South Korea's JCS)",
    "intelligence": "an intelligence service (e.g. South Korea's NIS)",
    "government": "a government, ministry or head of state's office",
    "lawmaker": "a member of a parliament",
    "official": "an individual official speaking for an institution",
    "diplomat": "an ambassador or diplomatic mission",
    "outlet": "a news organisation speaking in its own name",
    "organisation": "an international organisation or alliance (e.g. NATO)",
    "analyst": "a research institute or independent analyst",
    "person": "a private individual or a politician out of office",
}

MEASURES: dict[str, str] = {
    "stock": "a level at a date (use as_of)",
    "flow": "an amount over a period (use period_start/period_end)",
    "event": "something that happened or was said, counted or not",
}

#: Which chart draws a quantity's claims; `none`: the tables only.
CHARTS: dict[str, str] = {
    "troops": "the Troops chart: stocks as levels, cumulative flows as totals, per-period flows as waves",
    "casualties": "the Casualties chart: one bar per claim",
    "equipment": "the Equipment charts: each claimant's latest figure, one chart per unit",
    "none": "no chart (plans, warnings, subsets): the tables and the quantity view only",
}
#: A quantity's chart when quantities.yaml does not name one.
DEFAULT_CHART = {"troops": "troops", "casualties": "casualties", "equipment": "equipment",
                 "support": "equipment", "diplomacy": "none"}  # fmt: skip

#: Whether a figure counts everything since the start or one period only.
SCOPES: dict[str, str] = {
    "cumulative": "everything up to its date (a level, a running total, a casualty toll)",
    "per period": "only what happened within its period (a wave, a year's supply)",
}

#: What a claim's figure is a figure of (the claim's `extent`): the whole of
#: its quantity, or one part of it. Not the quantity's `scope` (SCOPES, which
#: says whether the quantity counts everything up to its date or one period):
#: `extent` says whether this one claim covers all of what its quantity counts.
#: A part is compared, and revises, only a figure of the same part (the same
#: `extent` and the same `extent_note`).
EXTENTS: dict[str, str] = {
    "total": "the whole of what the quantity counts (the default)",
    "engagement": "one engagement, strike or battle (name it in extent_note)",
    "unit": "one unit or contingent (name it in extent_note)",
    "region": "one region or front where the quantity counts more than it (name it)",
    "site": "one place: a hospital, a base, a port (name it)",
    "period": "only what happened in one stretch of time (a week, a month) "
              "of a quantity that otherwise counts everything up to its date",
}  # fmt: skip
DEFAULT_EXTENT = "total"
#: Parts whose figure is an amount within their period (period_start/end):
#: compared only with figures for the same period, as per-period quantities are.
PERIOD_EXTENTS = frozenset({"engagement", "period"})

#: How the claimant came by its figure (the claim's `basis`), where the source
#: says so; left out when it does not (unknown).
BASES: dict[str, str] = {
    "count": "a count of named individuals, bodies, items or documents (names, portraits, "
             "prisoners, manifests)",
    "estimate": "the claimant's estimate or assessment (\"estimated\", \"assessed\", "
                "\"our latest estimate\")",
    "relayed": "the claimant passes on a figure it says came from someone else, unnamed "
               "or named (name a known one in `relays`)",
    "conversion": "worked out from another figure (a share of a total, a count of "
                  "containers times their load); the arithmetic is in notes",
    "intercept": "from intercepted communications or captured documents released by the "
                 "claimant",
}  # fmt: skip

#: How many days a figure stands for "now" before it is stale, by the
#: quantity's measure and scope, where quantities.yaml gives no `window_days`:
#: a per-period flow (a wave, a month's deliveries) moves monthly and is
#: stale after a quarter; a level (troops in Russia, a casualty toll) is
#: re-estimated every few months and is stale after half a year; a running
#: total of deliveries grows slowly and is re-estimated about once a year.
DEFAULT_WINDOW_DAYS: dict[tuple[str, str], int] = {
    ("flow", "per period"): 90,
    ("stock", "cumulative"): 180,
    ("flow", "cumulative"): 365,
    ("event", "cumulative"): 365,
    ("event", "per period"): 90,
    ("stock", "per period"): 90,
}
#: The window of a measure not in DEFAULT_WINDOW_DAYS.
FALLBACK_WINDOW_DAYS = 180
#: Most days a window may be (about thirty years).
WINDOW_DAYS_MAX = 10_000

TRANSLATION_KINDS = ("machine", "human")

# The two axes of the NATO "Admiralty" grading, kept apart: a source's
# reliability (a claimant's, in claimants.yaml) and the credibility of one
# piece of information (a claim's). They are never merged into one score.
RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record: its kind and whether it must be present."""

    name: str
    kind: str  # "str", "number", "int", "date", "strlist", "translation", "bool"
    required: bool = False
    doc: str = ""
    #: Most characters a text field may hold (0: not text, no limit here).
    limit: int = 0
    #: An identifier, or a reference to one: no control characters (see
    #: IDENTIFIER_FORBIDDEN) and never the also_in separator.
    identifier: bool = False
    #: The lowest and highest value of a whole number ("int"), both allowed
    #: (default PARAGRAPHS); a value out of them is refused naming them.
    bounds: tuple[int, int] | None = None


# Lengths, in characters. Generous for honest data; they exist so that a
# pasted document or a generated megabyte is refused by `check` rather than
# carried into every screen, search and cache.
ID_MAX = 200  #: ids, and the references to them
LABEL_MAX = 300  #: key phrases, names, short labels, codes
TITLE_MAX = 1_000  #: titles, outlets, `via`, how a date was established
URL_MAX = 2_000
TEXT_MAX = 20_000  #: summaries and notes
MILESTONE_MAX = 40  #: a milestone's label, drawn on a chart beside its line

#: Numbers are counts: never negative, finite, and at most this (exact in
#: float64, where the table keeps them).
NUMBER_MAX = 10**15
#: Highest paragraph number (and paragraph count) a source may have.
PARAGRAPH_MAX = 1_000_000
#: The whole numbers a paragraph (or a source's paragraph count) may be.
PARAGRAPHS = (1, PARAGRAPH_MAX)
#: The whole numbers a credibility grade may be: 1 to 6.
CREDIBILITY_GRADES = (min(CREDIBILITY), max(CREDIBILITY))

#: Characters refused in identifiers: C0 and C1 controls, DEL, the bidi
#: marks, embeddings, overrides and isolates, and the line and paragraph
#: separators. Free text may keep them (the app shows them inert).
IDENTIFIER_FORBIDDEN = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
#: `also_in` entries are kept joined by this, so no identifier may hold it.
LOCATOR_SEPARATOR = "; "


def _id(name: str, required: bool = False, doc: str = "") -> Field:
    return Field(name, "str", required, doc, ID_MAX, True)


def _text(name: str, limit: int, required: bool = False, doc: str = "") -> Field:
    return Field(name, "str", required, doc, limit)


def _whole(name: str, bounds: tuple[int, int], required: bool = False, doc: str = "") -> Field:
    return Field(name, "int", required, doc, bounds=bounds)


def _fields(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


CLAIM_FIELDS = _fields(
    _id("id", True, "stable identifier, unique across all claim files"),
    _text("category", LABEL_MAX, True, "one of CATEGORIES"),
    _id("quantity", False, "what is counted, from quantities.yaml"),
    Field("value", "number", False, "the best value"),
    Field("low", "number", False, "the low end of the range"),
    Field("high", "number", False, "the high end of the range"),
    _text("qualifier", LABEL_MAX, False, "how the number is qualified, or vague words"),
    _id("claimant", True, "who made the claim, from claimants.yaml"),
    _text("via", TITLE_MAX, False, "the chain by which the claim reached the source"),
    _id("relays", False, "the claimant whose information this claim passes on (its origin)"),
    Field("stated_on", "date", False, "when the claimant said it"),
    Field("period_start", "date", False, "start of the period the claim is about"),
    Field("period_end", "date", False, "end of the period the claim is about"),
    Field("as_of", "date", False, "the date a level (stock) is given for"),
    _id("source", True, "the source document, from sources.yaml"),
    _whole("paragraph", PARAGRAPHS, True, "1-based paragraph of the source"),
    _text("key_phrase", LABEL_MAX, True, "a few words of the source, in its language"),
    _text("summary", TEXT_MAX, True, "the claim in your own words, in English"),
    _text("notes", TEXT_MAX, False, "reasoning, inferences, translation problems"),
    Field("inferred", "strlist", False, "names of fields whose values are inferred"),
    Field("also_in", "locators", False, "other documents carrying the same statement"),
    _text("milestone", MILESTONE_MAX, False, "a short label: this event is drawn on the charts"),
    _whole("credibility", CREDIBILITY_GRADES, False, "the analyst's grade, 1-6 (CREDIBILITY)"),
    _text("credibility_reason", TITLE_MAX, False, "why: one line, from the record"),
    _text("extent", LABEL_MAX, False, "what the figure covers: total or one part (EXTENTS)"),
    _text("extent_note", TITLE_MAX, False, "which part: the engagement, unit, region, place "
          "or stretch of time"),
    _text("basis", LABEL_MAX, False, "how the claimant came by the figure (BASES); unknown "
          "when left out"),
)

SOURCE_FIELDS = _fields(
    _id("id", True),
    _text("title", TITLE_MAX, True),
    _text("outlet", TITLE_MAX, True),
    _text("language", LABEL_MAX, True),
    Field("published", "date", False),
    _text("published_basis", TITLE_MAX, False),
    _text("url", URL_MAX, False),
    Field("translation", "translation", False),
    _whole("paragraphs", PARAGRAPHS, False),
    _text("notes", TEXT_MAX, False),
)

CLAIMANT_FIELDS = _fields(
    _id("id", True),
    _text("name", TITLE_MAX, True),
    _text("short", LABEL_MAX, False, "a short label for charts; defaults to the id"),
    _text("kind", LABEL_MAX, True),
    _text("country", LABEL_MAX, True),
    _text("notes", TEXT_MAX, False),
    _text("reliability", LABEL_MAX, False, "the source's reliability grade, A-F (RELIABILITY)"),
    _text("reliability_reason", TITLE_MAX, False, "why: one line, from the record"),
    Field("reliability_graded", "date", False, "when it was graded"),
)

QUANTITY_FIELDS = _fields(
    _id("id", True),
    _text("category", LABEL_MAX, True),
    _text("label", TITLE_MAX, True),
    _text("short", LABEL_MAX, False, "a short label for narrow columns; defaults to the id"),
    _text("unit", LABEL_MAX, True),
    _text("measure", LABEL_MAX, True),
    _text("chart", LABEL_MAX, False, "which chart draws it (CHARTS); defaults by category"),
    _text("scope", LABEL_MAX, False, "cumulative or per period (SCOPES); defaults to cumulative"),
    Field("sum_of", "strlist", False, "the quantities this one is the sum of (relations.py)"),
    _id("converts_from", False, "the quantity this one is computed from, times `factor`"),
    _id("factor", False, "the quantity whose claims give the factor (e.g. shells per container)"),
    _whole("window_days", (1, WINDOW_DAYS_MAX), False, "days a figure stays current before "
           "it is stale (DEFAULT_WINDOW_DAYS by measure and scope)"),
    _text("notes", TEXT_MAX, False),
)

DATE_FIELDS = ("stated_on", "period_start", "period_end", "as_of")
NUMBER_FIELDS = ("value", "low", "high")
#: Claim fields that refer to another vocabulary, and the vocabulary's file.
REFERENCE_FIELDS = {
    "claimant": "claimants.yaml",
    "relays": "claimants.yaml",
    "quantity": "quantities.yaml",
    "source": "sources.yaml",
}
#: Longest key phrase accepted: a phrase, not a copied sentence.
KEY_PHRASE_MAX_WORDS = 12
