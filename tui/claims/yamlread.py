"""Reading YAML into nodes that keep their line numbers.

The loader composes the node tree (in C with libyaml when it is there) but
skips PyYAML's generic constructor and its implicit-type resolver: every scalar
stays a string, and `records.py` converts each field to the type the schema
says, with the line of the node at hand. That is both faster than
`yaml.load` and the only way to name the line of every bad value.

Anchors and aliases are refused before anything is composed: hand-written
data needs none, and a few hundred bytes of nested aliases can stand for
gigabytes once something walks the tree. Files that are not UTF-8 (UTF-16,
UTF-32, which libyaml would otherwise decode silently) are refused too; a
UTF-8 byte order mark is allowed.
"""

from __future__ import annotations

import codecs

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

HAVE_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))

#: The tag of a plain scalar written without a tag; `is_untagged` tells it
#: from an explicit `!!str 500`, which resolves to no tag of ours.
UNTAGGED = "?"
_QUOTED = "!"
_TAGS = {
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}


def _resolve(self: object, kind: type, value: object, implicit: object) -> str:
    if kind is ScalarNode:
        return UNTAGGED if implicit[0] else _QUOTED  # type: ignore[index]
    return _TAGS[kind]


def _no_path(self: object, *args: object) -> None:
    return None


def _loader_class(use_libyaml: bool) -> type:
    base = yaml.CSafeLoader if (use_libyaml and HAVE_LIBYAML) else yaml.SafeLoader
    # Path resolvers are unused; skipping them saves two calls per node.
    hooks = {"resolve": _resolve, "descend_resolver": _no_path, "ascend_resolver": _no_path}
    return type("NodeLoader", (base,), hooks)


_LOADERS = {flag: _loader_class(flag) for flag in (True, False)}


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (a BOM is allowed), or say where the first bad byte is."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start : exc.start + 1].hex()
        message = f"not UTF-8: byte 0x{byte} at column {column}; save the file as UTF-8"
        return None, Problem(path, line, "file", message)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def compose(
    text: str | bytes, path: str, use_libyaml: bool = True
) -> tuple[Node | None, Problem | None]:
    """The document's root node (None for an empty document), or a syntax problem.

    Bytes must be UTF-8 (check with `decode` first, or let the reader refuse).
    Anchors and aliases are not looked for here: see `parse_bytes`.
    """
    loader = _LOADERS[use_libyaml](text)
    try:
        return loader.get_single_node(), None
    except yaml.YAMLError as exc:
        return None, _yaml_problem(exc, text, path)
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.YAMLError, text: str | bytes, path: str) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = f" at column {mark.column + 1}" if mark is not None else ""
        what = exc.problem or exc.context or "invalid YAML"
        context = ""
        if exc.context and exc.problem:
            where = exc.context_mark
            started = f" started at line {where.line + 1}" if where is not None else ""
            context = f", {exc.context}{started}"
        return Problem(path, line, "yaml", f"{what}{column}{context}")
    if isinstance(exc, yaml.reader.ReaderError):  # not UTF-8, control characters
        text_bytes = text if isinstance(text, bytes) else text.encode("utf-8", "replace")
        _, problem = decode(text_bytes, path)
        if problem is not None:
            return problem
        line = text_bytes.count(b"\n", 0, exc.position) + 1
        character = exc.character
        code = character if isinstance(character, int) else ord(character or "\0")
        return Problem(path, line, "file", f"{exc.reason} (U+{code:04X})")
    # other errors carry a position, not a mark
    position = getattr(exc, "position", 0) or 0
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line = text.count(newline, 0, position) + 1  # type: ignore[arg-type]
    return Problem(path, line, "yaml", (str(exc).splitlines() or ["invalid YAML"])[0])


