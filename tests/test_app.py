"""The dashboard's flows under streamlit.testing.v1.AppTest (no browser).

``mapview.parse_documents`` is replaced by a small dictionary parser, so these
tests are fast and know exactly which places each document names; the real
pipeline is exercised by tests/test_browser.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import mapview
from gazetteer import Place
from mapview.records import Document, Mention, ParsedDocument, ResolvedMention
from mapview.sentences import sentence_containing, split_sentences
from mapview.webmap.elements import script_json

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")

PLACES = {
    name: Place(id=f"test:{name}", geonameid=None, name=name, kind=kind, country_code=cc,
                admin1=None, lat=lat, lon=lon)
    for name, kind, cc, lat, lon in [
        ("Idlib", "city", "SY", 35.93, 36.63), ("Aleppo", "city", "SY", 36.2, 37.16),
        ("Damascus", "city", "SY", 33.51, 36.29), ("Syria", "country", "SY", 35.0, 38.0),
        ("Kabul", "city", "AF", 34.53, 69.17), ("Herat", "city", "AF", 34.35, 62.2),
        ("Helmand", "admin1", "AF", 31.0, 64.0), ("Afghanistan", "country", "AF", 33.0, 66.0),
        ("Middle East", "region", None, 29.0, 41.0), ("Turkey", "country", "TR", 39.0, 35.0),
    ]
}
_NAMES = re.compile("|".join(re.escape(n) for n in sorted(PLACES, key=len, reverse=True)))


def fake_parse(documents: Iterable[Document], **_: object) -> Iterator[ParsedDocument]:
    """Finds the names of PLACES in each text; confidence 0.9."""
    for doc in documents:
        spans = split_sentences(doc.text)
        mentions = []
        for m in _NAMES.finditer(doc.text):
            sentence = sentence_containing(spans, m.start())
            mention = Mention(start=m.start(), end=m.end(), name=m.group(), sentence=sentence)
            mentions.append(ResolvedMention(mention=mention, place=PLACES[m.group()], confidence=0.9))
        yield ParsedDocument(document=doc, mentions=tuple(mentions))


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setattr(mapview, "parse_documents", fake_parse, raising=False)
    monkeypatch.setattr("sys.argv", ["streamlit_app.py"])
    at = AppTest.from_file(APP, default_timeout=60)
    return at.run()


def _map_args(at: AppTest) -> dict:
    [component] = [e for e in at.get("component_instance")]
    return json.loads(component.proto.json_args)


def _layers(at: AppTest) -> str:
    return _map_args(at)["feature_group"]


def _hidden(at: AppTest) -> int:
    """How many document layers the layer control takes off the map."""
    return len(re.findall(r"feature_group_feature_group_\d+\.remove\(\);", _map_args(at)["layer_control"]))


def test_default_corpus_opens_with_markers(app: AppTest) -> None:
    assert not app.exception
    assert "6 documents" in app.caption[0].value
    args = _map_args(app)
    assert "mapview.outlines" in args["script"]
    assert args["js_links"] and all(link.startswith("/app/static/vendor/") for link in args["js_links"])
    assert all(link.startswith("/app/static/vendor/") for link in args["css_links"])
    assert _layers(app).count("mapview.documentLayer(") == 6
    assert "Idlib" in _layers(app)


def test_table_lists_every_mention_of_visible_documents(app: AppTest) -> None:
    table = app.dataframe[0].value
    assert list(table.columns) == ["Document", "Sentence", "Name", "Place", "Kind", "Country", "Confidence"]
    assert {"Idlib", "Kabul", "Helmand", "Middle East"} <= set(table["Place"])
    assert all(name in sentence for name, sentence in zip(table["Name"], table["Sentence"]))


def test_layer_selection_follows_sidebar(app: AppTest) -> None:
    app.sidebar.button(key="show_none").click().run()
    assert app.dataframe[0].value.empty
    assert _hidden(app) == 6
    app.sidebar.button(key="only::sample-03").click().run()
    table = app.dataframe[0].value
    assert set(table["Document"]) == {"Returnees strain services in Herat and Kabul"}
    assert _hidden(app) == 5
    app.sidebar.checkbox(key="show::sample-04").check().run()
    assert len(set(app.dataframe[0].value["Document"])) == 2
    app.sidebar.button(key="show_all").click().run()
    assert len(set(app.dataframe[0].value["Document"])) == 6


def test_toggling_a_layer_keeps_the_map_mounted(app: AppTest) -> None:
    before = _map_args(app)["script"]
    app.sidebar.checkbox(key="show::sample-01").uncheck().run()
    assert _map_args(app)["script"] == before  # same base map: the iframe is not remounted


def test_upload_adds_a_layer(app: AppTest) -> None:
    note = b"Field note\n\nShelling was heard near Aleppo."
    records = b'{"id": "r1", "title": "Night report", "text": "Clashes in Herat."}\n'
    app.sidebar.file_uploader(key="uploads").set_value(
        [("field-note.txt", note, "text/plain"), ("more.jsonl", records, "application/json")]
    ).run()
    assert not app.exception
    assert _layers(app).count("mapview.documentLayer(") == 8
    table = app.dataframe[0].value
    assert "Shelling was heard near Aleppo." in set(table["Sentence"])
    assert "Night report" in set(table["Document"])


def test_pasted_text_adds_a_document(app: AppTest) -> None:
    app.sidebar.text_area(key="paste_text").input("Convoy report\n\nTrucks left Damascus at dawn.")
    [submit] = [b for b in app.sidebar.button if b.label == "Add text"]
    submit.click().run()
    assert not app.exception
    assert "Convoy report" in set(app.dataframe[0].value["Document"])


def test_export_buttons_present(app: AppTest) -> None:
    labels = [e.proto.label for e in app.get("download_button")]
    assert labels == ["GeoJSON", "CSV"]


def test_clicked_marker_selects_its_rows(app: AppTest) -> None:
    from mapview.webmap.corpus import clicked_feature, mention_rows, selected_rows

    feature = {"type": "Feature", "properties": {"id": "test:Kabul", "doc_id": "sample-05"}}
    parsed = list(fake_parse([Document("sample-05", "Trade in Kabul. Talks in Kabul went on.")]))
    rows = mention_rows(parsed)
    assert selected_rows(rows, clicked_feature(feature)) == [0, 1]


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_PLACES = {
    "Idlib", "Herat", "Farah", "Helmand", "Kabul", "Islamabad", "Nangarhar", "Paktia", "Paktika",
    "Logar", "Laghman", "Kapisa", "Faryab", "Middle East", "South Asia",
}


@pytest.mark.slow
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the project")
def test_seed_articles_put_their_places_on_the_map(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real pipeline: every place the seeds README lists is mapped, with its sentence."""
    monkeypatch.setattr("sys.argv", ["streamlit_app.py", "--docs", str(SEEDS)])
    at = AppTest.from_file(APP, default_timeout=300).run()
    assert not at.exception
    table = at.dataframe[0].value
    named = set(table[table["Place"].notna()]["Name"])  # the articles' own spellings
    assert SEED_PLACES <= named, SEED_PLACES - named
    layers = _layers(at)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.iterdir() if p.is_file()]
    for sentence in table[table["Place"].notna()]["Sentence"]:
        assert any(sentence in text for text in texts)
        assert script_json(sentence)[1:-1][:60] in layers  # in a marker's popup data
