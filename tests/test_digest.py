"""The digest (what changed in a data directory kept in git) and the app's
memory of the revision it last showed.

The git tests build a repository with scripted commits on fixed dates, from a
copy of `tests/data/valid`:

    C1 1 Apr 2025  the fixture, a third claimant and t-0 (HUR: about 20,000, Dec 2024)
    C2 2 Apr       w-1: HUR, about 400 killed (derived); a new claim, no revision
    C3 3 Apr       t-3: JCS revises its troops figure to about 10,500 (tag v1)
    C4 4 Apr       t-1 edited: value 11,000 -> 10,800 (a correction of the record,
                   not a revision: the JCS said nothing new)
    C5 5 Apr       d-1 removed
    C6 6 Apr       t-4: HUR about 15,000 for Feb 2025, contesting t-1 and revising t-0
    C7 7 Apr       t-5: DoD at least 25,000, a new high (previously t-0's 20,000)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, VALID

from tui.claims import DataError, load_dataset, seen
from tui.claims.digest import (
    Digest,
    DigestError,
    compare,
    dataset_at,
    digest_since,
    head,
    is_dirty,
    resolve,
)
from tui.claims.startup import opened

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No user or system git configuration, no user state, and UTC, so that
    dates resolve the same everywhere."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("NOKO_TUI_STATE_DIR", str(home / "state"))
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield home
    if old_tz is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old_tz
    time.tzset()


# ------------------------------------------------------------------ building repositories


def _git_env(home: Path, day: int | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="Analyst", GIT_AUTHOR_EMAIL="analyst@example.org",
               GIT_COMMITTER_NAME="Analyst", GIT_COMMITTER_EMAIL="analyst@example.org", TZ="UTC")
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"2025-04-{day:02d}T12:00:00+00:00"
    return env


def git(repo: Path, *args: str, day: int | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=_git_env(repo.parent, day),
                          capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout.strip()


def init(repo: Path) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")


def commit(repo: Path, message: str, day: int) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "--no-gpg-sign", "-m", message, day=day)


def claim(id_: str, **fields: object) -> str:
    """A claim in YAML, fields in order."""
    lines = [f"- id: {id_}"] + [f"  {k}: {v}" for k, v in fields.items()]
    return "\n".join(lines) + "\n"


T0 = claim("t-0", category="troops", quantity="troops_in_russia", value=20000, qualifier="about",
           claimant="ua-gur", stated_on="2024-12-20", as_of="2024-12", source="doc-a",
           paragraph=5, key_phrase="about 20,000", summary="About 20,000 troops in Russia.")
W1 = claim("w-1", category="casualties", quantity="killed", value=400, qualifier="about",
           claimant="ua-gur", stated_on="2025-01", source="doc-b", paragraph=2,
           key_phrase="twee derde van 600", summary="About 400 killed, two-thirds of 600.",
           notes="Two-thirds of the 600 the source gives.", inferred="[value]")
T3 = claim("t-3", category="troops", quantity="troops_in_russia", value=10500, qualifier="about",
           claimant="kr-jcs", stated_on="2025-04-02", as_of="2025-03", source="doc-a",
           paragraph=6, key_phrase="about 10,500", summary="About 10,500 troops in Russia.")
T4 = claim("t-4", category="troops", quantity="troops_in_russia", value=15000, qualifier="about",
           claimant="ua-gur", stated_on="2025-03-28", as_of="2025-02", source="doc-a",
           paragraph=7, key_phrase="about 15,000", summary="About 15,000 troops in Russia.")
T5 = claim("t-5", category="troops", quantity="troops_in_russia", value=25000, low=25000,
           qualifier="at least", claimant="us-dod", stated_on="2025-04-06", as_of="2025-04",
           source="doc-a", paragraph=8, key_phrase="at least 25,000",
           summary="At least 25,000 troops in Russia.")
CLAIMANTS = """\
- id: kr-jcs
  name: South Korea's Joint Chiefs of Staff
  short: JCS
  kind: military
  country: KR
