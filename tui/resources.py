"""Where the embedded data and the stylesheet are, installed or in a checkout.

A wheel carries them inside the package (`tui/_data`, `tui/styles.tcss`); a
checkout has them at the repository root.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA = "NOKO_TUI_DATA"
_PACKAGE = Path(__file__).resolve().parent


def embedded_data_dir() -> Path:
    inside = _PACKAGE / "_data"
    return inside if inside.is_dir() else _PACKAGE.parent / "data"


def stylesheet() -> Path:
    inside = _PACKAGE / "styles.tcss"
    return inside if inside.is_file() else _PACKAGE.parent / "styles.tcss"


def data_dir(option: str | None) -> str:
    """The data directory: `--data`, else `$NOKO_TUI_DATA`, else the embedded data."""
    return option or os.environ.get(ENV_DATA) or str(embedded_data_dir())
