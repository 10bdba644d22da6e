"""Nothing a data directory's git repository configures ever runs.

A data directory often arrives with its `.git` (a shared directory, a
tarball, a colleague's working copy), and a repository's configuration can
name programs: filters, the file system monitor, hooks, pagers, external
diffs, signature verifiers, transports. noko-tui reads the history for the
digest (and `d` in the app), and each test here arms a repository with one
such setting pointing at a program that leaves a mark, then runs everything
the digest runs: `head`, `resolve` by revision and by date, `is_dirty`,
`dataset_at`, `digest_since` and `noko-tui digest`. The mark must never
appear. `test_the_trap_is_armed` shows that the filter does fire under a
plain `git status`, so that a quiet trap is not taken for a safe reader.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_digest import (  # noqa: F401 - fixtures: the repository, isolation
    _git_env, append, build_history, claim, git, history, isolated, own_history,
)

from tui.claims.digest import dataset_at, digest_since, head, is_dirty, resolve

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

T6 = claim("t-6", category="troops", quantity="troops_in_russia", value=5000, qualifier="about",
           claimant="us-dod", stated_on="2025-04-07", as_of="2025-01", source="doc-a",
           paragraph=9, key_phrase="about 5,000", summary="About 5,000 troops in Russia.")


@pytest.fixture
def pristine(history: Path) -> Path:
    """The scripted repository of `test_digest` (never changed)."""
    return history


@pytest.fixture
def repo(own_history: Path) -> Path:
    """A copy of it this test may arm."""
    return own_history


@pytest.fixture
def mark(tmp_path: Path) -> Path:
    return tmp_path / "PWNED"


@pytest.fixture
def evil(tmp_path: Path, mark: Path) -> Path:
    """A program that notes it ran (and passes its input through, as a filter would)."""
    program = tmp_path / "evil"
    program.write_text(f'#!/bin/sh\necho "$0 $*" >> {mark}\n[ "$1" = --quit ] && exit 1\ncat\n',
                       encoding="utf-8")  # fmt: skip
    program.chmod(0o755)
    return program


def _config(repo: Path, *pairs: tuple[str, str]) -> None:
    for key, value in pairs:
        git(repo, "config", key, value)


def _attributes(repo: Path, line: str) -> None:
    info = repo / ".git" / "info"
    info.mkdir(exist_ok=True)
    with open(info / "attributes", "a", encoding="utf-8") as out:
        out.write(line + "\n")


def _hooks(directory: Path, evil: Path) -> None:
    """Every hook git knows, each the marking program."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit",
                 "pre-merge-commit", "prepare-commit-msg", "commit-msg", "post-commit",
                 "pre-rebase", "post-checkout", "post-merge", "pre-push", "pre-receive",
                 "update", "proc-receive", "post-receive", "post-update", "reference-transaction",
                 "push-to-checkout", "pre-auto-gc", "post-rewrite", "sendemail-validate",
                 "fsmonitor-watchman", "p4-changelist", "p4-prepare-changelist",
                 "p4-post-changelist", "p4-pre-submit", "post-index-change"):  # fmt: skip
        hook = directory / name
        shutil.copy(evil, hook)
        hook.chmod(0o755)


def _stale_index(repo: Path) -> None:
    """Make every tracked file's index entry stale, so that a `git status` must
    re-read (and filter) each one."""
    for path in repo.rglob("*"):
        if ".git" not in path.parts and path.is_file():
            os.utime(path, (1_000_000_000, 1_000_000_000))


def _arm_filter_clean(repo: Path, evil: Path) -> None:
    _config(repo, ("filter.evil.clean", str(evil)), ("filter.evil.required", "true"))
    _attributes(repo, "* filter=evil")


def _arm_filter_smudge(repo: Path, evil: Path) -> None:
    _config(repo, ("filter.evil.smudge", str(evil)), ("filter.evil.clean", str(evil)))
    _attributes(repo, "*.yaml filter=evil")


