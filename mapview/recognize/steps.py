"""The recognizer's rules over one spaCy piece: a named, ordered list of small steps.

Each step reads the piece (its tokens and entities) and the candidates the
steps before it took, and adds, drops or relabels candidates. :data:`STEPS`
is the order the recognizer runs them in:

``model``
    the model's place entities (GPE, LOC; FAC with a gazetteer check), shaped into
    bare names and checked, and its NORP entities that are demonyms;
``ruler``
    the gazetteer's names the model does not contradict; where a name and a model
    span overlap, the name wins unless the longer model span is itself a known
    place ("New South Wales" over "Wales") or a feature ("Bay Area");
``rescue``
    places inside entities of other labels ("in Ferguson" PERSON, "Athens Police
    Department"), with a gazetteer check and a context cue;
``definition``
    the subject of an encyclopedic definition ("Stow is a town in Middlesex County");
``feature``
    streets, roads and natural features ("Gillis Street", "Highway 10", "Elbow Lake");
``dateline``
    the place a news report was filed from ("MANSFIELD -- The mayor said");
``cued``
    names the words around them call places ("the village of Bariyarpur", "in Lombard",
    "Kalena Horhn of Grand Prairie", "R-Marshall", "Roselle police"; see :mod:`mapview.recognize.cued`);
``list``
    weak names standing in a list with places ("Paktika, Logar, and Laghman");
``longest``
    each place grown to the longest name around it ("Qala-i-Naw", "Washington Drive",
    "Lake Vermont"), and transliterated names found ("Mazar-i-Sharif");
``kind``
    a kind word no place is called by leaves the name ("Fargo City Council" → "Fargo");
``movement``
    names inside a movement's name ("Tehrik-i-Taliban Pakistan") become ``rejected``;
``demonym``
    a place match that is also a demonym ("Canadian Food Inspection Agency") becomes one, and so
    does a state's name before an embassy ("the U.S. Embassy in Kabul");
``hashtag``
    places named by hashtags ("#PrayForGaza"), where no candidate stands.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from gazetteer.folding import fold_parts
from mapview.recognize.candidates import Candidate
from mapview.recognize.context import in_movement_name, in_place_list, is_headline
from mapview.recognize.cued import cued_places
from mapview.recognize.datelines import dateline_names
from mapview.recognize.definitions import defined_places
from mapview.recognize.features import feature_names
from mapview.recognize.hashtags import hashtag_places
from mapview.recognize.known import generic_only, names_a_feature
from mapview.recognize.lexicon import HASHTAG_MARKS, LIST_GLUE, LISTABLE_LABELS, OWNER_WORDS, SURNAME_FEATURE_WORDS
from mapview.recognize.longest import joined_runs, longest_name
from mapview.recognize.names import (
    OUTSIDE,
    TokenRange,
    entity_marks,
    name_parts,
    strip_direction,
    strip_kind_word,
    words_of,
)
from mapview.recognize.rescue import inside_institution, rescue
from mapview.recognize.ruler import Ruler, ruler_matches

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class Rules:
    """What the steps are configured with, once per run of the recognizer.

    ``known``, ``notable``, ``kind_apart`` and ``own_name`` are the gazetteer checks (None: no
    gazetteer, and the steps that need one do nothing); ``ruler`` the
    gazetteer's names (None: no names).
    """

    labels: frozenset[str]
    ruler: Ruler | None = None
    known: Callable[[str], bool] | None = None
    notable: Callable[[str], bool] | None = None
    kind_apart: Callable[[str], bool] | None = None
    own_name: Callable[[str], bool] | None = None

    @property
    def demonyms(self) -> frozenset[str] | None:
        """The demonyms the ruler knows; None when there is no ruler (every NORP entity is one)."""
        return None if self.ruler is None else self.ruler.demonyms


@dataclass(slots=True)
class Piece:
    """One processed piece and the candidates taken in it so far."""

    doc: Doc
    sentence_starts: Sequence[int]
    """Piece-relative character offsets where sentences begin."""
    candidates: list[Candidate] = field(default_factory=list)
    listable: list[TokenRange] = field(default_factory=list)
    """Weak names waiting for the ``list`` step."""
    _token_starts: list[int] | None = None
    _ents: tuple[Span, ...] | None = None
    _text: str | None = None
    _cuts: list[int] | None = None

    def taken(self) -> set[int]:
        """The tokens some candidate covers."""
        return {i for c in self.candidates for i in range(c.start, c.end)}

    def text(self) -> str:
        """The piece's text (computed once: spaCy joins every token's text at each ``doc.text``)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def ents(self) -> tuple[Span, ...]:
        """The model's entities (computed once: spaCy builds them anew from every token at each ``doc.ents``)."""
        if self._ents is None:
            self._ents = tuple(self.doc.ents)
        return self._ents

    def token_starts(self) -> list[int]:
        """The character offset of each token (computed once: several steps read it)."""
        if self._token_starts is None:
            self._token_starts = self.doc.to_array("IDX").tolist() if len(self.doc) else []
        return self._token_starts

    def token_at(self, char: int) -> int:
        """The index of the token holding character ``char`` (0 in an empty piece)."""
        return bisect_right(self.token_starts(), char) - 1 if len(self.doc) else 0

    def bounds(self, i: int) -> TokenRange:
        """The tokens ``[start, end)`` of the sentence holding token ``i``."""
        if self._cuts is None:
            self._cuts = sorted({self.token_at(s) for s in self.sentence_starts} | {0})
        cuts = self._cuts
        k = bisect_right(cuts, i) - 1
        return cuts[k], cuts[k + 1] if k + 1 < len(cuts) else len(self.doc)


