"""Finding place mentions: spaCy NER, gazetteer name patterns, and context rules.

>>> from mapview.records import Span
>>> r = Recognizer(place_names=[("Herat", "name")])                    # doctest: +SKIP
>>> r.recognize("Attacks in Herat.", [Span(0, 17)])[0].name            # doctest: +SKIP
'Herat'
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mapview.recognize_chunks import chunk_ranges, model_text, sentence_of
from mapview.recognize_doc import Candidate, DocRules, Entity, propagate
from mapview.recognize_known import generic_only
from mapview.records import Mention, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

PLACE_LABELS = ("GPE", "LOC", "FAC")
"""spaCy labels taken as places. FAC counts only with a gazetteer check, and then
must be a known place or a feature name ("Main Street", "Bay Area"): unchecked, it
adds as many wrong spans (buildings, "the Haqqani Network") as right ones."""


class Recognizer:
    """Finds the place names (and demonyms) in a document's text.

    Parameters
    ----------
    place_names
        ``(surface name, kind)`` pairs for a case-sensitive phrase ruler, e.g.
        ``Gazetteer().names()``; a kind of ``"demonym"`` marks demonyms, any
        other kind a place. They recover names the model mislabels ("Herat" ORG).
    is_known_place
        A gazetteer check, see :func:`mapview.recognize_known.known_place_check`.
        With it the model's GPE/LOC spans must be known places (person names
        labelled GPE are dropped), and the recognizer recovers places inside
        institution names. Answers are cached.
    is_notable_place
        A stricter check for names the model did not call places (towns it
        labels ORG or PERSON, hashtags); defaults to ``is_known_place``.
    nlp
        A spaCy pipeline to use instead of :func:`mapview.nlp_model.load_pipeline`.
    labels
        spaCy entity labels accepted as places.
    chunk_chars
        Sentences are grouped into pieces of at most this many characters, so
        a huge document never goes through spaCy in one piece.
    """

    def __init__(
        self,
        *,
        place_names: Iterable[tuple[str, str]] | None = None,
        is_known_place: Callable[[str], bool] | None = None,
        is_notable_place: Callable[[str], bool] | None = None,
        nlp: Language | None = None,
        labels: Sequence[str] = PLACE_LABELS,
        chunk_chars: int = 2000,
    ) -> None:
        self._place_names = list(place_names) if place_names is not None else None
        self._known = _memo(is_known_place)
        self._notable = _memo(is_notable_place) or self._known
        self._nlp = nlp
        self._labels = frozenset(labels)
        self._chunk_chars = chunk_chars
        self._matcher: PhraseMatcher | None = None
        self._demonyms: frozenset[str] | None = None
        self._areas: frozenset[str] = frozenset()

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (loaded on first use)."""
        if self._nlp is None:
            from mapview.nlp_model import load_pipeline

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
                pending.append(_State(text, ordered))
                index = done + len(pending) - 1
                for start, end, starts in chunk_ranges(text, ordered, self._chunk_chars):
                    yield model_text(text, start, end), (index, start, starts)

        stream = self.nlp.pipe(pieces(), as_tuples=True, n_process=n_process, batch_size=batch_size)
        for doc, (index, base, starts) in stream:
            while done < index:
                done += 1
                yield _finish(pending.popleft(), rules.known)
            state = pending[0]
            rules.apply(doc, base, starts, state.candidates, state.entities)
        while pending:
            done += 1
            yield _finish(pending.popleft(), rules.known)

    def _rules(self) -> DocRules:
        if self._matcher is None and self._place_names:
            self._matcher, self._demonyms = _build_matcher(self.nlp, self._place_names)
            self._areas = frozenset(n.lower() for n, kind in self._place_names
                                    if kind != "demonym" and len(n) > 3 and _usable_pattern(n))
        return DocRules(self._labels, self._matcher, self._demonyms, self._known, self._notable, self._areas)

    @classmethod
    def from_gazetteer(cls, gazetteer: Any, **options: Any) -> Recognizer:
        """A recognizer fed by a gazetteer with ``names()`` and ``lookup(name)``
        (:class:`gazetteer.Gazetteer`): its country, province, region and
        continent names and demonyms for the ruler, and its lookup for the checks."""
        from mapview.recognize_known import NOTABLE_POPULATION, known_place_check

        def lookup(name: str) -> Any:
            return gazetteer.lookup(name, limit=5)

        return cls(
            place_names=gazetteer.names(),
            is_known_place=known_place_check(lookup),
            is_notable_place=known_place_check(lookup, min_population=NOTABLE_POPULATION),
            **options,
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
    candidates: list[Candidate] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def _finish(state: _State, known: Callable[[str], bool] | None) -> list[Mention]:
    text, sentences = state.text, state.sentences
    candidates = state.candidates + propagate(text, state.candidates, state.entities, known)
    starts = [s.start for s in sentences]
    mentions: list[Mention] = []
    for c in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if c.label == "rejected" or (mentions and c.start < mentions[-1].end):
            continue
        sentence = sentence_of(sentences, starts, c.start)
        name = text[c.start : min(c.end, sentence.end)].rstrip()
        if name:
            mentions.append(Mention(c.start, c.start + len(name), name, sentence, c.label))
    return mentions


def _build_matcher(
    nlp: Language, place_names: list[tuple[str, str]]
) -> tuple[PhraseMatcher, frozenset[str]]:
    """A case-sensitive phrase matcher with three keys: ``place`` (names and multi-word
    names), ``weak`` (one-word alternate names and abbreviations, which only count
    where the model also saw an entity: "Michael" and "CAR" are alternate names of
    places) and ``demonym``."""
    from spacy.matcher import PhraseMatcher

    keys: dict[str, set[str]] = {"place": set(), "weak": set(), "demonym": set()}
    for name, kind in place_names:
        name = name.strip()
        if not _usable_pattern(name):
            continue
        if kind == "demonym":
            keys["demonym"].add(name)
        elif kind in ("name", "place") or " " in name or kind in KINDS_OF_PLACE:
            keys["place"].add(name)
        else:
            keys["weak"].add(name)
    keys["weak"] -= keys["place"]
    keys["demonym"] -= keys["place"] | keys["weak"]
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for key, names in keys.items():
        matcher.add(key, list(nlp.tokenizer.pipe(sorted(names))))
    return matcher, frozenset(keys["demonym"])


def _usable_pattern(name: str) -> bool:
    """Whether a gazetteer name may be matched on its own.

    Not: lowercase or one-letter names ("W."); names made only of compass and
    generic words ("Central", "Coast", "Eastern Province"), which are words
    before they are names; "City, State" forms, which texts and corpora split;
    names starting with an article (the article is never part of a mention).
    """
    if not name[:1].isupper() or sum(ch.isalpha() for ch in name) < 2 or "," in name:
        return False
    return name.split()[0] not in ("The", "THE") and not generic_only(name)


KINDS_OF_PLACE = frozenset({"country", "admin1", "admin2", "city", "region", "continent"})
"""A ``place_names`` kind naming a place kind (not how it matched) is a strong name."""
