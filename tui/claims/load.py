"""Loading a data directory into a `Dataset`, or every problem it has."""

from __future__ import annotations

import datetime as _dt
import errno
import functools
import gc
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG

import pandas as pd

from . import ids
from .cache import Cache, default_cache_dir, digest
from .claimfile import FileTable, read_claim_file
from .problems import DataError, Problem
from .relations import relation_problems
from .schema import SCHEMA_VERSION
from .table import claims_frame, concat_columns, frame_columns, vocab_frame
from .tolerances import DEFAULT as DEFAULT_TOLERANCES
from .tolerances import FILE as TOLERANCES_FILE
from .tolerances import Tolerances, parse_tolerances
from .validate import check_vocab_dates, cross_check
from .vocab import VOCABULARIES, read_vocab_file

#: progress(files done, files in all, claims read so far)
Progress = Callable[[int, int, int], None]


@dataclass(frozen=True)
class Dataset:
    """The claims table and the vocabularies it was joined with."""

    directory: Path
    claims: pd.DataFrame
    sources: pd.DataFrame
    claimants: pd.DataFrame
    quantities: pd.DataFrame
    #: True when the whole table came from the cache without parsing.
    from_cache: bool = False
    #: What the user should be told once about this load (a refused cache).
    notes: tuple[str, ...] = ()
    #: How far worded numbers reach (`tolerances.yaml`, else the defaults).
    tolerances: Tolerances = DEFAULT_TOLERANCES

    def claim(self, claim_id: str) -> pd.Series | None:
        """The claim (a row of `claims`) with id `claim_id`, or None: looked
        up in the table's id index (`ids.py`), built on the first lookup."""
        return ids.row(self.claims, claim_id)


@dataclass(frozen=True, slots=True)
class _File:
    rel: str
    display: str
    path: Path
    key: tuple[str, int, int, str]  # path, size, mtime_ns, content hash


@dataclass(slots=True)
class _Cached:
    """What the cache holds for a directory: the finished tables, and for each
    claims file its key and the rows of the claims table that came from it."""

    given: str
    vocab_keys: dict[str, tuple | None]
    file_rows: dict[str, tuple[tuple, int, int]]  # rel -> (key, first row, end row)
    tables: dict[str, pd.DataFrame]

    def meta(self) -> dict:
        """Everything but the tables, for the cache's JSON manifest."""
        return {"given": self.given, "vocab_keys": self.vocab_keys,
                "file_rows": self.file_rows}  # fmt: skip

    @classmethod
    def from_cache(cls, meta: dict, tables: dict[str, pd.DataFrame]) -> _Cached:
        """Back from `meta()` as JSON gives it (lists for tuples); KeyError,
        TypeError or ValueError if it is not what `meta()` wrote."""
        key = lambda k: None if k is None else _file_key(k)  # noqa: E731
        given = meta["given"]
        vocab_keys = {str(name): key(k) for name, k in meta["vocab_keys"].items()}
        file_rows = {str(rel): (_file_key(k), int(start), int(end))
                     for rel, (k, start, end) in meta["file_rows"].items()}  # fmt: skip
        if not isinstance(given, str) or set(tables) != {"claims", *_VOCAB_TABLES}:
            raise ValueError("not a cache entry")
        return cls(given, vocab_keys, file_rows, tables)


_VOCAB_TABLES = tuple(name.removesuffix(".yaml") for name in VOCABULARIES)


def _file_key(key: list | tuple) -> tuple[str, int, int, str]:
    path, size, mtime_ns, hashed = key
    return (str(path), int(size), int(mtime_ns), str(hashed))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing allocates millions of objects that all survive; collecting
    during it is wasted work that more than doubles the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: Claim files end in one of these, in lower case.
CLAIM_SUFFIXES = (".yaml", ".yml")

#: A symbolic link out of the data directory is never followed: nothing of
#: what it points to is read, and nothing of it is quoted.
OUTSIDE = "not read: a symbolic link out of the data directory"
OUTSIDE_FILE = f"{OUTSIDE}; copy the file into it instead"


def within(root_real: str, path: str | os.PathLike[str]) -> bool:
    """Whether `path`, every symbolic link in it followed, is in the directory
    `root_real` (itself resolved with `os.path.realpath`)."""
    real = os.path.realpath(path)
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _quietly_skipped(name: str) -> bool:
    """Entries of claims/ that are not read and need no word: dotfiles
    (`.gitkeep`, editor swap files) and READMEs."""
    return name.startswith(".") or name.upper().split(".", 1)[0] == "README"