def _arm_filter_process(repo: Path, evil: Path) -> None:
    _config(repo, ("filter.evil.process", str(evil)), ("filter.evil.required", "true"))
    _attributes(repo, "* filter=evil")


def _arm_committed_attributes(repo: Path, evil: Path) -> None:
    """The attributes in a committed `.gitattributes`, the driver in `.git/config`."""
    (repo / ".gitattributes").write_text("* filter=evil diff=evil\n", encoding="utf-8")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-q", "--no-verify", "-m", "attributes", day=8)
    _config(repo, ("filter.evil.clean", str(evil)), ("diff.evil.textconv", str(evil)))


def _arm_included_config(repo: Path, evil: Path) -> None:
    included = repo.parent / "included.config"
    included.write_text(f"[filter \"evil\"]\n\tclean = {evil}\n[core]\n\tfsmonitor = {evil}\n",
                        encoding="utf-8")  # fmt: skip
    _config(repo, ("include.path", str(included)),
            ("includeIf.gitdir:/.path", str(included)))  # fmt: skip
    _attributes(repo, "* filter=evil")


def _arm_fsmonitor(repo: Path, evil: Path) -> None:
    _config(repo, ("core.fsmonitor", str(evil)), ("core.fsmonitorHookVersion", "2"))


def _arm_hooks(repo: Path, evil: Path) -> None:
    _hooks(repo / ".git" / "hooks", evil)
    _config(repo, ("gc.auto", "1"), ("gc.autoDetach", "false"), ("maintenance.auto", "true"))


def _arm_hooks_path(repo: Path, evil: Path) -> None:
    _hooks(repo.parent / "hooks", evil)
    _config(repo, ("core.hooksPath", str(repo.parent / "hooks")))


def _arm_pager(repo: Path, evil: Path) -> None:
    _config(repo, ("core.pager", str(evil)), ("pager.log", str(evil)),
            ("pager.status", str(evil)), ("pager.rev-list", str(evil)),
            ("pager.ls-tree", str(evil)), ("pager.cat-file", str(evil)))  # fmt: skip


def _arm_diff(repo: Path, evil: Path) -> None:
    _config(repo, ("diff.external", str(evil)), ("diff.evil.textconv", str(evil)),
            ("diff.evil.command", str(evil)), ("diff.evil.cachetextconv", "false"))  # fmt: skip
    _attributes(repo, "* diff=evil merge=evil")
    _config(repo, ("merge.evil.driver", str(evil)))


def _arm_signatures(repo: Path, evil: Path) -> None:
    """A signed commit (made with a stand-in signer), then verifiers that are traps."""
    signer = repo.parent / "signer"
    signer.write_text("#!/bin/sh\ncat > /dev/null\necho '[GNUPG:] SIG_CREATED ' >&2\n"
                      "printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nx\\n"
                      "-----END PGP SIGNATURE-----\\n'\n", encoding="utf-8")  # fmt: skip
    signer.chmod(0o755)
    append(repo / "claims" / "c.yaml", T6)
    git(repo, "add", "-A")
    git(repo, "-c", f"gpg.program={signer}", "commit", "-q", "--no-verify", "-S", "-m", "signed",
        day=8)  # fmt: skip
    _config(repo, ("log.showSignature", "true"), ("gpg.program", str(evil)),
            ("gpg.openpgp.program", str(evil)), ("gpg.ssh.program", str(evil)),
            ("gpg.x509.program", str(evil)))  # fmt: skip


def _arm_aliases(repo: Path, evil: Path) -> None:
    for command in ("status", "log", "rev-parse", "rev-list", "ls-tree", "cat-file", "show"):
        _config(repo, (f"alias.{command}", f"!{evil}"))


