"""JSON values with a nesting limit, and the items of a JSON list one by one.

The stdlib decoder recurses once per nesting level, so ``[`` × 3,000 raises
RecursionError, and a list is all or nothing. Here a linear pre-scan (strings
skipped, brackets counted) finds each value's extent and depth first: a value
nested deeper than :data:`MAX_DEPTH` is refused without being decoded, and
an item of a top-level list that is too deep or malformed is named while the
items around it are kept. Time is linear in the text's length.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

MAX_DEPTH = 100
"""Deepest nesting of arrays and objects accepted in one record (a record needs about 3)."""

_TOKENS = re.compile(r'[\[\]{},"]')
# The rest of a string after its opening quote, through the closing one; possessive, so a
# string with no closing quote costs one pass.
_STRING_REST = re.compile(r'[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class JsonItem(NamedTuple):
    """One record of a JSON text: ``item`` is its 1-based position in a top-level
    list (None for a single top-level value); either ``value`` is the decoded
    value and ``problem`` None, or ``problem`` says what is wrong with it."""

    item: int | None
    value: Any
    problem: str | None
    too_deep: bool = False


def loads(text: str, *, max_depth: int = MAX_DEPTH) -> JsonItem:
    """Decode one JSON value, refusing one nested deeper than ``max_depth``.

    >>> loads('{"text": "Kabul"}').value
    {'text': 'Kabul'}
    >>> loads("[" * 3000).problem
    'nested deeper than 100 levels'
    """
    _, depth_exceeded = _scan(text, 0, max_depth, separators=False)
    if depth_exceeded:
        return JsonItem(None, None, f"nested deeper than {max_depth} levels", True)
    try:
        return JsonItem(None, json.loads(text), None)
    except ValueError as error:  # JSONDecodeError, or an integer too long to convert
        return JsonItem(None, None, f"invalid JSON ({error})")


def items(text: str, *, max_depth: int = MAX_DEPTH) -> Iterator[JsonItem]:
    """The items of a top-level JSON list one by one, or the single value when it is not a list.

    An item that is malformed or too deep is yielded with its ``problem`` and
    the next item is read from the following top-level comma; a text cut short
    yields the complete items and then one problem for the rest.

    >>> [(i.item, i.value, i.problem) for i in items('[{"a": 1}, {"a": 4x}, 7]')][1:]
    [(2, None, "invalid JSON (Expecting ',' delimiter: line 1 column 19 (char 18))"), (3, 7, None)]
    """
    start = _SPACE.match(text).end()  # type: ignore[union-attr]
    if not text.startswith("[", start):
        yield loads(text, max_depth=max_depth)
        return
    position = _SPACE.match(text, start + 1).end()  # type: ignore[union-attr]
    if text.startswith("]", position):
        yield from _trailing(text, position + 1, 0)
        return
    number = 0
    while True:
        number += 1
        stop, depth_exceeded = _scan(text, position, max_depth, separators=True)
        if depth_exceeded:
            yield JsonItem(number, None, f"nested deeper than {max_depth} levels", True)
            if stop >= len(text):
                return  # it never closes either: one problem, said once
        elif stop >= len(text):
            yield JsonItem(number, None, "the list ends before this item is complete (a truncated file?)")
            return
        else:
            yield _decode_item(text, position, stop, number)
        if stop >= len(text):
            yield JsonItem(number + 1, None, "the list is not closed with ']' (a truncated file?)")
            return
        if text[stop] != ",":
            yield from _trailing(text, stop + 1, number)
            return
        position = stop + 1


def _decode_item(text: str, position: int, stop: int, number: int) -> JsonItem:
    """Decode the item in ``text[position:stop]`` (error positions count from the start of ``text``)."""
    position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
    try:
        value, end = _DECODER.raw_decode(text, position)
    except ValueError as error:  # JSONDecodeError, or an integer too long to convert
        return JsonItem(number, None, f"invalid JSON ({error})")
    if end > stop or text[end:stop].strip():
        return JsonItem(number, None, f"invalid JSON (unexpected text at char {end})")
    return JsonItem(number, value, None)


def _trailing(text: str, position: int, count: int) -> Iterator[JsonItem]:
    if text[position:].strip():
        yield JsonItem(count + 1, None, "text after the end of the list")


def _scan(text: str, position: int, max_depth: int, *, separators: bool) -> tuple[int, bool]:
    """Where the value at ``position`` ends and whether it nests deeper than ``max_depth``.

    With ``separators``, the end is the first ``,``, ``]`` or ``}`` outside the
    value (an item of a list); without, the end of the text. Each character is
    looked at a bounded number of times.
    """
    depth, exceeded = 0, False
    while True:
        match = _TOKENS.search(text, position)
        if match is None:
            return len(text), exceeded
        token, position = match.group(), match.end()
        if token == '"':
            rest = _STRING_REST.match(text, position)
            if rest is None:
                return len(text), exceeded  # an unterminated string: the decoder will say so
            position = rest.end()
        elif token in "[{":
            depth += 1
            exceeded = exceeded or depth > max_depth
        elif depth == 0 and separators:
            return match.start(), exceeded
        elif token in "]}":
            depth = max(0, depth - 1)
