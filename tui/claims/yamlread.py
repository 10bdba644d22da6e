"""Reading YAML into nodes that keep their line numbers.

The loader composes the node tree (in C with libyaml when it is there) but
skips PyYAML's generic constructor and its implicit-type resolver: every scalar
stays a string, and `records.py` converts each field to the type the schema
says, with the line of the node at hand. That is both faster than
`yaml.load` and the only way to name the line of every bad value.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

HAVE_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))

_TAGS = {
    ScalarNode: "tag:yaml.org,2002:str",
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}


def _resolve(self: object, kind: type, value: object, implicit: object) -> str:
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
    """
    loader = _LOADERS[use_libyaml](text)
    try:
        return loader.get_single_node(), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = f" at column {mark.column + 1}" if mark is not None else ""
        what = exc.problem or exc.context or "invalid YAML"
        context = ""
        if exc.context and exc.problem:
            where = exc.context_mark
            started = f" started at line {where.line + 1}" if where is not None else ""
            context = f", {exc.context}{started}"
        return None, Problem(path, line, "yaml", f"{what}{column}{context}")
    except yaml.reader.ReaderError as exc:  # bytes that are not UTF-8, control characters
        text_bytes = text if isinstance(text, bytes) else text.encode("utf-8", "replace")
        _, problem = decode(text_bytes, path)
        if problem is not None:
            return None, problem
        line = text_bytes.count(b"\n", 0, exc.position) + 1
        return None, Problem(path, line, "file", f"{exc.reason} ({exc.character!r})")
    except yaml.YAMLError as exc:  # other errors carry a position, not a mark
        line = text.count("\n", 0, getattr(exc, "position", 0)) + 1
        return None, Problem(path, line, "yaml", str(exc).splitlines()[0])
    finally:
        loader.dispose()


def is_plain(node: ScalarNode) -> bool:
    """Unquoted (libyaml says '' where pure-Python PyYAML says None)."""
    return not node.style


def parse_bytes(
    data: bytes, path: str, use_libyaml: bool = True
) -> tuple[Node | None, Problem | None]:
    """Compose a file's bytes. libyaml reads UTF-8 itself, saving a decoded
    copy of the file; the pure-Python reader is given decoded text."""
    if use_libyaml and HAVE_LIBYAML:
        return compose(data, path, True)
    text, problem = decode(data, path)
    if problem is not None:
        return None, problem
    return compose(text, path, False)


def node_line(node: Node) -> int:
    return node.start_mark.line + 1


def describe(node: Node) -> str:
    """A short description of a node, for messages about the wrong type."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return repr(node.value) if len(node.value) <= 40 else repr(node.value[:37] + "...")
