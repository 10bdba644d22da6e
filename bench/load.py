"""Benchmark: loading claims against a bare `yaml.load(CSafeLoader)` of the same files.

    python bench/load.py [--sizes 10000 100000] [--repeat 3] [--keep DIR]

Each measurement runs in a fresh Python process (so caches, the allocator and
garbage collector start clean) and reports wall time and peak memory (the rise
of the peak resident set over the resident set just before the load). Before
measuring, each side imports its modules and loads the small embedded data
once, so that one-time library set-up is not counted as loading. Budgets, as ratios against the bare parse in the same run:

  cold load (parse + validate + DataFrame + writing the cache) <= 0.6x time, <= 1.2x memory
  warm load (unchanged files, from the cache)                  <= 0.02x time (100,000 claims)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402


def _rss_kib(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field):
                return int(line.split()[1])
    raise RuntimeError(field)


def worker(mode: str, directory: str, cache: str) -> None:
    """Runs in the child process: one measurement, printed as JSON."""
    import yaml

    files = sorted(Path(directory, "claims").glob("*.yaml"))
    # Warm-up on the small embedded data, for both sides alike: one-time
    # library set-up (lazy imports, first-use initialisation) is not loading.
    embedded = HERE.parent / "data"
    if mode == "bare":
        for path in sorted(embedded.rglob("*.yaml")):
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    else:
        from tui.claims import load_dataset

        load_dataset(embedded, cache=False)
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # reset the peak resident set to the current one
    before = _rss_kib("VmRSS:")
    start = time.perf_counter()
    if mode == "bare":
        result = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in files]
        rows = sum(len(r) for r in result)
    else:
        dataset = load_dataset(directory, cache=mode != "nocache", cache_dir=Path(cache))
        rows = len(dataset.claims)
        assert dataset.from_cache == (mode == "warm"), (mode, dataset.from_cache)
    elapsed = time.perf_counter() - start
    peak = _rss_kib("VmHWM:") - before
    print(json.dumps({"mode": mode, "seconds": elapsed, "peak_mib": peak / 1024, "rows": rows}))


def measure(mode: str, directory: Path, cache: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", mode, str(directory), str(cache)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_size(claims: int, repeat: int, root: Path) -> dict[str, dict]:
    directory = generate(root / f"claims-{claims}", claims)
    size_mib = sum(p.stat().st_size for p in directory.rglob("*.yaml")) / 2**20
    results: dict[str, list[dict]] = {m: [] for m in ("bare", "nocache", "cold", "warm", "edit")}
    for _ in range(repeat):
        cache = root / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        results["bare"].append(measure("bare", directory, cache))
        results["nocache"].append(measure("nocache", directory, cache))
        results["cold"].append(measure("cold", directory, cache))
        results["warm"].append(measure("warm", directory, cache))
        edited = directory / "claims" / "batch-00000.yaml"
        edited.write_text(edited.read_text().replace("Synthetic claim 0 ", "Synthetic claim zero "))
        results["edit"].append(measure("cold", directory, cache))
        edited.write_text(edited.read_text().replace("Synthetic claim zero ", "Synthetic claim 0 "))
    summary = {}
    for mode, runs in results.items():
        summary[mode] = {
            "seconds": statistics.median(r["seconds"] for r in runs),
            "peak_mib": statistics.median(r["peak_mib"] for r in runs),
            "rows": runs[0]["rows"],
        }
    summary["files_mib"] = size_mib
    return summary


def report(claims: int, s: dict) -> list[str]:
    bare = s["bare"]
    lines = [f"\n{claims:,} claims ({s['files_mib']:.1f} MiB of YAML)",
             f"  {'':34}{'time':>10}{'x bare':>9}{'peak MiB':>11}{'x bare':>9}"]  # fmt: skip
    names = {"bare": "bare yaml.load(CSafeLoader)", "nocache": "load, no cache",
             "cold": "cold load (writes the cache)", "warm": "warm load (from the cache)",
             "edit": "after editing one file"}  # fmt: skip
    for mode, name in names.items():
        r = s[mode]
        lines.append(
            f"  {name:34}{r['seconds'] * 1000:>8.0f}ms{r['seconds'] / bare['seconds']:>9.3f}"
            f"{r['peak_mib']:>11.1f}{r['peak_mib'] / bare['peak_mib']:>9.2f}"
        )
    checks = [
        ("cold time <= 0.6x bare", s["cold"]["seconds"] <= 0.6 * bare["seconds"]),
        ("cold memory <= 1.2x bare", s["cold"]["peak_mib"] <= 1.2 * bare["peak_mib"]),
    ]
    if claims >= 100_000:
        checks.append(("warm time <= 0.02x bare", s["warm"]["seconds"] <= 0.02 * bare["seconds"]))
    for name, ok in checks:
        lines.append(f"  {'PASS' if ok else 'FAIL'}  {name}")
    return lines


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:5])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated data here")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="noko-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    out: list[str] = [
        f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, median of {args.repeat}"
    ]
    failed = False
    try:
        for claims in args.sizes:
            lines = report(claims, run_size(claims, args.repeat, root))
            failed |= any(line.strip().startswith("FAIL") for line in lines)
            out += lines
            print("\n".join(lines), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