def claim_files(
    directory: Path, problems: list[Problem] | None = None, given: str | None = None
) -> list[Path]:
    """The regular files `claims/*.yaml` and `claims/*.yml`, sorted by name.

    With `problems`, every other entry of claims/ (but dotfiles and READMEs)
    is reported there as not read: a symbolic link out of the data
    directory, a broken or looping one, a directory, a special file, a name
    with another suffix (`A.YAML`, `b.yaml~`); and so is a claims directory
    that cannot be listed or is a link out of the data directory. Paths in
    those messages start with `given` (default: `directory`); a file's are
    on line 1, a directory's name no line.
    """
    claims = directory / "claims"
    base = os.path.join(os.fspath(directory) if given is None else given, "claims")
    root_real = os.path.realpath(directory)

    def report(name: str, field: str, message: str) -> None:
        if problems is not None:
            line = 0 if field == "directory" else 1
            problems.append(Problem(os.path.join(base, name) if name else base, line, field,
                                    message))  # fmt: skip

    if not within(root_real, claims):
        report("", "directory", f"{OUTSIDE}; move the claims into it instead")
        return []
    try:
        with os.scandir(claims) as entries:
            listed = sorted((entry.name, _is_link(entry)) for entry in entries)
    except (FileNotFoundError, NotADirectoryError):
        return []  # the caller says it is missing
    except OSError as exc:
        report("", "directory", f"cannot read: {exc.strerror or exc}")
        return []
    found = []
    for name, link in listed:
        if _quietly_skipped(name):
            continue
        path = claims / name
        suffix = os.path.splitext(name)[1]
        if link and not within(root_real, path):  # before stat: not even whether it exists
            report(name, "file", OUTSIDE_FILE)
            continue
        try:
            mode = path.stat().st_mode  # follows symbolic links
        except OSError as exc:
            if path.is_symlink() and exc.errno == errno.ENOENT:
                report(
                    name,
                    "file",
                    f"not read: a symbolic link to {_link(path)!r}, which does not exist",
                )
            elif exc.errno == errno.ELOOP:
                report(name, "file", "not read: a loop of symbolic links")
            else:
                report(name, "file", f"cannot read: {exc.strerror or exc}")
            continue
        if S_ISDIR(mode):
            report(name, "directory", "not read: a directory; claims/ holds claim files only")
        elif not S_ISREG(mode):
            report(name, "file", "not read: not a regular file")
        elif suffix in CLAIM_SUFFIXES:
            found.append(path)
        elif suffix.lower() in CLAIM_SUFFIXES:
            report(name, "file", "not read: claim files end in .yaml or .yml, in lower case")
        else:
            report(name, "file", "not read: claim files end in .yaml or .yml")
    return found


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True  # then looked at as closely as a link


