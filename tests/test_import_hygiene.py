"""The model layer knows nothing of Textual; the app paints before pandas loads."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

from conftest import ROOT


def imported_after(code: str) -> set[str]:
    script = f"import sys; {code}; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


#: Run in a fresh interpreter where textual and rich cannot be imported: each
#: module named on stdin is imported, and what failed (and why) is printed,
#: then every module loaded.
_WITHOUT_UI = """
import importlib, json, sys

class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("textual", "rich"):
            raise ImportError(f"the model imported {name}")
        return None

sys.meta_path.insert(0, Blocked())
failed = {}
for name in sys.stdin.read().split():
    try:
        importlib.import_module(name)
    except Exception as error:
        failed[name] = f"{type(error).__name__}: {error}"
print(json.dumps({"failed": failed, "modules": sorted(sys.modules)}))
"""


def model_modules() -> list[str]:
    """Every module of tui/claims/, subpackages included."""
    import tui.claims

    found = ["tui.claims"]
    for info in pkgutil.walk_packages(tui.claims.__path__, "tui.claims."):
        found.append(info.name)
    return found


def test_every_model_module_is_found() -> None:
    """The walk misses no file of tui/claims/ (so the test below sees them all)."""
    package = ROOT / "tui" / "claims"
    files = {".".join(("tui", "claims", *p.relative_to(package).with_suffix("").parts))
             .removesuffix(".__init__") for p in package.rglob("*.py")}  # fmt: skip
    assert files == set(model_modules())
    assert len(files) > 30


def test_the_model_layer_does_not_import_textual() -> None:
    """Every model module imports without textual or rich, and loads neither."""
    names = model_modules()
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_UI], cwd=ROOT, input=" ".join(names),
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = json.loads(result.stdout)
    assert found["failed"] == {}
    modules = set(found["modules"])
    assert set(names) <= modules
    assert not {m for m in modules if m.split(".")[0] in ("textual", "rich")}
    assert "pandas" in modules


def test_the_app_module_does_not_import_pandas_or_plotext() -> None:
    modules = imported_after("import tui.app, tui.cli")
    assert "textual" in modules
    assert not {m for m in modules if m.split(".")[0] in ("pandas", "numpy", "pyarrow", "plotext")}
