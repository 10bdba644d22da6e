"""What noko-tui reads back from its own directories is trusted only while
it is the user's alone (`tui/claims/private.py`).

The state (`seen.json`, which picks the revision the digest starts from) and
the parse cache follow one rule: a directory owned by another user or writable
by group or others is neither read nor written, and a file is read only if it
is a regular file, not a symbolic link, owned by the user and writable by no
one else. Refused state reads as empty; a refused cache file is a miss.
Another user is simulated by a directory others can write, and, as root, by
`os.chown` to another uid (`os.geteuid()` is 0 then, so root's files are ours).
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import stat
import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, VALID

from tui.claims import load_dataset, seen
from tui.claims.cache import ENV_CACHE
from tui.claims.schema import SCHEMA_VERSION

OTHER = 12345
PLANTED, MINE = "e" * 40, "a" * 40

needs_root = pytest.mark.skipif(os.geteuid() != 0,
                                reason="only root can give a file to another user")  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


def plant(state: Path, data: Path, revision: str = PLANTED) -> Path:
    """A well-formed seen.json pointing `data` at `revision`."""
    file = state / "seen.json"
    entry = {"revision": revision, "seen": "2025-01-01T00:00:00+00:00"}
    file.write_text(json.dumps({"version": 1, "directories": {str(data.resolve()): entry}}))
    file.chmod(0o600)
    return file


def snapshot(directory: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every entry of `directory` (itself included): its mode, owner and bytes."""
    found = {}
    for path in [directory, *directory.rglob("*")]:
        info = path.lstat()
        body = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
        found[str(path)] = (info.st_mode, info.st_uid, body)
    return found


# -- the state directory ----------------------------------------------------------


