"""The `noko-tui` command: run the dashboard, `check` a data directory,
`export` the claims a filter keeps, write a `brief`, or a `digest` of what
changed in a data directory kept in git.

Imports stay light here: pandas and Textual load only when needed, so that
`--help` is instant and the dashboard paints before the data is read.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from . import __version__
from .resources import EMBEDDED, ENV_DATA, data_dir


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="noko-tui",
        description=(
            "Terminal dashboard of claims about North Korea's military support to Russia: "
            "troops, casualties, equipment and diplomacy, each number traced to its source."
        ),
        epilog=(
            f"The data directory is --data, else ${ENV_DATA}, else ./data when the current "
            "directory holds one (with its sources.yaml), else the embedded data."
        ),
    )
    parser.add_argument("--version", action="version", version=f"noko-tui {__version__}")
    parser.add_argument("--data", metavar="DIR", help="data directory to load")
    parser.add_argument(
        "--no-cache", action="store_true", help="parse every file, ignoring the parse cache"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate a data directory and summarise it",
        description="Validate a data directory: exit 0 with a summary, or 1 with every problem.",
    )
    check.add_argument("directory", nargs="?", metavar="DIR", help="data directory to check")
    check.add_argument("--no-cache", action="store_true", help="parse every file")
    check.add_argument(
        "-v", "--verbose", action="store_true",
        help="name the data directory checked by its full path (the embedded data too)",
    )  # fmt: skip
    check.add_argument(
        "--consistency", action="store_true",
        help="also report where the arithmetic between quantities does not add up "
             "(findings, not errors: the exit status stays 0)",
    )  # fmt: skip
    check.add_argument(
        "--grades", action="store_true",
        help="also report each claimant whose reliability grade is not the one the record's "
             "threshold rule gives (data/README.md, Grades; findings: the exit status stays 0)",
    )  # fmt: skip
    export = commands.add_parser(
        "export",
        help="write the claims a filter keeps, with their citations (CSV, JSON, Markdown, Parquet)",
        description="Write the claims a filter keeps, one row each with its citation fields, "
                    "to stdout or a file.",
    )  # fmt: skip
    _add_data_options(export)
    _add_filter_options(export)
    export.add_argument("-f", "--format", metavar="FORMAT",
                        help="csv, json, markdown or parquet (default: from -o's extension, "
                             "else csv)")  # fmt: skip
    _add_output_option(export)
    brief = commands.add_parser(
        "brief",
        help="write a Markdown brief: per quantity, the current picture with sources",
        description="Write a Markdown brief of the claims a filter keeps: per quantity, each "
                    "origin's latest figure with its grade, the range, what is contested, the "
                    "revisions since the previous brief and the arithmetic's findings, with a "
                    "numbered list of the sources cited.",
    )  # fmt: skip
    _add_data_options(brief)
    _add_filter_options(brief)
    brief.add_argument("--previous", metavar="DATE|FILE",
                       help="the previous brief (its file, or the date it was written): "
                            "revisions said after it are listed")  # fmt: skip
    _add_output_option(brief)
    digest = commands.add_parser(
        "digest",
        help="what changed in the record since a git revision or date",
        description="When the data directory is kept in git: the claims added, removed and "
                    "edited since a revision or date, the revisions among them, newly contested "
                    "figures and new highs and lows per quantity. The working tree is compared, "
                    "so uncommitted edits count.",
    )  # fmt: skip
    _add_data_options(digest)
    digest.add_argument("--since", required=True, metavar="REV|DATE",
                        help="a git revision (HEAD~3, a tag, a hash) or a date (2025-03-01): "
                             "the last commit on or before it")  # fmt: skip
    digest.add_argument("-f", "--format", choices=("text", "markdown"), default="text")
    _add_output_option(digest)
    return parser


def _add_data_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--data", dest="sub_data", metavar="DIR", help="data directory to load")
    command.add_argument("--no-cache", action="store_true", help="parse every file")


def _add_output_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("-o", "--output", metavar="FILE",
                         help="write here (never over an existing file unless --force); "
                              "default stdout")  # fmt: skip
    command.add_argument("--force", action="store_true", help="replace an existing -o FILE")


def _add_filter_options(command: argparse.ArgumentParser) -> None:
    group = command.add_argument_group(
        "filter", "the dashboard's filter; a claimant or quantity by its id, name or the "
                  "short label the app shows (any case: NIS, kr-nis), repeat an option or "
                  "separate them with commas")  # fmt: skip
    group.add_argument("--category", action="append", default=[], metavar="ID")
    group.add_argument("--claimant", action="append", default=[], metavar="NAME")
    group.add_argument("--quantity", action="append", default=[], metavar="NAME")
    group.add_argument("--since", metavar="DATE", help="said on or after (2025, 2025-03, ...)")
    group.add_argument("--until", metavar="DATE", help="said on or before")
    group.add_argument("--known-on", metavar="DATE", help="only what was on the record that day")
    group.add_argument("--latest", action="store_true",
                       help="only each claimant's latest figure per quantity")  # fmt: skip
    group.add_argument("--text", default="", metavar="TEXT", help="text the claim contains")
    group.add_argument("--reliability", default="", metavar="GRADES",
                       help="only claims by claimants graded these (A-B, AC)")  # fmt: skip
    group.add_argument("--hide-credibility", default="", metavar="GRADES",
                       help="leave out claims whose credibility (the analyst's, else the "
                            "suggested) is one of these (4-5)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            directory, origin = data_dir(args.directory or args.data)
            return check(directory, origin, use_cache=not args.no_cache,
                         consistency=args.consistency, grades=args.grades,
                         verbose=args.verbose)  # fmt: skip
        if args.command in ("export", "brief", "digest"):
            from . import reports

            directory, origin = data_dir(args.sub_data or args.data)
            return reports.run(args, directory, origin, use_cache=not args.no_cache)
        from .app import run

        directory, origin = data_dir(args.data)
        return run(directory, origin, use_cache=not args.no_cache)
    except BrokenPipeError:  # `noko-tui check | head -1`: the reader has what it wanted
        _quiet_stdout()
        return 0


def _quiet_stdout() -> None:
    """After a broken pipe, send what is left of stdout nowhere, so that the
    interpreter's own flush at exit does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def check(directory: str, origin: str = "given", *, use_cache: bool = True,
          consistency: bool = False, grades: bool = False,
          verbose: bool = False) -> int:  # fmt: skip
    """Print every problem (one per line) and return 1, or a summary and 0;
    with `consistency`, the arithmetic's inconsistencies after the summary;
    with `grades`, the reliability grades the threshold rule does not give.

    The embedded data is named so, not by the path of the installed package:
    its problems name files relative to it (`claims/a.yaml:3: ...`), and its
    path is printed only with `verbose` or when it has problems (to open
    them)."""
    from .claims import DataError, load_dataset
    from .claims.queries import summary
    from .claims.safetext import clean

    embedded = origin == EMBEDDED
    name = EMBEDDED if embedded else clean(directory)
    if verbose:
        where = "" if origin == "given" else f"{origin}: "
        print(f"noko-tui: checking {where}{clean(os.path.abspath(directory))}", file=sys.stderr)
    elif embedded:
        print(f"noko-tui: checking {EMBEDDED}", file=sys.stderr)
    elif origin != "given":
        print(f"noko-tui: checking {origin}: {clean(directory)}", file=sys.stderr)
    try:
        dataset = load_dataset(directory, cache=use_cache, shown_as="" if embedded else None)
    except DataError as error:
        _notes(error.notes)
        try:
            for problem in error.problems:
                print(clean(str(problem)))
            sys.stdout.flush()
        except BrokenPipeError:  # `check | head -1`: the data is still bad
            _quiet_stdout()
        files = len({p.path for p in error.problems})
        # Paths of the embedded data are relative to it: say where it is.
        under = f" of {EMBEDDED}, {clean(os.path.abspath(directory))}" if embedded else ""
        print(
            f"{_count(len(error.problems), 'problem')} in {_count(files, 'file')}{under}",
            file=sys.stderr,
        )
        return 1
    _notes(dataset.notes)
    facts = summary(dataset.claims)
    print(
        f"{name}: valid: {_count(facts['claims'], 'claim')} in "
        f"{_count(facts['files'], 'file')}, {_count(len(dataset.claimants), 'claimant')}, "
        f"{_count(len(dataset.sources), 'source')}, {_count(len(dataset.quantities), 'quantity')}"
    )
    for category, count in facts["per_category"].items():
        print(f"  {category:<12} {count:>6}")
    _warnings(dataset)
    if consistency:
        _consistency_report(dataset)
    if grades:
        _grades_report(dataset)
    return 0


