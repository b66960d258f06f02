"""Exports for the tools analysts use next: Linked Places (LPF, checked against its schema) and KML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from mapview.workspace import Selection, Workspace, ingest
from mapview.workspace.exports import export_text
from tests.workspace_support import TOY_VERSION, doc, toy_parse

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "linked-places-1.1.schema.json").read_text("utf-8"))
KML = "{http://www.opengis.net/kml/2.2}"
DOCS = [
    doc("a", "Fighting in Herat. Later Kabul.", title="A <b>", date="2024-03-04", url="https://example.org/a"),
    doc("b", "Floods in Helmand. Kabul sent aid.", title="B & co", date="2024-03-09"),
    doc("c", "Quiet day in Kabul.\x0b", title="C"),
]


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.open(tmp_path / "w.mapview", create=True) as workspace:
        ingest(workspace, DOCS, parse=toy_parse, version=TOY_VERSION)
        yield workspace


def test_linked_places_export_validates_against_the_schema(ws) -> None:
    lpf = json.loads(export_text(ws, Selection(), "lpf"))
    jsonschema.validate(lpf, SCHEMA)
    by_title = {f["properties"]["title"]: f for f in lpf["features"]}
    kabul = by_title["Kabul"]
    assert kabul["when"]["timespans"] == [{"start": {"in": "2024-03-04"}, "end": {"in": "2024-03-09"}}]
    assert {"type": "exactMatch", "identifier": "https://sws.geonames.org/1138958/"} in kabul["links"]
    assert {"type": "subjectOf", "identifier": "https://example.org/a"} in kabul["links"]
    assert [c["label"] for c in kabul["names"][0]["citations"]] == ["A <b>", "B & co", "C"]
    assert kabul["geometry"]["geometries"][0]["type"] == "Point"


def test_the_schema_refuses_what_the_specification_requires(ws) -> None:
    lpf = json.loads(export_text(ws, Selection(), "lpf"))
    broken = json.loads(json.dumps(lpf))
    del broken["features"][0]["properties"]["title"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
    uncited = json.loads(json.dumps(lpf))
    for name in uncited["features"][0]["names"]:
        name["citations"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(uncited, SCHEMA)


def test_kml_parses_and_has_one_placemark_per_place(ws) -> None:
    root = ET.fromstring(export_text(ws, Selection(), "kml").encode("utf-8"))
    placemarks = root.findall(f"{KML}Document/{KML}Placemark")
    names = [p.findtext(f"{KML}name") for p in placemarks]
    geojson = json.loads(export_text(ws, Selection(), "geojson"))
    assert sorted(names) == sorted(f["properties"]["name"] for f in geojson["features"])
    assert len(set(names)) == len(names)
    kabul = next(p for p in placemarks if p.findtext(f"{KML}name") == "Kabul")
    assert "“Quiet day in Kabul.”" in kabul.findtext(f"{KML}description")  # the control character is gone
    lon, lat, _ = map(float, kabul.findtext(f"{KML}Point/{KML}coordinates").split(","))
    assert (round(lat, 3), round(lon, 3)) == (34.528, 69.172)


def test_exports_follow_the_selection(ws) -> None:
    selection = Selection(date_from="2024-03-05", undated=False)
    lpf = json.loads(export_text(ws, selection, "lpf"))
    assert {f["properties"]["title"] for f in lpf["features"]} == {"Helmand", "Kabul"}
    root = ET.fromstring(export_text(ws, selection, "kml").encode("utf-8"))
    assert len(root.findall(f"{KML}Document/{KML}Placemark")) == 2
