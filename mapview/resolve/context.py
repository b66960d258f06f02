"""What the other mentions of a document currently say, for scoring one mention's candidates.

Built afresh each round from every mention's current choice: which countries
and first-level divisions the document is about, which towns it names (by grid
cell, so "is another choice near?" stays cheap in long documents), and which
division a mention's container ("Paris, Tenn.") was resolved to.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from gazetteer import Place
from gazetteer.distance import great_circle_km
from mapview.resolve.areas import Containment

NEAR_KM = 150.0
"""Another mention's town this close supports a candidate town."""

Division = tuple[str, str]


class Context:
    """The current choices of all mentions; ``keys[i]`` is mention i's folded name.

    Shares and nearness count only mentions of *other* names, so a name
    repeated through a document does not vote for itself.
    """

    def __init__(self, keys: Sequence[str], chosen: Sequence[Place | None], containment: Containment) -> None:
        self.containment = containment
        self.chosen = list(chosen)
        self.by_key: dict[str, Counter[str | None]] = defaultdict(Counter)
        self.divisions_by_key: dict[str, Counter[Division]] = defaultdict(Counter)
        self.cells: dict[tuple[int, int], dict[str, tuple[Place, set[str]]]] = defaultdict(dict)
        for key, place in zip(keys, self.chosen):
            if place is None:
                continue
            self.by_key[key][place.country_code] += 1
            division = division_of(place)
            if division:
                self.divisions_by_key[key][division] += 1
            if place.kind in ("city", "admin2"):
                self.cells[_cell(place)].setdefault(place.id, (place, set()))[1].add(key)
        self.total = Counter({k: sum(c.values()) for k, c in self.by_key.items()})
        self.grand_total = sum(self.total.values())
        self.all_countries: Counter[str | None] = sum(self.by_key.values(), Counter())
        self.all_divisions: Counter[Division] = sum(self.divisions_by_key.values(), Counter())

    def country_share(self, code: str | None, key: str) -> float:
        """Share of the other names' choices that lie in country ``code``."""
        others = self.grand_total - self.total[key]
        if code is None or others <= 0:
            return 0.0
        return (self.all_countries[code] - self.by_key[key][code]) / others

    def division_share(self, place: Place, key: str) -> float:
        """Share of the other names' choices in (or being) ``place``'s first-level division."""
        division = division_of(place)
        others = self.grand_total - self.total[key]
        if division is None or others <= 0:
            return 0.0
        return (self.all_divisions[division] - self.divisions_by_key[key][division]) / others

    def near(self, place: Place, key: str) -> bool:
        """True when another name's town or district lies within NEAR_KM of ``place`` (a town or district)."""
        if place.kind not in ("city", "admin2"):
            return False
        row, col = _cell(place)
        return any(
            (len(keys) > 1 or key not in keys) and great_circle_km(place.lat, place.lon, p.lat, p.lon) <= NEAR_KM
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            for p, keys in self.cells.get((row + dr, col + dc), {}).values()
        )

    def contains(self, index: int, place: Place) -> bool:
        """True when mention ``index`` was resolved to a province or country that holds ``place``."""
        container = self.chosen[index]
        return (
            container is not None
            and container.kind in ("admin1", "country")
            and self.containment.contains(container, place)
        )


def division_of(place: Place) -> Division | None:
    """(country, first-level division) a place is in or is."""
    if place.kind == "admin1":
        return (place.country_code or "", place.name)
    if place.admin1 and place.kind in ("city", "admin2"):
        return (place.country_code or "", place.admin1)
    return None


def _cell(place: Place) -> tuple[int, int]:
    """A grid cell about NEAR_KM on a side (wider in longitude, which shrinks poleward)."""
    return int(place.lat // 1.5), int(place.lon // 2.0)
