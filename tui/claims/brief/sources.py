"""The sources a brief cites, numbered in the order first cited: the `[n] ¶p`
after each figure, and the list (with its link definitions) that closes it."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import markdown
from ..formatting import partial_date, text


def inline(value: object) -> str:
    """Data as inert inline Markdown (`markdown.text`), trimmed."""
    return markdown.text(value).strip()


class Sources:
    """The sources cited, numbered in the order first cited."""

    def __init__(self, sources: pd.DataFrame) -> None:
        self.sources = sources
        self.numbers: dict[str, int] = {}

    def cite(self, row: dict[str, Any]) -> str:
        """'[3] ¶4': the claim's source and paragraph."""
        source = text(row["source"])
        n = self.numbers.setdefault(source, len(self.numbers) + 1)
        paragraph = row["paragraph"]
        return f"[{n}] \u00b6{int(paragraph)}" if not pd.isna(paragraph) else f"[{n}]"

    def lines(self) -> list[str]:
        if not self.numbers:
            return ["None cited."]
        listed, links = [], []
        for source, n in self.numbers.items():
            info = self.sources.loc[source] if source in self.sources.index else None
            if info is None:
                listed.append(f"{n}. {markdown.lead(inline(source))} (not in sources.yaml)")
                links.append(f"[{n}]: #sources")
                continue
            published = partial_date(info.get("published"), info.get("published_precision"))
            words = [inline(info.get("outlet")) or "unknown outlet",
                     f"\u201c{inline(info.get('title'))}\u201d" if text(info.get("title")) else "",
                     published or "undated"]  # fmt: skip
            language = text(info.get("language"))
            if language and language != "en":
                words.append(f"in {inline(language)}")
            if text(info.get("translation")):
                words.append(f"{inline(info.get('translation'))} translation")
            entry = ", ".join(w for w in words if w)
            address = markdown.address(info.get("url"))
            if address:
                entry += f". <{address}>"
            elif text(info.get("url")):
                entry += f". Address: {inline(info.get('url'))}"
            listed.append(f"{n}. {markdown.lead(entry)}")
            links.append(f"[{n}]: <{address}>" if address else f"[{n}]: #sources")
        return [*listed, "", *links]
