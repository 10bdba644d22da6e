"""Reading YAML into nodes that keep their line numbers.

The loader composes the node tree (in C with libyaml when it is there) but
skips PyYAML's generic constructor and its implicit-type resolver: every scalar
stays a string, and `records.py` converts each field to the type the schema
says, with the line of the node at hand. That is both faster than
`yaml.load` and the only way to name the line of every bad value.

Anchors and aliases are refused before anything is composed: hand-written
data needs none, and a few hundred bytes of nested aliases can stand for
gigabytes once something walks the tree. Tags (`!foo`, `!!binary`,
`!!timestamp`, `!!str`, the bare `!`) are refused too, wherever they are:
nothing here gives them a meaning, and a value read as if its tag were not
there is not the value its writer meant. Both are found in the event stream,
which is read only when the bytes could hold one (`_may_hold_tags`), so
plain data is composed once, as fast as before. Files that are not UTF-8
(UTF-16, UTF-32, which libyaml would otherwise decode silently) are refused
too; a UTF-8 byte order mark is allowed.
"""

from __future__ import annotations

import codecs
import re

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
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


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


# A tag is a token, and a token starts at the start of the stream, after
# blanks or a line break (\r, \n, NEL, LS, PS; a BOM may lead a line), or
# right after an indicator (`-`, `?`, `:`, `,`, `[`, `{`). A `!` anywhere
# else is inside a scalar ("Wow!", "a !b"). These patterns match every
# possible tag (and some `!` that are not: those cost a second reading);
# in bytes, a multi-byte break or BOM is matched by its last byte. A tag
# after an anchor (`&a !t`) is found because an anchor is looked for anyway.
_MAYBE_TAG_BYTES = re.compile(rb"(?:\A|[\r\n\x85\xa8\xa9\xbf\[{,:?-])[ \t]*!")
_MAYBE_TAG_TEXT = re.compile(r"(?:\A|[\r\n\x85\u2028\u2029\ufeff\[{,:?-])[ \t]*!")


def _may_hold_tags(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        return b"!" in text and _MAYBE_TAG_BYTES.search(text) is not None
    return "!" in text and _MAYBE_TAG_TEXT.search(text) is not None


def _may_hold_anchors(text: str | bytes) -> bool:
    probe = ("&", "*") if isinstance(text, str) else (b"&", b"*")
    return probe[0] in text or probe[1] in text


def _written_tag(tag: str) -> str:
    """A resolved tag as it was most likely written, short enough for a message."""
    if tag.startswith(_YAML_TAG_PREFIX):
        tag = "!!" + tag[len(_YAML_TAG_PREFIX) :]
    elif not tag.startswith("!"):
        tag = f"!<{tag}>"
    return tag if len(tag) <= 40 else tag[:37] + "..."


def refused_constructs(
    text: str | bytes, path: str, use_libyaml: bool = True
) -> tuple[list[Problem], list[Problem]]:
    """Every anchor (`&name`) and alias (`*name`), and every tag (`!foo`,
    `!!str`, `!`), found in the document's event stream before any node is
    composed or any alias expanded: (anchors and aliases, tags).

    Each is named with the field (mapping key) it sits under; a tag on a
    field name, with that name. A syntax error met on the way is added to
    the anchors when there are some (the file is not composed then)."""
    anchors_possible = _may_hold_anchors(text)
    if not anchors_possible and not _may_hold_tags(text):
        return [], []  # the common case: no event stream needed
    loader = _LOADERS[use_libyaml](text)
    anchors: list[Problem] = []
    tags: list[Problem] = []
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
                    anchors.append(Problem(path, line, _field(stack), message))
            tag = getattr(event, "tag", None)
            if tag is not None:
                written = _written_tag(tag)
                line = event.start_mark.line + 1
                if (line, "tag", written) not in seen:
                    seen.add((line, "tag", written))
                    at_key = bool(stack) and stack[-1][0] and stack[-1][1]
                    name = event.value if at_key and isinstance(event, ScalarEvent) else None
                    message = f"YAML tags are not allowed ({written}); write the value without it"
                    tags.append(Problem(path, line, name or _field(stack), message))
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
        if anchors:  # else composing will say it
            anchors.append(_yaml_problem(exc, text, path))
    finally:
        loader.dispose()
    return anchors, tags


def anchor_problems(text: str | bytes, path: str, use_libyaml: bool = True) -> list[Problem]:
    """Every anchor and alias of a document, and every tag (see `refused_constructs`)."""
    anchors, tags = refused_constructs(text, path, use_libyaml)
    return anchors + tags


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
    is given decoded text.

    Tags do not stop the file: its root comes back with a problem for each
    (and any syntax error), so that the rest of the file is still checked;
    a file with problems never loads, so nothing is read with a tag ignored.
    Callers read on whenever the root is not None."""
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
    anchors, tags = refused_constructs(source, path, fast)
    if anchors:
        return None, anchors + tags
    root, problem = compose(source, path, fast)
    return root, tags + ([problem] if problem is not None else [])


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
