"""A huge document is recognised in parts on every worker process and joined: the same mentions as in one
process; a part that fails costs nothing but a retry of the whole document."""

import pytest

import mapview.pipeline
from mapview.parallel import parse_in_processes
from mapview.pipeline import Geoparser
from mapview.records import Document, ParsedDocument
from tests.test_parallel import no_hang  # noqa: F401  (autouse: no hang, no worker left running)

PARAGRAPHS = [
    "MANSFIELD -- A Springfield, Ill. man was found in Lake Vermont near Highway 10 on Tuesday.",
    "Kalena Horhn of Grand Prairie and Tom Reyes, 41, of Grovetown spoke at the University of Texas in Austin.",
    "Georgia Smith won the final. Later she flew from Atlanta, Georgia to Tbilisi, the capital of Georgia.",
    "Afghan forces and the US Embassy in Kabul said Herat was calm; fighting went on in Helmand province.",
    "The small village of Bariyarpur is a town in Bihar. Obama met Netanyahu in Jerusalem and Ramallah.",
    "Nothing here names a place at all, and nobody is named either; it is only words in a row for a while.",
]


def huge_text(paragraphs: int) -> str:
    # each paragraph differs a little, so no two parts are the same text
    return "\n\n".join(f"Report {i}. {PARAGRAPHS[i % len(PARAGRAPHS)]}" for i in range(paragraphs))


@pytest.mark.slow
def test_a_document_in_parts_gets_the_mentions_it_gets_whole():
    geoparser = Geoparser()
    document = Document(id="big", text=huge_text(60))
    sentences, parts = geoparser.split(document, part_chars=1500)
    assert len(parts) > 3
    joined = geoparser.join(document, sentences, [geoparser.recognize_part(p) for p in parts])
    whole = geoparser.parse(document)
    assert joined.mentions == whole.mentions
    assert len(whole.mentions) > 100


@pytest.mark.slow
def test_a_huge_document_on_two_processes_gets_the_mentions_of_one(monkeypatch):
    monkeypatch.setattr(mapview.pipeline, "HUGE_CHARS", 5_000)
    monkeypatch.setattr(mapview.pipeline, "PART_CHARS", 2_000)
    geoparser = Geoparser()
    documents = [Document(id="small", text=PARAGRAPHS[0]), Document(id="big", text=huge_text(120))]
    one = list(geoparser.parse_many(documents, processes=1))
    two = list(parse_in_processes(geoparser, documents, processes=2, chunk_documents=1))
    assert [p.document.id for p in two] == ["small", "big"]
    assert [p.mentions for p in one] == [p.mentions for p in two]
    alone = list(parse_in_processes(geoparser, documents[1:], processes=2))  # a stream of one huge document
    assert [p.mentions for p in alone] == [one[1].mentions]


class PartFailingGeoparser:
    """Splits a document in two parts; recognising a part fails; parsing it whole gives no mentions."""

    class gazetteer:
        @staticmethod
        def close():
            pass

    def load(self):
        return self

    def split(self, document):
        half = len(document.text) // 2
        parts = [mapview.pipeline.Part(0, document.text[:half], []), mapview.pipeline.Part(half, "BOOM", [])]
        return [], parts

    def recognize_part(self, part):
        raise RuntimeError("a part failed")

    def parse_batch(self, documents):
        return [ParsedDocument(d, ()) for d in documents]


def test_a_huge_document_whose_part_fails_is_parsed_again_whole(monkeypatch):
    monkeypatch.setattr(mapview.pipeline, "HUGE_CHARS", 100)
    documents = [Document(id="a", text="x" * 50), Document(id="big", text="y" * 500), Document(id="c", text="z")]
    results = list(parse_in_processes(PartFailingGeoparser(), documents, processes=2, chunk_documents=1))
    assert [r.document.id for r in results] == ["a", "big", "c"]
    assert all(isinstance(r, ParsedDocument) for r in results)
