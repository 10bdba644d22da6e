"""Command palette providers: go to a pane, filter by a claimant, open a
source, jump to a claim by its id."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .safe import clean

if TYPE_CHECKING:
    from .app import NokoApp


class NokoCommands(Provider):
    """Everything in noko-tui one can name."""

    @property
    def noko(self) -> NokoApp:
        return self.app  # type: ignore[return-value]

    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.noko
        commands: list[tuple[str, object, str]] = [
            (f"Go to pane: {title}", partial(app.show_pane, pane_id), f"key {key}")
            for key, title, pane_id in app.pane_list()
        ]
        dataset = app.dataset
        if dataset is None:
            return commands
        for claimant_id, row in dataset.claimants.iterrows():
            name = clean(row["name"])
            commands.append((f"Filter by claimant: {name}",
                             partial(app.filter_by_claimant, str(claimant_id)),
                             "toggles this claimant in the filter"))  # fmt: skip
        for source_id, row in dataset.sources.iterrows():
            title = clean(f"{row['outlet']}: {row['title']}")
            commands.append((f"Open source: {title}", partial(app.open_source, str(source_id), None),
                             str(source_id)))  # fmt: skip
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]
        # Claims by id: a vectorised substring search first, so 100,000 ids stay quick.
        dataset = self.noko.dataset
        needle = query.strip()
        if dataset is None or len(needle) < 2:
            return
        ids = dataset.claims["id"]
        found = ids[ids.str.contains(needle, case=False, regex=False)].head(40)
        for claim_id in found:
            name = f"Claim: {clean(claim_id)}"
            yield Hit(matcher.match(name) or 0.01, matcher.highlight(name),
                      partial(self.noko.show_detail, str(claim_id)), help="open its provenance")  # fmt: skip
