"""The recognizer: spaCy NER, the gazetteer's names and the rule steps, over streams of documents."""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapview.recognize.candidates import Entity, Found
from mapview.recognize.context import place_cue
from mapview.recognize.document import mentions, other_senses, propagate, without_senses
from mapview.recognize.known import (
    NOTABLE_POPULATION,
    Named,
    kind_word_apart_check,
    known_place_check,
    own_name_check,
)
from mapview.recognize.lexicon import PLACE_LABELS
from mapview.recognize.pieces import model_text, piece_ranges
from mapview.recognize.ruler import Ruler, build_ruler
from mapview.recognize.steps import STEPS, Rules, Step, run_steps
from mapview.records import Mention, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from gazetteer.lookup import Gazetteer


class Recognizer:
    """Finds the place names (and demonyms) in a document's text.

    Nothing loads when it is made: the spaCy pipeline and the phrase matcher
    are built on first use.

    Parameters
    ----------
    place_names
        ``(surface name, matched_by)`` pairs for a case-sensitive phrase ruler,
        e.g. ``Gazetteer().names()``; ``matched_by`` is how the gazetteer knows
        the name: ``"name"``, ``"abbreviation"``, ``"alternate"`` or
        ``"demonym"`` (see :mod:`mapview.recognize.ruler`). They recover names
        the model mislabels ("Herat" ORG).
    is_known_place
        A gazetteer check, see :func:`mapview.recognize.known.known_place_check`.
        With it the model's GPE/LOC spans must be known places (person names
        labelled GPE are dropped), and the recognizer recovers places inside
        institution names. Answers are cached.
    is_notable_place
        A stricter check for names the model did not call places (towns it
        labels ORG or PERSON, hashtags); defaults to ``is_known_place``.
    is_kind_word_apart
        "Does the kind word of this name say what the place is without being
        part of its name?" ("Fargo City" yes, "Iowa City" no), see
        :func:`mapview.recognize.known.kind_word_apart_check`. Without it a
        kind word is never cut from a name.
    is_own_name
        "Is some place called exactly this, kind word and all?" ("Douglas
        County" yes, "Brooklyn District" no), see
        :func:`mapview.recognize.known.own_name_check`. Without it a name is
        never grown over a kind word.
    nlp
        A spaCy pipeline to use instead of :func:`mapview.recognize.model.load_pipeline`.
    labels
        spaCy entity labels accepted as places.
    chunk_chars
        Sentences are grouped into pieces of at most this many characters, so
        a huge document never goes through spaCy in one piece.
    steps
        The rule steps run on every piece, in order (:data:`mapview.recognize.steps.STEPS`).

    Examples
    --------
    >>> import spacy
    >>> recognizer = Recognizer(place_names=[("Herat", "name")], nlp=spacy.blank("en"))
    >>> [m.name for m in recognizer.recognize("Attacks in Herat.", [Span(0, 17)])]
    ['Herat']
    """

    def __init__(
        self,
        *,
        place_names: Iterable[tuple[str, str]] | None = None,
        is_known_place: Callable[[str], bool] | None = None,
        is_notable_place: Callable[[str], bool] | None = None,
        is_kind_word_apart: Callable[[str], bool] | None = None,
        is_own_name: Callable[[str], bool] | None = None,
        nlp: Language | None = None,
        labels: Sequence[str] = PLACE_LABELS,
        chunk_chars: int = 2000,
        steps: Sequence[Step] = STEPS,
    ) -> None:
        self._place_names = list(place_names) if place_names is not None else None
        self._known = _memo(is_known_place)
        self._notable = _memo(is_notable_place) or self._known
        self._kind_apart = _memo(is_kind_word_apart)
        self._own_name = _memo(is_own_name)
        self._nlp = nlp
        self._labels = frozenset(labels)
        self._chunk_chars = chunk_chars
        self._steps = tuple(steps)
        self._ruler: Ruler | None = None

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (loaded on first use)."""
        if self._nlp is None:
            from mapview.recognize.model import load_pipeline

            self._nlp = load_pipeline()
        return self._nlp

    def recognize(self, text: str, sentences: Sequence[Span]) -> list[Mention]:
        """The mentions in ``text``, in text order, each within one of ``sentences``.

        ``text[m.start:m.end] == m.name`` holds for every mention. ``sentences``
        should cover the text (an empty sequence means one sentence: the whole text).
        """
        return next(self.recognize_many([(text, sentences)]))

    def recognize_many(
        self, items: Iterable[tuple[str, Sequence[Span]]], *, n_process: int = 1, batch_size: int = 64
    ) -> Iterator[list[Mention]]:
        """Mentions for each ``(text, sentences)`` item, lazily and in order.

        Pieces of all documents stream through ``nlp.pipe`` together;
        ``n_process`` > 1 runs spaCy in that many worker processes.
        """
        rules = self._rules()
        pending: deque[_State] = deque()
        done = 0

        def pieces() -> Iterator[tuple[str, tuple[int, int, tuple[int, ...]]]]:
            for text, sentences in items:
                ordered = sorted(sentences, key=lambda s: s.start) or [Span(0, len(text))]
                pending.append(_State(text, ordered, found=[], entities=[]))
                index = done + len(pending) - 1
                for piece in piece_ranges(text, ordered, self._chunk_chars):
                    yield model_text(text, piece.start, piece.end), (index, piece.start, piece.sentence_starts)

        stream: Iterator[tuple[Doc, tuple[int, int, tuple[int, ...]]]] = self.nlp.pipe(
            pieces(), as_tuples=True, n_process=n_process, batch_size=batch_size
        )
        for doc, (index, base, starts) in stream:
            while done < index:
                done += 1
                yield pending.popleft().finish(rules.known)
            state = pending[0]
            state.entities += [
                Entity(base + ent.start_char, base + ent.end_char, ent.label_, ent.text, len(ent)) for ent in doc.ents
            ]
            candidates = run_steps(self._steps, rules, doc, starts)
            place_starts = {c.start for c in candidates if c.label == "place"}
            place_ends = {c.end for c in candidates if c.label == "place"}
            for c in candidates:
                start, end = c.char_range(doc)
                cued = place_cue(doc, c.start, c.end, place_starts, place_ends)
                state.found.append(Found(base + start, base + end, c.label, cued))
        while pending:
            done += 1
            yield pending.popleft().finish(rules.known)

    def _rules(self) -> Rules:
        if self._ruler is None and self._place_names:
            self._ruler = build_ruler(self.nlp, self._place_names)
        return Rules(self._labels, self._ruler, self._known, self._notable, self._kind_apart, self._own_name)

    @classmethod
    def from_gazetteer(
        cls,
        gazetteer: Gazetteer,
        *,
        nlp: Language | None = None,
        labels: Sequence[str] = PLACE_LABELS,
        chunk_chars: int = 2000,
        steps: Sequence[Step] = STEPS,
    ) -> Recognizer:
        """A recognizer fed by a gazetteer: its country, province, region and
        continent names and demonyms for the ruler, and its lookup for the checks."""

        @functools.lru_cache(maxsize=4096)  # the checks ask about the same names
        def lookup(name: str) -> Sequence[Named]:
            return tuple(gazetteer.lookup(name, limit=5))

        return cls(
            place_names=gazetteer.names(),
            is_known_place=known_place_check(lookup),
            is_notable_place=known_place_check(lookup, min_population=NOTABLE_POPULATION),
            is_kind_word_apart=kind_word_apart_check(lookup),
            is_own_name=own_name_check(lookup),
            nlp=nlp,
            labels=labels,
            chunk_chars=chunk_chars,
            steps=steps,
        )


def _memo(check: Callable[[str], bool] | None) -> Callable[[str], bool] | None:
    if check is None:
        return None
    answers: dict[str, bool] = {}

    def cached(name: str) -> bool:
        answer = answers.get(name)
        if answer is None:
            if len(answers) > 200_000:  # a long stream of documents must not grow memory forever
                answers.clear()
            answer = answers[name] = bool(check(name))
        return answer

    return cached


@dataclass(slots=True)
class _State:
    """A document between its first piece entering spaCy and its mentions leaving."""

    text: str
    sentences: list[Span]
    found: list[Found]
    entities: list[Entity]

    def finish(self, known: Callable[[str], bool] | None) -> list[Mention]:
        senses = other_senses(self.text, self.found, self.entities)
        found = without_senses(self.text, self.found, senses)
        more = propagate(self.text, found, self.entities, known, senses)
        return mentions(self.text, self.sentences, found + more)
