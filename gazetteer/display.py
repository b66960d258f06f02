"""Display names: each place's name in English as news writes it (the GeoNames name stays ``name``).

For a division, the first of: our curated table (``data/display_names.tsv``);
Natural Earth's ``name_en`` of its outline when that is one of the place's
own names (Natural Earth calls Panjshir "Parwan": refused); countrystatecity's
English name; the GeoNames name. Natural Earth's local type adds the word news
uses (``data/division_types.tsv``: Murmansk → Murmansk Oblast). In countries
written in another script, a city named like its province takes the
province's English name (Ḩalab → Aleppo, Ar Raqqah → Raqqa), and
transliteration marks go (Herāt → Herat, Ghōr → Ghor); Latin-script names keep
their accents (Córdoba, Zürich). A display name is also a name the place is
found by (``lookup("Krasnodar Krai")``).

>>> plain("Ḩimş"), plain("Dar‘ā"), plain("Kunaṟ")
('Hims', 'Dara', 'Kunar')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from gazetteer.folding import fold, fold_parts, loose_key
from gazetteer.sources.entry import Entry
from gazetteer.sources.packages import read_curated, read_json
from gazetteer.sources.shapes import Outline

_MARK_LETTERS = re.compile("[‘’ʻʼʿʾ]")
_TRAILING_GENERIC = re.compile(r"\s+(?:Province|Governorate)$")


def plain(name: str) -> str:
    """``name`` without combining marks and transliteration apostrophes (ayn, hamza)."""
    decomposed = unicodedata.normalize("NFD", _MARK_LETTERS.sub("", name))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def assign_display_names(entries: Iterable[Entry], outlines_of: dict[str, list[Outline]]) -> None:
    """Set ``display_name`` on every entry (see the module docstring); ``outlines_of`` maps entry id
    to the Natural Earth outlines matched to it."""
    entries = list(entries)
    curated = {row["id"]: row["display_name"] for row in read_curated("display_names.tsv")}
    romanised = _romanised_countries()
    english_base: dict[tuple[str | None, str], str] = {}
    words: dict[tuple[str | None, str], str] = {
        (r["country_code"], r["type"]): r["word"] for r in read_curated("division_types.tsv")
    }
    for entry in entries:
        if entry.kind in ("admin1", "admin2"):
            base, outline = _division_base(entry, outlines_of.get(entry.id, ()))
            if entry.country_code in romanised:
                base = plain(base)
            if entry.kind == "admin1":
                english_base[(entry.country_code, entry.name)] = curated.get(entry.id, base)
            word = words.get((entry.country_code, outline.type or "")) if outline is not None else None
            if word and not base.casefold().endswith(word.casefold()):
                base = f"{base} {word}"
            _set(entry, curated.get(entry.id, base))
    for entry in entries:
        if entry.kind in ("admin1", "admin2"):
            continue
        name = entry.name
        if entry.country_code in romanised and entry.kind in ("city", "country"):
            if entry.kind == "city" and entry.admin1 and fold(entry.admin1) == fold(name):
                name = _without_type_word(english_base.get((entry.country_code, entry.admin1), name))
            name = plain(name)
        _set(entry, curated.get(entry.id, name))


def _set(entry: Entry, display_name: str) -> None:
    """Give ``entry`` its display name, and make that name one it is found by."""
    entry.display_name = display_name
    if display_name != entry.name and all(display_name != n for n, _ in entry.names):
        key = fold(display_name)
        if key and all(fold(n) != key for n, _ in entry.names):
            entry.add_names([display_name], "alternate")


def _division_base(entry: Entry, outlines: Iterable[Outline]) -> tuple[str, Outline | None]:
    """The English name before any type word, and the outline that gave it (None if none did)."""
    known = {k for n, _ in entry.names for k in _keys(n)}
    outline = next((o for o in outlines if o.name_en and _keys(o.name_en) & known), None)
    if outline is not None and outline.name_en:
        return outline.name_en, outline
    first = next(iter(outlines), None)
    if entry.english_name:
        return _TRAILING_GENERIC.sub("", entry.english_name), first
    return entry.name, first


def _without_type_word(name: str) -> str:
    """``name`` without a trailing generic word: a city is not "Osaka Prefecture"."""
    generic = fold_parts(name)[1]
    words = name.split()
    return " ".join(words[:-1]) if generic and len(words) > 1 and words[-1].casefold() == generic else name


def _keys(name: str) -> set[str]:
    key = fold(name)
    return {key, loose_key(key)} if key else set()


def _romanised_countries() -> set[str]:
    """Countries whose own name (countrystatecity's ``native``) is not in Latin script."""
    countries = read_json("countrystatecity_countries", "data", "countries.json")
    return {c["iso2"] for c in countries if c.get("native") and not is_latin(c["native"])}
