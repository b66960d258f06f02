"""Visible text of an HTML page, in time linear in the page's length.

Markup, comments and the contents of ``head``, ``script``, ``style``,
``noscript`` and ``template`` are dropped; entities are unescaped; runs of
whitespace collapse to one space as a browser shows them (inside ``pre`` only
line breaks are kept); block-level elements start a new line and paragraphs
are separated by a blank line, so sentences never run across them.

The tokenizer is ours, not :class:`html.parser.HTMLParser`, whose scans
restart at every ``<`` of an unclosed construct (``"<a " * 40000`` took two
minutes). It follows the HTML standard's main states: ``<`` starts a tag only
before a letter (``/`` + letter for an end tag), quotes count only right
after ``=``, ``script``/``style`` (raw text) and ``title``/``textarea`` (text
with entities) run to their end tag, and a tag, comment or quoted value left
open at the end of the page swallows the rest as a browser's would. Every
character is examined a bounded number of times: O(n) for n characters.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import NamedTuple

HIDDEN_TAGS = frozenset({"head", "script", "style", "noscript", "template"})
PARAGRAPH_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "main",
        "nav",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dl",
        "form",
        "fieldset",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "address",
        "details",
        "body",
    }
)
LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "option"})
CELL_TAGS = frozenset({"td", "th"})
RAW_TEXT_TAGS = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes"})
"""Elements whose content is never markup and never shown."""
ESCAPABLE_TEXT_TAGS = frozenset({"title", "textarea"})
"""Elements whose content is text (entities decoded) up to their end tag."""

_SPACES = re.compile(r"[^\S\n\xa0]+")
_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_TAG_STOP = re.compile(r"[>=]")
_SPACE = re.compile(r"[\t\n\f\r ]*")
_END_TAGS: dict[str, re.Pattern[str]] = {}


class PageText(NamedTuple):
    """The visible text of a page and its ``<title>`` (None when absent or empty)."""

    title: str | None
    text: str


class _Token(NamedTuple):
    kind: str  # "data", "start", "end"
    value: str  # the text, or the lower-cased tag name
    self_closing: bool = False


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag of its first 4 KB, or None.

    >>> declared_charset(b'<html><meta charset="windows-1252">')
    'windows-1252'
    """
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def html_to_text(markup: str) -> PageText:
    """Extract a page's title and visible text, in O(len(markup)) time.

    >>> html_to_text("<title>T</title><p>A &amp; B</p><script>x()</script><p>C</p>")
    PageText(title='T', text='A & B\\n\\nC')
    """
    page = _VisibleText()
    for token in _tokens(markup):
        if token.kind == "data":
            page.data(token.value)
        elif token.kind == "start":
            page.start(token.value)
            if token.self_closing:
                page.end(token.value)
        else:
            page.end(token.value)
    return PageText(page.title(), page.text())


def _tokens(markup: str) -> Iterator[_Token]:
    """Text runs (entities decoded) and tags, in order; comments, doctypes and attributes are dropped."""
    n = len(markup)
    data_start = position = 0
    while True:
        lt = markup.find("<", position)
        if lt == -1 or lt + 1 >= n:
            break
        following = markup[lt + 1]
        if following.isascii() and following.isalpha():
            end, name, self_closing = _tag(markup, lt + 1)
            yield from _data(markup, data_start, lt)
            if end == n:
                return  # a tag still open at the end of the page holds the rest
            yield _Token("start", name, self_closing)
            data_start = position = end
            if name in RAW_TEXT_TAGS or name in ESCAPABLE_TEXT_TAGS:
                close = _end_tag(name).search(markup, end)
                stop = n if close is None else close.start()
                if name in ESCAPABLE_TEXT_TAGS:
                    yield from _data(markup, end, stop)
                data_start = position = stop
        elif following == "/" and lt + 2 < n and markup[lt + 2].isascii() and markup[lt + 2].isalpha():
            end, name, _ = _tag(markup, lt + 2)
            yield from _data(markup, data_start, lt)
            if end == n:
                return
            yield _Token("end", name)
            data_start = position = end
        elif following in "!?/":
            yield from _data(markup, data_start, lt)
            data_start = position = _comment_end(markup, lt)
        else:
            position = lt + 1  # a "<" that starts nothing is text
    yield from _data(markup, data_start, n)