- id: ua-gur
  name: Ukraine's military intelligence (HUR)
  short: HUR
  kind: intelligence
  country: UA
- id: us-dod
  name: US Department of Defense
  short: DoD
  kind: military
  country: US
"""


def write_record(data: Path) -> None:
    """The fixture as the first commit has it: valid/, the claimants with
    short names and a third one, and t-0."""
    shutil.copytree(VALID, data, dirs_exist_ok=True)
    (data / "claimants.yaml").write_text(CLAIMANTS, encoding="utf-8")
    (data / "claims" / "c.yaml").write_text(T0, encoding="utf-8")


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as out:
        out.write(text)


def remove_claim(path: Path, claim_id: str) -> None:
    """Drop one claim (its `- id:` line up to the next) from a claims file."""
    kept, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("- id:"):
            skipping = line.strip() == f"- id: {claim_id}"
        if not skipping:
            kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


def build_history(repo: Path, data: Path) -> None:
    """The seven commits of the module's docstring, the data in `data` (under `repo`)."""
    init(repo)
    write_record(data)
    commit(repo, "Initial record", 1)
    append(data / "claims" / "b.yaml", W1)
    commit(repo, "Add HUR's killed figure", 2)
    append(data / "claims" / "c.yaml", T3)
    commit(repo, "JCS revises troops in Russia", 3)
    git(repo, "tag", "v1")
    a = data / "claims" / "a.yaml"
    a.write_text(a.read_text(encoding="utf-8").replace("value: 11000", "value: 10800", 1),
                 encoding="utf-8")  # fmt: skip
    commit(repo, "Correct t-1's value", 4)
    remove_claim(data / "claims" / "b.yaml", "d-1")
    commit(repo, "Remove the visit", 5)
    append(data / "claims" / "c.yaml", T4)
    commit(repo, "HUR's February level", 6)
    append(data / "claims" / "c.yaml", T5)
    commit(repo, "DoD's new high", 7)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository of the module's docstring (data at its top). Never
    modified by a test: copy it first."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("history") / "record"
    build_history(repo, repo)
    return repo


@pytest.fixture
def own_history(history: Path, tmp_path: Path) -> Path:
    """A copy of the repository this test may change."""
    copy = tmp_path / "record"
    shutil.copytree(history, copy, symlinks=True)
    return copy


def ids(refs) -> list[str]:
    return [r.id for r in refs]


# ------------------------------------------------------------------------ the digest


@needs_git
def test_everything_since_the_first_commit(history: Path) -> None:
    found = digest_since(history, "HEAD~6", cache=False)
    assert found.since is not None and found.since.subject == "Initial record"
    assert found.head is not None and found.head.subject == "DoD's new high"
    assert found.commits == 6 and not found.dirty
    assert ids(found.added) == ["w-1", "t-4", "t-3", "t-5"]  # in the order they were said
    assert ids(found.removed) == ["d-1"]
    assert found.removed[0].where.startswith(f"{found.since.short}:claims/b.yaml:")
    # t-1's edited value corrects the record: not an edit of another field, not a revision.
    assert found.edited == ()
    (corrected,) = found.corrections
    assert corrected.claim.id == "t-1" and corrected.change == -200
    assert (corrected.was.figure, corrected.claim.figure) == ("about 11,000", "about 10,800")
    assert [(c.field, c.old, c.new) for c in corrected.changes] == [("value", "11,000", "10,800")]
    by_id = {r.claim.id: r for r in found.revisions}
    assert set(by_id) == {"t-3", "t-4"}
    assert by_id["t-3"].previous.id == "t-1" and by_id["t-3"].change == -300
    assert by_id["t-4"].previous.id == "t-0" and by_id["t-4"].change == -5000
    assert by_id["t-4"].previous.figure == "about 20,000"
    contested = {c.claim.id: c for c in found.contested}
    assert set(contested) == {"t-1", "t-4"}
    assert contested["t-4"].new and not contested["t-1"].new
    (against,) = contested["t-1"].against
    assert (against.claim_id, against.claimant, against.figure) == ("t-4", "HUR", "about 15,000")
    assert against.above and against.when == "Feb 2025" and against.apart == pytest.approx(330)
    (high,) = found.highs
    assert (high.quantity, high.claim.id, high.claim.figure) == ("troops_in_russia", "t-5",
                                                                 "at least 25,000")  # fmt: skip
    assert (high.previous.id, high.previous.figure) == ("t-0", "about 20,000")
    assert found.lows == ()  # w-1's 400 ties c-1's, and nothing went under t-2's 10,000
    assert found.uncontested == ()
    assert found.counts() == {"new claims": 4, "revisions": 2, "corrections": 1, "removed": 1,
                              "edited": 0, "newly contested": 2, "no longer contested": 0,
                              "new highs": 1, "new lows": 0}  # fmt: skip


