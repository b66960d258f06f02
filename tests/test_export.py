import csv
import io
import json
import subprocess
import sys

import pytest

from gazetteer import Place
from mapview.exc import ExportError
from mapview.export import (
    CSV_COLUMNS,
    EXPORT_FORMATS,
    to_csv_rows,
    to_eval_record,
    to_geojson,
    write,
    write_csv,
    write_jsonl,
)
from mapview.records import Document, Mention, ParsedDocument, ResolvedMention
from mapview.sentences import sentence_containing, split_sentences
from tests.conftest import EVAL

SCORER = EVAL / "score.py"

HERAT = Place(
    id="geonames:1140026",
    geonameid=1140026,
    name="Herat",
    kind="city",
    country_code="AF",
    admin1="Herat",
    lat=34.348170123,
    lon=62.199670987,
    population=272806,
)
AFGHANISTAN = Place(
    id="geonames:1149361",
    geonameid=1149361,
    name="Afghanistan",
    kind="country",
    country_code="AF",
    admin1=None,
    lat=33.0,
    lon=66.0,
)
ALEXANDRIA = Place(
    id="geonames:4314550",
    geonameid=4314550,
    name="Alexandria",
    kind="city",
    country_code="US",
    admin1="Louisiana",
    lat=31.3113,
    lon=-92.4451,
)
MIDDLE_EAST = Place(
    id="region:middle-east",
    geonameid=None,
    name="Middle East",
    kind="region",
    country_code=None,
    admin1=None,
    lat=29.0,
    lon=41.0,
)


def parsed(doc_id, text, found, **fields):
    """A ParsedDocument whose mentions are (name, place, confidence, label) found in text order."""
    spans, mentions, position = split_sentences(text), [], 0
    for name, place, confidence, label in found:
        start = text.index(name, position)
        position = start + len(name)
        mention = Mention(start, position, name, sentence_containing(spans, start), label)
        mentions.append(ResolvedMention(mention, place, confidence))
    return ParsedDocument(Document(id=doc_id, text=text, **fields), tuple(mentions))


DOC_A = parsed(
    "a",
    "Afghan fighters left Herat.\nThey reached the Middle East. Herat is calm.",
    [
        ("Afghan", AFGHANISTAN, 0.7, "demonym"),
        ("Herat", HERAT, 0.8, "place"),
        ("Middle East", MIDDLE_EAST, 0.6, "place"),
        ("Herat", HERAT, 0.9, "place"),
    ],
    title="Report A",
    source="wire",
    url="https://example.org/a",
    date="2024-12-01",
)
DOC_B = parsed("b", "Herat and Zaranj were hit.", [("Herat", HERAT, 0.5, "place"), ("Zaranj", None, 0.0, "place")])


def test_geojson_is_a_feature_collection_with_lon_first_per_place():
    collection = json.loads(json.dumps(to_geojson([DOC_A, DOC_B])))
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in collection["features"]] == ["Herat", "Middle East"]
    herat = collection["features"][0]
    assert herat["type"] == "Feature" and herat["id"] == HERAT.id
    assert herat["geometry"] == {"type": "Point", "coordinates": [62.199671, 34.34817]}
    props = herat["properties"]
    assert (props["documents"], props["document_count"], props["mention_count"], props["confidence"]) == (
        ["a", "b"],
        2,
        3,
        0.9,
    )
    assert (props["geonameid"], props["kind"], props["country_code"], props["admin1"], props["population"]) == (
        1140026,
        "city",
        "AF",
        "Herat",
        272806,
    )
    first = props["mentions"][0]
    assert first == {
        "doc_id": "a",
        "title": "Report A",
        "source": "wire",
        "url": "https://example.org/a",
        "date": "2024-12-01",
        "sentence": "Afghan fighters left Herat.",
        "start": 21,
        "end": 26,
        "name": "Herat",
        "sentence_start": 0,
        "sentence_end": 27,
        "confidence": 0.8,
        "resolved_by": "model",
    }


def test_geojson_per_document_has_one_feature_per_place_and_document():
    features = to_geojson([DOC_A, DOC_B], per="document")["features"]
    keys = [(f["properties"]["id"], f["properties"]["doc_id"]) for f in features]
    assert keys == [(HERAT.id, "a"), (MIDDLE_EAST.id, "a"), (HERAT.id, "b")]
    assert [f["properties"]["mention_count"] for f in features] == [2, 1, 1]
    assert len({f["id"] for f in features}) == 3


def test_geojson_leaves_out_unresolved_and_demonyms_unless_asked():
    names = lambda collection: [f["properties"]["name"] for f in collection["features"]]  # noqa: E731
    assert "Afghanistan" not in names(to_geojson([DOC_A, DOC_B]))
    assert names(to_geojson([DOC_A], include_demonyms=True)) == ["Afghanistan", "Herat", "Middle East"]
    assert to_geojson([DOC_A]) == to_geojson(iter([DOC_A]))
    with pytest.raises(ExportError):
        to_geojson([DOC_A], per="sentence")


