"""Every pane at scale: 100,000 claims (or --claims 1000000), as the app shows them.

    python bench/panes.py [--claims 100000] [--big DIR]

On the synthetic directory of bench/generate.py (its three milestones
replicated some 250 times per 100,000 claims), measured once each:

  load        cold (parsing every file) and warm (the parse cache)
  record      the record the filter worker builds (revisions, contested flags,
              the milestones: one per event)
  each pane   its `prepare` (rows, chart data, column widths), pane on screen first

and checks what an analyst would see: every pane has rows, every chart has
something to draw, and no chart's milestones repeat an event (at most
`charts.milestones.MILESTONES_DRAWN`, each label and date once). Exits 1 on a failed check.

Measured on a loaded 2-core machine: at 100,000 claims, load 11 s cold and
0.2 s warm, each pane at most 0.3 s; at 1,000,000, load 117 s cold and 2.2 s
warm, each pane at most 2.2 s (2.8 GB resident in the app).

The same by hand, as a user, which is how the repeated milestones were found
(the app showed its first pane after 17 s cold, 2.4 s warm at 100,000; 138 s
cold, 8.7 s warm at 1,000,000):

    python bench/generate.py /tmp/big100k --claims 100000
    tmux new-session -d -s big -x 80 -y 24 '.venv/bin/noko-tui --data /tmp/big100k'
    tmux send-keys -t big 2; sleep 3; tmux capture-pane -p -t big
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402


def _timed(what: str, run):  # noqa: ANN001, ANN202
    start = time.perf_counter()
    result = run()
    print(f"  {what:<28} {time.perf_counter() - start:8.2f} s", flush=True)
    return result


def check(claims: int, big: Path | None) -> list[str]:
    from tui.claims import load_dataset
    from tui.claims.record import record_for
    from tui.claims.charts.milestones import MILESTONES_DRAWN
    from tui.panes import PANES

    with tempfile.TemporaryDirectory() as tmp:
        where = big or Path(tmp) / "big"
        if not (where / "claims").is_dir():
            _timed(f"generate {claims:,}", lambda: generate(where, claims))
        os.environ["NOKO_TUI_CACHE_DIR"] = str(Path(tmp) / "cache")
        _timed("load, cold", lambda: load_dataset(where))
        dataset = _timed("load, warm", lambda: load_dataset(where))
        record = _timed("record", lambda: record_for(dataset))
        problems = []
        events = {(m.label, m.date) for m in record.milestones}
        if len(events) != len(record.milestones):
            problems.append(f"the record's milestones repeat an event: {record.milestones}")
        print(f"  {len(record.milestones)} milestones, "
              f"{sum(m.reports for m in record.milestones):,} reports")  # fmt: skip
        for pane in PANES:
            data = _timed(f"pane {pane.key} {pane.title}", lambda p=pane: p.prepare(record.claims,
                                                                                    record))
            rows = getattr(data, "rows", getattr(data, "table", None))
            if rows is None or not len(rows):
                problems.append(f"pane {pane.key} {pane.title} has no rows")
            chart = getattr(data, "chart", None)
            if chart is not None and getattr(chart, "empty", False):
                problems.append(f"pane {pane.key} {pane.title}: its chart has nothing to draw")
            drawn = getattr(chart, "milestones", ())
            if len(drawn) > MILESTONES_DRAWN or len({(m.label, m.date) for m in drawn}) < len(
                drawn
            ):
                problems.append(f"pane {pane.key} {pane.title}: milestones {drawn}")
        return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--big", type=Path, help="a directory bench/generate.py wrote")
    args = parser.parse_args()
    problems = check(args.claims, args.big)
    for problem in problems:
        print(f"FAILED: {problem}")
    print("ok" if not problems else f"{len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
