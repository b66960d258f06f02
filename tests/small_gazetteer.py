"""A gazetteer of a dozen places, compiled in a temporary folder in a fraction of a second.

For unit tests of lookup, ranking, the geocoder and the resolver that must not
depend on the real 139 MB index (``tests/conftest.py`` offers it as the
``small_gazetteer`` fixture). Points and populations are GeoNames'.
"""

from __future__ import annotations

from pathlib import Path

from gazetteer.build import build_index
from gazetteer.lookup import Gazetteer
from gazetteer.sources.entry import Entry
from gazetteer.sources.shapes import OutlineSource
from gazetteer.store import fingerprint


def _place(
    id: str,
    name: str,
    kind: str,
    country: str | None,
    lat: float,
    lon: float,
    population: int | None = None,
    *,
    admin1: str | None = None,
    names: tuple[tuple[str, str], ...] = (),
    capital: bool = False,
    members: tuple[str, ...] = (),
) -> Entry:
    geonameid = int(id) if id.isdigit() else None
    entry = Entry(
        id=f"geonames:{id}" if geonameid else id,
        geonameid=geonameid,
        name=name,
        kind=kind,
        country_code=country,
        admin1=admin1,
        lat=lat,
        lon=lon,
        population=population,
        capital=capital,
        members=members,
    )
    entry.add_names([name], "name")
    for other, matched_by in names:
        entry.add_names([other], matched_by)
    return entry


# fmt: off
ENTRIES = (
    _place("1149361", "Afghanistan", "country", "AF", 33.0, 66.0, 37_172_386,
           names=(("Islamic Republic of Afghanistan", "alternate"), ("Afghan", "demonym"))),
    _place("6252001", "United States", "country", "US", 39.76, -98.5, 327_167_434,
           names=(("U.S.", "abbreviation"), ("USA", "abbreviation"), ("American", "demonym"))),
    _place("3017382", "France", "country", "FR", 46.0, 2.0, 66_987_244, names=(("French", "demonym"),)),
    _place("1140025", "Herat", "admin1", "AF", 34.5, 62.5, 1_780_000, names=(("Hirat", "alternate"),)),
    _place("1138957", "Kabul", "admin1", "AF", 34.5, 69.2, 4_372_977),
    _place("1140026", "Herat", "city", "AF", 34.34817, 62.19967, 272_806, admin1="Herat"),
    _place("1138958", "Kabul", "city", "AF", 34.52813, 69.17233, 3_043_532, admin1="Kabul", capital=True),
    _place("2988507", "Paris", "city", "FR", 48.85341, 2.3488, 2_138_551, admin1="Île-de-France", capital=True),
    _place("4717560", "Paris", "city", "US", 33.66094, -95.55551, 24_171, admin1="Texas"),
    _place("4647963", "Paris", "city", "US", 36.302, -88.32671, 10_156, admin1="Tennessee"),
    _place("region:middle-east", "Middle East", "region", None, 29.0, 41.0, names=(("Mideast", "alternate"),),
           members=("SY", "IQ", "IR")),
)
# fmt: on
"""The places: two same-named province and city pairs, three Parises, countries with
abbreviations and demonyms, and a region."""


def build_small_gazetteer(path: Path) -> Gazetteer:
    """Compile :data:`ENTRIES` (no shapes) to ``path`` and open it.

    The index records the current :func:`~gazetteer.store.fingerprint`, so the
    gazetteer takes it as current and never rebuilds it from the data packages.
    """
    build_index(path, fingerprint(), entries=ENTRIES, outlines=OutlineSource([], 0, 0, 0))
    return Gazetteer(path)