def test_csv_has_one_row_per_mention_and_survives_newlines():
    out = io.StringIO(newline="")
    write_csv([DOC_A, DOC_B], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["doc_id"], r["name"], r["label"], r["place_id"]) for r in rows] == [
        ("a", "Afghan", "demonym", AFGHANISTAN.id),
        ("a", "Herat", "place", HERAT.id),
        ("a", "Middle East", "place", MIDDLE_EAST.id),
        ("a", "Herat", "place", HERAT.id),
        ("b", "Herat", "place", HERAT.id),
        ("b", "Zaranj", "place", ""),
    ]
    assert rows[2]["sentence"] == "They reached the Middle East."
    assert (rows[1]["lat"], rows[1]["lon"]) == ("34.34817", "62.199671")


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"])
def test_csv_guards_against_formula_injection(payload):
    document = parsed("x", f"{payload} Herat.", [("Herat", HERAT, 1.0, "place")], title=payload, source="s")
    [row] = to_csv_rows([document])
    assert row["sentence"] == "'" + f"{payload} Herat." and row["title"] == "'" + payload
    assert row["lon"] == 62.199671


@pytest.mark.parametrize(
    "payload",
    [
        " =1+1",
        "\xa0=1+1",
        "\u200b=1+1",
        "\x00=1+1",
        "\u2028=1+1",
        "\ufeff@SUM(A1)",
        " \t -1",  # issue 13, finding 12
        '\uff1dHYPERLINK("http://x")',
        "\uff0b1",
        "\uff0d2",
        "\uff20SUM(A1)",
        "\u200e=1",
    ],
)
def test_csv_defuses_formulas_behind_invisible_characters_and_in_full_width(payload):
    document = parsed("x", f"{payload} Herat.", [("Herat", HERAT, 1.0, "place")], title=payload)
    [row] = to_csv_rows([document])
    assert row["title"] == "'" + payload and row["sentence"].startswith("'")
    assert (row["lat"], row["start"], row["confidence"]) == (34.34817, len(payload) + 1, 1.0)


@pytest.mark.parametrize("text", ["Herat", " Herat", "a=b", "Kabul-Herat", "\u00e9=mc2", "1+1"])
def test_csv_leaves_ordinary_text_alone(text):
    document = parsed("x", "Herat.", [("Herat", HERAT, 1.0, "place")], title=text)
    assert next(to_csv_rows([document]))["title"] == text


def test_csv_keeps_negative_coordinates_as_numbers():
    document = parsed("x", "Alexandria woman charged.", [("Alexandria", ALEXANDRIA, 1.0, "place")], title="\tx")
    [row] = to_csv_rows([document])
    assert row["lon"] == -92.4451 and row["lat"] == 31.3113
    assert row["title"] == "'\tx"


def test_eval_record_follows_the_contract():
    record = to_eval_record(DOC_B)
    assert (record["id"], record["text"], record["source"]) == ("b", "Herat and Zaranj were hit.", None)
    herat, zaranj = record["toponyms"]
    assert herat["geonameid"] == "1140026" and herat["lat"] == HERAT.lat and herat["kind"] == "city"
    assert (zaranj["lat"], zaranj["lon"], zaranj["geonameid"]) == (None, None, None)
    for toponym in record["toponyms"]:
        assert record["text"][toponym["start"] : toponym["end"]] == toponym["name"]
        assert toponym["sentence"] == "Herat and Zaranj were hit."


def test_eval_record_demonyms_only_when_asked():
    assert [t["name"] for t in to_eval_record(DOC_A)["toponyms"]] == ["Herat", "Middle East", "Herat"]
    with_demonyms = to_eval_record(DOC_A, include_demonyms=True)["toponyms"]
    assert (with_demonyms[0]["name"], with_demonyms[0]["label"]) == ("Afghan", "demonym")
    assert to_eval_record(DOC_A)["toponyms"][1]["geonameid"] is None


def test_eval_record_refuses_offsets_that_do_not_match_the_text():
    mention = Mention(1, 6, "Kabul", DOC_B.mentions[0].mention.sentence)
    bad = ParsedDocument(Document("z", "Kabul."), (ResolvedMention(mention, None, 0.0),))
    with pytest.raises(ExportError, match="Kabul"):
        to_eval_record(bad)


@pytest.mark.shared
def test_jsonl_output_scores_perfectly_against_its_own_gold(tmp_path):
    docs = [DOC_A, DOC_B]
    with open(tmp_path / "pred.jsonl", "w", encoding="utf-8") as fp:
        write_jsonl(docs, fp)
    gold = []
    for line in (tmp_path / "pred.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        keep = ("start", "end", "name", "lat", "lon", "geonameid")
        record["toponyms"] = [{k: t[k] for k in keep} for t in record["toponyms"]]
        gold.append(json.dumps(record))
    (tmp_path / "gold.jsonl").write_text("\n".join(gold) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCORER), str(tmp_path / "gold.jsonl"), str(tmp_path / "pred.jsonl"), "--json", "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(result.stdout)
    assert scores["recognition_exact"]["f1"] == 1.0 and scores["recognition_exact"]["tp"] == 5
    assert scores["resolution_exact_span"]["acc@161"] == 1.0
    assert scores["resolution_exact_span"]["n"] == 4 and scores["n_pred_toponyms_malformed"] == 0


@pytest.mark.parametrize("format", EXPORT_FORMATS)
def test_write_each_format(format):
    out = io.StringIO(newline="")
    write([DOC_A, DOC_B], out, format)
    text = out.getvalue()
    if format == "jsonl":
        assert [json.loads(line)["id"] for line in text.splitlines()] == ["a", "b"]
    elif format == "geojson":
        assert json.loads(text)["type"] == "FeatureCollection"
    else:
        assert len(list(csv.reader(io.StringIO(text, newline="")))) == 7


def test_unknown_format_is_an_export_error():
    with pytest.raises(ExportError, match="kml"):
        write([DOC_A], io.StringIO(), "kml")
