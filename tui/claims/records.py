"""Turning YAML nodes into typed records, with every problem and its line.

This is the careful reader: it checks each field's type and presence. Rules
between fields and across files run on the assembled table (`rules.py`,
`validate.py`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import schema
from .dates import parse_partial
from .problems import Problem
from .yamlread import describe, node_line

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_FORBIDDEN = re.compile(f"[{schema.IDENTIFIER_FORBIDDEN}]")
#: Longest number written out that is worth converting (NUMBER_MAX has 16
#: digits; Python refuses to convert more than 4,300).
_NUMBER_CHARS = 40
_INT = re.compile(r"[-+]?[0-9][0-9_]*")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?")

#: A converter takes a node and returns (value, None) or (None, message).
Converter = Callable[[Node], tuple[Any, str | None]]


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.value in NULLS


def _text(node: Node) -> tuple[Any, str | None]:
    if not isinstance(node, ScalarNode):
        return None, f"expected text, got {describe(node)}"
    value = node.value.strip()
    return (value or None), None


def identifier_problem(text: str) -> str | None:
    """What makes `text` unfit as an identifier, or None."""
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        return (
            f"identifiers may not hold control characters, line separators or "
            f"bidirectional controls; found U+{ord(bad.group()):04X} at character "
            f"{bad.start() + 1}"
        )
    if schema.LOCATOR_SEPARATOR in text:
        return (
            f"identifiers may not hold {schema.LOCATOR_SEPARATOR!r} (it separates also_in entries)"
        )
    if len(text) > schema.ID_MAX:
        return f"{len(text):,} characters; an identifier has at most {schema.ID_MAX:,}"
    return None


def blank_problem(field: schema.Field, text: str) -> str:
    """Text given but empty, or only blanks: never a value. A field left out,
    or written as YAML's null (`~`, `null`, nothing), is absent instead."""
    what = "empty" if not text else "blank"
    if field.required:
        return f"{what}; this field is required"
    return f"{what}; write the text or leave the field out"


def text_problem(text: str, field: schema.Field) -> str | None:
    """Why a text value does not fit its field (length, identifier rules), or None."""
    if field.identifier:
        return identifier_problem(text)
    if field.limit and len(text) > field.limit:
        return f"{len(text):,} characters; {field.name} has at most {field.limit:,}"
    return None


def _number(node: Node) -> tuple[Any, str | None]:
    """A count: a plain, finite number from 0 to NUMBER_MAX. A tag (`!!str
    500`) is refused where the file is read (`yamlread.parse_bytes`), once,
    like a tag on any other value."""
    if not isinstance(node, ScalarNode):
        return None, f"expected a number, got {describe(node)}"
    text = node.value
    if node.style:
        return None, f"expected a number, got the quoted text {describe(node)}"
    value: int | float
    if _INT.fullmatch(text):
        digits = text.replace("_", "").lstrip("+-").lstrip("0")
        value = int(text.replace("_", "")) if len(digits) <= _NUMBER_CHARS else math.inf
    elif any(c.isdigit() for c in text) and _FLOAT.fullmatch(text):
        value = float(text.replace("_", ""))
    else:
        return None, f"expected a number, got {describe(node)}"
    if text.startswith("-") and value != 0:
        return None, f"expected a count, 0 or more, got {describe(node)}"
    if value != value:  # NaN cannot be written this way, but be sure
        return None, f"expected a number, got {describe(node)}"
    if value > schema.NUMBER_MAX:
        return None, (
            f"{describe(node)} is too large or infinite; a count is at most {schema.NUMBER_MAX:,}"
        )
    return value, None


def _shown(node: ScalarNode) -> str:
    """A number as written, for a message, cut short if it is long."""
    return node.value if len(node.value) <= 40 else node.value[:37] + "..."


def _out_of_bounds(low: int, high: int) -> Callable[[ScalarNode], str]:
    return lambda node: f"expected a whole number from {low:,} to {high:,}, got {describe(node)}"


def _not_a_grade(node: ScalarNode) -> str:
    low, high = schema.CREDIBILITY_GRADES
    return (
        f"{_shown(node)} is not a credibility grade; use {low} (confirmed by other sources) "
        f"to {high} (cannot be judged)"
    )


def whole_number(low: int, high: int, out_of_bounds: Callable[[ScalarNode], str] | None = None
                 ) -> Converter:  # fmt: skip
    """A converter of plain whole numbers from `low` to `high`; a number out of
    them is named with the bounds (or as `out_of_bounds` words it)."""
    message = out_of_bounds or _out_of_bounds(low, high)

    def convert(node: Node) -> tuple[Any, str | None]:
        value, error = _number(node)
        if error and "expected a count" not in error and "too large" not in error:
            return None, error.replace("a number", "a whole number")
        if error or not isinstance(value, int) or not low <= value <= high:
            return None, message(node)  # type: ignore[arg-type]
        return value, None

    return convert


