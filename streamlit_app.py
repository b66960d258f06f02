"""mapview dashboard: the places a corpus of reports names, on an offline map, with the evidence.

    streamlit run streamlit_app.py                          # the bundled sample corpus
    streamlit run streamlit_app.py -- --docs PATH           # a file, a folder or a JSONL of records
    streamlit run streamlit_app.py -- --workspace FILE      # a workspace made by `mapview ingest`
    streamlit run streamlit_app.py -- --docs PATH --workspace FILE   # PATH parsed into FILE, then opened

A thin page over :mod:`mapview`: the corpus is parsed once into a workspace (a
child process, every core); the page only queries it. One selection (documents,
dates) drives the map, the caption, the tables and the exports; corrections are
decisions stored in the workspace. Every string that comes from a document is
shown as text, never as Markdown.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

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
KIND_LABELS = {
    "country": "country",
    "admin1": "province / state",
    "admin2": "district",
    "city": "city",
    "region": "region",
    "continent": "continent",
}
SCOPE_LABELS = {
    "mention": "this mention only",
    "document": "these words in this document",
    "workspace": "these words in every document",
}
EXPORTS = (
    ("GeoJSON", "geojson", "mapview.geojson", "application/geo+json"),
    ("CSV", "csv", "mapview.csv", "text/csv"),
    ("Linked Places (LPF)", "lpf", "mapview.lpf.json", "application/ld+json"),
    ("KML (Google Earth)", "kml", "mapview.kml", "application/vnd.google-earth.kml+xml"),
)


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


def place_label(name: str | None, kind: str | None, country: str | None) -> str:
    parts = [name or "?", KIND_LABELS.get(kind or "", kind or "")]
    if country_name(country):
        parts.append(country_name(country) or "")
    return " · ".join(p for p in parts if p)


@st.cache_resource(show_spinner=False)
def corpus_job(docs: str, workspace: str) -> IngestJob:
    """The ingest of ``docs`` into its workspace, started once per server (every session watches it)."""
    return IngestJob([docs], Path(workspace))


@st.cache_resource(show_spinner=False)
def open_workspace(path: str) -> Workspace:
    """The workspace at ``path``, opened once per server and shared by the sessions."""
    return Workspace.open(path)


@st.cache_resource(show_spinner=False)
def gazetteer() -> Any:
    from gazetteer import Gazetteer

    return Gazetteer()


def selection() -> Selection:
    return st.session_state.setdefault("selection", Selection())


def set_selection(value: Selection) -> None:
    st.session_state["selection"] = value


def nonce() -> int:
    return time.monotonic_ns()


def focus_place(place_id: str | None) -> None:
    """Open ``place_id`` on the map (zoom to it, open its popup) and in the tables."""
    st.session_state["selected_place"] = place_id
    if place_id:
        st.session_state["focus"] = {"id": place_id, "nonce": nonce()}


# --- the corpus being ingested ------------------------------------------------------------------


def watch(job: IngestJob) -> None:
    """Block with a progress bar while the corpus is ingested; a click on Cancel stops the child."""
    cancel = st.empty()
    cancel.button(
        "Cancel parsing",
        key="cancel_ingest",
        on_click=job.cancel,
        help="Stop parsing; what was parsed so far stays in the workspace.",
    )
    bar = st.progress(0.0, text="Checking the corpus for new or changed documents…")
    while job.running:
        progress = job.progress
        done = progress.parsed + progress.unchanged + progress.failed
        text = f"Parsing the corpus: {done} of {progress.total} documents" if progress.total else "Reading the corpus…"
        bar.progress(progress.fraction, text=text)
        time.sleep(0.3)
    job.wait(5)
    bar.empty()
    cancel.empty()


def ingest_report(job: IngestJob) -> None:
    """What the corpus ingest said: skipped files, failures or a cancellation (as text)."""
    problems = [m for m in job.progress.messages if m.startswith(("skipped", "error", "undated", "note"))]
    if job.cancelled:
        st.warning(
            f"Parsing was cancelled: {job.progress.parsed} document(s) were added before it stopped. "
            "Restart the dashboard to finish."
        )
    elif job.returncode not in (0, 1):
        st.error("Parsing the corpus failed:")
        st.text("\n".join(job.progress.messages[-20:]))
    if problems:
        with st.expander(f"{len(problems)} note(s) from reading the corpus"):
            st.text("\n".join(problems))


# --- sidebar: adding documents, dates, the document list ------------------------------------------


def add_documents(workspace: Workspace) -> None:
    with st.sidebar.expander("Add documents", expanded=False):
        if workspace.readonly:
            st.info("This workspace is read-only: documents cannot be added or removed, nor placements corrected.")
            return
        st.file_uploader(
            "Upload reports (up to 20 MB each)",
            type=["txt", "md", "html", "htm", "json", "jsonl"],
            accept_multiple_files=True,
            key=f"uploads::{st.session_state.get('upload_round', 0)}",
            on_change=_ingest_uploads,
            args=(workspace,),
        )
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
            documents.extend(
                documents_from_upload(file.name, file.getvalue(), on_error=lambda e: messages.append(str(e)))
            )
        except DocumentError as exc:
            messages.append(str(exc))
    _ingest(workspace, documents, "upload", messages)
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1


def _ingest_paste(workspace: Workspace) -> None:
    from mapview.documents import documents_from_text

    text = st.session_state.get("paste_text", "")
    if text.strip():
        _ingest(workspace, documents_from_text(text), "paste", [])


def _ingest(workspace: Workspace, documents: list[Any], origin: str, messages: list[str]) -> None:
    from mapview.workspace import ingest

    if documents:
        report = ingest(
            workspace,
            documents,
            processes=1,
            origin=origin,
            replace=False,
            dedupe_text=True,
            on_error=lambda e: messages.append(str(e)),
        )
        if report.parsed:
            messages.append(f"Added {report.parsed} document(s).")
        if report.unchanged:
            messages.append(f"{report.unchanged} document(s) already in the workspace, unchanged.")
        messages += [f"{new}: already in the workspace as {old}" for new, old in report.duplicates]
        messages += [f"{old}: another document has this name; added as {new}" for old, new in report.renamed]
        messages += [f"{doc_id}: the date {text!r} is not a date; listed as undated" for doc_id, text in report.undated]
    st.session_state["add_messages"] = messages


def demonym_switch() -> None:
    """Whether "Syrian forces", "a Canadian" count as mentions of their country (map, tables, exports)."""
    st.sidebar.toggle(
        "Demonyms as their country",
        value=selection().demonyms,
        key="demonyms",
        on_change=lambda: set_selection(dataclasses.replace(selection(), demonyms=bool(st.session_state["demonyms"]))),
        help='Count words like "Syrian" or "Afghans" as mentions of their country. Off: only place names count.',
    )


def date_filter(workspace: Workspace) -> None:
    """Documents dated within a range (and the undated ones, or not)."""
    span = queries.date_range(workspace)
    if span is None:
        return
    side = st.sidebar
    side.subheader("Dates")
    first, last = dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])
    side.date_input(
        "Documents dated",
        value=(first, last),
        min_value=first,
        max_value=last,
        key="dates",
        format="YYYY-MM-DD",
        on_change=_dates_picked,
        args=(first, last),
    )
    side.checkbox("Include undated documents", value=True, key="undated", on_change=_dates_picked, args=(first, last))


def _dates_picked(first: dt.date, last: dt.date) -> None:
    """The selection follows the date widgets once both ends of the range are picked."""
    picked = st.session_state.get("dates")
    if not (isinstance(picked, (tuple, list)) and len(picked) == 2):
        return  # the user has picked the first day of the range so far
    start, end = picked
    date_from = None if start <= first else start.isoformat()
    date_to = None if end >= last else end.isoformat()
    undated = bool(st.session_state.get("undated", True))
    set_selection(dataclasses.replace(selection(), date_from=date_from, date_to=date_to, undated=undated))


def document_list(workspace: Workspace) -> None:
    side = st.sidebar
    side.subheader("Documents")
    search = side.text_input("Find a document", key="doc_search", placeholder="title or id")
    total = queries.count_documents(workspace, search=search)
    left, right = side.columns(2)
    left.button(
        "Show all", key="show_all", width="stretch", on_click=lambda: set_selection(selection().all_documents())
    )
    right.button("None", key="show_none", width="stretch", on_click=lambda: set_selection(selection().no_documents()))
    pages = max(1, -(-total // DOCS_PER_PAGE))
    page = min(st.session_state.get("doc_page", 0), pages - 1)
    current = selection()
    for doc in queries.document_summaries(workspace, search=search, offset=page * DOCS_PER_PAGE, limit=DOCS_PER_PAGE):
        key = f"show::{doc.id}"
        st.session_state[key] = current.switched_on(doc.id)
        box, only, remove = side.columns([10, 3, 2], vertical_alignment="center")
        label = f"{plain(doc.title or doc.id)} ({doc.mentions})"
        if current.switched_on(doc.id) and not current.shows(doc.id, doc.date):
            label += " · outside the dates" if doc.date else " · undated"
        box.checkbox(label, key=key, on_change=_toggle, args=(doc.id, key))
        only.button(
            "only",
            key=f"only::{doc.id}",
            type="tertiary",
            on_click=_only,
            args=(workspace, doc.id),
            help="Show only this document and zoom to its places",
        )
        if doc.origin != "corpus" and not workspace.readonly:
            remove.button(
                "✕",
                key=f"remove::{doc.id}",
                type="tertiary",
                on_click=_remove,
                args=(workspace, doc.id),
                help="Remove this document from the workspace",
            )
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


# --- finding a place, the map, the timeline -------------------------------------------------------


def find_place(workspace: Workspace, current: Selection) -> None:
    text = st.text_input(
        "Find a place", key="find_place", placeholder="a place the documents shown name", label_visibility="collapsed"
    )
    if not text:
        return
    found = queries.find_places(workspace, current, text)
    if not found:
        st.caption(f"No place called “{plain(text)}” in the documents shown.")
        return
    labels = {p.id: f"{place_label(p.display_name, p.kind, p.country_code)} ({p.mentions})" for p in found}
    st.selectbox(
        "Places found",
        list(labels),
        index=None,
        key="found_place",
        placeholder="Choose to zoom to it",
        format_func=labels.__getitem__,
        on_change=lambda: focus_place(st.session_state.get("found_place")),
        label_visibility="collapsed",
    )


def place_map(workspace: Workspace, current: Selection) -> None:
    component = components.declare_component("mapview_map", path=str(frontend_dir()))
    selected = st.session_state.get("selected_place")
    tiles = bool(st.session_state.get("tiles", False))  # the sidebar's switch (tiles_switch), drawn later in the run
    state = {
        "places": places_table(queries.place_summaries(workspace, current)),
        "places_key": places_key(workspace, current),
        "selected": evidence(workspace, current, selected) if selected else None,
        "focus": st.session_state.get("focus"),
        "fit": st.session_state.get("fit"),
        "tiles": TILE_LAYERS["OpenStreetMap"] if tiles else None,
        "basemap": basemap_urls(),
        "height": MAP_HEIGHT,
    }
    # One JSON text, not dicts: Streamlit checks each dict argument for a dataframe, which
    # imports pandas (~0.4 s on a server's first page) before the map can be sent.
    component(
        state=json.dumps(state, separators=(",", ":"), allow_nan=False),
        key="map",
        default=None,
        on_change=_map_event,
    )


def tiles_switch() -> None:
    st.sidebar.toggle(
        "Online map tiles",
        value=False,
        key="tiles",
        help="Draws OpenStreetMap tiles fetched from the internet. "
        "Off: the offline basemap (countries, provinces, labels).",
    )


def _map_event() -> None:
    """What the map says: a place opened, a mention to correct. ("drawn" needs nothing here: the
    rerun it causes is the session's second, which draws the rest of the page: details_due.)"""
    event = st.session_state.get("map")
    if not isinstance(event, dict):
        return
    if event.get("event") == "select":
        place = event.get("place")
        st.session_state["selected_place"] = place if isinstance(place, str) else None
    elif event.get("event") == "correct" and isinstance(event.get("mention"), int):
        st.session_state["correcting"] = event["mention"]


def timeline(workspace: Workspace, current: Selection) -> None:
    import pandas as pd  # here, not at the top: a session's first run (the map) needs no pandas

    days = queries.mentions_per_day(workspace, current)
    if not days:
        return
    frame = pd.DataFrame(days, columns=["date", "mentions"])
    frame["date"] = pd.to_datetime(frame["date"])
    weekly = (frame["date"].max() - frame["date"].min()).days > 60
    if weekly:
        frame = frame.resample("W-MON", on="date", label="left", closed="left").sum().reset_index()
    with st.expander(f"Mentions per {'week' if weekly else 'day'} in the documents shown", expanded=False):
        st.bar_chart(frame, x="date", y="mentions", height=160)


# --- tables ----------------------------------------------------------------------------------------


def tables(workspace: Workspace, current: Selection) -> None:
    view = st.segmented_control(
        "Table",
        ["Mentions", "Places", "To review", "Corrections"],
        default="Mentions",
        key="table_view",
        label_visibility="collapsed",
    )
    if view == "Places":
        places_view(workspace, current)
    elif view == "To review":
        mentions_view(workspace, current, review=True)
    elif view == "Corrections":
        corrections_view(workspace)
    else:
        mentions_view(workspace, current)


def places_view(workspace: Workspace, current: Selection) -> None:
    import pandas as pd  # here, not at the top: a session's first run (the map) needs no pandas

    places = queries.place_summaries(workspace, current)
    st.session_state["row_places"] = [p.id for p in places]
    selected = st.session_state.get("selected_place")
    frame = pd.DataFrame(
        [
            (
                p.display_name,
                KIND_LABELS.get(p.kind, p.kind),
                country_name(p.country_code),
                p.mentions,
                p.documents,
                p.first_date,
                p.last_date,
            )
            for p in places
        ],
        columns=["Place", "Kind", "Country", "Mentions", "Documents", "First", "Last"],
    )
    rows = [i for i, p in enumerate(places) if p.id == selected]
    st.caption(
        f"Places in the documents shown: {len(places)} (click a row to find it on the map; "
        "click a column's name to sort)"
    )
    st.dataframe(
        frame,
        key=f"places::{places_key(workspace, current)}::{selected}",
        hide_index=True,
        on_select=_picked_place_row,
        selection_mode="single-row",
        width="stretch",
        selection_default={"selection": {"rows": rows}},
    )


def _picked_place_row() -> None:
    rows = _picked_rows("places::")
    order = st.session_state.get("row_places", [])
    if rows and rows[0] < len(order):
        focus_place(order[rows[0]])


def mentions_view(workspace: Workspace, current: Selection, *, review: bool = False) -> None:
    import pandas as pd  # here, not at the top: a session's first run (the map) needs no pandas

    selected = None if review else st.session_state.get("selected_place")
    total = queries.count_mentions(workspace, current, place_id=selected)
    records = queries.mention_records(
        workspace, current, place_id=selected, limit=MENTION_ROWS, order="confidence" if review else "document"
    )
    more = f" (the first {MENTION_ROWS} are listed)" if total > MENTION_ROWS else ""
    if review:
        st.caption(f"Mentions to review, least confident first: {total}{more}. Click a row to correct it.")
    elif selected and records:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.caption(f"Mentions of {plain(records[0].place_name)} (opened on the map): {total}")
        right.button("All places", key="clear_place", on_click=lambda: st.session_state.update(selected_place=None))
    else:
        st.caption(f"Mentions in the documents shown: {total}{more}. Click a row to see it on the map and correct it.")
    st.session_state["row_mentions"] = [(r.key, r.place_id) for r in records]
    frame = pd.DataFrame(
        [
            (
                r.title or r.doc_id,
                r.date,
                r.sentence,
                r.name,
                r.place_name,
                KIND_LABELS.get(r.kind or "", r.kind),
                r.country_code,
                r.confidence,
                r.resolved_by,
            )
            for r in records
        ],
        columns=["Document", "Date", "Sentence", "Name", "Place", "Kind", "Country", "Confidence", "By"],
    )
    st.dataframe(
        frame,
        key=f"mentions::{review}::{hash(tuple(r.key for r in records))}",
        hide_index=True,
        width="stretch",
        on_select=_picked_mention_row,
        selection_mode="single-row",
        column_config={"Confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f")},
    )


