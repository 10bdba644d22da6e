"""Benchmark: a warm load from the parse cache, Arrow IPC against the old pickle.

    python bench/cache.py [--sizes 100000 1000000] [--repeat 3] [--keep DIR]

The tables of 100,000 synthetic claims (bench/generate.py) are loaded once
from YAML; larger sizes repeat them with unique ids (a million claims of YAML
would take minutes to write and parse, and the cache never sees YAML). Each
size is stored in both formats, then each warm load runs in a fresh Python
process, which first loads a small entry of the same format (so that imports
and one-time set-up are not counted), and reports wall time and peak memory
(the rise of the peak resident set over the resident set just before it).
Medians of `--repeat` runs. Budget: the Arrow cache within 1.2x of the
pickle's time and memory.

The pickle side is the format this project used before (one pickle of the
key and the `_Cached` entry per directory, `pickle.load` then a key
comparison); it lives only here, for this comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
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

BUDGET = 1.2
NAME = "bench"  # the cache entry's name (a directory's path, in the loader)


def _rss_kib(field: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field):
                return int(line.split()[1])
    raise RuntimeError(field)


# The old format, kept only for this comparison.
def pickle_put(path: Path, key, entry) -> None:
    with open(path, "wb") as fh:
        pickle.dump((key, entry), fh, protocol=pickle.HIGHEST_PROTOCOL)


def pickle_get(path: Path, key):
    with open(path, "rb") as fh:
        stored_key, value = pickle.load(fh)
    return value if stored_key == key else None


def arrow_get(root: Path, key):
    from tui.claims.cache import Cache
    from tui.claims.load import _cached

    return _cached(Cache(root).get("tables", NAME, key))


def worker(fmt: str, where: str, small: str, key_json: str) -> None:
    """Runs in the child process: one warm load, printed as JSON."""
    key = tuple(json.loads(key_json))  # as stored, even if the code changed since
    get = pickle_get if fmt == "pickle" else arrow_get
    assert get(Path(small), key) is not None  # warm-up: imports, first use
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # reset the peak resident set to the current one
    before = _rss_kib("VmRSS:")
    start = time.perf_counter()
    entry = get(Path(where), key)
    elapsed = time.perf_counter() - start
    peak = _rss_kib("VmHWM:") - before
    assert entry is not None, "a miss"
    rows = len(entry.tables["claims"])
    print(json.dumps({"seconds": elapsed, "peak_mib": peak / 1024, "rows": rows}))


def measure(fmt: str, where: Path, small: Path) -> dict:
    from tui.claims.load import cache_key

    out = subprocess.run(
        [sys.executable, __file__, "--worker", fmt, str(where), str(small),
         json.dumps(cache_key())],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def base_entry(root: Path, claims: int):
    """The `_Cached` entry of `claims` synthetic claims, as the loader made it."""
    from tui.claims import load_dataset
    from tui.claims.cache import Cache
    from tui.claims.load import _cached, cache_key

    directory = generate(root / f"claims-{claims}", claims)
    cache = root / "loader-cache"
    load_dataset(directory, cache_dir=cache)
    entry = _cached(Cache(cache).get("tables", str(directory.resolve()), cache_key()))
    assert entry is not None
    return entry


def repeated(entry, times: int):
    """The entry with its claims repeated `times` times, ids kept unique."""
    import pandas as pd

    from tui.claims.load import _Cached

    if times == 1:
        return entry
    claims = entry.tables["claims"]
    parts = []
    for n in range(times):
        part = claims.copy()
        part["id"] = (part["id"] + f"-{n}").astype(claims["id"].dtype)
        parts.append(part)
    big = pd.concat(parts, ignore_index=True)
    rows = len(claims)
    file_rows = {
        f"{n}/{rel}": (key, start + n * rows, end + n * rows)
        for n in range(times)
        for rel, (key, start, end) in entry.file_rows.items()
    }
    return _Cached(entry.given, entry.vocab_keys, file_rows, {**entry.tables, "claims": big})


def store(entry, where: Path) -> dict[str, tuple[float, float]]:
    """Both formats of `entry` under `where`: {format: (seconds to store, MiB)}."""
    from tui.claims.cache import Cache
    from tui.claims.load import cache_key

    where.mkdir(mode=0o700, parents=True, exist_ok=True)
    out = {}
    start = time.perf_counter()
    pickle_put(where / "entry.pickle", cache_key(), entry)
    out["pickle"] = (time.perf_counter() - start, (where / "entry.pickle").stat().st_size / 2**20)
    start = time.perf_counter()
    Cache(where / "arrow").put("tables", NAME, cache_key(), entry.meta(), entry.tables)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in (where / "arrow").rglob("*") if p.is_file())
    out["arrow"] = (seconds, size / 2**20)
    return out


def run(sizes: list[int], repeat: int, root: Path) -> list[str]:
    from tui.claims import load_dataset
    from tui.claims.cache import Cache
    from tui.claims.load import _Cached, cache_key

    small_dir = root / "small"
    small = load_dataset(HERE.parent / "data", cache=False)
    tables = {n: getattr(small, n) for n in ("claims", "sources", "claimants", "quantities")}
    small_entry = _Cached(str(HERE.parent / "data"), {}, {}, tables)
    small_dir.mkdir(mode=0o700)
    pickle_put(small_dir / "entry.pickle", cache_key(), small_entry)
    Cache(small_dir / "arrow").put("tables", NAME, cache_key(), small_entry.meta(), tables)
    smalls = {"pickle": small_dir / "entry.pickle", "arrow": small_dir / "arrow"}

    unit = 100_000
    base = base_entry(root, min(unit, min(sizes)))
    lines = [f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, median of {repeat}"]
    print(lines[0], flush=True)
    for claims in sizes:
        times, rest = divmod(claims, len(base.tables["claims"]))
        assert rest == 0, f"{claims} is not a multiple of {len(base.tables['claims'])}"
        where = root / f"entry-{claims}"
        stored = store(repeated(base, times), where)
        paths = {"pickle": where / "entry.pickle", "arrow": where / "arrow"}
        runs: dict[str, list[dict]] = {"pickle": [], "arrow": []}
        for _ in range(repeat):
            for fmt in runs:  # interleaved, so that drift hits both alike
                runs[fmt].append(measure(fmt, paths[fmt], smalls[fmt]))
        med = {
            fmt: {k: statistics.median(r[k] for r in rs) for k in ("seconds", "peak_mib")}
            for fmt, rs in runs.items()
        }
        assert {r["rows"] for rs in runs.values() for r in rs} == {claims}
        block = [
            f"\n{claims:,} claims, warm load from the cache",
            f"  {'':22}{'load':>10}{'peak MiB':>10}{'on disk':>12}{'store':>10}",
        ]
        for fmt, name in (("pickle", "pickle (old)"), ("arrow", "Arrow IPC + JSON")):
            block.append(
                f"  {name:22}{med[fmt]['seconds'] * 1000:>8.0f}ms{med[fmt]['peak_mib']:>10.1f}"
                f"{stored[fmt][1]:>8.1f} MiB{stored[fmt][0] * 1000:>8.0f}ms"
            )
        t = med["arrow"]["seconds"] / med["pickle"]["seconds"]
        m = med["arrow"]["peak_mib"] / med["pickle"]["peak_mib"]
        block.append(f"  ratio Arrow/pickle: time {t:.2f}x, memory {m:.2f}x")
        block.append(f"  {'PASS' if t <= BUDGET else 'FAIL'}  time <= {BUDGET}x pickle")
        block.append(f"  {'PASS' if m <= BUDGET else 'FAIL'}  memory <= {BUDGET}x pickle")
        print("\n".join(block), flush=True)
        lines += block
        shutil.rmtree(where, ignore_errors=True)
    return lines


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:6])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated data here")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="noko-bench-cache-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        lines = run(args.sizes, args.repeat, root)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if any(line.strip().startswith("FAIL") for line in lines) else 0


if __name__ == "__main__":
    raise SystemExit(main())
