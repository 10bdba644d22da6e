"""The claims model: schema, loading and validation, the pandas table, queries.

This package knows nothing of Textual; the dashboard only asks it. Its names
are imported on first use (PEP 562), so that importing a light module such as
`tui.claims.formatting` does not import pandas: the app paints its frame
before pandas is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .load import Dataset, claim_files, load_dataset
    from .problems import DataError, Problem

__all__ = ["DataError", "Dataset", "Problem", "claim_files", "load_dataset"]

_HOMES = {
    "Dataset": "load",
    "claim_files": "load",
    "load_dataset": "load",
    "DataError": "problems",
    "Problem": "problems",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
