"""Parsed documents → map layers, table rows, selection and exports."""

from __future__ import annotations

import csv
import io
import json

from gazetteer import Place
from mapview.records import Document, Mention, ParsedDocument, ResolvedMention, Span
from mapview.webmap.corpus import (
    clicked_feature, country_name, csv_text, geojson_text, layer_specs, mention_rows, selected_rows,
    visible_documents,
)
from mapview.webmap.synthetic import synthetic_corpus

KABUL = Place(id="geonames:1138958", geonameid=1138958, name="Kabul", kind="city", country_code="AF",
              admin1="Kabul", lat=34.52813, lon=69.17233)
HELMAND = Place(id="geonames:1140026", geonameid=1140026, name="Helmand", kind="admin1", country_code="AF",
                admin1="Helmand", lat=31.0, lon=64.0)


def _parsed(doc_id: str, text: str, *names: tuple[str, Place | None]) -> ParsedDocument:
    mentions = []
    for name, place in names:
        start = text.index(name)
        mention = Mention(start=start, end=start + len(name), name=name, sentence=Span(0, len(text)))
        mentions.append(ResolvedMention(mention=mention, place=place, confidence=0.8))
    return ParsedDocument(Document(doc_id, text, title=f"Title {doc_id}", source="src"), tuple(mentions))


CORPUS = [
    _parsed("d1", "Talks in Kabul and Helmand.", ("Kabul", KABUL), ("Helmand", HELMAND)),
    _parsed("d2", "Kabul again; Nowhere too.", ("Kabul", KABUL), ("Nowhere", None)),
    _parsed("d3", "Nothing here."),
]


def test_one_layer_per_document_with_corpus_counts() -> None:
    specs = layer_specs(CORPUS)
    assert [(s.doc_id, s.title, len(s.features)) for s in specs] == [("d1", "Title d1", 2), ("d2", "Title d2", 1), ("d3", "Title d3", 0)]
    kabul = specs[0].features[0]["properties"]
    assert kabul["n_documents"] == 2 and kabul["country_name"] == "Afghanistan"
    assert kabul["mentions"][0]["sentence"] == "Talks in Kabul and Helmand."
    assert specs[0].features[1]["properties"]["n_documents"] == 1
    assert specs[0].features[0]["geometry"] == {"type": "Point", "coordinates": [69.17233, 34.52813]}


def test_rows_follow_visibility_and_keep_unresolved() -> None:
    rows = mention_rows(CORPUS)
    assert [(r.doc_id, r.name, r.place) for r in rows] == [
        ("d1", "Kabul", "Kabul"), ("d1", "Helmand", "Helmand"), ("d2", "Kabul", "Kabul"), ("d2", "Nowhere", None)
    ]
    assert [r.doc_id for r in mention_rows(CORPUS, visible={"d2"})] == ["d2", "d2"]
    assert mention_rows(CORPUS, visible=set()) == []


def test_a_clicked_marker_selects_its_rows_in_its_document() -> None:
    rows = mention_rows(CORPUS)
    feature = layer_specs(CORPUS)[1].features[0]  # Kabul in d2, as st_folium returns it
    assert selected_rows(rows, clicked_feature(feature)) == [2]
    assert selected_rows(rows, None) == []


def test_clicked_feature_ignores_anything_else() -> None:
    for value in (None, 3, {}, {"properties": None}, {"properties": {"id": 1, "doc_id": "x"}}):
        assert clicked_feature(value) is None


def test_exports_hold_exactly_the_visible_documents() -> None:
    shown = visible_documents(CORPUS, {"d2", "d3"})
    collection = json.loads(geojson_text(shown))
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["doc_id"] for f in collection["features"]] == ["d2"]
    rows = list(csv.DictReader(io.StringIO(csv_text(shown))))
    assert [r["name"] for r in rows] == ["Kabul", "Nowhere"]


def test_country_names() -> None:
    assert country_name("SY") == "Syria" and country_name(None) is None and country_name("ZZ") is None


def test_synthetic_corpus_is_exact() -> None:
    docs = synthetic_corpus(places=50, documents=4)
    assert sum(len(d.mentions) for d in docs) == 50
    for parsed in docs:
        for resolved in parsed.mentions:
            m = resolved.mention
            assert parsed.document.text[m.start:m.end] == m.name
            assert m.name in parsed.sentence_text(m)
    assert len({r.place.id for d in docs for r in d.mentions if r.place}) == 50
