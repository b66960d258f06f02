"""Checks on the curated tables in gazetteer/data (demonyms, abbreviations, regions)."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pycountry
import pytest

from gazetteer.sources.packages import split_list

DATA = Path(__file__).resolve().parent.parent / "gazetteer" / "data"

# Kosovo has no ISO 3166-1 code; XK is the user-assigned code GeoNames and the EU use.
EXTRA_CODES = {"XK"}

CONTINENTS = {"africa", "asia", "europe", "north america", "south america", "oceania", "antarctica"}

# 2-letter forms that are English words or too ambiguous to treat as country names.
AMBIGUOUS_SHORT = {"IN", "IT", "AT", "BE", "ME", "TO", "NO", "SO", "AM", "IS", "SA", "DR", "GB"}

COORD = re.compile(r"-?\d{1,3}\.\d{2,4}")


@cache
def read_table(name: str) -> tuple[tuple[str, ...], tuple[dict[str, str], ...]]:
    """Return (header, rows) of a tab-separated table, skipping ``#`` comment lines."""
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = tuple(reader)
    return tuple(reader.fieldnames or ()), rows


def listed(table: str, column: str) -> dict[str, list[str]]:
    """country_code -> the names of one list column, split as the index build splits them."""
    return {row["country_code"]: split_list(row[column]) for row in read_table(table)[1]}


def is_country_code(code: str) -> bool:
    return code in EXTRA_CODES or pycountry.countries.get(alpha_2=code) is not None


def regions_by_slug() -> dict[str, dict[str, str]]:
    return {row["slug"]: row for row in read_table("regions.tsv")[1]}


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("demonyms.tsv", ("country_code", "demonyms")),
        ("abbreviations.tsv", ("country_code", "names")),
        ("regions.tsv", ("slug", "name", "lat", "lon", "members", "aliases")),
    ],
)
def test_header_and_row_width(name, header):
    fields, rows = read_table(name)
    assert fields == header
    assert rows
    for row in rows:
        assert None not in row, f"{name}: extra columns in {row}"
        assert all(row[field] is not None for field in header), f"{name}: short row {row}"


@pytest.mark.parametrize("name", ["demonyms.tsv", "abbreviations.tsv"])
def test_country_codes_valid_and_unique(name):
    codes = [row["country_code"] for row in read_table(name)[1]]
    bad = [code for code in codes if not is_country_code(code)]
    assert not bad, f"invalid ISO alpha-2 codes: {bad}"
    assert len(codes) == len(set(codes)), "a country has two rows"


def test_demonyms_cover_most_countries():
    rows = read_table("demonyms.tsv")[1]
    assert len(rows) >= 200
    codes = {row["country_code"] for row in rows}
    for code in ["AF", "SY", "RU", "US", "GB", "NL", "CN", "PK", "IR", "TR", "IL", "PS", "KP", "KR", "CD"]:
        assert code in codes


@pytest.mark.parametrize(
    ("table", "column", "forbidden"),
    [
        ("demonyms.tsv", "demonyms", set()),
        ("abbreviations.tsv", "names", AMBIGUOUS_SHORT),
    ],
)
def test_no_name_for_two_countries(table, column, forbidden):
    seen: dict[str, str] = {}
    for code, names in listed(table, column).items():
        assert names, f"empty row for {code}"
        for name in names:
            assert name not in forbidden, f"ambiguous short form {name!r}"
            key = name.casefold()
            assert key not in seen or seen[key] == code, f"{name!r} listed for {seen.get(key)} and {code}"
            seen[key] = code


@pytest.mark.parametrize(
    ("code", "word"),
    [
        ("AF", "Afghan"),
        ("SY", "Syrians"),
        ("RU", "Russian"),
        ("US", "Americans"),
        ("GB", "Britons"),
        ("NL", "Dutch"),
        ("CN", "Chinese"),
        ("IR", "Persian"),
        ("TR", "Turks"),
        ("PS", "Palestinian"),
        ("KP", "North Korean"),
        ("CD", "Congolese"),
    ],
)
def test_demonym_examples(code, word):
    assert word in listed("demonyms.tsv", "demonyms")[code]


def test_no_ethnic_group_words_in_demonyms():
    words = {w for names in listed("demonyms.tsv", "demonyms").values() for w in names}
    assert not words & {"Kurdish", "Kurd", "Kurds", "Arab", "Arabs", "Pashtun", "Uyghur", "Baloch"}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("US", "U.S."),
        ("US", "USA"),
        ("GB", "UK"),
        ("AE", "UAE"),
        ("KP", "DPRK"),
        ("KR", "ROK"),
        ("CD", "DRC"),
        ("CN", "PRC"),
        ("SA", "KSA"),
        ("TW", "ROC"),
        ("MM", "Burma"),
        ("CI", "Ivory Coast"),
        ("TR", "Türkiye"),
        ("SY", "Syria"),
        ("CZ", "Czechia"),
        ("SZ", "Eswatini"),
        ("TL", "East Timor"),
        ("VA", "Holy See"),
        ("BA", "BiH"),
        ("CF", "CAR"),
        ("PG", "PNG"),
        ("NZ", "NZ"),
    ],
)
def test_abbreviation_examples(code, name):
    assert name in listed("abbreviations.tsv", "names")[code]


