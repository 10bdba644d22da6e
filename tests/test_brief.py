"""The Markdown brief (`tui/claims/brief.py`, `noko-tui brief`).

The golden file is the brief of the frozen snapshot data, written on a fixed
day after a fixed previous brief; `NOKO_REGEN_GOLDEN=1 pytest tests/test_brief.py`
rewrites it (read the diff before committing it).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EMBEDDED, SNAPSHOT, TESTS

from tui.claims import load_dataset
from tui.claims.brief import brief, previous_date
from tui.claims.filters import Filter
from tui.claims.selection import build_filter, select

GOLDEN = TESTS / "golden" / "brief.md"
HOSTILE = TESTS / "data" / "hostile"
MARKUP = TESTS / "data" / "markup"
VALID = TESTS / "data" / "valid"
TODAY = dt.date(2025, 7, 1)
PREVIOUS = dt.date(2025, 3, 1)

#: A citation marker `[3]` (not an escaped `\[3\]` from the data, not a definition).
MARKER = re.compile(r"(?<!\\)\[(\d+)\](?!:)")
#: What a terminal would obey, were it left raw.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def snapshot():
    return load_dataset(SNAPSHOT, cache=False)


@pytest.fixture(scope="module")
def embedded():
    return load_dataset(EMBEDDED, cache=False)


def write(dataset, chosen: Filter | None = None, *, previous: dt.date | None = PREVIOUS,
          described: str | None = None) -> str:  # fmt: skip
    chosen = chosen or Filter()
    record, claims = select(dataset, chosen)
    names = dict(zip(dataset.claimants.index, dataset.claimants["short"].astype(str)))
    said = chosen.describe(names) if described is None else described
    return brief(dataset, record, claims, described=said, previous=previous, today=TODAY)


def body(text: str) -> str:
    """The brief without its reference definitions."""
    return "\n".join(line for line in text.splitlines() if not re.match(r"\[\d+\]: ", line))


def test_golden(snapshot) -> None:
    text = write(snapshot)
    if os.environ.get("NOKO_REGEN_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("options", [{}, {"category": ["casualties", "diplomacy"]},
                                     {"claimant": ["kr-nis"], "latest": True}])  # fmt: skip
def test_every_marker_has_a_source_and_a_definition(embedded, options) -> None:
    """On the growing embedded data too: under any filter, sources are
    numbered as first cited (a category's statements come after its
    quantities), each listed and defined once."""
    keys = {"category": "categories", "claimant": "claimants"}
    chosen = build_filter(embedded, **{keys.get(k, k): v for k, v in options.items()})
    text = write(embedded, chosen)
    used = [int(n) for n in MARKER.findall(body(text))]
    assert used
    first = list(dict.fromkeys(used))
    assert first == list(range(1, len(first) + 1)), "numbered in order of first citation"
    sources = text.split("\n## Sources\n")[1]
    listed = [int(n) for n in re.findall(r"^(\d+)\. ", sources, re.MULTILINE)]
    definition = r"^\[(\d+)\]: (?:<https?://[^\s<>]+>|#sources)$"
    defined = [int(n) for n in re.findall(definition, text, re.MULTILINE)]
    assert listed == defined == first


def test_every_figure_is_cited(snapshot) -> None:
    """Each line of a quantity section that gives a figure names its source and paragraph."""
    text = write(snapshot)
    sections = text.split("\n## ", 1)[1].split("\n## Sources\n")[0]
    items = [line for line in sections.splitlines()
             if line.startswith("- ") and not line.startswith("- \u2026")]  # fmt: skip
    assert len(items) > 40
    for line in items:
        assert re.search(r"(?<!\\)\[\d+\] \u00b6\d+", line), line
    for line in sections.splitlines():
        if line.startswith("Range: ") and "none" not in line:
            assert MARKER.search(line), line


def test_the_header(snapshot) -> None:
    text = write(snapshot)
    head = text.split("\n## ")[0]
    assert head.startswith("# Brief: ")
    assert "- Written: 2025-07-01\n" in head
    assert "- Covers: the whole record, 66 claims\n" in head
    assert "- Previous brief: 2025-03-01" in head
    assert "Revisions said after 1 Mar 2025" in text
    alone = write(snapshot, previous=None)
    assert "- Previous brief: none given" in alone
    assert "Revisions said after" not in alone and "Each claimant's latest revision" in alone


def test_derived_numbers_and_qualifiers_stay_with_the_figure(snapshot) -> None:
    text = write(snapshot)
    assert "- Zelensky: about 2,667 (derived) (as of 14 Feb 2025, said then)" in text
    assert "more than 6,000" in text and "at least 3,000" in text and "nearly 11,000" in text
    assert "11,000\u201312,000" in text


def test_revisions_since_the_previous_brief(snapshot) -> None:
    text = write(snapshot)
    assert ("- NIS: about 300 (as of 13 Jan 2025) [18] \u00b65 \u2192 about 600 (as of Apr 2025, "
            "said 30 Apr 2025) [5] \u00b61: +300") in text  # fmt: skip
    # Said before the previous brief: not listed as a revision since.
    later = write(snapshot, previous=dt.date(2025, 6, 30))
    assert "about 300 (as of 13 Jan 2025)" not in later


def test_arithmetic_findings_are_cited(snapshot) -> None:
    text = write(snapshot)
    section = text.split("### North Korean soldiers killed or wounded")[1].split("\n## ")[0]
    # The lawmaker's sum is dated only to 2025: not set against June's whole.
    assert "1 of 2 comparisons inconsistent" in section
    findings = [line for line in section.splitlines() if "inconsistent with" in line]
    assert len(findings) == 1 and "KR lawmaker" not in findings[0]
    assert all(re.search(r"\(the same month\) \u2014 \[\d+\] \u00b6\d+ vs \[\d+\] \u00b6\d+$", f)
               for f in findings)  # fmt: skip


def test_a_filter_narrows_the_brief(snapshot) -> None:
    chosen = build_filter(snapshot, quantities=["killed"])
    text = write(snapshot, chosen)
    assert "- Covers: quantity: killed: 8 of the record's 66 claims" in text
    assert "### North Korean soldiers killed\n" in text
    assert text.count("\n### ") == 1
    assert "## Troops" not in text and "Arithmetic" not in text
    # The arithmetic runs over the claims kept: NIS's own killed + wounded
    # are compared with no other origin's total.
    nis = write(snapshot, build_filter(snapshot, claimants=["kr-nis"]))
    assert "Zelensky" not in nis and "inconsistent with" not in nis
    nothing = write(snapshot, build_filter(snapshot, text="no claim says this"))
    assert "No claims: the filter keeps none." in nothing and "None cited." in nothing


def test_previous_date_reads_dates() -> None:
    assert previous_date("2025-03-27") == dt.date(2025, 3, 27)
    assert previous_date("2025-02") == dt.date(2025, 2, 28)
    assert previous_date(" 2024 ") == dt.date(2024, 12, 31)


@pytest.mark.parametrize("given", ["yesterday", "2025-13", "2025-3", "", "/no/such/brief.md"])
def test_previous_date_refuses_garbage(given: str) -> None:
    with pytest.raises(ValueError, match=r"date|no such"):
        previous_date(given)


def test_previous_date_reads_a_brief(snapshot, tmp_path: Path) -> None:
    path = tmp_path / "old.md"
    # Text in the brief (here a filter's description) cannot fake the header line.
    path.write_text(write(snapshot, described="x\n- Written: 1999-01-01"), encoding="utf-8")
    assert previous_date(str(path)) == TODAY
    other = tmp_path / "notes.md"
    other.write_text("# Notes\n\nWritten: 2025-01-01\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a brief"):
        previous_date(str(other))
    with pytest.raises(ValueError, match="not a brief"):
        previous_date(str(tmp_path))  # a directory


def markdown_payloads(tmp_path: Path) -> Path:
    """The valid data with Markdown and HTML in every text a brief shows,
    and list signs where a line's content begins."""
    root = tmp_path / "md"
    shutil.copytree(VALID, root)

    def edit(name: str, change) -> None:
        path = root / name
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        for record in records:
            change(record)
        path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")  # fmt: skip

    sign = "*em* **b** <b>x</b> <script>alert(1)</script> [l](http://evil.example/) `c` &amp; #"
    edit("claimants.yaml", lambda r: r.update(short={"kr-jcs": "1. " + sign,
                                                     "ua-gur": "- " + sign}[r["id"]]))
    edit("quantities.yaml", lambda r: r.update(label="# " + sign, unit="<i>u</i>"))
    edit("sources.yaml", lambda r: r.update(
        title=sign, outlet="2) " + sign,
        url={"doc-a": "javascript:alert(1)", "doc-b": "https://e.org/a b>c<d"}[r["id"]]))
    for name in ("claims/a.yaml", "claims/b.yaml"):
        edit(name, lambda r: r.update(summary="+ " + sign))
    return root


