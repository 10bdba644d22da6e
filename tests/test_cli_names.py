"""The command line speaks the app's language: a claimant or quantity by its
id, name or the short label the app shows, in any case; a name that fits two
is refused naming both; the filter dialog's grade filters; and the export's
columns named as the data's fields."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from conftest import SNAPSHOT, run_cli

from tui.claims import formats, load_dataset
from tui.claims.export import COLUMNS
from tui.claims.selection import FilterError, build_filter, resolve, select


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SNAPSHOT, cache=False)


def kept(dataset, **words) -> list[str]:
    _, claims = select(dataset, build_filter(dataset, **words))
    return list(claims["id"])


@pytest.mark.parametrize("word", ["kr-nis", "KR-NIS", "NIS", "nis", "Nis"])
def test_a_claimant_by_its_id_or_short_label_in_any_case(dataset, word: str) -> None:
    assert kept(dataset, claimants=[word]) == kept(dataset, claimants=["kr-nis"])
    assert kept(dataset, claimants=["kr-nis"])


def test_a_claimant_by_its_full_name(dataset) -> None:
    name = str(dataset.claimants.at["kr-nis", "name"])
    assert build_filter(dataset, claimants=[name.upper()]).claimants == {"kr-nis"}


def test_a_quantity_by_its_label_or_short_label(dataset) -> None:
    row = dataset.quantities.loc["killed_or_wounded"]
    for word in (str(row["short"]), str(row["label"]).lower(), "KILLED_OR_WOUNDED"):
        assert build_filter(dataset, quantities=[word]).quantities == {"killed_or_wounded"}


def test_several_by_commas_and_repeats(dataset) -> None:
    chosen = build_filter(dataset, claimants=["NIS,jcs", "UK MoD"])
    assert chosen.claimants == {"kr-nis", "kr-jcs", "gb-mod"}


def test_a_name_that_fits_two_claimants_is_refused_naming_both() -> None:
    table = pd.DataFrame({"name": ["Ministry of Defence", "Ministry of Defence"],
                          "short": ["UK MoD", "RU MoD"]},
                         index=pd.Index(["gb-mod", "ru-mod"], name="id"))  # fmt: skip
    found, problems = resolve("claimant", ["ministry of defence"], table, ("name", "short"))
    assert not found and len(problems) == 1
    assert "gb-mod" in problems[0] and "ru-mod" in problems[0] and "names 2" in problems[0]
    # The short labels differ: each names one; an id always wins over a name.
    assert resolve("claimant", ["ru mod"], table, ("name", "short"))[0] == {"ru-mod"}
    table.loc["ru-mod", "short"] = "gb-mod"
    assert resolve("claimant", ["gb-mod"], table, ("name", "short"))[0] == {"gb-mod"}


def test_an_unknown_name_is_named_with_the_known_labels(dataset) -> None:
    with pytest.raises(FilterError) as error:
        build_filter(dataset, claimants=["Nobody"], quantities=["nothing"])
    text = str(error.value)
    assert "--claimant: not in the data: Nobody" in text and "kr-nis (NIS)" in text
    assert "--quantity: not in the data: nothing" in text


def test_the_grade_filters_of_the_filter_dialog(dataset) -> None:
    _, everything = select(dataset, build_filter(dataset))
    chosen = build_filter(dataset, reliability="a-b", hide_credibility="4-5")
    assert chosen.reliability == {"A", "B"} and chosen.hide_credibility == {4, 5}
    _, claims = select(dataset, chosen)
    assert set(claims["reliability"].dropna().astype(str)) <= {"A", "B"}
    assert len(claims) < len(everything)
    with pytest.raises(FilterError) as error:
        build_filter(dataset, reliability="Z", hide_credibility="9")
    assert "--reliability" in str(error.value) and "--hide-credibility" in str(error.value)


def test_export_by_short_label_and_grade_from_the_command_line() -> None:
    by_label = run_cli("export", "--data", str(SNAPSHOT), "--claimant", "NIS", "-f", "csv")
    by_id = run_cli("export", "--data", str(SNAPSHOT), "--claimant", "kr-nis", "-f", "csv")
    assert by_label.returncode == 0, by_label.stderr
    assert by_label.stdout == by_id.stdout and by_label.stdout.count("\n") > 1
    graded = run_cli("export", "--data", str(SNAPSHOT), "--reliability", "B", "-f", "csv")
    assert graded.returncode == 0, graded.stderr
    frame = formats.read_csv(io.StringIO(graded.stdout))
    assert set(frame["reliability"].dropna().astype(str)) <= {"B"}
    bad = run_cli("export", "--data", str(SNAPSHOT), "--claimant", "Nobody")
    assert bad.returncode == 1 and "Nobody" in bad.stderr


def test_export_columns_are_named_as_the_data_fields() -> None:
    assert "stated_on" in COLUMNS and "said" not in COLUMNS
    for field in ("as_of", "period_start", "period_end", "qualifier", "value", "low", "high"):
        assert field in COLUMNS


def test_an_ambiguous_short_label_exits_1_naming_the_candidates(tmp_path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SNAPSHOT, data)
    claimants = data / "claimants.yaml"
    text = claimants.read_text(encoding="utf-8")
    assert "short: JCS" in text
    claimants.write_text(text.replace("short: JCS", "short: NIS"), encoding="utf-8")
    result = run_cli("export", "--data", str(data), "--no-cache", "--claimant", "nis")
    assert result.returncode == 1 and not result.stdout
    assert "kr-jcs" in result.stderr and "kr-nis" in result.stderr and "names 2" in result.stderr
    brief = run_cli("brief", "--data", str(data), "--no-cache", "--claimant", "NIS")
    assert brief.returncode == 1 and "names 2" in brief.stderr
