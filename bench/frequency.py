"""Benchmark: who says what (the frequency view's counts) over 100,000
claims, against one pandas groupby.

    python bench/frequency.py [--repeat 15] [--big DIR]

On the synthetic directory of bench/generate.py (100,000 claims, 9
quantities, 30 claimants), measured in one run, taking turns (the
`medians_ms` of bench/reasoning.py), medians of --repeat:

  baseline   claims.groupby(["quantity", "claimant"], observed=True)["best"]
             .agg(["min", "max", "size"])
  quantity   claims counted by claimant and quantity     budget <= 2x baseline
  category   by claimant and category                    budget <= 2x baseline
  month      by claimant and month said (year only and
             undated apart, with what a month's filter
             also keeps)                                 budget <= 2x baseline

Exits 1 when a count is over its budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate
from reasoning import medians_ms

BUDGET = 2.0


def model(big: Path, repeat: int) -> dict[str, float]:
    from tui.claims import load_dataset
    from tui.claims.frequency import DIMENSIONS, frequency

    claims = load_dataset(big).claims
    runs = {"baseline": lambda: claims.groupby(["quantity", "claimant"], observed=True)[
        "best"].agg(["min", "max", "size"])}  # fmt: skip
    for dimension in DIMENSIONS:
        runs[dimension] = lambda d=dimension: frequency(claims, d)
    return {"claims": float(len(claims)), **medians_ms(runs, repeat)}


def main() -> int:
    from tui.claims.frequency import DIMENSIONS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--big", type=Path, help="an existing 100,000-claim data directory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="noko-tui-frequency-"))
    os.environ["NOKO_TUI_CACHE_DIR"] = str(work / "cache")
    try:
        big = args.big or generate(work / "claims-100000", 100_000)
        m = model(big, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = m["baseline"]
    print(f"{m['claims']:,.0f} claims; medians of {args.repeat}, {dt.date.today()}")
    print(f"  baseline: one groupby                 {base:8.2f} ms")
    failed = False
    for dimension in DIMENSIONS:
        ratio = m[dimension] / base
        over = ratio > BUDGET
        failed |= over
        print(f"  by claimant and {dimension:<9}             {m[dimension]:8.2f} ms  "
              f"{ratio:5.2f}x  budget {BUDGET:g}x{'  OVER' if over else ''}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
