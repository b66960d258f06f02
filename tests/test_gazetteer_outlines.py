"""Natural Earth outlines: read (bad features repaired or skipped, never a crash), matched to entries."""

import json

import pytest
from shapely.geometry import box, mapping

from gazetteer.exc import SourceMissingError
from gazetteer.outlines import build_shapes, match_outlines
from gazetteer.sources.entry import Entry
from gazetteer.sources.shapes import ADMIN1_FILE, Outline, OutlineSource, admin1_path, read_outlines


def feature(code, geometry, **props):
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"adm1_code": code, "iso_a2": "AF", "latitude": 1.5, "longitude": 1.5, **props},
    }


def write_source(folder, features):
    path = folder / ADMIN1_FILE
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_bad_source_polygons_are_repaired_or_skipped_and_counted(tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}
    path = write_source(
        tmp_path,
        [
            feature("A", mapping(box(0, 0, 3, 3)), gn_id=1, name_en="Good"),
            feature("B", bowtie, gn_id=2),
            feature("C", {"type": "Polygon", "coordinates": []}),  # empty
            feature("D", {"type": "Polygon", "coordinates": [[[0, 0]]]}),  # unreadable ring
            feature("E", None),  # no geometry
            feature("F", mapping(box(5, 5, 6, 6)), iso_a2="-99"),  # no country
        ],
    )
    source = read_outlines(path)
    assert source.features == 6 and source.repaired == 1 and source.skipped == 4
    assert [o.key for o in source.outlines] == ["A", "B"]
    good, repaired = source.outlines
    assert good.geonameid == 1 and good.name_en == "Good" and good.label == (1.5, 1.5)
    assert repaired.geometry.is_valid


def test_placeholder_codes_are_none(tmp_path):
    path = write_source(tmp_path, [feature("A", mapping(box(0, 0, 1, 1)), gn_id=-99, iso_3166_2="SY-X01~")])
    outline = read_outlines(path).outlines[0]
    assert outline.geonameid is None and outline.iso_code is None


def test_missing_shapes_are_a_source_missing_error_saying_to_run_make(monkeypatch, tmp_path):
    monkeypatch.setenv("MAPVIEW_SHAPES_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(SourceMissingError, match="make"):
        admin1_path()


def entry(id, geonameid, name, kind="admin1", iso=None, country="AF", names=()):
    e = Entry(
        id=id,
        geonameid=geonameid,
        name=name,
        kind=kind,
        country_code=country,
        admin1=None,
        lat=1.0,
        lon=1.0,
        iso_code=iso,
    )
    e.add_names([name, *names], "name")
    return e


def outline(key, geonameid=None, iso=None, name=None, geometry=None, country="AF"):
    return Outline(
        key=key,
        geonameid=geonameid,
        iso_code=iso,
        country_code=country,
        name=name,
        name_en=name,
        type=None,
        label=None,
        geometry=geometry or box(0, 0, 1, 1),
    )


def test_match_by_geonames_id_before_iso_code_and_name():
    # Natural Earth names Panjshir "Parwan" and gives it Parwan's ISO code, with Panjshir's id.
    parwan = entry("g:1131054", 1131054, "Parwān", iso="AF-PAR", names=["Parwan"])
    panjshir = entry("g:6957555", 6957555, "Panjshayr", iso="AF-PAN", names=["Panjshir"])
    matches = match_outlines(
        [outline("a", 1131054, "AF-PAR", "Parwan"), outline("b", 6957555, "AF-PAR", "Parwan")], [parwan, panjshir]
    )
    assert matches == {"a": ("g:1131054", "geonameid"), "b": ("g:6957555", "geonameid")}


def test_fallbacks_go_to_unmatched_entries_only_and_names_must_be_unique():
    herat = entry("g:1", 1, "Herāt", iso="AF-HER", names=["Herat"])
    logar = entry("g:2", 2, "Lōgar", names=["Logar"])
    twin_a, twin_b = entry("g:3", 3, "Twin"), entry("g:4", 4, "Twin")
    matches = match_outlines(
        [
            outline("by-iso", None, "AF-HER", "Hirat"),
            outline("by-name", None, None, "Logar"),
            outline("taken", None, None, "Logar"),  # Logar is matched already
            outline("ambiguous", None, None, "Twin"),
            outline("other-country", None, None, "Herat", country="IR"),
        ],
        [herat, logar, twin_a, twin_b],
    )
    assert matches == {"by-iso": ("g:1", "iso"), "by-name": ("g:2", "name")}


def test_cities_never_get_an_outline():
    city = entry("g:1", 1, "Kabul", kind="city")
    assert match_outlines([outline("a", 1)], [city]) == {}


def test_country_shape_is_the_union_of_its_provinces_and_points_lie_inside():
    west, east = entry("g:1", 1, "West"), entry("g:2", 2, "East")
    country = entry("g:9", 9, "Afghanistan", kind="country")
    source = OutlineSource(
        [
            outline("w", 1, geometry=box(0, 0, 1, 1)),
            outline("e", 2, geometry=box(1, 0, 2, 1)),
            outline("x", None, geometry=box(0, 1, 2, 2)),
        ],
        features=3,
        repaired=0,
        skipped=0,
    )
    shapes = build_shapes([west, east, country], source, tolerance=0.001)
    assert shapes.by_entry["g:9"].geometry.area == pytest.approx(4)
    assert shapes.stats["unmatched"] == 1 and shapes.stats["matched_by_geonameid"] == 2
    for shape in shapes.by_entry.values():
        lat, lon = shape.point
        assert shape.geometry.covers(box(lon, lat, lon, lat))
