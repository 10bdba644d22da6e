"""Write a synthetic, valid data directory of N claims, for benchmarks.

    python bench/generate.py OUT_DIR --claims 100000 [--per-file 200]

The claims vary like real ones: every category, open and closed bounds,
vague words, reduced-precision dates, long and short notes, non-ASCII key
phrases. Files hold `--per-file` claims each (a few hundred, like a file per
source or per month written by hand).

The embedded record's milestones (the treaty in force, the acknowledgement,
the Beijing summit) are replicated as the record would report them: the
diplomacy claims whose number is a multiple of 20 carry one in turn, dated
by the event's own day, so 100,000 claims hold some 250 reports of each.
Which claims carry one depends on their id alone: the random draws, and so
every other claim, are the same as without them.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

CLAIMANTS = [(f"claimant-{i:02d}", kind) for i, kind in enumerate(
    ["military", "intelligence", "government", "lawmaker", "official", "outlet"] * 5)]  # fmt: skip
QUANTITIES = [
    ("troops_in_russia", "troops", "stock"), ("troops_sent", "troops", "flow"),
    ("killed", "casualties", "stock"), ("wounded", "casualties", "stock"),
    ("killed_or_wounded", "casualties", "stock"), ("captured", "casualties", "stock"),
    ("shells_supplied", "equipment", "flow"), ("missiles_supplied", "equipment", "flow"),
    ("wounded_treated", "support", "flow"),
]  # fmt: skip
SOURCES = 400
#: The embedded record's milestones: (label, the event's day, when it was said).
MILESTONES = [
    ("Treaty in force", "2024-12-04", "2024-12-05"),
    ("NK and Russia acknowledge troops", "2025-04-26", "2025-04-28"),
    ("Kim-Putin summit, Beijing", "2025-09-03", "2025-09-03"),
]
#: A diplomacy claim whose number is a multiple of this reports a milestone.
MILESTONE_EVERY = 20
WORDS = ("ongeveer minstens soldaten gedood gewond raketten munitie containers "
         "войска потери 병력 사상자 troops killed wounded shells missiles").split()  # fmt: skip


def _date(rng: random.Random) -> str:
    year = rng.choice([2024, 2025, 2025, 2026])
    month = rng.randint(1, 10 if year == 2026 else 12)
    kind = rng.random()
    if kind < 0.1:
        return f"{year}"
    if kind < 0.4:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def _claim(i: int, rng: random.Random) -> str:
    lines = [f"- id: synthetic-{i:07d}"]
    diplomacy = rng.random() < 0.15
    if diplomacy:
        lines.append("  category: diplomacy")
    else:
        quantity, category, measure = rng.choice(QUANTITIES)
        lines += [f"  category: {category}", f"  quantity: {quantity}"]
        value = rng.randint(1, 30) * rng.choice([10, 100, 1000])
        pick = rng.random()
        if pick < 0.4:
            lines += [f"  value: {value}", "  qualifier: about"]
        elif pick < 0.6:
            lines += [f"  value: {value}", f"  low: {value}", "  qualifier: at least"]
        elif pick < 0.8:
            lines += [f"  value: {value}", f"  low: {value * 9 // 10}", f"  high: {value * 11 // 10}",
                      "  qualifier: range"]  # fmt: skip
        elif pick < 0.9:
            lines += [f"  value: {value}", "  qualifier: exact"]
        else:
            lines.append(f"  qualifier: {rng.choice(['hundreds', 'thousands', 'considerable'])}")
        if measure == "stock" and rng.random() < 0.5:
            lines.append(f"  as_of: {_date(rng)[:7]}")
    claimant, _ = rng.choice(CLAIMANTS)
    lines.append(f"  claimant: {claimant}")
    if rng.random() < 0.5:
        lines.append(f"  via: {claimant}, reported by outlet {rng.randint(1, 40)}")
    lines.append(f"  stated_on: {_date(rng)}")
    lines.append(f"  source: source-{rng.randrange(SOURCES):03d}")
    lines.append(f"  paragraph: {rng.randint(1, 30)}")
    lines.append(f'  key_phrase: "{" ".join(rng.choices(WORDS, k=rng.randint(2, 6)))}"')
    lines.append(f"  summary: Synthetic claim {i} about {' '.join(rng.choices(WORDS, k=12))}.")
    inferred = rng.random() < 0.2
    if inferred or rng.random() < 0.6:  # an inference always carries its reasoning
        notes = " ".join(rng.choices(WORDS, k=rng.randint(10, 60)))
        lines.append(f"  notes: >-\n    {notes}")
    if inferred:
        lines.append("  inferred: [stated_on]")
    if diplomacy and i % MILESTONE_EVERY == 0:
        label, day, said = MILESTONES[i // MILESTONE_EVERY % len(MILESTONES)]
        lines = [f"  stated_on: {said}" if line.startswith("  stated_on:") else line
                 for line in lines]  # fmt: skip
        lines += [f"  period_start: {day}", f"  period_end: {day}", f"  milestone: {label}"]
    return "\n".join(lines) + "\n"


def generate(out: Path, claims: int, per_file: int = 200, seed: int = 7) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "claims").mkdir(parents=True)
    (out / "claimants.yaml").write_text("".join(
        f"- id: {cid}\n  name: Claimant {cid}\n  kind: {kind}\n  country: XX\n"
        for cid, kind in CLAIMANTS), encoding="utf-8")  # fmt: skip
    (out / "quantities.yaml").write_text("".join(
        f"- id: {q}\n  category: {c}\n  label: {q.replace('_', ' ')}\n  unit: units\n  measure: {m}\n"
        + ("  sum_of: [killed, wounded]\n" if q == "killed_or_wounded" else "")
        for q, c, m in QUANTITIES), encoding="utf-8")  # fmt: skip
    (out / "sources.yaml").write_text("".join(
        f"- id: source-{s:03d}\n  title: Source {s}\n  outlet: Outlet {s % 40}\n  language: en\n"
        f"  published: 2025-{s % 12 + 1:02d}\n  paragraphs: 40\n" for s in range(SOURCES)),
        encoding="utf-8")  # fmt: skip
    for f, start in enumerate(range(0, claims, per_file)):
        body = "".join(_claim(i, rng) for i in range(start, min(start + per_file, claims)))
        (out / "claims" / f"batch-{f:05d}.yaml").write_text(body, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--per-file", type=int, default=200)
    args = parser.parse_args()
    generate(args.out, args.claims, args.per_file)


if __name__ == "__main__":
    main()