def _picked_mention_row() -> None:
    rows = _picked_rows("mentions::")
    order = st.session_state.get("row_mentions", [])
    if rows and rows[0] < len(order):
        key, place_id = order[rows[0]]
        st.session_state["correcting"] = key
        focus_place(place_id)


def _picked_rows(prefix: str) -> list[int]:
    table = next((k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)), None)
    selection_state = st.session_state[table].selection if table else None
    return list(selection_state.rows) if selection_state else []


def corrections_view(workspace: Workspace) -> None:
    import pandas as pd  # here, not at the top: a session's first run (the map) needs no pandas

    from mapview.workspace.decisions import decisions, unfit_decisions

    made = decisions(workspace, include_undone=True)
    if not made:
        st.caption("No corrections yet: open a place on the map, or click a mention in the table, to correct it.")
        return
    places = queries.stored_places(
        workspace, [d.place_id for d in made if d.place_id] + [d.model_place_id for d in made if d.model_place_id]
    )
    name = lambda pid: places[pid].display_name if pid in places else None  # noqa: E731
    actions = {"accept": "confirmed", "place": "placed at", "not_place": "not a place", "add": "added"}
    frame = pd.DataFrame(
        [
            (
                d.words,
                SCOPE_LABELS[d.scope],
                d.doc_id,
                actions[d.action],
                name(d.place_id),
                name(d.model_place_id),
                d.created_at,
                d.undone_at,
            )
            for d in made
        ],
        columns=["Words", "Applies to", "Document", "Decision", "Place", "Model's place", "Made", "Undone"],
    )
    st.caption("Every correction, latest first.")
    st.dataframe(frame, key="corrections", hide_index=True, width="stretch")
    active = {d.key: d for d in made if d.undone_at is None}
    if active and not workspace.readonly:
        left, right = st.columns([5, 1], vertical_alignment="bottom")
        chosen = left.selectbox(
            "Undo a correction",
            list(active),
            key="undo_choice",
            format_func=lambda k: (
                f"{active[k].words} — {actions[active[k].action]} {name(active[k].place_id) or ''}"
                f" ({SCOPE_LABELS[active[k].scope]}, {active[k].created_at})"
            ),
        )
        right.button("Undo", key="undo", on_click=_undo, args=(workspace, chosen), disabled=chosen is None)
    unfit = unfit_decisions(workspace)
    if unfit:
        st.warning(
            f"{len(unfit)} correction(s) no longer fit their document's text (it changed): they are kept "
            "but not applied."
        )
        st.text("\n".join(f"{d.doc_id}: “{d.words}” at {d.start}–{d.end}" for d in unfit))
    gone = [d for d in made if d.undone_at is None and d.place_id and gazetteer().get(d.place_id) is None]
    if gone:
        st.warning(
            f"{len(gone)} correction(s) point to a place the gazetteer no longer has; the workspace keeps "
            "its copy of the place."
        )
        st.text("\n".join(f"“{d.words}” → {name(d.place_id)} ({d.place_id})" for d in gone))


