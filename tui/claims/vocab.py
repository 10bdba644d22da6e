"""The small vocabulary files: sources, claimants and quantities."""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import schema
from .problems import Problem
from .records import read_mapping
from .yamlread import describe, node_line, parse_bytes

#: file name -> (fields, what one record is called)
VOCABULARIES: dict[str, tuple[dict[str, schema.Field], str]] = {
    "sources.yaml": (schema.SOURCE_FIELDS, "source"),
    "claimants.yaml": (schema.CLAIMANT_FIELDS, "claimant"),
    "quantities.yaml": (schema.QUANTITY_FIELDS, "quantity"),
}


def read_vocab_file(
    data: bytes | None, name: str, display: str, use_libyaml: bool = True
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Records of one vocabulary file, each with its `line`, and the problems."""
    fields, what = VOCABULARIES[name]
    if data is None:
        return [], [Problem(display, 1, "file", f"missing; the data directory needs {name}")]
    root, trouble = parse_bytes(data, display, use_libyaml)
    if root is None and trouble:
        return [], trouble
    if root is None or not isinstance(root, SequenceNode):
        got = "nothing (the file is empty)" if root is None else describe(root)
        line = 1 if root is None else node_line(root)
        message = f"expected a list of {what} records, got {got}"
        return [], [*trouble, Problem(display, line, "file", message)]
    records: list[dict[str, Any]] = []
    problems: list[Problem] = list(trouble)  # tags: the file is read on
    seen: dict[str, int] = {}
    for node in root.value:
        record, found = read_mapping(node, fields, display, what)
        line = node_line(node)
        record["line"] = line
        if isinstance(node, MappingNode):
            record["field_lines"] = {
                k.value: node_line(v) for k, v in node.value if isinstance(k, ScalarNode)
            }
        problems.extend(found)
        problems.extend(_check(record, what, display, {p.field for p in found}))
        rid = record.get("id")
        if rid is not None:
            if rid in seen:
                message = f"duplicate {what} id {rid!r} (first at line {seen[rid]})"
                problems.append(Problem(display, line, "id", message))
            else:
                seen[rid] = line
        records.append(record)
    return records, problems


def _check(record: dict[str, Any], what: str, path: str, reported: set[str]) -> list[Problem]:
    """Rules between a record's fields; a field `reported` already (a blank
    reason, a bad grade) is not reported again through a rule."""

    def closed(field: str, allowed: dict[str, str]) -> list[Problem]:
        value = record.get(field)
        if value is None or value in allowed:
            return []
        message = f"unknown {field} {value!r}; known: {', '.join(allowed)}"
        return [Problem(path, field_line(record, field), field, message)]

    if what == "claimant":
        found = closed("kind", schema.CLAIMANT_KINDS) + closed("reliability", schema.RELIABILITY)
        graded, reason = record.get("reliability"), record.get("reliability_reason")
        if {"reliability", "reliability_reason"} & reported:
            return found
        if graded is not None and reason is None:
            found.append(Problem(path, field_line(record, "reliability"), "reliability",
                                 "a grade needs its reason: add reliability_reason (one line, "
                                 "from the record)"))  # fmt: skip
        if reason is not None and graded is None:
            found.append(Problem(path, field_line(record, "reliability_reason"),
                                 "reliability_reason", "a reason without a grade: add "
                                 "reliability (A-F) or remove the reason"))  # fmt: skip
        return found
    if what == "quantity":
        return (closed("category", schema.CATEGORIES) + closed("measure", schema.MEASURES)
                + closed("chart", schema.CHARTS) + closed("scope", schema.SCOPES))
    return []


def field_line(record: dict[str, Any], field: str) -> int:
    """The line of one field of a vocabulary record, else of the record."""
    return record.get("field_lines", {}).get(field, record["line"])
