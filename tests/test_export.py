"""Export: every format round-trips, text stays inert, files are written safely."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import EMBEDDED, SNAPSHOT, TESTS, run_cli

from tui.claims import formats, load_dataset, markdown
from tui.claims.export import COLUMNS, TEXTS, export_frame
from tui.claims.filters import Filter
from tui.claims.selection import FilterError, build_filter, select
from tui.cli import main

HOSTILE = TESTS / "data" / "hostile"


@pytest.fixture(scope="module")
def snapshot():
    dataset = load_dataset(SNAPSHOT, cache=False)
    _, claims = select(dataset, Filter())
    return dataset, claims, export_frame(claims)


@pytest.fixture(scope="module")
def hostile():
    dataset = load_dataset(HOSTILE, cache=False)
    _, claims = select(dataset, Filter())
    return export_frame(claims)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as Python objects (None for missing), for comparing."""
    out = frame.copy()
    for name in TEXTS:
        out[name] = out[name].astype(object).where(out[name].notna(), None)
    return out


# -- the table ----------------------------------------------------------------


def test_every_row_carries_its_citation(snapshot) -> None:
    _, claims, table = snapshot
    assert list(table.columns) == list(COLUMNS)
    assert len(table) == len(claims)
    row = table.loc[table["id"] == "c-lawmaker-killed"].iloc[0] if (
        table["id"] == "c-lawmaker-killed").any() else table.iloc[0]  # fmt: skip
    for column in ("claimant", "claimant_name", "stated_on", "qualifier", "unit", "grade", "source",
                   "source_title", "source_outlet", "paragraph", "key_phrase"):  # fmt: skip
        assert row[column] is not None and not pd.isna(row[column]), column
    # Dates keep their precision: a month-dated claim reads 2025-03, never 2025-03-01.
    said = claims["stated_on_precision"].astype(str).to_numpy()
    for i in np.flatnonzero(said == "month")[:3]:
        assert len(table["stated_on"].iat[i]) == 7
    for i in np.flatnonzero(said == "year")[:3]:
        assert len(table["stated_on"].iat[i]) == 4


def test_numbers_and_derived_flags_match_the_claims(snapshot) -> None:
    _, claims, table = snapshot
    for name in ("value", "low", "high"):
        expected = claims[name].to_numpy(dtype=float, na_value=np.nan)
        np.testing.assert_array_equal(table[name].to_numpy(), expected)
    from tui.claims.formatting import grade_text, is_derived

    for i in range(len(claims)):
        assert table["derived"].iat[i] == is_derived(claims["inferred"].iat[i])
        expected = grade_text(claims["reliability"].iat[i], claims["credibility"].iat[i],
                              claims["suggested"].iat[i]) or None  # fmt: skip
        got = table["grade"].iat[i]
        assert (None if pd.isna(got) else got) == expected


# -- round trips ----------------------------------------------------------------


def test_csv_read_back_equals_the_table(snapshot) -> None:
    _, _, table = snapshot
    text = formats.render(table, formats.FORMATS["csv"]).decode()
    back = formats.read_csv(io.StringIO(text))
    expected = _plain(formats._inert_texts(table, formulas=True))
    pd.testing.assert_frame_equal(back, expected, check_dtype=False, check_categorical=False)
    # The fixture holds no text that needs neutralising: the CSV is the data.
    pd.testing.assert_frame_equal(back, _plain(table), check_dtype=False)


def test_csv_reads_into_plain_pandas_too(snapshot) -> None:
    _, _, table = snapshot
    back = pd.read_csv(io.BytesIO(formats.render(table, formats.FORMATS["csv"])))
    assert list(back.columns) == list(COLUMNS)
    assert len(back) == len(table)
    assert back["value"].sum() == pytest.approx(table["value"].sum())


