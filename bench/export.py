"""Benchmark: `noko-tui export` over 100,000 claims, against pandas writing
the same table.

    python bench/export.py [--repeat 9] [--big DIR]

On the synthetic directory of bench/generate.py (100,000 claims), the
claims a filter keeps (no filter: all of them) are exported to a file in
a temporary directory. Measured in one run, taking turns (the `medians_ms`
of bench/reasoning.py), medians of --repeat:

  pandas csv       the export table, already built, written with
                   DataFrame.to_csv to a file
  export csv       what `export --format csv -o FILE` does after loading:
                   the export table built from the claims, its text made
                   inert (formula cells neutralised), written atomically
                                                  budget <= 1.5x pandas csv
  pandas parquet   the export table written with DataFrame.to_parquet
  export parquet   as `export --format parquet -o FILE`
                                                  budget <= 1.5x pandas parquet

Loading the directory is the same for both and not measured here (see
bench/load.py). Exits 1 when an export is over its budget.
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

BUDGET = 1.5
FORMATS = ("csv", "parquet")


def model(big: Path, out: Path, repeat: int) -> dict[str, float]:
    from tui.claims import formats, load_dataset
    from tui.claims.export import export_frame
    from tui.claims.filters import Filter
    from tui.claims.selection import select

    _, claims = select(load_dataset(big), Filter())
    table = export_frame(claims)
    counter = iter(range(10**9))

    def target(kind: str) -> Path:
        path = out / f"{kind}-{next(counter)}"
        return path

    def ours(name: str) -> None:
        path = target(name)
        formats.write_file(path, formats.writer(export_frame(claims), formats.FORMATS[name]))
        path.unlink()

    def pandas(name: str) -> None:
        path = target(name)
        if name == "csv":
            table.to_csv(path, index=False)
        else:
            table.to_parquet(path, index=False)
        path.unlink()

    runs = {}
    for name in FORMATS:
        runs[f"pandas {name}"] = lambda n=name: pandas(n)
        runs[f"export {name}"] = lambda n=name: ours(n)
    return {"claims": float(len(claims)), **medians_ms(runs, repeat)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--big", type=Path, help="an existing 100,000-claim data directory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="noko-tui-export-"))
    os.environ["NOKO_TUI_CACHE_DIR"] = str(work / "cache")
    try:
        big = args.big or generate(work / "claims-100000", 100_000)
        out = work / "out"
        out.mkdir()
        m = model(big, out, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{m['claims']:,.0f} claims exported; medians of {args.repeat}, {dt.date.today()}")
    failed = False
    for name in FORMATS:
        base, ours = m[f"pandas {name}"], m[f"export {name}"]
        ratio = ours / base
        over = ratio > BUDGET
        failed |= over
        print(f"  pandas writing the table ({name:<7})  {base:8.1f} ms")
        print(f"  noko-tui export --format {name:<7}   {ours:8.1f} ms  {ratio:5.2f}x  "
              f"budget {BUDGET:g}x{'  OVER' if over else ''}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
