"""The loader: dtypes, precision, the parse cache, the pure-Python fallback."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pandas as pd
import pytest
from conftest import count_parses, BAD, VALID

from tui.claims import DataError, load_dataset, queries


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


def test_dtypes(data: Path) -> None:
    claims = load_dataset(data, cache=False).claims
    for column in ("category", "claimant", "qualifier", "quantity", "source"):
        assert isinstance(claims[column].dtype, pd.CategoricalDtype), column
    for column in ("value", "low", "high"):
        assert claims[column].dtype == "Float64"
    assert claims["paragraph"].dtype == "Int32"
    assert claims["stated_on"].dtype.kind == "M"
    assert list(claims["category"].cat.categories) == [
        "troops", "casualties", "equipment", "support", "diplomacy",
    ]  # fmt: skip


def test_joined_vocabularies(data: Path) -> None:
    claims = load_dataset(data, cache=False).claims.set_index("id")
    assert claims.loc["t-2", "claimant_name"] == "Ukraine's military intelligence (HUR)"
    assert claims.loc["t-2", "claimant_kind"] == "intelligence"
    assert claims.loc["c-1", "quantity_label"] == "North Korean soldiers killed"
    assert claims.loc["c-1", "measure"] == "stock"
    assert claims.loc["c-1", "source_outlet"] == "Testkrant"
    assert pd.isna(claims.loc["d-1", "quantity_label"])


def test_precision_and_locator(data: Path) -> None:
    claims = load_dataset(data, cache=False).claims.set_index("id")
    assert claims.loc["c-1", "stated_on"] == pd.Timestamp("2025-01-01")
    assert claims.loc["c-1", "stated_on_precision"] == "year"
    assert claims.loc["t-2", "stated_on_precision"] == "month"
    assert claims.loc["t-1", "stated_on_precision"] == "day"
    assert claims.loc["t-2", "file"] == os.path.join(str(data), "claims/a.yaml")
    assert claims.loc["t-2", "line"] == 15


def test_corroborating_sources_are_kept(data: Path) -> None:
    claims = load_dataset(data, cache=False).claims.set_index("id")
    assert claims.loc["t-1", "also_in"] == "doc-b:1"
    assert pd.isna(claims.loc["t-2", "also_in"])


def test_queries(data: Path) -> None:
    claims = load_dataset(data, cache=False).claims
    assert list(queries.by_quantity(claims, "troops_in_russia")["id"]) == ["t-2", "t-1"]
    assert list(queries.same_quantity(claims, "t-1")["id"]) == ["t-2"]
    assert queries.same_quantity(claims, "d-1").empty
    assert list(queries.by_source(claims, "doc-b")["paragraph"]) == [9, 13]
    assert list(queries.by_category(claims, "troops")["id"]) == ["t-2", "t-1"]


def test_pure_python_fallback_gives_the_same_table_and_problems(data: Path) -> None:
    fast = load_dataset(data, cache=False, use_libyaml=True).claims
    slow = load_dataset(data, cache=False, use_libyaml=False).claims
    pd.testing.assert_frame_equal(fast, slow)
    for case in ("wrong-types", "malformed-yaml", "low-greater-than-high"):
        with pytest.raises(DataError) as with_c:
            load_dataset(BAD / case, cache=False, use_libyaml=True)
        with pytest.raises(DataError) as with_py:
            load_dataset(BAD / case, cache=False, use_libyaml=False)

        # Same places and fields; the two parsers word syntax errors differently.
        def places(error):
            return [(p.path, p.line, p.field, p.message if p.field != "yaml" else "")
                    for p in error.value.problems]  # fmt: skip

        assert places(with_c) == places(with_py)


def test_warm_start_parses_nothing(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = load_dataset(data)
    parsed = count_parses(monkeypatch)
    warm = load_dataset(data)
    assert parsed == []
    assert warm.from_cache and not cold.from_cache
    pd.testing.assert_frame_equal(cold.claims, warm.claims)


def test_editing_one_file_reparses_only_that_file(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_dataset(data)
    parsed = count_parses(monkeypatch)
    path = data / "claims" / "b.yaml"
    path.write_text(path.read_text().replace("value: 400", "value: 500"))
    claims = load_dataset(data).claims.set_index("id")
    assert parsed == ["b.yaml"]
    assert claims.loc["c-1", "value"] == 500


def test_same_size_and_mtime_but_new_content_is_seen(data: Path) -> None:
    load_dataset(data)
    path = data / "claims" / "b.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("value: 400", "value: 401"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert load_dataset(data).claims.set_index("id").loc["c-1", "value"] == 401


def test_a_vocabulary_edit_is_seen_through_the_cache(data: Path) -> None:
    load_dataset(data)
    path = data / "claimants.yaml"
    path.write_text(path.read_text().replace("id: ua-gur", "id: ua-hur"))
    with pytest.raises(DataError) as error:
        load_dataset(data)
    assert any("unknown claimant 'ua-gur'" in str(p) for p in error.value.problems)


def test_the_cache_is_private_and_survives_corruption(data: Path, private_cache: Path) -> None:
    load_dataset(data)
    mode = stat.S_IMODE(private_cache.stat().st_mode)
    assert mode == 0o700
    entries = [p for p in private_cache.rglob("*") if p.suffix in (".arrow", ".json")]
    assert {p.suffix for p in entries} == {".arrow", ".json"}
    for directory in (p for p in private_cache.rglob("*") if p.is_dir()):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    for entry in entries:
        assert stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0
        entry.write_bytes(b"garbage")
    assert len(load_dataset(data).claims) == 4


def test_unreadable_file_is_reported(data: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = data / "claims" / "a.yaml"
    path.chmod(0)
    with pytest.raises(DataError) as error:
        load_dataset(data, cache=False)
    assert "file: cannot read: Permission denied" in str(error.value)


def test_progress_reports_files_and_claims(data: Path) -> None:
    seen: list[tuple[int, int, int]] = []
    load_dataset(data, cache=False, progress=lambda *a: seen.append(a))
    assert seen == [(1, 2, 2), (2, 2, 4)]


def test_fast_path_and_careful_reader_agree(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Well-formed claims take a fast path; the careful reader must give the same table."""
    from tui.claims import claimfile

    fast = load_dataset(data, cache=False).claims
    monkeypatch.setattr(claimfile, "_fast_row", lambda node: None)
    careful = load_dataset(data, cache=False).claims
    pd.testing.assert_frame_equal(fast, careful)


def test_yaml_that_would_be_typed_stays_text(tmp_path: Path) -> None:
    """Plain scalars like `yes`, `no` or `1e3` in text fields stay the words written."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    path = target / "claims" / "a.yaml"
    path.write_text(path.read_text().replace("key_phrase: about 11,000", "key_phrase: no"))
    claims = load_dataset(target, cache=False).claims.set_index("id")
    assert claims.loc["t-1", "key_phrase"] == "no"


def test_markup_and_control_characters_are_kept_verbatim(tmp_path: Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    path = target / "claims" / "a.yaml"
    text = path.read_text().replace(
        "summary: About 11,000 troops in Russia.",
        'summary: "[bold]About[/] 11,000 \\e[31mtroops"',
    )
    path.write_text(text)
    claims = load_dataset(target, cache=False).claims.set_index("id")
    assert claims.loc["t-1", "summary"] == "[bold]About[/] 11,000 \x1b[31mtroops"
