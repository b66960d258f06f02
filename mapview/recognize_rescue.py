"""Places the model labelled as something else, recovered with the gazetteer and the context.

The small English model calls many towns ORG or PERSON ("in Gainesville",
"Ferguson"), and names institutions after the place they serve ("Athens
Police Department", "University of Cincinnati"). These rules take a model
entity that is not a place label and return the place name in it, if a
gazetteer check and a context cue agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mapview.recognize_context import followed_by_place, locative_cue
from mapview.recognize_spans import known_prefix, name_parts

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Head words of institutions a place name locates ("Athens Police Department").
INSTITUTION_WORDS = frozenset({
    "Police", "Sheriff", "Sheriff's", "Sheriff’s", "Department", "Dept", "Dept.", "Council",
    "Commission", "Commissioners", "School", "Schools", "High", "Elementary", "Middle",
    "University", "College", "Hospital", "Medical", "Airport", "Library", "Fire", "Court",
    "Courthouse", "Jail", "Office", "Chamber", "Board", "Authority", "District", "Ministry",
    "Government", "Embassy", "Consulate", "Museum", "Zoo", "Park", "Church", "Hall",
    "Center", "Centre", "Club", "Society", "Association", "Foundation", "Agency", "Bureau",
    "Institute", "Health", "Centers", "Agency", "Administration", "Service", "Services",
    "Public", "Regional", "Community", "Municipal", "Metro", "City", "County", "State",
    "Port", "Harbor", "Station", "Army", "Navy", "Senate", "House", "Assembly", "Legislature",
    "Division", "Census", "Supreme", "Circuit", "Magistrate", "Attorney", "Prosecutor", "Coroner",
    "Sheriffs", "Firefighters", "Cathedral", "Stadium", "Arena", "Mall", "Prison", "Courts",
})
# Head words of events a place name locates ("Japan Earthquake", "Ferguson Riots").
EVENT_WORDS = frozenset({
    "Earthquake", "Earthquakes", "Quake", "Flood", "Floods", "Flooding", "Fire", "Fires", "Wildfire",
    "Riot", "Riots", "Massacre", "Bombing", "Bombings", "Attack", "Attacks", "Shooting", "Siege",
    "Protest", "Protests", "Storm", "Tsunami", "Eruption", "Outbreak", "Epidemic", "Blackout",
    "Uprising", "Conference", "Summit", "Accord", "Accords", "Agreement", "Marathon", "Olympics",
})
INSTITUTION_WORDS = INSTITUTION_WORDS | EVENT_WORDS

# Words that open institution names and are also town names ("National" City, "Royal" Oak).
ORG_ADJECTIVES = frozenset({
    "National", "Royal", "International", "Federal", "General", "Central", "Imperial", "Global",
    "United", "Pan", "World", "Regional", "Public", "Municipal", "Community", "Metropolitan",
    "Catholic", "Methodist", "Baptist", "Christian", "Islamic", "Jewish", "Memorial", "Saint",
    "St.", "Union", "Independent", "Democratic", "Republican", "Liberal", "Labour", "Labor",
    "Free", "Grand", "Great", "Supreme", "Holy", "Sacred", "Unity", "Liberty", "Victory", "Hope",
})
_OF_HEADS = frozenset({"University", "College", "City", "Town", "County", "Province", "State",
                       "Republic", "Kingdom", "Government", "Bank", "Port", "Diocese", "Mayor"})
_OTHER_LABELS = ("ORG", "PERSON", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LOC", "GPE")


def rescue(
    doc: Doc,
    entity: Span,
    is_known_place: Callable[[str], bool],
    is_notable_place: Callable[[str], bool],
    place_starts: set[int],
) -> list[tuple[int, int]]:
    """Token ranges of places inside a non-place ``entity``, or [] when none.

    - the whole entity is a notable place and a cue says "location": a locative
      preposition before it ("in Ferguson") or a place after a comma
      ("Gainesville, Fla.");
    - an institution named by a place: the longest leading known place before
      institution words ("Athens Police Department" → "Athens"), or a known
      place after "<head> of" ("University of Cincinnati" → "Cincinnati").
    """
    if entity.label_ not in _OTHER_LABELS:
        return []
    found: list[tuple[int, int]] = []
    owner = _possessor(doc, entity)
    if owner is not None and is_notable_place(doc[owner[0] : owner[1]].text):
        return [owner]  # "Gainesville's VFW Post", "Syria's Al-Qaeda affiliate"
    for start, end in name_parts(doc, entity.start, entity.end):
        whole = doc[start:end].text
        if entity.label_ != "PERSON" and _institution(doc, start, end):
            found += inside_institution(doc, start, end, is_known_place)
        elif end - start <= 3 and is_notable_place(whole) and (
            locative_cue(doc, start) or followed_by_place(doc, end, place_starts)
        ):
            found.append((start, end))
    return found


def _possessor(doc: Doc, entity: Span) -> tuple[int, int] | None:
    if entity.label_ == "PERSON":
        return None
    for i in range(entity.start + 1, entity.end):
        if doc[i].text in ("'s", "’s"):
            parts = list(name_parts(doc, entity.start, i))
            return parts[0] if len(parts) == 1 and parts[0][1] == i else None
    return None


def _institution(doc: Doc, start: int, end: int) -> bool:
    return any(t.text in INSTITUTION_WORDS for t in doc[start + 1 : end])


def inside_institution(
    doc: Doc, start: int, end: int, is_known_place: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """Known places naming the institution ``[start, end)``: "Athens" in "Athens Police Department"."""
    prefix = known_prefix(doc, start, end, is_known_place)
    found = []
    if prefix and _institution(doc, prefix[1] - 1, end) and doc[prefix[0]].text not in ORG_ADJECTIVES:
        found.append(prefix)
    for i in range(start, end - 2):
        if doc[i].text in _OF_HEADS and doc[i + 1].text == "of":
            tail = doc[i + 2 : end]
            if tail.text[:1].isupper() and is_known_place(tail.text):
                found.append((i + 2, end))
    return found