@needs_git
def test_text_says_each_change_with_its_citation(history: Path) -> None:
    found = digest_since(history, "HEAD~6", cache=False)
    out = found.text()
    first = out.splitlines()[0]
    assert first.startswith(f"What changed since {found.since.short} (1 Apr 2025, ")
    assert first.endswith("\u201cInitial record\u201d) to the working tree")
    assert "4 new claims, 2 revisions, 1 correction, 1 removed, 0 edited, 2 newly contested, " \
           "0 no longer contested, 1 new high, 0 new lows" in out
    # Each section says what its items are: a revision is new, a correction is not.
    assert "Revisions (2): new claims by which a claimant supersedes its own earlier figure" in out
    assert ("Corrections of the record (1): claims already on the record whose figure was "
            "edited; the claimant said nothing new") in out
    assert "no uncommitted changes" in out and "6 commits later" in out
    lines = out.splitlines()

    def line(section: str, claim_id: str) -> str:
        start = next(i for i, x in enumerate(lines) if x.startswith(section))
        return next(x for x in lines[start:] if x.split()[:1] == [claim_id])

    assert "about 400 (derived)" in line("New claims", "w-1")
    assert line("New claims", "w-1").endswith("[doc-b \u00b62]")
    assert ("North Korean troops in Russia: about 10,800 (t-1, said 27 Mar 2025) \u2192 "
            "about 10,500 (said 2 Apr 2025), as of Mar 2025: \u2212300 (\u22122.8%)"
            ) in line("Revisions", "t-3")  # fmt: skip
    assert "\u22125,000 (\u221225.0%)" in line("Revisions", "t-4")
    assert ("North Korean troops in Russia, as of Feb 2025: about 11,000 \u2192 about 10,800: "
            "\u2212200 (\u22121.8%); the record corrected (value 11,000 \u2192 10,800), not a "
            "new statement") in line("Corrections of the record", "t-1")
    assert "Edited claims" not in out
    assert f"was at {found.since.short}:claims/b.yaml:" in line("Removed claims", "d-1")
    assert "contradicted by HUR about 15,000 (t-4) for Feb 2025, above it by 330" in line(
        "Newly contested", "t-1")
    assert "the highest before: about 20,000 (HUR, t-0, said 20 Dec 2024)" in line(
        "New highs", "t-5")
    assert "at least 25,000" in line("New highs", "t-5")
    # aligned: the claimant column starts at the same place in a section
    new = lines[lines.index("New claims (4)") + 1 : lines.index("New claims (4)") + 5]
    assert len({x.index("HUR") if "HUR" in x else x.index("JCS") if "JCS" in x else x.index("DoD")
                for x in new}) == 1  # fmt: skip
    assert "New lows" not in out  # empty sections are left out; the count says 0


