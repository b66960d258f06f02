"""Decoding of document bytes: byte-order marks, UTF-8, and a stated fallback.

Order tried: a byte-order mark (UTF-8, UTF-16, UTF-32), then strict UTF-8, then
an encoding the document declares (HTML ``<meta charset>``), then cp1252, and
finally latin-1, which decodes any byte. Data that looks binary is refused.
Encoded surrogates (half a UTF-16 pair, in UTF-8 or UTF-16 data) decode to
lone surrogate code points, which the loaders then repair
(:mod:`mapview.text_repair`) rather than losing the file.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

from mapview.exc import DocumentError

SNIFF_BYTES = 8192
"""How much of the data the binary check looks at."""

_BOMS = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FALLBACKS = ("cp1252", "latin-1")
# C0 controls other than tab, newline, vertical tab, form feed, carriage return, escape.
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}
_MAX_CONTROL_SHARE = 0.10


class DecodedText(NamedTuple):
    """Text decoded from bytes and the codec that decoded it."""

    text: str
    encoding: str


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a leading byte-order mark, or None when there is none.

    >>> bom_encoding(b"\\xef\\xbb\\xbfabc")
    'utf-8-sig'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """True when the first :data:`SNIFF_BYTES` hold a NUL or mostly control bytes.

    Only meaningful for data without a UTF-16/32 byte-order mark.
    """
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return bool(head) and controls / len(head) > _MAX_CONTROL_SHARE


def decode_text(data: bytes, *, path: str | None = None, declared: str | None = None) -> DecodedText:
    """Decode document bytes to text, dropping a leading byte-order mark only.

    Parameters
    ----------
    data : bytes
        The raw content of a file or upload.
    path : str, optional
        Named in the error message.
    declared : str, optional
        An encoding the document states; tried after UTF-8 when it is a known codec.

    Returns
    -------
    DecodedText
        ``text`` is exact (newlines untouched); ``encoding`` names the codec used.
        It may hold lone surrogates (encoded halves of a pair): repair it with
        :func:`mapview.text_repair.repair_text`.

    Raises
    ------
    DocumentError
        When the data looks binary, or a byte-order mark is followed by invalid data.

    >>> decode_text("café".encode("cp1252"))
    DecodedText(text='café', encoding='cp1252')
    """
    where = path or "input"
    encoding = bom_encoding(data)
    if encoding is not None and encoding != "utf-8-sig":
        try:
            return DecodedText(data.decode(encoding, "surrogatepass"), encoding)
        except UnicodeDecodeError as error:
            raise DocumentError(f"{where}: invalid {encoding} data ({error.reason})", path=path) from error
    if looks_binary(data):
        raise DocumentError(f"{where}: looks like a binary file, not text", path=path)
    candidates = ["utf-8-sig", *_known_codec(declared), *_FALLBACKS]
    for encoding in candidates:
        try:
            text = data.decode(encoding, "surrogatepass" if encoding == "utf-8-sig" else "strict")
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8"
        return DecodedText(text, encoding)
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _known_codec(name: str | None) -> list[str]:
    if not name:
        return []
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return []
    # A page that reached us ASCII-compatible cannot really be UTF-16/32.
    return [] if codec.startswith(("utf-16", "utf-32")) else [codec]
