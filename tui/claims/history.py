"""The record as it was at a git revision, read for the digest (`digest/`).

**Which commit `--since` means.** A date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
means the last commit (from HEAD, by committer date) on or before the end of
that year, month or day in local time. A date-shaped argument is read as a
revision only when a branch or tag has exactly that name, never as an
abbreviated hash (`2025` could be one). Anything else is a revision as git
reads it: `HEAD~3`, a tag, a hash.

**Nothing a repository configures runs.** A data directory may arrive with
a `.git` someone else wrote, and its configuration can name programs
(filters, the file system monitor, hooks, pagers, diff drivers, signature
verifiers, transports). So noko-tui asks git only what it reads from its
objects and refs (`rev-parse`, `log` of one commit's header, `rev-list`,
`ls-tree`, `cat-file --batch`), never a command that reads the index or the
working tree, which is where filters and the monitor run; whether the data
has uncommitted changes is found by hashing the working files as git hashes
a blob, with no filter (`is_dirty`). Every command also gets the settings
that switch off each program a repository could name (`_CONFIG`), and every
transport is refused (`GIT_ALLOW_PROTOCOL`), so a partial clone cannot fetch
a missing object through a command of its own; an implicit bare repository
(a directory shaped like one) is refused too. git runs without a shell, and
with the variables that would point it at another repository removed.
Files at a revision are written only under a private temporary directory,
with every path checked. `tests/test_git_safety.py` arms a repository with
each such setting.

No pandas at import: the app asks `head` before the data is loaded.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_file
from .formatting import partial_date
from .safetext import clean

if TYPE_CHECKING:
    from .load import Dataset
    from .problems import DataError


class DigestError(Exception):
    """The digest cannot be made; the message says why, inert and in full."""


#: Problems quoted when the data at a revision cannot be loaded.
PROBLEMS_QUOTED = 5
#: Seconds any one git command may take.
GIT_TIMEOUT = 300

# --------------------------------------------------------------------------- git


@dataclass(frozen=True)
class Revision:
    """A commit: its full and short hash, committer date and subject line."""

    hash: str
    short: str
    date: _dt.datetime
    subject: str

    @property
    def day(self) -> str:
        """The commit's day as the dashboard writes dates: '3 Apr 2025'."""
        return partial_date(self.date.date(), "day")

    def describe(self) -> str:
        """'abc1234 (3 Apr 2025, “Add the JCS figures”)', inert; a long subject is cut."""
        subject = clean(self.subject)
        if len(subject) > 72:
            subject = subject[:71] + "\u2026"
        return f"{self.short} ({self.day}, \u201c{subject}\u201d)"


#: Settings that make git's output the same under any configuration, and
#: switch off every program a repository's configuration could name for the
#: commands asked here (settings on the command line win over the
#: repository's; a git that does not know one ignores it).
_CONFIG = (
    "-c", "core.quotepath=off", "-c", "color.ui=false", "-c", "i18n.logOutputEncoding=UTF-8",
    "-c", "log.showSignature=false", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
    "-c", "core.pager=cat", "-c", "log.mailmap=false",
    "-c", "gc.auto=0", "-c", "maintenance.auto=false", "-c", "safe.bareRepository=explicit",
    "-c", "protocol.allow=never", "-c", "core.sshCommand=false", "-c", "core.askPass=false",
    "-c", "credential.helper=", "-c", "core.alternateRefsCommand=false",
)  # fmt: skip
#: Variables that would make git read another repository than the data's.
_ELSEWHERE = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX", "GIT_NAMESPACE",
    "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
)  # fmt: skip


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _ELSEWHERE}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", GIT_PAGER="cat", PAGER="cat",
               # No transport at all, whatever protocol.<name>.allow the repository sets
               # (the variable overrides every such setting), and no lazy fetch.
               GIT_ALLOW_PROTOCOL="none", GIT_NO_LAZY_FETCH="1", GIT_NO_REPLACE_OBJECTS="1")
    return env


