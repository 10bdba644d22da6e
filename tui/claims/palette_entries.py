"""What the command palette offers from the data: claimants, quantities and
sources with their counts, made once per dataset (not each time the palette
opens), and the claims whose id or summary holds a text.

The names are made inert here (`safetext.clean`); the palette only words them.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .safetext import clean

if TYPE_CHECKING:
    from .load import Dataset


@dataclass(frozen=True)
class Named:
    """One entry: an id, its name as the palette shows it, its claims."""

    id: str
    name: str
    claims: int = 0


@dataclass(frozen=True)
class PaletteEntries:
    claimants: tuple[Named, ...]
    #: Only quantities with claims; the name is "short · label".
    quantities: tuple[Named, ...]
    #: The name is "outlet: title".
    sources: tuple[Named, ...]


_CACHE: dict[int, tuple[weakref.ref, PaletteEntries]] = {}
_LOCK = threading.Lock()


def palette_entries(dataset: Dataset) -> PaletteEntries:
    """The entries of `dataset`, computed on first use and kept while it lives."""
    with _LOCK:
        found = _CACHE.get(id(dataset))
        if found is not None and found[0]() is dataset:
            return found[1]
    entries = _entries(dataset)
    key = id(dataset)
    with _LOCK:
        _CACHE[key] = (weakref.ref(dataset, lambda _: _CACHE.pop(key, None)), entries)
    return entries


def _entries(dataset: Dataset) -> PaletteEntries:
    claims = dataset.claims
    counts = claims["claimant"].astype(object).value_counts()
    claimants = []
    for claimant_id, short, full in zip(dataset.claimants.index, dataset.claimants["short"],
                                        dataset.claimants["name"]):  # fmt: skip
        short, full = clean(short), clean(full)
        name = full if short == full else f"{short} \u00b7 {full}"
        claimants.append(Named(str(claimant_id), name, int(counts.get(claimant_id, 0))))
    quantity_counts = claims["quantity"].astype(object).value_counts()
    quantities = []
    for quantity_id, short, label in zip(dataset.quantities.index, dataset.quantities["short"],
                                         dataset.quantities["label"]):  # fmt: skip
        n = int(quantity_counts.get(quantity_id, 0))
        if n:
            quantities.append(Named(str(quantity_id), f"{clean(short)} \u00b7 {clean(label)}", n))
    sources = tuple(Named(str(source_id), clean(f"{outlet}: {title}"))
                    for source_id, outlet, title in zip(dataset.sources.index,
                                                        dataset.sources["outlet"],
                                                        dataset.sources["title"]))  # fmt: skip
    return PaletteEntries(tuple(claimants), tuple(quantities), sources)


def matching_claims(dataset: Dataset, needle: str, limit: int) -> list[tuple[str, object]]:
    """The first `limit` claims (id, summary) whose id or summary holds
    `needle`, in any case: vectorised, so 100,000 claims stay quick."""
    claims = dataset.claims
    hits = claims["id"].str.contains(needle, case=False, regex=False).fillna(False)
    hits |= claims["summary"].str.contains(needle, case=False, regex=False).fillna(False)
    return list(zip(claims["id"][hits].head(limit), claims["summary"][hits].head(limit)))
