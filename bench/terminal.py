"""Benchmark: the app in a real pseudo-terminal, against two reference apps.

    python bench/terminal.py [--repeat 5] [--big DIR]

(a) bench/reference/bare_table.py: a bare Textual app with a 50-row DataTable.
(b) bench/reference/pandas_chart.py: (a) plus pandas and a textual-plotext chart.

Measured in one run, each app launched fresh in a pseudo-terminal of 80x24
with TERM=xterm-256color and no COLORTERM (no true colour, as over SSH):

  first paint   time from launch until known text is on the terminal:
                the app's frame (tabs and footer)        budget <= 1.2x (a)
                the Troops pane's numbers and chart      budget <= 1.3x (b)
  bytes         written for one cursor move              budget <= 1.5x (a)
                written for one scroll step              budget <= 1.1x (a)
                written while idle for 2 s               budget 0
                and which screen rows a table scroll repaints: none of the chart's
  100,000 claims (synthetic, from bench/generate.py, cache warm)
                longest event-loop block (20 ms heartbeat) while opening,
                scrolling, sorting and filtering         budget <= 250 ms
                repaint after a filter change, beyond pandas' own time
                                                         budget <= 100 ms
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMc]"
)
POSITION = re.compile(rb"\x1b\[(\d+);(\d+)H")
DOWN = b"\x1b[B"


class Terminal:
    """One program in a pseudo-terminal; everything it writes is kept."""

    def __init__(self, argv: list[str], size: tuple[int, int] = (80, 24), env: dict | None = None,
                 cwd: str | os.PathLike[str] | None = None):  # fmt: skip
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        environment = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR")}
        environment.update(
            {"TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
        )
        environment.update(env or {})
        self.started = time.perf_counter()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                                        env=environment, start_new_session=True,
                                        cwd=cwd or ROOT)  # fmt: skip
        os.close(slave)
        self.master = master
        self.output = bytearray()

    def _read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            return os.read(self.master, 65536)
        except OSError:
            return b""

    def wait_for(self, texts: list[str], timeout: float = 30) -> float:
        """Seconds from launch until every text has been written."""
        wanted = [t.encode() for t in texts]
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            chunk = self._read(0.01)
            if chunk:
                self.output += chunk
                plain = ESCAPES.sub(b"", bytes(self.output))
                if all(w in plain for w in wanted):
                    return time.perf_counter() - self.started
        raise TimeoutError(f"never saw {texts!r}")

    def quiet(self, gap: float = 0.3, timeout: float = 10) -> bytes:
        """Everything written until the program has been silent for `gap` seconds."""
        got = bytearray()
        deadline = time.perf_counter() + timeout
        last = time.perf_counter()
        while time.perf_counter() < deadline and time.perf_counter() - last < gap:
            chunk = self._read(0.02)
            if chunk:
                got += chunk
                last = time.perf_counter()
        self.output += got
        return bytes(got)

    def send(self, keys: bytes) -> bytes:
        os.write(self.master, keys)
        return self.quiet()

    def close(self) -> None:
        try:
            os.write(self.master, b"\x11")  # ctrl+q
            self.process.wait(timeout=3)
        except Exception:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


def rows_written(data: bytes) -> set[int]:
    """Screen rows (0-based) that cursor positioning in `data` touched."""
    return {int(m.group(1)) - 1 for m in POSITION.finditer(data)}


PYTHON = sys.executable
REF_A = [PYTHON, str(HERE / "reference" / "bare_table.py")]
REF_B = [PYTHON, str(HERE / "reference" / "pandas_chart.py")]
APP = [PYTHON, "-m", "tui"]


def first_paints(repeat: int, cache: str) -> dict[str, float]:
    times: dict[str, list[float]] = {"a": [], "b": [], "frame": [], "troops": []}
    env = {"NOKO_TUI_CACHE_DIR": cache}
    warm = Terminal(APP, env=env)  # fills the parse cache: these are second starts
    warm.wait_for(["NK troops in Russia", "about 11,000"])
    warm.close()
    for _ in range(repeat):
        for name, argv, texts in (
            ("a", REF_A, ["reference row 1 ", "said", "palette"]),
            ("b", REF_B, ["reference chart", "about 100", "palette"]),
        ):
            term = Terminal(argv)
            times[name].append(term.wait_for(texts))
            term.close()
        term = Terminal(APP, env=env)
        times["frame"].append(term.wait_for(["6 Sources", "Loading", "palette"]))
        times["troops"].append(
            # The chart's title and the first troop row of the embedded data.
            term.wait_for(["NK troops in Russia", "about 11,000", "summary"])
        )
        term.close()
    return {k: statistics.median(v) for k, v in times.items()}


def move_to_bottom(term: Terminal, rows: int) -> None:
    for _ in range(rows):
        os.write(term.master, DOWN)
        time.sleep(0.01)
    term.quiet(0.5)


def bytes_written(big: Path, cache: str) -> dict[str, object]:
    out: dict[str, object] = {}
    term = Terminal(REF_A)
    term.wait_for(["reference row 1 "])
    term.quiet(0.5)
    out["a_idle"] = len(term.quiet(2.0, 2.5))
    out["a_move"] = len(term.send(DOWN))
    move_to_bottom(term, 30)
    out["a_scroll"] = len(term.send(DOWN))
    term.close()

    env = {"NOKO_TUI_CACHE_DIR": cache}
    trace = Path(cache) / "trace.txt"
    trace.unlink(missing_ok=True)
    term = Terminal(APP + ["--data", str(big)], env={**env, "NOKO_TUI_TRACE": str(trace)})
    term.wait_for(["All 100,000 claims"], timeout=120)
    term.quiet(1.0)
    term.send(b"5")
    out["idle"] = len(term.quiet(2.0, 2.5))
    out["move"] = len(term.send(DOWN))
    move_to_bottom(term, 30)
    out["scroll"] = len(term.send(DOWN))
    term.send(b"1")
    move_to_bottom(term, 30)
    scroll = term.send(DOWN)
    region = [line.split() for line in trace.read_text().splitlines() if " chart-region " in line]
    y0, y1 = int(region[-1][2]), int(region[-1][3])
    out["chart_rows"] = (y0, y1)
    out["scroll_rows"] = sorted(rows_written(scroll))
    out["chart_repainted"] = any(y0 <= r < y1 for r in rows_written(scroll))
    term.close()
    return out


def traced(big: Path, cache: str, name: str, presses: list[bytes],
           gap: float = 0.4, timeout: float = 20) -> list[str]:  # fmt: skip
    """Open the app on `big` at 120x40 with NOKO_TUI_TRACE, press each of
    `presses` and wait until the screen is quiet; the trace's lines."""
    trace = Path(cache) / f"trace-{name}.txt"
    trace.unlink(missing_ok=True)
    env = {"NOKO_TUI_CACHE_DIR": cache, "NOKO_TUI_TRACE": str(trace)}
    term = Terminal(APP + ["--data", str(big)], size=(120, 40), env=env)
    term.wait_for(["100,000 claims"], timeout=300)
    term.quiet(0.5)
    for keys in presses:
        os.write(term.master, keys)
        term.quiet(gap, timeout)
    term.close()
    return trace.read_text().splitlines()