def _undo(workspace: Workspace, key: int) -> None:
    from mapview.workspace.decisions import undo

    undo(workspace, key)


# --- correcting one mention ------------------------------------------------------------------------


def correction_panel(workspace: Workspace) -> None:
    key = st.session_state.get("correcting")
    record = queries.mention_by_key(workspace, key) if isinstance(key, int) else None
    if record is None:
        return
    with st.container(border=True, key="correction_panel"):
        head, close = st.columns([8, 1], vertical_alignment="center")
        head.subheader("Correct a placement")
        close.button("Close", key="close_correction", on_click=lambda: st.session_state.update(correcting=None))
        at = record.start - record.sentence_start
        sentence = record.sentence
        st.markdown(f"> {plain(sentence[:at])}**{plain(record.name)}**{plain(sentence[at + len(record.name) :])}")
        st.caption(plain(f"{record.title or record.doc_id} · {record.date or 'undated'}"))
        answer = place_label(record.place_name, record.kind, record.country_code) if record.place_id else "not a place"
        st.text(f"Now: {answer} — by the {record.resolved_by}, confidence {record.confidence:.2f}")
        if workspace.readonly:
            st.info("This workspace is read-only.")
            return
        places = queries.stored_places(workspace, [p for p in (record.model_place_id, *record.alternatives) if p])
        options: list[tuple[str, str, str | None]] = []
        if record.model_place_id in places:
            model = places[record.model_place_id]
            options.append(
                (
                    f"The model's answer: {place_label(model.display_name, model.kind, model.country_code)}",
                    "accept",
                    None,
                )
            )
        for pid in record.alternatives:
            if pid in places:
                p = places[pid]
                options.append((place_label(p.display_name, p.kind, p.country_code), "place", pid))
        options += [("Another place: search the gazetteer…", "search", None), ("Not a place", "not_place", None)]
        choice = st.radio(
            "The words name", range(len(options)), format_func=lambda i: options[i][0], key=f"choice::{record.key}"
        )
        _, action, place_id = options[choice]
        if action == "search":
            place_id = gazetteer_picker(f"search::{record.key}", record.name)
        scope = st.radio(
            "Apply to",
            list(SCOPE_LABELS),
            format_func=lambda s: SCOPE_LABELS[s].replace("these words", f"“{plain(record.name)}”"),
            key=f"scope::{record.key}",
            horizontal=True,
        )
        st.button(
            "Apply",
            key=f"apply::{record.key}",
            type="primary",
            disabled=action in ("search", "place") and place_id is None,
            on_click=_apply,
            args=(workspace, record.key, action, place_id, scope),
        )
        add_missed_place(workspace, record.doc_id)


