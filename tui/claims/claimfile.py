"""One claims file read into columns, with its problems.

A `FileTable` is what the per-file cache stores: plain numpy columns, so that a
second start rebuilds the table without parsing YAML again. Each claim goes
through a fast path that converts well-formed records; anything unusual
(an unknown or repeated field, a bad value, a missing required field) is
handed to the careful reader in `records.py`, which names every problem.
Rules between fields (ranges, qualifiers, periods) are checked later, on the
whole table at once, in `rules.py`.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import schema
from .dates import PRECISIONS
from .problems import Problem
from .records import NULLS, converter, identifier_problem, read_mapping
from .yamlread import describe, node_line, parse_bytes

#: The claim fields in row order.
SLOTS = tuple(schema.CLAIM_FIELDS)
_INDEX = {name: i for i, name in enumerate(SLOTS)}
_IS_TEXT = [schema.CLAIM_FIELDS[n].kind == "str" for n in SLOTS]
_LIMIT = [schema.CLAIM_FIELDS[n].limit for n in SLOTS]
_IDENTIFIERS = [i for i, n in enumerate(SLOTS) if schema.CLAIM_FIELDS[n].identifier]
_CONVERT = [converter(schema.CLAIM_FIELDS[n]) for n in SLOTS]
_REQUIRED = [i for i, n in enumerate(SLOTS) if schema.CLAIM_FIELDS[n].required]
_REQUIRED_MASK = sum(1 << i for i in _REQUIRED)
_required_values = itemgetter(*_REQUIRED)

_FORBIDDEN_OR_SEPARATOR = re.compile(
    f"[{schema.IDENTIFIER_FORBIDDEN}]|{re.escape(schema.LOCATOR_SEPARATOR)}"
)

_EPOCH = _dt.date(1970, 1, 1).toordinal()
_NAT = np.iinfo("int64").min  # numpy's NaT
_PRECISION_CODE = {p: i for i, p in enumerate(PRECISIONS)}

TEXT_COLUMNS = tuple(
    n for n in SLOTS if schema.CLAIM_FIELDS[n].kind in ("str", "strlist", "locators")
) + ("also_in_wording",)
NUMBER_COLUMNS = schema.NUMBER_FIELDS
DATE_COLUMNS = schema.DATE_FIELDS


@dataclass(slots=True)
class FileTable:
    """The claims of one file as columns, plus the problems found in it.

    `bad` marks, per claim, the fields (bits in SLOTS order) that had a
    problem here; later rules skip a claim only where they involve one of
    those fields, so one mistake is reported once and every other is
    still reported.
    """

    columns: dict[str, np.ndarray] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> int:
        lines = self.columns.get("line")
        return 0 if lines is None else len(lines)


def read_claim_file(data: bytes, display: str, use_libyaml: bool = True) -> FileTable:
    """Parse and check one claims file (its bytes; `display` names it in messages)."""
    root, trouble = parse_bytes(data, display, use_libyaml)
    if root is None and trouble:
        return FileTable(to_columns([], [], []), trouble)
    if root is None:
        message = "file is empty; expected a list of claims (write [] for none)"
        return FileTable(to_columns([], [], []), [Problem(display, 1, "file", message)])
    if not isinstance(root, SequenceNode):
        message = f"expected a list of claims (each item starting with '- '), got {describe(root)}"
        return FileTable(
            to_columns([], [], []), [*trouble, Problem(display, node_line(root), "file", message)]
        )

    problems: list[Problem] = list(trouble)  # tags: the file is read on
    rows: list[list] = []
    lines: list[int] = []
    bad: list[int] = []
    fast: list[int] = []  # the rows the fast path took

    def careful(node: Node) -> tuple[list, int]:
        record, found = read_mapping(node, schema.CLAIM_FIELDS, display, "claim")
        problems.extend(found)
        flags = field_bits(p.field for p in found)
        if not isinstance(node, MappingNode):
            flags = ALL_FIELDS
        return [record.get(name) for name in SLOTS], flags

    for node in root.value:
        row = _fast_row(node) if type(node) is MappingNode else None
        flags = 0
        if row is None:
            row, flags = careful(node)
        else:
            fast.append(len(rows))
        rows.append(row)
        lines.append(node.start_mark.line + 1)
        bad.append(flags)
    # Identifiers are checked per file, not per field in the fast path: one
    # search over them all, and only a file with a bad one is looked at closer.
    for r in _unfit_identifiers(rows, fast):
        rows[r], bad[r] = careful(root.value[r])
    return FileTable(to_columns(rows, lines, bad), problems)


def _unfit_identifiers(rows: list[list], fast: list[int]) -> list[int]:
    """The rows among `fast` with an identifier unfit as one."""
    values = [v for r in fast for i in _IDENTIFIERS if (v := rows[r][i]) is not None]
    if not values:
        return []
    # U+FFFF joins them: it is no forbidden character, and cannot make a separator.
    joined = "\uffff".join(values)
    if not _FORBIDDEN_OR_SEPARATOR.search(joined) and max(map(len, values)) <= schema.ID_MAX:
        return []
    return [
        r
        for r in fast
        if any(
            rows[r][i] is not None and identifier_problem(rows[r][i]) is not None
            for i in _IDENTIFIERS
        )
    ]


#: Every field's bit: a claim that is not even a mapping.
ALL_FIELDS = (1 << len(SLOTS)) - 1


def field_bits(fields: object) -> int:
    """The bits of these claim fields (names that are not fields add none)."""
    bits = 0
    for name in fields:  # type: ignore[attr-defined]
        i = _INDEX.get(name)
        if i is not None:
            bits |= 1 << i
    return bits


def _fast_row(
    node: MappingNode,
    # Bound once as locals: this loop runs for every field of every claim.
    _scalar: type = ScalarNode,
    _index=_INDEX.get,  # noqa: B008
    _is_text: list[bool] = _IS_TEXT,
    _limit: list[int] = _LIMIT,
    _convert: list = _CONVERT,
    _nulls: frozenset[str] = NULLS,
    _width: int = len(SLOTS),
) -> list | None:
    """The converted row of a well-formed claim, else None."""
    row: list = [None] * _width
    seen = 0
    for key, value in node.value:
        if type(key) is not _scalar:
            return None
        i = _index(key.value)
        if i is None:
            return None
        bit = 1 << i
        if seen & bit:
            return None
        seen |= bit
        if type(value) is _scalar:
            text = value.value
            if not value.style and text in _nulls:
                continue
            if _is_text[i]:
                text = text.strip()
                if not text or len(text) > _limit[i]:
                    return None  # blank, or too long: the careful reader says which
                row[i] = text
                continue
        converted, error = _convert[i](value)
        if error:
            return None
        row[i] = converted
    if seen & _REQUIRED_MASK != _REQUIRED_MASK or None in _required_values(row):
        return None
    return row


def to_columns(rows: list[list], lines: list[int], bad: list[int]) -> dict[str, np.ndarray]:
    """Rows of SLOTS values to typed numpy columns (dates: first day + precision)."""
    cells = list(zip(*rows)) if rows else [()] * len(SLOTS)
    by_name = dict(zip(SLOTS, cells))
    columns: dict[str, np.ndarray] = {}
    for name in TEXT_COLUMNS:
        values = by_name.get(name, by_name["also_in"])
        if name == "inferred":
            values = [", ".join(v) if v else None for v in values]
        elif name == "also_in":  # "source:paragraph; source:paragraph"
            values = [_locator_text(v) if v else None for v in values]
        elif name == "also_in_wording":  # each entry's own wording, as JSON
            values = [_wording_text(v) if v else None for v in values]
        columns[name] = _object_array(values)
    for name in NUMBER_COLUMNS:
        values = by_name[name]
        columns[name] = np.fromiter(
            (math.nan if v is None else v for v in values), dtype="float64", count=len(values)
        )
    for name in DATE_COLUMNS:
        # Days since 1970 and a precision code: integers, not date objects.
        values = by_name[name]
        days = [v[0].toordinal() - _EPOCH if v else _NAT for v in values]
        columns[name] = np.array(days, dtype="int64").view("datetime64[D]")
        columns[f"{name}_precision"] = np.array(
            [_PRECISION_CODE[v[1]] if v else -1 for v in values], dtype="int8"
        )
    columns["paragraph"] = np.array([p or 0 for p in by_name["paragraph"]], dtype="int32")
    # 0: no grade (a given grade is a positive whole number, checked 1-6 by the rules).
    columns["credibility"] = np.array([c or 0 for c in by_name["credibility"]], dtype="int32")
    columns["line"] = np.array(lines, dtype="int32")
    columns["bad"] = np.array(bad, dtype=np.int64)
    return columns


def _locator_text(locators: tuple[tuple[str, int, dict], ...]) -> str:
    return "; ".join(f"{source}:{paragraph}" for source, paragraph, _ in locators)


def _wording_text(locators: tuple[tuple[str, int, dict], ...]) -> str | None:
    """The entries' own wordings as a JSON list in the entries' order ({} for
    an entry without one), or None when no entry has one."""
    wordings = [wording for _, _, wording in locators]
    if not any(wordings):
        return None
    return json.dumps(wordings, ensure_ascii=False, separators=(",", ":"))


def parse_wordings(text: str | None) -> list[dict]:
    """The `also_in_wording` column back into one dict per `also_in` entry."""
    if not text:
        return []
    return json.loads(text)


def parse_locators(text: str | None) -> list[tuple[str, int]]:
    """The `also_in` column back into (source, paragraph) pairs."""
    if not text:
        return []
    pairs = []
    for part in text.split("; "):
        source, _, paragraph = part.rpartition(":")
        pairs.append((source, int(paragraph)))
    return pairs


def _object_array(values) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array
