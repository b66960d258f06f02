"""Choose each mention's place from the document, not the name alone.

Every mention starts from the gazetteer's ranked candidates (population and
kind prior). Then, in a few rounds, each candidate gains from what the rest of
the document says (:mod:`~mapview.resolve.context`): countries and first-level
divisions it names, places near the other mentions' current choices, a division
named right after it that must hold it ("Paris, Tenn.", "Lashkar Gah, Helmand",
"Jalalabad, the capital of Nangarhar"), and the words around it
(:mod:`~mapview.resolve.cues`: "Herat province", "the city of X", "the provinces
of ...", "Murmansk's governor").

A name a settlement shares with the area named after it is the settlement
("Analysts in Homs", "Aleppo's markets") unless a cue or the list around it
names the area ("Homs province", "Herat, Farah, Helmand and Kabul"); see
:mod:`~mapview.resolve.areas`. A name keeps one sense through a document unless
its own cue word says otherwise.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gazetteer import Place
from gazetteer.folding import fold_parts
from mapview.records import Mention, ResolvedMention
from mapview.resolve.areas import Containment, Seat, namesake_seat, seat_swaps
from mapview.resolve.context import Context
from mapview.resolve.cues import capital_of, container_gap, coordinations, kind_cue, sentence_kind

if TYPE_CHECKING:
    from gazetteer.lookup import Gazetteer

# A name's candidates, best first, all weighed with the document's context: the gazetteer's
# prior stays in each score, so a candidate far below the best ("New York City" for "New
# York", London, Ontario) wins only when the other places of the document speak for it.
CANDIDATES = 25
ROUNDS = 2
ALTERNATIVES = 3
NAME_CACHE = 4096  # names whose candidates a resolver keeps between documents
# Weights of the context cues, in units of the gazetteer score (≈ log10 population).
W_COUNTRY = 3.0  # share of the other mentions in the candidate's country
W_ADMIN1 = 4.0  # share of the other mentions in the candidate's first-level division
W_NEAR = 2.0  # another mention's choice lies within context.NEAR_KM
W_CONTAINER = 5.0  # "X, Y" where Y is a division or country containing the candidate
W_CUE = 3.0  # a cue word next to the mention (or its list's) names the candidate's kind
W_SENTENCE_CUE = 1.0  # "provinces"/"governorates"... elsewhere in the sentence
_AREA_KINDS = ("admin1", "admin2")


@dataclass(slots=True)
class _Slot:
    """One mention being resolved: its candidates and what the text says about them."""

    mention: Mention
    key: str
    candidates: tuple[Place, ...]
    seat: Seat | None  # a settlement among the candidates, and the areas named after it
    cue_kind: str | None = None
    plural_cue: bool = False  # the cue word is plural: "Herat, Farah and Helmand provinces"
    sentence_kind: str | None = None
    # Per candidate: the swap of the settlement and its areas while nothing names an area (see seat_swaps).
    swaps: list[float] = field(default_factory=list)
    container: int | None = None  # index of the mention naming a division that contains this one
    choice: int = 0


class Resolver:
    """Resolves the mentions of one document against a :class:`gazetteer.Gazetteer`.

    The candidates of the last ``NAME_CACHE`` names and the containment
    answers (which may need province shapes) are cached on the resolver, so
    one resolver should serve many documents.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.containment = Containment(gazetteer)
        self._candidates = functools.lru_cache(maxsize=NAME_CACHE)(self._lookup)

    def resolve(self, text: str, mentions: Sequence[Mention]) -> list[ResolvedMention]:
        """One ResolvedMention per mention, in the same order."""
        sentence_kinds: dict[tuple[int, int], str | None] = {}
        slots = [self._slot(text, m, sentence_kinds) for m in mentions]
        self._link_containers(text, slots)
        _apply_lists(text, slots)
        keys = [s.key for s in slots]
        scores = [[c.score or 0.0 for c in s.candidates] for s in slots]
        for _ in range(ROUNDS):
            context = Context(keys, [s.candidates[s.choice] if s.candidates else None for s in slots], self.containment)
            scores = [[_score(s, j, context) for j in range(len(s.candidates))] for s in slots]
            _share_senses(slots, scores)
        return [_resolved(s, sc) for s, sc in zip(slots, scores)]

    def _lookup(self, name: str, label: str) -> tuple[tuple[Place, ...], Seat | None]:
        """A name's candidates (the gazetteer's first CANDIDATES) and the settlement among them, if any."""
        kinds = ["country"] if label == "demonym" else None
        candidates = self.gazetteer.lookup(name, kinds=kinds, limit=CANDIDATES)
        if candidates and all(c.matched_by == "variant" for c in candidates):
            return (), None
        return tuple(candidates), namesake_seat(fold_parts(name)[0], candidates, self.containment)

    def _slot(self, text: str, mention: Mention, sentence_kinds: dict[tuple[int, int], str | None]) -> _Slot:
        slot = _Slot(mention, "|".join(fold_parts(mention.name)), *self._candidates(mention.name, mention.label))
        cue = kind_cue(text, mention)
        if cue is not None:
            slot.cue_kind, slot.plural_cue = cue.kind, cue.plural
        span = (mention.sentence.start, mention.sentence.end)
        if span not in sentence_kinds:
            sentence_kinds[span] = sentence_kind(text, span)
        slot.sentence_kind = sentence_kinds[span]
        if slot.seat is not None and slot.cue_kind not in _AREA_KINDS:
            slot.swaps = seat_swaps(slot.seat, slot.candidates)
        return slot

    def _link_containers(self, text: str, slots: list[_Slot]) -> None:
        """ "X, Y" and "X (Y)" where Y may hold X; "X, the capital of Y" (X is then a settlement)."""
        for index, (left, right) in enumerate(itertools.pairwise(slots), 1):
            if right.candidates and container_gap(text, left.mention, right.mention):
                areas = [c for c in right.candidates[:3] if c.kind in ("admin1", "country")]
                if any(self.containment.contains(area, place) for area in areas for place in left.candidates):
                    left.container = index
        for capital, area in capital_of(text, [s.mention for s in slots]).items():
            slots[capital].container = area
            slots[capital].cue_kind = "city"


