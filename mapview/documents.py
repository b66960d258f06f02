"""Documents from files, folders, uploads and pasted text.

Supported: ``.txt`` and ``.md`` (text as-is), ``.html``/``.htm`` (visible text,
``<title>`` as title), ``.json`` (an object with ``text`` or a list of them) and
``.jsonl`` (one such record per line). Records may carry ``id``, ``title``,
``source``, ``url`` and ``date``, or ``meta.title`` / ``meta.url`` as the
evaluation corpora do. Text is kept exactly (offsets refer to it); only a
leading byte-order mark is dropped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePath
from typing import IO, Any

from mapview.encodings import bom_encoding, decode_text
from mapview.exc import DocumentError, InvalidRecordError, UnsupportedFormatError
from mapview.html_text import declared_charset, html_to_text
from mapview.records import Document

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
"""File name endings the loaders read (case-insensitive)."""

ErrorHandler = Callable[[DocumentError], None]
_FIELDS = ("title", "source", "url", "date")


def load_documents(
    paths: Iterable[str | os.PathLike[str]], *, on_error: ErrorHandler | None = None
) -> Iterator[Document]:
    """Stream the documents in files and folders, one at a time.

    Folders are read recursively in sorted order, skipping hidden entries and
    unsupported file types. Ids are unique within one call: a record's ``id``;
    else the file name (the path relative to a folder given), with ``#N`` for
    the N-th record of a JSON list or the record on line N of a JSONL file;
    a repeated id gets ``~2``, ``~3``... Title defaults to the file stem and
    source to the file name.

    Parameters
    ----------
    paths : iterable of path-like
        Files and folders (a single path is accepted too).
    on_error : callable, optional
        Receives each :class:`~mapview.exc.DocumentError` (a binary or unreadable
        file, an invalid record) and loading goes on; without it the error is raised.

    >>> docs = list(load_documents(["../shared/seeds"]))  # doctest: +SKIP
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[str] = set()
    for path in paths:
        for file_path, name in _files(os.fspath(path), on_error):
            try:
                for document in _file_documents(file_path, name, on_error):
                    yield with_unique_id(document, seen)
            except DocumentError as error:
                _report(error, on_error)


def documents_from_upload(name: str, data: bytes, *, on_error: ErrorHandler | None = None) -> list[Document]:
    """The documents in an uploaded file; its type is taken from ``name``.

    Raises
    ------
    UnsupportedFormatError
        When ``name`` has none of :data:`SUPPORTED_EXTENSIONS`.
    DocumentError
        When the data is binary or (without ``on_error``) a record is invalid.
    """
    extension = _extension(name, path=name)
    if extension == ".jsonl":
        return list(_jsonl_documents(io.BytesIO(data), name, name, on_error))
    return list(_bytes_documents(data, extension, name, name))


def documents_from_text(
    text: str,
    *,
    title: str | None = None,
    id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    date: str | None = None,
) -> list[Document]:
    """Pasted text as a one-document list, so it is handled like an upload.

    The id defaults to ``pasted-`` and a hash of the text (the same text keeps
    its id); the title to the first non-blank line, shortened to 80 characters.

    >>> documents_from_text("Fighting in Herat\\n\\nMore text.")[0].title
    'Fighting in Herat'
    """
    if id is None:
        id = "pasted-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    if title is None:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        title = (first[:79] + "…" if len(first) > 80 else first) or None
    return [Document(id=id, text=text, title=title, source=source, url=url, date=date)]


def _report(error: DocumentError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


def with_unique_id(document: Document, seen: set[str]) -> Document:
    """``document``, or a copy whose id gets a ``~N`` suffix when ``seen`` has it; records the id in ``seen``."""
    id, n = document.id, 1
    while id in seen:
        n += 1
        id = f"{document.id}~{n}"
    seen.add(id)
    return document if id == document.id else dataclasses.replace(document, id=id)


def _files(path: str, on_error: ErrorHandler | None) -> Iterator[tuple[str, str]]:
    """(file path, name used for ids) of a file, or of a folder's supported files."""
    if os.path.isdir(path):
        root = Path(path)
        for file_path in _walk(root, on_error):
            yield str(file_path), file_path.relative_to(root).as_posix()
    elif os.path.exists(path):
        yield path, os.path.basename(path)
    else:
        _report(DocumentError(f"{path}: no such file or folder", path=path), on_error)


def _walk(folder: Path, on_error: ErrorHandler | None) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        _report(DocumentError(f"{folder}: cannot list folder ({error.strerror})", path=str(folder)), on_error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), on_error)
        elif entry.is_file() and entry.name.lower().endswith(SUPPORTED_EXTENSIONS):
            yield Path(entry.path)