def _warnings(dataset: Any) -> None:
    """What looks wrong but is no error, as `warning:` lines on stderr: the
    exit status stays 0. Today: claims that look like one statement entered
    twice (`statements.py`)."""
    from .claims.statements import duplicate_warnings

    sys.stdout.flush()  # the summary first, where both go to one terminal
    for line in duplicate_warnings(dataset.claims):
        print(f"warning: {line}", file=sys.stderr)


def _grades_report(dataset: Any) -> None:
    """Each claimant graded otherwise than the threshold rule grades its
    record, with claimants.yaml's line and the counts behind the rule."""
    from .claims.reliability import disagreements
    from .claims.safetext import clean

    graded = int(dataset.claimants["reliability"].notna().sum())
    off = disagreements(dataset.claims, dataset.claimants, dataset.tolerances)
    lines = dict(zip(dataset.claimants["id"].astype(str), dataset.claimants["line"]))
    print()
    print(f"Grades: {_count(graded, 'claimant')} graded; {len(off)} not as the record's "
          f"threshold rule grades them (findings, not errors)")  # fmt: skip
    for claimant, grade, record in off:
        print(f"- claimants.yaml:{int(lines[claimant])}  {clean(claimant)}: graded {grade}, "
              f"the rule gives {record.grade} ({record.counts()})")  # fmt: skip


def _consistency_report(dataset: Any) -> None:
    """Every inconsistency, with the file:line of each claim involved."""
    from .claims.consistency import Consistency
    from .claims.safetext import clean

    claims = dataset.claims
    arithmetic = Consistency(claims, dataset.quantities, dataset.tolerances)
    bad = arithmetic.findings(inconsistent_only=True)
    print()
    print(f"Consistency: {_count(arithmetic.comparisons, 'comparison')} through the relations of "
          f"quantities.yaml; {_count(len(bad), 'inconsistency')} (findings, not errors)")  # fmt: skip
    files, lines, ids = claims["file"].astype(str), claims["line"], claims["id"].astype(str)
    for finding in bad:
        print(f"- {clean(finding.text)}")
        for i in finding.claims:
            print(f"    {clean(files.iat[i])}:{int(lines.iat[i])}  {clean(ids.iat[i])}")


def _notes(notes: tuple[str, ...]) -> None:
    from .claims.safetext import clean

    for note in notes:
        print(f"noko-tui: {clean(note)}", file=sys.stderr)


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n:,} {noun if n == 1 else plural}"