@dataclass(frozen=True, slots=True)
class Step:
    """A rule: ``run(rules, piece)`` changes ``piece.candidates``."""

    name: str
    run: Callable[[Rules, Piece], None]


def run_steps(steps: Sequence[Step], rules: Rules, doc: Doc, sentence_starts: Sequence[int]) -> list[Candidate]:
    """The candidates of piece ``doc`` after every step, in order."""
    piece = Piece(doc, sentence_starts)
    for step in steps:
        step.run(rules, piece)
    return piece.candidates


def model_entities(rules: Rules, piece: Piece) -> None:
    """``model``: the model's place entities shaped into names and checked, and its demonyms."""
    doc = piece.doc
    for ent in piece.ents():
        if ent.label_ in rules.labels and (ent.label_ != "FAC" or rules.known is not None):
            for s, e in (_place_part(rules, doc, s, e) for s, e in name_parts(doc, ent.start, ent.end)):
                # person names labelled GPE ("Saakashvili"), "RT", "Ebola": the gazetteer must know a model place
                if _plausible(rules, doc[s:e].text):
                    piece.candidates.append(Candidate(s, e, "place", "model"))
                elif ent.label_ != "FAC" and not generic_only(doc[s:e].text):
                    piece.listable.append((s, e))  # a place the gazetteer lacks, in a list with places
        elif ent.label_ == "NORP":
            for s, e in name_parts(doc, ent.start, ent.end):
                if rules.demonyms is None or doc[s:e].text in rules.demonyms:
                    piece.candidates.append(Candidate(s, e, "demonym", "model"))


def _plausible(rules: Rules, name: str) -> bool:
    if generic_only(name) and not names_a_feature(name):
        return False  # a lone "South", "Valley", "Earth" is a word, not a name; "Bay Area", "West Coast" are names
    return rules.known is None or names_a_feature(name) or rules.known(name)


def _place_part(rules: Rules, doc: Doc, start: int, end: int) -> TokenRange:
    start, end = strip_direction(doc, start, end, rules.known)
    if rules.known is not None and end - start > 1 and not rules.known(doc[start:end].text):
        inner = inside_institution(doc, start, end, rules.known)
        if inner:
            return inner[0]
    return start, end