def _score(slot: _Slot, j: int, context: Context) -> float:
    place = slot.candidates[j]
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
    if slot.swaps:
        score += slot.swaps[j]
    return score


def _apply_lists(text: str, slots: list[_Slot]) -> None:
    """Names in one list are of one kind.

    A plural kind word by the list names it for all ("Herat, Farah, Helmand
    and Kabul provinces"). Else, when the list's plain names (no settlement of
    the same name among their candidates) are all provinces ("Helmand"), its
    names that are both a settlement and a province ("Herat", "Kabul") are the
    province. Only provinces: a county named beside a town is usually the
    town's county ("Paris and Henry County").
    """
    groups: dict[int, list[_Slot]] = defaultdict(list)
    containers = {s.container for s in slots if s.container is not None}
    for index, (slot, group) in enumerate(zip(slots, coordinations(text, [s.mention for s in slots]))):
        if group is not None and index not in containers:
            groups[group].append(slot)
    for members in groups.values():
        plural = {m.cue_kind for m in members if m.plural_cue}
        if len(plural) == 1:
            kind, torn = plural.pop(), members
        else:
            plain = {m.candidates[0].kind for m in members if m.candidates and m.seat is None}
            kind = "admin1" if plain == {"admin1"} else None
            torn = [m for m in members if m.seat is not None and not m.cue_kind]
        for member in torn if kind is not None else ():
            member.cue_kind = kind
            if kind in _AREA_KINDS:
                member.swaps = []


def _share_senses(slots: list[_Slot], scores: list[list[float]]) -> None:
    """One sense per name per document: mentions without their own cue follow the name's best total."""
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
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
    return ResolvedMention(
        slot.mention,
        slot.candidates[slot.choice],
        round(confidence, 3),
        tuple(slot.candidates[j] for j in order[1 : 1 + ALTERNATIVES]),
    )
