"""Where the embedded data and the stylesheet are, installed or in a checkout.

A wheel carries them inside the package (`tui/_data`, `tui/styles.tcss`); a
checkout has them at the repository root.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA = "NOKO_TUI_DATA"
#: How the copy of the data inside the package is named to the user.
EMBEDDED = "the embedded data"
_PACKAGE = Path(__file__).resolve().parent


def embedded_data_dir() -> Path:
    inside = _PACKAGE / "_data"
    return inside if inside.is_dir() else _PACKAGE.parent / "data"


def stylesheet() -> Path:
    inside = _PACKAGE / "styles.tcss"
    return inside if inside.is_file() else _PACKAGE.parent / "styles.tcss"


def data_dir(option: str | None) -> tuple[str, str]:
    """The data directory and where it came from: `--data` (or the `check`
    argument), else `$NOKO_TUI_DATA`, else `./data` when the current directory
    holds one (recognised by its `sources.yaml`), else the embedded data."""
    if option:
        return option, "given"
    if os.environ.get(ENV_DATA):
        return os.environ[ENV_DATA], f"${ENV_DATA}"
    if Path("data", "sources.yaml").is_file():
        return "data", "./data in the current directory"
    return str(embedded_data_dir()), EMBEDDED
