"""Helpers for the workspace tests: a tiny parser over a handful of places (no spaCy, no index).

Not a test module. :func:`toy_parse` finds the names of :data:`PLACES` in the
text, so tests can check the store against what they put in; :func:`ingest_command`
is the ``mapview ingest`` command line the CLI and browser tests run.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from gazetteer import Place
from mapview.provenance import PipelineVersion
from mapview.records import Document, Mention, ParsedDocument, ResolvedMention, Span

PLACES = {
    "Herat": Place(
        id="geonames:1140026",
        geonameid=1140026,
        name="Herāt",
        kind="city",
        country_code="AF",
        admin1="Herat",
        lat=34.348,
        lon=62.199,
        population=272806,
    ),
    "Kabul": Place(
        id="geonames:1138958",
        geonameid=1138958,
        name="Kabul",
        kind="city",
        country_code="AF",
        admin1="Kabul",
        lat=34.528,
        lon=69.172,
        population=3043532,
    ),
    "Helmand": Place(
        id="geonames:1140043",
        geonameid=1140043,
        name="Helmand",
        kind="admin1",
        country_code="AF",
        admin1=None,
        lat=31.0,
        lon=64.0,
        population=None,
    ),
    "Syria": Place(
        id="geonames:163843",
        geonameid=163843,
        name="Syria",
        kind="country",
        country_code="SY",
        admin1=None,
        lat=35.0,
        lon=38.0,
        population=22198110,
    ),
    **{
        name: Place(
            id=f"test:{name}", geonameid=None, name=name, kind=kind, country_code=cc, admin1=None, lat=lat, lon=lon
        )
        for name, kind, cc, lat, lon in [
            ("Idlib", "city", "SY", 35.93, 36.63),
            ("Aleppo", "city", "SY", 36.2, 37.16),
            ("Damascus", "city", "SY", 33.51, 36.29),
            ("Afghanistan", "country", "AF", 33.0, 66.0),
            ("Middle East", "region", None, 29.0, 41.0),
            ("Turkey", "country", "TR", 39.0, 35.0),
            ("Iran", "country", "IR", 32.0, 53.0),
            ("Iraq", "country", "IQ", 33.0, 44.0),
            ("Deir ez-Zor", "city", "SY", 35.33, 40.14),
            ("Euphrates", "region", None, 35.5, 39.5),
        ]
    },
}
TOY_VERSION = PipelineVersion("toy-1", {"parser": "toy"})
_NAMES = re.compile(r"\b(" + "|".join(sorted(map(re.escape, PLACES), key=len, reverse=True)) + r"|Syrian)\b")


def toy_parse(documents: Iterable[Document], **_: object) -> Iterator[ParsedDocument]:
    """Every known name is a mention of its place; "Syrian" is a demonym of Syria; "Mars" is unresolved."""
    for document in documents:
        mentions = []
        for match in sorted(
            [*_NAMES.finditer(document.text), *re.finditer(r"\bMars\b", document.text)], key=lambda m: m.start()
        ):
            name = match.group(0)
            sentence = Span(document.text.rfind(".", 0, match.start()) + 1, len(document.text))
            label = "demonym" if name == "Syrian" else "place"
            place = PLACES["Syria"] if name == "Syrian" else PLACES.get(name)
            alternatives = (PLACES["Kabul"],) if name == "Herat" else ()
            mentions.append(
                ResolvedMention(
                    Mention(match.start(), match.end(), name, sentence, label),
                    place,
                    0.9 if place else 0.0,
                    alternatives,
                )
            )
        yield ParsedDocument(document, tuple(mentions))


def doc(doc_id: str, text: str, **fields: str) -> Document:
    """A document with an id, a text and optional title/source/url/date."""
    return Document(id=doc_id, text=text, **fields)


def ingest_command(corpus: Path, workspace: Path, *options: str) -> list[str]:
    """``mapview ingest`` of ``corpus`` into ``workspace`` in one process, with no progress output."""
    return [
        sys.executable,
        "-m",
        "mapview",
        "ingest",
        str(corpus),
        "-w",
        str(workspace),
        "--processes",
        "1",
        "--progress",
        "none",
        *options,
    ]
