"""Writing a file whole or not at all, leaving no temporary file behind.

The one way noko-tui writes files: exports and reports (`formats.py`), the
parse cache (`cache.py`, private, named by a checksum of what was written:
`write_named`), the state (`seen.py`, private) and the README's screenshot;
a trace log is appended to line by line (`append_line`).

`write_file` writes into a new file beside the target, flushes it to disk,
and only then gives it the target's name. Whatever happens meanwhile (a
full disk, `kill -9`), the target is the old file (or none) or the new one
complete, never a part, and an existing file is replaced only when asked,
even one that appears while the new one is written.

On Linux the new file is made with O_TMPFILE: it has no name while it is
written, so a process killed mid-write leaves nothing (the kernel frees the
file with the process), and a write that fails frees its space at once. It is
named by linkat(2) through /proc/self/fd, which fails if the name is taken;
to replace a file, it is linked to a temporary name and renamed over the
target, so a temporary name exists only between those two system calls,
once the file is complete (killed just then, the next write removes it, as
below).

Elsewhere (a filesystem without O_TMPFILE, such as NFS, vfat, CIFS or older
FUSE; no /proc; not Linux) the new file has a temporary name,
`.<target>.<8 hex digits>.noko-tmp`, made with O_EXCL and locked (flock) for
as long as it exists. A process killed mid-write leaves it behind, and the
next write into the same directory removes it: every such file of the user's
that no process holds locked and that has not changed for `STALE` seconds
(`sweep`). On a filesystem without hard links, a new file that must not
replace one is claimed with O_EXCL and filled by copying, and removed again
if the copy fails; only a process killed during that copy can leave a part of
a file under the target's name.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .private import is_users

#: The temporary names this module gives (and `sweep` removes).
SUFFIX = ".noko-tmp"
_TEMPORARY = re.compile(r"\..*\.[0-9a-f]{8}" + re.escape(SUFFIX), re.DOTALL)
#: Seconds a temporary file must be unchanged before `sweep` takes it for a
#: dead writer's (its lock says so too, where locks work).
STALE = 60.0
#: What opening with O_TMPFILE fails with where it is not supported.
_NO_TMPFILE = {errno.EOPNOTSUPP, errno.ENOTSUP, errno.EISDIR, errno.EINVAL, errno.ENOENT}
#: What linking it through /proc fails with where that is not allowed.
_NO_PROC_LINK = {errno.ENOENT, errno.EXDEV, errno.EPERM, errno.EACCES, errno.EOPNOTSUPP,
                 errno.EINVAL}  # fmt: skip

Data = bytes | Callable[[IO[bytes]], None]


def write_file(path: str | os.PathLike[str], data: Data, *, overwrite: bool = False,
               private: bool = False, sync: bool = True) -> Path:  # fmt: skip
    """Write `data` (bytes, or what writes them to a stream) to `path`
    whole or not at all. Without `overwrite` an existing file is never
    replaced, even one that appears meanwhile (FileExistsError). A
    `private` file is 0600 (as `mkstemp` makes them), any other 0666 less
    the umask. Without `sync` nothing is flushed to disk (for what is
    checked when read back, such as the cache: a power cut can then leave
    it damaged, never half-written by a crash). Returns the absolute path
    written."""
    target = Path(os.path.abspath(os.fspath(path)))
    if not overwrite and os.path.lexists(target):
        raise FileExistsError(f"{target} exists")
    return _write(target.parent, data, lambda: target.name, target.name,
                  overwrite=overwrite, private=private, sync=sync)  # fmt: skip


def write_named(directory: str | os.PathLike[str], data: Data, name: Callable[[], str], *,
                overwrite: bool = False, private: bool = False,
                sync: bool = True) -> Path:  # fmt: skip
    """As `write_file`, into `directory`, under the name `name()` gives
    once `data` is written (a name made of a checksum of what was written,
    say)."""
    return _write(Path(os.path.abspath(os.fspath(directory))), data, name, "new",
                  overwrite=overwrite, private=private, sync=sync)  # fmt: skip


def append_line(path: str | os.PathLike[str], line: str, *, mode: int = 0o600) -> None:
    """Append `line` and a newline to `path` (created with `mode` if
    missing, never through a symbolic link) in one write(2), which
    O_APPEND keeps whole even beside other writers of the same file."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, mode)
    try:
        os.write(fd, f"{line}\n".encode())
    finally:
        os.close(fd)


def _write(directory: Path, data: Data, name: Callable[[], str], hint: str, *,
           overwrite: bool, private: bool, sync: bool) -> Path:  # fmt: skip
    """Write `data` into `directory` and give it the name `name()`; `hint`
    begins a temporary name, where one is needed before the name is known."""
    if not directory.is_dir():
        raise FileNotFoundError(f"no such directory: {directory}")
    sweep(directory)
    mode = 0o600 if private else 0o666
    fd = _unnamed(directory)
    temporary = None
    try:
        if fd is not None and private:
            os.fchmod(fd, mode)  # nameless yet: no one else can have opened it
        if fd is None:
            fd, temporary = _named(directory / hint, mode)
        _fill(fd, data, sync=sync)
        target = directory / name()
        if temporary is None:
            linked = _link_unnamed(fd, target, overwrite=overwrite)
            if linked is None:  # /proc refused the link: name a copy instead
                copy, temporary = _named(target, mode)
                try:
                    _copy(fd, copy, sync=sync)
                finally:
                    os.close(fd)
                    fd = copy
            elif linked != target:
                temporary = linked  # to be renamed over the target
        if temporary is not None:
            _publish(fd, temporary, target, overwrite=overwrite, mode=mode, sync=sync)
    finally:
        if temporary is not None and os.path.lexists(temporary):
            os.unlink(temporary)
        if fd is not None:
            os.close(fd)  # last, so the lock lasts as long as the name
    if sync:
        _sync_directory(directory)
    return target


