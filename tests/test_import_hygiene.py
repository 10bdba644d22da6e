"""The model layer knows nothing of Textual; the app paints before pandas loads."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def imported_after(code: str) -> set[str]:
    script = f"import sys; {code}; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_the_model_layer_does_not_import_textual() -> None:
    modules = imported_after(
        "import tui.claims.load, tui.claims.filters, tui.claims.charts, tui.claims.queries, "
        "tui.claims.formatting"
    )
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}
    assert "pandas" in modules


def test_the_app_module_does_not_import_pandas_or_plotext() -> None:
    modules = imported_after("import tui.app, tui.cli")
    assert "textual" in modules
    assert not {m for m in modules if m.split(".")[0] in ("pandas", "numpy", "pyarrow", "plotext")}
