"""The parse cache holds data, never code, and serves only what it was given.

Planted pickles never run, altered payloads and changed rules are misses, a
file edited during a load is never served stale, and a cache directory that
others could write is refused (said once, never chmod-ed)."""

from __future__ import annotations

import ast
import os
import pickle
import shutil
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import count_parses, ROOT, VALID, run_cli

from tui.claims import load_dataset
from tui.claims import load as load_module
from tui.claims.cache import ENV_CACHE, Cache, default_cache_dir
from tui.claims.schema import SCHEMA_VERSION


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture
def cold(data: Path) -> pd.DataFrame:
    return load_dataset(data, cache=False).claims


def entries(cache: Path) -> Path:
    return cache / f"v{SCHEMA_VERSION}" / "tables"


def payloads(cache: Path) -> list[Path]:
    return sorted(entries(cache).glob("*.arrow"))


def manifest(cache: Path) -> Path:
    (found,) = entries(cache).glob("*.json")
    return found


class _Planted:
    """Unpickling this writes `marker`: proof that a pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


def planted(marker: Path) -> bytes:
    return pickle.dumps(_Planted(marker))


def test_the_loader_does_not_use_pickle() -> None:
    for module in ("cache.py", "load.py"):
        tree = ast.parse((ROOT / "tui" / "claims" / module).read_text())
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "pickle" not in imported, module
        assert "pickle" not in (ROOT / "tui" / "claims" / module).read_text(), module
    script = "import sys, tui.claims.cache; print('pickle' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_planted_pickle_never_runs(
    data: Path, cold: pd.DataFrame, private_cache: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "marker"
    bomb = planted(marker)
    # Where the old cache kept its entry, before there is any other entry.
    old = entries(private_cache) / (Cache._name(str(data.resolve())) + ".pickle")
    old.parent.mkdir(mode=0o700, parents=True)
    old.write_bytes(bomb)
    first = load_dataset(data)
    assert not first.from_cache
    pd.testing.assert_frame_equal(first.claims, cold)
    assert not old.exists()  # the stale pickle is removed with the entry's old files

    # In place of every payload, with and without the digest made to match.
    manifest_text = manifest(private_cache).read_text()
    for payload in payloads(private_cache):
        payload.write_bytes(bomb)
    served = load_dataset(data)
    assert not served.from_cache
    pd.testing.assert_frame_equal(served.claims, cold)

    import json
    import zlib

    checksum = f"{zlib.crc32(bomb):08x}"  # one block: the payload is small
    described = json.loads(manifest_text)
    for info in described["tables"].values():
        payload = entries(private_cache) / info["file"]
        payload.write_bytes(bomb)
        info["file"] = info["file"].replace(info["file"].split(".")[2], checksum)
        info["crc32"] = [checksum]
        payload.rename(entries(private_cache) / info["file"])
    text = json.dumps(described)
    manifest(private_cache).write_text(text)
    served = load_dataset(data)
    assert not served.from_cache
    pd.testing.assert_frame_equal(served.claims, cold)

    # In place of the manifest.
    manifest(private_cache).write_bytes(bomb)
    served = load_dataset(data)
    assert not served.from_cache
    pd.testing.assert_frame_equal(served.claims, cold)
    assert not marker.exists()
    assert load_dataset(data).from_cache  # and the cache works again


def test_a_flipped_float_is_a_miss(data: Path, cold: pd.DataFrame, private_cache: Path) -> None:
    load_dataset(data)
    (claims,) = (p for p in payloads(private_cache) if ".claims." in p.name)
    body = claims.read_bytes()
    value = struct.pack("<d", 400.0)
    assert value in body
    claims.write_bytes(body.replace(value, struct.pack("<d", 401.0)))
    served = load_dataset(data)
    assert not served.from_cache
    assert served.claims.set_index("id").loc["c-1", "value"] == 400
    pd.testing.assert_frame_equal(served.claims, cold)


@pytest.mark.parametrize(
    "damage",
    ["truncate", "flip", "remove", "empty", "bad-json", "json-list", "format", "no-meta", "path"],
)
def test_a_damaged_entry_is_a_miss(
    data: Path, cold: pd.DataFrame, private_cache: Path, damage: str
) -> None:
    load_dataset(data)
    target = payloads(private_cache)[0]
    index = manifest(private_cache)
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    elif damage == "flip":
        body = bytearray(target.read_bytes())
        body[len(body) // 2] ^= 0x01
        target.write_bytes(bytes(body))
    elif damage == "remove":
        target.unlink()
    elif damage == "empty":
        index.write_bytes(b"")
    elif damage == "bad-json":
        index.write_text(index.read_text()[:-5])
    elif damage == "json-list":
        index.write_text("[1, 2, 3]")
    elif damage == "format":
        index.write_text(index.read_text().replace('"format": 3', '"format": 99'))
    elif damage == "no-meta":
        index.write_text(index.read_text().replace('"file_rows"', '"rows"'))
    elif damage == "path":  # a payload named outside the cache
        index.write_text(index.read_text().replace(target.name, "../../" + target.name))
    served = load_dataset(data)
    assert not served.from_cache
    pd.testing.assert_frame_equal(served.claims, cold)
    assert load_dataset(data).from_cache


def test_a_new_version_of_the_rules_is_a_miss(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_dataset(data)
    assert load_dataset(data).from_cache
    schema, version, code = load_module.cache_key()
    monkeypatch.setattr(load_module, "cache_key", lambda: (schema, version, "tightened"))
    parsed = count_parses(monkeypatch)
    assert not load_dataset(data).from_cache
    assert parsed == ["a.yaml", "b.yaml"]  # every file again, no cached rows reused
    assert load_dataset(data).from_cache


def test_a_file_edited_during_the_load_is_never_served_stale(
    data: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """b.yaml changes between being hashed and being parsed, then is restored
    with its modification time: the edited rows must not be served for it."""
    edited_file = data / "claims" / "b.yaml"
    original = edited_file.read_bytes()
    edited = original.replace(b"value: 400", b"value: 500")
    real = Path.read_bytes
    reads: dict[Path, int] = {}

    def racing_read(path: Path) -> bytes:
        reads[path] = reads.get(path, 0) + 1
        if path == edited_file and reads[path] == 2:  # hashed first, then parsed
            return edited
        return real(path)

    for warm in (False, True):  # with no entry yet, and reusing an entry's rows
        if warm:
            load_dataset(data)
            was = edited_file.stat()
            edited_file.write_bytes(original.replace(b"value: 400", b"value: 300"))
        reads.clear()
        stored = sorted((p.name, p.read_bytes()) for p in entries(private_cache).glob("*"))
        with monkeypatch.context() as patch:
            patch.setattr(Path, "read_bytes", racing_read)
            during = load_dataset(data)
        # No entry pairs the old key with the new rows: the cache is as it was.
        assert sorted((p.name, p.read_bytes()) for p in entries(private_cache).glob("*")) == stored
        assert during.claims.set_index("id").loc["c-1", "value"] == 500
        if warm:  # restored, size and modification time as they were
            edited_file.write_bytes(original)
            os.utime(edited_file, ns=(was.st_atime_ns, was.st_mtime_ns))
        after = load_dataset(data)
        assert after.claims.set_index("id").loc["c-1", "value"] == 400


def test_the_key_is_of_the_bytes_parsed(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows stored for a file are keyed on the digest of what was parsed."""
    stored = {}
    real_put = Cache.put

    def spy(self, kind, name, key, meta, tables):
        stored.update(meta)
        return real_put(self, kind, name, key, meta, tables)

    monkeypatch.setattr(Cache, "put", spy)
    load_dataset(data)
    from tui.claims.cache import digest

    for rel, (key, _, _) in stored["file_rows"].items():
        assert key[3] == digest((data / rel).read_bytes())


