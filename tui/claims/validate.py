"""Checks across files: references, duplicate ids, paragraphs, dates after today.

These run on the concatenated columns at every load (the per-file cache cannot
know whether a vocabulary changed, or what day it is). They are vectorised;
only when something is wrong is a file parsed again to find the line of the
offending field rather than of its claim.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import schema
from .dates import iso_partial
from .problems import Problem
from .rules import claim_rules
from .vocab import field_line
from .yamlread import node_line, parse_bytes

#: (display path) -> the file's bytes, to find field lines when reporting.
Reader = Callable[[str], bytes]


def cross_check(
    columns: dict[str, np.ndarray],
    vocab: dict[str, pd.DataFrame],
    read: Reader,
    today: _dt.date,
    broken: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every problem that needs more than one claim, or a vocabulary, to see.

    References into a vocabulary in `broken` (a file missing or unparsable,
    already reported) are not checked, rather than all reported unknown.
    """
    found: list[tuple[str, int, str, str]] = claim_rules(columns)  # (file, line, field, message)
    ids = pd.Series(columns["id"])
    files, lines = columns["file"], columns["line"]

    dup = ids.notna() & ids.duplicated(keep=False)
    if dup.any():
        first: dict[str, tuple[str, int]] = {}
        for i in np.flatnonzero(dup.to_numpy()):
            key = ids.iat[i]
            if key in first:
                where = f"{first[key][0]}:{first[key][1]}"
                found.append((files[i], lines[i], "id", f"duplicate id {key!r} (first at {where})"))
            else:
                first[key] = (files[i], int(lines[i]))

    for field, vocab_file in schema.REFERENCE_FIELDS.items():
        if _vocab_name(vocab_file) in broken:
            continue
        known = vocab[_vocab_name(vocab_file)].index
        values = pd.Series(columns[field])
        bad = values.notna() & ~values.isin(known)
        for i in np.flatnonzero(bad.to_numpy()):
            message = f"unknown {field} {values.iat[i]!r}; add it to {vocab_file} or fix the spelling"
            found.append((files[i], lines[i], field, message))

    quantities = vocab["quantities"]
    if len(quantities):
        expected = pd.Series(columns["quantity"]).map(quantities["category"])
        category = pd.Series(columns["category"])
        known = category.isin(list(schema.CATEGORIES))
        bad = expected.notna() & known & (expected != category)
        for i in np.flatnonzero(bad.to_numpy()):
            message = (
                f"quantity {columns['quantity'][i]!r} belongs to category "
                f"{expected.iat[i]!r}, not {category.iat[i]!r}"
            )
            found.append((files[i], lines[i], "category", message))

    sources = vocab["sources"]
    if len(sources) and "paragraphs" in sources:
        limit = pd.Series(columns["source"]).map(sources["paragraphs"]).astype("Float64")
        paragraph = pd.Series(columns["paragraph"])
        bad = (limit.notna() & (paragraph > limit)).fillna(False).to_numpy(dtype=bool)
        for i in np.flatnonzero(bad):
            message = (
                f"paragraph {columns['paragraph'][i]} is beyond the end of source "
                f"{columns['source'][i]!r}, which has {int(limit.iat[i])} paragraphs"
            )
            found.append((files[i], lines[i], "paragraph", message))

    limit_day = np.datetime64(today, "D")
    for field in schema.DATE_FIELDS:
        dates = columns[field]
        for i in np.flatnonzero(~np.isnat(dates) & (dates > limit_day)):
            written = iso_partial(dates[i].item(), columns[f"{field}_precision"][i])
            found.append((files[i], lines[i], field, f"{written} is after today"))

    return _with_field_lines(found, read)


def check_vocab_dates(vocab_records: dict[str, list[dict[str, Any]]], path_of: dict[str, str],
                      today: _dt.date) -> list[Problem]:  # fmt: skip
    """Publication dates of sources must not be after today."""
    problems = []
    for record in vocab_records.get("sources", []):
        published = record.get("published")
        if published and published[0] > today:
            message = f"{iso_partial(*published)} is after today"
            line = field_line(record, "published")
            problems.append(Problem(path_of["sources"], line, "published", message))
    return problems


def _vocab_name(file_name: str) -> str:
    return file_name.removesuffix(".yaml")


def _with_field_lines(found: list[tuple[str, int, str, str]], read: Reader) -> list[Problem]:
    """Replace each claim's line by the line of the named field where possible."""
    by_file: dict[str, list[tuple[str, int, str, str]]] = {}
    for item in found:
        by_file.setdefault(item[0], []).append(item)
    problems = []
    for display, items in by_file.items():
        lines = _field_lines(read(display), display)
        for _, claim_line, field, message in items:
            line = lines.get((int(claim_line), field), int(claim_line))
            problems.append(Problem(display, line, field, message))
    return problems


def _field_lines(data: bytes, display: str) -> dict[tuple[int, str], int]:
    root, _ = parse_bytes(data, display)
    lines: dict[tuple[int, str], int] = {}
    if not isinstance(root, SequenceNode):
        return lines
    for node in root.value:
        if isinstance(node, MappingNode):
            start = node_line(node)
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    lines[(start, key.value)] = node_line(value)
    return lines
