"""Document-level rules, once every piece of a document has been through the steps.

:func:`propagate` applies "one sense per document": a name taken as a place
once is a place wherever else it stands alone in that document.
:func:`mentions` turns what was found into the document's mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from mapview.recognize.candidates import Entity, Found
from mapview.records import Mention, Span
from mapview.sentences import sentence_containing


def propagate(
    text: str, found: list[Found], entities: list[Entity], known: Callable[[str], bool] | None
) -> list[Found]:
    """More found names: other stand-alone occurrences of names already taken as places.

    An occurrence counts when it is a whole model entity of another label
    ("Gainesville" PERSON) or no entity at all, and overlaps nothing found. A
    name used in this document as a person's surname ("Jackson" in "Tom
    Jackson") is never propagated, nor a name ``known`` (the gazetteer check) rejects.
    """
    names = {text[f.start : f.end] for f in found if f.label == "place"}
    names -= {e.text.rsplit(None, 1)[-1] for e in entities if e.label == "PERSON" and e.tokens > 1}
    # only names the gazetteer knows: a model error ("H5N1" GPE) must not spread
    names = {n for n in names if len(n) > 2 and (known is None or known(n))}
    if not names:
        return []
    occupied = sorted([(f.start, f.end) for f in found] + [(e.start, e.end) for e in entities if e.text not in names])
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?!\w)")
    more = []
    for match in pattern.finditer(text):
        start, end = match.span()
        i = bisect_right(occupied, (end, end))
        if any(s < end and start < e for s, e in occupied[max(0, i - 8) : i]):
            continue
        more.append(Found(start, end, "place"))
    return more


def mentions(text: str, sentences: Sequence[Span], found: list[Found]) -> list[Mention]:
    """The mentions of ``found``, in text order: the first of overlapping ones, none ``rejected``.

    Each is cut at the end of its sentence (``sentences`` sorted); a name in no sentence is dropped.
    """
    result: list[Mention] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if f.label == "rejected" or (result and f.start < result[-1].end):
            continue
        try:
            sentence = sentence_containing(sentences, f.start)
        except ValueError:
            continue  # the sentences given do not cover this text
        name = text[f.start : min(f.end, sentence.end)].rstrip()
        if name:
            result.append(Mention(f.start, f.start + len(name), name, sentence, f.label))
    return result
