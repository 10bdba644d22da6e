"""Which git revision of a data directory the dashboard last showed.

The app's "what changed" view starts, by default, from the revision seen when
the app was last opened on the same data directory. That is kept in one small
JSON file, `seen.json`, under `$NOKO_TUI_STATE_DIR`, else
`$XDG_STATE_HOME/noko-tui`, else `$HOME/.local/state/noko-tui`, keyed by the
data directory's absolute real path. Without a usable home nothing is kept.

State is a convenience, never a reason to fail: a missing, unreadable or
corrupt file reads as empty, and a file that cannot be written is left as it
was. It is replaced atomically (`atomic.py`, a private file named once it
is whole), so a crash or a second app never leaves half a file. No pandas here: the app reads it before the data is loaded.

It is trusted only as far as the parse cache is (`private.py`): a state
directory owned by another user or writable by group or others is neither
read nor written, and `seen.json` is read only if it is a regular file, not a
symbolic link, owned by the user and writable by no one else; otherwise the
state reads as empty, silently (the app works without it).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from pathlib import Path

from .atomic import write_file
from .private import check_chain, read_file, user_dir

ENV_STATE = "NOKO_TUI_STATE_DIR"
FILE = "seen.json"
#: The file's layout; another version reads as empty.
VERSION = 1
#: Directories remembered at most; the ones seen longest ago are forgotten first.
MOST = 200
#: Bytes read at most: the file holds a few hundred short entries.
MAX_BYTES = 1 << 20

#: A full commit hash (SHA-1 or SHA-256); anything else is not remembered or
#: returned, so a damaged file can never hand git an option or an expression.
_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def state_dir() -> Path | None:
    """`$NOKO_TUI_STATE_DIR`, else `$XDG_STATE_HOME/noko-tui`, else
    `$HOME/.local/state/noko-tui`; None without a usable home."""
    return user_dir(ENV_STATE, "XDG_STATE_HOME", ".local", "state")


def _key(directory: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.path.abspath(os.fspath(directory)))


def _read(path: Path) -> dict[str, dict[str, str]]:
    """The entries of the state file; {} when it is missing, unreadable or not ours."""
    try:
        data = read_file(path, MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return {}
        found = json.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    if not isinstance(found, dict) or found.get("version") != VERSION:
        return {}
    entries = found.get("directories")
    if not isinstance(entries, dict):
        return {}
    return {
        key: {"revision": entry["revision"], "seen": str(entry.get("seen", ""))}
        for key, entry in entries.items()
        if isinstance(key, str) and isinstance(entry, dict)
        and isinstance(entry.get("revision"), str) and _HASH.fullmatch(entry["revision"])
    }  # fmt: skip


def _private_state_dir(*, create: bool) -> Path | None:
    """The state directory, if it is the user's alone (made 0700 when
    `create` and missing); None otherwise."""
    where = state_dir()
    if where is None:
        return None
    try:
        if check_chain([where], create=create) is not None:
            return None
    except OSError:
        return None
    return where


def last_seen(directory: str | os.PathLike[str]) -> str | None:
    """The full hash of the revision last remembered for `directory`, or None."""
    where = _private_state_dir(create=False)
    if where is None:
        return None
    entry = _read(where / FILE).get(_key(directory))
    return entry["revision"] if entry else None


def remember(directory: str | os.PathLike[str], revision_hash: str) -> None:
    """Remember `revision_hash` (a full commit hash) as seen for `directory`.
    Anything else, or a state directory that cannot be written, is ignored."""
    if not isinstance(revision_hash, str):
        return
    revision_hash = revision_hash.strip().lower()
    if not _HASH.fullmatch(revision_hash):
        return
    where = _private_state_dir(create=True)
    if where is None:
        return
    path = where / FILE
    entries = _read(path)
    now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    entries.pop(_key(directory), None)
    entries[_key(directory)] = {"revision": revision_hash, "seen": now}
    if len(entries) > MOST:  # keep the most recently seen
        kept = sorted(entries.items(), key=lambda item: item[1]["seen"])[-MOST:]
        entries = dict(kept)
    data = json.dumps({"version": VERSION, "directories": entries}, indent=1, sort_keys=True)
    _write(path, data.encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically; on any failure leave it as it was."""
    try:
        write_file(path, data, overwrite=True, private=True)
    except OSError:
        pass


__all__ = ["ENV_STATE", "last_seen", "remember", "state_dir"]
