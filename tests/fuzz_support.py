"""Hostile inputs for the loaders and the whole pipeline, and the bookkeeping that finds what they cost.

Used by ``tests/test_fuzz.py`` (a small, bounded run in ``make test``) and
``scripts/fuzz.py`` (``make fuzz``: 10,000 documents). Inputs are generated
from a seed, so a failure can be replayed: real report texts mutated (bytes
flipped, cut, spliced with binary, re-encoded, surrogates put in), huge lines,
HTML payloads, deep and broken JSON, bad records, named pipes, links
(dangling, looping, repeated) and file names that are not UTF-8.

A run counts three things, each of which should be 0:

- crashes: an exception escaping the loaders, the parser or the writers;
- hangs: an input whose reading and parsing took more than ``hang_seconds``;
- losses: a file, JSONL line or JSON list item that gave neither a document
  nor a message naming it, or a document read that was neither parsed nor
  reported as failed.
"""

from __future__ import annotations

import io
import json
import os
import random
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "reports.jsonl"
FALLBACK_TEXTS = [
    "Shelling hit Idlib province and Aleppo on Monday.",
    "Convoys left Herat for Kabul.\n\nFloods hit Nangarhar.",
]
HTML_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![x](http://host/p.png)",
    "[a](javascript:alert(1))",
    "<a href='javascript:alert(1)'>Kabul</a>",
    "<svg><title>Herat</title><script>x</script></svg>",
    "{{7*7}}",
    "<!--",
    "<a x='",
    "</",
    "<?php",
    "<![CDATA[",
    "&#x0;&#0;&#xD800;",
    "<iframe src=//x>",
    "<style>*{}</style",
]
UNITS = ["\ud800", "\udfff", "\u0000", "\u202e", "\u200b", "\ufeff", "\u2028", "\U0001f600", "\ufffd", "=", "\r", "\t"]


@dataclass(slots=True)
class FuzzFile:
    """One generated path: its bytes (or a ``kind`` of special file), and the units expected from it.

    ``units`` are the places a document or a message must name: ``None`` for
    the file as a whole ("something came of it"), an ``int`` JSONL line or a
    JSON list ``item`` (``("item", n)``) when the generator knows the record
    structure it wrote.
    """

    name: bytes
    data: bytes = b""
    kind: str = "file"  # file, fifo, dangling, link-to (target in data), loop
    units: list[object] = field(default_factory=lambda: [None])
    label: str = ""


@dataclass(slots=True)
class Tally:
    """What a fuzz run found."""

    documents: int = 0
    files: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")

    def line(self) -> str:
        return (
            f"documents: {self.documents} ({self.files} files) | crashes: {len(self.crashes)} | "
            f"hangs (>60 s): {len(self.hangs)} | lost without a message: {len(self.losses)} | "
            f"slowest input: {self.slowest[0]:.1f} s ({self.slowest[1]})"
        )