def _extension(name: str, *, path: str) -> str:
    extension = PurePath(name).suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        raise UnsupportedFormatError(f"{path}: unsupported file type (read: {supported})", path=path)
    return extension


def _file_documents(path: str, name: str, on_error: ErrorHandler | None) -> Iterator[Document]:
    extension = _extension(name, path=path)
    try:
        with open(path, "rb") as file:
            if extension == ".jsonl":
                yield from _jsonl_documents(file, name, path, on_error)
            else:
                yield from _bytes_documents(file.read(), extension, name, path)
    except OSError as error:
        raise DocumentError(f"{path}: cannot read ({error.strerror or error})", path=path) from error


def _bytes_documents(data: bytes, extension: str, name: str, path: str) -> Iterator[Document]:
    defaults = {"title": PurePath(name).stem, "source": PurePath(name).name}
    if extension in (".html", ".htm"):
        page = html_to_text(decode_text(data, path=path, declared=declared_charset(data)).text)
        yield Document(id=name, text=page.text, **{**defaults, "title": page.title or defaults["title"]})
    elif extension == ".json":
        try:
            value = json.loads(decode_text(data, path=path).text)
        except ValueError as error:
            raise InvalidRecordError(f"{path}: invalid JSON ({error})", path=path) from error
        if isinstance(value, list):
            for n, record in enumerate(value, 1):
                yield _record_document(record, f"{name}#{n}", defaults, path, f"item {n}")
        else:
            yield _record_document(value, name, defaults, path, None)
    else:
        yield Document(id=name, text=decode_text(data, path=path).text, **defaults)


def _jsonl_documents(file: IO[bytes], name: str, path: str, on_error: ErrorHandler | None) -> Iterator[Document]:
    defaults = {"source": PurePath(name).name}
    lines: Iterable[bytes] = file
    head = file.peek(4) if isinstance(file, io.BufferedReader) else file.read(4)
    if not isinstance(file, io.BufferedReader):
        file.seek(0)
    encoding = bom_encoding(head)
    if encoding not in (None, "utf-8-sig"):  # UTF-16/32 lines cannot be split as bytes
        text = decode_text(file.read(), path=path).text
        lines = (line.encode("utf-8") for line in text.split("\n"))
    for number, raw in enumerate(lines, 1):
        if not raw.strip() or (number == 1 and raw.strip() == b"\xef\xbb\xbf"):
            continue
        try:
            record = json.loads(decode_text(raw, path=f"{path}:{number}").text)
            yield _record_document(record, f"{name}#{number}", defaults, path, number)
        except ValueError as error:  # DocumentError is a ValueError too
            message = str(error) if isinstance(error, DocumentError) else f"invalid JSON ({error})"
            if not message.startswith(f"{path}:"):
                message = f"{path}:{number}: {message}"
            _report(InvalidRecordError(message, path=path, line=number), on_error)


def _record_document(
    record: Any, default_id: str, defaults: dict[str, str], path: str, where: int | str | None
) -> Document:
    place = f"{path}:{where}" if isinstance(where, int) else f"{path} ({where})" if where else path
    if not isinstance(record, dict):
        raise InvalidRecordError(f"{place}: a record must be a JSON object", path=path)
    text = record.get("text")
    if not isinstance(text, str):
        raise InvalidRecordError(f"{place}: record has no string 'text'", path=path)
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    fields = {key: _optional_str(record.get(key, meta.get(key))) for key in _FIELDS}
    for key, value in defaults.items():
        fields[key] = fields[key] if fields[key] is not None else value
    record_id = record.get("id")
    return Document(id=default_id if record_id is None else str(record_id), text=text, **fields)


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)