@needs_git
def test_markdown(history: Path) -> None:
    found = digest_since(history, "HEAD~6", cache=False)
    md = found.markdown()
    assert md.startswith(f"# What changed since {found.since.short}\n")
    assert "**4** new claims, **2** revisions" in md
    assert "## New claims (4)" in md and "## New highs (1)" in md
    assert ("- t-5 (DoD): North Korean troops in Russia: **at least 25,000**, as of Apr 2025; "
            "said 6 Apr 2025; the highest before: about 20,000 (HUR, t-0, said 20 Dec 2024). "
            "Source: doc-a ¶8.") in md  # fmt: skip
    corrected = ("- t-1 (JCS): North Korean troops in Russia, as of Feb 2025: about 11,000 "
                 "\u2192 **about 10,800**: \u2212200 (\u22121.8%); the record corrected "
                 "(value 11,000 \u2192 10,800), not a new statement; said 27 Mar 2025")
    assert f"{corrected}. Source: doc-a ¶3." in md
    assert "## Corrections of the record (1)\n\nClaims already on the record whose figure" in md


@needs_git
def test_since_a_revision_a_tag_or_a_date(history: Path) -> None:
    two = digest_since(history, "HEAD~2", cache=False)
    assert ids(two.added) == ["t-4", "t-5"] and not two.removed and not two.edited
    assert [r.claim.id for r in two.revisions] == ["t-4"]
    assert {c.claim.id for c in two.contested} == {"t-1", "t-4"}
    assert resolve(history, "v1") == resolve(history, "HEAD~4")
    assert resolve(history, "2025-04-03") == resolve(history, "v1")  # that day's commit
    assert resolve(history, "2025-04") == resolve(history, "HEAD")  # the month's last
    assert resolve(history, "2025") == resolve(history, "HEAD")
    assert resolve(history, "9999-12-31") == resolve(history, "HEAD")  # past git's dates
    assert resolve(history, "2025-04-02") == resolve(history, "HEAD~5")  # not the 1970 reading
    full = resolve(history, "HEAD~6")
    assert resolve(history, full.hash) == full and resolve(history, full.short) == full
    by_date = digest_since(history, "2025-04-03", cache=False)
    assert ids(by_date.added) == ["t-4", "t-5"] and ids(by_date.removed) == ["d-1"]
    assert [e.claim.id for e in by_date.corrections] == ["t-1"] and not by_date.edited
    # t-3 was there already (its change follows t-1's correction, which is listed): not a revision
    assert [r.claim.id for r in by_date.revisions] == ["t-4"]


@needs_git
def test_a_branch_named_like_a_date_is_that_branch(own_history: Path) -> None:
    git(own_history, "branch", "2025-04-05", "HEAD~5")
    assert resolve(own_history, "2025-04-05").subject == "Add HUR's killed figure"
    assert resolve(own_history, "2025-04-06").subject == "HUR's February level"


@needs_git
def test_since_head_on_a_clean_tree_says_nothing_changed(history: Path) -> None:
    found = digest_since(history, "HEAD", cache=False)
    assert found.unchanged and found.commits == 0
    assert "Nothing changed" in found.text() and "HEAD is" in found.text()
    assert "Nothing changed" in found.markdown()


@needs_git
def test_uncommitted_edits_count(own_history: Path) -> None:
    assert not is_dirty(own_history)
    append(own_history / "claims" / "c.yaml", claim(
        "t-6", category="troops", quantity="troops_in_russia", value=5000, qualifier="about",
        claimant="us-dod", stated_on="2025-04-07", as_of="2025-01", source="doc-a", paragraph=9,
        key_phrase="about 5,000", summary="About 5,000 troops in Russia."))  # fmt: skip
    assert is_dirty(own_history)
    found = digest_since(own_history, "HEAD", cache=False)
    assert found.dirty and ids(found.added) == ["t-6"]
    (low,) = found.lows
    assert (low.claim.id, low.previous.id, low.previous.figure) == ("t-6", "t-2", "10,000–12,000")
    assert "uncommitted changes in the data directory count" in found.text()
    assert "; uncommitted changes in the data directory count." in found.markdown()


