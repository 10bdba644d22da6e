"""What the app remembers between openings of a data directory: the git
revision seen last time, so its "what changed" view starts from there.

No pandas at import: the app asks this before the data is loaded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .history import Revision, head


@dataclass(frozen=True)
class Opened:
    """What the app needs at its start for its "what changed" view."""

    #: HEAD now; None when the data directory is not in a git repository
    #: (or git is missing, or there is no commit yet): then there is no view.
    head: Revision | None
    #: The full hash remembered when the app was last opened on this data
    #: directory; None the first time.
    previous: str | None

    @property
    def since(self) -> str | None:
        """What to give `digest_since`: the revision seen last time, else
        HEAD (so a first opening shows the uncommitted changes); None without git."""
        if self.head is None:
            return None
        return self.previous or self.head.hash


def opened(directory: str | os.PathLike[str], *, remember: bool = True) -> Opened:
    """At the app's start: HEAD and the revision seen at the last opening;
    HEAD is then remembered for the next one (`seen.py`). Never raises."""
    from . import seen

    now = head(directory)
    previous = seen.last_seen(directory)
    if remember and now is not None:
        seen.remember(directory, now.hash)
    return Opened(now, previous)
