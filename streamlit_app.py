"""mapview dashboard: the places a corpus of reports names, on an offline map, with the evidence.

    streamlit run streamlit_app.py                      # the bundled sample corpus
    streamlit run streamlit_app.py -- --docs PATH       # a file, a folder or a JSONL of records

A thin page over :mod:`mapview`: loading, parsing, map building and exports all
live there. Parsed documents are cached per document, so a rerun (a click, a
toggle) or an added upload parses nothing that was parsed before.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import mapview
from mapview.documents import (
    SUPPORTED_EXTENSIONS, documents_from_text, documents_from_upload, load_documents, with_unique_id,
)
from mapview.exc import DocumentError
from mapview.records import Document, ParsedDocument
from mapview.webmap.builder import TILE_PROVIDERS, LayerSpec, build_map, color_for
from mapview.webmap.corpus import (
    clicked_feature, csv_text, geojson_text, layer_specs, mention_rows, selected_rows, visible_documents,
)

SAMPLES = Path(__file__).resolve().parent / "samples" / "reports.jsonl"


def corpus_path() -> str:
    """The corpus named on the command line after ``--``, else the bundled samples."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--docs", default=str(SAMPLES))
    args, _ = parser.parse_known_args(sys.argv[1:])
    return args.docs


@st.cache_resource(show_spinner="Loading documents…", max_entries=4)
def base_documents(path: str) -> tuple[list[Document], list[str]]:
    """The documents of the corpus at ``path`` and the loading errors met."""
    errors: list[str] = []
    docs = list(load_documents([path], on_error=lambda e: errors.append(str(e))))
    return docs, errors


@st.cache_resource
def parsed_store() -> dict[str, ParsedDocument]:
    """Parsed documents by fingerprint, for the life of the server (immutable records)."""
    return {}


def fingerprint(doc: Document) -> str:
    fields = (doc.id, doc.title, doc.source, doc.url, doc.date, doc.text)
    return hashlib.sha1(repr(fields).encode("utf-8", "surrogatepass")).hexdigest()


def unique_ids(docs: list[Document]) -> list[Document]:
    """The documents with ids made unique (an upload may reuse a corpus id)."""
    seen: set[str] = set()
    return [with_unique_id(doc, seen) for doc in docs]


def parse(docs: list[Document]) -> list[ParsedDocument]:
    """Every document parsed, the new ones with a progress bar."""
    store = parsed_store()
    keys = [fingerprint(d) for d in docs]
    todo = [d for d, k in zip(docs, keys) if k not in store]
    if todo:
        bar = st.progress(0.0, text=f"Parsing {len(todo)} document(s)…")
        for i, parsed in enumerate(mapview.parse_documents(todo), 1):
            store[fingerprint(parsed.document)] = parsed
            bar.progress(i / len(todo), text=f"Parsed {i} of {len(todo)} document(s)")
        bar.empty()
    return [store[k] for k in keys]


@st.cache_resource(max_entries=8)
def specs_for(key: str, _parsed: list[ParsedDocument]) -> list[LayerSpec]:
    return layer_specs(_parsed)


def added_documents() -> list[Document]:
    """Uploads and pasted text, from the sidebar."""
    docs: list[Document] = []
    with st.sidebar.expander("Add documents", expanded=False):
        files = st.file_uploader(
            "Upload reports", type=[e.lstrip(".") for e in SUPPORTED_EXTENSIONS],
            accept_multiple_files=True, key="uploads",
        )
        for file in files or []:
            try:
                docs.extend(documents_from_upload(file.name, file.getvalue()))
            except DocumentError as exc:
                st.warning(f"{file.name}: {exc}")
        with st.form("paste", clear_on_submit=True):
            text = st.text_area("Or paste a report", key="paste_text")
            if st.form_submit_button("Add text") and text.strip():
                st.session_state.setdefault("pasted", []).extend(documents_from_text(text))
    return docs + st.session_state.get("pasted", [])


def _set_all(ids: list[str], value: bool) -> None:
    for doc_id in ids:
        st.session_state[f"show::{doc_id}"] = value


def _only(doc_id: str, ids: list[str]) -> None:
    _set_all(ids, False)
    st.session_state[f"show::{doc_id}"] = True