class Generator:
    """Seeded hostile files; :meth:`batch` makes one folder's worth."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.texts = _texts()
        self.count = 0

    def batch(self, size: int) -> list[FuzzFile]:
        kinds: list[Callable[[], FuzzFile]] = [
            self.plain,
            self.mutated,
            self.reencoded,
            self.surrogates,
            self.huge_line,
            self.html,
            self.jsonl,
            self.json_list,
            self.deep_json,
            self.binary,
            self.special,
            self.odd_name,
        ]
        weights = [10, 16, 6, 8, 2, 10, 14, 8, 4, 4, 3, 3]
        return [self.random.choices(kinds, weights)[0]() for _ in range(size)]

    def _name(self, extension: str) -> bytes:
        self.count += 1
        return f"f{self.count:05d}{extension}".encode()

    def _text(self) -> str:
        return self.random.choice(self.texts)

    def plain(self) -> FuzzFile:
        return FuzzFile(self._name(self.random.choice([".txt", ".md"])), self._text().encode(), label="plain")

    def mutated(self) -> FuzzFile:
        data = bytearray(self._text().encode())
        for _ in range(self.random.randint(1, 20)):
            operation = self.random.randrange(5)
            at = self.random.randrange(len(data) + 1)
            if operation == 0 and data:
                data[min(at, len(data) - 1)] = self.random.randrange(256)
            elif operation == 1:
                data[at:at] = bytes(self.random.randrange(256) for _ in range(self.random.randint(1, 8)))
            elif operation == 2:
                data[at:at] = self.random.choice(UNITS).encode("utf-8", "surrogatepass") * self.random.randint(1, 50)
            elif operation == 3:
                del data[at : at + self.random.randint(1, 200)]
            else:
                data[at:at] = self.random.choice(HTML_PAYLOADS).encode()
        return FuzzFile(self._name(self.random.choice([".txt", ".md", ".html"])), bytes(data), label="mutated")

    def reencoded(self) -> FuzzFile:
        codec = self.random.choice(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "utf-8-sig", "cp1251"])
        data = self._text().encode(codec, "replace")
        if self.random.random() < 0.3:
            data = data[: self.random.randrange(len(data) + 1)]  # cut mid-character
        return FuzzFile(self._name(".txt"), data, label=f"encoding {codec}")

    def surrogates(self) -> FuzzFile:
        text = self._text()
        at = self.random.randrange(len(text) + 1)
        text = text[:at] + self.random.choice(["\ud800", "\udc80", "\udfff\ud800", "\ud83d"]) + text[at:]
        if self.random.random() < 0.5:
            record = {"id": f"s\udc80{self.random.randrange(10)}", "text": text, "title": "T \ud800"}
            data = (json.dumps(record) + "\n").encode()
            return FuzzFile(self._name(".jsonl"), data, units=[1], label="surrogate json")
        return FuzzFile(self._name(".txt"), text.encode("utf-8", "surrogatepass"), label="surrogate bytes")

    def huge_line(self) -> FuzzFile:
        unit = self.random.choice([".", "<", "a", "<a ", "x<", "\U0001f600", "..\n", "- ", "Kabul-", "=", "&amp;"])
        size = self.random.choice([2_000, 10_000, 50_000, 100_000])
        text = "Fighting in Kabul" + unit * (size // len(unit)) + "x"
        return FuzzFile(self._name(self.random.choice([".txt", ".html"])), text.encode(), label=f"huge {unit!r}")

    def html(self) -> FuzzFile:
        parts = [
            self.random.choice([*HTML_PAYLOADS, self._text(), "<p>", "</p>", "<br>", "<title>", "</title>"])
            for _ in range(self.random.randint(1, 30))
        ]
        return FuzzFile(self._name(".html"), "".join(parts).encode("utf-8", "surrogatepass"), label="html")

    def _record(self) -> tuple[str, bool]:
        """A JSONL line and whether it is a valid record."""
        choice = self.random.randrange(10)
        text = self._text()
        if choice < 6:
            record = {
                "id": self.random.choice([None, "x", 7, "dup"]),
                "text": text,
                "title": self.random.choice([None, "=cmd", "![x](http://h/p.png)", 5, ["a"]]),
            }
            return json.dumps({k: v for k, v in record.items() if v is not None}), True
        return self.random.choice(
            [
                json.dumps({"text": 42}),
                json.dumps(["text"]),
                '{"text": "cut',
                "[" * 2000,
                "{" * 150 + "}" * 150,
                json.dumps({"title": "no text"}),
                "not json",
                '{"text": "a", "meta": ' + "[" * 500 + "]" * 500 + "}",
                '{"text": 1e999}',
                '{"text": "x", "id": ' + "9" * 5000 + "}",
            ]
        ), False

    def jsonl(self) -> FuzzFile:
        lines = [self._record()[0] for _ in range(self.random.randint(1, 12))]
        units: list[object] = [n for n, line in enumerate(lines, 1) if line.strip()]
        return FuzzFile(self._name(".jsonl"), ("\n".join(lines) + "\n").encode(), units=units, label="jsonl")

    def json_list(self) -> FuzzFile:
        items = [self._record()[0] for _ in range(self.random.randint(1, 8))]
        text = "[" + ", ".join(items) + "]"
        closed = all(
            item.count("[") == item.count("]") and item.count("{") == item.count("}") and item.count('"') % 2 == 0
            for item in items
        )
        units: list[object] = [("item", n) for n in range(1, len(items) + 1)] if closed else [None]
        return FuzzFile(self._name(".json"), text.encode(), units=units, label="json list")

    def deep_json(self) -> FuzzFile:
        depth = self.random.choice([50, 99, 101, 1000, 3000, 100_000])
        data = ("[" * depth + "]" * self.random.choice([0, depth])).encode()
        return FuzzFile(self._name(".json"), data, label="deep json")

    def binary(self) -> FuzzFile:
        data = self.random.choice([b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"PK\x03\x04", b""])
        data += bytes(self.random.randrange(256) for _ in range(self.random.randint(0, 3000)))
        return FuzzFile(self._name(self.random.choice([".txt", ".json", ".jsonl", ".html"])), data, label="binary")

    def special(self) -> FuzzFile:
        kind = self.random.choice(["fifo", "dangling", "loop"])
        return FuzzFile(self._name(".txt"), kind=kind, label=kind)

    def odd_name(self) -> FuzzFile:
        odd = self.random.choice([b"\xe9", b"\xff\xfe", b"\xed\xa0\x80", b" =x", b"\n"])
        name = self._name(".txt")[:-4] + odd + b".txt"
        return FuzzFile(name, self._text().encode(), label="odd file name")


def write_batch(folder: Path, files: list[FuzzFile]) -> None:
    """Write ``files`` into ``folder`` (pipes, links and odd names included)."""
    root = os.fsencode(folder)
    for file in files:
        path = os.path.join(root, file.name)
        if file.kind == "fifo":
            os.mkfifo(path)
        elif file.kind == "dangling":
            os.symlink(os.path.join(root, b"missing-" + file.name), path)
        elif file.kind == "loop":
            os.symlink(path, path)  # a link to itself: ELOOP
        else:
            with open(path, "wb") as stream:
                stream.write(file.data)


def run_batch(folder: Path, files: list[FuzzFile], geoparser: Any, tally: Tally, *, hang_seconds: float = 60) -> None:
    """Read and parse one written batch, file by file, and account for every unit."""
    from mapview.documents import load_documents
    from mapview.export import write

    for file in files:
        path = os.path.join(os.fsencode(folder), file.name)
        display = f"{file.label}: {os.fsdecode(file.name)!r}"
        errors: list[object] = []
        notices: list[object] = []
        started = time.perf_counter()
        try:
            documents = list(load_documents([os.fsdecode(path)], on_error=errors.append, on_notice=notices.append))
            parse_errors: list[object] = []
            parsed = list(geoparser.parse_many(documents, processes=1, on_error=parse_errors.append))
            for fmt in ("jsonl", "geojson", "csv"):
                out = io.StringIO()
                write(parsed, out, fmt)
                out.getvalue().encode("utf-8")  # nothing written that an encoder refuses
            for message in [*errors, *notices, *parse_errors]:
                str(message).encode("utf-8")  # nor in a message
        except Exception:  # a crash is what this harness counts
            tally.crashes.append(f"{display}\n{traceback.format_exc()}")
            continue
        seconds = time.perf_counter() - started
        tally.slowest = max(tally.slowest, (seconds, display))
        if seconds > hang_seconds:
            tally.hangs.append(f"{display}: {seconds:.0f} s")
        tally.files += 1
        tally.documents += max(1, len(file.units))
        _account(file, display, documents, errors, tally)
        reported = {getattr(e, "document_id", None) for e in parse_errors}
        done = {p.document.id for p in parsed}
        tally.losses += [
            f"{display}: document {d.id!r} neither parsed nor reported"
            for d in documents
            if d.id not in done and d.id not in reported
        ]


def _account(file: FuzzFile, display: str, documents: list, errors: list, tally: Tally) -> None:
    lines = {d.origin.line for d in documents if d.origin is not None} | {getattr(e, "line", None) for e in errors}
    items = {d.origin.item for d in documents if d.origin is not None} | {_item(e) for e in errors}
    for unit in file.units:
        if unit is None:
            found = bool(documents or errors)
        elif isinstance(unit, int):
            found = unit in lines
        else:
            found = unit[1] in items  # type: ignore[index]
        if not found:
            tally.losses.append(f"{display}: {unit or 'the file'} gave no document and no message")


def _item(error: object) -> int | None:
    text = str(error)
    marker = " (item "
    if marker not in text:
        return None
    number = text.split(marker, 1)[1].split(")", 1)[0]
    return int(number) if number.isdigit() else None


def _texts() -> list[str]:
    if not SAMPLES.exists():
        return FALLBACK_TEXTS
    texts = [json.loads(line)["text"] for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    # sentences and paragraphs too, so most inputs stay small
    return texts + [p for t in texts for p in t.split("\n\n") if p.strip()]


def batches(seed: int, total: int, size: int) -> Iterator[list[FuzzFile]]:
    """Batches of generated files until ``total`` units are made."""
    generator = Generator(seed)
    made = 0
    while made < total:
        files = generator.batch(size)
        made += sum(max(1, len(f.units)) for f in files)
        yield files
