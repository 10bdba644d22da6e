"""What the chart view-models read from the claims table: which claims carry
a number, numbers as floats, open bounds, the `contested` flags and a
column's category codes.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..schema import LOWER_BOUND_QUALIFIERS, UPPER_BOUND_QUALIFIERS


def numbered(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that carry a number."""
    return claims[claims["value"].notna() | claims["low"].notna() | claims["high"].notna()]


def as_float(value: object) -> float | None:
    """A number as a finite float; None for a missing or infinite one."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None


def bound_of(qualifier: str) -> str | None:
    """"lower" or "upper" for a qualifier that makes the figure an open bound."""
    if qualifier in LOWER_BOUND_QUALIFIERS:
        return "lower"
    if qualifier in UPPER_BOUND_QUALIFIERS:
        return "upper"
    return None


def has_number(claims: pd.DataFrame, at: np.ndarray | None = None) -> np.ndarray:
    """Which claims carry a number (of those at positions `at`, if given):
    `best` is the value, else a bound, so it is missing exactly when all are."""
    names = ("best",) if "best" in claims else ("value", "low", "high")
    out = np.zeros(len(claims) if at is None else len(at), dtype=bool)
    for name in names:
        values = claims[name].array
        out |= ~np.asarray(pd.isna(values if at is None else values.take(at)))
    return out


def category_codes(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, list]:
    """(codes, categories) of a column, made categorical if it is not."""
    column = frame[name]
    if not isinstance(column.dtype, pd.CategoricalDtype):  # a frame built by hand
        column = column.astype("category")
    return np.asarray(column.array.codes), list(column.cat.categories)


def contested_flags(frame: pd.DataFrame) -> np.ndarray:
    """The `contested` flags where the claims were annotated, else none."""
    if "contested" in frame:
        return frame["contested"].to_numpy(dtype=bool)
    return np.zeros(len(frame), dtype=bool)
