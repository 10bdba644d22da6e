"""Files are written one way: through `tui/claims/atomic.py` (whole or not
at all, private where asked), never with a module's own open-and-rename."""

from __future__ import annotations

import ast

from conftest import ROOT

#: Calls that write a file, by the name they are called under.
WRITERS = {"write_bytes", "write_text", "replace", "rename", "mkstemp", "NamedTemporaryFile",
           "save_screenshot"}  # fmt: skip
#: Writers not yet moved to atomic.py (none: the screenshot action and the
#: NOKO_TUI_TRACE log write through it too).
PENDING: set[str] = set()


def _writes(tree: ast.AST) -> list[int]:
    """The lines of `tree` that write a file other than through atomic.py."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "open" and isinstance(func, ast.Name):
            mode = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "mode"), None)  # fmt: skip
            if isinstance(mode, ast.Constant) and set(str(mode.value)) & set("wax+"):
                found.append(node.lineno)
        elif name in WRITERS and isinstance(func, ast.Attribute):
            owner = func.value
            if name in ("replace", "rename") and not (isinstance(owner, ast.Name)
                                                      and owner.id == "os"):  # fmt: skip
                continue  # str.replace, not a file
            found.append(node.lineno)
    return found


def test_only_atomic_py_writes_files() -> None:
    offenders = {}
    for path in sorted([*(ROOT / "tui").rglob("*.py"), ROOT / "docs" / "screenshot.py"]):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "tui/claims/atomic.py":
            continue
        lines = _writes(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            offenders[rel] = lines
    assert set(offenders) <= PENDING, offenders
