"""The commands that take work out of noko-tui: `export`, `brief`, `digest`.

Each loads the data directory like `check` (every problem, exit 1), reads
the dashboard's filter from the options (`claims.selection`), and writes to
stdout or, with `-o FILE`, atomically to a new file (`claims.formats`).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from collections.abc import Callable
from typing import IO, Any


def run(args: argparse.Namespace, directory: str, origin: str, *, use_cache: bool) -> int:
    from .claims import DataError, load_dataset
    from .claims.safetext import clean

    if origin != "given":
        print(f"noko-tui: reading {origin}: {clean(directory)}", file=sys.stderr)
    if args.command == "digest":
        return _digest(args, directory, use_cache=use_cache)
    try:
        dataset = load_dataset(directory, cache=use_cache)
    except DataError as error:
        return _bad_data(error)
    for note in dataset.notes:
        print(f"noko-tui: {clean(note)}", file=sys.stderr)
    from .claims.selection import FilterError, build_filter

    try:
        chosen = build_filter(
            dataset, categories=args.category, claimants=args.claimant,
            quantities=args.quantity, since=args.since, until=args.until,
            known_on=args.known_on, latest=args.latest, text=args.text,
            reliability=args.reliability, hide_credibility=args.hide_credibility,
        )  # fmt: skip
    except FilterError as error:
        for problem in error.problems:
            print(f"noko-tui {args.command}: {clean(problem)}", file=sys.stderr)
        return 1
    if args.command == "export":
        return _export(args, dataset, chosen)
    return _brief(args, dataset, chosen)


def _bad_data(error: Any) -> int:
    from .claims.safetext import clean

    for problem in error.problems:
        print(clean(str(problem)), file=sys.stderr)
    print(f"noko-tui: the data has {len(error.problems)} problem(s); "
          "`noko-tui check` lists them", file=sys.stderr)  # fmt: skip
    return 1


def _export(args: argparse.Namespace, dataset: Any, chosen: Any) -> int:
    from .claims import formats
    from .claims.export import export_frame
    from .claims.selection import select

    try:
        fmt = formats.format_for(args.format, args.output)
    except ValueError as error:
        print(f"noko-tui export: {error}", file=sys.stderr)
        return 1
    if fmt.binary and not args.output and sys.stdout.isatty():
        print(f"noko-tui export: {fmt.name} is binary: give -o FILE or pipe it", file=sys.stderr)
        return 1
    _, claims = select(dataset, chosen)
    data = formats.writer(export_frame(claims), fmt)
    noun = "claim" if len(claims) == 1 else "claims"
    return _emit(args, data, f"{len(claims):,} {noun} as {fmt.name}", "export")


def _brief(args: argparse.Namespace, dataset: Any, chosen: Any) -> int:
    from .claims.brief import brief, previous_date
    from .claims.filters import vocabulary_names
    from .claims.safetext import clean
    from .claims.selection import select

    previous = None
    if args.previous:
        try:
            previous = previous_date(args.previous)
        except ValueError as error:
            print(f"noko-tui brief: --previous: {clean(error)}", file=sys.stderr)
            return 1
    record, claims = select(dataset, chosen)
    names = vocabulary_names(dataset.claimants, dataset.quantities)
    text = brief(dataset, record, claims, described=chosen.describe(names), previous=previous,
                 today=_dt.date.today())  # fmt: skip
    return _emit(args, text.encode("utf-8"), "a brief", "brief")


def _digest(args: argparse.Namespace, directory: str, *, use_cache: bool) -> int:
    from .claims import DataError
    from .claims.digest import DigestError, digest_since

    try:
        found = digest_since(directory, args.since, cache=use_cache)
    except DigestError as error:
        print(f"noko-tui digest: {error}", file=sys.stderr)
        return 1
    except DataError as error:
        return _bad_data(error)
    text = found.markdown() if args.format == "markdown" else found.text()
    return _emit(args, text.encode("utf-8"), "a digest", "digest")


def _emit(args: argparse.Namespace, data: bytes | Callable[[IO[bytes]], None], what: str,
          command: str) -> int:  # fmt: skip
    """To stdout, or to a new file (atomically; an existing one only with --force)."""
    from .claims.formats import write_file
    from .claims.safetext import clean

    if not args.output or args.output == "-":
        sys.stdout.flush()
        if callable(data):
            data(sys.stdout.buffer)
        else:
            sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        written = write_file(args.output, data, overwrite=args.force)
    except FileExistsError:
        print(f"noko-tui {command}: {clean(args.output)} exists: not replaced "
              "(--force replaces it)", file=sys.stderr)  # fmt: skip
        return 1
    except OSError as error:
        print(f"noko-tui {command}: cannot write {clean(args.output)}: "
              f"{clean(error.strerror or error)}", file=sys.stderr)  # fmt: skip
        return 1
    print(f"noko-tui {command}: wrote {what} to {clean(written)}", file=sys.stderr)
    return 0