def test_json_parses_to_the_same_records(snapshot) -> None:
    _, _, table = snapshot
    records = json.loads(formats.render(table, formats.FORMATS["json"]))
    assert len(records) == len(table)
    plain = _plain(table)
    for i in (0, len(table) // 2, len(table) - 1):
        got = records[i]
        for name in COLUMNS:
            want = plain[name].iat[i]
            if want is None or (not isinstance(want, str) and pd.isna(want)):
                assert got[name] is None, name
            elif isinstance(want, (float, np.floating)):
                assert got[name] == pytest.approx(float(want)), name
            else:
                assert got[name] == (want.item() if hasattr(want, "item") else want), name


def test_parquet_keeps_the_table_exactly(snapshot) -> None:
    _, _, table = snapshot
    back = pd.read_parquet(io.BytesIO(formats.render(table, formats.FORMATS["parquet"])))
    pd.testing.assert_frame_equal(_plain(back), _plain(table), check_dtype=False,
                                  check_categorical=False)  # fmt: skip


def test_markdown_is_one_table_row_per_claim(snapshot) -> None:
    _, _, table = snapshot
    text = formats.render(table, formats.FORMATS["markdown"]).decode()
    lines = text.splitlines()
    assert len(lines) == len(table) + 2
    widths = {line.count(" | ") for line in lines[2:]}
    assert widths == {lines[0].count(" | ")}, "an unescaped | split a cell"
    assert "at least" in text or "about" in text  # qualifiers stay with the number


# -- text from the data stays inert ---------------------------------------------


def _cells(**columns: list[object]) -> pd.DataFrame:
    """A one-column-changed export table of len(values) rows."""
    rows = len(next(iter(columns.values())))
    base = {name: [None] * rows for name in COLUMNS}
    for name in ("value", "low", "high"):
        base[name] = [np.nan] * rows
    for name in ("derived",):
        base[name] = [False] * rows
    base.update(columns)
    return pd.DataFrame(base)


@pytest.mark.parametrize("sign", ["=", "+", "-", "@"])
def test_csv_neutralises_formulas(sign: str) -> None:
    table = _cells(summary=[f"{sign}HYPERLINK(\"http://x\")", "fine"],
                   claimant=[f"{sign}1+1", "ok"])  # fmt: skip
    back = formats.read_csv(io.BytesIO(formats.render(table, formats.FORMATS["csv"])))
    assert back["summary"].iat[0] == f"'{sign}HYPERLINK(\"http://x\")"
    assert back["claimant"].iat[0] == f"'{sign}1+1"
    assert back["summary"].iat[1] == "fine"
    # A negative number is a number, not a formula: left alone.
    table = _cells(value=[-5.0])
    back = formats.read_csv(io.BytesIO(formats.render(table, formats.FORMATS["csv"])))
    assert back["value"].iat[0] == -5.0


def test_csv_and_markdown_show_control_characters_as_pictures() -> None:
    evil = "a\x1b]52;c;ZWNobyBoaQ==\x07b\u202ec\nd"
    table = _cells(summary=[evil], key_phrase=["x|y"], claimant_name=["[b]bold[/b] <i>"])
    csv = formats.render(table, formats.FORMATS["csv"]).decode()
    assert "\x1b" not in csv and "\x07" not in csv and "\u202e" not in csv
    assert "\u241b" in csv and "<U+202E>" in csv
    assert formats.read_csv(io.StringIO(csv))["summary"].iat[0].count("\n") == 0
    md = formats.render(table, formats.FORMATS["markdown"]).decode()
    assert "\x1b" not in md and "\u202e" not in md
    assert "x\\|y" in md and "\\<i\\>" in md and "\\[b\\]" in md
    lines = md.splitlines()
    assert len(lines) == 3 and lines[2].count(" | ") == lines[0].count(" | ")


def test_json_escapes_what_a_terminal_obeys_and_keeps_the_text() -> None:
    evil = "a\x1bb\u202ec\x9bd\u2028e"
    table = _cells(summary=[evil])
    raw = formats.render(table, formats.FORMATS["json"]).decode()
    assert not any(ch in raw for ch in "\x1b\u202e\x9b\u2028")
    assert json.loads(raw)[0]["summary"] == evil


def test_hostile_data_exports_inert_in_every_text_format(hostile) -> None:
    for name in ("csv", "markdown", "json"):
        out = formats.render(hostile, formats.FORMATS[name]).decode()
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out, name
        if name == "csv":
            back = formats.read_csv(io.StringIO(out))
            assert len(back) == len(hostile)
            for column in TEXTS:
                values = back[column].dropna().astype(str)
                assert not values.str.match(r"^[=+\-@]").any(), column


# -- writing files --------------------------------------------------------------


def test_write_file_never_replaces_without_asking(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("precious")
    with pytest.raises(FileExistsError):
        formats.write_file(target, b"new")
    assert target.read_text() == "precious"
    formats.write_file(target, b"new", overwrite=True)
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary left


def test_write_file_leaves_nothing_when_writing_fails(tmp_path: Path) -> None:
    def broken(stream) -> None:
        stream.write(b"half")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        formats.write_file(tmp_path / "out.csv", broken)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(FileNotFoundError):
        formats.write_file(tmp_path / "missing" / "out.csv", b"x")


def test_format_is_named_or_read_from_the_extension() -> None:
    assert formats.format_for(None, "a.parquet").name == "parquet"
    assert formats.format_for(None, "a.MD").name == "markdown"
    assert formats.format_for("md").name == "markdown"
    assert formats.format_for(None, None).name == "csv"
    with pytest.raises(ValueError, match="unknown format"):
        formats.format_for("xlsx")
    with pytest.raises(ValueError, match=".xlsx"):
        formats.format_for(None, "a.xlsx")


# -- the filter on the command line ---------------------------------------------


def test_build_filter_names_every_bad_word() -> None:
    dataset = load_dataset(SNAPSHOT, cache=False)
    with pytest.raises(FilterError) as caught:
        build_filter(dataset, claimants=["nobody,kr-jcs"], categories=["weather"],
                     since="2025-13", known_on="soon")  # fmt: skip
    text = " ".join(caught.value.problems)
    for word in ("nobody", "weather", "--since", "--known-on"):
        assert word in text
    assert "kr-jcs" not in text.split("not in the data:")[1].split("(")[0]


def test_build_filter_reads_partial_dates_as_whole_periods() -> None:
    dataset = load_dataset(SNAPSHOT, cache=False)
    chosen = build_filter(dataset, since="2025-02", until="2025", known_on="2025-03")
    assert str(chosen.said_from) == "2025-02-01"
    assert str(chosen.said_to) == "2025-12-31"
    assert str(chosen.known_on) == "2025-03-31"


def test_cli_export_applies_the_filter_like_the_app(capsys) -> None:
    assert main(["export", "--data", str(SNAPSHOT), "--claimant", "kr-jcs", "--latest"]) == 0
    back = formats.read_csv(io.StringIO(capsys.readouterr().out))
    dataset = load_dataset(SNAPSHOT, cache=False)
    _, expected = select(dataset, Filter(claimants=frozenset({"kr-jcs"}), latest_only=True))
    assert list(back["id"]) == list(expected["id"])
    assert set(back["claimant"]) == {"kr-jcs"}


def test_cli_export_writes_a_new_file_and_never_over_one(tmp_path: Path, capsys) -> None:
    target = tmp_path / "claims.parquet"
    assert main(["export", "--data", str(SNAPSHOT), "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().err
    first = target.read_bytes()
    assert len(pd.read_parquet(target)) == len(load_dataset(SNAPSHOT, cache=False).claims)
    assert main(["export", "--data", str(SNAPSHOT), "-o", str(target), "--text", "killed"]) == 1
    assert "exists" in capsys.readouterr().err
    assert target.read_bytes() == first
    assert main(["export", "--data", str(SNAPSHOT), "-o", str(target), "--force",
                 "--text", "killed"]) == 0  # fmt: skip
    assert len(pd.read_parquet(target)) < len(load_dataset(SNAPSHOT, cache=False).claims)


def test_cli_export_errors_are_one_line_each_and_exit_1(tmp_path: Path) -> None:
    result = run_cli("export", "--data", str(SNAPSHOT), "--quantity", "nonsense", "-f", "csv")
    assert result.returncode == 1
    assert "--quantity: not in the data: nonsense" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    result = run_cli("export", "--data", str(SNAPSHOT), "-o", str(tmp_path / "a.xlsx"))
    assert result.returncode == 1 and "xlsx" in result.stderr
    result = run_cli("export", "--data", str(SNAPSHOT), "-o", str(tmp_path / "no" / "a.csv"))
    assert result.returncode == 1 and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_export_of_bad_data_lists_the_problems(tmp_path: Path) -> None:
    result = run_cli("export", "--data", str(TESTS / "bad" / "grades"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert "problem" in result.stderr


def test_cli_export_pipes_into_pandas() -> None:
    result = run_cli("export", "--data", str(EMBEDDED), "--category", "casualties", "-f", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records and {r["category"] for r in records} == {"casualties"}
    assert os.linesep in result.stdout or "\n" in result.stdout


def test_dates_before_1970_keep_their_precision() -> None:
    """A property-test find: days before 1970 are negative numbers, and were
    once taken for missing ones (the export then failed)."""
    from tui.claims.export import iso_dates

    when = pd.Series(np.array(["1969-03-01", "2025-01-01", "NaT", "1900-01-01"],
                              dtype="datetime64[s]"))  # fmt: skip
    precision = pd.Series(pd.Categorical(["month", "year", None, "day"],
                                         categories=["year", "month", "day"]))  # fmt: skip
    got = list(iso_dates(when, precision))
    assert got[0] == "1969-03" and got[1] == "2025" and pd.isna(got[2]) and got[3] == "1900-01-01"


def test_markdown_links_only_web_addresses() -> None:
    """A source address becomes a link only when it is http(s), percent-encoded
    so nothing ends it early; anything else stays inert text."""
    assert markdown.address("https://a.example/x y>z") == "https://a.example/x%20y%3Ez"
    assert markdown.address("javascript:alert(1)") is None
    table = _cells(source_url=["javascript:alert(1)"], source_outlet=["Outlet"])
    md = formats.render(table, formats.FORMATS["markdown"]).decode()
    assert "<javascript" not in md and "javascript:alert(1)" in md
