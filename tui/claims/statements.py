"""One statement is one claim, however many outlets carry it.

A claim is one statement by its claimant. The outlets that printed it are
its `source` and its `also_in` entries, and each entry may keep that
outlet's own wording (qualifier, numbers, key phrase). The claim's own
figure is the one the claimant's own channel gave, else the **most
cautious** of the outlets' wordings: the one whose interval (read as for
contested figures, `intervals.py`) is widest, an open bound ("more than",
"up to") wider than any closed one; between wordings as wide, the weaker
qualifier (`CAUTION`, weakest first).

Claims that look like one statement entered twice are those of one
claimant about one quantity said on the same day (both dates to the day):
`check` warns about them (`duplicates`), and they never revise each other
(`revisions.py`): they are one step of the claimant's sequence, and the
most cautious of them stands for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .claimfile import parse_locators, parse_wordings
from .dates import PRECISIONS
from .formatting import claim_number
from .intervals import claim_intervals
from .tolerances import DEFAULT, Tolerances

#: Qualifiers from the weakest (claiming least) to the strongest: the tie-break
#: between wordings whose intervals are as wide. Vague words come first.
CAUTION = ("up to", "fewer than", "at least", "more than", "range", "about", "nearly", "exact")

_DAY = PRECISIONS.index("day")


@dataclass(frozen=True)
class Outlet:
    """One outlet's report of a statement: where, and in what words."""

    source: str
    paragraph: int
    qualifier: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    key_phrase: str | None = None

    @property
    def worded(self) -> bool:
        """Whether the entry keeps its own wording (else it reads as the claim's)."""
        return any(v is not None for v in (self.qualifier, self.value, self.low, self.high,
                                           self.key_phrase))  # fmt: skip

    def number(self) -> str:
        """The outlet's figure as worded ("about 4,000", "4,000 (exact)": a
        bare figure is said so, beside another outlet's qualified one); ''
        without one."""
        if self.qualifier is None:
            return ""
        number = claim_number(self.qualifier, self.value, self.low, self.high)
        return f"{number} (exact)" if self.qualifier == "exact" and number else number

    def describe(self) -> str:
        """'cnn ¶5: about 4,000 “ongeveer 4.000”' (the locator alone without wording)."""
        where = f"{self.source} \u00b6{self.paragraph}"
        words = [w for w in (self.number(),
                             f"\u201c{self.key_phrase}\u201d" if self.key_phrase else "") if w]
        return f"{where}: {' '.join(words)}" if words else where


def outlets(also_in: object, wording: object) -> list[Outlet]:
    """A claim's `also_in` entries (its `also_in` and `also_in_wording`
    columns), each with its own wording where the data keeps one."""
    if not isinstance(also_in, str) or not also_in:
        return []
    words = parse_wordings(wording if isinstance(wording, str) else None)
    out = []
    for k, (source, paragraph) in enumerate(parse_locators(also_in)):
        w = words[k] if k < len(words) else {}
        out.append(Outlet(source, paragraph, w.get("qualifier"), w.get("value"), w.get("low"),
                          w.get("high"), w.get("key_phrase")))  # fmt: skip
    return out


def caution(qualifier: object, lo: float, hi: float) -> tuple[float, int]:
    """How cautious a wording is, as a key that sorts the most cautious last:
    the width of its interval, then how weak its qualifier is."""
    width = hi - lo if not (np.isnan(lo) or np.isnan(hi)) else -1.0
    q = qualifier if isinstance(qualifier, str) else ""
    weakness = len(CAUTION) - CAUTION.index(q) if q in CAUTION else len(CAUTION) + 1
    return float(width), weakness


