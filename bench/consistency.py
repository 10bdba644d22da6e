"""Benchmark: the arithmetic between quantities over 100,000 claims, against
one pandas groupby.

    python bench/consistency.py [--repeat 15] [--big DIR]

On the synthetic directory of bench/generate.py (100,000 claims; its
quantities.yaml declares killed_or_wounded the sum of killed and wounded),
measured in one run, taking turns, medians of --repeat:

  baseline     one pandas groupby over the same frame:
               claims.groupby(["quantity", "claimant"])["best"].agg(min, max, size)
  consistency  the consistency pass (`consistency.Consistency`): every derived
               sum, each compared with each origin's latest claim about the
               whole at the same time, and every part above its whole, as
               arrays (worded only when shown)             budget <= 2x baseline
  and, reported without a budget: the same from scratch (the days each
  figure stands at, computed once per load with the intervals, included),
  and wording the first 1,000 inconsistencies as `check --consistency` prints
  them.
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
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402
from reasoning import medians_ms  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--big", type=Path, help="an existing 100,000-claim data directory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="noko-tui-consistency-"))
    os.environ["NOKO_TUI_CACHE_DIR"] = str(work / "cache")
    try:
        big = args.big or generate(work / "claims-100000", 100_000)
        from tui.claims import load_dataset
        from tui.claims.consistency import Consistency
        from tui.claims.record import prepared

        dataset = load_dataset(big)
        claims = dataset.claims
        ready = prepared(claims, dataset.tolerances)
        arithmetic = Consistency(ready, dataset.quantities, dataset.tolerances)
        m = medians_ms({
            "baseline": lambda: claims.groupby(["quantity", "claimant"], observed=True)[
                "best"].agg(["min", "max", "size"]),
            "consistency": lambda: Consistency(ready, dataset.quantities, dataset.tolerances),
            "scratch": lambda: Consistency(claims, dataset.quantities, dataset.tolerances),
        }, args.repeat)  # fmt: skip
        worded = medians_ms({"words": lambda: _first(arithmetic, 1000)}, max(args.repeat // 5, 1))
        base = m["baseline"]
        print(f"{len(claims):,} claims; {arithmetic.comparisons:,} comparisons, "
              f"{arithmetic.inconsistencies:,} inconsistent; medians of {args.repeat}, "
              f"{dt.date.today()}")  # fmt: skip
        print(f"  baseline: one groupby                 {base:8.1f} ms")
        print(f"  consistency pass                      {m['consistency']:8.1f} ms  "
              f"{m['consistency'] / base:5.2f}x  budget 2x")  # fmt: skip
        print(f"  the same from scratch                 {m['scratch']:8.1f} ms  "
              f"{m['scratch'] / base:5.2f}x")  # fmt: skip
        print(f"  wording 1,000 inconsistencies         {worded['words']:8.1f} ms")
        return 1 if m["consistency"] > 2 * base else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _first(arithmetic: object, n: int) -> None:
    arithmetic.findings(inconsistent_only=True, limit=n)  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
