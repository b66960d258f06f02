"""The build-time record every source reader yields."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Entry:
    """One place with every name it answers to, before it is written to the index.

    ``names`` pairs a surface name with how it names the place: ``name``,
    ``alternate``, ``abbreviation`` or ``demonym``. ``codes`` are abbreviations
    matched case-sensitively, only by a query written in capitals (airport codes).
    ``iso_code`` (ISO 3166-2) and ``english_name`` (countrystatecity's) are known
    for divisions only; ``display_name`` is chosen by :mod:`gazetteer.display`
    before writing. ``prominence`` stands in for ``population`` in the ranking of
    a place that has none (an airport: the population of the city it serves).
    """

    id: str
    geonameid: int | None
    name: str
    kind: str
    country_code: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int | None = None
    members: tuple[str, ...] = ()
    capital: bool = False
    names: list[tuple[str, str]] = field(default_factory=list)
    iso_code: str | None = None
    english_name: str | None = None
    display_name: str | None = None
    codes: list[str] = field(default_factory=list)
    prominence: int | None = None

    def add_names(self, names: Iterable[str | None], matched_by: str) -> None:
        """Add each non-empty name in ``names`` under ``matched_by``."""
        self.names.extend((n.strip(), matched_by) for n in names if n and n.strip())

    @property
    def ranking_population(self) -> int | None:
        """The population the ranking prior uses: ``population``, else ``prominence``."""
        return self.population if self.population is not None else self.prominence

    @property
    def alternate_names(self) -> list[str]:
        """Distinct names other than the preferred one, in source order."""
        seen = {self.name}
        out = []
        for name, _ in self.names:
            if name not in seen:
                seen.add(name)
                out.append(name)
        return out


def area_entry(
    id: str,
    geonameid: int | None,
    name: str,
    kind: str,
    point: tuple[float, float],
    population: int | None,
    *,
    country_code: str | None = None,
    members: tuple[str, ...] = (),
) -> Entry:
    """An :class:`Entry` for an area above the first-level divisions: a country, continent or region."""
    lat, lon = point
    return Entry(
        id=id,
        geonameid=geonameid,
        name=name,
        kind=kind,
        country_code=country_code,
        admin1=None,
        lat=lat,
        lon=lon,
        population=population,
        members=members,
    )


def geonames_id(geonameid: int) -> str:
    """The :attr:`Place.id` of a GeoNames feature."""
    return f"geonames:{geonameid}"