def test_eu_is_a_region_not_a_country_name():
    names = {n for names in listed("abbreviations.tsv", "names").values() for n in names}
    assert not names & {"EU", "E.U.", "European Union", "West Bank", "Gaza", "Gaza Strip"}


def test_region_slugs_unique_and_well_formed():
    slugs = [row["slug"] for row in read_table("regions.tsv")[1]]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def test_region_names_and_aliases_unique():
    seen: dict[str, str] = {}
    for row in read_table("regions.tsv")[1]:
        for label in [row["name"], *split_list(row["aliases"])]:
            key = label.casefold()
            assert key not in seen or seen[key] == row["slug"], f"{label!r} used by {seen.get(key)} and {row['slug']}"
            seen[key] = row["slug"]
            assert key not in CONTINENTS, f"continent {label!r} belongs elsewhere"


def test_region_coordinates_in_range():
    for row in read_table("regions.tsv")[1]:
        assert COORD.fullmatch(row["lat"]) and COORD.fullmatch(row["lon"]), row["slug"]
        assert -90 <= float(row["lat"]) <= 90, row["slug"]
        assert -180 <= float(row["lon"]) <= 180, row["slug"]


def test_region_members_valid():
    for row in read_table("regions.tsv")[1]:
        members = split_list(row["members"], ",")
        bad = [code for code in members if not is_country_code(code)]
        assert not bad, f"{row['slug']}: invalid members {bad}"
        assert len(members) == len(set(members)), f"{row['slug']}: duplicate members"


REQUIRED_REGIONS = [
    "middle-east",
    "south-asia",
    "central-asia",
    "southeast-asia",
    "east-asia",
    "levant",
    "gulf",
    "arabian-peninsula",
    "sahel",
    "horn-of-africa",
    "north-africa",
    "maghreb",
    "west-africa",
    "east-africa",
    "central-africa",
    "southern-africa",
    "sub-saharan-africa",
    "balkans",
    "western-balkans",
    "caucasus",
    "north-caucasus",
    "south-caucasus",
    "kashmir",
    "kurdistan",
    "scandinavia",
    "nordic-countries",
    "baltic-states",
    "eastern-europe",
    "western-europe",
    "central-europe",
    "european-union",
    "latin-america",
    "central-america",
    "caribbean",
    "pacific-islands",
    "indochina",
    "indian-subcontinent",
    "asia-pacific",
    "far-east",
    "golan-heights",
    "west-bank",
    "gaza-strip",
    "sinai",
    "kurdistan-region",
    "balochistan-region",
    "khorasan",
    "fergana-valley",
    "siberia",
    "patagonia",
    "amazon",
    "sahara",
    "mena",
    "anatolia",
    "mesopotamia",
    "arctic",
]


@pytest.mark.parametrize("slug", REQUIRED_REGIONS)
def test_required_region_present(slug):
    assert slug in regions_by_slug()


@pytest.mark.parametrize(
    ("slug", "aliases"),
    [
        ("middle-east", {"Mideast", "Near East"}),
        ("gulf", {"Persian Gulf region", "Gulf states", "Arabian Gulf"}),
        ("north-africa", {"Northern Africa"}),
        ("european-union", {"EU", "E.U."}),
        ("mena", {"Middle East and North Africa"}),
        ("indian-subcontinent", {"Subcontinent"}),
        ("gaza-strip", {"Gaza"}),
    ],
)
def test_required_aliases(slug, aliases):
    assert aliases <= set(split_list(regions_by_slug()[slug]["aliases"]))


@pytest.mark.parametrize(
    ("slug", "members"),
    [
        ("kashmir", {"IN", "PK"}),
        ("kurdistan", {"IQ", "SY", "TR", "IR"}),
        ("golan-heights", {"SY"}),
        ("west-bank", {"PS"}),
        ("gaza-strip", {"PS"}),
        ("sinai", {"EG"}),
        ("kurdistan-region", {"IQ"}),
        ("balochistan-region", {"PK", "IR", "AF"}),
        ("khorasan", {"IR", "AF", "TM"}),
        ("fergana-valley", {"UZ", "KG", "TJ"}),
        ("siberia", {"RU"}),
        ("patagonia", {"AR", "CL"}),
        ("anatolia", {"TR"}),
        ("mesopotamia", {"IQ", "SY"}),
    ],
)
def test_required_members(slug, members):
    assert set(split_list(regions_by_slug()[slug]["members"], ",")) == members


def test_european_union_has_27_members():
    members = split_list(regions_by_slug()["european-union"]["members"], ",")
    assert len(members) == 27
    assert "GB" not in members


@pytest.mark.parametrize(
    ("slug", "lat_range", "lon_range"),
    [
        # Kashmir Valley, not the wider Ladakh / Gilgit area.
        ("kashmir", (33.3, 34.7), (73.8, 75.7)),
        ("gaza-strip", (31.22, 31.6), (34.22, 34.57)),
        ("west-bank", (31.35, 32.55), (34.88, 35.57)),
        ("golan-heights", (32.7, 33.35), (35.6, 35.9)),
    ],
)
def test_small_region_points_fall_inside(slug, lat_range, lon_range):
    row = regions_by_slug()[slug]
    assert lat_range[0] <= float(row["lat"]) <= lat_range[1]
    assert lon_range[0] <= float(row["lon"]) <= lon_range[1]
