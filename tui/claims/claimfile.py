"""One claims file read into columns, with its problems.

A `FileTable` is what the per-file cache stores: plain numpy columns, so that a
second start rebuilds the table without parsing YAML again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from yaml.nodes import MappingNode, SequenceNode

from . import schema
from .problems import Problem
from .records import check_claim, read_mapping
from .yamlread import compose, decode, describe, node_line

#: Columns of a FileTable, in order. Dates are split into first day + precision.
TEXT_COLUMNS = (
    "id", "category", "quantity", "qualifier", "claimant", "via", "source",
    "key_phrase", "summary", "notes", "inferred",
)  # fmt: skip
NUMBER_COLUMNS = schema.NUMBER_FIELDS
DATE_COLUMNS = schema.DATE_FIELDS


@dataclass(slots=True)
class FileTable:
    """The claims of one file as columns, plus the problems found in it."""

    columns: dict[str, np.ndarray] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        lines = self.columns.get("line")
        return 0 if lines is None else len(lines)


def read_claim_file(data: bytes, display: str, use_libyaml: bool = True) -> FileTable:
    """Parse and check one claims file (its bytes; `display` names it in messages)."""
    text, problem = decode(data, display)
    if problem is not None:
        return FileTable(_empty_columns(), [problem])
    root, problem = compose(text, display, use_libyaml)
    if problem is not None:
        return FileTable(_empty_columns(), [problem])
    if root is None:
        message = "file is empty; expected a list of claims (write [] for none)"
        return FileTable(_empty_columns(), [Problem(display, 1, "file", message)])
    if not isinstance(root, SequenceNode):
        message = f"expected a list of claims (each item starting with '- '), got {describe(root)}"
        return FileTable(_empty_columns(), [Problem(display, node_line(root), "file", message)])

    problems: list[Problem] = []
    rows: list[dict] = []
    lines: list[int] = []
    fields = schema.CLAIM_FIELDS
    for node in root.value:
        record, found = read_mapping(node, fields, display, "claim")
        line = node_line(node)
        if not found:
            found = check_claim(record, line, display)
            if found:
                found = _at_field_lines(found, node)
        if found:
            problems.extend(found)
        rows.append(record)
        lines.append(line)
    return FileTable(_to_columns(rows, lines), problems)


def _at_field_lines(problems: list[Problem], node: MappingNode) -> list[Problem]:
    """Move each problem from the claim's first line to its field's line."""
    lines = {key.value: node_line(value) for key, value in node.value}
    return [Problem(p.path, lines.get(p.field, p.line), p.field, p.message) for p in problems]


def _to_columns(rows: list[dict], lines: list[int]) -> dict[str, np.ndarray]:
    columns: dict[str, np.ndarray] = {}
    for name in TEXT_COLUMNS:
        if name == "inferred":
            values = [", ".join(r["inferred"]) if r.get("inferred") else None for r in rows]
        else:
            values = [r.get(name) for r in rows]
        columns[name] = _object_array(values)
    for name in NUMBER_COLUMNS:
        values = [r.get(name) for r in rows]
        columns[name] = np.array([np.nan if v is None else v for v in values], dtype="float64")
    for name in DATE_COLUMNS:
        values = [r.get(name) for r in rows]
        columns[name] = np.array([v[0] if v else None for v in values], dtype="datetime64[D]")
        columns[f"{name}_precision"] = _object_array([v[1] if v else None for v in values])
    paragraphs = [r.get("paragraph") for r in rows]
    columns["paragraph"] = np.array([p or 0 for p in paragraphs], dtype="int32")
    columns["line"] = np.array(lines, dtype="int32")
    return columns


def _object_array(values: list) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _empty_columns() -> dict[str, np.ndarray]:
    return _to_columns([], [])