def _arm_editors_and_credentials(repo: Path, evil: Path) -> None:
    _config(repo, ("core.editor", str(evil)), ("sequence.editor", str(evil)),
            ("core.askPass", str(evil)), ("credential.helper", f"!{evil}"),
            ("core.sshCommand", str(evil)), ("core.gitProxy", str(evil)),
            ("uploadpack.packObjectsHook", str(evil)), ("core.alternateRefsCommand", str(evil)),
            ("remote.origin.url", f"ext::{evil} --quit"), ("remote.origin.uploadpack", str(evil)),
            ("protocol.ext.allow", "always"))  # fmt: skip


def _arm_lazy_fetch(repo: Path, evil: Path) -> None:
    """A partial clone whose blobs are missing: reading one makes git fetch it
    from the promisor remote, through a transport the repository chooses."""
    source = repo.parent / "source"
    repo.rename(source)
    git(source, "config", "uploadpack.allowFilter", "true")
    subprocess.run(["git", "clone", "-q", "--no-local",
                    "--filter=blob:none", "--no-checkout", f"file://{source}", str(repo)],
                   check=True, env=_git_env(repo.parent), capture_output=True)  # fmt: skip
    git(repo, "checkout", "-q", "HEAD", "--", ".")  # HEAD's blobs fetched; older ones missing
    # The ext transport runs a command line of the repository's choosing.
    _config(repo, ("remote.origin.url", f"ext::{evil} --quit"), ("protocol.ext.allow", "always"),
            ("protocol.allow", "always"), ("core.sshCommand", str(evil)),
            ("remote.origin.uploadpack", str(evil)))  # fmt: skip


def _arm_worktree_config(repo: Path, evil: Path) -> None:
    _config(repo, ("extensions.worktreeConfig", "true"), ("core.repositoryFormatVersion", "1"))
    (repo / ".git" / "config.worktree").write_text(
        f"[core]\n\tfsmonitor = {evil}\n[filter \"evil\"]\n\tclean = {evil}\n", encoding="utf-8")
    _attributes(repo, "* filter=evil")


def _arm_embedded_bare(repo: Path, evil: Path) -> None:
    """The data directory, without a `.git`, is itself shaped like a bare
    repository whose configuration names programs (the "embedded bare
    repository" attack: git takes the directory for a repository of its own)."""
    for name in ("HEAD", "objects", "refs"):
        shutil.move(str(repo / ".git" / name), repo / name)
    shutil.rmtree(repo / ".git")
    (repo / "config").write_text(
        f"[core]\n\tbare = true\n\tfsmonitor = {evil}\n\tpager = {evil}\n"
        f"\thooksPath = {repo.parent / 'hooks'}\n", encoding="utf-8")  # fmt: skip
    _hooks(repo.parent / "hooks", evil)


ATTACKS = {
    "filter.clean": _arm_filter_clean,
    "filter.smudge": _arm_filter_smudge,
    "filter.process": _arm_filter_process,
    "committed .gitattributes": _arm_committed_attributes,
    "include.path": _arm_included_config,
    "core.fsmonitor": _arm_fsmonitor,
    "hooks and auto gc": _arm_hooks,
    "core.hooksPath": _arm_hooks_path,
    "pagers": _arm_pager,
    "diff.external, textconv, merge driver": _arm_diff,
    "gpg.program with log.showSignature": _arm_signatures,
    "aliases": _arm_aliases,
    "editors, askpass, credential helper, ssh, proxy": _arm_editors_and_credentials,
    "lazy fetch of a partial clone": _arm_lazy_fetch,
    "config.worktree": _arm_worktree_config,
    "embedded bare repository": _arm_embedded_bare,
}


