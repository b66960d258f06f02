"""The recognizer's rules over one spaCy piece, and over a whole document.

:class:`DocRules` turns a processed piece into :class:`Candidate` spans (model
entities, gazetteer ruler matches, rescued names); :func:`propagate` then
applies "one sense per document": a name taken as a place once is a place
wherever else it stands alone in that document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapview.recognize_casing import hashtag_places
from mapview.recognize_context import in_movement_name, in_place_list
from mapview.recognize_known import generic_only, names_a_feature
from mapview.recognize_rescue import INSTITUTION_WORDS, inside_institution, rescue
from mapview.recognize_spans import name_parts, strip_direction

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class Candidate:
    """A character range taken as a mention; ``source`` says which rule found it."""

    start: int
    end: int
    label: str  # "place", "demonym", or "rejected" (inside a movement's name: never a mention)
    source: str  # "model", "ruler", "rescue", "document"


@dataclass(frozen=True, slots=True)
class Entity:
    """What document-level rules need of a model entity once its piece is gone."""

    start: int
    end: int
    label: str
    text: str
    tokens: int


class DocRules:
    """The per-piece rules, configured once per run of :meth:`Recognizer.recognize_many`."""

    def __init__(
        self,
        labels: frozenset[str],
        matcher: PhraseMatcher | None,
        demonyms: frozenset[str] | None,
        known: Callable[[str], bool] | None,
        notable: Callable[[str], bool] | None,
        area_names: frozenset[str] = frozenset(),
    ) -> None:
        self.labels, self.matcher, self.demonyms = labels, matcher, demonyms
        self.known, self.notable = known, notable
        self.area_names = area_names

    def apply(
        self, doc: Doc, base: int, sentence_starts: Sequence[int], candidates: list[Candidate], entities: list[Entity]
    ) -> None:
        """Add the candidates of piece ``doc`` (starting at ``base`` in the text) to ``candidates``."""
        model: list[tuple[int, int, str]] = []
        for ent in doc.ents:
            entities.append(Entity(base + ent.start_char, base + ent.end_char, ent.label_, ent.text, len(ent)))
            if ent.label_ in self.labels and (ent.label_ != "FAC" or self.known is not None):
                parts = [self._place_part(doc, s, e) for s, e in name_parts(doc, ent.start, ent.end)]
                # person names labelled GPE ("Saakashvili"), "RT", "Ebola": the gazetteer must know a model place
                model += [(s, e, "place") for s, e in parts if self._plausible(doc[s:e].text)]
            elif ent.label_ == "NORP":
                model += [(s, e, "demonym") for s, e in name_parts(doc, ent.start, ent.end)
                          if self.demonyms is None or doc[s:e].text in self.demonyms]
        ruler, listable = self._ruler(doc)
        chosen = _merge(model, ruler, self.known, doc)
        if self.known is not None:
            chosen += self._rescued(doc, chosen)
            listable += [(ent.start, ent.end) for ent in doc.ents if ent.label_ in ("PERSON", "ORG")
                         and len(ent) <= 3 and self.known(ent.text)]
        chosen += _listed(doc, chosen, listable)
        if self.notable is not None:
            taken = {i for s, e, _, _ in chosen for i in range(s, e)}
            for start, end in hashtag_places(doc, self.notable, self.area_names):
                token = doc.char_span(start, end, alignment_mode="expand")
                if token is not None and token.start not in taken:
                    candidates.append(Candidate(base + start, base + end, "place", "hashtag"))
        bounds = _sentence_bounds(doc, sentence_starts)
        for s, e, label, source in chosen:
            if in_movement_name(doc, s, e, bounds(s)):
                label = "rejected"
            elif label == "place" and self.demonyms and doc[s:e].text in self.demonyms:
                label = "demonym"  # "Canadian Food Inspection Agency": Canadian is also a town in Texas
            end_token = doc[e - 1]
            candidates.append(Candidate(base + doc[s].idx, base + end_token.idx + len(end_token), label, source))

    def _rescued(self, doc: Doc, chosen: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """Places in entities of other labels (see :mod:`mapview.recognize_rescue`)."""
        known, notable = self.known, self.notable
        assert known is not None and notable is not None
        taken = {i for s, e, _, _ in chosen for i in range(s, e)}
        starts = {s for s, _, _, _ in chosen}
        found = []
        for ent in doc.ents:
            if ent.label_ not in self.labels and not taken.intersection(range(ent.start, ent.end)):
                found += [(s, e, "place", "rescue") for s, e in rescue(doc, ent, known, notable, starts)]
        return found

    def _plausible(self, name: str) -> bool:
        if generic_only(name):
            return False  # a lone "South", "Valley", "Earth" is a word, not a name
        return self.known is None or names_a_feature(name) or self.known(name)

    def _place_part(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        start, end = strip_direction(doc, start, end, self.known)
        if self.known is not None and end - start > 1 and not self.known(doc[start:end].text):
            inner = inside_institution(doc, start, end, self.known)
            if inner:
                return inner[0]
        return start, end

    def _ruler(self, doc: Doc) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
        """Ruler matches the model's entities do not contradict, and weak matches left to
        the list rule (:func:`_listed`).

        A match inside a longer entity counts only when that entity is a place,
        or an institution the name locates ("Georgia Bureau of Investigation",
        "University of Texas"); never inside a person's name ("Jordan" in
        "Michael Jordan") or a product, work or event. A ``weak`` match needs an
        entity of the same extent.
        """
        if self.matcher is None:
            return [], []
        from spacy.util import filter_spans

        kept, listable = [], []
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            s, e, key = span.start, span.end, span.label_
            ents = [ent for ent in doc.ents if ent.start < e and s < ent.end]
            outer = [ent for ent in ents if ent.start <= s and e <= ent.end and len(ent) > e - s]
            if outer:
                if not (outer[0].label_ in self.labels or _named_institution(doc, outer[0], s, e)):
                    continue
            elif any(ent.label_ in _NOT_NAMES for ent in ents):
                continue  # "Saturday" is an alternate name of a Zambian province, and a DATE
            elif key == "weak" and not any(ent.start == s and ent.end == e and ent.label_ in _WEAK_OK for ent in ents):
                listable.append((s, e))  # "Michael", "Jewish" are alternate names of places, and a PERSON and a NORP
                continue
            kept.append((s, e, "demonym" if key == "demonym" else "place"))
        return kept, listable


_WEAK_OK = frozenset({"GPE", "LOC", "FAC", "ORG"})
_NOT_NAMES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "LANGUAGE"})


def _named_institution(doc: Doc, ent: Span, start: int, end: int) -> bool:
    if ent.label_ in ("PERSON", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"):
        return False
    if start == ent.start and any(t.text in INSTITUTION_WORDS for t in doc[end : ent.end]):
        return True
    return start > ent.start and doc[start - 1].text in ("of", "in")


def _merge(
    model: list[tuple[int, int, str]],
    ruler: list[tuple[int, int, str]],
    known: Callable[[str], bool] | None,
    doc: Doc,
) -> list[tuple[int, int, str, str]]:
    """Model spans and ruler spans, one per overlap: the ruler's unless the model's longer
    span is itself a known place ("New South Wales" over "Wales") or a feature ("Bay Area")."""
    chosen = [(s, e, label, "ruler") for s, e, label in ruler]
    for s, e, label in model:
        overlaps = [(rs, re_, rl, "ruler") for rs, re_, rl in ruler if rs < e and s < re_]
        if not overlaps:
            chosen.append((s, e, label, "model"))
        elif known is not None and all(s <= o[0] and o[1] <= e for o in overlaps) \
                and e - s > max(o[1] - o[0] for o in overlaps) \
                and (names_a_feature(doc[s:e].text) or known(doc[s:e].text)):
            chosen = [c for c in chosen if c not in overlaps] + [(s, e, label, "model")]
    return chosen


def _listed(
    doc: Doc, chosen: list[tuple[int, int, str, str]], listable: list[tuple[int, int]]
) -> list[tuple[int, int, str, str]]:
    """``listable`` names that stand in a list with places, found until no more join."""
    found: list[tuple[int, int, str, str]] = []
    taken = {i for s, e, _, _ in chosen for i in range(s, e)}
    places = [(s, e) for s, e, label, _ in chosen if label == "place"]
    waiting = [span for span in listable if not taken.intersection(range(*span))]
    while waiting:
        starts, ends = {s for s, _ in places}, {e for _, e in places}
        joined = [span for span in waiting if in_place_list(doc, span[0], span[1], starts, ends)]
        if not joined:
            break
        found += [(s, e, "place", "list") for s, e in joined]
        places += joined
        waiting = [span for span in waiting if span not in joined]
    return found


def _sentence_bounds(doc: Doc, sentence_starts: Sequence[int]) -> Callable[[int], tuple[int, int]]:
    token_starts = [t.idx for t in doc]
    cuts = sorted({bisect_right(token_starts, s) - 1 for s in sentence_starts} | {0})

    def bounds(i: int) -> tuple[int, int]:
        k = bisect_right(cuts, i) - 1
        return cuts[k], cuts[k + 1] if k + 1 < len(cuts) else len(doc)

    return bounds


def propagate(
    text: str, candidates: list[Candidate], entities: list[Entity], known: Callable[[str], bool] | None
) -> list[Candidate]:
    """More candidates: other stand-alone occurrences of names already taken as places.

    An occurrence counts when it is a whole model entity of another label
    ("Gainesville" PERSON) or no entity at all, and overlaps no candidate. A
    name used in this document as a person's surname ("Jackson" in "Tom
    Jackson") is never propagated, nor a name ``known`` (the gazetteer check) rejects.
    """
    names = {text[c.start : c.end] for c in candidates if c.label == "place"}
    names -= {e.text.rsplit(None, 1)[-1] for e in entities if e.label == "PERSON" and e.tokens > 1}
    # only names the gazetteer knows: a model error ("H5N1" GPE) must not spread
    names = {n for n in names if len(n) > 2 and (known is None or known(n))}
    if not names:
        return []
    occupied = sorted([(c.start, c.end) for c in candidates]
                      + [(e.start, e.end) for e in entities if e.text not in names])
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?!\w)")
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        i = bisect_right(occupied, (end, end))
        if any(s < end and start < e for s, e in occupied[max(0, i - 8) : i]):
            continue
        found.append(Candidate(start, end, "place", "document"))
    return found