def worst_block(lines: list[str]) -> float:
    """The longest gap between the app's 20 ms heartbeats, in ms, from a trace."""
    return max((float(line.split()[2].removesuffix("ms")) for line in lines
                if "heartbeat-worst" in line), default=0.0)  # fmt: skip


def responsiveness(big: Path, cache: str) -> dict[str, float]:
    lines = traced(big, cache, "big", [
        b"5", DOWN * 30, b"\x1b[6~" * 10, b"s", b"l", b"s", b"\x1b[5~" * 3, b"/", b"wounded",
        b"\r", b"c", b"1", b"2", b"/", b"claim 12", b"\r", b"\x1b", b"3", b"4", b"6"])  # fmt: skip
    worst = worst_block(lines)
    repaints, pandas_times = [], []
    done = None
    for line in lines:
        stamp, what, *rest = line.split()
        if what == "filter-done":
            done = float(stamp)
            pandas_times.append(float(rest[0].split("=")[1].removesuffix("ms")))
        elif what == "painted" and done is not None:
            repaints.append((float(stamp) - done) * 1000)
            done = None
    # The first "filter" is the initial load's; the changes are the ones after it.
    first, changes = repaints[0], repaints[1:]
    return {"worst_block_ms": worst, "repaint_ms": max(changes) if changes else float("nan"),
            "pandas_ms": max(pandas_times[1:]) if changes else float("nan"),
            "filters": len(changes), "first_paint_ms": first}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--big", type=Path, help="an existing 100,000-claim data directory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="noko-tui-bench-"))
    cache = str(work / "cache")
    failed = False
    try:
        big = args.big or generate(work / "claims-100000", 100_000)
        paint = first_paints(args.repeat, cache)
        lines = [f"first paint, median of {args.repeat} (80x24):",
                 f"  (a) bare Textual + DataTable        {paint['a'] * 1000:7.0f} ms",
                 f"  (b) + pandas + plotext chart        {paint['b'] * 1000:7.0f} ms",
                 f"  noko-tui frame                      {paint['frame'] * 1000:7.0f} ms  "
                 f"{paint['frame'] / paint['a']:.2f}x (a)  budget 1.2x",
                 f"  noko-tui Troops numbers and chart   {paint['troops'] * 1000:7.0f} ms  "
                 f"{paint['troops'] / paint['b']:.2f}x (b)  budget 1.3x"]  # fmt: skip
        failed |= paint["frame"] > 1.2 * paint["a"] or paint["troops"] > 1.3 * paint["b"]
        print("\n".join(lines), flush=True)
        b = bytes_written(big, cache)
        lines = ["bytes written (80x24):",
                 f"  cursor move   (a) {b['a_move']:6}   noko-tui {b['move']:6}  "
                 f"{b['move'] / max(b['a_move'], 1):.2f}x  budget 1.5x",
                 f"  scroll step   (a) {b['a_scroll']:6}   noko-tui {b['scroll']:6}  "
                 f"{b['scroll'] / max(b['a_scroll'], 1):.2f}x  budget 1.1x",
                 f"  idle 2 s      (a) {b['a_idle']:6}   noko-tui {b['idle']:6}  budget 0",
                 f"  table scroll on Troops repaints rows {b['scroll_rows']}; chart rows "
                 f"{b['chart_rows'][0]}-{b['chart_rows'][1] - 1}: "
                 f"{'REPAINTED' if b['chart_repainted'] else 'untouched'}"]  # fmt: skip
        failed |= (b["move"] > 1.5 * b["a_move"] or b["scroll"] > 1.1 * b["a_scroll"]
                   or b["idle"] != 0 or bool(b["chart_repainted"]))  # fmt: skip
        print("\n".join(lines), flush=True)
        r = responsiveness(big, cache)
        lines = ["100,000 claims (120x40, cache warm):",
                 f"  longest event-loop block        {r['worst_block_ms']:7.1f} ms  budget 250 ms",
                 f"  first data on screen after load {r['first_paint_ms']:7.1f} ms  (after pandas)",
                 f"  filter change: pandas (worker)  {r['pandas_ms']:7.1f} ms  (worst of {r['filters']})",
                 f"  filter change: repaint after it {r['repaint_ms']:7.1f} ms  budget 100 ms"]  # fmt: skip
        failed |= r["worst_block_ms"] > 250 or r["repaint_ms"] > 100
        print("\n".join(lines), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