def sweep(directory: str | os.PathLike[str]) -> None:
    """Remove the temporary files dead writers left in `directory`: named
    like this module's, the user's, regular files, unchanged for `STALE`
    seconds and locked by no one. Never raises."""
    now = time.time()
    try:
        with os.scandir(directory) as entries:
            found = [entry.path for entry in entries if _TEMPORARY.fullmatch(entry.name)]
    except OSError:
        return
    for path in found:
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and is_users(info) and now - info.st_mtime >= STALE:
                _remove_unheld(path, info)


def _remove_unheld(path: str, info: os.stat_result) -> None:
    flags = os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # NFS locks need write
    fd = os.open(path, flags)
    try:
        if not _same(os.fstat(fd), info):
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # its writer is alive
        except OSError:
            pass  # no locks on this filesystem: its age has to do
        if _same(os.lstat(path), info):
            os.unlink(path)
    finally:
        os.close(fd)


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _unnamed(directory: Path) -> int | None:
    """A new file without a name in `directory` (O_TMPFILE), or None where
    that is not supported or cannot be named later."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        # The umask applies, as to any new file (mkstemp's would be 0600).
        return os.open(directory, flag | os.O_RDWR | os.O_CLOEXEC, 0o666)
    except OSError as error:
        if error.errno in _NO_TMPFILE:
            return None
        raise


def _temporary_name(target: Path) -> Path:
    name = os.fsdecode(os.fsencode(target.name)[:200])  # room for the rest in NAME_MAX
    return target.with_name(f".{name}.{secrets.token_hex(4)}{SUFFIX}")


def _named(target: Path, mode: int = 0o666) -> tuple[int, Path]:
    """A new file with a temporary name beside `target`, locked."""
    for _ in range(100):
        temporary = _temporary_name(target)
        try:
            fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
        except FileExistsError:
            continue
        with contextlib.suppress(OSError):  # no locks here: `STALE` protects it
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd, temporary
    raise FileExistsError(f"no temporary name free beside {target}")


def _fill(fd: int, data: Data, *, sync: bool = True) -> None:
    """Write `data` to `fd` and flush it (to disk too, with `sync`)."""
    with os.fdopen(fd, "wb", closefd=False) as handle:
        if callable(data):
            data(handle)
        else:
            handle.write(data)
        handle.flush()
    if sync:
        os.fsync(fd)


def _link_unnamed(fd: int, target: Path, *, overwrite: bool) -> Path | None:
    """Name the O_TMPFILE file `fd`: `target` itself (FileExistsError if it
    is taken), or with `overwrite` a temporary name to rename over it. The
    name given, or None if the link through /proc is refused."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for _ in range(100):
            name = _temporary_name(target) if overwrite else target
            try:
                # src_dir_fd makes os.link call linkat, which can follow the link.
                os.link(str(fd), name, src_dir_fd=proc, follow_symlinks=True)
                return name
            except FileExistsError:
                if not overwrite:
                    raise
            except OSError as error:
                if error.errno in _NO_PROC_LINK:
                    return None
                raise
        raise FileExistsError(f"no temporary name free beside {target}")
    finally:
        os.close(proc)


def _publish(fd: int, temporary: Path, target: Path, *, overwrite: bool, mode: int,
             sync: bool) -> None:  # fmt: skip
    """Give the finished file `temporary` (open as `fd`) the name `target`."""
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # fails if the name was taken meanwhile
    except FileExistsError:
        raise
    except OSError:  # no hard links here: claim the name, then fill it
        _write_exclusive(target, fd, mode, sync=sync)


def _write_exclusive(target: Path, fd: int, mode: int, *, sync: bool) -> None:
    """Copy the finished file `fd` to `target`, a name nobody holds yet;
    what was copied is removed if the copy fails."""
    out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    try:
        _copy(fd, out, sync=sync)
    except BaseException:
        with contextlib.suppress(OSError):
            if _same(os.fstat(out), os.lstat(target)):
                os.unlink(target)
        raise
    finally:
        os.close(out)


def _copy(source: int, destination: int, *, sync: bool = True) -> None:
    """The whole of the file `source` into `destination` (flushed to disk
    with `sync`)."""
    os.lseek(source, 0, os.SEEK_SET)
    with os.fdopen(destination, "wb", closefd=False) as handle:
        while chunk := os.read(source, 1 << 20):
            handle.write(chunk)
    if sync:
        os.fsync(destination)


def _sync_directory(directory: Path) -> None:
    """Flush the directory's new entry to disk too, where that is possible."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


__all__ = ["STALE", "SUFFIX", "append_line", "sweep", "write_file", "write_named"]
