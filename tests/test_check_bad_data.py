"""`noko-tui check` on the corpus of bad data directories under tests/bad/.

Each directory holds `expected.txt`: the exact lines `check` prints, then
`rc=N`, its exit status. Messages name file, line and field; every problem of
every file is reported at once, and no traceback ever reaches the user.
"""

from __future__ import annotations

import pytest
from conftest import BAD, run_cli

CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.txt").is_file())


def test_the_corpus_covers_what_it_must() -> None:
    wanted = {
        "malformed-yaml", "wrong-types", "unknown-references", "duplicate-ids",
        "low-greater-than-high", "future-date", "missing-field", "empty-file",
        "non-list-file", "not-utf8", "every-problem-at-once",
    }  # fmt: skip
    assert wanted <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_check_reports_every_problem_exactly(case: str) -> None:
    expected = (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    *lines, status = expected
    result = run_cli("check", case, "--no-cache", cwd=BAD)
    assert result.stdout.splitlines() == lines
    assert f"rc={result.returncode}" == status == "rc=1"
    assert "Traceback" not in result.stderr
    problem_files = {line.split(":", 1)[0] for line in lines}
    noun = "problem" if len(lines) == 1 else "problems"
    assert result.stderr.startswith(f"{len(lines)} {noun} in {len(problem_files)} file")


def test_an_unparsable_file_does_not_hide_other_files_problems() -> None:
    result = run_cli("check", "malformed-yaml", "--no-cache", cwd=BAD)
    files = {line.split(":", 1)[0] for line in result.stdout.splitlines()}
    assert files == {"malformed-yaml/claims/a.yaml", "malformed-yaml/claims/b.yaml"}


def test_the_cache_reports_the_same_problems_on_a_second_run() -> None:
    first = run_cli("check", "wrong-types", cwd=BAD)
    second = run_cli("check", "wrong-types", cwd=BAD)
    assert first.stdout == second.stdout and first.stdout
    assert second.returncode == 1


def test_a_missing_directory_is_a_message_not_a_traceback() -> None:
    result = run_cli("check", "no-such-dir", cwd=BAD)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["no-such-dir: directory: no such data directory"]
