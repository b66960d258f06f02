"""Name folding shared by index building and querying.

:func:`fold` turns a place name into the key both sides agree on: case,
diacritics, punctuation, hyphens and apostrophes, the Arabic article, generic
words ("Province", "County", "City") and transliteration variants seen in news
all fold away. :func:`fold_parts` also returns the generic word that was
removed, which :class:`gazetteer.Gazetteer` turns into a kind cue.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# fmt: off
# (tables laid out by hand)
# Generic words a name may carry before or after the proper name, and the kind they cue.
GENERIC_KIND = {
    "province": "admin1", "provinces": "admin1", "governorate": "admin1", "oblast": "admin1",
    "prefecture": "admin1", "state": "admin1", "wilayat": "admin1", "velayat": "admin1",
    "county": "admin2", "parish": "admin2", "district": "admin2", "borough": "admin2",
    "municipality": "admin2", "city": "city", "town": "city", "village": "city",
}
# "state" is generic only after a name ("New York State"), never before ("State College").
_LEADING_ONLY_NOT = {"state", "town", "village", "borough"}

# Transliteration variants seen in news, folded token by token (both sides).
VARIANTS = {
    "idleb": "idlib", "hirat": "herat", "hilmand": "helmand", "paktya": "paktia",
    "paktiya": "paktia", "ningarhar": "nangarhar", "nangrahar": "nangarhar",
    "qandahar": "kandahar", "qunduz": "kunduz", "fariab": "faryab", "badghes": "badghis",
    "lagman": "laghman", "deraa": "daraa", "hassakeh": "hasakah", "hasakeh": "hasakah",
    "raqqah": "raqqa", "rakka": "raqqa", "dayr": "deir", "zawr": "zor", "zour": "zor",
}

_ARABIC_ARTICLE = re.compile(r"^(?:al|el)[\s\-'’]+|^(?:ad|an|ar|as|ash|at|ath|az|adh)-")
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ې": "ي", "ک": "ك",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ؤ": "و", "ئ": "ي",
})
# Latin letters whose diacritic is no combining mark, and their plain letters.
_PLAIN_LETTERS = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h", "Ħ": "H",
    "æ": "ae", "Æ": "Ae", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
})
# fmt: on
_APOSTROPHES = re.compile("[''`´ʼʻʿʾ’‘]")
_NON_WORD = re.compile(r"[^\w]+")
_DOTS = re.compile(r"(?<=\w)\.(?=\w)|\.$")
_VOWELS = re.compile("[aeiouy]")
_CODE = re.compile(r"[A-Z]{3,4}")
_REPEATS = re.compile(r"(.)\1+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=65536)
def fold_parts(name: str) -> tuple[str, str]:
    """Fold ``name`` into ``(key, generic)``: the lookup key and the generic word removed ('' if none).

    >>> fold_parts("Idleb Governorate")
    ('idlib', 'governorate')
    >>> fold_parts("al-Raqqah")
    ('raqqa', '')
    >>> fold_parts("U.S.")
    ('us', '')
    """
    text = _ARABIC_MARKS.sub("", without_marks(name).casefold()).translate(_ARABIC_LETTERS)
    text = _DOTS.sub("", _APOSTROPHES.sub("", text)).strip()
    text = _ARABIC_ARTICLE.sub("", text)
    tokens = [t for t in _NON_WORD.split(text) if t]
    tokens = [t[2:] if t.startswith("ال") and len(t) > 4 else t for t in tokens]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    tokens, generic = _strip_generic(tokens)
    return " ".join(VARIANTS.get(t, t) for t in tokens), generic


def without_marks(name: str) -> str:
    """``name`` with the diacritics of Latin letters taken off, case kept: how English texts often write
    names spelt with them (Arabic vowel marks stay: :func:`fold_parts` handles them).

    >>> without_marks("Đà Nẵng"), without_marks("Łódź"), without_marks("Kahramanmaraş")
    ('Da Nang', 'Lodz', 'Kahramanmaras')
    """
    if name.isascii():
        return name
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or "\u0600" <= ch <= "\u06ff")
    return text.translate(_PLAIN_LETTERS)


def split_camel(word: str) -> str:
    """A space before each capital that follows a lowercase letter: hashtags' names ("#SouthSudan").

    >>> split_camel("SierraLeone"), split_camel("Kabul")
    ('Sierra Leone', 'Kabul')
    """
    return _CAMEL.sub(" ", word)


def fold(name: str) -> str:
    """The lookup key of ``name`` (see :func:`fold_parts`).

    >>> fold("Paktiya") == fold("Paktia") == fold("PAKTYA province")
    True
    """
    return fold_parts(name)[0]


def code_key(query: str) -> str | None:
    """The case-sensitive key of a code written in capitals (an airport's "LAX" or "EGLL"), else None.

    Codes are keys as written: a folded key is lower case, so "LAX" never meets "lax".

    >>> code_key("LAX"), code_key("Lax"), code_key("lax"), code_key("L.A.")
    ('LAX', None, None, None)
    """
    if not 3 <= len(query) <= 6 or not query.isupper():  # most queries stop here, cheaply
        return None
    query = query.strip()
    return query if _CODE.fullmatch(query) else None


def loose_key(key: str) -> str:
    """A consonant skeleton of a folded key, for spellings no table lists.

    Vowels after each word's first letter go, and doubled letters collapse:
    ``loose_key("nangarhar") == loose_key("ningarhar")``.
    """
    return " ".join(_REPEATS.sub(r"\1", t[0] + _VOWELS.sub("", t[1:])) for t in key.split())


def _strip_generic(tokens: list[str]) -> tuple[list[str], str]:
    if len(tokens) < 2:
        return tokens, ""
    last = tokens[-1]
    if last in GENERIC_KIND:
        return tokens[:-1], last
    first = tokens[0]
    if first in GENERIC_KIND and first not in _LEADING_ONLY_NOT:
        rest = tokens[2:] if tokens[1] == "of" and len(tokens) > 2 else tokens[1:]
        return rest, first
    return tokens, ""