@pytest.mark.parametrize("which", ["hostile", "markup", "markdown"])
def test_data_text_stays_inert(which: str, tmp_path: Path) -> None:
    directory = {"hostile": HOSTILE, "markup": MARKUP}.get(which) or markdown_payloads(tmp_path)
    dataset = load_dataset(directory, cache=False)
    text = write(dataset, previous=None)
    assert not CONTROLS.search(text)
    for line in body(text).splitlines():
        # Every sign Markdown or HTML would act on is escaped, but our own.
        unescaped = re.sub(r"\\.", "", line)
        unescaped = MARKER.sub("", unescaped).replace("[n] \u00b6p", "")  # the legend
        unescaped = re.sub(r"<https?://[^\s<>]+>", "", unescaped)
        unescaped = re.sub(r"^#{1,3} ", "", unescaped)
        assert not re.search(r"[<>\[\]*_`#|]", unescaped), line
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)
    flat = [t for token in tokens for t in [token, *(token.children or [])]]
    kinds = {t.type for t in flat}
    assert not kinds & {"html_block", "html_inline", "em_open", "strong_open", "code_inline",
                        "code_block", "image", "hr", "blockquote_open"}  # fmt: skip
    # Headings are the brief's own: title, categories, quantities, statements, sources.
    levels = [t.tag for t in tokens if t.type == "heading_open"]
    assert levels[0] == "h1" and levels.count("h1") == 1 and levels[-1] == "h2"
    # No list inside a list: a leading "1." or "-" in the data started none.
    lists = [t for t in tokens if t.type in ("bullet_list_open", "ordered_list_open")]
    assert all(t.level == 0 for t in lists)
    assert [t.type for t in lists].count("ordered_list_open") == 1  # the sources
    links = [t.attrs["href"] for t in flat if t.type == "link_open"]
    assert links and all(re.fullmatch(r"https?://[^\s<>\"]+|#sources", h) for h in links)
    assert not any("evil.example" in h.split("/")[2] for h in links if h.startswith("http"))
    assert len(links) == len(MARKER.findall(body(text))) + body(text).count("<http")


def test_the_command_writes_a_brief_and_never_overwrites(tmp_path: Path, capsys) -> None:
    from tui.cli import main

    out = tmp_path / "b.md"
    assert main(["brief", "--data", str(SNAPSHOT), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Brief: ") and "\n## Sources\n" in text
    assert f"- Written: {dt.date.today().isoformat()}\n" in text
    assert main(["brief", "--data", str(SNAPSHOT), "-o", str(out)]) == 1
    assert "exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == text
    # The brief just written is the previous one of the next.
    follow = tmp_path / "c.md"
    assert main(["brief", "--data", str(SNAPSHOT), "--previous", str(out), "-o", str(follow),
                 "--quantity", "killed"]) == 0  # fmt: skip
    assert f"- Previous brief: {dt.date.today().isoformat()}" in follow.read_text(encoding="utf-8")
    assert main(["brief", "--data", str(SNAPSHOT), "-o", str(out), "--force"]) == 0
    assert main(["brief", "--data", str(SNAPSHOT), "--previous", "soon", "-o",
                 str(tmp_path / "d.md")]) == 1  # fmt: skip
    assert "--previous" in capsys.readouterr().err and not (tmp_path / "d.md").exists()