def ruler_names(rules: Rules, piece: Piece) -> None:
    """``ruler``: the gazetteer's names, merged with the model's spans (one per overlap)."""
    if rules.ruler is None:
        return
    matches, listable = ruler_matches(rules.ruler, piece.doc, rules.labels, piece.ents())
    piece.listable += listable
    names = [Candidate(s, e, label, "ruler") for s, e, label in matches]
    replaced: set[Candidate] = set()
    kept: list[Candidate] = []
    for c in piece.candidates:
        if c.rule != "model":
            kept.append(c)
            continue
        overlaps = [n for n in names if n.start < c.end and c.start < n.end]
        if not overlaps:
            kept.append(c)
        elif _model_span_wins(rules, piece.doc, c, overlaps):
            kept.append(c)
            replaced.update(overlaps)
    piece.candidates = [n for n in names if n not in replaced] + kept


def _model_span_wins(rules: Rules, doc: Doc, model: Candidate, names: list[Candidate]) -> bool:
    if rules.known is None or not all(model.start <= n.start and n.end <= model.end for n in names):
        return False
    if model.end - model.start <= max(n.end - n.start for n in names):
        return False
    text = model.text(doc)
    return names_a_feature(text) or rules.known(text)


def rescued_places(rules: Rules, piece: Piece) -> None:
    """``rescue``: places inside entities of other labels (see :mod:`mapview.recognize.rescue`)."""
    known, notable = rules.known, rules.notable
    if known is None or notable is None:
        return
    taken = piece.taken()
    starts = {c.start for c in piece.candidates}
    found = [
        Candidate(s, e, "place", "rescue")
        for ent in piece.ents()
        if ent.label_ not in rules.labels and not taken.intersection(range(ent.start, ent.end))
        for s, e in rescue(piece.doc, ent, known, notable, starts)
    ]
    piece.candidates += found


def defined_places_step(rules: Rules, piece: Piece) -> None:
    """``definition``: the subject of "X is a town in Y" is a place, whatever the model called it.

    It replaces the candidates inside it ("Qala" of "Qala-i-Naw is the capital of ...").
    """
    token_starts = sorted({piece.token_at(s) for s in piece.sentence_starts})
    for start, end in defined_places(piece.doc, token_starts):
        piece.candidates = [c for c in piece.candidates if c.end <= start or c.start >= end]
        piece.candidates.append(Candidate(start, end, "place", "definition"))


def feature_places(rules: Rules, piece: Piece) -> None:
    """``feature``: streets, roads and natural features ("Gillis Street", "Highway 10", "Elbow Lake").

    Found whatever the model labels them (see :mod:`mapview.recognize.features`),
    except inside a person's name when the feature word also ends people's or venues' names ("Veronica
    Lake", "Anderson Arena"; not "Bryce Canyon" or "E. Broad St.", which the model also calls persons) and,
    in headlines, where
    every word is capitalised, unless the model saw the same span as an entity.
    A feature's name replaces the candidates inside it ("Washington" in
    "Washington Drive").
    """
    doc = piece.doc
    persons = [(e.start, e.end) for e in piece.ents() if e.label_ == "PERSON"]
    entities = {(e.start, e.end) for e in piece.ents()}
    i = 0
    while i < len(doc):
        sentence = piece.bounds(i)
        headline: bool | None = None  # read only for a sentence with a feature: few have one
        for start, end in feature_names(doc, sentence):
            last = doc[end - 1].text
            in_person = any(s <= start and end <= e for s, e in persons) and last in SURNAME_FEATURE_WORDS
            if in_person:
                continue
            if headline is None:
                headline = is_headline(doc, *sentence)
            if not (headline and (start, end) not in entities):
                _replace_inside(piece, Candidate(start, end, "place", "feature"))
        i = max(sentence[1], i + 1)


