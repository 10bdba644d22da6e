"""The parse cache, private to the user, so a second start parses nothing.

For each data directory it holds the finished tables of the last good load,
and for each claims file its key (path, size, modification time and content
hash, BLAKE2b) and the rows of the table that file gave. When every key still
matches, the tables are used as they are; otherwise only the files whose key
changed are parsed again, and the other files' rows are taken from the cache.
One pickle per directory costs less to write than one per file, which keeps
the cold load within its budget.

Entries are pickles in a directory only the user can read or write (0700),
written atomically (temporary file, then rename). Anything unreadable is a
miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from .schema import SCHEMA_VERSION

ENV_CACHE = "NOKO_TUI_CACHE_DIR"


def default_cache_dir() -> Path:
    """`$NOKO_TUI_CACHE_DIR`, else `$XDG_CACHE_HOME/noko-tui`, else `~/.cache/noko-tui`."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "noko-tui"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class Cache:
    """Get and put cache entries; a broken or foreign entry reads as a miss."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._ready = False

    def _dir(self, kind: str) -> Path:
        path = self.root / f"v{SCHEMA_VERSION}" / kind
        if not self._ready:
            for p in (self.root, self.root / f"v{SCHEMA_VERSION}"):
                p.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(p, 0o700)
            self._ready = True
        path.mkdir(mode=0o700, exist_ok=True)
        return path

    @staticmethod
    def _name(key: str) -> str:
        return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest() + ".pickle"

    def get(self, kind: str, name: str, key: Any) -> Any | None:
        try:
            path = self._dir(kind) / self._name(name)
            with open(path, "rb") as fh:
                stored_key, value = pickle.load(fh)
        except Exception:  # missing, truncated, from another version: a miss
            return None
        return value if stored_key == key else None

    def put(self, kind: str, name: str, key: Any, value: Any) -> None:
        try:
            directory = self._dir(kind)
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, directory / self._name(name))
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a cache that cannot be written only costs time
