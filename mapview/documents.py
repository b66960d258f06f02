"""Documents from files, folders, uploads and pasted text.

Supported: ``.txt`` and ``.md`` (text as-is), ``.html``/``.htm`` (visible text,
``<title>`` as title), ``.json`` (an object with ``text`` or a list of them) and
``.jsonl`` (one such record per line). Records may carry ``id``, ``title``,
``source``, ``url`` and ``date``, or ``meta.title`` / ``meta.url`` as the
evaluation corpora do. Text is kept exactly (offsets refer to it); only a
leading byte-order mark is dropped, and lone surrogates (which no encoder
accepts) become U+FFFD, reported as a ``repaired`` notice.

Nothing bad costs more than itself: a bad file, JSONL line or item of a JSON
list is reported (file, line or item) and the rest is read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePath
from typing import IO, Any

from mapview import json_records
from mapview.encodings import bom_encoding, decode_text
from mapview.exc import DocumentError, InvalidRecordError, RecordTooDeepError, UnsupportedFormatError
from mapview.html_dates import published_date
from mapview.html_text import declared_charset, html_to_text
from mapview.input_files import InputFile, input_files, open_regular
from mapview.records import Document, Origin
from mapview.text_repair import Notice, repair_fields, repair_notice, repaired

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
"""File name endings the loaders read (case-insensitive)."""

ErrorHandler = Callable[[DocumentError], None]
NoticeHandler = Callable[[Notice], None]
_FIELDS = ("title", "source", "url", "date")


def load_documents(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    on_error: ErrorHandler | None = None,
    on_notice: NoticeHandler | None = None,
) -> Iterator[Document]:
    """Stream the documents in files and folders, one at a time.

    Folders are read recursively in sorted order, skipping hidden entries;
    links are followed once (see :mod:`mapview.input_files`). Ids are unique
    within one call: a record's ``id``; else the file name (the path relative
    to a folder given), with ``#N`` for the N-th record of a JSON list or the
    record on line N of a JSONL file; a repeated id gets ``~2``, ``~3``...
    Title defaults to the file stem and source to the file name. Each
    document's ``origin`` says where it was read.

    Parameters
    ----------
    paths : iterable of path-like
        Files and folders (a single path is accepted too).
    on_error : callable, optional
        Receives each :class:`~mapview.exc.DocumentError` (a missing, binary,
        unreadable or special file, an invalid record) and loading goes on;
        without it the error is raised.
    on_notice : callable, optional
        Receives each :class:`~mapview.text_repair.Notice`: fields repaired,
        files of other types passed over in folders, files reached twice.

    >>> docs = list(load_documents(["../shared/seeds"]))  # doctest: +SKIP
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    report = _reporter(on_error)
    seen: set[str] = set()
    for file in input_files(paths, extensions=SUPPORTED_EXTENSIONS, on_error=report, on_notice=on_notice):
        try:
            for document in _file_documents(file, report):
                yield with_unique_id(admitted(document, on_notice), seen)
        except DocumentError as error:
            report(error)


def documents_from_upload(
    name: str,
    data: bytes,
    *,
    on_error: ErrorHandler | None = None,
    on_notice: NoticeHandler | None = None,
) -> list[Document]:
    """The documents in an uploaded file; its type is taken from ``name``.

    Raises
    ------
    UnsupportedFormatError
        When ``name`` has none of :data:`SUPPORTED_EXTENSIONS`.
    DocumentError
        When the data is binary or (without ``on_error``) a record is invalid.
    """
    report = _reporter(on_error)
    extension = _extension(name, path=name)
    if extension == ".jsonl":
        found = _jsonl_documents(io.BytesIO(data), name, name, report)
    else:
        found = _bytes_documents(data, extension, name, name, report)
    return [admitted(document, on_notice) for document in found]