def dateline_places(rules: Rules, piece: Piece) -> None:
    """``dateline``: the place a news report was filed from ("MANSFIELD -- ...", "ROME (AP) -"),
    when the gazetteer knows it (written in capitals, it is checked as a name: "Rome")."""
    if rules.known is None:
        return
    doc = piece.doc
    for start, end in dateline_names(doc):
        if rules.known(doc[start:end].text.title()):
            _replace_inside(piece, Candidate(start, end, "place", "dateline"))


def _replace_inside(piece: Piece, found: Candidate) -> None:
    """Add ``found`` in place of the candidates inside it, unless another candidate crosses its edge."""
    inside = [c for c in piece.candidates if found.start <= c.start and c.end <= found.end]
    if any(c.start < found.end and found.start < c.end for c in piece.candidates if c not in inside):
        return
    piece.candidates = [c for c in piece.candidates if c not in inside] + [found]


def listed_places(rules: Rules, piece: Piece) -> None:
    """``list``: weak names, model places the gazetteer lacks, and short known names the model called
    PERSON or ORG, in a list with places.

    Found until no more join ("Paktika, Logar, and Laghman").
    """
    doc = piece.doc
    listable = list(piece.listable)
    if rules.known is not None:
        listable += [
            (s, e)
            for ent in piece.ents()
            if ent.label_ in LISTABLE_LABELS and len(ent) <= 3
            for s, e in name_parts(doc, ent.start, ent.end)  # "MS" of "MS &"
            if rules.known(doc[s:e].text)
        ]
    if rules.notable is not None:
        listable += _notable_words(doc, rules.notable)
    taken = piece.taken()
    places = [(c.start, c.end) for c in piece.candidates if c.label == "place"]
    waiting = [span for span in dict.fromkeys(listable) if not taken.intersection(range(*span))]
    while waiting:
        starts, ends = {s for s, _ in places}, {e for _, e in places}
        joined = [span for span in waiting if in_place_list(doc, span[0], span[1], starts, ends)]
        if not joined:
            break
        piece.candidates += [Candidate(s, e, "place", "list") for s, e in joined]
        places += joined
        waiting = [span for span in waiting if span not in joined]


def _notable_words(doc: Doc, notable: Callable[[str], bool]) -> list[TokenRange]:
    """Capitalised words outside every entity, after a list's glue, that name notable places: the model
    reads a place in a list by its neighbours and sometimes leaves one ("Paris, London, Brno")."""
    words = words_of(doc)
    marks = entity_marks(doc)
    return [
        (i, i + 1)
        for i in range(1, len(words))
        if words[i - 1] in LIST_GLUE
        and words[i][:1].isupper()
        and words[i][:1].isalpha()
        and marks[i] == OUTSIDE
        and (i + 1 == len(words) or not words[i + 1][:1].isupper())
        and not doc[i].is_stop
        and notable(words[i])
    ]


def longest_names(rules: Rules, piece: Piece) -> None:
    """``longest``: each place grown to the longest name around it, and joined names found.

    "Qala" → "Qala-i-Naw", "Douglas" → "Douglas County", "Washington" →
    "Washington Drive", "Vermont" → "Lake Vermont" (see
    :mod:`mapview.recognize.longest`); then transliterated names no candidate
    covers and the gazetteer knows ("Mazar-i-Sharif", "Pul-e Khumri").
    """
    known, own_name = rules.known, rules.own_name
    if known is None:
        return

    def is_name(text: str) -> bool:
        # a kind word joins a name only when a place is called so ("Douglas County", not "Brooklyn District")
        return known(text) and (not fold_parts(text)[1] or (own_name is not None and own_name(text)))

    doc = piece.doc
    bounds = piece.bounds
    ordered = sorted(piece.candidates, key=lambda c: c.start)
    grown: list[Candidate] = []
    for k, c in enumerate(ordered):
        if c.label == "place" and c.chars is None:
            first, last = bounds(c.start)
            left = max([first] + [o.end for o in ordered[:k] if o.end <= c.start])
            right = min([last] + [o.start for o in ordered[k + 1 :] if o.start >= c.end])
            start, end = longest_name(doc, c.start, c.end, is_name, (left, right))
            c = replace(c, start=start, end=end)
        grown.append(c)
    taken = {i for c in grown for i in range(c.start, c.end)}
    piece.candidates = grown
    for start, end in _joined_places(doc, bounds, taken, is_name):
        piece.candidates.append(Candidate(start, end, "place", "longest"))


