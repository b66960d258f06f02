"""Publication dates from a page's metadata, and what the workspace makes of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapview.documents import documents_from_upload
from mapview.html_dates import SCAN_CHARS, published_date
from mapview.workspace import Selection, Workspace, ingest, queries
from tests.workspace_support import TOY_VERSION, toy_parse


@pytest.mark.parametrize(
    "markup, expected",
    [
        ('<meta property="article:published_time" content="2024-03-04T10:00:00+04:30">', "2024-03-04T10:00:00+04:30"),
        ("<meta name='DC.date' content='2024-02-01'>", "2024-02-01"),
        ('<META NAME="date" CONTENT="4 March 2024">', "4 March 2024"),
        ('<meta itemprop="datePublished" content="2023-12-31">', "2023-12-31"),
        ('<p>Filed <time class="x" datetime="2024-05-06T08:00">Monday</time></p>', "2024-05-06T08:00"),
        (
            '<meta name="date" content="2024-01-01"><meta property="article:published_time" content="2024-02-02">',
            "2024-02-02",
        ),  # the article's own time comes first
        ('<meta name="author" content="A. Writer"><time>no datetime</time>', None),
        ('<meta name="date" content="">', None),
    ],
)
def test_the_publication_date_a_page_declares(markup: str, expected: str | None) -> None:
    assert published_date(f"<html><head>{markup}</head><body><p>Text.</p></body></html>") == expected


def test_only_the_head_of_a_huge_page_is_read() -> None:
    late = "<p>x</p>" * (SCAN_CHARS // 8 + 10) + '<meta name="date" content="2024-01-01">'
    assert published_date(late) is None
    assert published_date("<meta " * 50_000) is None  # unclosed tags: no date, no runaway scan


def test_an_uploaded_page_is_dated_and_a_bad_date_stays_text(tmp_path: Path) -> None:
    good = b'<html><head><meta name="date" content="4 March 2024"><title>Report</title></head><body>In Kabul.</body>'
    bad = b'<html><head><meta name="date" content="the other week"><title>Later</title></head><body>In Herat.</body>'
    documents = documents_from_upload("good.html", good) + documents_from_upload("bad.html", bad)
    with Workspace.open(tmp_path / "w.mapview", create=True) as workspace:
        report = ingest(workspace, documents, parse=toy_parse, version=TOY_VERSION)
        assert report.undated == [("bad.html", "the other week")]
        summaries = {d.id: d for d in queries.document_summaries(workspace)}
        assert (summaries["good.html"].date, summaries["bad.html"].date) == ("2024-03-04", None)
        assert summaries["bad.html"].date_text == "the other week"
        undated_only = Selection(date_from="2024-01-01", undated=True)
        assert undated_only.shows("bad.html", None)
        assert {d.id for d in queries.document_summaries(workspace) if undated_only.shows(d.id, d.date)} == {
            "good.html",
            "bad.html",
        }
