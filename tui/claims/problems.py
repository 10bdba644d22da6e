"""A problem found in the data, reported as `file:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with one file; `line` is 1-based. A problem with a
    whole file (missing, not read, cannot be read) is on line 1, where an
    editor opens it; one with a directory has line 0 and names no line
    (`data/claims: directory: missing; ...`): a directory has none."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}"


class DataError(Exception):
    """The data directory has problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem], *, notes: tuple[str, ...] = ()) -> None:
        self.problems = sorted(problems, key=_order)
        #: What the user should be told once besides the problems (`Dataset.notes`).
        self.notes = notes
        super().__init__("\n".join(str(p) for p in self.problems))


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line, problem.field)