@pytest.mark.parametrize("how", ["group", "others", "both", "foreign"])
def test_a_state_directory_others_control_is_neither_read_nor_written(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Another user made the state directory (or can write it) and planted a
    hash there: it must not become the revision the digest starts from."""
    if how == "foreign" and os.geteuid() != 0:
        pytest.skip("only root can give a directory to another user")
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    file = plant(state, data)
    if how == "foreign":
        os.chown(file, OTHER, OTHER)
        os.chown(state, OTHER, OTHER)
    else:
        state.chmod({"group": 0o770, "others": 0o707, "both": 0o777}[how])
    monkeypatch.setenv(seen.ENV_STATE, str(state))
    before = snapshot(state)

    assert seen.last_seen(data) is None
    seen.remember(data, MINE)  # never written into a refused directory
    assert seen.last_seen(data) is None
    assert snapshot(state) == before  # never chmod-ed, nothing added or replaced


@needs_root
def test_a_shared_xdg_state_home_is_refused(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$XDG_STATE_HOME on a shared sticky directory, where another user made
    noko-tui/ first, world-writable, with a seen.json of their choosing."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    theirs = shared / "noko-tui"
    theirs.mkdir()
    plant(theirs, data)
    theirs.chmod(0o777)
    for path in (theirs, theirs / "seen.json"):
        os.chown(path, OTHER, OTHER)
    monkeypatch.delenv(seen.ENV_STATE)
    monkeypatch.setenv("XDG_STATE_HOME", str(shared))
    assert seen.state_dir() == theirs
    before = snapshot(shared)
    assert seen.last_seen(data) is None
    seen.remember(data, MINE)
    assert snapshot(shared) == before


@needs_root
def test_a_state_directory_behind_another_users_link_is_refused(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state directory may be the user's own symbolic link, not another's."""
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    plant(real, data)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv(seen.ENV_STATE, str(link))
    assert seen.last_seen(data) == PLANTED  # the user's own link: followed
    os.lchown(link, OTHER, OTHER)
    assert seen.last_seen(data) is None
    seen.remember(data, MINE)
    assert json.loads((real / "seen.json").read_text())["directories"][
        str(data.resolve())]["revision"] == PLANTED  # fmt: skip


def _symlinked(state: Path, file: Path) -> None:
    elsewhere = state.parent / "elsewhere.json"
    file.rename(elsewhere)
    file.symlink_to(elsewhere)


def _foreign(state: Path, file: Path) -> None:
    os.chown(file, OTHER, OTHER)


@pytest.mark.parametrize("how", ["foreign", "group-writable", "others-writable", "symlink"])
def test_a_state_file_not_the_users_alone_reads_as_empty(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """In a private state directory, a seen.json that is not a regular file
    of the user's, writable by no one else, is not read; the next remember
    replaces it (the directory is ours), never writing through a link."""
    if how == "foreign" and os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    file = plant(state, data)
    monkeypatch.setenv(seen.ENV_STATE, str(state))
    assert seen.last_seen(data) == PLANTED  # the same file, private: read
    {"foreign": _foreign, "symlink": _symlinked,
     "group-writable": lambda s, f: f.chmod(0o620),
     "others-writable": lambda s, f: f.chmod(0o602)}[how](state, file)  # fmt: skip

    assert seen.last_seen(data) is None
    seen.remember(data, MINE)
    assert seen.last_seen(data) == MINE
    assert not file.is_symlink() and file.stat().st_uid == os.geteuid()
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    if how == "symlink":  # the link's target is left as it was
        assert PLANTED in (tmp_path / "elsewhere.json").read_text()


def test_a_planted_fifo_does_not_hang_the_app(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    os.mkfifo(state / "seen.json", 0o600)
    monkeypatch.setenv(seen.ENV_STATE, str(state))
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(seen.last_seen(data)), daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # release it before failing
        os.close(os.open(state / "seen.json", os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
        pytest.fail("reading a FIFO planted as seen.json blocked")
    assert found == [None]


def test_a_missing_state_directory_is_made_private(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    monkeypatch.delenv(seen.ENV_STATE)
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    seen.remember(data, MINE)
    assert seen.last_seen(data) == MINE
    for directory in (home / ".local", home / ".local" / "state", seen.state_dir()):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory
    assert stat.S_IMODE((seen.state_dir() / "seen.json").stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o755  # not ours to chmod


# -- the parse cache's files ------------------------------------------------------


def _cache_file(cache: Path, which: str) -> Path:
    tables = cache / f"v{SCHEMA_VERSION}" / "tables"
    (found,) = [p for p in tables.iterdir() if p.suffix == ".json"] if which == "manifest" else \
        [sorted(tables.glob("*.claims.*.arrow"))[0]]  # fmt: skip
    return found


@pytest.mark.parametrize("which", ["manifest", "payload"])
@pytest.mark.parametrize("how", ["foreign", "group-writable", "others-writable", "symlink"])
def test_a_cache_file_not_the_users_alone_is_a_miss(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, which: str, how: str
) -> None:
    """In a private cache directory, a manifest or payload someone else owns
    or can write is not used (as the directory would not be): the data is
    parsed again, and the entry rewritten as the user's."""
    if how == "foreign" and os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    cache = tmp_path / "cache"
    monkeypatch.setenv(ENV_CACHE, str(cache))
    cold = load_dataset(data).claims
    assert load_dataset(data).from_cache
    file = _cache_file(cache, which)
    if how == "foreign":
        os.chown(file, OTHER, OTHER)
    elif how == "symlink":
        elsewhere = tmp_path / file.name
        file.rename(elsewhere)
        file.symlink_to(elsewhere)
    else:
        file.chmod(0o620 if how == "group-writable" else 0o602)

    again = load_dataset(data)
    assert not again.from_cache
    pd.testing.assert_frame_equal(again.claims, cold)
    assert load_dataset(data).from_cache  # rewritten, the user's alone
    for written in (p for p in cache.rglob("*") if not p.is_dir()):
        info = written.lstat()
        assert stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid(), written
        assert stat.S_IMODE(info.st_mode) == 0o600, written


# -- one rule -----------------------------------------------------------------------


def test_one_module_decides_what_is_private() -> None:
    """The owner and mode checks live in private.py alone, and both the cache
    and the state use them."""
    deciders = []
    for module in sorted((ROOT / "tui").rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.Attribute) and node.attr in ("geteuid", "getuid")
               for node in ast.walk(tree)):  # fmt: skip
            deciders.append(module.relative_to(ROOT).as_posix())
    assert deciders == ["tui/claims/private.py"]
    for module in ("cache.py", "seen.py"):
        source = (ROOT / "tui" / "claims" / module).read_text(encoding="utf-8")
        assert "from .private import" in source, module