_positive_int = whole_number(*schema.PARAGRAPHS)


def _date(node: Node) -> tuple[Any, str | None]:
    if not isinstance(node, ScalarNode):
        return None, f"expected a date, got {describe(node)}"
    try:
        return parse_partial(node.value.strip()), None
    except ValueError as exc:
        return None, str(exc)


def _text_list(node: Node) -> tuple[Any, str | None]:
    if not isinstance(node, SequenceNode):
        return None, f"expected a list, got {describe(node)}"
    items = []
    for item in node.value:
        if not isinstance(item, ScalarNode) or not item.value.strip():
            return None, f"expected a list of names, got {describe(item)} in it"
        items.append(item.value.strip())
    return tuple(items), None


def _translation(node: Node) -> tuple[Any, str | None]:
    if not isinstance(node, MappingNode):
        return None, f"expected a mapping with 'kind' and 'from', got {describe(node)}"
    found: dict[str, str] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            return None, f"expected kind, from and notes as keys, got {describe(key)}"
        if not isinstance(value, ScalarNode):
            return None, f"expected text for {key.value!r}, got {describe(value)}"
        if _is_null(value):
            continue  # as if left out
        found[key.value] = value.value.strip()
        if not found[key.value]:
            blank = "empty" if not value.value else "blank"
            return None, f"{key.value}: {blank}; write the text or leave it out"
        limit = schema.TEXT_MAX if key.value == "notes" else schema.LABEL_MAX
        if len(found[key.value]) > limit:
            return None, f"{key.value}: {len(found[key.value]):,} characters; at most {limit:,}"
    unknown = set(found) - {"kind", "from", "notes"}
    if unknown:
        return None, f"unknown key {sorted(unknown)[0]!r}; expected kind, from, notes"
    if found.get("kind") not in schema.TRANSLATION_KINDS:
        return None, f"kind must be one of {', '.join(schema.TRANSLATION_KINDS)}"
    if not found.get("from"):
        return None, "'from' (the language translated from) is required"
    return found, None


#: The fields an `also_in` entry may hold: its locator, and that outlet's own
#: wording of the statement (checked like a claim's own; `statements.py`).
LOCATOR_FIELDS = ("source", "paragraph")
WORDING_FIELDS = ("qualifier", "value", "low", "high", "key_phrase")


def wording_problem(qualifier: str | None, value: float | None, low: float | None,
                    high: float | None) -> str | None:  # fmt: skip
    """Why a worded number does not hold together, or None: the rules of a
    claim's own qualifier and numbers (`rules.claim_rules`), for one entry."""
    numeric = qualifier in schema.NUMERIC_QUALIFIERS
    has_number = value is not None or low is not None or high is not None
    if qualifier is None:
        return "a number needs a qualifier (exact, about, at least, ...)" if has_number else None
    if not numeric:
        if has_number:
            known = ", ".join(schema.NUMERIC_QUALIFIERS)
            return (f"{qualifier!r} is not a numeric qualifier ({known}); vague words come "
                    "without a number")
        return None
    if qualifier == "range" and (low is None or high is None):
        return "'range' needs both low and high"
    if qualifier != "range" and value is None:
        return f"qualifier {qualifier!r} needs a value"
    if qualifier in schema.LOWER_BOUND_QUALIFIERS and high is not None:
        return f"qualifier {qualifier!r} is an open upper bound; leave high empty"
    if (qualifier in schema.UPPER_BOUND_QUALIFIERS or qualifier == "nearly") and low is not None:
        return f"qualifier {qualifier!r} is an open lower bound; leave low empty"
    if low is not None and high is not None and low > high:
        return f"low ({low:g}) is greater than high ({high:g})"
    if value is not None and low is not None and value < low:
        return f"value ({value:g}) is below low ({low:g})"
    if value is not None and high is not None and value > high:
        return f"value ({value:g}) is above high ({high:g})"
    return None


def _wording(pairs: dict[str, Node]) -> tuple[dict[str, Any], str | None]:
    """An entry's own wording: its qualifier, numbers and key phrase, checked."""
    found: dict[str, Any] = {}
    for name in WORDING_FIELDS:
        node = pairs.get(name)
        if node is None or _is_null(node):
            continue
        field = schema.CLAIM_FIELDS[name]
        if field.kind == "number":
            value, error = _number(node)
        else:
            value, error = _text(node)
            if not error and value is None:
                error = "empty; write the text or leave the field out"
            elif not error:
                error = text_problem(value, field)
        if error:
            return {}, f"{name}: {error}"
        found[name] = value
    phrase = found.get("key_phrase")
    if phrase is not None and len(phrase.split()) > schema.KEY_PHRASE_MAX_WORDS:
        return {}, (f"key_phrase: {len(phrase.split())} words; a key phrase is at most "
                    f"{schema.KEY_PHRASE_MAX_WORDS}")
    error = wording_problem(*(found.get(n) for n in ("qualifier", "value", "low", "high")))
    return found, error


