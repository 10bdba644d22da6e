"""An export killed mid-write, or writing to a full disk, leaves the old file
whole (or none) and no temporary file (`tui/claims/atomic.py`).

`noko-tui export -o FILE` of a generated data set runs as a subprocess; it is
stopped (SIGSTOP) as soon as its new file holds some bytes, looked at, and
killed with SIGKILL. The full disk is a small tmpfs, mounted for the test (as
root; the tests skip where mounting is not permitted).
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from tui.claims import atomic, formats

CLAIMS = 10_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A generated data directory and the environment that exports it from a
    warm parse cache (so that each export is quick)."""
    where = tmp_path_factory.mktemp("generated")
    data = where / "data"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(data),
                    "--claims", str(CLAIMS)], check=True, capture_output=True)  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NOKO_TUI_CACHE_DIR": str(where / "cache")}
    warm = subprocess.run([sys.executable, "-m", "tui", "check", str(data)], env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert warm.returncode == 0, warm.stderr
    return data, env


#: Runs the command line with O_TMPFILE unavailable, as on NFS or vfat.
WITHOUT_TMPFILE = ("import sys, tui.claims.atomic as a; a._unnamed = lambda directory: None; "
                   "from tui.cli import main; sys.exit(main(sys.argv[1:]))")  # fmt: skip


def export(generated: tuple[Path, dict[str, str]], out: Path, *extra: str,
           tmpfile: bool = True) -> subprocess.Popen:  # fmt: skip
    data, env = generated
    start = ["-m", "tui"] if tmpfile else ["-c", WITHOUT_TMPFILE]
    return subprocess.Popen([sys.executable, *start, "export", "--data", str(data), "-o",
                             str(out), *extra], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


def new_file_size(pid: int, directory: Path) -> int:
    """The size of the file `pid` is writing in `directory` (named or not), or 0."""
    fds = Path(f"/proc/{pid}/fd")
    for fd in os.listdir(fds):
        try:
            if os.readlink(fds / fd).startswith(f"{directory}/"):
                return os.stat(fds / fd).st_size
        except OSError:
            continue
    return 0


def kill_mid_write(child: subprocess.Popen, directory: Path) -> int:
    """Stop `child` once its new file has bytes in it, then kill it (-9);
    the bytes it had written."""
    deadline = time.monotonic() + 60
    while not (size := new_file_size(child.pid, directory)):
        if child.poll() is not None:
            pytest.fail(f"the export ended before it was killed: {child.stderr.read()}")
        assert time.monotonic() < deadline, "the export never started writing"
        time.sleep(0.001)
    child.send_signal(signal.SIGSTOP)
    size = new_file_size(child.pid, directory) or size
    child.kill()
    child.wait(30)
    assert child.returncode == -signal.SIGKILL
    return size


def complete(path: Path) -> bool:
    frame = formats.read_csv(path)
    return len(frame) == CLAIMS and frame["id"].is_unique


@pytest.mark.parametrize("replacing", [False, True], ids=["new", "force"])
def test_kill_9_mid_export_leaves_the_old_file_or_none_and_nothing_else(
    generated: tuple[Path, dict[str, str]], tmp_path: Path, replacing: bool
) -> None:
    """The new file has no name while it is written (O_TMPFILE): killed,
    nothing of it is left; the old file is as it was."""
    out = tmp_path / "out.csv"
    if replacing:
        out.write_bytes(b"id\nold\n")
    written = kill_mid_write(export(generated, out, *(["--force"] if replacing else [])),
                             tmp_path)  # fmt: skip
    assert written > 0
    assert sorted(os.listdir(tmp_path)) == (["out.csv"] if replacing else [])
    if replacing:
        assert out.read_bytes() == b"id\nold\n"


def test_kill_9_without_o_tmpfile_leaves_a_temporary_the_next_export_removes(
    generated: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """Where O_TMPFILE is not available the temporary file has a name, and a
    killed export leaves it; the next export into the directory removes it
    once it is stale (unchanged for a minute, its writer's lock gone)."""
    out = tmp_path / "out.csv"
    out.write_bytes(b"id\nold\n")
    kill_mid_write(export(generated, out, "--force", tmpfile=False), tmp_path)
    (left,) = (p for p in tmp_path.iterdir() if p != out)
    assert left.name.startswith(".out.csv.") and left.name.endswith(atomic.SUFFIX)
    assert out.read_bytes() == b"id\nold\n"

    an_hour_ago = time.time() - 3600  # (a fresh one is left alone: see the next test)
    os.utime(left, (an_hour_ago, an_hour_ago))
    again = export(generated, tmp_path / "other.csv", tmpfile=False)
    assert again.wait(60) == 0, again.stderr.read()
    assert sorted(os.listdir(tmp_path)) == ["other.csv", "out.csv"]
    assert out.read_bytes() == b"id\nold\n" and complete(tmp_path / "other.csv")


def test_the_sweep_removes_only_a_dead_writers_temporaries(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    held_fd, held = atomic._named(target)  # a live writer's, locked
    os.write(held_fd, b"half")
    dead_fd, dead = atomic._named(target)
    os.close(dead_fd)  # its writer died: the lock is gone
    lookalike = tmp_path / ".out.csv.0123456789.tmp"  # not one of ours
    lookalike.write_bytes(b"someone's")
    planted_link = tmp_path / f".x.0badcafe{atomic.SUFFIX}"
    planted_link.symlink_to(lookalike)
    an_hour_ago = time.time() - 3600
    for path in (held, dead, lookalike):
        os.utime(path, (an_hour_ago, an_hour_ago))
    foreign = None
    if os.geteuid() == 0:
        foreign_fd, foreign = atomic._named(tmp_path / "theirs.csv")
        os.close(foreign_fd)
        os.chown(foreign, 12345, 12345)
        os.utime(foreign, (an_hour_ago, an_hour_ago))
    fresh_fd, fresh = atomic._named(target)
    os.close(fresh_fd)  # unlocked, but changed a moment ago

    atomic.sweep(tmp_path)
    left = set(tmp_path.iterdir())
    assert dead not in left
    assert {held, fresh, lookalike, planted_link} <= left
    assert foreign is None or foreign in left
    os.close(held_fd)
    atomic.sweep(tmp_path)
    assert held not in set(tmp_path.iterdir())


# -- a full disk ------------------------------------------------------------------


@pytest.fixture
def full_disk(tmp_path: Path):
    """A 200 KiB tmpfs, mounted for the test; skipped where that is not permitted."""
    small = tmp_path / "small"
    small.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k,mode=0755", "tmpfs",
                                  str(small)], capture_output=True, text=True)  # fmt: skip
    except OSError as error:
        pytest.skip(f"cannot mount: {error}")
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield small
    finally:
        if subprocess.run(["umount", str(small)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(small)], capture_output=True)


def free(directory: Path) -> int:
    info = os.statvfs(directory)
    return info.f_bavail * info.f_frsize


@pytest.mark.parametrize("tmpfile", [True, False], ids=["o_tmpfile", "named"])
@pytest.mark.parametrize("replacing", [False, True], ids=["new", "force"])
def test_an_export_to_a_full_disk_fails_and_leaves_the_old_file_whole(
    generated: tuple[Path, dict[str, str]], full_disk: Path, replacing: bool, tmpfile: bool
) -> None:
    out = full_disk / "out.csv"
    if replacing:
        out.write_bytes(b"id\nold\n")
    room = free(full_disk)
    child = export(generated, out, *(["--force"] if replacing else []), tmpfile=tmpfile)
    assert child.wait(60) == 1
    assert "No space left on device" in child.stderr.read()
    assert sorted(os.listdir(full_disk)) == (["out.csv"] if replacing else [])
    if replacing:
        assert out.read_bytes() == b"id\nold\n"
    assert free(full_disk) == room  # the part written is freed


def test_without_hard_links_a_copy_that_fills_the_disk_is_removed(
    full_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a filesystem without hard links (vfat) a new file is copied under
    its name; when the disk fills during that copy, the part copied must not
    stay there as if it were the export."""

    def no_hard_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic, "_unnamed", lambda directory: None)
    monkeypatch.setattr(os, "link", no_hard_links)
    out = full_disk / "out.csv"
    room = free(full_disk)
    data = b"x" * (room * 2 // 3)  # the temporary file fits; a second copy does not
    with pytest.raises(OSError) as failed:
        formats.write_file(out, data)
    assert failed.value.errno == errno.ENOSPC
    assert os.listdir(full_disk) == []
    assert free(full_disk) == room
    formats.write_file(out, b"small")  # and the name is free for the next try
    assert out.read_bytes() == b"small"


# -- every way a file gets its name ---------------------------------------------


def _refuse_proc_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """linkat through /proc/self/fd refused (a sandbox), other links allowed."""
    real = os.link

    def link(source, destination, *, src_dir_fd=None, **kwargs):
        if src_dir_fd is not None:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real(source, destination, **kwargs)

    monkeypatch.setattr(os, "link", link)


def _no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "_unnamed", lambda directory: None)

    def link(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", link)


ROUTES = {
    "o_tmpfile": lambda monkeypatch: None,
    "no_proc_link": _refuse_proc_links,
    "named": lambda monkeypatch: monkeypatch.setattr(atomic, "_unnamed", lambda d: None),
    "no_hard_links": _no_hard_links,
}


@pytest.mark.parametrize("route", ROUTES)
def test_each_route_writes_whole_files_and_never_replaces_unasked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    ROUTES[route](monkeypatch)
    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / "out.csv"
    formats.write_file(out, b"first")
    assert out.read_bytes() == b"first"
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as any new file
    with pytest.raises(FileExistsError):
        formats.write_file(out, b"second")
    formats.write_file(out, lambda stream: stream.write(b"second"), overwrite=True)
    assert out.read_bytes() == b"second"

    late = tmp_path / "late.csv"

    def someone_else_takes_the_name(stream) -> None:
        stream.write(b"mine")
        late.write_bytes(b"theirs")

    with pytest.raises(FileExistsError):
        formats.write_file(late, someone_else_takes_the_name)
    assert late.read_bytes() == b"theirs"

    def broken(stream) -> None:
        stream.write(b"half")
        raise RuntimeError("the writer failed")

    with pytest.raises(RuntimeError):
        formats.write_file(out, broken, overwrite=True)
    assert out.read_bytes() == b"second"
    assert sorted(os.listdir(tmp_path)) == ["late.csv", "out.csv"]  # no temporary left
