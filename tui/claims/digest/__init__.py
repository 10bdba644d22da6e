"""What changed in the record since a git revision or date: the digest.

When the data directory is kept in git, `digest_since` loads the data as it
was at a revision (`history.py`) and compares it with the data as it is now,
in the working tree (so uncommitted edits count), and says what changed:
claims added, removed and edited; the **revisions** among the new claims (a
new statement by a claimant superseding its earlier figure for a quantity,
by how much); the **corrections of the record** (an existing claim whose
figure was edited: the record was wrong, the claimant said nothing new);
figures newly contested and those no longer contested; and new highs and
lows per quantity. `Digest.text()` words it for a terminal,
`Digest.markdown()` for a document; every item names the claim's id, its
claimant and its source and paragraph.

`changes.py` is the comparison (what changed, as frozen values),
`wording.py` its words; what the app remembers between openings is
`startup.py`'s.

No pandas at import: the app asks `head` before the data is loaded.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from ..history import (
    DigestError,
    Revision,
    commits_between,
    dataset_at,
    dataset_in,
    head,
    head_in,
    is_dirty,
    locate,
    resolve,
    resolve_in,
)
from .changes import (
    ClaimRef,
    Contested,
    Contradiction,
    Corrected,
    Digest,
    Edited,
    Extreme,
    FieldChange,
    Revised,
    Uncontested,
    compare,
)
from .wording import LIMIT, NOTHING, Line, Section

if TYPE_CHECKING:
    from ..load import Dataset


def digest_since(directory: str | os.PathLike[str], since: str, *, cache: bool = True,
                 current: Dataset | None = None) -> Digest:  # fmt: skip
    """What changed in the data directory from the commit `since` names
    (`resolve`) to its working tree as it is now, uncommitted edits included.
    `current`, if given, is the working tree already loaded (the app's).
    Raises DigestError (no repository, no such revision or date, the data at
    it cannot be loaded) or DataError (the working tree's data has problems)."""
    from ..load import load_dataset

    place = locate(directory)
    revision = resolve_in(place, since)
    new = current if current is not None else load_dataset(directory, cache=cache)
    old = dataset_in(place, revision)
    found = compare(old, new)
    return replace(found, since=revision, head=head_in(place),
                   commits=commits_between(place, revision),
                   dirty=is_dirty(directory))  # fmt: skip


__all__ = [
    "LIMIT", "NOTHING", "ClaimRef", "Contested", "Contradiction", "Corrected", "Digest",
    "DigestError", "Edited", "Extreme", "FieldChange", "Line", "Revised", "Revision", "Section",
    "Uncontested", "compare", "dataset_at", "digest_since", "head", "is_dirty", "resolve",
]  # fmt: skip
