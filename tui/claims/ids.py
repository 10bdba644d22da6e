"""Finding claims by id: one hash index per table, built once.

`claims[claims["id"] == claim_id]` compares every id on each lookup. Here a
frame's id column becomes a pandas Index (whose hash table pandas builds on
the first lookup and keeps) the first time the frame is asked, and is kept
as long as the frame lives. Any frame with an `id` column will do: the whole
table (`Dataset.claim`), a record on a date, a filtered view, a pane's rows.
Ids are unique in the claims table; elsewhere every row of an id is found,
in the frame's order. Frames are never changed in place here; one whose id
column is replaced is indexed again.
"""

from __future__ import annotations

import threading
import weakref

import numpy as np
import pandas as pd

#: id(frame) -> (the id column's values when indexed, their index).
_INDEXES: dict[int, tuple[object, pd.Index]] = {}
_LOCK = threading.Lock()
_NONE = np.zeros(0, dtype=np.intp)


def _index(frame: pd.DataFrame) -> pd.Index:
    """The index of `frame`'s ids, built once per frame (again if its id
    column was replaced)."""
    values = frame["id"]._values
    # A NumPy column comes as a new view of its block each time: its base is
    # what stays the same while the column does.
    held = values.base if isinstance(values, np.ndarray) and values.base is not None else values
    key = id(frame)
    kept = _INDEXES.get(key)
    if kept is not None and kept[0] is held and len(kept[1]) == len(values):
        return kept[1]
    index = pd.Index(values, copy=False)
    with _LOCK:
        if key not in _INDEXES:
            weakref.finalize(frame, _INDEXES.pop, key, None)
        _INDEXES[key] = (held, index)
    return index


def positions(frame: pd.DataFrame, claim_id: object) -> np.ndarray:
    """The positions (ascending) of the rows of `frame` whose id is `claim_id`."""
    index = _index(frame)
    try:
        found = index.get_loc(claim_id)
    except (KeyError, TypeError, pd.errors.InvalidIndexError):
        return _NONE
    if isinstance(found, slice):
        return np.arange(len(index), dtype=np.intp)[found]
    if isinstance(found, np.ndarray):
        return np.flatnonzero(found)
    return np.array([found], dtype=np.intp)


def row(frame: pd.DataFrame, claim_id: object) -> pd.Series | None:
    """The (first) row of `frame` with id `claim_id`, or None."""
    found = positions(frame, claim_id)
    return frame.iloc[found[0]] if len(found) else None


def rows(frame: pd.DataFrame, claim_id: object) -> pd.DataFrame:
    """The rows of `frame` with id `claim_id` (none: an empty frame)."""
    return frame.iloc[positions(frame, claim_id)]


__all__ = ["positions", "row", "rows"]