def most_cautious(wordings: list[dict], tolerances: Tolerances = DEFAULT) -> int:
    """The place of the most cautious of these wordings (each a dict of
    qualifier, value, low, high); the first of equally cautious ones."""
    frame = pd.DataFrame({name: [w.get(name) for w in wordings]
                          for name in ("qualifier", "value", "low", "high")})  # fmt: skip
    for name in ("value", "low", "high"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce")
    lo, hi = claim_intervals(frame, tolerances)
    keys = [caution(q, a, b) for q, a, b in zip(frame["qualifier"], lo, hi)]
    best = max(keys)
    return keys.index(best)


def statement_days(claims: pd.DataFrame) -> np.ndarray:
    """The day each claim was said (days since 1970), -1 where it is not known
    to the day: only claims said on a known day can be one statement."""
    days = claims["stated_on"].to_numpy().astype("datetime64[D]").astype(np.int64)
    precision = np.asarray(claims["stated_on_precision"].cat.codes)
    known = (precision == _DAY) & ~np.isnat(claims["stated_on"].to_numpy())
    return np.where(known, days, -1)


def duplicates(claims: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs of positions of claims that look like one statement entered
    twice: the same claimant and quantity, said on the same day. Each claim
    of such a group is paired with the first of it in file order."""
    day = statement_days(claims)
    quantity = np.asarray(claims["quantity"].cat.codes, dtype=np.int64)
    claimant = np.asarray(claims["claimant"].cat.codes, dtype=np.int64)
    ok = np.flatnonzero((day >= 0) & (quantity >= 0) & (claimant >= 0))
    first: dict[tuple[int, int, int], int] = {}
    pairs = []
    for i in ok:
        key = (int(claimant[i]), int(quantity[i]), int(day[i]))
        j = first.setdefault(key, int(i))
        if j != i:
            pairs.append((j, int(i)))
    return pairs


def duplicate_warnings(claims: pd.DataFrame) -> list[str]:
    """`check`'s warnings about claims that look like one statement entered
    twice, naming both by file:line."""
    from .safetext import clean

    files, lines = claims["file"].astype(str), claims["line"]
    ids = claims["id"].astype(str)
    out = []
    for j, i in duplicates(claims):
        said = pd.Timestamp(claims["stated_on"].iat[i]).strftime("%Y-%m-%d")
        out.append(
            f"{clean(files.iat[i])}:{int(lines.iat[i])}: {clean(ids.iat[i])} and "
            f"{clean(files.iat[j])}:{int(lines.iat[j])} ({clean(ids.iat[j])}) look like one "
            f"statement entered twice: claimant {clean(str(claims['claimant'].iat[i]))}, "
            f"quantity {clean(str(claims['quantity'].iat[i]))}, said {said}; merge them, "
            "each outlet's wording in also_in"
        )
    return out


def same_statement(claims: pd.DataFrame, label: int) -> list[int]:
    """The index labels of the other claims of the claim at `label`'s
    statement (same claimant, quantity and day), in file order."""
    if label not in claims.index:
        return []
    at = claims.index.get_loc(label)
    day = statement_days(claims)
    if day[at] < 0 or pd.isna(claims["quantity"].iat[at]):
        return []
    mask = ((day == day[at])
            & (claims["claimant"] == claims["claimant"].iat[at]).to_numpy(dtype=bool)
            & (claims["quantity"] == claims["quantity"].iat[at]).to_numpy(dtype=bool))  # fmt: skip
    mask[at] = False
    return [int(x) for x in claims.index[mask]]


def wordings(row: pd.Series) -> list[tuple[str, int, dict]]:
    """Every outlet's wording of a claim's statement: its own source's (the
    claim's fields) first, then each `also_in` entry that keeps one."""
    own = {name: (None if pd.isna(row[name]) else row[name])
           for name in ("qualifier", "value", "low", "high")}  # fmt: skip
    out = [(str(row["source"]), int(row["paragraph"]), own)]
    for o in outlets(row["also_in"], row.get("also_in_wording")):
        if o.qualifier is not None:
            out.append((o.source, o.paragraph, {"qualifier": o.qualifier, "value": o.value,
                                                "low": o.low, "high": o.high}))  # fmt: skip
    return out


def most_cautious_outlet(row: pd.Series, tolerances: Tolerances = DEFAULT) -> tuple[str, int]:
    """The (source, paragraph) whose wording of the claim's statement is the
    most cautious: the claim's own when none is more cautious than it."""
    found = wordings(row)
    source, paragraph, _ = found[most_cautious([w for _, _, w in found], tolerances)]
    return source, paragraph
