"""Turning YAML nodes into typed records, with every problem and its line.

This is the careful reader: it checks each field's type and presence. Rules
between fields and across files run on the assembled table (`rules.py`,
`validate.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import schema
from .dates import parse_partial
from .problems import Problem
from .yamlread import describe, node_line

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
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


def _number(node: Node) -> tuple[Any, str | None]:
    if not isinstance(node, ScalarNode):
        return None, f"expected a number, got {describe(node)}"
    text = node.value
    if node.style:
        return None, f"expected a number, got the quoted text {describe(node)}"
    if _INT.fullmatch(text):
        return int(text.replace("_", "")), None
    if any(c.isdigit() for c in text) and _FLOAT.fullmatch(text):
        return float(text.replace("_", "")), None
    return None, f"expected a number, got {describe(node)}"


def _positive_int(node: Node) -> tuple[Any, str | None]:
    value, error = _number(node)
    if error:
        return None, error.replace("a number", "a whole number")
    if not isinstance(value, int) or value < 1:
        return None, f"expected a whole number of at least 1, got {describe(node)}"
    return value, None


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
        if not isinstance(value, ScalarNode):
            return None, f"expected text for {key.value!r}, got {describe(value)}"
        found[key.value] = value.value.strip()
    unknown = set(found) - {"kind", "from", "notes"}
    if unknown:
        return None, f"unknown key {sorted(unknown)[0]!r}; expected kind, from, notes"
    if found.get("kind") not in schema.TRANSLATION_KINDS:
        return None, f"kind must be one of {', '.join(schema.TRANSLATION_KINDS)}"
    if not found.get("from"):
        return None, "'from' (the language translated from) is required"
    return found, None


def _locators(node: Node) -> tuple[Any, str | None]:
    """A list of `{source: ID, paragraph: N}`: where else a statement was reported."""
    if not isinstance(node, SequenceNode):
        return None, f"expected a list of {{source, paragraph}}, got {describe(node)}"
    found = []
    for item in node.value:
        if not isinstance(item, MappingNode):
            return None, f"expected {{source: ID, paragraph: N}}, got {describe(item)}"
        pairs = {k.value: v for k, v in item.value if isinstance(k, ScalarNode)}
        if set(pairs) != {"source", "paragraph"}:
            return None, "each entry needs exactly source and paragraph"
        source, error = _text(pairs["source"])
        if error or not source:
            return None, error or "source is empty"
        paragraph, error = _positive_int(pairs["paragraph"])
        if error:
            return None, f"paragraph: {error}"
        found.append((source, paragraph))
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
        key = key_node.value
        convert = converters.get(key) if type(key_node) is ScalarNode else None
        if convert is None:
            known = ", ".join(fields)
            problems.append(
                Problem(
                    path, node_line(key_node), str(key), f"unknown field; known fields: {known}"
                )
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
                record[key] = text.strip() or None
                continue
        value, error = convert(value_node)
        if error:
            problems.append(Problem(path, node_line(value_node), key, error))
        record[key] = value
    for name, field in fields.items():
        if field.required and record.get(name) is None and not _already_reported(problems, name):
            problems.append(Problem(path, line, name, "required field is missing"))
    return record, problems


_CONVERTER_TABLES: dict[int, dict[str, Converter]] = {}


def _converters(fields: dict[str, schema.Field]) -> dict[str, Converter]:
    table = _CONVERTER_TABLES.get(id(fields))
    if table is None:
        table = {name: CONVERTERS[f.kind] for name, f in fields.items()}
        _CONVERTER_TABLES[id(fields)] = table
    return table


def _already_reported(problems: list[Problem], name: str) -> bool:
    return any(p.field == name for p in problems)
