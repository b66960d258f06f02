"""The recognizer: spaCy NER, the gazetteer's names and the rule steps, over streams of documents."""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mapview.recognize.candidates import Entity, Found
from mapview.recognize.context import place_cue
from mapview.recognize.document import mentions, other_senses, propagate, without_senses
from mapview.recognize.focus import Focus, windows
from mapview.recognize.greedy import GreedyNer, Rows
from mapview.recognize.known import (
    NOTABLE_POPULATION,
    Named,
    kind_word_apart_check,
    known_place_check,
    own_name_check,
)
from mapview.recognize.lexicon import PLACE_LABELS
from mapview.recognize.model import single_threaded
from mapview.recognize.pieces import PieceRange, model_text, piece_ranges
from mapview.recognize.ruler import Ruler, build_ruler
from mapview.recognize.steps import STEPS, Rules, Step, run_steps
from mapview.records import Mention, Span
from mapview.stages import StageClock

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from gazetteer.lookup import Gazetteer

MODEL_CONTEXT = 8
"""Tokens of context the model reads each side of a word that could be a place (see
:mod:`mapview.recognize.focus`): its convolutions see four tokens each way, and an entity the
rules read reaches a few tokens past such a word ("Kalena Horhn of Grand Prairie")."""

_Spots = tuple[tuple[int, int], ...]
"""Character ranges, in a piece, of the words the model must read around."""
_PieceContext = tuple[int, int, tuple[int, ...], _Spots]
"""A piece's document index, offset in its document, sentence starts and spots."""


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
    is_named
        "Has the gazetteer this name at all?": a cheap check, true whenever
        ``is_known_place`` is, asked first about the words the model might
        need to read (see ``model_context``). Answers are cached.
    nlp
        A spaCy pipeline to use instead of :func:`mapview.recognize.model.load_pipeline`.
    labels
        spaCy entity labels accepted as places.
    chunk_chars
        Sentences are grouped into pieces of at most this many characters, so
        a huge document never goes through spaCy in one piece.
    model_context
        With a gazetteer check, the model reads only the words some rule could
        take as a place, with this many tokens of context each side (see
        :mod:`mapview.recognize.focus`); the rules still read every word.
        None: the model reads every word too.
    steps
        The rule steps run on every piece, in order (:data:`mapview.recognize.steps.STEPS`).
    fast_decoder
        Decode the model's entities with :class:`~mapview.recognize.greedy.GreedyNer` (the same
        entities as spaCy's decoder, several times faster); False: spaCy's own.

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
        is_named: Callable[[str], bool] | None = None,
        nlp: Language | None = None,
        labels: Sequence[str] = PLACE_LABELS,
        chunk_chars: int = 2000,
        model_context: int | None = MODEL_CONTEXT,
        steps: Sequence[Step] = STEPS,
        fast_decoder: bool = True,
    ) -> None:
        self._place_names = list(place_names) if place_names is not None else None
        self._known = _memo(is_known_place)
        self._notable = _memo(is_notable_place) or self._known
        self._kind_apart = _memo(is_kind_word_apart)
        self._own_name = _memo(is_own_name)
        self._named = _memo(is_named)
        self._nlp = nlp
        self._labels = frozenset(labels)
        self._chunk_chars = chunk_chars
        self._steps = tuple(steps)
        self._ruler: Ruler | None = None
        self._model_context = model_context
        self._use_decoder = fast_decoder
        self._decoder_checked = False
        self._greedy: GreedyNer | None = None
        self._focus: Focus | None = None
        self.clock = StageClock()
        """CPU seconds spent by stage (focus, tokenizer, NER, rules...) since it was made or cleared."""

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

        Pieces of all documents go through the model ``batch_size`` pieces at a
        time, the windows of a batch in one pass. ``n_process`` > 1 runs spaCy's
        own worker processes over whole pieces (no windows: the same mentions,
        more work); :mod:`mapview.parallel` is how mapview uses several cores.
        """
        rules = self._rules()
        for state in self._states(items, rules, n_process, batch_size):
            yield self._finish(state, rules)

    def recognize_part(self, text: str, sentences: Sequence[Span], offset: int = 0) -> Recognition:
        """What the pieces of ``text`` hold before the document-level rules: one part of a huge document,
        standing at ``offset`` in it (the recognition's offsets are the document's).

        A document cut into parts at piece boundaries (see :meth:`part_ranges`), each part
        recognised on its own (in any process) and the parts joined with :meth:`finish`, gets the
        mentions :meth:`recognize` gives it whole. ``text`` may run on past the part's last
        sentence (the words after it, as the whole text has them); only ``sentences`` are read.
        """
        [state] = self._states([(text, sentences)], self._rules(), 1, 64, offset)
        return Recognition(state.found, state.entities)

    def finish(self, text: str, sentences: Sequence[Span], parts: Iterable[Recognition]) -> list[Mention]:
        """The mentions of ``text`` from the recognitions of its parts, in order."""
        found: list[Found] = []
        entities: list[Entity] = []
        for part in parts:
            found += part.found
            entities += part.entities
        ordered = sorted(sentences, key=lambda s: s.start) or [Span(0, len(text))]
        return self._finish(_State(text, ordered, found, entities), self._rules())

    def part_ranges(self, text: str, sentences: Sequence[Span], part_chars: int) -> list[tuple[int, int]]:
        """Where to cut ``text`` into parts of about ``part_chars`` characters for :meth:`recognize_part`:
        ``[start, end)`` ranges covering it, cut only where a piece opens with a sentence."""
        ordered = sorted(sentences, key=lambda s: s.start) or [Span(0, len(text))]
        cuts = [0]
        for piece in piece_ranges(text, ordered, self._chunk_chars):
            if piece.start - cuts[-1] >= part_chars and piece.sentence_starts[:1] == (0,):
                cuts.append(piece.start)
        return list(itertools.pairwise([*cuts, len(text)]))

    def _states(
        self,
        items: Iterable[tuple[str, Sequence[Span]]],
        rules: Rules,
        n_process: int,
        batch_size: int,
        offset: int = 0,
    ) -> Iterator[_State]:
        """Each item's state once its every piece has been through the model and the steps, in order
        (offsets in the states' lists are ``offset`` more than in the texts)."""
        focus = self._focus_of(rules)
        pending: deque[_State] = deque()
        done = 0

        def pieces() -> Iterator[tuple[str, _PieceContext]]:
            for text, sentences in items:
                ordered = sorted(sentences, key=lambda s: s.start) or [Span(0, len(text))]
                pending.append(_State(text, ordered, found=[], entities=[]))
                index = done + len(pending) - 1
                for piece, spots in _pieces(text, ordered, self._chunk_chars, focus):
                    context = (index, offset + piece.start, piece.sentence_starts, spots)
                    yield model_text(text, piece.start, piece.end), context

        clock = self.clock
        for doc, (index, base, starts, _) in self._model_stream(pieces(), focus, n_process, batch_size):
            while done < index:
                done += 1
                yield pending.popleft()
            started = clock.start()
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
            clock.lap("rules", started)
        while pending:
            done += 1
            yield pending.popleft()

    def _finish(self, state: _State, rules: Rules) -> list[Mention]:
        started = self.clock.start()
        found = state.finish(rules.known)
        self.clock.lap("document rules", started)
        return found

    def _focus_of(self, rules: Rules) -> Focus | None:
        if self._model_context is None or rules.known is None:
            return None
        if self._focus is None:
            self._focus = Focus.of(rules.known, self._place_names or (), self._named)
        return self._focus

    def _model_stream(
        self, pieces: Iterator[tuple[str, _PieceContext]], focus: Focus | None, n_process: int, batch_size: int
    ) -> Iterator[tuple[Doc, _PieceContext]]:
        """Each piece as a Doc with the model's entities: in windows around the spots with ``focus``, else
        over every word."""
        from spacy.tokens import Span as SpacySpan

        clock = self.clock
        if n_process > 1:
            started = clock.start()
            for doc, context in self.nlp.pipe(pieces, as_tuples=True, n_process=n_process, batch_size=batch_size):
                model_ents = doc.ents
                bounds = [_without_links(doc, ent.start, ent.end) for ent in model_ents]
                if any(b != (ent.start, ent.end) for b, ent in zip(bounds, model_ents)):
                    kept = [
                        SpacySpan(doc, b[0], b[1], label=ent.label_)
                        for b, ent in zip(bounds, model_ents)
                        if b[0] < b[1]
                    ]
                    doc.set_ents(kept, default="outside")  # only when a link was cut: most pieces have none
                clock.lap("tokenizer and NER", started)
                yield doc, context
                started = clock.start()
            return

        nlp, margin = self.nlp, self._model_context
        decoder = self._decoder()
        while True:
            started = clock.start()
            batch = list(itertools.islice(pieces, batch_size))
            started = clock.lap("focus", started)
            if not batch:
                return
            docs = [nlp.make_doc(text) for text, _ in batch]
            started = clock.lap("tokenizer", started)
            parts: list[tuple[int, int]] = []  # (doc, first token) of each window
            windowed: list[Any] = []
            for k, (doc, (_, context)) in enumerate(zip(docs, batch)):
                if focus is None or margin is None:
                    parts.append((k, 0))
                    windowed.append(doc)
                    continue
                spans = windows(_spot_tokens(doc, context[3]), len(doc), margin)
                if spans:
                    windowed += _window_sequences(nlp, decoder, doc, spans)
                    parts += [(k, start) for start, _ in spans]
            started = clock.lap("windows", started)
            with single_threaded():
                # one pass of the model over every window of the batch: its matrices stay large
                if decoder is not None:
                    read = decoder.entities(windowed)
                else:
                    piped = nlp.pipe(windowed, batch_size=max(1, len(windowed)))
                    read = [[(e.start, e.end, e.label_) for e in d.ents] for d in piped]
            spans_of: list[list[SpacySpan]] = [[] for _ in docs]
            for (k, first), ents in zip(parts, read):
                for s, e, label in ents:
                    s, e = _without_links(docs[k], first + s, first + e)
                    if s < e:
                        spans_of[k].append(SpacySpan(docs[k], s, e, label=label))
            for doc, ents_of_doc in zip(docs, spans_of):
                doc.set_ents(ents_of_doc, default="outside")
            clock.lap("NER", started)
            for doc, (_, context) in zip(docs, batch):
                yield doc, context

    def _decoder(self) -> GreedyNer | None:
        if not self._decoder_checked:
            self._greedy = GreedyNer.of(self.nlp) if self._use_decoder else None
            self._decoder_checked = True
        return self._greedy

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
        model_context: int | None = MODEL_CONTEXT,
        steps: Sequence[Step] = STEPS,
        fast_decoder: bool = True,
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
            is_named=gazetteer.may_name_a_place,
            nlp=nlp,
            labels=labels,
            chunk_chars=chunk_chars,
            model_context=model_context,
            steps=steps,
            fast_decoder=fast_decoder,
        )


