"""What the rules pass along: candidates in a piece, then found names and entities in a document."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc

Label = Literal["place", "demonym", "rejected"]
"""``place`` a toponym; ``demonym`` ("Afghan fighters"); ``rejected`` inside a movement's name: never a mention."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """Tokens ``doc[start:end]`` of one piece taken as a mention by the rule step named ``rule``.

    ``chars`` is set when the mention is only part of those tokens' text (the
    "Gaza" of "#PrayForGaza"): its character range in the piece.
    """

    start: int
    end: int
    label: Label
    rule: str
    chars: tuple[int, int] | None = None

    def text(self, doc: Doc) -> str:
        """The candidate's tokens' text."""
        return doc[self.start : self.end].text

    def char_range(self, doc: Doc) -> tuple[int, int]:
        """The mention's characters in the piece."""
        if self.chars is not None:
            return self.chars
        last = doc[self.end - 1]
        return doc[self.start].idx, last.idx + len(last)

    def labelled(self, label: Label) -> Candidate:
        """The same candidate with another label."""
        return replace(self, label=label)


@dataclass(frozen=True, slots=True)
class Found:
    """A character range ``[start, end)`` of the whole document taken as a mention.

    ``cued``: the words around it say "a place" (see :func:`mapview.recognize.context.place_cue`).
    """

    start: int
    end: int
    label: Label
    cued: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """What document-level rules need of a model entity once its piece is gone (document offsets)."""

    start: int
    end: int
    label: str
    text: str
    tokens: int