def _data(markup: str, start: int, stop: int) -> Iterator[_Token]:
    if stop > start:
        yield _Token("data", html.unescape(markup[start:stop]))


def _tag(markup: str, position: int) -> tuple[int, str, bool]:
    """``(end, name, self_closing)`` of the tag whose name starts at ``position``; ``end`` is
    ``len(markup)`` when the tag is never closed."""
    name_match = _TAG_NAME.match(markup, position)
    assert name_match is not None
    position = name_match.end()
    while True:
        stop = _TAG_STOP.search(markup, position)
        if stop is None:
            return len(markup), "", False
        if stop.group() == ">":
            return stop.end(), name_match.group().lower(), markup[stop.start() - 1] == "/"
        value = _SPACE.match(markup, stop.end()).end()  # type: ignore[union-attr]
        if value < len(markup) and markup[value] in "\"'":
            close = markup.find(markup[value], value + 1)
            if close == -1:
                return len(markup), "", False
            position = close + 1
        else:
            position = value


def _comment_end(markup: str, lt: int) -> int:
    """Where a comment, doctype, processing instruction or stray ``</`` starting at ``lt`` ends."""
    if markup.startswith("<!--", lt):
        for empty in ("<!-->", "<!--->"):
            if markup.startswith(empty, lt):
                return lt + len(empty)
        close = markup.find("-->", lt + 4)
        return len(markup) if close == -1 else close + 3
    if markup.startswith("</>", lt):
        return lt + 3
    close = markup.find(">", lt + 2)
    return len(markup) if close == -1 else close + 1


def _end_tag(name: str) -> re.Pattern[str]:
    pattern = _END_TAGS.get(name)
    if pattern is None:
        pattern = _END_TAGS[name] = re.compile(rf"</{name}(?=[\t\n\f\r />]|\Z)", re.IGNORECASE)
    return pattern


class _VisibleText:
    """What a browser shows, built from the tokens."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._title: list[str] = []
        self._hidden: dict[str, int] = {}
        self._in_title = False
        self._pre = 0

    def start(self, tag: str) -> None:
        if tag == "body":
            self._hidden.pop("head", None)  # an unclosed <head> ends where the body starts
        if tag in HIDDEN_TAGS:
            self._hidden[tag] = self._hidden.get(tag, 0) + 1
        elif tag == "title":
            self._in_title = not self._title  # the first title names the page (SVG has titles too)
        elif tag == "pre":
            self._pre += 1
        self._break(tag)

    def end(self, tag: str) -> None:
        if tag in HIDDEN_TAGS and self._hidden.get(tag):
            self._hidden[tag] -= 1
            if not self._hidden[tag]:
                del self._hidden[tag]
        elif tag == "title":
            self._in_title = False
        elif tag == "pre" and self._pre:
            self._pre -= 1
        if tag != "br":  # <br> breaks once, not twice when written <br></br>
            self._break(tag)

    def data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._hidden:
            self._parts.append(data if self._pre else _SPACES.sub(" ", data.replace("\n", " ")))

    def _break(self, tag: str) -> None:
        if self._hidden or self._in_title:
            return
        if tag in CELL_TAGS:
            if self._parts and not self._parts[-1].endswith((" ", "\n")):
                self._parts.append(" ")
            return
        brk = "\n\n" if tag in PARAGRAPH_TAGS else "\n" if tag in LINE_TAGS else ""
        if not brk:
            return
        # Adjacent breaks (</li><li>, </p> <p>) merge into the stronger one.
        while self._parts and not self._parts[-1].strip():
            brk = max(brk, self._parts.pop(), key=len)
        self._parts.append(brk)

    def title(self) -> str | None:
        title = " ".join("".join(self._title).split())
        return title or None

    def text(self) -> str:
        text = "".join(self._parts)
        text = _AROUND_NEWLINE.sub("\n", text)
        return _BLANK_LINES.sub("\n\n", text).strip()