def _pieces(text: str, sentences: list[Span], limit: int, focus: Focus | None) -> Iterator[tuple[PieceRange, _Spots]]:
    """The pieces of ``text`` (see :func:`~mapview.recognize.pieces.piece_ranges`), each with its spots
    (piece offsets; none without ``focus``)."""
    for piece in piece_ranges(text, sentences, limit):
        if focus is None:
            yield piece, ()
        else:
            spots = focus.spots(text, piece.start, piece.end)
            yield piece, tuple((s - piece.start, e - piece.start) for s, e in spots)


def _spot_tokens(doc: Doc, spots: _Spots) -> list[tuple[int, int]]:
    """The tokens ``[first, last]`` each spot's characters fall in."""
    if not spots or not len(doc):
        return []
    starts = doc.to_array("IDX").tolist()
    return [(max(0, bisect_right(starts, s) - 1), max(0, bisect_right(starts, e - 1) - 1)) for s, e in spots]


def _window_sequences(
    nlp: Language, decoder: GreedyNer | None, doc: Doc, spans: Sequence[tuple[int, int]]
) -> list[Any]:
    """The token ranges ``spans`` of ``doc`` as the model reads them: rows of the doc's own features for
    ``decoder``, else Docs of their own (spaCy's pipe). Either way the model sees the tokenizer's norms
    ("Ill." read as "Illinois")."""
    if decoder is not None:
        features = doc.to_array(decoder.columns)
        spaces = doc.to_array("IS_SPACE").astype(bool)
        return [Rows(features[start:end], spaces[start:end]) for start, end in spans]
    from spacy.tokens import Doc as SpacyDoc

    words, spaces_after = [t.text for t in doc], [bool(t.whitespace_) for t in doc]
    norms = doc.to_array(["NORM"])
    windowed = []
    for start, end in spans:
        window = SpacyDoc(nlp.vocab, words=words[start:end], spaces=spaces_after[start:end])
        windowed.append(window.from_array(["NORM"], norms[start:end]))  # type: ignore[arg-type]
    return windowed


def _without_links(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """An entity's tokens without the web links at its edges: the model sometimes runs a name on into the
    links after it ("Japan http://t.co/6DZ"), and a link is never part of a name."""
    while end > start and doc[end - 1].like_url:
        end -= 1
    while start < end and doc[start].like_url:
        start += 1
    return start, end


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


@dataclass(frozen=True, slots=True)
class Recognition:
    """What the pieces of a text (or of one part of it) hold before the document-level rules (text offsets)."""

    found: list[Found]
    entities: list[Entity]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # sent between processes as rows of plain values: a third of the time of pickling the records
        found = [(f.start, f.end, f.label, f.cued) for f in self.found]
        entities = [(e.start, e.end, e.label, e.text, e.tokens) for e in self.entities]
        return _recognition_from_rows, (found, entities)


def _recognition_from_rows(found: list[tuple[Any, ...]], entities: list[tuple[Any, ...]]) -> Recognition:
    return Recognition([Found(*row) for row in found], [Entity(*row) for row in entities])


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
