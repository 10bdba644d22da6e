"""The app's own directories (the parse cache, the state), used only while private.

What noko-tui reads back from its own directories steers it: a cache entry
becomes the table on screen, `seen.json` picks the revision the digest starts
from. So a directory is used only if every existing directory on its path,
from the root the user named down, is owned by the user and writable by no one
else (as ssh checks `~/.ssh`), and a file is read only if it is a regular file
(never through a symbolic link), owned by the user and writable by no one
else. A refused directory is never written to, and never chmod-ed: a
directory noko-tui did not create keeps its mode. Those it creates are 0700.

No pandas here: the state is read before the data is loaded.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path


class NotPrivate(OSError):
    """A file that is not the user's alone: read as if it were missing."""


def user_dir(override: str, xdg: str, *under_home: str) -> Path | None:
    """`$override`, else `$xdg/noko-tui`, else `$HOME/<under_home>/noko-tui`;
    None without a usable home. A relative `$xdg` is ignored, as the XDG spec
    requires, and so is a `HOME` that is unset or relative."""
    if os.environ.get(override):
        return Path(os.path.abspath(os.environ[override]))
    base = os.environ.get(xdg, "")
    if os.path.isabs(base):
        return Path(base) / "noko-tui"
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home).joinpath(*under_home, "noko-tui")
    return None


def is_users(info: os.stat_result) -> bool:
    """Whether what `info` describes is owned by the user noko-tui runs as."""
    return info.st_uid == os.geteuid()


def _not_ours(path: Path | str, info: os.stat_result) -> str | None:
    if not is_users(info):
        return f"{path} is owned by another user"
    writers = [who for who, bit in (("group", 0o020), ("others", 0o002)) if info.st_mode & bit]
    if writers:
        return f"{path} is writable by {' and '.join(writers)}"
    return None


def refusal(path: Path, *, follow: bool) -> str | None:
    """Why `path` (an existing directory) must not be used, if it must not.
    With `follow`, `path` may be a symbolic link, if the user's (or root's)."""
    if follow:
        link = os.lstat(path)
        if stat.S_ISLNK(link.st_mode) and link.st_uid not in (os.geteuid(), 0):
            return f"{path} is a symbolic link owned by another user"
    info = os.stat(path) if follow else os.lstat(path)
    if not stat.S_ISDIR(info.st_mode):
        return f"{path} is not a directory"
    return _not_ours(path, info)


def check_chain(chain: Sequence[Path], *, create: bool) -> str | None:
    """Check each existing directory of `chain` (a root, then each directory
    below it), creating the missing ones (0700) when `create`; the reason to
    refuse, or None. The root may be a symbolic link the user made; below it,
    none may be."""
    for i, path in enumerate(chain):
        if not os.path.lexists(path):
            if not create:
                return None  # nothing below it exists either
            make_dirs(path)
        reason = refusal(path, follow=i == 0)
        if reason:
            return reason
    return None


def make_dirs(path: Path) -> None:
    """Create `path` and any missing parents, each 0700 (never chmod: an
    existing directory keeps its mode, and is checked instead)."""
    if not os.path.lexists(path.parent) and path.parent != path:
        make_dirs(path.parent)
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass


def open_file(path: Path | str) -> int:
    """A read-only descriptor of `path`, if it is a regular file owned by the
    user and writable by no one else, never opened through a symbolic link;
    otherwise `NotPrivate` (or the OSError of opening it)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))  # a planted FIFO must not block
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotPrivate(f"{path}: not a regular file")
        reason = _not_ours(path, info)
        if reason:
            raise NotPrivate(reason)
        return fd  # O_NONBLOCK does nothing to a regular file
    except BaseException:
        os.close(fd)
        raise


def read_file(path: Path | str, limit: int = -1) -> bytes:
    """The bytes of a private file (`open_file`), at most `limit` of them."""
    with os.fdopen(open_file(path), "rb") as handle:
        return handle.read(limit)


__all__ = ["NotPrivate", "check_chain", "is_users", "make_dirs", "open_file", "read_file",
           "refusal", "user_dir"]  # fmt: skip
