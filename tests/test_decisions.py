"""Corrections: decisions in three scopes, applied over the model, undone, and kept across re-ingests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mapview.records import Span
from mapview.workspace import Selection, Workspace, ingest, queries
from mapview.workspace.decisions import DecisionError, add_mention, decide, decisions, undo, unfit_decisions
from mapview.workspace.documents import parsed_documents
from tests.workspace_support import PLACES, TOY_VERSION, doc, toy_parse

DOCS = [
    doc("a", "Fighting in Herat. Herat again.", title="A"),
    doc("b", "Aid for Herat. Talks in Kabul.", title="B"),
]


def toy_ingest(workspace: Workspace, documents) -> None:
    ingest(workspace, documents, parse=toy_parse, version=TOY_VERSION)


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.open(tmp_path / "w.mapview", create=True) as workspace:
        toy_ingest(workspace, DOCS)
        yield workspace


def answers(ws: Workspace) -> list[tuple[str, int, str | None, str]]:
    """(document, start, place in force, resolved_by) of every mention."""
    return [
        (r.doc_id, r.start, r.place_id, r.resolved_by)
        for r in queries.mention_records(ws, Selection(), resolved_only=False)
    ]


def herat_in(ws: Workspace, doc_id: str, nth: int = 0) -> int:
    records = [
        r for r in queries.mention_records(ws, Selection(), doc_id=doc_id, resolved_only=False) if r.name == "Herat"
    ]
    return records[nth].key


KABUL, HERAT = PLACES["Kabul"].id, PLACES["Herat"].id


def test_choosing_another_place_for_one_mention(ws: Workspace) -> None:
    decision = decide(ws, herat_in(ws, "a"), "place", place=PLACES["Kabul"])
    assert (decision.model_place_id, decision.place_id, decision.scope) == (HERAT, KABUL, "mention")
    assert answers(ws) == [
        ("a", 12, KABUL, "user"),
        ("a", 19, HERAT, "model"),
        ("b", 8, HERAT, "model"),
        ("b", 24, KABUL, "model"),
    ]


def test_a_document_decision_covers_the_words_in_that_document_only(ws: Workspace) -> None:
    decide(ws, herat_in(ws, "a"), "place", place=PLACES["Kabul"], scope="document")
    assert [a[2] for a in answers(ws)] == [KABUL, KABUL, HERAT, KABUL]


def test_a_workspace_decision_covers_documents_added_later(ws: Workspace) -> None:
    decide(ws, herat_in(ws, "a"), "not_place", scope="workspace")
    toy_ingest(ws, [doc("c", "More on Herat.")])
    assert [a for a in answers(ws) if a[2] is not None] == [("b", 24, KABUL, "model")]
    assert "Herāt" not in {p.display_name for p in queries.place_summaries(ws, Selection())}


def test_the_narrowest_and_latest_decision_wins(ws: Workspace) -> None:
    decide(ws, herat_in(ws, "a"), "not_place", scope="workspace")
    decide(ws, herat_in(ws, "b"), "place", place=PLACES["Helmand"], scope="document")
    decide(ws, herat_in(ws, "a", 1), "accept", scope="mention")  # the model's answer, confirmed
    assert [a[2] for a in answers(ws)] == [None, HERAT, PLACES["Helmand"].id, KABUL]


def test_not_a_place_leaves_the_map_and_undo_brings_it_back(ws: Workspace) -> None:
    before = queries.place_summaries(ws, Selection())
    decision = decide(ws, queries.mention_records(ws, Selection(), doc_id="b")[1].key, "not_place")
    assert {p.display_name for p in queries.place_summaries(ws, Selection())} == {"Herāt"}
    undo(ws, decision.key)
    assert queries.place_summaries(ws, Selection()) == before
    assert decisions(ws) == [] and decisions(ws, include_undone=True)[0].undone_at is not None
    with pytest.raises(DecisionError):
        undo(ws, decision.key)


def test_decisions_survive_re_ingesting_the_same_or_an_edited_document(ws: Workspace) -> None:
    decide(ws, herat_in(ws, "a"), "place", place=PLACES["Kabul"])
    decide(ws, herat_in(ws, "a", 1), "not_place")
    toy_ingest(ws, [doc("a", "Fighting in Herat. Herat again. And more words at the end.", title="A")])
    assert answers(ws)[:2] == [("a", 12, KABUL, "user"), ("a", 19, None, "user")]
    assert unfit_decisions(ws) == []


def test_a_decision_whose_words_moved_is_listed_not_applied(ws: Workspace) -> None:
    decide(ws, herat_in(ws, "a"), "place", place=PLACES["Kabul"])
    toy_ingest(ws, [doc("a", "New first line. Fighting in Herat. Herat again.", title="A")])
    assert [d.words for d in unfit_decisions(ws)] == ["Herat"]
    assert {a[3] for a in answers(ws)} == {"model"}


def test_adding_a_missed_place_and_keeping_it(ws: Workspace) -> None:
    text = DOCS[1].text
    start = text.index("Talks")
    decision = add_mention(ws, "b", start, start + 5, PLACES["Damascus"], Span(15, len(text)))
    added = [r for r in queries.mention_records(ws, Selection(), doc_id="b") if r.origin == "user"]
    assert [(r.name, r.place_id, r.resolved_by, r.decision) for r in added] == [
        ("Talks", PLACES["Damascus"].id, "user", decision.key)
    ]
    toy_ingest(ws, [doc("b", text + " Later.", title="B")])
    assert [r.name for r in queries.mention_records(ws, Selection(), doc_id="b") if r.origin == "user"] == ["Talks"]
    exported = next(p for p in parsed_documents(ws) if p.document.id == "b")
    assert "Talks" in [m.mention.name for m in exported.mentions]


@pytest.mark.parametrize("start, end, message", [(0, 3, "overlaps"), (24, 24, "not words"), (5, 60, "not words")])
def test_an_added_place_must_be_new_words_in_the_sentence(ws: Workspace, start, end, message) -> None:
    text = "Aid for Herat. Talks in Kabul."
    with pytest.raises(DecisionError, match=message):
        add_mention(
            ws,
            "b",
            start + (8 if message == "overlaps" else 0),
            end + (8 if message == "overlaps" else 0),
            PLACES["Damascus"],
            Span(0, len(text)),
        )


def test_bad_decisions_are_refused(ws: Workspace) -> None:
    key = herat_in(ws, "a")
    with pytest.raises(DecisionError):
        decide(ws, key, "place")  # no place
    with pytest.raises(DecisionError):
        decide(ws, key, "maybe")
    with pytest.raises(DecisionError):
        decide(ws, key, "accept", scope="galaxy")
    with pytest.raises(DecisionError):
        decide(ws, 99_999, "accept")
    assert decisions(ws) == []


def test_a_version_1_workspace_is_migrated_with_its_data(tmp_path: Path) -> None:
    from mapview.workspace.schema import APPLICATION_ID, MIGRATIONS

    path = tmp_path / "v1.mapview"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.executescript(MIGRATIONS[1] + "PRAGMA user_version = 1;")
    db.executescript("""
        INSERT INTO pipelines VALUES (1, 'old', '{}', '2024-01-01');
        INSERT INTO documents VALUES (1, 'a', 'h', 'A', NULL, NULL, NULL, NULL, 'In Kabul.', 'corpus', 1, 't', 't');
        INSERT INTO places VALUES ('geonames:1138958', 1138958, 'Kabul', 'Kabul', 'city', 'AF', NULL, 34.5, 69.2,
                                   NULL, '');
        INSERT INTO mentions VALUES (1, 1, 3, 8, 'Kabul', 'place', 0, 9, 'geonames:1138958', 0.9, '[]',
                                     'geonames:1138958', 'model');""")
    db.commit()
    db.close()
    with Workspace.open(path) as ws:
        [record] = queries.mention_records(ws, Selection())
        assert (record.name, record.origin, record.decision) == ("Kabul", "model", None)
        decide(ws, record.key, "not_place")
        assert queries.place_summaries(ws, Selection()) == []


def test_parsing_every_document_again_keeps_the_decisions(ws: Workspace) -> None:
    decide(ws, herat_in(ws, "b"), "place", place=PLACES["Kabul"], scope="document")
    report = ingest(ws, DOCS, parse=toy_parse, version=TOY_VERSION, reparse=True)
    assert report.parsed == 2
    assert answers(ws)[2] == ("b", 8, KABUL, "user")