def _md(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~$:])", r"\\\1", text)


def layer_list(parsed: list[ParsedDocument], counts: dict[str, int]) -> list[str]:
    """The sidebar's document list; returns the ids of the documents shown."""
    ids = [p.document.id for p in parsed]
    for doc_id in ids:
        st.session_state.setdefault(f"show::{doc_id}", True)
    side = st.sidebar
    side.subheader("Documents")
    left, right = side.columns(2)
    left.button("Show all", on_click=_set_all, args=(ids, True), key="show_all", use_container_width=True)
    right.button("None", on_click=_set_all, args=(ids, False), key="show_none", use_container_width=True)
    for index, p in enumerate(parsed):
        doc_id = p.document.id
        swatch, box, only = side.columns([1, 10, 4], vertical_alignment="center")
        swatch.markdown(f'<span style="color:{color_for(index)}">&#9679;</span>', unsafe_allow_html=True)
        title = _md(p.document.title or doc_id)
        box.checkbox(f"{title} ({counts.get(doc_id, 0)})", key=f"show::{doc_id}")
        only.button(
            "only", key=f"only::{doc_id}", on_click=_only, args=(doc_id, ids), type="tertiary",
            help="Show only this document",
        )
    return [doc_id for doc_id in ids if st.session_state.get(f"show::{doc_id}")]


def main() -> None:
    st.set_page_config(page_title="mapview", layout="wide")
    st.title("Reported places")
    if not hasattr(mapview, "parse_documents"):
        st.error("This mapview has no parser (mapview.parse_documents).")
        st.stop()
    path = corpus_path()
    base, errors = base_documents(path)
    docs = unique_ids(base + added_documents())
    if errors:
        with st.expander(f"{len(errors)} file(s) could not be read"):
            for error in errors:
                st.text(error)
    if not docs:
        st.info(f"No documents in {path}: upload some or paste a report in the sidebar.")
        st.stop()
    parsed = parse(docs)
    key = hashlib.sha1("|".join(fingerprint(p.document) for p in parsed).encode()).hexdigest()
    specs = specs_for(key, parsed)
    counts = {s.doc_id: len(s.features) for s in specs}
    visible = layer_list(parsed, counts)
    tiles = st.sidebar.toggle(
        "Online map tiles", value=False, key="tiles",
        help="Draws OpenStreetMap tiles fetched from the internet. Off: offline country outlines.",
    )
    st.caption(f"{len(parsed)} documents · {sum(counts.values())} places on the map · source: {path}")

    web = build_map(specs, visible=visible, tiles=TILE_PROVIDERS[0] if tiles else None)
    out = st_folium(
        web.map, feature_group_to_add=web.layers, layer_control=web.control, key="map",
        height=560, use_container_width=True, returned_objects=["last_active_drawing"],
    )
    feature = clicked_feature((out or {}).get("last_active_drawing"))

    shown = visible_documents(parsed, set(visible))
    rows = mention_rows(shown)
    picked = selected_rows(rows, feature)
    st.subheader("Mentions")
    if picked:
        st.caption(f"Selected on the map: {rows[picked[0]].place} in “{rows[picked[0]].document}”")
    table = pd.DataFrame(
        [(r.document, r.sentence, r.name, r.place, r.kind, r.country_code, r.confidence) for r in rows],
        columns=["Document", "Sentence", "Name", "Place", "Kind", "Country", "Confidence"],
    )
    table_key = hashlib.sha1(repr((visible, feature)).encode()).hexdigest()[:12]
    st.dataframe(
        table, key=f"mentions::{table_key}", hide_index=True, on_select="rerun",
        selection_mode="multi-row", selection_default={"selection": {"rows": picked}},
        column_config={"Confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f")},
    )

    st.subheader("Export what is shown")
    left, right = st.columns(2)
    left.download_button(
        "GeoJSON", data=lambda: geojson_text(shown), file_name="mapview.geojson",
        mime="application/geo+json", key="export_geojson", disabled=not shown, on_click="ignore",
    )
    right.download_button(
        "CSV", data=lambda: csv_text(shown), file_name="mapview.csv", mime="text/csv",
        key="export_csv", disabled=not shown, on_click="ignore",
    )


main()
