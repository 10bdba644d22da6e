"""`noko-tui check` on the corpus of bad data directories under tests/bad/.

Each directory holds `expected.txt`: the exact lines `check` prints, then
`rc=N`, its exit status. Messages name file, line and field; every problem of
every file is reported at once, and no traceback ever reaches the user.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from conftest import BAD, ROOT, VALID, run_cli

from tui.claims import DataError, load_dataset
from tui.claims import load as load_module

CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.txt").is_file())


def test_the_corpus_covers_what_it_must() -> None:
    wanted = {
        "malformed-yaml", "wrong-types", "unknown-references", "duplicate-ids",
        "low-greater-than-high", "future-date", "missing-field", "empty-file",
        "non-list-file", "not-utf8", "every-problem-at-once",
        # from the audit: tracebacks before
        "huge-paragraph", "huge-value", "complex-key", "also-in-separator", "billion-laughs",
        # skipped silently before
        "dangling-symlink", "symlink-loop", "directory-named-yaml", "wrong-case-suffix",
        "other-files-in-claims",
        # accepted although wrong before
        "negative-counts", "infinity-and-nan", "tagged-number", "non-ascii-digits-in-dates",
        "utf16-file", "also-in-beyond-paragraphs", "also-in-self", "also-in-repeated",
        "anchors-and-aliases", "control-characters-in-ids", "text-too-long",
        # second round: accepted (or ignored) before
        "empty-text", "tags",
    }  # fmt: skip
    assert wanted <= set(CASES)


#: `file:line: field: message`; only a directory's problem names no line.
_WITH_LINE = re.compile(r"[^:]+:[1-9][0-9]*: [^:]+: .+")
_DIRECTORY = re.compile(r"[^:]+: directory: .+")


@pytest.mark.parametrize("case", CASES)
def test_check_reports_every_problem_exactly(case: str) -> None:
    expected = (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    *lines, status = expected
    result = run_cli("check", case, "--no-cache", cwd=BAD)
    assert result.stdout.splitlines() == lines
    for line in lines:  # a whole file's problem is on line 1
        assert _WITH_LINE.fullmatch(line) or _DIRECTORY.fullmatch(line), line
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


# --- Cases that cannot be kept as plain files in git ---------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


def problems_of(directory: Path, **options) -> list[str]:
    with pytest.raises(DataError) as error:
        load_dataset(directory, cache=False, **options)
    return [str(p) for p in error.value.problems]


@pytest.mark.parametrize("use_libyaml", [True, False])
def test_nested_aliases_are_refused_before_anything_is_expanded(
    use_libyaml: bool, data: Path
) -> None:
    """A few hundred bytes that stand for gigabytes once aliases are expanded."""
    bomb = (BAD / "billion-laughs" / "claims" / "a.yaml").read_bytes()
    assert len(bomb) < 700
    (data / "claims" / "bomb.yaml").write_bytes(bomb)
    # ... and the same in a vocabulary, read by the vocabulary reader
    sources = (data / "sources.yaml").read_text()
    (data / "sources.yaml").write_text(sources + "- id: x\n  title: &t [*t]\n")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = problems_of(data, use_libyaml=use_libyaml)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 50 * 2**20
    alias = "anchors and aliases are not allowed (alias *i)"
    assert any(p.endswith(alias + "; write the value out in full") for p in found)
    assert any(p.startswith(f"{data}/sources.yaml:") and "anchor &t" in p for p in found)


@pytest.mark.parametrize("use_libyaml", [True, False])
def test_utf16_and_bom_without_libyaml_too(use_libyaml: bool, data: Path) -> None:
    text = (data / "claims" / "a.yaml").read_text()
    (data / "claims" / "a.yaml").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (data / "claims" / "b.yaml").write_bytes(
        b"\xef\xbb\xbf" + (data / "claims" / "b.yaml").read_bytes()
    )
    found = problems_of(data, use_libyaml=use_libyaml)
    assert found == [
        f"{data}/claims/a.yaml:1: file: UTF-16 (it starts with a UTF-16 byte order mark); "
        "save the file as UTF-8"
    ]


def test_a_utf8_byte_order_mark_is_allowed(data: Path) -> None:
    for path in (data / "claims" / "a.yaml", data / "sources.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_dataset(data, cache=False).claims) == 4


def test_a_megabyte_title_is_refused(data: Path) -> None:
    sources = (data / "sources.yaml").read_text()
    title = "A test document"
    assert title in sources
    (data / "sources.yaml").write_text(sources.replace(title, "x" * 2**20, 1))
    found = problems_of(data)
    assert found == [f"{data}/sources.yaml:2: title: 1,048,576 characters; title has at most 1,000"]


def test_a_fifo_in_claims_is_reported_not_read(data: Path) -> None:
    os.mkfifo(data / "claims" / "pipe.yaml")  # reading it would wait forever
    found = problems_of(data)
    assert found == [f"{data}/claims/pipe.yaml:1: file: not read: not a regular file"]


def test_dotfiles_and_readme_in_claims_are_allowed(data: Path) -> None:
    for name in (".gitkeep", "README.md", "README", ".a.yaml.swp"):
        (data / "claims" / name).write_text("anything")
    assert len(load_dataset(data, cache=False).claims) == 4


def _refuse(name: str, real):
    """`real`, but refusing `name` (a path written exactly so) as root cannot."""

    def fake(target=".", *args, **kwargs):
        if os.fspath(target) == name:
            raise PermissionError(13, "Permission denied", name)
        return real(target, *args, **kwargs)

    return fake


def test_an_unreadable_claims_directory_is_a_problem(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "scandir", _refuse(str(data / "claims"), os.scandir))
    found = problems_of(data)
    assert found == [f"{data}/claims: directory: cannot read: Permission denied"]


def test_an_unlistable_or_unsearchable_data_directory_is_a_problem(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(os, "listdir", _refuse(str(data), os.listdir))
        assert problems_of(data) == [f"{data}: directory: cannot read: Permission denied"]
    with monkeypatch.context() as patch:
        patch.setattr(os, "stat", _refuse(os.path.join(data, "."), os.stat))
        assert problems_of(data) == [f"{data}: directory: cannot read: Permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bite root")
@pytest.mark.parametrize(
    ("where", "mode", "expected"),
    [
        ("claims", 0o300, "{data}/claims: directory: cannot read: Permission denied"),
        (".", 0o600, "{data}: directory: cannot read: Permission denied"),
        (".", 0o300, "{data}: directory: cannot read: Permission denied"),
    ],
)
def test_permissions_for_real(data: Path, where: str, mode: int, expected: str) -> None:
    target = data / where
    target.chmod(mode)
    try:
        result = run_cli("check", str(data), "--no-cache")
    finally:
        target.chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [expected.format(data=data)]


def test_the_claims_directory_in_the_api_lists_only_claim_files(data: Path) -> None:
    (data / "claims" / "A.YAML").write_text("[]")
    (data / "claims" / "sub.yaml").mkdir()
    assert [p.name for p in load_module.claim_files(data)] == ["a.yaml", "b.yaml"]
    problems: list = []
    load_module.claim_files(data, problems, "given")
    assert [str(p) for p in problems] == [
        "given/claims/A.YAML:1: file: not read: claim files end in .yaml or .yml, in lower case",
        "given/claims/sub.yaml: directory: not read: a directory; claims/ holds claim files only",
    ]


#: ESC, BEL, CSI/OSC introducers and every other C0/C1 control: none may reach
#: the terminal of whoever runs `check`.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def test_check_output_is_inert_whatever_the_data_holds(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    title = "\x1b]0;pwned\x07"
    clear = "\x1b[2J"
    clipboard = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
    claims = data / "claims"
    # YAML keys, ids and references holding escapes (YAML escapes in quotes)
    (claims / f"{title}.yaml").write_text(
        (claims / "a.yaml").read_text()
        .replace("id: t-1", 'id: "t-1\\e]0;pwned\\a"')
        .replace("claimant: kr-jcs", 'claimant: "kr\\e[2J"', 1)
        .replace("source: doc-a", 'source: "doc\\e]52;c;ZWNobyBwd25lZA==\\a"', 1)
        .replace("category: troops", '"\\e]0;key\\a\\x9b2J": 1\n  category: troops', 1)
    )  # fmt: skip
    (claims / "a.yaml").unlink()
    # raw escape bytes in a file: libyaml refuses the file
    (claims / "raw.yaml").write_bytes(b"- id: \x1b[2Jx\n")
    # file names from the data, not read
    (claims / f"notes{clear}.txt").write_text("x")
    os.symlink(f"gone{clipboard}", claims / "link\u009b.yaml")
    # a vocabulary key and a complex key with escapes
    with (data / "quantities.yaml").open("a") as f:
        f.write('- id: "q\\e[2J"\n  "\\e]0;x\\a": y\n  ? ["\\e[2J"]\n  : z\n')
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(data), "--no-cache"],
        capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert not _CONTROL_BYTES.search(result.stdout), result.stdout
    assert not _CONTROL_BYTES.search(result.stderr), result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) >= 8
    assert any("\u241b]0;pwned\u2407.yaml" in line for line in lines)  # ␛ ... ␇
    assert any("notes\u241b[2J.txt:1: file: not read" in line for line in lines)


def test_a_closed_pipe_ends_check_quietly_with_its_status(tmp_path: Path) -> None:
    """`noko-tui check | head -1` on bad data: the reader goes away before
    anything is written; no traceback, and the status still says bad."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "check", "wrong-types", "--no-cache"],
        cwd=BAD, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert stderr == "6 problems in 1 file\n"


