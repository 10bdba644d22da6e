"""Text from the data never reaches a terminal, a clipboard or a file as
anything but inert characters.

`tests/data/hostile/` (written by `tests/make_hostile.py`) puts ESC, OSC 52
(clipboard), OSC 0 (title), CSI 2J (clear), CSI 6n (cursor report), C1
controls, an OSC 8 hyperlink, NUL, CR, BEL, a line separator, a bidi override
and markup into every free-text field, and markup into every identifier.
Each channel is driven as a user would drive it, and the bytes it hands on
are searched for every one of those sequences.
"""

from __future__ import annotations

import base64
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TESTS, run_cli

sys.path.insert(0, str(ROOT / "bench"))
from terminal import Terminal  # noqa: E402

HOSTILE = TESTS / "data" / "hostile"

#: What the data's sequences would look like had they got through.
FORBIDDEN = {
    "OSC 52 from the data": rb"\x1b\]52;c;UFdORUQ=",
    "OSC 0 (title)": rb"\x1b\]0;",
    "OSC 8 (hyperlink)": rb"\x1b\]8;",
    "CSI 2J (clear)": rb"\x1b\[2J",
    "CSI 6n (cursor report)": rb"\x1b\[6n",
    "C1 control": rb"\xc2[\x80-\x9f]",
    "NUL": rb"\x00",
    "CR not before LF": rb"\r(?!\n)",
    "line separator": "\u2028".encode(),
    "bidi override": "\u202e".encode(),
}
#: Every escape sequence the app itself writes: SGR, cursor moves, modes,
#: Textual's pointer shape (OSC 22) and its clipboard (OSC 52 with a
#: base64 payload and BEL).
ALLOWED_ESCAPE = re.compile(
    rb"\x1b(\[[0-9;?<>=]*[ -/]*[mHhlpuJK]|\]22;[a-z]*\x1b\\|\]22;[a-z]*\x07|\]52;c;[A-Za-z0-9+/=]*\x07)"
)
CONTROL_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def leaks(output: bytes) -> list[str]:
    """Every forbidden sequence in the output, and every escape the app
    would not write itself."""
    found = [name for name, pattern in FORBIDDEN.items() if re.search(pattern, output)]
    stray = re.sub(ALLOWED_ESCAPE, b"", output)
    if b"\x1b" in stray:
        at = stray.index(b"\x1b")
        found.append(f"unexpected escape {stray[at : at + 12]!r}")
    if b"\x07" in stray:
        found.append("BEL outside the app's own sequences")
    return found


def clipboard(output: bytes) -> list[str]:
    """The texts the app put on the clipboard (OSC 52)."""
    return [
        base64.b64decode(m.group(1)).decode("utf-8")
        for m in re.finditer(rb"\x1b\]52;c;([A-Za-z0-9+/=]+)\x07", output)
    ]


def drive(directory: Path, keys: list[bytes], size: tuple[int, int] = (100, 30)) -> bytes:
    """Run noko-tui in a pseudo-terminal, press the keys, return every byte
    written. It runs in a temporary directory: an export pressed lands there."""
    import tempfile

    here = tempfile.mkdtemp(prefix="noko-hostile-")
    term = Terminal([sys.executable, "-m", "tui", "--data", str(directory), "--no-cache"], size,
                    env={"PYTHONPATH": str(ROOT)}, cwd=here)  # fmt: skip
    try:
        term.wait_for(["claims"], timeout=60)
        term.quiet(0.8)
        for key in keys:
            term.send(key)
            term.quiet(0.3)
    finally:
        term.close()
        shutil.rmtree(here, ignore_errors=True)
    return bytes(term.output)


ESC, ENTER, TAB, CTRL_P = b"\x1b", b"\r", b"\t", b"\x10"


def test_the_fixture_is_hostile_and_valid() -> None:
    text = (HOSTILE / "claims" / "all.yaml").read_text(encoding="utf-8")
    for escape in (r"\e]52;c;UFdORUQ=", r"\e]0;", r"\e[2J", r"\e[6n", r"\x9B", r"\0", r"\r", r"\L"):
        assert escape in text
    result = run_cli("check", str(HOSTILE), "--no-cache")
    assert result.returncode == 0, result.stdout
    assert not leaks(result.stdout.encode() + result.stderr.encode())


def test_screens_palette_toasts_and_clipboard_pass_nothing_raw() -> None:
    """Every pane, the detail (to its end), help, search, the filter dialog,
    the palette searching claimants, sources and claims, a toast, a copy."""
    keys = [b"1", b"2", b"3", b"e", b"4", b"5", ENTER, b"G", b"y", ESC, b"6", TAB, ENTER,
            ESC, b"?", b"G", ESC, b"/", b"sum", ESC, b"f", b" ", ESC, CTRL_P, b"JC", ESC,
            CTRL_P, b"doc", ESC, CTRL_P, b"t-1", ESC, b"5", b"y"]  # fmt: skip
    output = drive(HOSTILE, keys)
    assert leaks(output) == []
    # The hostile text was on screen, as visible stand-ins: it was tested, not skipped.
    assert "\u241b]0;PWNED-TITLE".encode() in output
    assert b"[@click=app.quit]" in output  # markup shown literally, not obeyed
    copied = clipboard(output)
    assert len(copied) == 2, "both `y` presses copied a citation"
    for text in copied:
        assert "PWNED" in text  # the citation carries the data, made inert
        assert not CONTROL_TEXT.search(text), repr(text)


def test_problems_printed_after_the_app_exits_are_inert(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(HOSTILE, bad)
    claims = bad / "claims" / "all.yaml"
    hostile_key = '  "key\\e]0;PWNED-TITLE\\a\\e[2J": 1\n'
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("  category: troops\n",
                                                   "  category: troops\n" + hostile_key, 1)
        .replace("value: 11000", 'value: "\\e]52;c;UFdORUQ=\\a"'),
        encoding="utf-8",
    )  # fmt: skip
    term = Terminal([sys.executable, "-m", "tui", "--data", str(bad), "--no-cache"])
    term.process.wait(timeout=60)
    term.quiet(0.5)
    output = bytes(term.output)
    term.close()
    assert term.process.returncode == 1
    assert "PWNED-TITLE".encode() in output  # the problem was printed
    assert leaks(output) == []


def test_check_prints_hostile_keys_and_values_inert(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    shutil.copytree(HOSTILE, bad)
    claims = bad / "claims" / "all.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            "  category: troops\n",
            '  category: troops\n  "k\\e]0;PWNED-TITLE\\a\\e[2J\\e[6n": 1\n',
            1,
        ),
        encoding="utf-8",
    )
    result = run_cli("check", str(bad), "--no-cache")
    assert result.returncode == 1
    assert "PWNED-TITLE" in result.stdout
    assert leaks(result.stdout.encode() + result.stderr.encode()) == []


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_screenshot_of_hostile_data_holds_no_control_character(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from conftest import settle

    from tui.app import NokoApp

    app = NokoApp(str(HOSTILE), use_cache=False)
    async with app.run_test(size=size) as pilot:
        await settle(app)
        await pilot.pause(0.5)
        for key in ("1", "5", "enter"):
            await pilot.press(key)
            await settle(app)
        path = app.save_screenshot(path=str(tmp_path))
    svg = Path(path).read_text(encoding="utf-8")
    assert "PWNED-TITLE" in svg
    assert not CONTROL_TEXT.search(svg.replace("\n", ""))