@needs_git
def test_data_in_a_subdirectory_of_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    (repo / "README.md").write_text("notes\n", encoding="utf-8")
    write_record(repo / "data")
    commit(repo, "Data", 1)
    remove_claim(repo / "data" / "claims" / "b.yaml", "d-1")
    append(repo / "data" / "claims" / "c.yaml", T3)
    (repo / "README.md").write_text("other notes\n", encoding="utf-8")
    commit(repo, "Revise", 2)
    found = digest_since(repo / "data", "HEAD~1", cache=False)
    assert ids(found.added) == ["t-3"] and ids(found.removed) == ["d-1"]
    assert found.removed[0].where.startswith(f"{found.since.short}:data/claims/b.yaml:")
    old = dataset_at(repo / "data", "HEAD~1")
    assert len(old.claims) == 5
    assert str(old.claims["file"].iat[0]).startswith(f"{found.since.short}:data/claims/")


@needs_git
def test_links_and_hostile_subjects_at_a_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    write_record(repo)
    (repo / "extra").mkdir()
    (repo / "extra" / "more.yaml").write_text(T3, encoding="utf-8")
    (repo / "claims" / "more.yaml").symlink_to("../extra/more.yaml")
    (repo / "claims" / "away.yaml").symlink_to("../../outside.yaml")
    (tmp_path / "outside.yaml").write_text(T4, encoding="utf-8")
    (repo / "claims" / "etc.yaml").symlink_to("/etc/hostname")
    commit(repo, "Links \x1b]0;pwned\x07 and a very long subject " + "x" * 100, 1)
    old = dataset_at(repo, "HEAD")
    # the link within the data is read as the file it names; the others are left out
    assert sorted(old.claims["id"]) == ["c-1", "d-1", "t-0", "t-1", "t-2", "t-3"]
    described = resolve(repo, "HEAD").describe()
    assert "\x1b" not in described and "\u241b]0;pwned\u2407" in described
    assert described.endswith("x\u2026\u201d)")


# -------------------------------------------------------------------------- errors


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    data = tmp_path / "plain"
    shutil.copytree(VALID, data)
    if shutil.which("git") is None:
        with pytest.raises(DigestError, match="git is not installed"):
            digest_since(data, "HEAD")
        return
    with pytest.raises(DigestError, match="is not in a git repository"):
        digest_since(data, "HEAD")
    assert head(data) is None and not is_dirty(data)
    with pytest.raises(DigestError, match="no such data directory"):
        digest_since(tmp_path / "missing", "HEAD")


def test_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on it
    with pytest.raises(DigestError, match="git is not installed"):
        resolve(VALID, "HEAD")
    assert head(VALID) is None


@needs_git
@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("no-such-branch", "unknown revision 'no-such-branch'"),
        ("HEAD~40", "unknown revision 'HEAD~40'"),
        ("--output=/tmp/x", "unknown revision '--output=/tmp/x'"),
        ("2025-03-31", (r"no commit on or before 2025-03-31 \(the first commit, [0-9a-f]+ "
                        r"\(1 Apr 2025, \u201cInitial record\u201d\), is later\)")),
        ("1969-07-20", "no commit on or before 1969-07-20"),
        ("0100", "no commit on or before 0100"),
        ("2025-13", "'2025-13' is not a date"),
        ("2025-02-30", "'2025-02-30' is not a date"),
        ("  ", "--since needs a revision"),
    ],
)  # fmt: skip
def test_bad_since(history: Path, since: str, message: str) -> None:
    with pytest.raises(DigestError, match=message):
        resolve(history, since)


@needs_git
def test_no_commit_yet(tmp_path: Path) -> None:
    repo = tmp_path / "empty"
    init(repo)
    shutil.copytree(VALID, repo, dirs_exist_ok=True)
    assert head(repo) is None
    with pytest.raises(DigestError, match="has no commits yet"):
        digest_since(repo, "HEAD")


