"""Synthetic corpora for benchmarks and tests: many distinct places, real record types.

Nothing here is shown to users; it makes :class:`~mapview.records.ParsedDocument`
lists of any size without the recognizer or the gazetteer index.

>>> docs = synthetic_corpus(places=30, documents=3)
>>> len(docs), sum(len(d.mentions) for d in docs)
(3, 30)
"""

from __future__ import annotations

import random

from gazetteer import Place
from mapview.records import Document, Mention, ParsedDocument, ResolvedMention, Span

_KINDS = ("city", "city", "city", "admin1", "admin2", "country")


def synthetic_corpus(*, places: int, documents: int = 10, seed: int = 7) -> list[ParsedDocument]:
    """``documents`` reports that together name ``places`` distinct places, one mention each.

    Places are scattered over the Middle East and Central Asia; every mention has
    its own sentence, and the document text holds them all, so offsets are exact.
    """
    rng = random.Random(seed)
    per_doc: list[list[tuple[Place, float]]] = [[] for _ in range(documents)]
    for i in range(places):
        kind = _KINDS[i % len(_KINDS)]
        place = Place(
            id=f"synthetic:{i}", geonameid=None, name=f"Place {i}", kind=kind,
            country_code=rng.choice(("SY", "AF", "IQ", "IR", "PK")), admin1=None,
            lat=round(rng.uniform(25.0, 42.0), 5), lon=round(rng.uniform(30.0, 72.0), 5),
        )
        per_doc[i % documents].append((place, round(rng.uniform(0.3, 1.0), 2)))
    parsed = []
    for d, entries in enumerate(per_doc):
        parts: list[str] = []
        mentions: list[ResolvedMention] = []
        offset = 0
        for place, confidence in entries:
            sentence = f"Clashes were reported near {place.name} on Monday. "
            start = offset + sentence.index(place.name)
            mention = Mention(
                start=start, end=start + len(place.name), name=place.name,
                sentence=Span(offset, offset + len(sentence) - 1),
            )
            mentions.append(ResolvedMention(mention=mention, place=place, confidence=confidence))
            parts.append(sentence)
            offset += len(sentence)
        document = Document(
            id=f"doc-{d}", text="".join(parts), title=f"Synthetic report {d}",
            source="synthetic", url=f"https://example.org/report/{d}", date="2024-01-01",
        )
        parsed.append(ParsedDocument(document=document, mentions=tuple(mentions)))
    return parsed