def _everything(repo: Path) -> None:
    """All the digest asks git, through its functions and its command line;
    what each answers does not matter here (some armed repositories are not
    readable), only that it ran nothing."""
    for call in (lambda: head(repo), lambda: is_dirty(repo),
                 lambda: resolve(repo, "HEAD~1"), lambda: resolve(repo, "2025-04-03"),
                 lambda: dataset_at(repo, "v1"),
                 lambda: digest_since(repo, "HEAD~2", cache=False)):  # fmt: skip
        try:
            call()
        except Exception as error:  # noqa: BLE001 - a refusal is fine, a program is not
            assert type(error).__name__ in ("DigestError", "DataError"), repr(error)
    done = subprocess.run([sys.executable, "-m", "tui", "digest", "--data", str(repo),
                           "--since", "HEAD~1"], capture_output=True, text=True,
                          env={**os.environ, "NOKO_TUI_CACHE_DIR": str(repo.parent / "cache")},
                          timeout=120)  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_nothing_the_repository_configures_runs(attack: str, repo: Path, evil: Path,
                                                mark: Path) -> None:  # fmt: skip
    ATTACKS[attack](repo, evil)
    append(repo / "claims" / "c.yaml", "")  # touched: its index entry is stale
    _stale_index(repo)
    _everything(repo)
    assert not mark.exists(), f"{attack}: a program ran: {mark.read_text()}"


def _plain(repo: Path, *args: str, tty: bool = False) -> None:
    """`git ARGS` as a user would type it (on a terminal with `tty`); its outcome is not asked."""
    master, slave = os.openpty() if tty else (None, None)
    try:
        subprocess.run(["git", *args], cwd=repo, env=_git_env(repo.parent), stdin=subprocess.DEVNULL,
                       stdout=slave if tty else subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=60, check=False)  # fmt: skip
    finally:
        for fd in (master, slave):
            if fd is not None:
                os.close(fd)


def _tag_an_object(repo: Path) -> None:
    blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo, input=b"x",
                          env=_git_env(repo.parent), capture_output=True).stdout.decode().strip()
    _plain(repo, "tag", "planted", blob)


#: How plain git sets each trap off, to show it is armed (None: no command a
#: user types can; an alias never shadows a built-in command, for one).
TRIGGERS = {
    "filter.clean": lambda repo: _plain(repo, "status"),
    "filter.smudge": lambda repo: _plain(repo, "status"),
    "filter.process": lambda repo: _plain(repo, "status"),
    "committed .gitattributes": lambda repo: _plain(repo, "status"),
    "include.path": lambda repo: _plain(repo, "status"),
    "core.fsmonitor": lambda repo: _plain(repo, "status"),
    "hooks and auto gc": lambda repo: _plain(repo, "commit", "-q", "--allow-empty", "-m", "x"),
    "core.hooksPath": lambda repo: _plain(repo, "commit", "-q", "--allow-empty", "-m", "x"),
    "pagers": lambda repo: _plain(repo, "log", "-1", tty=True),
    "diff.external, textconv, merge driver": lambda repo: _plain(repo, "diff", "HEAD~1", "HEAD"),
    "gpg.program with log.showSignature": lambda repo: _plain(repo, "log", "-1"),
    "aliases": None,
    "editors, askpass, credential helper, ssh, proxy": lambda repo: _plain(repo, "fetch", "-q"),
    "lazy fetch of a partial clone": lambda repo: _plain(repo, "cat-file", "-p", "v1:claims/a.yaml"),
    "config.worktree": lambda repo: _plain(repo, "status"),
    "embedded bare repository": _tag_an_object,
}


@pytest.mark.parametrize("attack", [a for a in ATTACKS if TRIGGERS[a]], ids=str)
def test_the_trap_is_armed(attack: str, repo: Path, evil: Path, mark: Path) -> None:
    """Each trap fires under plain git, as the digest's own `git status` once did."""
    ATTACKS[attack](repo, evil)
    _stale_index(repo)
    TRIGGERS[attack](repo)
    assert mark.exists()