def gazetteer_picker(key: str, query: str) -> str | None:
    """A search over the gazetteer; the id of the place chosen (the workspace stores it on use)."""
    text = st.text_input("Search the gazetteer", value=query, key=f"{key}::text")
    found = gazetteer().lookup(text, limit=12) if text.strip() else []
    if not found:
        st.caption("No place by that name.")
        return None
    by_id = {p.id: p for p in found}
    st.session_state.setdefault("picked_places", {}).update(by_id)
    choice = st.selectbox(
        "Places",
        list(by_id),
        key=f"{key}::pick",
        format_func=lambda pid: (
            f"{place_label(by_id[pid].display_name, by_id[pid].kind, by_id[pid].country_code)}"
            + (f" · {by_id[pid].admin1}" if by_id[pid].admin1 else "")
        ),
    )
    return str(choice) if choice else None


def _apply(workspace: Workspace, key: int, action: str, place_id: str | None, scope: str) -> None:
    from mapview.workspace.decisions import decide

    if action == "search":
        action = "place"
    place = st.session_state.get("picked_places", {}).get(place_id) if place_id else None
    if place is None and place_id:
        place = queries.stored_places(workspace, [place_id]).get(place_id)
    decide(workspace, key, action, place=place, scope=scope)
    st.session_state["correcting"] = None
    st.toast("Correction saved")


