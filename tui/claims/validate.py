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
from .claimfile import parse_locators
from .dates import PRECISIONS, iso_partial
from .problems import Problem
from .rules import claim_rules, is_in, present
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
    files, lines = columns["file"], columns["line"]

    first: dict[str, int] = {}
    for i, key in enumerate(columns["id"]):
        if key is None:
            continue
        j = first.setdefault(key, i)
        if j != i:
            where = f"{files[j]}:{lines[j]}"
            found.append((files[i], lines[i], "id", f"duplicate id {key!r} (first at {where})"))

    for field, vocab_file in schema.REFERENCE_FIELDS.items():
        if _vocab_name(vocab_file) in broken:
            continue
        known = set(vocab[_vocab_name(vocab_file)].index)
        values = columns[field]
        for i in np.flatnonzero(~is_in(values, known) & present(values)):
            message = f"unknown {field} {values[i]!r}; add it to {vocab_file} or fix the spelling"
            found.append((files[i], lines[i], field, message))

    quantities = vocab["quantities"]
    if len(quantities):
        category_of = dict(zip(quantities.index, quantities["category"]))
        categories = set(schema.CATEGORIES)
        for i, (quantity, category) in enumerate(zip(columns["quantity"], columns["category"])):
            expected = category_of.get(quantity)
            if expected is not None and category in categories and expected != category:
                message = (
                    f"quantity {quantity!r} belongs to category {expected!r}, not {category!r}"
                )
                found.append((files[i], lines[i], "category", message))

    sources = vocab["sources"]
    limits: dict[str, int] = {}
    if len(sources) and "paragraphs" in sources:
        limits = {k: int(v) for k, v in sources["paragraphs"].items() if not pd.isna(v)}
    known_sources = set(sources.index) if "sources" not in broken else None
    for i, text in enumerate(columns["also_in"]):
        if text is None:
            continue
        own = (columns["source"][i], int(columns["paragraph"][i]))
        seen: set[tuple[str, int]] = set()
        for source, paragraph in parse_locators(text):
            entry = f"{{source: {source}, paragraph: {paragraph}}}"
            if known_sources is not None and source not in known_sources:
                message = f"unknown source {source!r} in also_in; add it to sources.yaml"
            elif (source, paragraph) == own:
                message = f"{entry} is the claim's own source and paragraph"
            elif (source, paragraph) in seen:
                message = f"{entry} is listed twice"
            elif paragraph > limits.get(source, paragraph):
                message = (
                    f"paragraph {paragraph} is beyond the end of source {source!r}, "
                    f"which has {limits[source]} paragraphs"
                )
            else:
                message = ""
            seen.add((source, paragraph))
            if message:
                found.append((files[i], lines[i], "also_in", message))

    for i, (source, paragraph) in enumerate(zip(columns["source"], columns["paragraph"])):
        limit = limits.get(source)
        if limit is not None and paragraph > limit:
            message = (
                f"paragraph {paragraph} is beyond the end of source {source!r}, "
                f"which has {limit} paragraphs"
            )
            found.append((files[i], lines[i], "paragraph", message))

    limit_day = np.datetime64(today, "D")
    for field in schema.DATE_FIELDS:
        dates = columns[field]
        for i in np.flatnonzero(~np.isnat(dates) & (dates > limit_day)):
            written = iso_partial(dates[i].item(), PRECISIONS[columns[f"{field}_precision"][i]])
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
    root, _ = parse_bytes(data, display)  # already read once: no anchors
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
