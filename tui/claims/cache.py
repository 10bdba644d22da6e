"""The parse cache, private to the user, so a second start parses nothing.

For each data directory it holds the finished tables of the last good load,
and for each claims file its key (path, size, modification time and content
hash, BLAKE2b) and the rows of the table that file gave. When every key still
matches, the tables are used as they are; otherwise only the files whose key
changed are parsed again, and the other files' rows are taken from the cache.

An entry is data, never code: one Arrow IPC file per table (read by pyarrow,
which only decodes buffers) and a JSON manifest naming them, with the
CRC-32 of each payload's bytes, the key of the code that built the
tables (`load.cache_key()`), and the loader's own metadata (file keys and row
ranges). A payload's checksum is verified before it is decoded, over the very
(memory-mapped) bytes that are then decoded; a wrong checksum, a missing or truncated file, bad JSON, an
unknown layout or a dtype that does not come back as written is a miss,
never an error. Dtypes that Arrow's pandas metadata does not restore
(object columns, categories held as objects) are recorded in the manifest
and restored explicitly.

The cache directory is used only if every existing directory on its path
from the cache root down is owned by the user and writable by no one else
(as ssh checks ~/.ssh), and a manifest or payload is read only if it is a
regular file, owned by the user and writable by no one else (the rules of
`private.py`, which the state in `seen.py` follows too); otherwise the loader
runs without a cache and says why once (`Cache.notes`), and a foreign file is
a miss. noko-tui never changes the mode of a directory it did not create;
those it creates are 0700, its files 0600, and every write is atomic
(`atomic.py`: a nameless file, named once it is whole; not flushed to
disk, as before: a damaged entry is a miss).

The payload checksum is CRC-32 (zlib), not a cryptographic hash: it is there
to catch a damaged file (a flipped bit, a truncated write), which CRC-32
does at 6 GB/s where BLAKE2b's 1 GB/s cost more than the whole warm load of
100,000 claims. It could not stop a planted entry anyway, since whoever can
write a payload can write the manifest beside it: the ownership and mode
checks above are what keep others out, and Arrow keeps what is inside inert.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import re
import zlib
from pathlib import Path
from typing import Any

from .atomic import write_file, write_named
from .private import check_chain, open_file, read_file, user_dir
from .schema import SCHEMA_VERSION

ENV_CACHE = "NOKO_TUI_CACHE_DIR"

#: The layout of a manifest; bump when it changes.
FORMAT = 3

_PAYLOAD = re.compile(r"[0-9a-f]{32}\.[a-z_]+\.[0-9a-f]{8}\.arrow")


def default_cache_dir() -> Path | None:
    """`$NOKO_TUI_CACHE_DIR`, else `$XDG_CACHE_HOME/noko-tui`, else
    `$HOME/.cache/noko-tui`; None (no cache) without a usable home."""
    return user_dir(ENV_CACHE, "XDG_CACHE_HOME", ".cache")


def digest(data: Any) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class Cache:
    """Get and put cache entries; a broken or foreign entry reads as a miss.

    `notes` says, once, why the cache is not used (empty when it is)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.notes: tuple[str, ...] = ()
        self._refused = root is None
        if root is not None:
            reason = self._check(create=False)
            if reason:
                self._refuse(reason)

    def _chain(self, kind: str) -> list[Path]:
        assert self.root is not None
        version = self.root / f"v{SCHEMA_VERSION}"
        return [self.root, version, version / kind] if kind else [self.root, version]

    def _refuse(self, reason: str) -> None:
        self._refused = True
        self.notes = (
            f"not using the parse cache: {reason}; loading without it "
            f"(set {ENV_CACHE} to a private directory to use one)",
        )

    def _check(self, kind: str = "", *, create: bool) -> str | None:
        """Check every existing directory of the cache's path (creating the
        missing ones, 0700, when `create`); the reason to refuse, or None."""
        return check_chain(self._chain(kind), create=create)

    def _dir(self, kind: str, *, create: bool) -> Path | None:
        if self._refused:
            return None
        reason = self._check(kind, create=create)
        if reason:
            if not self.notes:
                self._refuse(reason)
            self._refused = True
            return None
        return self._chain(kind)[-1]

    @staticmethod
    def _name(key: str) -> str:
        return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()

    def get(self, kind: str, name: str, key: Any) -> tuple[Any, dict[str, Any]] | None:
        """The metadata and tables stored under `name` for `key`, or None."""
        try:
            directory = self._dir(kind, create=False)
            if directory is None:
                return None
            entry = self._name(name)
            manifest = json.loads(read_file(directory / f"{entry}.json"))
            if (
                manifest["format"] != FORMAT
                or manifest["name"] != name
                or manifest["key"] != _plain(key)
            ):
                return None
            files = {}
            for table, info in manifest["tables"].items():
                file = info["file"]
                if not _PAYLOAD.fullmatch(file) or not file.startswith(entry):
                    return None
                files[table] = (directory / file, info["crc32"], info["dtypes"])
            tables = _verified_tables(files)
            if tables is None:
                return None
            return manifest["meta"], tables
        except Exception:  # missing, truncated, altered, from another version: a miss
            return None

    def put(self, kind: str, name: str, key: Any, meta: Any, tables: dict[str, Any]) -> None:
        """Store `tables` (pandas DataFrames) and `meta` (JSON) under `name`."""
        import pyarrow

        try:
            directory = self._dir(kind, create=True)
            if directory is None:
                return
            entry = self._name(name)
            described = {}
            for table, frame in tables.items():
                checked = _Checksummed(lambda fh, f=frame: _encode(f, fh))
                file = write_named(directory, checked,
                                   lambda t=table, c=checked: f"{entry}.{t}.{c.name_sum()}.arrow",
                                   overwrite=True, private=True, sync=False).name  # fmt: skip
                described[table] = {"file": file, "crc32": checked.blocks,
                                    "dtypes": _dtypes(frame)}  # fmt: skip
            manifest = {"format": FORMAT, "name": name, "key": _plain(key),
                        "meta": meta, "tables": described}  # fmt: skip
            text = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
            write_file(directory / f"{entry}.json", text, overwrite=True, private=True, sync=False)
            keep = {f"{entry}.json", *(d["file"] for d in described.values())}
            # Earlier payloads of this entry, and its file in the old format.
            for old in directory.glob(f"{entry}.*"):
                if old.name not in keep:
                    old.unlink(missing_ok=True)
        except (OSError, ValueError, TypeError, pyarrow.ArrowException):
            pass  # a cache that cannot be written only costs time