def add_missed_place(workspace: Workspace, doc_id: str) -> None:
    """Pick a sentence of the document, type the words as written, choose the place."""
    from mapview.sentences import split_sentences

    with st.expander("Add a place the recognizer missed in this document"):
        text = queries.document_text(workspace, doc_id)
        if text is None:
            return
        spans = split_sentences(text)
        index = st.selectbox(
            "Sentence",
            range(len(spans)),
            key=f"add::{doc_id}::sentence",
            format_func=lambda i: text[spans[i].start : spans[i].end][:120],
        )
        words = st.text_input("The words as written", key=f"add::{doc_id}::words")
        if index is None or not words.strip():
            return
        span = spans[index]
        at = text.find(words.strip(), span.start, span.end)
        if at < 0:
            st.caption("Those words are not in the sentence (as written, with the same capitals).")
            return
        place_id = gazetteer_picker(f"add::{doc_id}::place", words.strip())
        st.button(
            "Add the place",
            key=f"add::{doc_id}::go",
            disabled=place_id is None,
            on_click=_add,
            args=(workspace, doc_id, at, at + len(words.strip()), place_id, span),
        )


def _add(workspace: Workspace, doc_id: str, start: int, end: int, place_id: str, sentence: Any) -> None:
    from mapview.workspace.decisions import DecisionError, add_mention

    try:
        add_mention(workspace, doc_id, start, end, st.session_state["picked_places"][place_id], sentence)
        st.toast("Place added")
    except DecisionError as exc:
        st.session_state["add_error"] = str(exc)


