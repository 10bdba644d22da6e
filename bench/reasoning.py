"""Benchmark: the reasoning over 100,000 claims, against one pandas groupby.

    python bench/reasoning.py [--repeat 15] [--big DIR] [--no-terminal]

On the synthetic directory of bench/generate.py (100,000 claims, 9
quantities, 30 claimants), measured in one run, taking turns, medians of --repeat:

  baseline      one pandas groupby over the same frame:
                claims.groupby(["quantity", "claimant"])["best"].agg(min, max, size)
  contested     the contested flags for every quantity, as each filter change
                computes them (intervals and time slots are per-claim facts,
                computed once per load: reported apart)   budget <= 2x baseline
  quantity view what the view computes when opened, for the quantity with
                most claims (its table, chart, sequences, current picture and
                disagreements)                             budget <= 2x baseline
  and, reported without a budget: intervals and slots once per load, the
  record on a known-on date (revisions and contested flags of the cut), and
  the suggested credibility of every claim (`grades.suggest`).

Then the app itself in a pseudo-terminal (120x40, cache warm, NOKO_TUI_TRACE):
the longest event-loop block while opening the quantity view, moving its
cursor (which redraws the chart), stepping the known-on date, toggling
latest-only and milestones                                 budget <= 250 ms
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402


def medians_ms(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The median time of each run, in ms. The runs take turns, round after
    round, so a machine that slows down or speeds up midway weighs on the
    baseline and the measures alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


def model(big: Path, repeat: int) -> dict[str, float]:
    from tui.claims import load_dataset
    from tui.claims.contested import contested_flags
    from tui.claims.grades import suggest
    from tui.claims.intervals import with_intervals
    from tui.claims.quantity_view import quantity_view
    from tui.claims.record import annotate, prepared, record_for

    dataset = load_dataset(big)
    claims = dataset.claims
    tolerances = dataset.tolerances
    ready = prepared(claims, tolerances)
    record = record_for(dataset)
    quantity = str(claims["quantity"].value_counts().index[0])
    known = ready[ready["said_at"] < 2025.5]
    out = {
        "claims": float(len(claims)),
        "quantity_claims": float((claims["quantity"] == quantity).sum()),
    }
    out.update(medians_ms({
        "baseline": lambda: claims.groupby(["quantity", "claimant"], observed=True)[
            "best"].agg(["min", "max", "size"]),
        "contested": lambda: contested_flags(ready, tolerances),
        "contested_scratch": lambda: contested_flags(claims, tolerances),
        "intervals_once": lambda: with_intervals(claims, tolerances),
        "known_on_record": lambda: annotate(known, tolerances),
        "suggest": lambda: suggest(ready, tolerances),
        "quantity_view": lambda: quantity_view(
            record.claims, record.claims, quantity, dataset.quantities, dataset.claimants,
            record.milestones, tolerances),
    }, repeat))  # fmt: skip
    return out


def event_loop(big: Path, cache: str) -> float:
    """The longest gap between the app's 20 ms heartbeats while the analyst
    works in the quantity view at 100,000 claims."""
    from terminal import traced, worst_block

    down = b"\x1b[B"
    return worst_block(traced(big, cache, "reasoning", [
        b"v", down * 10, b"[", b"[", b"]", b"n", b"\x1b", b"n", b"m", b"2", b"v", down * 5,
        b"\x1b", b"m", b"]", b"]"], gap=0.5, timeout=30))  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--big", type=Path, help="an existing 100,000-claim data directory")
    parser.add_argument("--no-terminal", action="store_true", help="skip the app in a pty")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="noko-tui-reasoning-"))
    cache = str(work / "cache")
    os.environ["NOKO_TUI_CACHE_DIR"] = cache
    failed = False
    try:
        big = args.big or generate(work / "claims-100000", 100_000)
        m = model(big, args.repeat)
        base = m["baseline"]

        def ratio(name: str) -> str:
            return f"{m[name]:8.1f} ms  {m[name] / base:5.2f}x"

        print(f"{m['claims']:,.0f} claims; the largest quantity has {m['quantity_claims']:,.0f}; "
              f"medians of {args.repeat}, {dt.date.today()}")  # fmt: skip
        print(f"  baseline: one groupby                 {base:8.1f} ms")
        print(f"  contested flags, every quantity       {ratio('contested')}  budget 2x")
        print(f"  quantity view (model, in a worker)    {ratio('quantity_view')}  budget 2x")
        print(f"  contested flags from scratch          {ratio('contested_scratch')}")
        print(f"  intervals and slots, once per load    {ratio('intervals_once')}")
        print(f"  the record known on a date (worker)   {ratio('known_on_record')}")
        print(f"  suggested credibility, every claim    {ratio('suggest')}")
        failed |= m["contested"] > 2 * base or m["quantity_view"] > 2 * base
        if not args.no_terminal:
            worst = event_loop(big, cache)
            print(f"  longest event-loop block (app, pty)   {worst:8.1f} ms  budget 250 ms")
            failed |= worst > 250
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
