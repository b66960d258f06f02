"""Airports: every airport with an IATA code, from the PyPI package ``airportsdata`` (MIT).

An IATA code means the airport has, or had, airline service; the other 20,000 rows of
the package are private strips news never names. Each airport answers to:

- its full name ("London Heathrow Airport") and its name without the city it serves,
  followed by "Airport" ("Heathrow Airport"): names;
- the same without the airport words ("Heathrow", "Charles de Gaulle"): alternate names,
  which rank below any place bearing the name as its own (see :mod:`gazetteer.ranking`)
  and which the recognizer's checks do not count as proof that a string is a place (a
  person called "Charles de Gaulle" stays a person). A short name that a town of the
  airport's own country bears stays the town's (Orly is the town by the airport; Charlotte
  Douglas airport does not take "Douglas" from Douglas, Georgia), and one made only of
  generic words ("Metro", "North Field") names nothing;
- its IATA and ICAO codes ("LHR", "EGLL") when it serves a city of at least
  :data:`LARGE_CITY_POPULATION`, matched as ``code`` and only by a query written in
  capitals (:func:`gazetteer.folding.code_key`): "add" or "can" in a sentence never find
  Addis Ababa's or Guangzhou's airport, and a code is no proof for the recognizer that an
  acronym ("DAC", "CIA") is a place.

An airport has no population; it ranks with the population of the GeoNames city it
serves (``Entry.prominence``), so "Heathrow" is London's airport before the Florida
town of that name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from gazetteer.folding import code_key, fold
from gazetteer.sources.cities import CityTables
from gazetteer.sources.entry import Entry

LARGE_CITY_POPULATION = 1_000_000
"""Codes are keys only for airports serving a city at least this large."""
SERVED_KM = 100.0
"""The city an airport serves lies within this distance of it."""

# Words that end an airport's name without naming it, longest first.
_AIRPORT_WORDS = re.compile(
    r"(?:\s+(?:international|intl|regional|municipal|domestic|airport|airfield|aerodrome|airstrip|airpark"
    r"|heliport|air\s+(?:base|field|station|park)|seaplane\s+base))+$",
    re.IGNORECASE,
)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_INNER_AIRPORT = re.compile(r"\s+airport\b", re.IGNORECASE)  # "Amsterdam Airport Schiphol"
_SEPARATORS = frozenset(" -–/,")
# A short name made only of these words names no airport ("Downtown", "North Field").
_GENERIC = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "downtown",
        "city",
        "county",
        "island",
        "lake",
        "new",
        "old",
        "memorial",
        "executive",
        "national",
        "field",
        "municipal",
        "regional",
        "international",
        "intercontinental",
        "airport",
        "metro",
        "metropolitan",
        "airpark",
    }
)


def read_airports(tables: CityTables, admin1_names: dict[str, str]) -> Iterator[Entry]:
    """Yield one Entry per airport with an IATA code; ``admin1_names`` maps "GB.ENG" to "England"."""
    import airportsdata

    served = _CityFinder(tables.records)
    for airport in airportsdata.load("IATA").values():
        name = airport["name"].strip()
        if not name:
            continue
        lat, lon = float(airport["lat"]), float(airport["lon"])
        city = served.find(airport["city"], airport["country"], lat, lon)
        population = (city.get("population") or None) if city else None
        entry = Entry(
            id=f"airport:{airport['icao'] or airport['iata']}",
            geonameid=None,
            name=name,
            kind="airport",
            country_code=airport["country"] or None,
            admin1=admin1_names.get(f"{city['countrycode']}.{city['admin1code']}") if city else None,
            lat=lat,
            lon=lon,
            prominence=population,
        )
        full, short = airport_names(name, city["name"] if city else airport["city"])
        entry.add_names(full, "name")
        entry.add_names([s for s in short if not served.names_a_town(s, airport["country"])], "alternate")
        if (population or 0) >= LARGE_CITY_POPULATION:
            entry.codes = [c for c in (airport["iata"], airport["icao"]) if c and code_key(c)]
        yield entry


def airport_names(name: str, city: str | None) -> tuple[list[str], list[str]]:
    """(names, alternate names) of an airport called ``name`` that serves ``city``.

    >>> airport_names("London Heathrow Airport", "London")
    (['London Heathrow Airport', 'Heathrow Airport'], ['London Heathrow', 'Heathrow'])
    >>> airport_names("Amsterdam Airport Schiphol", "Amsterdam")[1]
    ['Amsterdam Schiphol', 'Schiphol']
    >>> airport_names("Paris-Orly Airport", "Paris")[1]
    ['Paris-Orly', 'Orly']
    >>> airport_names("Los Angeles International Airport", "Los Angeles")
    (['Los Angeles International Airport'], [])
    """
    full = [name]
    core = _INNER_AIRPORT.sub("", _AIRPORT_WORDS.sub("", _PARENTHESES.sub("", name))).strip(" -–,")
    if not _naming(core) or fold(core) == fold(name) or (city and fold(core) == fold(city)):
        return full, []
    short = [core]
    if city and core.casefold().startswith(city.casefold()) and core[len(city) : len(city) + 1] in _SEPARATORS:
        rest = core[len(city) :].strip(" -–,")
        if _naming(rest):
            short.append(rest)
            full.append(f"{rest} Airport")
    return full, short


def _naming(words: str) -> bool:
    """Whether ``words`` could name an airport on their own: a word of three letters or more
    that is not generic."""
    key = fold(words)
    return len(key.replace(" ", "")) >= 3 and not set(key.split()) <= _GENERIC


class _CityFinder:
    """GeoNames cities by (country, folded name): the city an airport's ``city`` field names."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self._by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for record in records:
            self._by_name[(record["countrycode"], fold(record["name"]))].append(record)

    def names_a_town(self, name: str, country: str) -> bool:
        """Whether a populated place of ``country`` bears ``name`` as its own."""
        return (country, fold(name)) in self._by_name

    def find(self, city: str, country: str, lat: float, lon: float) -> dict[str, Any] | None:
        """The most populous city of that name in ``country`` within :data:`SERVED_KM`, or None."""
        from gazetteer.distance import great_circle_km

        if not city:
            return None
        near = [
            r
            for r in self._by_name.get((country, fold(city)), ())
            if great_circle_km(lat, lon, r["latitude"], r["longitude"]) <= SERVED_KM
        ]
        return max(near, key=lambda r: r.get("population") or 0, default=None)