def test_the_digest_still_works_in_an_armed_repository(repo: Path, evil: Path,
                                                       mark: Path) -> None:  # fmt: skip
    """Refusing the configuration loses nothing: the comparison is the same."""
    for arm in (_arm_filter_clean, _arm_fsmonitor, _arm_pager, _arm_hooks_path):
        arm(repo, evil)
    _stale_index(repo)
    assert not is_dirty(repo)
    append(repo / "claims" / "c.yaml", T6)
    assert is_dirty(repo)
    found = digest_since(repo, "HEAD", cache=False)
    assert [c.id for c in found.added] == ["t-6"] and found.dirty
    assert not mark.exists()


# ----------------------------------------------------- uncommitted changes, compared by hand


def test_dirty_means_the_data_the_loader_reads_differs(repo: Path) -> None:
    """Compared byte for byte with HEAD's objects, without git's index: an
    edit, a new claims file, a removed one and a changed vocabulary count; a
    file the loader does not read (a README, a dotfile) and a touch do not."""
    assert not is_dirty(repo)
    _stale_index(repo)
    assert not is_dirty(repo)
    (repo / "notes.txt").write_text("not data\n", encoding="utf-8")
    (repo / "claims" / "README.md").write_text("about the claims\n", encoding="utf-8")
    (repo / "claims" / ".c.yaml.swp").write_text("swap\n", encoding="utf-8")
    assert not is_dirty(repo)
    for change in (lambda: append(repo / "claims" / "c.yaml", "\n"),
                   lambda: (repo / "claims" / "z.yaml").write_text("[]\n", encoding="utf-8"),
                   lambda: (repo / "claims" / "b.yaml").unlink(),
                   lambda: append(repo / "claimants.yaml", "\n")):  # fmt: skip
        change()
        assert is_dirty(repo)
        git(repo, "checkout", "-q", "--", ".")
        git(repo, "clean", "-qfd", "claims")
        assert not is_dirty(repo)


def test_dirty_in_a_subdirectory_and_through_links(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    data = repo / "data"
    build_history(repo, data)
    assert not is_dirty(data)
    (repo / "README.md").write_text("outside the data\n", encoding="utf-8")
    assert not is_dirty(data)
    linked = data / "claims" / "linked.yaml"
    linked.symlink_to("c.yaml")
    assert is_dirty(data)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "a link", day=8)
    assert not is_dirty(data)
    append(data / "claims" / "c.yaml", T6)  # the link's target changed: both differ
    assert is_dirty(data)


def test_dirty_in_a_repository_without_commits(tmp_path: Path) -> None:
    repo = tmp_path / "new"
    repo.mkdir()
    git(repo, "init", "-q")
    assert not is_dirty(repo)  # no data, no commit: nothing to say
    assert head(repo) is None


def test_dirty_in_a_sha256_repository(tmp_path: Path) -> None:
    repo = tmp_path / "sha256"
    repo.mkdir()
    made = subprocess.run(["git", "init", "-q", "--object-format=sha256"], cwd=repo,
                          env=_git_env(tmp_path), capture_output=True)  # fmt: skip
    if made.returncode:
        pytest.skip("this git makes no SHA-256 repositories")
    build_history(repo, repo)
    assert len(head(repo).hash) == 64
    assert not is_dirty(repo)
    append(repo / "claims" / "c.yaml", T6)
    assert is_dirty(repo)