# --- Symbolic links out of the data directory ----------------------------------

_OUT = "not read: a symbolic link out of the data directory"
_OUT_FILE = f"{_OUT}; copy the file into it instead"
_SECRET = "root:x:0:0:SECRET-LINE"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A directory beside the data: a file the data must never quote, and a
    copy of valid vocabularies and claims, which would load if read."""
    away = tmp_path / "away"
    away.mkdir()
    (away / "passwd").write_text(f"{_SECRET}\nnobody:x:65534\n")
    shutil.copytree(VALID / "claims", away / "claims")
    shutil.copy(VALID / "sources.yaml", away / "sources.yaml")
    (away / "tolerances.yaml").write_text("about: 0.2\n")
    return away


def test_a_link_out_of_the_data_directory_is_not_read(data: Path, outside: Path) -> None:
    """`ln -s /etc/passwd claims/pw.yaml`: refused before a byte of it is read
    (once, its first line was quoted); a vocabulary and tolerances.yaml too,
    even holding valid data; a link out to nothing is refused the same way,
    not reported missing (which would tell what exists out there)."""
    os.symlink(outside / "passwd", data / "claims" / "pw.yaml")
    os.symlink(outside / "nothing.yaml", data / "claims" / "gone.yaml")
    (data / "sources.yaml").unlink()
    os.symlink(outside / "sources.yaml", data / "sources.yaml")
    os.symlink(os.path.relpath(outside / "tolerances.yaml", data), data / "tolerances.yaml")
    result = run_cli("check", str(data), "--no-cache")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{data}/claims/gone.yaml:1: file: {_OUT_FILE}",
        f"{data}/claims/pw.yaml:1: file: {_OUT_FILE}",
        f"{data}/sources.yaml:1: file: {_OUT_FILE}",
        f"{data}/tolerances.yaml:1: file: {_OUT_FILE}",
    ]
    assert "SECRET" not in result.stdout + result.stderr
    assert str(outside) not in result.stdout + result.stderr


def test_a_claims_directory_linked_out_is_not_read(data: Path, outside: Path) -> None:
    shutil.rmtree(data / "claims")
    os.symlink(outside / "claims", data / "claims")
    assert problems_of(data) == [
        f"{data}/claims: directory: {_OUT}; move the claims into it instead"
    ]


def test_links_inside_the_data_directory_are_read(data: Path) -> None:
    """A claims file linked from elsewhere in the data directory, a claims
    directory that is a link to one inside it, and a data directory that is
    itself a link (followed as given): all read."""
    (data / "batches").mkdir()
    (data / "claims" / "b.yaml").rename(data / "batches" / "b.yaml")
    os.symlink("../batches/b.yaml", data / "claims" / "b.yaml")
    assert len(load_dataset(data, cache=False).claims) == 4
    (data / "claims").rename(data / "kept")
    os.symlink("kept", data / "claims")
    assert len(load_dataset(data, cache=False).claims) == 4
    os.symlink(data, data.parent / "linked")
    assert len(load_dataset(data.parent / "linked", cache=False).claims) == 4


def test_the_cache_cannot_bring_a_link_out_back(data: Path, outside: Path) -> None:
    """A claims file read through a link inside, and cached; then the file is
    moved out of the data directory (same bytes, same inode and modification
    time) and the link pointed at it: refused, whatever the cache holds."""
    (data / "kept").mkdir()
    (data / "claims" / "b.yaml").rename(data / "kept" / "b.yaml")
    os.symlink("../kept/b.yaml", data / "claims" / "b.yaml")
    assert len(load_dataset(data).claims) == 4
    assert load_dataset(data).from_cache
    (data / "kept" / "b.yaml").rename(outside / "b.yaml")
    (data / "claims" / "b.yaml").unlink()
    os.symlink(outside / "b.yaml", data / "claims" / "b.yaml")
    with pytest.raises(DataError) as error:
        load_dataset(data)
    assert [str(p) for p in error.value.problems] == [
        f"{data}/claims/b.yaml:1: file: {_OUT_FILE}"
    ]


# --- Tags ------------------------------------------------------------------------

#: A tag in every place a token can start: after an indicator, at the start
#: of a line (plain, after a BOM, after CR, NEL, LS or PS line breaks), in
#: flow collections, on a key, after an anchor, at the start of the stream.
TAGGED = [
    "- id: !x a\n",
    "- id: a\n  summary:\t!x a\n",
    "- id: a\n  summary:\n    !x a\n",
    "- id: a\r  summary:\r    !x a\r",
    "- id: a\n  summary:\u0085    !x a\n",
    "- id: a\n  summary:\u2028    !x a\n",
    "- id: a\n  summary:\u2029    !x a\n",
    "\ufeff!x [{id: a}]\n",
    "!x\n- id: a\n",
    "--- !x\n- id: a\n",
    "- !x {id: a}\n",
    "- - !x a\n",
    "- [a,!x b]\n",
    "- [!x a]\n",
    "- {id: !x a}\n",
    "- {\"id\":!x a}\n",
    "- [a,? !x b : c]\n",
    "- {? !x id : a}\n",
    "- ? !x id\n  : a\n",
    "- !x id: a\n",
    "- id: &a !x a\n",
    "- id: !!str a\n",
    "- id: ! a\n",
    "- id: !<tag:x> a\n",
    "%TAG !e! tag:example.org,2025:\n---\n- id: !e!t a\n",
]


@pytest.mark.parametrize("use_libyaml", [True, False])
@pytest.mark.parametrize("text", TAGGED)
def test_every_tag_is_found_wherever_it_stands(text: str, use_libyaml: bool) -> None:
    from tui.claims.yamlread import parse_bytes

    if "\t" in text and not use_libyaml:
        pytest.skip("PyYAML's own scanner takes no tab for a blank")
    _, problems = parse_bytes(text.encode(), "a.yaml", use_libyaml)
    assert any("YAML tags are not allowed" in p.message for p in problems), problems


@pytest.mark.parametrize("use_libyaml", [True, False])
def test_exclamation_marks_in_text_are_no_tags(data: Path, use_libyaml: bool) -> None:
    claims = data / "claims" / "a.yaml"
    claims.write_text(
        claims.read_text().replace(
            "summary: About 11,000 troops in Russia.",
            "summary: About 11,000 troops! In Russia !now, [a !b] -!c ?!\n"
            "  notes: 'quoted: !no, [!no'",
        )
    )
    loaded = load_dataset(data, cache=False, use_libyaml=use_libyaml).claims
    assert "About 11,000 troops! In Russia !now, [a !b] -!c ?!" in set(loaded["summary"])
    assert "quoted: !no, [!no" in set(loaded["notes"])


# --- The embedded data, named relative to itself --------------------------------


def test_the_cache_serves_a_directory_named_relatively_and_in_full(data: Path) -> None:
    relative = load_dataset(data, shown_as="")
    assert set(relative.claims["file"]) == {"claims/a.yaml", "claims/b.yaml"}
    full = load_dataset(data)
    assert full.from_cache
    assert set(full.claims["file"]) == {f"{data}/claims/a.yaml", f"{data}/claims/b.yaml"}
    again = load_dataset(data, shown_as="")
    assert again.from_cache and set(again.claims["file"]) == set(relative.claims["file"])
