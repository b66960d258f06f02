"""mapview dashboard: the places a corpus of reports names, on an offline map, with the evidence.

    streamlit run streamlit_app.py                          # the bundled sample corpus
    streamlit run streamlit_app.py -- --docs PATH           # a file, a folder or a JSONL of records
    streamlit run streamlit_app.py -- --workspace FILE      # a workspace made by `mapview ingest`
    streamlit run streamlit_app.py -- --docs PATH --workspace FILE   # PATH parsed into FILE, then opened

A thin page over :mod:`mapview`: the corpus is parsed once into a workspace (a
child process, every core); the page only queries it. One selection (which
documents are shown) drives the map, the caption, the tables and the exports.
Every string that comes from a document is shown as text, never as Markdown.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from mapview.exc import MapviewError
from mapview.webmap.countries import country_name
from mapview.webmap.view import TILE_LAYERS, basemap_urls, evidence, frontend_dir, places_key, places_table
from mapview.workspace import Selection, Workspace, queries
from mapview.workspace.background import IngestJob
from mapview.workspace.locations import corpus_workspace

SAMPLES = Path(__file__).resolve().parent / "samples" / "reports.jsonl"
DOCS_PER_PAGE = 20
MENTION_ROWS = 500
MAP_HEIGHT = 560


def page_arguments() -> argparse.Namespace:
    """``--docs PATH`` (default: the bundled samples) and/or ``--workspace FILE``, after ``--``.

    With ``--docs`` alone the workspace is kept in the cache, one per corpus path.
    """
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--docs", default=None)
    parser.add_argument("--workspace", default=None)
    args, _ = parser.parse_known_args(sys.argv[1:])
    if args.docs is None and args.workspace is None:
        args.docs = str(SAMPLES)
    return args


_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")


def plain(text: object) -> str:
    """``text`` for a Markdown-rendering widget, shown as written (no links, images, emoji or markup).

    Punctuation is backslash-escaped; a zero-width space keeps a URL, ``www.`` or an
    e-mail address in the text from becoming a link (GFM links them despite escapes).
    """
    escaped = _AUTOLINK.sub("\u200b", str(text).replace("\n", " "))
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", escaped)


@st.cache_resource(show_spinner=False)
def corpus_job(docs: str, workspace: str) -> IngestJob:
    """The ingest of ``docs`` into its workspace, started once per server (every session watches it)."""
    return IngestJob([docs], Path(workspace))


@st.cache_resource(show_spinner=False)
def open_workspace(path: str) -> Workspace:
    """The workspace at ``path``, opened once per server and shared by the sessions."""
    return Workspace.open(path)


def selection() -> Selection:
    return st.session_state.setdefault("selection", Selection())


def set_selection(value: Selection) -> None:
    st.session_state["selection"] = value


def nonce() -> int:
    return time.monotonic_ns()


# --- the corpus being ingested ------------------------------------------------------------------

def watch(job: IngestJob) -> None:
    """Block with a progress bar while the corpus is ingested; a click on Cancel stops the child."""
    cancel = st.empty()
    cancel.button("Cancel parsing", key="cancel_ingest", on_click=job.cancel,
                  help="Stop parsing; what was parsed so far stays in the workspace.")
    bar = st.progress(0.0, text="Checking the corpus for new or changed documents…")
    while job.running:
        progress = job.progress
        done = progress.parsed + progress.unchanged + progress.failed
        text = (f"Parsing the corpus: {done} of {progress.total} documents" if progress.total
                else "Reading the corpus…")
        bar.progress(progress.fraction, text=text)
        time.sleep(0.3)
    job.wait(5)
    bar.empty()
    cancel.empty()


def ingest_report(job: IngestJob) -> None:
    """What the corpus ingest said: skipped files, failures or a cancellation (as text)."""
    problems = [m for m in job.progress.messages if m.startswith(("skipped", "error"))]
    if job.cancelled:
        st.warning(f"Parsing was cancelled: {job.progress.parsed} document(s) were added before it stopped. "
                   "Restart the dashboard to finish.")
    elif job.returncode not in (0, 1):
        st.error("Parsing the corpus failed:")
        st.text("\n".join(job.progress.messages[-20:]))
    if problems:
        with st.expander(f"{len(problems)} input(s) could not be read"):
            st.text("\n".join(problems))


# --- sidebar: adding documents, the document list ------------------------------------------------

def add_documents(workspace: Workspace) -> None:
    with st.sidebar.expander("Add documents", expanded=False):
        if workspace.readonly:
            st.info("This workspace is read-only: documents cannot be added or removed.")
            return
        st.file_uploader("Upload reports", type=["txt", "md", "html", "htm", "json", "jsonl"],
                         accept_multiple_files=True, key=f"uploads::{st.session_state.get('upload_round', 0)}",
                         on_change=_ingest_uploads, args=(workspace,))
        with st.form("paste", clear_on_submit=True):
            st.text_area("Or paste a report", key="paste_text")
            st.form_submit_button("Add text", on_click=_ingest_paste, args=(workspace,))
        for message in st.session_state.pop("add_messages", []):
            st.text(message)


def _ingest_uploads(workspace: Workspace) -> None:
    from mapview.documents import documents_from_upload
    from mapview.exc import DocumentError

    key = f"uploads::{st.session_state.get('upload_round', 0)}"
    messages: list[str] = []
    documents = []
    for file in st.session_state.get(key) or []:
        try:
            documents.extend(documents_from_upload(file.name, file.getvalue(),
                                                   on_error=lambda e: messages.append(str(e))))
        except DocumentError as exc:
            messages.append(str(exc))
    _ingest(workspace, documents, "upload", messages)
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1


def _ingest_paste(workspace: Workspace) -> None:
    from mapview.documents import documents_from_text

    text = st.session_state.get("paste_text", "")
    if text.strip():
        _ingest(workspace, documents_from_text(text), "paste", [])


def _ingest(workspace: Workspace, documents: list, origin: str, messages: list[str]) -> None:
    from mapview.workspace import ingest

    if documents:
        report = ingest(workspace, documents, processes=1, origin=origin, replace=False, dedupe_text=True,
                        on_error=lambda e: messages.append(str(e)))
        if report.parsed:
            messages.append(f"Added {report.parsed} document(s).")
        if report.unchanged:
            messages.append(f"{report.unchanged} document(s) already in the workspace, unchanged.")
        messages += [f"{new}: already in the workspace as {old}" for new, old in report.duplicates]
        messages += [f"{old}: another document has this name; added as {new}" for old, new in report.renamed]
    st.session_state["add_messages"] = messages


def document_list(workspace: Workspace) -> None:
    side = st.sidebar
    side.subheader("Documents")
    search = side.text_input("Find a document", key="doc_search", placeholder="title or id")
    total = queries.count_documents(workspace, search=search)
    left, right = side.columns(2)
    left.button("Show all", key="show_all", width="stretch",
                on_click=lambda: set_selection(selection().all_documents()))
    right.button("None", key="show_none", width="stretch",
                 on_click=lambda: set_selection(selection().no_documents()))
    pages = max(1, -(-total // DOCS_PER_PAGE))
    page = min(st.session_state.get("doc_page", 0), pages - 1)
    current = selection()
    for doc in queries.document_summaries(workspace, search=search, offset=page * DOCS_PER_PAGE,
                                          limit=DOCS_PER_PAGE):
        key = f"show::{doc.id}"
        st.session_state[key] = current.switched_on(doc.id)
        box, only, remove = side.columns([10, 3, 2], vertical_alignment="center")
        label = f"{plain(doc.title or doc.id)} ({doc.mentions})"
        if current.switched_on(doc.id) and not current.shows(doc.id, doc.date):
            label += " · outside the dates"
        box.checkbox(label, key=key, on_change=_toggle, args=(doc.id, key))
        only.button("only", key=f"only::{doc.id}", type="tertiary", on_click=_only, args=(workspace, doc.id),
                    help="Show only this document and zoom to its places")
        if doc.origin != "corpus" and not workspace.readonly:
            remove.button("✕", key=f"remove::{doc.id}", type="tertiary", on_click=_remove,
                          args=(workspace, doc.id), help="Remove this document from the workspace")
    if pages > 1:
        back, where, forward = side.columns([2, 5, 2], vertical_alignment="center")
        back.button("◀", key="doc_prev", disabled=page == 0, on_click=_turn, args=(page - 1,))
        where.caption(f"page {page + 1} of {pages} · {total} documents")
        forward.button("▶", key="doc_next", disabled=page >= pages - 1, on_click=_turn, args=(page + 1,))


def _toggle(doc_id: str, key: str) -> None:
    set_selection(selection().with_document(doc_id, bool(st.session_state[key])))


def _only(workspace: Workspace, doc_id: str) -> None:
    set_selection(selection().only_document(doc_id))
    ids = [p.id for p in queries.place_summaries(workspace, selection())]
    st.session_state["fit"] = {"ids": ids, "nonce": nonce()}


def _remove(workspace: Workspace, doc_id: str) -> None:
    from mapview.workspace.writes import remove_documents

    with workspace.transaction() as db:
        remove_documents(db, [doc_id])
    set_selection(selection().with_document(doc_id, True))


def _turn(page: int) -> None:
    st.session_state["doc_page"] = max(0, page)


# --- the map and the tables ----------------------------------------------------------------------

def place_map(workspace: Workspace, current: Selection) -> None:
    component = components.declare_component("mapview_map", path=str(frontend_dir()))
    selected = st.session_state.get("selected_place")
    tiles = st.sidebar.toggle("Online map tiles", value=False, key="tiles",
                              help="Draws OpenStreetMap tiles fetched from the internet. "
                                   "Off: the offline basemap (countries, provinces, labels).")
    component(
        places=places_table(queries.place_summaries(workspace, current)),
        places_key=places_key(workspace, current),
        selected=evidence(workspace, current, selected) if selected else None,
        focus=st.session_state.get("focus"), fit=st.session_state.get("fit"),
        tiles=TILE_LAYERS["OpenStreetMap"] if tiles else None, basemap=basemap_urls(), height=MAP_HEIGHT,
        key="map", default=None, on_change=_map_event,
    )


def _map_event() -> None:
    event = st.session_state.get("map")
    if isinstance(event, dict) and event.get("event") == "select":
        place = event.get("place")
        st.session_state["selected_place"] = place if isinstance(place, str) else None


def tables(workspace: Workspace, current: Selection) -> None:
    view = st.segmented_control("Table", ["Mentions", "Places"], default="Mentions", key="table_view",
                                label_visibility="collapsed")
    if view == "Places":
        places_view(workspace, current)
    else:
        mentions_view(workspace, current)


def places_view(workspace: Workspace, current: Selection) -> None:
    places = queries.place_summaries(workspace, current)
    st.session_state["places_order"] = [p.id for p in places]
    selected = st.session_state.get("selected_place")
    frame = pd.DataFrame(
        [(p.display_name, p.kind, country_name(p.country_code), p.mentions, p.documents, p.first_date,
          p.last_date) for p in places],
        columns=["Place", "Kind", "Country", "Mentions", "Documents", "First", "Last"])
    rows = [i for i, p in enumerate(places) if p.id == selected]
    st.caption(f"Places in the documents shown: {len(places)} (click a row to find it on the map)")
    st.dataframe(frame, key=f"places::{places_key(workspace, current)}::{selected}", hide_index=True,
                 on_select=_place_row, selection_mode="single-row", width="stretch",
                 selection_default={"selection": {"rows": rows}})


def _place_row() -> None:
    table = next((k for k in st.session_state if isinstance(k, str) and k.startswith("places::")), None)
    rows = st.session_state[table].selection.rows if table else []
    order = st.session_state.get("places_order", [])
    if rows and rows[0] < len(order):
        st.session_state["selected_place"] = order[rows[0]]
        st.session_state["focus"] = {"id": order[rows[0]], "nonce": nonce()}


def mentions_view(workspace: Workspace, current: Selection) -> None:
    selected = st.session_state.get("selected_place")
    total = queries.count_mentions(workspace, current, place_id=selected)
    records = queries.mention_records(workspace, current, place_id=selected, limit=MENTION_ROWS)
    if selected and records:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.caption(f"Mentions of {plain(records[0].place_name)} (opened on the map): {total}")
        right.button("All places", key="clear_place", on_click=lambda: st.session_state.update(selected_place=None))
    else:
        more = f" (the first {MENTION_ROWS} are listed)" if total > MENTION_ROWS else ""
        st.caption(f"Mentions in the documents shown: {total}{more}")
    frame = pd.DataFrame(
        [(r.title or r.doc_id, r.date, r.sentence, r.name, r.place_name, r.kind, r.country_code, r.confidence)
         for r in records],
        columns=["Document", "Date", "Sentence", "Name", "Place", "Kind", "Country", "Confidence"])
    st.dataframe(frame, key="mentions", hide_index=True, width="stretch", column_config={
        "Confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f")})


def exports(workspace: Workspace, current: Selection) -> None:
    from mapview.workspace.exports import export_text

    st.subheader("Export what is shown")
    empty = queries.totals(workspace, current).shown_documents == 0
    left, right = st.columns(2)
    left.download_button("GeoJSON", data=lambda: export_text(workspace, current, "geojson"),
                         file_name="mapview.geojson", mime="application/geo+json", key="export_geojson",
                         disabled=empty, on_click="ignore")
    right.download_button("CSV", data=lambda: export_text(workspace, current, "csv"), file_name="mapview.csv",
                          mime="text/csv", key="export_csv", disabled=empty, on_click="ignore")


def main() -> None:
    st.set_page_config(page_title="mapview", layout="wide")
    st.title("Reported places")
    args = page_arguments()
    path = Path(args.workspace) if args.workspace else corpus_workspace(args.docs)
    job = None if args.docs is None else corpus_job(args.docs, str(path))
    if job is not None:
        if job.running:
            watch(job)
        ingest_report(job)
    try:
        workspace = open_workspace(str(path))
    except MapviewError as exc:
        st.error("The workspace cannot be opened:")
        st.text(str(exc))
        st.stop()
    add_documents(workspace)
    document_list(workspace)
    current = selection()
    total = queries.totals(workspace, current)
    source = args.docs or args.workspace
    st.caption(plain(f"{total.shown_documents} of {total.documents} documents shown · {total.places} places · "
                     f"{total.mentions} mentions · source: {source}"))
    place_map(workspace, current)
    tables(workspace, current)
    exports(workspace, current)


main()