@needs_git
def test_data_at_the_revision_cannot_be_loaded(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    shutil.copytree(VALID, repo, dirs_exist_ok=True)
    a = repo / "claims" / "a.yaml"
    good = a.read_text(encoding="utf-8")
    a.write_text(good.replace("value: 11000", "value: '11000'", 1), encoding="utf-8")
    commit(repo, "Old format", 1)
    a.write_text(good, encoding="utf-8")
    commit(repo, "Fixed", 2)
    old = resolve(repo, "HEAD~1")
    with pytest.raises(DigestError) as raised:
        digest_since(repo, "HEAD~1", cache=False)
    message = str(raised.value)
    assert message.startswith(f"the data at {old.short} (1 Apr 2025, \u201cOld format\u201d) "
                              "cannot be loaded (1 problem;")  # fmt: skip
    assert f"  {old.short}:claims/a.yaml:4: value: expected a number" in message
    assert "tmp" not in message.replace(str(tmp_path), "")  # no temporary path leaks


@needs_git
def test_data_not_yet_in_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    (repo / "README.md").write_text("notes\n", encoding="utf-8")
    commit(repo, "Start", 1)
    shutil.copytree(VALID, repo / "data")
    commit(repo, "Data", 2)
    with pytest.raises(DigestError, match=r"the data directory \(data\) was not in the "
                                          r"repository at [0-9a-f]+ \(1 Apr 2025"):  # fmt: skip
        digest_since(repo / "data", "HEAD~1", cache=False)


@needs_git
def test_the_working_tree_with_problems_is_a_data_error(own_history: Path) -> None:
    append(own_history / "claims" / "c.yaml", "- id: broken\n")
    with pytest.raises(DataError):
        digest_since(own_history, "HEAD", cache=False)


# ------------------------------------------------------------------- the command line


@needs_git
def test_cli_text_and_markdown(history: Path, tmp_path: Path, capsys) -> None:
    from tui.cli import main

    assert main(["digest", "--data", str(history), "--since", "HEAD~2"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("What changed since ") and "t-5" in out and "t-4" in out
    assert ("2 new claims, 1 revision, 0 corrections, 0 removed, 0 edited, 2 newly contested, "
            "0 no longer contested, 1 new high") in out
    assert err == ""
    assert main(["digest", "--data", str(history), "--since", "HEAD~2", "-f", "markdown"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("# What changed since ") and "## Newly contested (2)" in out
    target = tmp_path / "digest.md"
    assert main(["digest", "--data", str(history), "--since", "v1", "-f", "markdown",
                 "-o", str(target)]) == 0  # fmt: skip
    assert target.read_text(encoding="utf-8").startswith("# What changed since ")


@needs_git
def test_cli_errors_are_one_clear_line(history: Path, tmp_path: Path, capsys) -> None:
    from tui.cli import main

    assert main(["digest", "--data", str(history), "--since", "nope"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("noko-tui digest: unknown revision 'nope'") and "Traceback" not in err
    shutil.copytree(VALID, tmp_path / "plain")
    assert main(["digest", "--data", str(tmp_path / "plain"), "--since", "HEAD"]) == 1
    _, err = capsys.readouterr()
    assert "is not in a git repository" in err and "Traceback" not in err


# ----------------------------------------------------------------- comparing data sets


def _dataset(tmp_path: Path, name: str, extra: str = "") -> object:
    data = tmp_path / name
    write_record(data)
    if extra:
        append(data / "claims" / "c.yaml", extra)
    return load_dataset(data, cache=False)


def test_compare_without_git_and_inert_text(tmp_path: Path) -> None:
    hostile = claim("x-1", category="diplomacy", claimant="kr-jcs", stated_on="2025-03",
                    source="doc-b", paragraph=3, key_phrase="x",
                    summary='"A *visit* \\e]0;pwned\\a <b>[link](javascript:x)"')  # fmt: skip
    found = compare(_dataset(tmp_path, "old"), _dataset(tmp_path, "new", hostile))
    assert found.since is None and ids(found.added) == ["x-1"]
    out = found.text()
    assert out.startswith("What changed between two data sets, to the working tree")
    assert "\x1b" not in out and "\x07" not in out and "\u241b]0;pwned\u2407" in out
    md = found.markdown()
    assert "\x1b" not in md and r"A \*visit\*" in md and r"\<b\>\[link\]" in md


def test_an_edited_value_is_a_correction_not_a_revision(tmp_path: Path) -> None:
    """t-3 revises t-1 (the JCS's newer figure). Editing t-3's value later
    is the analyst fixing the record: the JCS said nothing new, so the digest
    lists a correction, never "10,500 -> 12,000" as a revision."""
    old = _dataset(tmp_path, "old", T3)
    new = _dataset(tmp_path, "new", T3.replace("value: 10500", "value: 12000"))
    found = compare(old, new)
    assert found.revisions == () and found.edited == () and found.added == ()
    (corrected,) = found.corrections
    assert corrected.claim.id == "t-3" and corrected.change == 1500
    out = found.text()
    assert "Revisions" not in out
    assert "about 10,500 \u2192 about 12,000: +1,500 (+14.3%); the record corrected" in out


def test_contests_that_ended_are_listed(tmp_path: Path) -> None:
    """HUR's about 15,000 for February contests the JCS's t-1; once it is
    removed, t-1 is no longer contested, and the digest says so and by whom
    it was contradicted."""
    found = compare(_dataset(tmp_path, "old", T4), _dataset(tmp_path, "new"))
    assert ids(found.removed) == ["t-4"] and found.contested == ()
    (ended,) = found.uncontested
    assert ended.claim.id == "t-1"
    assert [(c.claim_id, c.claimant, c.figure) for c in ended.before] == [
        ("t-4", "HUR", "about 15,000")]
    out = found.text()
    assert "0 newly contested, 1 no longer contested" in out
    assert "no longer contradicted by HUR about 15,000 (t-4) for Feb 2025" in out
    assert "## No longer contested (1)" in found.markdown()


def test_edits_name_each_field_and_ignore_moves(tmp_path: Path) -> None:
    old = _dataset(tmp_path, "old")
    data = tmp_path / "new"
    write_record(data)
    b = data / "claims" / "b.yaml"
    text = b.read_text(encoding="utf-8")
    moved = text[: text.index("- id: d-1")]  # c-1, moved to c.yaml unchanged
    b.write_text(text[text.index("- id: d-1"):].replace("period_start: 2025-03-17",
                                                        "period_start: 2025-03"), encoding="utf-8")
    append(data / "claims" / "c.yaml", moved.replace("paragraph: 13", "paragraph: 12"))
    found = compare(old, load_dataset(data, cache=False))
    assert not found.added and not found.removed
    changes = {e.claim.id: [(c.field, c.old, c.new) for c in e.changes] for e in found.edited}
    assert changes == {"c-1": [("paragraph", "13", "12")],
                       "d-1": [("period_start", "17 Mar 2025", "Mar 2025")]}  # fmt: skip
    (section,) = found.sections(limit=None)
    assert section.heading == "Edited claims" and section.count == 2 and section.more == 0
    assert [line.id for line in section.lines] == ["d-1", "c-1"]  # undated first
    assert section.lines[1].words == "North Korean soldiers killed: paragraph 13 \u2192 12"
    assert section.lines[1].cite == "doc-b \u00b612"


def test_an_identical_record_has_nothing_to_say(tmp_path: Path) -> None:
    same = _dataset(tmp_path, "a")
    found = compare(same, same)
    assert found.unchanged and found.text().count("Nothing changed") == 1


def test_long_sections_are_capped(tmp_path: Path) -> None:
    many = "".join(
        claim(f"m-{n:02d}", category="diplomacy", claimant="ua-gur", stated_on="2025-03",
              source="doc-b", paragraph=n + 1, key_phrase="x", summary=f"Meeting {n}.")
        for n in range(7)
    )  # fmt: skip
    found = compare(_dataset(tmp_path, "old"), _dataset(tmp_path, "new", many))
    assert len(found.added) == 7
    out = found.text(limit=3)
    assert "New claims (7)" in out and "  ... and 4 more" in out and "m-03" not in out
    assert "- ... and 4 more" in found.markdown(limit=3)


def test_a_digest_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Digest().added = ()  # type: ignore[misc]


def test_the_digest_and_state_modules_do_not_import_pandas() -> None:
    script = ("import sys, tui.claims.digest, tui.claims.seen, tui.claims.startup; "
              "print(any(m.split('.')[0] in ('pandas', 'numpy', 'textual') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "False"


# ------------------------------------------------------------ the app's state memory

HASH_A, HASH_B = "a" * 40, "b" * 40


def test_seen_round_trip(tmp_path: Path, isolated: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    assert seen.last_seen(data) is None
    seen.remember(data, HASH_A)
    assert seen.last_seen(data) == HASH_A
    link = tmp_path / "link"
    link.symlink_to(data)
    assert seen.last_seen(link) == HASH_A  # keyed by the real path
    seen.remember(str(link), HASH_B.upper())
    assert seen.last_seen(data) == HASH_B
    assert seen.last_seen(tmp_path) is None
    seen.remember(data, "HEAD")  # not a full hash: ignored
    seen.remember(data, "--output=x" + "a" * 30)
    assert seen.last_seen(data) == HASH_B
    state = isolated / "state"
    assert sorted(p.name for p in state.iterdir()) == ["seen.json"]  # no temporary file left
    assert json.loads((state / "seen.json").read_text())["version"] == 1


@pytest.mark.parametrize("junk", [b"", b"{not json", b"\xff\xfe", b"[1, 2]", b'{"version": 1}',
                                  b'{"version": 1, "directories": {"x": {"revision": 3}}}',
                                  b"[" * 100_000])  # fmt: skip
def test_a_corrupt_state_file_reads_as_empty(tmp_path: Path, isolated: Path, junk: bytes) -> None:
    state = isolated / "state"
    state.mkdir()
    (state / "seen.json").write_bytes(junk)
    assert seen.last_seen(tmp_path) is None
    seen.remember(tmp_path, HASH_A)
    assert seen.last_seen(tmp_path) == HASH_A


def test_where_state_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOKO_TUI_STATE_DIR", str(tmp_path / "given"))
    assert seen.state_dir() == tmp_path / "given"
    monkeypatch.delenv("NOKO_TUI_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert seen.state_dir() == tmp_path / "xdg" / "noko-tui"
    seen.remember(tmp_path, HASH_A)
    assert (tmp_path / "xdg" / "noko-tui" / "seen.json").is_file()
    monkeypatch.setenv("XDG_STATE_HOME", "relative/state")  # ignored, as XDG says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert seen.state_dir() == tmp_path / "home" / ".local" / "state" / "noko-tui"
    monkeypatch.delenv("HOME")
    monkeypatch.delenv("XDG_STATE_HOME")
    assert seen.state_dir() is None
    seen.remember(tmp_path, HASH_B)  # nowhere to keep it: nothing happens
    assert seen.last_seen(tmp_path) is None


def test_a_failed_write_leaves_the_old_state(tmp_path: Path, isolated: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    seen.remember(tmp_path, HASH_A)

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(seen.os, "replace", refuse)
    seen.remember(tmp_path, HASH_B)
    assert seen.last_seen(tmp_path) == HASH_A
    assert sorted(p.name for p in (isolated / "state").iterdir()) == ["seen.json"]
    monkeypatch.undo()
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("NOKO_TUI_STATE_DIR", str(blocked))
    seen.remember(tmp_path, HASH_B)  # cannot be written: ignored
    assert seen.last_seen(tmp_path) is None


def test_only_the_most_recent_directories_are_kept(
    tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(seen, "MOST", 3)
    for n in range(5):
        (tmp_path / str(n)).mkdir()
        seen.remember(tmp_path / str(n), f"{n}" * 40)
    data = json.loads((isolated / "state" / "seen.json").read_text())
    assert len(data["directories"]) == 3
    assert seen.last_seen(tmp_path / "4") == "4" * 40


@needs_git
def test_opened_remembers_head_for_the_next_time(history: Path) -> None:
    first = opened(history)
    assert first.head is not None and first.previous is None
    assert first.since == first.head.hash  # first time: the uncommitted changes
    again = opened(history)
    assert again.previous == first.head.hash == again.since
    assert digest_since(history, again.since, cache=False).unchanged