def _joined_places(
    doc: Doc, bounds: Callable[[int], TokenRange], taken: set[int], is_name: Callable[[str], bool]
) -> list[TokenRange]:
    found = []
    i = 0
    while i < len(doc):
        sentence = bounds(i)
        for start, end in joined_runs(doc, sentence):
            if not taken.intersection(range(start, end)) and is_name(doc[start:end].text):
                found.append((start, end))
        i = max(sentence[1], i + 1)
    return found


def kind_words(rules: Rules, piece: Piece) -> None:
    """``kind``: a kind word no place is called by leaves the name ("Fargo City Council" → "Fargo",
    "Bowling Green State University" → "Bowling Green").

    A name the ruler matched is a recorded name and keeps a kind word after it
    ("Lagos State"), not one before it: "the State of Illinois" says what
    "the state of Illinois" says, and names Illinois.
    """
    known, kind_apart = rules.known, rules.kind_apart
    if known is None or kind_apart is None:
        return
    doc = piece.doc
    own_name = rules.own_name

    def not_own_kind(text: str) -> bool:
        # "Fargo City" (Fargo is a city, not called so), "Bowling Green State" (no place is called so)
        return kind_apart(text) or (own_name is not None and not own_name(text))

    shaped = []
    for c in piece.candidates:
        if c.label == "place" and c.chars is None:
            start, end = strip_kind_word(doc, c.start, c.end, known, not_own_kind)
            if c.rule != "ruler" or end == c.end:
                c = replace(c, start=start, end=end)
        shaped.append(c)
    piece.candidates = shaped


def movement_names(rules: Rules, piece: Piece) -> None:
    """``movement``: a name inside a movement's name is no mention ("Tehrik-i-Taliban Pakistan")."""
    piece.candidates = [
        c.labelled("rejected") if in_movement_name(piece.doc, c.start, c.end, piece.bounds(c.start)) else c
        for c in piece.candidates
    ]


def demonym_names(rules: Rules, piece: Piece) -> None:
    """``demonym``: a place match that is also a demonym is one ("Canadian" is also a town in Texas), and
    so is a state's name before an embassy ("the U.S. Embassy in Kabul": the owner, not the place)."""
    demonyms = rules.demonyms or frozenset()
    doc = piece.doc
    piece.candidates = [
        c.labelled("demonym")
        if c.label == "place" and (c.text(doc) in demonyms or (c.end < len(doc) and doc[c.end].text in OWNER_WORDS))
        else c
        for c in piece.candidates
    ]


def hashtag_names(rules: Rules, piece: Piece) -> None:
    """``hashtag``: places named by hashtags, on tokens no candidate covers."""
    if rules.notable is None or not any(mark in piece.text() for mark in HASHTAG_MARKS):
        return
    ruler = rules.ruler
    taken = piece.taken()
    for start, end in hashtag_places(piece.doc, rules.notable, ruler.area_names if ruler else frozenset()):
        token = piece.doc.char_span(start, end, alignment_mode="expand")
        if token is not None and token.start not in taken:
            piece.candidates.append(Candidate(token.start, token.end, "place", "hashtag", chars=(start, end)))


STEPS: tuple[Step, ...] = (
    Step("model", model_entities),
    Step("ruler", ruler_names),
    Step("rescue", rescued_places),
    Step("definition", defined_places_step),
    Step("feature", feature_places),
    Step("dateline", dateline_places),
    Step("cued", cued_places),
    Step("list", listed_places),
    Step("longest", longest_names),
    Step("kind", kind_words),
    Step("movement", movement_names),
    Step("demonym", demonym_names),
    Step("hashtag", hashtag_names),
)
"""The recognizer's rules, in the order they run."""