def test_an_unreadable_data_file_counts_as_changed(repo: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = repo / "claims" / "c.yaml"
    path.chmod(0)
    try:
        assert is_dirty(repo)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


# ------------------------------------------------------ hostile and unusual repositories


def _digest_cli(data: Path, since: str, *more: str):
    from conftest import run_cli

    return run_cli("digest", "--data", str(data), f"--since={since}", *more,
                   env={"NOKO_TUI_CACHE_DIR": str(data.parent / "cache")})  # fmt: skip


def test_a_digest_of_hostile_data_is_inert(tmp_path: Path) -> None:
    """Every text field of every claim, and the commit subjects, carry control
    sequences and markup; the digest, in text and in Markdown, hands on none."""
    import yaml
    from conftest import TESTS
    from test_hostile import leaks

    repo = tmp_path / "hostile"
    shutil.copytree(TESTS / "data" / "hostile", repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "hostile \x1b]0;T\x07 [b]x[/]", day=1)
    path = repo / "claims" / "all.yaml"
    claims = yaml.safe_load(path.read_text(encoding="utf-8"))
    removed, edited, copied = claims[0], claims[1], dict(claims[2])
    copied["id"] = "new-" + str(copied["id"]).split("[", 1)[0]
    edited["summary"] = str(edited["summary"]) + "\x1b[31m edited [/]"
    kept = [c for c in claims if c is not removed] + [copied]
    path.write_text(yaml.safe_dump(kept, allow_unicode=False), encoding="utf-8")
    for form in ("text", "markdown"):
        done = _digest_cli(repo, "HEAD", "-f", form)
        assert done.returncode == 0, done.stderr
        assert "New claims" in done.stdout and "Removed claims" in done.stdout
        assert "Edited claims" in done.stdout
        assert leaks(done.stdout.encode()) == [], form
        assert leaks(done.stderr.encode()) == []


def test_a_bare_repository_is_no_data_directory(pristine: Path, tmp_path: Path) -> None:
    bare = tmp_path / "record.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(pristine), str(bare)], check=True,
                   env=_git_env(tmp_path), capture_output=True)  # fmt: skip
    done = _digest_cli(bare, "HEAD~1")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "is not in a git repository" in done.stderr
    assert head(bare) is None and not is_dirty(bare)


def test_a_shallow_clone(pristine: Path, tmp_path: Path) -> None:
    """History before the clone's depth is not there: a revision past it is
    unknown, a date before it names the first commit there is."""
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{pristine}", str(shallow)],
                   check=True, env=_git_env(tmp_path), capture_output=True)  # fmt: skip
    done = _digest_cli(shallow, "HEAD~1")
    assert done.returncode == 0, done.stderr
    assert "t-5" in done.stdout
    far = _digest_cli(shallow, "HEAD~4")
    assert far.returncode == 1 and "unknown revision 'HEAD~4'" in far.stderr
    early = _digest_cli(shallow, "2025-04-02")
    assert early.returncode == 1 and "Traceback" not in early.stderr
    assert "no commit on or before 2025-04-02 (the first commit" in early.stderr
    assert "6 Apr 2025" in early.stderr


@pytest.mark.parametrize(("name", "answer"), [
    ("-rf", "unknown revision '-rf'"),  # never read as an option
    ("--output=x", "unknown revision '--output=x'"),
    ("ветка/λ", None),  # a branch of any script
    ("2025", None),  # a date-shaped tag is that tag
    ("HEAD~1", None),
])  # fmt: skip
def test_odd_ref_names(repo: Path, name: str, answer: str | None) -> None:
    if answer is None and not name.startswith("HEAD"):
        subprocess.run(["git", "update-ref", f"refs/tags/{name}", "HEAD~1"], cwd=repo,
                       check=True, env=_git_env(repo.parent), capture_output=True)  # fmt: skip
    done = _digest_cli(repo, name)
    if answer is None:
        assert done.returncode == 0, done.stderr
        assert resolve(repo, name).hash == git(repo, "rev-parse", "HEAD~1")
    else:
        assert done.returncode == 1 and answer in done.stderr
    assert not (repo / "x").exists()


def test_a_ref_named_like_a_short_hash_is_taken_as_git_takes_it(repo: Path) -> None:
    """A tag spelt like another commit's short hash: git prefers the ref, and
    so does the digest; the description names the commit by its own hash."""
    first = git(repo, "rev-list", "--max-parents=0", "HEAD")
    git(repo, "tag", first[:7], "HEAD~1")
    found = resolve(repo, first[:7])
    assert found.hash == git(repo, "rev-parse", "HEAD~1")
    assert found.describe().startswith(found.short)