def _git(cwd: str, *args: str, feed: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "--no-pager", *_CONFIG, *args], cwd=cwd, input=feed, capture_output=True,
            check=False, env=_env(), timeout=GIT_TIMEOUT,
        )  # fmt: skip
    except FileNotFoundError:
        if shutil.which("git") is None:
            raise DigestError("git is not installed (or not on PATH): the digest reads the "
                              "data's history with it") from None  # fmt: skip
        raise DigestError(f"{clean(cwd)}: no such data directory") from None
    except subprocess.TimeoutExpired:
        raise DigestError(f"git {args[0]} took more than {GIT_TIMEOUT} s in {clean(cwd)}") from None
    except OSError as error:
        raise DigestError(f"cannot run git: {clean(error.strerror or error)}") from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's own complaint, first line, inert."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return clean(lines[0]) if lines else f"exit status {result.returncode}"


def _out(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8", "replace").removesuffix("\n")


@dataclass(frozen=True)
class Place:
    """The data directory (where git runs) and its path in the repository
    ('' at the top, else 'data/')."""

    cwd: str
    prefix: str


def locate(directory: str | os.PathLike[str]) -> Place:
    cwd = os.fspath(directory)
    if not os.path.isdir(cwd):
        raise DigestError(f"{clean(cwd)}: no such data directory")
    inside = _git(cwd, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or _out(inside) != "true":
        why = _said(inside) if inside.returncode else "not in a work tree"
        raise DigestError(f"{clean(cwd)} is not in a git repository, so it has no history to "
                          f"compare with (git: {why})")  # fmt: skip
    prefix = _git(cwd, "rev-parse", "--show-prefix")
    return Place(cwd, _out(prefix) if prefix.returncode == 0 else "")


def _commit(place: Place, name: str) -> Revision | None:
    """The commit `name` is (a full hash or an expression git reads), or None."""
    if not name or name.startswith("-"):
        return None
    found = _git(place.cwd, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    if found.returncode != 0:
        return None
    shown = _git(place.cwd, "log", "-1", "--format=%H%x00%h%x00%cI%x00%s", _out(found), "--")
    parts = _out(shown).split("\x00", 3)
    if shown.returncode != 0 or len(parts) != 4:
        return None
    full, short, when, subject = parts
    try:
        date = _dt.datetime.fromisoformat(when)
    except ValueError:
        return None
    return Revision(full, short, date, subject)


_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _end_of(match: re.Match[str]) -> _dt.datetime:
    """The last second of the year, month or day, in local time; ValueError if none."""
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        last = _dt.date(year, 12, 31)
    elif day is None:
        if not 1 <= month <= 12:
            raise ValueError(month)
        last = _dt.date(year, month, calendar.monthrange(year, month)[1])
    else:
        last = _dt.date(year, month, day)
    return _dt.datetime.combine(last, _dt.time(23, 59, 59)).astimezone()


def head_in(place: Place) -> Revision | None:
    return _commit(place, "HEAD")


def _first(place: Place) -> Revision | None:
    """The oldest root commit reachable from HEAD."""
    roots = _git(place.cwd, "rev-list", "--max-parents=0", "HEAD", "--")
    found = [_commit(place, h) for h in _out(roots).split()] if roots.returncode == 0 else []
    dated = [r for r in found if r is not None]
    return min(dated, key=lambda r: r.date) if dated else None


def resolve_in(place: Place, since: str) -> Revision:
    since = since.strip()
    if not since:
        raise DigestError("--since needs a revision (HEAD~3, a tag, a hash) or a date (2025-03-01)")
    head_now = head_in(place)
    if head_now is None:
        raise DigestError(f"the repository of {clean(place.cwd)} has no commits yet")
    date = _DATE.fullmatch(since)
    if date is None:
        found = _commit(place, since)
        if found is None:
            raise DigestError(f"unknown revision {clean(since)!r} in the repository of "
                              f"{clean(place.cwd)}; give a revision (HEAD~3, a tag, a hash) "
                              "or a date (2025-03-01)")  # fmt: skip
        return found
    for ref in (f"refs/heads/{since}", f"refs/tags/{since}"):  # a branch named like a date
        named = _commit(place, ref)
        if named is not None:
            return named
    try:
        end = _end_of(date)
    except (ValueError, OverflowError, OSError):
        raise DigestError(f"{clean(since)!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY) "
                          "nor a revision") from None  # fmt: skip
    if end >= _dt.datetime.now(_dt.UTC):
        return head_now  # git reads no date past 2099; a commit from the future is HEAD's
    found = None
    if end.year >= 1970:  # git reads no date before
        before = end.strftime("--before=%Y-%m-%d %H:%M:%S %z")
        listed = _git(place.cwd, "rev-list", "-1", before, "HEAD", "--")
        hashes = _out(listed).split()
        found = _commit(place, hashes[0]) if listed.returncode == 0 and hashes else None
    if found is None:
        first = _first(place)
        oldest = f" (the first commit, {first.describe()}, is later)" if first else ""
        raise DigestError(f"no commit on or before {since}{oldest}")
    return found


def resolve(directory: str | os.PathLike[str], since: str) -> Revision:
    """The commit `since` names in the data directory's repository: a revision
    git reads, or a date meaning the last commit on or before it (see the
    module). DigestError when there is none or no repository."""
    return resolve_in(locate(directory), since)


def head(directory: str | os.PathLike[str]) -> Revision | None:
    """The commit checked out in the data directory's repository; None when
    the directory is not in one, git is missing, or there is no commit yet."""
    try:
        return head_in(locate(directory))
    except DigestError:
        return None


def is_dirty(directory: str | os.PathLike[str]) -> bool:
    """True when the data the loader reads differs from HEAD's: a claims file
    or vocabulary edited, added or removed (through a symbolic link too);
    False when it is the same, or not in a repository.

    Compared byte for byte without git's index: each working file is hashed as
    git hashes a blob and set against HEAD's objects, so that no filter, line
    ending conversion or file system monitor the repository configures runs
    (`git status` would run them). Files the loader does not read (a README,
    a dotfile, anything outside the data directory) do not count."""
    try:
        place = locate(directory)
        now = head_in(place)
        if now is None:
            return bool(_working(place))
        return _committed(place, now) != _working(place)
    except DigestError:
        return False


def _object_format(place: Place) -> str:
    """'sha1' or 'sha256', as the repository hashes its objects."""
    found = _git(place.cwd, "rev-parse", "--show-object-format")
    name = _out(found) if found.returncode == 0 else "sha1"
    return name if name in ("sha1", "sha256") else "sha1"


def _read_by_loader(parts: list[str], wanted: frozenset[str]) -> bool:
    """Whether the loader reads the file at `parts` (relative to the data
    directory): a vocabulary, the tolerances, or a claims file."""
    from .load import CLAIM_SUFFIXES

    if len(parts) == 1:
        return parts[0] in wanted
    return (len(parts) == 2 and parts[0] == "claims" and not parts[1].startswith(".")
            and os.path.splitext(parts[1])[1] in CLAIM_SUFFIXES)  # fmt: skip


def _committed(place: Place, revision: Revision) -> dict[str, bytes]:
    """The object of each file the loader reads, as the revision has it
    (symbolic links within the tree followed)."""
    tree = _tree(place, revision)
    pointing = _link_targets(place, revision, tree)
    wanted = frozenset(_read_files())
    found = {}
    for path in tree:
        parts = _safe_parts(path)
        if parts is not None and _read_by_loader(parts, wanted):
            found[path] = _followed(path, tree, pointing) or b"(a link out of the data)"
    return found


def _working(place: Place) -> dict[str, bytes]:
    """The object each file the loader reads would be if committed now: its
    bytes (through a symbolic link that stays in the data directory) hashed
    as a git blob. A file that cannot be read, or a link that leads out,
    gets a value no object has, so it counts as changed."""
    import hashlib

    algorithm = getattr(hashlib, _object_format(place))
    root = os.path.realpath(place.cwd)
    wanted = frozenset(_read_files())
    names = [[name] for name in wanted]
    try:
        names += [["claims", entry] for entry in os.listdir(os.path.join(root, "claims"))]
    except OSError:
        pass
    found = {}
    for parts in names:
        if not _read_by_loader(parts, wanted):
            continue
        path = os.path.join(root, *parts)
        if not os.path.lexists(path):
            continue
        real = os.path.realpath(path)
        if os.path.commonpath([root, real]) != root or not os.path.isfile(real):
            found["/".join(parts)] = b"(not a file of the data)"
            continue
        try:
            with open(real, "rb") as handle:
                content = handle.read()
        except OSError:
            found["/".join(parts)] = b"(unreadable)"
            continue
        blob = algorithm(b"blob %d\0" % len(content))
        blob.update(content)
        found["/".join(parts)] = blob.hexdigest().encode()
    return found


def commits_between(place: Place, since: Revision) -> int | None:
    counted = _git(place.cwd, "rev-list", "--count", f"{since.hash}..HEAD", "--")
    try:
        return int(_out(counted)) if counted.returncode == 0 else None
    except ValueError:
        return None


# ------------------------------------------------------------- the data at a revision


def _read_files() -> tuple[str, ...]:
    """The files of a data directory the loader reads besides claims/."""
    from .tolerances import FILE as TOLERANCES
    from .vocab import VOCABULARIES

    return (*VOCABULARIES, TOLERANCES)


def _safe_parts(path: str) -> list[str] | None:
    parts = path.split("/")
    if any(p in ("", ".", "..") or "\x00" in p or os.sep in p for p in parts):
        return None
    if os.altsep and any(os.altsep in p for p in parts):
        return None
    return parts


def _extract(place: Place, revision: Revision, target: Path) -> int:
    """Write the data directory's files at `revision` under `target`; how many.

    Only what the loader reads is written: the vocabularies, `tolerances.yaml`
    and `claims/`. A symbolic link is written as a copy of the file it names
    when that is a file of the data directory at the revision; any other link
    is left out. No link is ever made, so nothing is written or read outside
    `target`."""
    tree = _tree(place, revision)
    wanted = set(_read_files())
    chosen = []
    for path in tree:
        parts = _safe_parts(path)
        if parts is not None and (parts[0] == "claims" and len(parts) > 1
                                  or len(parts) == 1 and parts[0] in wanted):  # fmt: skip
            chosen.append(parts)
    if not chosen:
        return 0
    pointing = _link_targets(place, revision, tree)
    files: list[tuple[list[str], bytes]] = []
    for parts in chosen:
        oid = _followed("/".join(parts), tree, pointing)
        if oid is not None:
            files.append((parts, oid))
    try:
        for (parts, _), content in zip(files, _contents(place, revision, [o for _, o in files])):
            path = target.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, content, overwrite=True, sync=False)  # a scratch copy
    except OSError as error:
        raise DigestError(f"cannot copy the files at {revision.describe()}: "
                          f"{clean(error.strerror or error)}") from None  # fmt: skip
    return len(files)


def _tree(place: Place, revision: Revision) -> dict[str, tuple[bytes, bool]]:
    """Each file under the data directory at `revision`, relative to it:
    path -> (object, whether a symbolic link). Submodules are left out."""
    listing = _git(place.cwd, "ls-tree", "-r", "-z", revision.hash)
    if listing.returncode != 0:
        raise DigestError(f"cannot list the files at {revision.describe()}: {_said(listing)}")
    tree: dict[str, tuple[bytes, bool]] = {}
    for entry in listing.stdout.split(b"\x00"):
        meta, _, name = entry.partition(b"\t")
        fields = meta.split(b" ")
        if len(fields) == 3 and fields[1] == b"blob":
            tree[os.fsdecode(name)] = (fields[2], fields[0] == b"120000")
    return tree


def _link_targets(place: Place, revision: Revision,
                  tree: dict[str, tuple[bytes, bool]]) -> dict[str, bytes]:  # fmt: skip
    """What each symbolic link of the tree names."""
    links = [path for path, (_, link) in tree.items() if link]
    return dict(zip(links, _contents(place, revision, [tree[p][0] for p in links])))


def _followed(path: str, tree: dict[str, tuple[bytes, bool]],
              pointing: dict[str, bytes]) -> bytes | None:  # fmt: skip
    """The object of the file at `path`, through symbolic links within the
    tree (a few at most); None when a link leads elsewhere."""
    for _ in range(8):
        oid, link = tree[path]
        if not link:
            return oid
        named = os.fsdecode(pointing[path])
        if named.startswith("/"):
            return None
        path = posixpath.normpath(posixpath.join(posixpath.dirname(path), named))
        if path not in tree:
            return None
    return None


def _contents(place: Place, revision: Revision, oids: list[bytes]) -> list[bytes]:
    """The bytes of each blob, in order, from one `git cat-file --batch`."""
    if not oids:
        return []
    read = _git(place.cwd, "cat-file", "--batch", feed=b"".join(o + b"\n" for o in oids))
    if read.returncode != 0:
        raise DigestError(f"cannot read the files at {revision.describe()}: {_said(read)}")
    out, at, found = read.stdout, 0, []
    for _ in oids:
        end = out.find(b"\n", at)
        header = out[at:end].split(b" ") if end >= 0 else []
        if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
            raise DigestError(f"cannot read the files at {revision.describe()}: git answered "
                              "something else than their contents")  # fmt: skip
        size = int(header[2])
        found.append(out[end + 1 : end + 1 + size])
        at = end + 2 + size
    return found


def _where(revision: Revision, place: Place) -> str:
    """How files at a revision are named: 'abc1234:data/' (as `git show` reads them)."""
    return f"{revision.short}:{place.prefix}"


def _cannot_load(revision: Revision, error: DataError, root: str, where: str) -> str:
    problems = [_renamed(str(p), root, where) for p in error.problems]
    shown = "\n".join(f"  {clean(p)}" for p in problems[:PROBLEMS_QUOTED])
    more = len(problems) - PROBLEMS_QUOTED
    also = f"\n  ... and {more} more" if more > 0 else ""
    return (f"the data at {revision.describe()} cannot be loaded "
            f"({len(problems)} problem{'s' if len(problems) != 1 else ''}; it may predate a "
            f"change of the data's format: try a later revision):\n{shown}{also}")  # fmt: skip


def _renamed(path: str, root: str, where: str) -> str:
    """A path under the temporary copy as git names it at the revision."""
    if path == root:
        return where or "."
    if path.startswith(root + os.sep):
        return where + path[len(root) + 1 :].replace(os.sep, "/")
    return path


def dataset_in(place: Place, revision: Revision) -> Dataset:
    from .load import load_dataset
    from .problems import DataError

    where = _where(revision, place)
    with tempfile.TemporaryDirectory(prefix="noko-tui-digest-") as temporary:
        root = os.path.join(temporary, "data")
        os.mkdir(root, 0o700)
        if not _extract(place, revision, Path(root)):
            named = (f"the data directory ({place.prefix.rstrip('/')})" if place.prefix
                     else "the data")  # fmt: skip
            raise DigestError(f"{clean(named)} was not in the repository at "
                              f"{revision.describe()}: nothing to compare with")  # fmt: skip
        try:
            dataset = load_dataset(root, cache=False)
        except DataError as error:
            raise DigestError(_cannot_load(revision, error, root, where)) from None
        claims = dataset.claims
        files = claims["file"].cat.rename_categories(
            [_renamed(str(name), root, where) for name in claims["file"].cat.categories]
        )
        return replace(dataset, claims=claims.assign(file=files))


def dataset_at(directory: str | os.PathLike[str], rev: Revision | str) -> Dataset:
    """The data directory as it was at `rev` (a Revision, or anything `resolve`
    reads), loaded without the cache. Its `file` column names files as git
    does ('abc1234:data/claims/a.yaml'); its `directory` no longer exists.
    DigestError when it cannot be loaded, with the problems in the message."""
    place = locate(directory)
    revision = rev if isinstance(rev, Revision) else resolve_in(place, rev)
    return dataset_in(place, revision)
