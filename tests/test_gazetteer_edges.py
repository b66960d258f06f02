"""Hostile input to the gazetteer: every failure is a gazetteer.exc error, never a raw builtin one."""

import os
import subprocess
import sys

import pytest

from gazetteer import GazetteerGeocoder
from gazetteer.exc import CacheNotWritableError, GazetteerError, InvalidQueryError
from gazetteer.store import ensure_index
from tests.conftest import ROOT


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "gazetteer", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_unwritable_cache_and_no_index_is_a_clear_error_exit_2(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("lookup", "Kabul", env={"MAPVIEW_CACHE_DIR": str(blocker / "cache")})
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("gazetteer: error:")
    assert str(blocker / "cache" / "gazetteer.sqlite") in result.stderr and "MAPVIEW_CACHE_DIR" in result.stderr


def test_shapes_not_installed_is_a_clear_error_saying_to_run_make(tmp_path):
    result = run_cli(
        "lookup",
        "Kabul",
        env={"MAPVIEW_SHAPES_DIR": str(tmp_path / "none"), "MAPVIEW_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "make" in result.stderr and "install_assets.sh" in result.stderr


def test_unwritable_cache_raises_a_gazetteer_error_that_is_an_os_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(CacheNotWritableError) as info:
        ensure_index(blocker / "cache" / "gazetteer.sqlite")
    assert isinstance(info.value, GazetteerError) and isinstance(info.value, OSError)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_cache_folder_is_a_clear_error(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        result = run_cli("lookup", "Kabul", env={"MAPVIEW_CACHE_DIR": str(cache)})
    finally:
        cache.chmod(0o755)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "MAPVIEW_CACHE_DIR" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("place_id", [10**30, -(10**30), "1" * 40, "\ud800", "geonames:\udfff", 3.5, None, True])
def test_get_refuses_impossible_ids_with_invalid_query_error(gazetteer, place_id):
    with pytest.raises(InvalidQueryError):
        gazetteer.get(place_id)
    with pytest.raises(InvalidQueryError):
        gazetteer.shape(place_id)


@pytest.mark.slow
def test_get_of_an_unknown_id_is_none(gazetteer):
    assert gazetteer.get(2**62) is None and gazetteer.get("region:nowhere") is None and gazetteer.get("²") is None


@pytest.mark.slow
@pytest.mark.parametrize("kinds", [5, [5], ["town"], [], object(), [["city"]]])
def test_lookup_refuses_bad_kinds(gazetteer, kinds):
    with pytest.raises(InvalidQueryError):
        gazetteer.lookup("Kabul", kinds=kinds)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Lone \ud800 in Herat", b"Kabul", None])
def test_lookup_refuses_what_is_not_text(gazetteer, name):
    with pytest.raises(InvalidQueryError):
        gazetteer.lookup(name)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lat", "lon"), [(None, 1), (float("nan"), 1), (1, float("inf")), (91, 0), ("x", 0), (10**400, 0)]
)
def test_points_are_checked_by_nearest_and_containing(gazetteer, lat, lon):
    with pytest.raises(InvalidQueryError):
        gazetteer.nearest(lat, lon)
    with pytest.raises(InvalidQueryError):
        gazetteer.containing(lat, lon)


@pytest.mark.slow
@pytest.mark.parametrize(
    "query", [None, [], (), (34.3,), 5, True, (True, False), "", "not a point", (95, 10), (float("nan"), 1), {"lat": 1}]
)
def test_reverse_refuses_what_is_not_a_point(gazetteer, query):
    with pytest.raises(InvalidQueryError):
        GazetteerGeocoder(gazetteer).reverse(query)


@pytest.mark.slow
@pytest.mark.parametrize("limit", [0, -1, 2.5, "3", True])
def test_geocode_refuses_a_limit_that_is_not_positive(gazetteer, limit):
    with pytest.raises(InvalidQueryError):
        GazetteerGeocoder(gazetteer).geocode("Springfield", exactly_one=False, limit=limit)


@pytest.mark.slow
def test_geocode_honours_limit(gazetteer):
    geocoder = GazetteerGeocoder(gazetteer)
    assert len(geocoder.geocode("Springfield", exactly_one=False, limit=3)) == 3
    assert len(geocoder.geocode("Springfield", exactly_one=False)) == 10
    assert geocoder.geocode("Springfield", exactly_one=True, limit=0) is not None, "limit unused for one result"
