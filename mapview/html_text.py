"""Visible text of an HTML page, with the stdlib parser.

Markup, comments and the contents of ``head``, ``script``, ``style``,
``noscript`` and ``template`` are dropped; entities are unescaped; runs of
whitespace collapse to one space as a browser shows them (inside ``pre`` only
line breaks are kept);
block-level elements start a new line and paragraphs are separated by a blank
line, so sentences never run across them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

CHUNK_CHARS = 1 << 20
"""Characters fed to the parser at a time."""

HIDDEN_TAGS = frozenset({"head", "script", "style", "noscript", "template"})
PARAGRAPH_TAGS = frozenset({
    "p", "div", "section", "article", "aside", "header", "footer", "main", "nav",
    "blockquote", "pre", "table", "ul", "ol", "dl", "form", "fieldset", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "details", "body",
})
LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "option"})
CELL_TAGS = frozenset({"td", "th"})

_SPACES = re.compile(r"[^\S\n\xa0]+")
_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


class PageText(NamedTuple):
    """The visible text of a page and its ``<title>`` (None when absent or empty)."""

    title: str | None
    text: str


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag of its first 4 KB, or None.

    >>> declared_charset(b'<html><meta charset="windows-1252">')
    'windows-1252'
    """
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def html_to_text(markup: str) -> PageText:
    """Extract a page's title and visible text.

    >>> html_to_text("<title>T</title><p>A &amp; B</p><script>x()</script><p>C</p>")
    PageText(title='T', text='A & B\\n\\nC')
    """
    parser = _VisibleText()
    for start in range(0, len(markup), CHUNK_CHARS):
        parser.feed(markup[start : start + CHUNK_CHARS])
    parser.close()
    return PageText(parser.title(), parser.text())


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._title: list[str] = []
        self._hidden: dict[str, int] = {}
        self._in_title = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._hidden.pop("head", None)  # an unclosed <head> ends where the body starts
        if tag in HIDDEN_TAGS:
            self._hidden[tag] = self._hidden.get(tag, 0) + 1
        elif tag == "title":
            self._in_title = not self._title  # the first title names the page (SVG has titles too)
        elif tag == "pre":
            self._pre += 1
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
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

    def handle_data(self, data: str) -> None:
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