def documents_from_text(
    text: str,
    *,
    title: str | None = None,
    id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    date: str | None = None,
    on_notice: NoticeHandler | None = None,
) -> list[Document]:
    """Pasted text as a one-document list, so it is handled like an upload.

    The id defaults to ``pasted-`` and a hash of the text (the same text keeps
    its id); the title to the first non-blank line, shortened to 80 characters.

    >>> documents_from_text("Fighting in Herat\\n\\nMore text.")[0].title
    'Fighting in Herat'
    """
    pasted = Document(id=id or "pasted text", text=text, title=title, source=source, url=url, date=date)
    document = admitted(pasted, on_notice)
    text = document.text
    if id is None:
        document = dataclasses.replace(document, id="pasted-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10])
    if title is None:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        document = dataclasses.replace(document, title=(first[:79] + "…" if len(first) > 80 else first) or None)
    return [document]


def admitted(document: Document, on_notice: NoticeHandler | None = None) -> Document:
    """``document`` with lone surrogates repaired in every field; a repair is told to ``on_notice``.

    Every loader passes its documents through here; :func:`mapview.parse_documents`
    does too, for documents made by hand.
    """
    fixed, counts = repair_fields(document)
    if counts and on_notice is not None:
        where = None if document.origin is None else str(document.origin)
        on_notice(repair_notice(fixed.id, counts, where=where))
    return fixed


def with_unique_id(document: Document, seen: set[str]) -> Document:
    """``document``, or a copy whose id gets a ``~N`` suffix when ``seen`` has it; records the id in ``seen``."""
    id, n = document.id, 1
    while id in seen:
        n += 1
        id = f"{document.id}~{n}"
    seen.add(id)
    return document if id == document.id else dataclasses.replace(document, id=id)


def _reporter(on_error: ErrorHandler | None) -> ErrorHandler:
    def report(error: DocumentError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    return report


def _extension(name: str, *, path: str) -> str:
    extension = PurePath(name).suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        raise UnsupportedFormatError(f"{path}: unsupported file type (read: {supported})", path=path)
    return extension


def _file_documents(file: InputFile, report: ErrorHandler) -> Iterator[Document]:
    extension = _extension(file.name, path=file.path)
    try:
        with open(open_regular(file.path), "rb") as stream:
            if extension == ".jsonl":
                yield from _jsonl_documents(stream, file.name, file.path, report)
            else:
                yield from _bytes_documents(stream.read(), extension, file.name, file.path, report)
    except OSError as error:
        raise DocumentError(f"{file.path}: cannot read ({error.strerror or error})", path=file.path) from error


def _bytes_documents(data: bytes, extension: str, name: str, path: str, report: ErrorHandler) -> Iterator[Document]:
    defaults = {"title": PurePath(name).stem, "source": PurePath(name).name}
    origin = Origin(repaired(path))  # a file name that is not UTF-8 must not reach a message
    if extension in (".html", ".htm"):
        markup = decode_text(data, path=path, declared=declared_charset(data)).text
        page = html_to_text(markup)
        title = page.title or defaults["title"]
        yield Document(
            id=name, text=page.text, **{**defaults, "title": title}, date=published_date(markup), origin=origin
        )
    elif extension == ".json":
        for item in json_records.items(decode_text(data, path=path).text):
            where = Origin(origin.path, item=item.item)
            if item.problem is not None:
                report(_record_error(item, where))
                continue
            try:
                yield _record_document(
                    item.value, name if item.item is None else f"{name}#{item.item}", defaults, where
                )
            except InvalidRecordError as error:
                report(error)
    else:
        yield Document(id=name, text=decode_text(data, path=path).text, **defaults, origin=origin)


def _jsonl_documents(file: IO[bytes], name: str, path: str, report: ErrorHandler) -> Iterator[Document]:
    defaults = {"source": PurePath(name).name}
    lines: Iterable[bytes] = file
    head = file.peek(4) if isinstance(file, io.BufferedReader) else file.read(4)
    if not isinstance(file, io.BufferedReader):
        file.seek(0)
    encoding = bom_encoding(head)
    if encoding not in (None, "utf-8-sig"):  # UTF-16/32 lines cannot be split as bytes
        text = decode_text(file.read(), path=path).text
        lines = (line.encode("utf-8", "surrogatepass") for line in text.split("\n"))
    for number, raw in enumerate(lines, 1):
        if not raw.strip() or (number == 1 and raw.strip() == b"\xef\xbb\xbf"):
            continue
        where = Origin(repaired(path), line=number)
        try:
            item = json_records.loads(decode_text(raw, path=f"{path}:{number}").text)
            if item.problem is not None:
                raise _record_error(item, where)
            yield _record_document(item.value, f"{name}#{number}", defaults, where)
        except DocumentError as error:
            report(error if error.line else InvalidRecordError(str(error), path=path, line=number))


def _record_error(item: json_records.JsonItem, where: Origin) -> InvalidRecordError:
    error = RecordTooDeepError if item.too_deep else InvalidRecordError
    return error(f"{where}: {item.problem}", path=where.path, line=where.line)


def _record_document(record: Any, default_id: str, defaults: dict[str, str], where: Origin) -> Document:
    if not isinstance(record, dict):
        raise InvalidRecordError(f"{where}: a record must be a JSON object", path=where.path, line=where.line)
    text = record.get("text")
    if not isinstance(text, str):
        raise InvalidRecordError(f"{where}: record has no string 'text'", path=where.path, line=where.line)
    meta = record.get("meta")
    if not isinstance(meta, dict):
        meta = {}
    fields = {key: _optional_str(record.get(key, meta.get(key))) for key in _FIELDS}
    for key, value in defaults.items():
        fields[key] = fields[key] if fields[key] is not None else value
    record_id = record.get("id")
    return Document(id=default_id if record_id is None else str(record_id), text=text, **fields, origin=where)


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)