def _locators(node: Node) -> tuple[Any, str | None]:
    """A list of `{source: ID, paragraph: N}`: where else a statement was
    reported, each entry optionally with that outlet's own wording
    (`qualifier`, `value`, `low`, `high`, `key_phrase`): (source, paragraph,
    wording) triples, the wording a dict (empty when the entry gives none)."""
    if not isinstance(node, SequenceNode):
        return None, f"expected a list of {{source, paragraph}}, got {describe(node)}"
    found = []
    allowed = {*LOCATOR_FIELDS, *WORDING_FIELDS}
    for number, item in enumerate(node.value, 1):
        if not isinstance(item, MappingNode):
            return None, f"expected {{source: ID, paragraph: N}}, got {describe(item)}"
        pairs = {k.value: v for k, v in item.value if isinstance(k, ScalarNode)}
        if len(pairs) != len(item.value) or not set(LOCATOR_FIELDS) <= set(pairs) or (
                set(pairs) - allowed):  # fmt: skip
            return None, ("each entry needs exactly source and paragraph, and may add that "
                          "outlet's wording: qualifier, value, low, high, key_phrase")
        source, error = _text(pairs["source"])
        if error or not source:
            return None, error or "source is empty"
        error = identifier_problem(source)
        if error:
            return None, f"source: {error}"
        paragraph, error = _positive_int(pairs["paragraph"])
        if error:
            return None, f"paragraph: {error}"
        wording, error = _wording(pairs)
        if error:
            return None, f"entry {number} ({source}, paragraph {paragraph}): {error}"
        found.append((source, paragraph, wording))
    return tuple(found), None


CONVERTERS: dict[str, Converter] = {
    "str": _text,
    "number": _number,
    "int": _positive_int,
    "date": _date,
    "strlist": _text_list,
    "translation": _translation,
    "locators": _locators,
}


def read_mapping(
    node: Node, fields: dict[str, schema.Field], path: str, what: str
) -> tuple[dict[str, Any], list[Problem]]:
    """Convert one record; unknown and missing fields are problems too."""
    line = node_line(node)
    if not isinstance(node, MappingNode):
        return {}, [
            Problem(path, line, what, f"expected a mapping of fields, got {describe(node)}")
        ]
    record: dict[str, Any] = {}
    problems: list[Problem] = []
    converters = _converters(fields)
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            message = f"a field name is plain text, got {describe(key_node)} (a complex key)"
            problems.append(Problem(path, node_line(key_node), "key", message))
            continue
        key = key_node.value
        convert = converters.get(key) if type(key_node) is ScalarNode else None
        if convert is None:
            known = ", ".join(fields)
            name = key if len(key) <= 60 else key[:57] + "..."
            problems.append(
                Problem(path, node_line(key_node), name, f"unknown field; known fields: {known}")
            )
            continue
        if key in record:
            problems.append(Problem(path, node_line(key_node), key, "given twice in one record"))
            continue
        # Fast path for the common case, a plain or quoted text scalar.
        if type(value_node) is ScalarNode:
            text = value_node.value
            if not value_node.style and text in NULLS:
                record[key] = None
                continue
            if convert is _text:
                value = text.strip() or None
                if value is None:
                    error = blank_problem(fields[key], text)
                else:
                    error = text_problem(value, fields[key])
                if error:
                    problems.append(Problem(path, node_line(value_node), key, error))
                    value = None
                record[key] = value
                continue
        value, error = convert(value_node)
        if error:
            problems.append(Problem(path, node_line(value_node), key, error))
        record[key] = value
    for name, field in fields.items():
        if field.required and record.get(name) is None and not _already_reported(problems, name):
            problems.append(Problem(path, line, name, "required field is missing"))
    return record, problems


#: Whole-number fields whose values are grades, named as such when out of bounds.
_GRADE_MESSAGES: dict[str, Callable[[ScalarNode], str]] = {"credibility": _not_a_grade}


def converter(field: schema.Field) -> Converter:
    """The converter of one field: its kind's, within its bounds for a whole number."""
    if field.kind == "int":
        return whole_number(*(field.bounds or schema.PARAGRAPHS), _GRADE_MESSAGES.get(field.name))
    return CONVERTERS[field.kind]


_CONVERTER_TABLES: dict[int, dict[str, Converter]] = {}


def _converters(fields: dict[str, schema.Field]) -> dict[str, Converter]:
    table = _CONVERTER_TABLES.get(id(fields))
    if table is None:
        table = {name: converter(f) for name, f in fields.items()}
        _CONVERTER_TABLES[id(fields)] = table
    return table


def _already_reported(problems: list[Problem], name: str) -> bool:
    return any(p.field == name for p in problems)
