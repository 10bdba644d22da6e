"""The data contract: field names, their kinds, and the closed vocabularies.

`data/README.md` documents the same contract for people; keep the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Bump when the parsed-table layout changes, so that old caches are ignored.
SCHEMA_VERSION = 10

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

TRANSLATION_KINDS = ("machine", "human")


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record: its kind and whether it must be present."""

    name: str
    kind: str  # "str", "number", "int", "date", "strlist", "translation", "bool"
    required: bool = False
    doc: str = ""


def _fields(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


CLAIM_FIELDS = _fields(
    Field("id", "str", True, "stable identifier, unique across all claim files"),
    Field("category", "str", True, "one of CATEGORIES"),
    Field("quantity", "str", False, "what is counted, from quantities.yaml"),
    Field("value", "number", False, "the best value"),
    Field("low", "number", False, "the low end of the range"),
    Field("high", "number", False, "the high end of the range"),
    Field("qualifier", "str", False, "how the number is qualified, or vague words"),
    Field("claimant", "str", True, "who made the claim, from claimants.yaml"),
    Field("via", "str", False, "the chain by which the claim reached the source"),
    Field("stated_on", "date", False, "when the claimant said it"),
    Field("period_start", "date", False, "start of the period the claim is about"),
    Field("period_end", "date", False, "end of the period the claim is about"),
    Field("as_of", "date", False, "the date a level (stock) is given for"),
    Field("source", "str", True, "the source document, from sources.yaml"),
    Field("paragraph", "int", True, "1-based paragraph of the source"),
    Field("key_phrase", "str", True, "a few words of the source, in its language"),
    Field("summary", "str", True, "the claim in your own words, in English"),
    Field("notes", "str", False, "reasoning, inferences, translation problems"),
    Field("inferred", "strlist", False, "names of fields whose values are inferred"),
    Field("also_in", "locators", False, "other documents carrying the same statement"),
)

SOURCE_FIELDS = _fields(
    Field("id", "str", True),
    Field("title", "str", True),
    Field("outlet", "str", True),
    Field("language", "str", True),
    Field("published", "date", False),
    Field("published_basis", "str", False),
    Field("url", "str", False),
    Field("translation", "translation", False),
    Field("paragraphs", "int", False),
    Field("notes", "str", False),
)

CLAIMANT_FIELDS = _fields(
    Field("id", "str", True),
    Field("name", "str", True),
    Field("short", "str", False, "a short label for charts; defaults to the id"),
    Field("kind", "str", True),
    Field("country", "str", True),
    Field("notes", "str", False),
)

QUANTITY_FIELDS = _fields(
    Field("id", "str", True),
    Field("category", "str", True),
    Field("label", "str", True),
    Field("short", "str", False, "a short label for narrow columns; defaults to the id"),
    Field("unit", "str", True),
    Field("measure", "str", True),
    Field("notes", "str", False),
)

DATE_FIELDS = ("stated_on", "period_start", "period_end", "as_of")
NUMBER_FIELDS = ("value", "low", "high")
#: Claim fields that refer to another vocabulary, and the vocabulary's file.
REFERENCE_FIELDS = {
    "claimant": "claimants.yaml",
    "quantity": "quantities.yaml",
    "source": "sources.yaml",
}
#: Longest key phrase accepted: a phrase, not a copied sentence.
KEY_PHRASE_MAX_WORDS = 12
