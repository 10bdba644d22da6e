"""The one Markdown helper (`claims/markdown.py`) the brief, the digest and
the Markdown export write through."""

from __future__ import annotations

import math
import subprocess
import sys

import pandas as pd
from conftest import ROOT

from tui.claims import markdown


def test_data_text_is_inert_inline_markdown() -> None:
    assert markdown.text("*a* [b](c) <i> | #1 &amp;") == (
        "\\*a\\* \\[b\\](c) \\<i\\> \\| \\#1 &amp;amp;"
    )
    assert markdown.text("two\nlines\x1b") == "two lines\u241b"
    assert markdown.text(None) == markdown.text(math.nan) == markdown.text(pd.NA) == ""


def test_a_line_start_that_would_make_a_list_or_heading_is_escaped() -> None:
    assert markdown.lead("- a") == "\\- a" and markdown.lead("12. a") == "12\\. a"
    assert markdown.item("+ b") == "- \\+ b"
    assert markdown.item("+ b", escape_start=False) == "- + b"
    assert markdown.heading(2, "Sources") == "## Sources" and markdown.strong("4") == "**4**"


def test_tables_and_addresses() -> None:
    assert list(markdown.table(["A", "B"], [["1", "2"]])) == ["| A | B |\n", "|---|---|\n",
                                                             "| 1 | 2 |\n"]  # fmt: skip
    assert markdown.address("https://a.example/x y>z") == "https://a.example/x%20y%3Ez"
    assert markdown.address("javascript:alert(1)") is None and markdown.address(pd.NA) is None


def test_the_markdown_helper_does_not_import_pandas() -> None:
    script = ("import sys, tui.claims.markdown; "
              "print(any(m.split('.')[0] in ('pandas', 'numpy') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "False"