def anchor_problems(text: str | bytes, path: str, use_libyaml: bool = True) -> list[Problem]:
    """Every anchor (`&name`) and alias (`*name`) in a document, found in its
    event stream, before any node is composed or any alias expanded.

    Each is named with the field (mapping key) it sits under."""
    probe = ("&", "*") if isinstance(text, str) else (b"&", b"*")
    if probe[0] not in text and probe[1] not in text:
        return []  # the common case: no event stream needed
    loader = _LOADERS[use_libyaml](text)
    problems: list[Problem] = []
    seen: set[tuple[int, str, str]] = set()
    # One entry per open collection: [is a mapping, at a key, the current key]
    stack: list[list] = []
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                kind = "alias *" if isinstance(event, AliasEvent) else "anchor &"
                line = event.start_mark.line + 1
                if (line, kind, event.anchor) not in seen:  # once per line is enough
                    seen.add((line, kind, event.anchor))
                    message = (
                        f"anchors and aliases are not allowed ({kind}{event.anchor}); "
                        "write the value out in full"
                    )
                    problems.append(Problem(path, line, _field(stack), message))
            if isinstance(event, CollectionStartEvent):
                stack.append([isinstance(event, MappingStartEvent), True, None])
                continue
            if isinstance(event, CollectionEndEvent):
                if stack:
                    stack.pop()
                key = None
            elif isinstance(event, (ScalarEvent, AliasEvent)):
                key = event.value if isinstance(event, ScalarEvent) else None
            else:
                continue
            if stack and stack[-1][0]:  # a node ended inside a mapping
                entry = stack[-1]
                if entry[1]:
                    entry[1], entry[2] = False, key
                else:
                    entry[1], entry[2] = True, None
    except yaml.YAMLError as exc:
        if problems:  # else composing will say it
            problems.append(_yaml_problem(exc, text, path))
    finally:
        loader.dispose()
    return problems


def _field(stack: list[list]) -> str:
    """The innermost mapping key above the current node, for messages."""
    for is_mapping, at_key, key in reversed(stack):
        if is_mapping:
            return key if not at_key and isinstance(key, str) else "yaml"
    return "yaml"


def is_plain(node: ScalarNode) -> bool:
    """Unquoted (libyaml says '' where pure-Python PyYAML says None)."""
    return not node.style


def is_untagged(node: ScalarNode) -> bool:
    """Written plain and without a tag: `500`, not `!!str 500` or `"500"`."""
    return node.tag == UNTAGGED


_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def wide_encoding(data: bytes, path: str) -> Problem | None:
    """UTF-16 or UTF-32 (by byte order mark, else by a NUL byte): refused."""
    for bom in _WIDE_BOMS:
        if data.startswith(bom):
            name = "UTF-32" if len(bom) == 4 else "UTF-16"
            message = f"{name} (it starts with a {name} byte order mark); save the file as UTF-8"
            return Problem(path, 1, "file", message)
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        message = "a NUL byte: the file looks like UTF-16 or UTF-32; save it as UTF-8"
        return Problem(path, line, "file", message)
    return None


def parse_bytes(
    data: bytes, path: str, use_libyaml: bool = True
) -> tuple[Node | None, list[Problem]]:
    """Compose a file's bytes, or say every reason why not (anchors and
    aliases, an encoding other than UTF-8, a syntax error). libyaml reads
    UTF-8 itself, saving a decoded copy of the file; the pure-Python reader
    is given decoded text."""
    problem = wide_encoding(data, path)
    if problem is not None:
        return None, [problem]
    source: str | bytes = data
    fast = use_libyaml and HAVE_LIBYAML
    if not fast:
        text, problem = decode(data, path)
        if problem is not None:
            return None, [problem]
        source = text  # type: ignore[assignment]
    anchors = anchor_problems(source, path, fast)
    if anchors:
        return None, anchors
    root, problem = compose(source, path, fast)
    return root, [problem] if problem is not None else []


def node_line(node: Node) -> int:
    return node.start_mark.line + 1


def describe(node: Node) -> str:
    """A short description of a node, for messages about the wrong type."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if len(node.value) > 40:
        return repr(node.value[:37] + "...")
    return repr(node.value)
