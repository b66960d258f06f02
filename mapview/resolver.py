"""Choose each mention's place from the document, not the name alone.

Every mention starts from the gazetteer's ranked candidates (population and
kind prior). Then, in a few rounds, each candidate gains from what the rest of
the document says: countries and first-level divisions it names, places near
the other mentions' current choices, a division named right after it
("Paris, Tenn."), and cue words around it ("Herat province", "the city of X",
"the provinces of ..."). A name keeps one sense through a document unless its
own cue word says otherwise.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer import Gazetteer, Place
from gazetteer.distance import great_circle_km
from gazetteer.folding import GENERIC_KIND, fold_parts

from mapview.records import Mention, ResolvedMention

CANDIDATES = 25
# Candidates scoring this far below the name's best are not considered (a town that only
# shares a skeleton or needs a missing cue word: "Kansas City" for "Kansas").
MARGIN = 4.5
ROUNDS = 2
ALTERNATIVES = 3
# Weights of the context cues, in units of the gazetteer score (≈ log10 population).
W_COUNTRY = 3.0     # share of the other mentions in the candidate's country
W_ADMIN1 = 4.0      # share of the other mentions in the candidate's first-level division
W_NEAR = 2.0        # another mention's choice lies within NEAR_KM
W_CONTAINER = 5.0   # "X, Y" where Y is a division or country containing the candidate
W_CUE = 3.0         # a cue word next to the mention names the candidate's kind
W_SENTENCE_CUE = 1.0  # "provinces"/"governorates"... elsewhere in the sentence
NEAR_KM = 150.0

_AFTER = re.compile(r"^[\s\-]*(" + "|".join(GENERIC_KIND) + r")\b", re.IGNORECASE)
_BEFORE = re.compile(r"\b(" + "|".join(GENERIC_KIND) + r")\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_PLURAL_CUE = re.compile(r"\b(provinces|governorates|states|counties|districts|cities)\b", re.IGNORECASE)
_PLURAL_KIND = {"provinces": "admin1", "governorates": "admin1", "states": "admin1", "counties": "admin2",
                "districts": "admin2", "cities": "city"}
_CONTAINER_GAP = re.compile(r"^\s*,\s*$|^\s*\(\s*$")


@dataclass(slots=True)
class _Slot:
    """One mention being resolved: its candidates and their scores."""

    mention: Mention
    key: str
    candidates: list[Place]
    cue_kind: str | None
    sentence_kind: str | None
    container: int | None = None  # index of the mention naming a division that contains this one
    choice: int = 0


class Resolver:
    """Resolves the mentions of one document against a :class:`gazetteer.Gazetteer`."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, text: str, mentions: Sequence[Mention]) -> list[ResolvedMention]:
        """One ResolvedMention per mention, in the same order."""
        lookups: dict[tuple[str, str], list[Place]] = {}
        sentence_kinds: dict[tuple[int, int], str | None] = {}
        slots = [self._slot(text, m, lookups, sentence_kinds) for m in mentions]
        _link_containers(text, slots)
        scores = [[c.score or 0.0 for c in s.candidates] for s in slots]
        for _ in range(ROUNDS):
            context = _Context(slots)
            scores = [[self._score(i, s, c, context) for c in s.candidates] for i, s in enumerate(slots)]
            _share_senses(slots, scores)
        return [_resolved(s, sc) for s, sc in zip(slots, scores)]

    def _slot(self, text: str, mention: Mention, lookups: dict[tuple[str, str], list[Place]],
              sentence_kinds: dict[tuple[int, int], str | None]) -> _Slot:
        candidates = lookups.get((mention.name, mention.label))
        if candidates is None:
            kinds = ["country"] if mention.label == "demonym" else None
            candidates = self.gazetteer.lookup(mention.name, kinds=kinds, limit=CANDIDATES)
            if candidates:
                floor = (candidates[0].score or 0.0) - MARGIN
                candidates = [c for c in candidates if (c.score or 0.0) >= floor]
            lookups[(mention.name, mention.label)] = candidates
        before = text[max(0, mention.start - 40): mention.start]
        after = text[mention.end: mention.end + 30]
        cue = _AFTER.match(after) or _BEFORE.search(before)
        span = (mention.sentence.start, mention.sentence.end)
        if span not in sentence_kinds:
            plural = _PLURAL_CUE.search(text, *span)
            sentence_kinds[span] = _PLURAL_KIND[plural.group(1).lower()] if plural else None
        return _Slot(mention, "|".join(fold_parts(mention.name)), candidates,
                     GENERIC_KIND[cue.group(1).lower()] if cue else None, sentence_kinds[span])

    @staticmethod
    def _score(i: int, slot: _Slot, place: Place, context: _Context) -> float:
        score = place.score or 0.0
        score += W_COUNTRY * context.country_share(place.country_code, slot.key)
        score += W_ADMIN1 * context.division_share(place, slot.key)
        if context.near(place, slot.key):
            score += W_NEAR
        if slot.cue_kind and place.kind == slot.cue_kind:
            score += W_CUE
        if slot.sentence_kind and place.kind == slot.sentence_kind:
            score += W_SENTENCE_CUE
        if slot.container is not None and context.contains(slot.container, place):
            score += W_CONTAINER
        return score


