"""Loading a data directory into a `Dataset`, or every problem it has."""

from __future__ import annotations

import datetime as _dt
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .cache import Cache, default_cache_dir, digest
from .claimfile import FileTable, read_claim_file
from .problems import DataError, Problem
from .schema import SCHEMA_VERSION
from .table import claims_frame, concat_columns, vocab_frame
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


@dataclass(frozen=True, slots=True)
class _File:
    rel: str
    display: str
    data: bytes
    key: tuple[str, int, int, str]  # path, size, mtime_ns, content hash


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


def claim_files(directory: Path) -> list[Path]:
    claims = directory / "claims"
    if not claims.is_dir():
        return []
    return sorted(p for p in claims.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_dataset(
    directory: str | os.PathLike[str],
    *,
    cache: bool = True,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    today: _dt.date | None = None,
    use_libyaml: bool = True,
) -> Dataset:
    """Load and check a data directory; raise DataError listing every problem.

    Paths in messages start with `directory` as given, so they can be opened
    from where the command was run.
    """
    given = os.fspath(directory)
    root = Path(given)
    today = today or _dt.date.today()
    if not root.is_dir():
        raise DataError([Problem(given, 1, "directory", "no such data directory")])
    store = Cache(cache_dir or default_cache_dir()) if cache else None

    problems: list[Problem] = []

    def read(rel: str) -> _File | None:
        path = root / rel
        try:
            data = path.read_bytes()
            stat = path.stat()
        except OSError as exc:
            problems.append(Problem(os.path.join(given, rel), 1, "file", f"cannot read: {exc.strerror}"))
            return None
        return _File(rel, os.path.join(given, rel), data,
                     (str(path.resolve()), stat.st_size, stat.st_mtime_ns, digest(data)))  # fmt: skip

    vocab_files: dict[str, _File | None] = {}
    for name in VOCABULARIES:
        vocab_files[name] = read(name) if (root / name).is_file() else None
    paths = claim_files(root)
    total = len(paths)
    files = [f for f in (read(p.relative_to(root).as_posix()) for p in paths) if f is not None]
    if not (root / "claims").is_dir():
        problems.append(Problem(os.path.join(given, "claims"), 1, "directory",
                                "missing; claims go in claims/*.yaml"))  # fmt: skip

    all_keys = tuple(f.key if f else None for f in [*vocab_files.values(), *files])
    whole_key = (SCHEMA_VERSION, given, all_keys)
    dir_name = str(root.resolve())
    if store is not None and not problems:
        hit = store.get("tables", dir_name, whole_key)
        if hit is not None and not _future_dates(hit["claims"], today):
            if progress:
                progress(total, total, len(hit["claims"]))
            return Dataset(root, from_cache=True, **hit)

    with _gc_paused():
        vocab_records = {}
        broken = set()
        for name, file in vocab_files.items():
            display = file.display if file else os.path.join(given, name)
            if file is None and any(p.path == display for p in problems):
                records, found = [], []  # unreadable, already reported
            else:
                records, found = read_vocab_file(
                    file.data if file else None, name, display, use_libyaml
                )
            vocab_records[name.removesuffix(".yaml")] = records
            problems.extend(found)
            if any(p.path == display and p.field in ("file", "yaml") for p in problems):
                broken.add(name.removesuffix(".yaml"))
        path_of = {n.removesuffix(".yaml"): os.path.join(given, n) for n in VOCABULARIES}
        problems.extend(check_vocab_dates(vocab_records, path_of, today))
        vocab = {name: vocab_frame(name, records) for name, records in vocab_records.items()}

        tables: list[tuple[str, FileTable]] = []
        rows = 0
        for done, file in enumerate(files, 1):
            table = None
            if store is not None:
                table = store.get("files", file.key[0], (file.key, use_libyaml))
            if table is None:
                table = read_claim_file(file.data, file.display, use_libyaml)
                if store is not None:
                    store.put("files", file.key[0], (file.key, use_libyaml), table)
            elif table.problems:
                # Messages name the file as it was given this time.
                table = FileTable(table.columns, [_renamed(p, file.display) for p in table.problems])
            tables.append((file.display, table))
            problems.extend(table.problems)
            rows += table.rows
            if progress:
                progress(done, total, rows)
        del files  # the bytes are no longer needed

        columns = concat_columns(tables)
        del tables
        read_again = lambda display: Path(display).read_bytes()  # noqa: E731
        problems.extend(cross_check(columns, vocab, read_again, today, frozenset(broken)))
        if problems:
            raise DataError(problems)
        claims = claims_frame(columns, vocab)
        del columns

    tables_out = {"claims": claims, **vocab}
    if store is not None:
        store.put("tables", dir_name, whole_key, tables_out)
    return Dataset(root, **tables_out)


def _renamed(problem: Problem, display: str) -> Problem:
    return Problem(display, problem.line, problem.field, problem.message)


def _future_dates(claims: pd.DataFrame, today: _dt.date) -> bool:
    """A cached table is stale if the day has not come yet for some date in it
    (it was valid then and is still; this guards a clock that went back)."""
    limit = pd.Timestamp(today)
    return any(bool((claims[c] > limit).any()) for c in ("stated_on", "period_start", "period_end", "as_of"))