def _link(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _unreadable(root: Path) -> str | None:
    """Why the data directory cannot be listed or searched, or None."""
    try:
        os.listdir(root)  # needs read permission
        os.stat(os.path.join(root, os.curdir))  # needs search (x) permission
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def load_dataset(
    directory: str | os.PathLike[str],
    *,
    cache: bool = True,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    today: _dt.date | None = None,
    use_libyaml: bool = True,
    shown_as: str | None = None,
) -> Dataset:
    """Load and check a data directory; raise DataError listing every problem.

    Paths in messages start with `directory` as given, so they can be opened
    from where the command was run, or with `shown_as` instead (`""`: paths
    relative to the directory, `claims/a.yaml`; the table's `file` column
    too). With `cache`, files whose path, size, modification time and
    content hash are unchanged since the last good load are not parsed again
    (see `cache.py`); a cache that cannot be used safely is skipped, and
    `Dataset.notes` (or `DataError.notes`) says why.

    No file is read through a symbolic link out of the data directory
    (`within`); each such link is a problem, whatever the cache holds.
    """
    with _gc_paused():
        return _load(directory, cache, cache_dir, progress, today, use_libyaml, shown_as)


def _load(
    directory: str | os.PathLike[str],
    cache: bool,
    cache_dir: Path | None,
    progress: Progress | None,
    today: _dt.date | None,
    use_libyaml: bool,
    shown_as: str | None = None,
) -> Dataset:
    given = os.fspath(directory) if shown_as is None else shown_as
    root = Path(directory)
    today = today or _dt.date.today()
    if not root.is_dir():
        raise DataError([Problem(given or os.curdir, 0, "directory", "no such data directory")])
    reason = _unreadable(root)
    if reason is not None:
        raise DataError([Problem(given or os.curdir, 0, "directory", f"cannot read: {reason}")])
    root_real = os.path.realpath(root)
    store = Cache(cache_dir or default_cache_dir()) if cache else None
    notes = store.notes if store else ()
    problems: list[Problem] = []
    #: Files whose bytes changed between hashing and parsing: no cache entry
    #: may pair their old keys with their new rows.
    changed: list[str] = []

    def read(rel: str) -> _File | None:
        """The file's key; its bytes are read again only if it must be parsed,
        so that a large directory is never held in memory whole. A link out
        of the data directory is refused before anything of it is read, and
        the file is read at the place its links lead (the key's path)."""
        display = os.path.join(given, rel)
        real = os.path.realpath(root / rel)
        if not within(root_real, real):
            problems.append(Problem(display, 1, "file", OUTSIDE_FILE))
            return None
        try:
            stat = os.stat(real)
            if not S_ISREG(stat.st_mode):
                problems.append(Problem(display, 1, "file", "not read: not a regular file"))
                return None
            data = Path(real).read_bytes()
        except OSError as exc:
            problems.append(Problem(display, 1, "file", f"cannot read: {exc.strerror}"))
            return None
        return _File(rel, display, Path(real),
                     (real, stat.st_size, stat.st_mtime_ns, digest(data)))  # fmt: skip

    def content(file: _File) -> tuple[bytes, tuple] | tuple[None, None]:
        """The file's bytes to parse, and the key of exactly those bytes."""
        try:
            data = file.path.read_bytes()
        except OSError as exc:
            problems.append(Problem(file.display, 1, "file", f"cannot read: {exc.strerror}"))
            return None, None
        key = (*file.key[:3], digest(data))
        if key != file.key:
            changed.append(file.rel)
        return data, key

    tolerances = DEFAULT_TOLERANCES
    if os.path.lexists(root / TOLERANCES_FILE):
        file = read(TOLERANCES_FILE)
        data, _ = content(file) if file else (None, None)
        if file is not None and data is not None:
            tolerances, found = parse_tolerances(data, file.display)
            problems.extend(found)
    # A vocabulary that is not there is reported missing below; anything by
    # its name (a link, a directory, a FIFO) is looked at by `read`.
    vocab_files = {
        name: read(name) if os.path.lexists(root / name) else None for name in VOCABULARIES
    }
    paths = claim_files(root, problems, given)
    files = [f for f in (read(p.relative_to(root).as_posix()) for p in paths) if f is not None]
    claims_shown = os.path.join(given, "claims")
    if not (root / "claims").is_dir() and not any(p.path == claims_shown for p in problems):
        problems.append(Problem(claims_shown, 0, "directory",
                                "missing; claims go in claims/*.yaml"))  # fmt: skip
    vocab_keys = {name: f.key if f else None for name, f in vocab_files.items()}
    file_keys = {f.rel: f.key for f in files}

    cache_name = str(root.resolve())
    cached = _cached(store.get("tables", cache_name, cache_key())) if store else None
    if cached is not None and cached.given != given:
        cached = _regiven(cached, given)
    if (
        cached is not None
        and not problems
        and cached.vocab_keys == vocab_keys
        and {rel: entry[0] for rel, entry in cached.file_rows.items()} == file_keys
        and not _future_dates(cached.tables["claims"], today)
    ):
        if progress:
            progress(len(files), len(files), len(cached.tables["claims"]))
        return Dataset(root, from_cache=True, notes=notes, tolerances=tolerances, **cached.tables)

    vocab_records, broken = {}, set()
    for name, file in vocab_files.items():
        display = file.display if file else os.path.join(given, name)
        data, key = content(file) if file else (None, None)
        if file is not None and key is not None:
            vocab_keys[name] = key
        if file is not None and data is None or any(p.path == display for p in problems):
            records, found = [], []  # unreadable, already reported
        else:
            records, found = read_vocab_file(data, name, display, use_libyaml)
        vocab_records[name.removesuffix(".yaml")] = records
        problems.extend(found)
        if any(p.path == display and p.field in ("file", "yaml") for p in problems):
            broken.add(name.removesuffix(".yaml"))
    path_of = {n.removesuffix(".yaml"): os.path.join(given, n) for n in VOCABULARIES}
    problems.extend(check_vocab_dates(vocab_records, path_of, today))
    if "quantities" not in broken:
        problems.extend(relation_problems(vocab_records.get("quantities", []),
                                          path_of["quantities"]))  # fmt: skip
    vocab = {name: vocab_frame(name, records) for name, records in vocab_records.items()}

    reusable = _reusable_columns(cached, file_keys)
    #: Where each claims file was read, to find its field lines when reporting.
    read_at = {file.display: file.path for file in files}
    tables: list[tuple[str, FileTable]] = []
    file_rows: dict[str, tuple[tuple, int, int]] = {}
    rows = 0
    for done, file in enumerate(files, 1):
        table, key = reusable.get(file.rel), file.key
        if table is None:
            data, key = content(file)
            table = read_claim_file(data, file.display, use_libyaml) if data is not None else None
            del data
        if table is None:
            continue
        tables.append((file.display, table))
        problems.extend(table.problems)
        file_rows[file.rel] = (key, rows, rows + table.rows)
        rows += table.rows
        if progress:
            progress(done, len(files), rows)
    del files, reusable  # the bytes and old tables are no longer needed

    columns = concat_columns(tables)
    del tables
    read_again = lambda display: read_at[display].read_bytes()  # noqa: E731
    problems.extend(cross_check(columns, vocab, read_again, today, frozenset(broken)))
    if problems:
        raise DataError(problems, notes=notes)
    claims = claims_frame(columns, vocab)
    del columns

    tables_out = {"claims": claims, **vocab}
    if store is not None and not changed:
        entry = _Cached(given, vocab_keys, file_rows, tables_out)
        store.put("tables", cache_name, cache_key(), entry.meta(), tables_out)
    return Dataset(root, notes=store.notes if store else (), tolerances=tolerances, **tables_out)


@functools.cache
def cache_key() -> tuple[int, str, str]:
    """What a cached table depends on besides the data: the table's layout, the
    package's version, and the code that reads, checks and builds it. A rule
    tightened or a column computed differently invalidates every cached
    table and verdict, without anyone having to remember a version bump."""
    from .. import __version__

    here = Path(__file__).resolve().parent
    code = hashlib.blake2b(digest_size=16)
    for module in sorted(here.glob("*.py")):
        code.update(module.name.encode())
        code.update(module.read_bytes())
    return SCHEMA_VERSION, __version__, code.hexdigest()


def _cached(found: tuple[dict, dict[str, pd.DataFrame]] | None) -> _Cached | None:
    """The cache's entry as the loader uses it; None if it is not one."""
    if found is None:
        return None
    try:
        return _Cached.from_cache(*found)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _reusable_columns(cached: _Cached | None, file_keys: dict[str, tuple]) -> dict[str, FileTable]:
    """The cached rows of every claims file whose key has not changed."""
    if cached is None:
        return {}
    unchanged = {
        rel: (start, end)
        for rel, (key, start, end) in cached.file_rows.items()
        if file_keys.get(rel) == key
    }
    if not unchanged:
        return {}
    columns = frame_columns(cached.tables["claims"])
    return {
        rel: FileTable({name: array[start:end] for name, array in columns.items()}, [])
        for rel, (start, end) in unchanged.items()
    }


def _regiven(cached: _Cached, given: str) -> _Cached:
    """The same cache entry, for the directory named another way (`data` vs
    `./data`): file names in the table are rewritten, nothing is parsed."""
    claims = cached.tables["claims"].copy()
    old = claims["file"].cat.categories
    # "" is a directory shown by relative paths (`shown_as`); relpath needs a name.
    new = [os.path.join(given, os.path.relpath(name, cached.given or os.curdir)) for name in old]
    claims["file"] = claims["file"].cat.rename_categories(new)
    return _Cached(given, cached.vocab_keys, cached.file_rows, {**cached.tables, "claims": claims})


def _future_dates(claims: pd.DataFrame, today: _dt.date) -> bool:
    """A cached table is stale if it holds a date after today (possible only
    if the clock went back since it was checked)."""
    limit = pd.Timestamp(today)
    return any(
        bool((claims[c] > limit).any())
        for c in ("stated_on", "period_start", "period_end", "as_of")
    )