def _unsafe(path: Path, how: str) -> None:
    if how == "foreign":
        os.chown(path, 65534, 65534)
    else:
        path.chmod({"group": 0o770, "others": 0o757, "both": 0o777}[how])


@pytest.mark.parametrize("how", ["group", "others", "both", "foreign"])
@pytest.mark.parametrize("where", ["root", "version", "tables"])
def test_an_unsafe_cache_directory_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cold_data: Path, how: str, where: str
) -> None:
    if how == "foreign" and os.geteuid() != 0:
        pytest.skip("only root can give a directory to another user")
    cache = tmp_path / "shared-cache"
    chain = [cache, cache / f"v{SCHEMA_VERSION}", entries(cache)]
    depth = ["root", "version", "tables"].index(where)
    for directory in chain[: depth + 1]:
        directory.mkdir(mode=0o700)
    _unsafe(chain[depth], how)
    before = {p: p.stat() for p in chain[: depth + 1]}
    monkeypatch.setenv(ENV_CACHE, str(cache))

    first = load_dataset(cold_data)
    second = load_dataset(cold_data)
    assert not first.from_cache and not second.from_cache
    assert len(first.claims) == 4
    (note,) = first.notes
    assert str(chain[depth]) in note and "not using the parse cache" in note
    for directory, was in before.items():  # never chmod-ed, never filled
        now = directory.stat()
        assert (now.st_mode, now.st_uid) == (was.st_mode, was.st_uid)
    assert not [p for p in cache.rglob("*") if p.is_file()]
    assert not [p for p in chain[depth].iterdir() if p not in chain]


@pytest.fixture
def cold_data(tmp_path: Path) -> Path:
    target = tmp_path / "cold-data"
    shutil.copytree(VALID, target)
    return target


def test_check_says_once_why_the_cache_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "open-cache"
    cache.mkdir()
    cache.chmod(0o777)
    result = run_cli("check", str(VALID), env={ENV_CACHE: str(cache)})
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("not using the parse cache") == 1
    assert "writable by group and others" in result.stderr
    assert stat.S_IMODE(cache.stat().st_mode) == 0o777
    assert list(cache.iterdir()) == []
    clean = run_cli("check", str(VALID))
    assert "parse cache" not in clean.stderr


def test_a_private_directory_keeps_its_mode(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory the user made 0755 is safe enough, and not ours to chmod;
    the missing ones below it are created 0700."""
    cache = tmp_path / "mine"
    cache.mkdir()
    cache.chmod(0o755)
    monkeypatch.setenv(ENV_CACHE, str(cache / "deeper" / "still"))
    first = load_dataset(data)
    assert first.notes == ()
    assert load_dataset(data).from_cache
    assert stat.S_IMODE(cache.stat().st_mode) == 0o755
    for directory in (p for p in cache.rglob("*") if p.is_dir()):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory
    for file in (p for p in cache.rglob("*") if p.is_file()):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_a_relative_xdg_cache_home_is_ignored(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv(ENV_CACHE)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(home))
    assert default_cache_dir() == home / ".cache" / "noko-tui"
    load_dataset(data)
    assert load_dataset(data).from_cache
    assert list(work.iterdir()) == []
    assert list((home / ".cache" / "noko-tui").rglob("*.json"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "noko-tui"


@pytest.mark.parametrize("home", [None, "", "relative/home"])
def test_without_a_usable_home_there_is_no_cache(
    data: Path, cold: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_CACHE)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    assert default_cache_dir() is None
    first = load_dataset(data)
    second = load_dataset(data)
    assert not second.from_cache and first.notes == ()
    pd.testing.assert_frame_equal(second.claims, cold)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
