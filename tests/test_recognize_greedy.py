"""The batch decoder finds exactly the entities spaCy's own NER decoder sets, and the recognizer's mentions stay the
same with it; a pipeline it cannot follow, or a sequence with preset entities, is left to spaCy."""

from __future__ import annotations

import pytest

from mapview.sentences import split_sentences

TEXTS = [
    "MANSFIELD -- A Springfield, Ill. man was found in Lake Vermont near Highway 10 on Tuesday.",
    "Kalena Horhn of Grand Prairie and Tom Reyes, 41, of Grovetown spoke at the University of Texas in Austin.",
    "Obama met Netanyahu in Jerusalem on 4 March 2009; the talks cost $3 million, said the United Nations.",
    "  Leading   spaces,\n\nblank lines and a last word that is a name: Kandahar",
    "Kabul",
    "",
    "#PrayForGaza trended as crowds gathered in Paris, Texas and in Paris, France.",
]


@pytest.fixture(scope="module")
def nlp():
    from mapview.recognize.model import load_pipeline

    return load_pipeline()


def spacy_entities(nlp, texts):
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]


@pytest.mark.slow
def test_the_decoder_finds_spacys_entities_on_whole_texts(nlp):
    from mapview.recognize.greedy import GreedyNer

    decoder = GreedyNer.of(nlp)
    assert decoder is not None
    found = decoder.entities([nlp.make_doc(text) for text in TEXTS])
    assert found == spacy_entities(nlp, TEXTS)
    assert sum(map(len, found)) > 15


@pytest.mark.slow
def test_the_decoder_reads_windows_cut_from_a_doc_as_docs_of_their_own(nlp):
    from spacy.tokens import Doc

    from mapview.recognize.greedy import GreedyNer, Rows

    decoder = GreedyNer.of(nlp)
    assert decoder is not None
    doc = nlp.make_doc(" ".join(TEXTS[:3]))
    ranges = [(0, 9), (5, 30), (len(doc) - 12, len(doc))]
    features, spaces = doc.to_array(decoder.columns), doc.to_array("IS_SPACE").astype(bool)
    found = decoder.entities([Rows(features[s:e], spaces[s:e]) for s, e in ranges])
    words, after = [t.text for t in doc], [bool(t.whitespace_) for t in doc]
    norms = doc.to_array(["NORM"])
    own = [Doc(nlp.vocab, words=words[s:e], spaces=after[s:e]).from_array(["NORM"], norms[s:e]) for s, e in ranges]
    assert found == [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(own)]


@pytest.mark.slow
def test_a_doc_with_entities_set_is_refused(nlp):
    from mapview.recognize.greedy import GreedyNer

    decoder = GreedyNer.of(nlp)
    assert decoder is not None
    doc = nlp("Fighting in Herat.")
    with pytest.raises(ValueError, match="entities or sentence starts"):
        decoder.entities([doc])


def test_a_pipeline_without_a_greedy_ner_is_declined():
    spacy = pytest.importorskip("spacy")
    from mapview.recognize.greedy import GreedyNer

    assert GreedyNer.of(spacy.blank("en")) is None


@pytest.mark.slow
def test_the_recognizer_finds_the_same_mentions_with_either_decoder(gazetteer):
    from mapview.recognize import Recognizer

    items = [(text, split_sentences(text)) for text in TEXTS]
    fast = list(Recognizer.from_gazetteer(gazetteer).recognize_many(items))
    plain = Recognizer.from_gazetteer(gazetteer, fast_decoder=False)
    assert fast == list(plain.recognize_many(items))
    assert sum(map(len, fast)) > 10