#: Payloads are checksummed in blocks, so that two threads can check one.
BLOCK = 4 << 20


def _name_sum(blocks: list[str]) -> str:
    """Eight hex digits naming a payload by its block checksums."""
    return f"{zlib.crc32(' '.join(blocks).encode()):08x}"


def _verified_tables(files: dict[str, tuple[Path, list[str], Any]]) -> dict[str, Any] | None:
    """Each table decoded from its memory-mapped payload, or None if any
    payload's checksums are wrong.

    Every block of every payload is checked, by two threads (zlib releases
    the interpreter), before anything is decoded: a damaged offset must never
    reach the decoder. The blocks are mapped from the same open files that are
    then mapped whole, so the bytes decoded are the bytes checked (entries are
    only ever replaced by a rename, never rewritten in place); each block is
    mapped on its own and unmapped once checked, so the check neither copies
    the payload nor leaves it resident, and the text columns stay in the page
    cache, where the kernel can drop them."""
    from concurrent.futures import ThreadPoolExecutor

    opened: list[int] = []
    try:
        fds = {}
        for table, (path, _, _) in files.items():
            fds[table] = open_file(path)
            opened.append(fds[table])
        with ThreadPoolExecutor(max_workers=2) as pool:
            for table, (_, expected, _) in files.items():
                size = os.fstat(fds[table]).st_size
                if not isinstance(expected, list) or len(expected) != -(-size // BLOCK):
                    return None
                sums = pool.map(_block_sum, [fds[table]] * len(expected), range(len(expected)))
                if list(sums) != expected:
                    return None
        return {
            table: _decode(mmap.mmap(fds[table], 0, access=mmap.ACCESS_READ), dtypes)
            for table, (_, _, dtypes) in files.items()
        }
    finally:
        for fd in opened:
            os.close(fd)


def _block_sum(fd: int, index: int) -> str:
    """The CRC-32 of one block of an open file, mapped alone and unmapped at
    once (no copy, and only a block or two resident at a time)."""
    size = min(BLOCK, os.fstat(fd).st_size - index * BLOCK)
    with mmap.mmap(fd, size, offset=index * BLOCK, access=mmap.ACCESS_READ) as block:
        return f"{zlib.crc32(block):08x}"


class _Checksumming:
    """A writable file that checksums what goes through it, block by block."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.blocks: list[str] = []
        self.crc = 0
        self.filled = 0
        self.closed = False

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        while len(view):
            take = min(BLOCK - self.filled, len(view))
            self.crc = zlib.crc32(view[:take], self.crc)
            self.filled += take
            view = view[take:]
            if self.filled == BLOCK:
                self.blocks.append(f"{self.crc:08x}")
                self.crc, self.filled = 0, 0
        return self.fh.write(data)

    def flush(self) -> None:
        self.fh.flush()

    def close(self) -> None:
        self.closed = True

    def checksum(self) -> list[str]:
        return self.blocks + ([f"{self.crc:08x}"] if self.filled else [])


class _Checksummed:
    """What writes a payload, as `atomic.write_named` calls it, keeping the
    checksum of its blocks (`blocks`) to name the file by once written."""

    def __init__(self, write: Any) -> None:
        self.write = write
        self.blocks: list[str] = []

    def __call__(self, fh: Any) -> None:
        checked = _Checksumming(fh)
        self.write(checked)
        self.blocks = checked.checksum()

    def name_sum(self) -> str:
        return _name_sum(self.blocks)


def _plain(value: Any) -> Any:
    """`value` as it reads back from JSON (tuples become lists)."""
    return json.loads(json.dumps(value))


def _describe(dtype: Any) -> str:
    import pandas as pd

    if isinstance(dtype, pd.CategoricalDtype):
        return f"category[{dtype.categories.dtype}, ordered={dtype.ordered}]"
    return str(dtype)


def _dtypes(frame: Any) -> dict[str, Any]:
    """What each column's (and the index's) dtype must be after decoding."""
    return {
        "columns": [[str(c), _describe(frame[c].dtype)] for c in frame.columns],
        "index": [type(frame.index).__name__, _describe(frame.index.dtype)],
    }


def _encode(frame: Any, fh: Any) -> None:
    import pyarrow

    table = pyarrow.Table.from_pandas(frame, preserve_index=None)
    with pyarrow.ipc.new_file(fh, table.schema) as writer:
        writer.write_table(table)


def _decode(data: Any, dtypes: dict[str, Any]) -> Any:
    """A frame from an Arrow IPC file's bytes, with the recorded dtypes."""
    import pandas as pd
    import pyarrow

    table = pyarrow.ipc.open_file(pyarrow.py_buffer(data)).read_all()
    # One thread: Arrow's thread pool is three times slower on these tables.
    frame = table.to_pandas(use_threads=False)
    names = [name for name, _ in dtypes["columns"]]
    if [str(c) for c in frame.columns] != names:
        raise ValueError("columns differ")
    for name, wanted in dtypes["columns"]:
        column = frame[name]
        if _describe(column.dtype) == wanted:
            continue
        if wanted == "object":
            values = table.column(name).to_numpy(zero_copy_only=False)
            frame[name] = pd.Series(values, index=frame.index, dtype=object)
        elif wanted.startswith("category[object,") and isinstance(
            column.dtype, pd.CategoricalDtype
        ):
            categories = pd.Index(column.cat.categories.to_numpy(dtype=object), dtype=object)
            frame[name] = pd.Categorical.from_codes(
                column.cat.codes.to_numpy(), categories=categories, ordered=column.cat.ordered
            )
        if _describe(frame[name].dtype) != wanted:
            raise ValueError(f"{name}: {frame[name].dtype}, not {wanted}")
    kind, wanted = dtypes["index"]
    if _describe(frame.index.dtype) != wanted and wanted == "object":
        frame.index = pd.Index(frame.index.to_numpy(dtype=object), dtype=object)
    if type(frame.index).__name__ != kind or _describe(frame.index.dtype) != wanted:
        raise ValueError("index differs")
    return frame
