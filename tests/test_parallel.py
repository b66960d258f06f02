"""Parsing on several processes: same results, in order, and no document lost or hang (issue 13, finding 2)."""

import multiprocessing
import os
import signal
import threading
from itertools import islice

import pytest

from mapview.exc import DocumentParseError, RecognizerError, WorkerSetupError
from mapview.parallel import parse_in_processes
from mapview.pipeline import Geoparser, parse_documents
from mapview.records import Document, Origin, ParsedDocument
from tests.conftest import EVAL, SEEDS


class FakeGazetteer:
    def close(self):
        pass


class FakeGeoparser:
    """What the pool needs of a geoparser, without spaCy: each document gets no mentions.

    A document whose text is ``kill`` ends its worker process as a crash or the
    out-of-memory killer would; ``fail`` makes loading fail.
    """

    def __init__(self, fail=False):
        self.gazetteer = FakeGazetteer()
        self.fail = fail

    def load(self):
        if self.fail:
            raise RecognizerError("no spaCy English pipeline is installed")
        return self

    def parse_batch(self, documents):
        if any(d.text == "kill" for d in documents):
            os._exit(70)
        return [ParsedDocument(d, ()) for d in documents]


class FakeRecognizer:
    """A recognizer that finds nothing, and raises on a text containing BOOM."""

    def recognize_many(self, items):
        for text, _sentences in items:
            if "BOOM" in text:
                raise UnicodeEncodeError("utf-8", text, 0, 1, "surrogates not allowed")
            yield []


def docs(n, **special):
    texts = {i: f"Report {i}." for i in range(n)} | {int(key[1:]): text for key, text in special.items()}
    return [Document(id=f"d{i}", text=texts[i], origin=Origin("c.jsonl", line=i + 1)) for i in range(n)]


@pytest.fixture(autouse=True)
def no_hang():
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("parsing hung"))
    signal.alarm(120)
    yield
    signal.alarm(0)
    assert multiprocessing.active_children() == [], "worker processes left running"


def ids(results):
    return [r.document_id if isinstance(r, DocumentParseError) else r.document.id for r in results]


def test_results_come_back_in_input_order_one_per_document():
    documents = docs(50)
    results = list(parse_in_processes(FakeGeoparser(), documents, processes=2, chunk_documents=3))
    assert ids(results) == [d.id for d in documents]


def test_a_document_that_raises_is_reported_and_the_rest_of_its_batch_parsed():
    if threading.active_count() > 1:
        pytest.skip("workers are forked only from a single-threaded process")
    geoparser = Geoparser(gazetteer=FakeGazetteer(), recognizer=FakeRecognizer())
    geoparser._loaded = True  # nothing to load in the fakes
    documents = docs(12, d4="Lone BOOM in Herat.")
    results = list(parse_in_processes(geoparser, documents, processes=2, chunk_documents=5))
    assert ids(results) == [d.id for d in documents]
    error = results[4]
    assert isinstance(error, DocumentParseError) and (error.document_id, error.path, error.line) == ("d4", "c.jsonl", 5)
    assert "c.jsonl:5 (id d4): could not be parsed (UnicodeEncodeError" in str(error)
    assert all(isinstance(r, ParsedDocument) for i, r in enumerate(results) if i != 4)


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_a_worker_that_dies_costs_only_its_document(start):
    sleeper = None
    if start == "spawn":  # another thread running: workers are started fresh, not forked
        sleeper = threading.Event()
        threading.Thread(target=sleeper.wait, daemon=True).start()
    try:
        documents = docs(30, d7="kill")
        results = list(parse_in_processes(FakeGeoparser(), documents, processes=2, chunk_documents=4))
    finally:
        if sleeper is not None:
            sleeper.set()
    assert ids(results) == [d.id for d in documents]
    failed = [r for r in results if isinstance(r, DocumentParseError)]
    assert [f.document_id for f in failed] == ["d7"] and "died" in str(failed[0])


def test_workers_that_die_whatever_they_parse_stop_the_run():
    with pytest.raises(WorkerSetupError, match="die whatever"):
        list(
            parse_in_processes(
                FakeGeoparser(), [Document(id=f"k{i}", text="kill") for i in range(20)], processes=2, chunk_documents=2
            )
        )


def test_a_worker_that_cannot_load_stops_the_run_at_once():
    # A set-up error ends the run as one error, not as forty documents each reported failed.
    with pytest.raises(WorkerSetupError, match="no spaCy English pipeline"):
        list(parse_in_processes(FakeGeoparser(fail=True), docs(40), processes=2, chunk_documents=2))


def test_stopping_early_stops_the_workers():
    stream = parse_in_processes(FakeGeoparser(), docs(200), processes=2, chunk_documents=2)
    assert len(list(islice(stream, 3))) == 3
    stream.close()
    # the autouse fixture checks that no worker process is left


def test_a_short_stream_is_parsed_here_without_workers():
    results = list(parse_in_processes(FakeGeoparser(), docs(3), processes=2))
    assert ids(results) == ["d0", "d1", "d2"]


def test_a_geoparser_with_its_own_recognizer_does_not_pickle():
    import pickle

    with pytest.raises(TypeError, match="own recognizer"):
        pickle.dumps(Geoparser(gazetteer=FakeGazetteer(), recognizer=FakeRecognizer()))


def summary(parsed):
    return [
        (
            p.document.id,
            [
                (m.mention.start, m.mention.end, m.mention.label, m.place and m.place.id, round(m.confidence, 6))
                for m in p.mentions
            ],
        )
        for p in parsed
    ]


@pytest.mark.slow
@pytest.mark.shared
def test_one_and_two_processes_give_identical_results():
    from mapview.documents import load_documents

    seeds = list(load_documents(sorted(SEEDS.glob("*.txt"))))
    lgl = list(islice(load_documents([EVAL / "lgl.jsonl"]), 40))
    geoparser = Geoparser()
    for documents in (seeds, lgl):
        one = summary(geoparser.parse_many(documents, processes=1))
        two = summary(p for p in parse_in_processes(geoparser, documents, processes=2, chunk_documents=1))
        assert one == two and len(one) == len(documents)
    assert sum(len(mentions) for _, mentions in one) > 100


@pytest.mark.slow
def test_a_lone_surrogate_is_repaired_with_two_processes_too():
    documents = [Document(id=f"r{i}", text=f"Shelling near Herat, report {i}.") for i in range(40)]
    documents[3] = Document(id="b", text="Lone \ud800. Shelling near Herat, report 3.", title="\udfff")
    errors, notices = [], []
    parsed = list(parse_documents(documents, processes=2, on_error=errors.append, on_notice=notices.append))
    assert errors == [] and [p.document.id for p in parsed] == [d.id for d in documents]
    assert parsed[3].document.text == "Lone \ufffd. Shelling near Herat, report 3."
    assert parsed[3].document.title == "\ufffd"
    assert [m.mention.name for m in parsed[3].mentions] == [m.mention.name for m in parsed[4].mentions] == ["Herat"]
    assert [n.document_id for n in notices] == ["b"]