# --- exports ---------------------------------------------------------------------------------------


def exports(workspace: Workspace, current: Selection) -> None:
    from mapview.workspace.exports import export_text

    st.subheader("Export what is shown")
    empty = queries.totals(workspace, current).shown_documents == 0
    bom = st.checkbox("CSV for Excel (UTF-8 with a byte-order mark)", key="csv_bom")
    columns = st.columns(len(EXPORTS))
    for column, (label, fmt, file_name, mime) in zip(columns, EXPORTS):
        column.download_button(
            label,
            data=lambda fmt=fmt: export_text(workspace, current, fmt, bom=bom, shapes=gazetteer().shapes),
            file_name=file_name,
            mime=mime,
            key=f"export_{fmt}",
            disabled=empty,
            on_click="ignore",
        )


def main() -> None:
    st.set_page_config(page_title="mapview", layout="wide")
    st.title("Reported places")
    # Fixed slots, so the map keeps its place in the page whatever the status shows (a map
    # that moved would be a second map frame until the run ends).
    status, header, map_area = st.container(), st.container(), st.container()
    args = page_arguments()
    path = Path(args.workspace) if args.workspace else corpus_workspace(args.docs)
    job = None if args.docs is None else corpus_job(args.docs, str(path))
    with status:
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
    # The map is drawn first, into its place below the caption, and alone on a session's first
    # run (details_due). Every widget the map depends on changes the selection in its
    # callback, so the selection is final before any is drawn.
    current = selection()
    with map_area:
        place_map(workspace, current)
    with header:
        total = queries.totals(workspace, current)
        source = args.docs or args.workspace
        st.caption(
            plain(
                f"{total.shown_documents} of {total.documents} documents shown · {total.places} places · "
                f"{total.mentions} mentions · source: {source}"
            )
        )
        find_place(workspace, current)
    if details_due():
        add_documents(workspace)
        demonym_switch()
        date_filter(workspace)
        document_list(workspace)
        tiles_switch()
        timeline(workspace, current)
        correction_panel(workspace)
        tables(workspace, current)
        exports(workspace, current)
    else:
        st.caption("The document list, the tables and the exports follow once the map has drawn its places.")


def details_due() -> bool:
    """Whether this run draws the sidebar, the timeline, the tables and the exports.

    A session's first run leaves them out: the browser then loads and lays out the map
    alone, and the map's "drawn" event (or any other action) brings them a moment later.
    """
    due = "page_ran" in st.session_state
    st.session_state["page_ran"] = True
    return due


main()