class _Context:
    """What the current choices of all mentions say, for scoring one of them."""

    def __init__(self, slots: list[_Slot]) -> None:
        self.chosen = [s.candidates[s.choice] if s.candidates else None for s in slots]
        self.countries: dict[str, Counter] = defaultdict(Counter)  # key -> country codes of other keys
        by_key: dict[str, Counter] = defaultdict(Counter)
        divisions_by_key: dict[str, Counter] = defaultdict(Counter)
        for slot, place in zip(slots, self.chosen):
            if place is None:
                continue
            by_key[slot.key][place.country_code] += 1
            division = _division(place)
            if division:
                divisions_by_key[slot.key][division] += 1
        self.total = Counter({k: sum(c.values()) for k, c in by_key.items()})
        self.grand_total = sum(self.total.values())
        self.by_key = by_key
        self.all_countries = sum(by_key.values(), Counter())
        self.divisions_by_key = divisions_by_key
        self.all_divisions = sum(divisions_by_key.values(), Counter())
        # Chosen towns and counties by grid cell, so "is another choice near?" stays cheap in long documents.
        self.cells: dict[tuple[int, int], dict[str, tuple[Place, set[str]]]] = defaultdict(dict)
        for slot, place in zip(slots, self.chosen):
            if place is not None and place.kind in ("city", "admin2"):
                self.cells[_cell(place)].setdefault(place.id, (place, set()))[1].add(slot.key)

    def country_share(self, code: str | None, key: str) -> float:
        if code is None:
            return 0.0
        others = self.grand_total - self.total[key]
        if others <= 0:
            return 0.0
        return (self.all_countries[code] - self.by_key[key][code]) / others

    def division_share(self, place: Place, key: str) -> float:
        division = _division(place)
        others = self.grand_total - self.total[key]
        if division is None or others <= 0:
            return 0.0
        return (self.all_divisions[division] - self.divisions_by_key[key][division]) / others

    def near(self, place: Place, key: str) -> bool:
        if place.kind not in ("city", "admin2"):
            return False
        row, col = _cell(place)
        return any((len(keys) > 1 or key not in keys) and great_circle_km(place.lat, place.lon, p.lat, p.lon) <= NEAR_KM
                   for dr in (-1, 0, 1) for dc in (-1, 0, 1)
                   for p, keys in self.cells.get((row + dr, col + dc), {}).values())

    def contains(self, index: int, place: Place) -> bool:
        container = self.chosen[index]
        if container is None or container.country_code != place.country_code:
            return False
        return container.kind == "country" or (container.kind == "admin1" and place.admin1 == container.name)


def _division(place: Place) -> tuple[str, str] | None:
    """(country, first-level division) a place is in or is."""
    if place.kind == "admin1":
        return (place.country_code or "", place.name)
    if place.admin1 and place.kind in ("city", "admin2"):
        return (place.country_code or "", place.admin1)
    return None


def _cell(place: Place) -> tuple[int, int]:
    """A grid cell about NEAR_KM on a side (wider in longitude, which shrinks poleward)."""
    return int(place.lat // 1.5), int(place.lon // 2.0)


def _link_containers(text: str, slots: list[_Slot]) -> None:
    for index, (left, right) in enumerate(zip(slots, slots[1:]), 1):
        if _CONTAINER_GAP.match(text[left.mention.end: right.mention.start]) and right.candidates:
            if any(c.kind in ("admin1", "country") for c in right.candidates[:3]):
                left.container = index


def _share_senses(slots: list[_Slot], scores: list[list[float]]) -> None:
    """One sense per name per document: mentions without their own cue follow the name's best total."""
    totals: dict[str, Counter] = defaultdict(Counter)
    for slot, row in zip(slots, scores):
        for place, score in zip(slot.candidates, row):
            totals[slot.key][place.id] += score
    for slot, row in zip(slots, scores):
        if not slot.candidates:
            continue
        if slot.cue_kind or slot.container is not None:
            slot.choice = max(range(len(row)), key=row.__getitem__)
        else:
            best = totals[slot.key]
            slot.choice = max(range(len(row)), key=lambda j: (best[slot.candidates[j].id], row[j]))


def _resolved(slot: _Slot, scores: list[float]) -> ResolvedMention:
    if not slot.candidates:
        return ResolvedMention(slot.mention, None, 0.0)
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    order = sorted(range(len(scores)), key=lambda j: (j != slot.choice, -scores[j]))
    confidence = weights[slot.choice] / sum(weights)
    return ResolvedMention(slot.mention, slot.candidates[slot.choice], round(confidence, 3),
                           tuple(slot.candidates[j] for j in order[1: 1 + ALTERNATIVES]))
