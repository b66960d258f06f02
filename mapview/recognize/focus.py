"""Where the model must look: the words of a text that some rule could take as a place.

The NER model is the costliest stage of the pipeline, and most words of a
report are nowhere near a place. Every rule that reads the model's entities
starts from one of these *spots* (see :mod:`mapview.recognize.steps`):

- a capitalised word, or a run of them, that the gazetteer check knows
  ("Kabul", "New York", "Kabul-based", "MANSFIELD" of a dateline), or where a
  name the ruler matches opens ("Afghan", the "Americans" of "African-Americans");
- a capitalised word after a locative preposition ("in Kibera"): the model's
  place there is taken even when the gazetteer does not know it;
- a word that makes a feature, street or road name ("Gillis Street", "Highway
  10", "I-75", "Lake Vermont");
- a hashtag or handle mark ("#Ferguson": the whole piece is read).

The entities the rules read touch a spot or stand a few tokens from one (the
person before "of Grand Prairie"), so the model reads windows of a few tokens
around the spots (:func:`windows`) and nothing else; the rules still read
every word. Inside a window the model sees what it sees in the whole text
(its convolutions look four tokens each way; the tokenizer's own norms,
"Ill." read as "Illinois", are kept), so its entities near the spots are the
same. Rules that need no entity (definitions, appositives, datelines) need no
spot.

Capitalised function words, months and days ("In", "She", "March") are no spot
alone, though the gazetteer knows places so called: the model takes them for
words and dates. A rule that reads an entity near a new kind of word must add
that word here (:data:`CUE_WORDS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from mapview.recognize.lexicon import (
    FEATURE_PREFIXES,
    FEATURE_WORDS,
    HASHTAG_MARKS,
    LOCATIVE_CUES,
    NAME_JOINERS,
    ROUTE_WORDS,
    STREET_ABBREVIATIONS,
)
from mapview.recognize.ruler import usable_pattern

CUE_WORDS: frozenset[str] = FEATURE_WORDS | FEATURE_PREFIXES | ROUTE_WORDS | STREET_ABBREVIATIONS
"""Words (as written) that let a rule take a place the gazetteer need not know, reading the entities
around them (a street's name is no part of a person's)."""

# fmt: off
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
# fmt: on
"""Capitalised words the gazetteer knows (there is a village called March) that the model takes for
dates: alone, like the function words that open sentences ("In", "She"), they are no spot."""

RUN_WORDS = 4
"""The longest run of capitalised words checked as one name ("Sri Jayawardenepura Kotte")."""

# A word, its possessive ending apart ("Ittihad's" is "Ittihad" for the gazetteer).
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])??(?=['’][sS]\b)|[^\W_](?:[\w'’.-]*[^\W_])?")
_ROUTE_CODE = re.compile(r"(?:I|US|SR|SH|CR|FM|IH)-\d")
_RUN_GLUE = NAME_JOINERS | {"of", "and", "&"}


@dataclass(frozen=True, slots=True)
class Focus:
    """Finds the spots of a text (see the module).

    Parameters
    ----------
    known
        The gazetteer check the rules use (:func:`mapview.recognize.known.known_place_check`),
        cached by the caller.
    openers
        The names the ruler matches, by their first three characters.
    named
        A cheaper check asked first, true at least whenever ``known`` is
        (:meth:`gazetteer.Gazetteer.may_name_a_place`),
        cached by the caller: most capitalised words and runs are no name.
    """

    known: Callable[[str], bool]
    openers: dict[str, tuple[str, ...]]
    named: Callable[[str], bool] | None = None
    quiet: frozenset[str] = frozenset()
    """Lowercase words that are no spot alone (function words, months, days)."""

    @classmethod
    def of(
        cls,
        known: Callable[[str], bool],
        place_names: Iterable[tuple[str, str]],
        named: Callable[[str], bool] | None = None,
    ) -> Focus:
        """A focus over the gazetteer checks and the ruler's ``(name, matched_by)`` pairs."""
        openers: dict[str, set[str]] = {}
        for raw, _ in place_names:
            name = raw.strip()
            if usable_pattern(name):
                openers.setdefault(name[:3], set()).add(name)
        from spacy.lang.en.stop_words import STOP_WORDS

        quiet = frozenset(STOP_WORDS) | CALENDAR_WORDS
        return cls(known, {key: tuple(sorted(names)) for key, names in openers.items()}, named, quiet)

    def spots(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """The character ranges of the spots in ``text[start:end]``, in order.

        >>> focus = Focus.of(lambda name: name == "Kabul", [("Afghan", "demonym")])
        >>> text = "Afghan police in Kabul-based units met on Main Street today. Nothing here."
        >>> [text[s:e] for s, e in focus.spots(text)]
        ['Afghan', 'Kabul-based', 'Street']
        """
        stop = len(text) if end is None else end
        if any(mark in text[start:stop] for mark in HASHTAG_MARKS):
            return [(start, stop)]
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, stop)]
        found = []
        for i, (s, e) in enumerate(words):
            word = text[s:e]
            if word in CUE_WORDS or word + "." in CUE_WORDS or _ROUTE_CODE.match(word):
                found.append((s, e))
            elif word[0].isupper() or ("-" in word and not word.islower()):  # "mid-Atlantic"
                if i and word[0].isupper() and text[words[i - 1][0] : words[i - 1][1]] in LOCATIVE_CUES:
                    # "in Kibera": the model's place there counts, known or not
                    found.append((s, self._known_run(text, words, i) or e))
                elif self._opens_name(text, s, e):
                    found.append((s, e))
                elif (run_end := self._known_run(text, words, i)) is not None:
                    found.append((s, run_end))
        return found

    def _opens_name(self, text: str, start: int, end: int) -> bool:
        """Whether a name of the ruler opens where the word ``text[start:end]`` or one of its hyphenated
        parts does ("Americans" of "African-Americans": the tokenizer splits at the hyphen)."""
        at = start
        while at != -1:
            for name in self.openers.get(text[at : at + 3], ()):
                after = at + len(name)
                if text.startswith(name, at) and (after == len(text) or not text[after].isalnum()):
                    return True
            at = text.find("-", at, end)
            at = at + 1 if at != -1 else -1
        return False

    def _known_run(self, text: str, words: Sequence[tuple[int, int]], i: int) -> int | None:
        """Where the known run of capitalised words opening at word ``i`` ends (None: no run is known)."""
        s, e = words[i]
        word = text[s:e]
        if self._known_word(word, dotted=text.startswith(".", e)):
            return e
        last = e
        for k in range(i + 1, min(len(words), i + RUN_WORDS * 2)):
            ws, we = words[k]
            gap = text[last:ws]
            if not gap.lstrip(".").isspace() or len(gap) > 3:  # "St. Louis"
                return None
            following = text[ws:we]
            if following[0].isupper():
                if self._known(text[s:we]):
                    return we
            elif following not in _RUN_GLUE:
                return None
            last = we
        return None

    def _known_word(self, word: str, *, dotted: bool) -> bool:
        """Whether one word (followed by a period when ``dotted``) or a hyphenated part of it is known."""
        if word.lower() in self.quiet and not (word.isupper() and len(word) > 1):  # "In", "She"; not "US"
            return False
        return (
            self._known(word)
            or (dotted and self._known(word + "."))  # "Ill.", "Kan."
            or ("-" in word and any(p[:1].isupper() and self._known(p) for p in word.split("-")))
        )

    def _known(self, name: str) -> bool:
        return self._checked(name) or (name.isupper() and len(name) > 1 and self._checked(name.title()))

    def _checked(self, name: str) -> bool:
        return (self.named is None or self.named(name)) and self.known(name)


def windows(spots: Sequence[tuple[int, int]], length: int, margin: int) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` within ``[0, length)`` reaching ``margin`` tokens beyond each spot
    (token ranges ``[first, last]``, sorted by ``first``), merged where they touch.

    >>> windows([(3, 3), (5, 6), (30, 30)], 40, 2)
    [(1, 9), (28, 33)]
    """
    merged: list[tuple[int, int]] = []
    for first, last in spots:
        start, end = max(0, first - margin), min(length, last + margin + 1)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
