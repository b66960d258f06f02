"""Polygon clean-up shared by the index and the basemap: repair, antimeridian split, winding, simplification."""

import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box

from gazetteer.geometry import clean, clean_all, dissolve, point_inside, polygonal, simplify_coverage, widest_part


def exteriors_ccw(area):
    polygons = area.geoms if isinstance(area, MultiPolygon) else [area]
    return all(shapely.is_ccw(p.exterior) for p in polygons) and not any(
        shapely.is_ccw(hole) for p in polygons for hole in p.interiors
    )


def test_a_self_intersecting_polygon_is_repaired_to_a_valid_area():
    bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    area = clean(bowtie)
    assert area.is_valid and area.area == pytest.approx(2.0)


@pytest.mark.parametrize("geometry", [None, Polygon(), Polygon([(0, 0), (1, 1), (2, 2)]), Point(1, 2)])
def test_nothing_polygonal_gives_none(geometry):
    assert clean(geometry) is None
    assert clean_all([geometry]) == [None]


def test_a_repair_keeps_only_polygonal_parts():
    collection = shapely.GeometryCollection([box(0, 0, 1, 1), Point(5, 5), shapely.LineString([(3, 3), (4, 4)])])
    assert polygonal(collection).equals(box(0, 0, 1, 1))


def test_clockwise_rings_come_out_counter_clockwise_with_clockwise_holes():
    clockwise = Polygon([(0, 0), (0, 10), (10, 10), (10, 0)], [[(2, 2), (4, 2), (4, 4), (2, 4)]])
    assert not shapely.is_ccw(clockwise.exterior)
    assert exteriors_ccw(clean(clockwise))
    assert exteriors_ccw(clean_all([clockwise])[0])


def test_a_ring_crossing_the_antimeridian_is_split_into_parts_either_side():
    # Chukotka-like: one ring from 170°E to 170°W across 180°.
    chukotka = Polygon([(170, 64), (-170, 64), (-170, 70), (170, 70)])
    area = clean(chukotka)
    assert isinstance(area, MultiPolygon) and area.is_valid and exteriors_ccw(area)
    assert widest_part(area) <= 180
    assert area.area == pytest.approx(20 * 6)
    assert area.covers(Point(175, 67)) and area.covers(Point(-175, 67))
    assert not area.covers(Point(0, 67)), "no band across the map"


def test_a_crossing_polygon_keeps_its_hole():
    fiji = Polygon(
        [(178, -16), (-179, -16), (-179, -18), (178, -18)], [[(179, -16.5), (179.5, -16.5), (179.5, -17), (179, -17)]]
    )
    area = clean(fiji)
    assert widest_part(area) <= 180 and area.is_valid
    assert area.area == pytest.approx(3 * 2 - 0.25)
    assert not area.covers(Point(179.25, -16.75))


def test_a_polygon_around_the_pole_is_cut_so_no_part_is_wider_than_180():
    antarctica = Polygon([(-180, -90), (180, -90), (180, -60), (0, -65), (-180, -60)])
    area = clean(antarctica)
    assert area.is_valid and widest_part(area) <= 180
    assert area.area == pytest.approx(antarctica.area, rel=1e-4)


def test_polygons_already_cut_at_180_are_left_as_they_are():
    parts = MultiPolygon([box(170, 60, 180, 70), box(-180, 60, -170, 70)])
    area = clean(parts)
    assert area.equals(parts) and widest_part(area) == 10


def test_coverage_simplification_keeps_shared_borders_shared():
    zigzag = [(i / 10, 0.3 * (i % 2) / 10) for i in range(101)]
    north = Polygon([*zigzag, (10, 5), (0, 5)])
    south = Polygon([*zigzag, (10, -5), (0, -5)][::-1])
    simplified = simplify_coverage([north, south], 0.5)
    assert all(s.is_valid and exteriors_ccw(s) for s in simplified)
    assert sum(len(s.exterior.coords) for s in simplified) < len(north.exterior.coords) + len(south.exterior.coords)
    assert simplified[0].intersection(simplified[1]).area == pytest.approx(0, abs=1e-9), "no overlap"
    assert shapely.union_all(simplified).area == pytest.approx(simplified[0].area + simplified[1].area)
    assert dissolve(simplified).geom_type == "Polygon", "no gap between them"


def test_dissolve_of_polygons_that_do_not_meet_edge_to_edge_still_unions():
    overlapping = [box(0, 0, 2, 2), box(1, 1, 3, 3)]
    assert dissolve(overlapping).area == pytest.approx(7)
    assert dissolve([]) is None


def test_point_inside_prefers_a_given_point_inside_the_area():
    square = box(60, 30, 66, 36)
    assert point_inside(square, (31.0, 64.0)) == (31.0, 64.0)
    lat, lon = point_inside(square, (0.0, 0.0), None)
    assert square.covers(Point(lon, lat))
