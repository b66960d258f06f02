"""Every word list and label set the recognizer's rules read, in one place.

Closed-class English (prepositions, list glue, compass words), the vocabulary
of institutions, events and armed movements' names, and spaCy's entity
labels. None of these lists names a place: place names come from the
gazetteer.
"""

from __future__ import annotations

# fmt: off
# (the word lists stay laid out as paragraphs: one word a line would make them ten times longer)

# --- spaCy entity labels ------------------------------------------------------------------------

PLACE_LABELS = ("GPE", "LOC", "FAC")
"""spaCy labels taken as places. FAC counts only with a gazetteer check, and then
must be a known place or a feature name ("Main Street", "Bay Area"): unchecked, it
adds as many wrong spans (buildings, "the Haqqani Network") as right ones."""

WEAK_MATCH_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
"""Labels of a model entity that lets a weak ruler match of the same extent count."""

NOT_NAME_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "LANGUAGE"})
"""Labels of entities that are no names: a ruler match touching one is dropped ("Saturday")."""

NOT_INSTITUTION_LABELS = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
"""Labels of entities a place name inside never locates ("Jordan" in "Michael Jordan")."""

RESCUE_LABELS = frozenset({"ORG", "PERSON", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LOC", "GPE"})
"""Labels of entities that may hide a place the model did not label as one."""

OTHER_SENSE_LABELS = frozenset({"EVENT", "PRODUCT", "WORK_OF_ART", "NORP", "LAW", "LANGUAGE"})
"""Labels of entities that name no place: a name the model gives these more often than a place label
in a document is used in that sense there ("Olympic" games). Not ORG or PERSON: the model gives those
to many towns ("Herat" ORG, "Farah" PERSON)."""

LISTABLE_LABELS = frozenset({"PERSON", "ORG"})
"""Labels of short known names that count as places when they stand in a list of places."""

# --- how the gazetteer matched a name -----------------------------------------------------------

STRONG_MATCHES = frozenset({"name", "abbreviation"})
"""Kinds of name match (``matched_by``) that make a string a place name."""

# --- closed-class words -------------------------------------------------------------------------

LOCATIVE_CUES = frozenset({
    "in", "near", "outside", "across", "throughout", "around", "into", "inside", "at",
    "from", "towards", "toward", "via", "between", "within", "to",
})
"""Words before a name that say "a location follows"."""

NOT_LOCATIVE_TO = frozenset({"according", "thanks", "due", "owing"})
"""Words that make the "to" after them no locative cue ("according to Taylor", "due to Hamas")."""

COMPASS_CUES = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west",
})
"""Lowercase compass words that, with "of", say where a place lies from another ("south of Kabul")."""

LIST_GLUE = frozenset({",", "and", "or", "&", ";", "|", "•", "·"})
"""Tokens between the items of a list ("Paktika, Logar, and Laghman")."""

POSSESSIVES = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
"""Possessive endings, never part of a name ("Syria's")."""

POSSESSIVE_S = frozenset({"'s", "’s"})
"""The possessive tokens that make the name before them an owner ("Gainesville's VFW Post")."""

NAME_SEPARATORS = frozenset({"-", "—", "–", ":", "|", ",", ";", "(", ")", "/", "#", "@", "&", "+", "\n", "•", "·"})
"""Tokens that split an entity into separate names ("Central Africa - Nigeria")."""

NAME_BREAKERS = frozenset({"to", "for", "from", "via", "with", "near", "at", "in"})
"""Lowercase words no place's name holds: an entity the model runs over one holds two names or more
("Geysir to Gullfoss", "Lukla for Everest")."""

GLUED_SEPARATORS = frozenset({"-", "&", "/"})
"""Separators that belong to the name when glued to both neighbours ("Guinea-Bissau")."""

HASHTAG_MARKS = frozenset({"#", "@"})
"""Marks before a social-media name ("#Ferguson", "@Kabul")."""

DIRECTION_WORDS = frozenset({
    "North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest",
    "Northern", "Southern", "Eastern", "Western", "Central", "North-East", "North-West",
    "South-East", "South-West", "Northeastern", "Northwestern", "Southeastern", "Southwestern",
    "Upper", "Lower", "Greater", "Mid", "Metro",
})
"""Compass and size words that open names ("Northeast Georgia", "Greater Manchester")."""

KIND_WORDS = frozenset({
    "City", "Town", "Village", "State", "Province", "County", "District", "Parish", "Borough",
    "Municipality", "Governorate", "Oblast", "Prefecture",
})
"""Kind words that may end ("Fargo City") or open ("City of Fargo") a name: part of it only when a
place is called so ("Iowa City", "Douglas County"); else they belong to what follows ("Fargo City
Council") or to the prose ("the State of Illinois")."""

KIND_CUES = frozenset({
    "province", "provinces", "state", "county", "district", "districts", "city", "town", "village",
    "region", "governorate", "oblast", "prefecture", "parish", "borough", "municipality", "township",
    "valley", "pass", "river", "airport", "area", "neighborhood", "neighbourhood", "suburb",
})
"""Lowercase words after a name that say it names a place ("Herat province", "the Salang pass")."""

AREA_KIND_CUES = frozenset({
    "district", "province", "region", "governorate", "oblast", "prefecture", "valley", "neighborhood",
    "neighbourhood", "suburb",
})
"""Lowercase kinds of area that, after "the" and a name, call the name an area ("the Thamel district")."""

DEFINITION_VERBS = frozenset({"is", "was"})
"""Verbs of a definition's "X is a town in Y"."""

DEFINED_KINDS = frozenset({
    "town", "village", "city", "hamlet", "municipality", "commune", "suburb", "neighborhood",
    "neighbourhood", "borough", "county", "district", "province", "region", "state", "country",
    "settlement", "township", "parish", "island", "river", "lake", "mountain", "community", "place",
    "locality", "capital", "port", "seaport", "valley", "peninsula", "archipelago", "oasis",
    "territory", "prefecture", "governorate", "oblast", "canton", "metropolis", "enclave", "exclave",
})
"""Kinds of place a definition names ("Stow is a town in ...", "an unincorporated community")."""

DEFINITION_GOES_ON = frozenset({
    "in", "of", "on", "near", "located", "situated", "and", "that", "which", "with", "at", ",", ".",
})
"""Words after the kind noun that go on like a definition ("a town in", "a city located"), not like
another noun ("a town councillor")."""

APPOSITIVE_KINDS = frozenset({
    "town", "village", "city", "hamlet", "municipality", "commune", "suburb", "neighborhood",
    "neighbourhood", "borough", "county", "district", "province", "region", "settlement", "township",
    "parish", "island", "islands", "community", "locality", "port", "governorate", "prefecture",
    "oblast", "canton", "emirate", "kingdom", "republic", "sultanate", "enclave", "oasis", "valley",
})
"""Kinds of place an appositive names ("the village of Bariyarpur", "a town called Låsby"): the name
after one is a place even when the gazetteer does not know it. Not "state" ("the state of emergency")
nor "capital" ("the capital of X" names the capital by its country)."""

CALENDAR_WORDS = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
})
"""Months and weekdays: after "in" or "from" they are times, whatever town is called so ("in March")."""

CALENDAR_ABBREVIATIONS = frozenset({
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
})
"""Months and weekdays shortened (written with or without a period): "Wichita Street Dec. 16"."""

PLURAL_KINDS = frozenset({
    "counties", "provinces", "districts", "states", "cities", "towns", "villages", "parishes",
    "regions", "townships", "boroughs", "municipalities", "governorates", "prefectures", "oblasts",
    "cantons", "suburbs", "neighborhoods", "neighbourhoods", "communities", "islands",
})
"""Plural kinds of place that say what every item of the list before them is ("Barrow and Jackson
counties", "Kunar, Nuristan and Laghman provinces")."""

CALLED_WORDS = frozenset({"called", "named"})
"""Words between a kind of place and its name ("a town called Låsby")."""

RESIDENT_NOUNS = frozenset({
    "police", "officers", "officials", "authorities", "residents", "resident", "native", "natives",
    "firefighters", "councilman", "councilwoman", "councillors", "councilors", "selectmen", "aldermen",
    "man", "woman", "men", "women", "boy", "girl", "teen", "teenager", "couple", "family", "youth",
    "voters", "homeowners", "businesses", "schools", "streets", "neighborhoods", "area", "areas",
    "mayor", "sheriff", "council", "commissioners", "coroner", "deputies", "prosecutors", "lawmakers",
})
"""Lowercase nouns of a place's people and services: a known name right before one is the place
("Roselle police", "Vicksburg residents", "a Longview woman")."""

EVENT_NOUNS = frozenset({
    "earthquake", "quake", "riot", "riots", "protest", "protests", "protesters", "bombing", "bombings",
    "attacks", "massacre", "flood", "floods", "flooding", "outbreak", "tornado", "wildfire", "uprising",
    "siege",
})
"""Lowercase nouns of events a place's name before them locates ("the Napa earthquake", "Ferguson protests");
not "shooting" or "fire", which also follow a victim's or an owner's name."""

TITLE_WORDS = frozenset({
    "Chief", "Sheriff", "Mayor", "Selectman", "Selectwoman", "Director", "Spokesman", "Spokeswoman",
    "Spokesperson", "Superintendent", "Commissioner", "Coroner", "Councilman", "Councilwoman",
    "Councillor", "Alderman", "Manager", "Administrator", "Clerk", "Treasurer", "Prosecutor", "Captain",
    "Lieutenant", "Lt.", "Sgt.", "Sergeant", "Officer", "Trooper", "Deputy", "Detective", "Judge",
    "Chairman", "Chairwoman", "Governor", "Gov.", "Assessor", "Auditor", "Marshal", "Constable",
})
"""Titles of local office written before a holder's name; the words before a title name the office,
often after its place ("Litchfield Fire Chief Jim Koser", "DuPage Sheriff John Zaruba")."""

PARTY_LETTERS = frozenset({"R", "D", "I", "DFL", "GOP", "Ind"})
"""A legislator's party before a hyphen and the home town ("Hugh Leatherman, R-Florence")."""

DATELINE_DASHES = frozenset({"--", "—", "–", "-", "―"})
"""Dashes that end a news dateline ("MANSFIELD -- The mayor said")."""

NEWS_AGENCIES = frozenset({"AP", "Reuters", "AFP", "UPI", "CNN", "IANS", "PTI", "Xinhua"})
"""Agencies named in a dateline's parentheses ("ROME (AP) -")."""

PATHOGEN_WORDS = frozenset({"virus", "viruses", "ebolavirus", "fever", "disease"})
"""Lowercase words after a place's name that make it a pathogen's ("Marburg virus", "Lassa fever",
"Lyme disease"): the name then says which disease, not where."""

OWNER_WORDS = frozenset({"Embassy", "Embassies", "Consulate", "Consulates", "Consulate-General"})
"""Institutions named after the state that owns them and located in another ("the U.S. Embassy in
Kabul" is in Kabul): the state's name before one says who, like a demonym, not where."""

# --- words of names that are not places ---------------------------------------------------------

STREET_WORDS = frozenset({
    "Street", "Road", "Avenue", "Boulevard", "Highway", "Drive", "Lane", "Parkway", "Pike", "Turnpike",
    "Freeway", "Expressway", "Circle", "Terrace", "Ave.", "Rd.", "Blvd.", "Ln.", "Pkwy.", "Straße", "Strasse",
})
"""Words that end a street's or road's name, and never a person's ("E. Broad St.", "Gillis Street")."""

FEATURE_WORDS = STREET_WORDS | frozenset({
    "Area", "Coast", "Valley", "River", "Lake", "Lakes", "Mountain", "Mountains", "Island",
    "Islands", "Bay", "Sea", "Ocean", "Gulf", "Peninsula", "Desert", "Strait", "Canal",
    "Park", "Forest", "Hills", "Heights", "Beach", "Springs", "Falls", "Harbor", "Harbour",
    "Square", "Plateau", "Delta", "Basin", "Range", "Glacier", "Creek", "Reservoir", "Canyon",
    "Plains", "Isthmus", "Archipelago", "Trail", "Fault", "Dam", "Bridge", "Tunnel",
    "Stadium", "Arena", "Coliseum", "Dome", "Tower", "Castle", "Palace", "Cathedral", "Monument",
    "Abbey", "Racecourse", "Speedway", "Fairgrounds", "Wilderness", "Lakeshore",
    "Estuary", "Cliffs", "Cove", "Lagoon", "Reef", "Gorge", "Fjord", "Marsh", "Swamp", "Dunes", "Pond",
    "Wetlands", "Highlands", "Atoll", "Wharf", "Quay", "Lighthouse",
    "Gardens", "Crescent", "Promenade", "Esplanade", "Embankment",
})
"""Words that end the name of a natural or built feature ("Bay Area", "Emerald Coast", "Washington
Drive") or a landmark ("Cairo Stadium", "Anglesey Abbey", "Dolly Sods Wilderness"): a place's name
before one of these names the feature, not the place. Not institutions' head words ("Hospital",
"School"): a place naming an institution is a mention of the place (see :data:`INSTITUTION_WORDS`)."""

INSTITUTION_FEATURES = STREET_WORDS | frozenset({"Area", "Forest"})
"""Feature words that, before another capitalised word, belong to an institution named after the place
before them ("Florida Highway Patrol", "Texas Forest Service", "New Concord Area Arts Council")."""

SURNAME_FEATURE_WORDS = frozenset({
    "Lake", "Lakes", "Hill", "Hills", "Ridge", "Park", "Forest", "Beach", "Springs", "Castle", "Tower",
    "Bridge", "Square", "Dome", "Abbey", "Marsh", "Pond", "Gardens", "Heights", "Range", "Coast", "Area",
    "Arena", "Stadium", "Coliseum", "Racecourse", "Speedway", "Fairgrounds",
})
"""Feature words that also end people's names ("Veronica Lake", "Tom Ridge", "Benny Hill"), and venues'
words (venues are named after people: "Anderson Arena"): inside a model PERSON they are taken for a name
or a building; the others ("Bryce Canyon", "Shannon Estuary") name a feature there too."""

STREET_ABBREVIATIONS = frozenset({"St.", "St", "Ave", "Rd", "Dr", "Blvd", "Ln", "Ct", "Ct.", "Pl", "Pl."})
"""Abbreviated street words that end a street's name ("Main St.", "E. Broad St.")."""

STREET_SIDES = frozenset({
    "North", "South", "East", "West", "N", "S", "E", "W", "NE", "NW", "SE", "SW",
    "N.", "S.", "E.", "W.", "N.E.", "N.W.", "S.E.", "S.W.",
})
"""Words after a street's name that are part of it ("40th Avenue South", "Maryland Avenue SW")."""

ROUTE_WORDS = frozenset({
    "Highway", "Route", "Interstate", "Road", "Hwy", "Hwy.", "Loop", "Spur", "Freeway",
    "Expressway", "Turnpike", "FM", "SR", "CR", "RR",
})
"""Words before a number that name a road ("Highway 10", "County Road 43", "FM 678")."""

FEATURE_QUALIFIERS = frozenset({"National", "State", "Regional", "Memorial", "International", "Municipal"})
"""Words between a place's name and a feature word in a feature's name ("Zion National Park")."""

FEATURE_PREFIXES = frozenset({"Lake", "Loch", "Lough", "Mount", "Mt.", "Cape", "Isle", "River", "Fort"})
"""Words that open a feature's name before a place's name ("Lake Vermont", "Mount Washington")."""

FEATURE_OF_WORDS = frozenset({"Gulf", "Bay", "Sea", "Strait", "Straits", "Isle", "Port", "Lake", "Cape"})
"""Words that open a feature's name with "of" ("Gulf of Alaska", "Port of Los Angeles")."""

NAME_JOINERS = frozenset({
    "i", "e", "ul", "ud", "al", "el", "ye", "o", "de", "du", "la", "le", "upon", "on", "the",
    "en", "sur", "am", "an", "der", "da", "do", "dos", "das", "del",
})
"""Small lowercase words inside a place's name: Persian and Arabic ("Mazar-i-Sharif", "Pul-e
Khumri", "Qala-i-Naw"), European ("Stratford-upon-Avon", "Weston-on-the-Green")."""

GENERIC_WORDS = frozenset({
    "Province", "Provinces", "District", "Region", "Regions", "Centre", "Center", "Capital",
    "State", "States", "Territory", "Territories", "Empire", "Republic", "Kingdom", "Union",
    "Municipality", "County", "City", "Town", "Village", "Department", "Division", "Zone",
    "Earth", "World", "Planet", "Santa", "San", "Saint", "St.", "Mount", "Lake",
})
"""Words naming a kind of area, or opening a name: alone or with compass words they are not a name."""

MOVEMENT_WORDS = frozenset({
    "Movement", "Front", "Taliban", "Brigade", "Brigades", "Battalion", "Battalions",
    "Liberation", "Jihad", "Jihadist", "Mujahideen", "Mujahidin", "Mujahedeen", "Caliphate",
    "Tehrik", "Tehreek", "Tahreek", "Tahrik", "Tahrir", "Harakat", "Harkat", "Hizb", "Hezb",
    "Jabhat", "Lashkar", "Jaish", "Ansar", "Jamaat", "Jamaah", "Sipah", "Qaeda", "Qaida",
    "Hayat", "Hay’at", "Hay'at", "Militia", "Militias", "Insurgency",
})
"""Words that make a capitalised run the name of an armed or political movement
("Tehrik-i-Taliban Pakistan", "Islamic Movement of Uzbekistan", "Hayat Tahrir al-Sham").
A place name inside such a name names the movement, not a place. Institutions that a
place name locates ("Athens Police Department", "University of Cincinnati", "U.S.
Embassy") are not listed: there the place is a real mention, as the annotated corpora
also treat it."""

MOVEMENT_PAIRS = frozenset({("Islamic", "State"), ("Islamic", "Emirate")})
"""Two-word movement names whose words are common alone."""

NAME_CONNECTORS = frozenset({"of", "and", "the", "al", "el", "e", "i", "ul", "ud", "-", "for"})
"""Lowercase glue inside names: "Movement of Uzbekistan", "Tehrik-i-Taliban", "al-Sham"."""

_INSTITUTIONS = frozenset({
    "Police", "Sheriff", "Sheriff's", "Sheriff’s", "Department", "Dept", "Dept.", "Council",
    "Commission", "Commissioners", "School", "Schools", "High", "Elementary", "Middle",
    "University", "College", "Hospital", "Medical", "Airport", "Library", "Fire", "Court",
    "Courthouse", "Jail", "Office", "Chamber", "Board", "Authority", "District", "Ministry",
    "Government", "Embassy", "Consulate", "Museum", "Zoo", "Park", "Church", "Hall",
    "Center", "Centre", "Club", "Society", "Association", "Foundation", "Agency", "Bureau",
    "Institute", "Health", "Centers", "Administration", "Service", "Services",
    "Public", "Regional", "Community", "Municipal", "Metro", "City", "County", "State",
    "Port", "Harbor", "Station", "Army", "Navy", "Senate", "House", "Assembly", "Legislature",
    "Division", "Census", "Supreme", "Circuit", "Magistrate", "Attorney", "Prosecutor", "Coroner",
    "Sheriffs", "Firefighters", "Cathedral", "Stadium", "Arena", "Mall", "Prison", "Courts",
    "Guard", "Patrol", "Troopers",
})
EVENT_WORDS = frozenset({
    "Earthquake", "Earthquakes", "Quake", "Flood", "Floods", "Flooding", "Fire", "Fires", "Wildfire",
    "Riot", "Riots", "Massacre", "Bombing", "Bombings", "Attack", "Attacks", "Shooting", "Siege",
    "Protest", "Protests", "Storm", "Tsunami", "Eruption", "Outbreak", "Epidemic", "Blackout",
    "Uprising", "Conference", "Summit", "Accord", "Accords", "Agreement", "Marathon", "Olympics",
})
"""Head words of events a place name locates ("Japan Earthquake", "Ferguson Riots")."""

INSTITUTION_WORDS = _INSTITUTIONS | EVENT_WORDS
"""Head words of institutions ("Athens Police Department") and events a place name locates."""

ORG_ADJECTIVES = frozenset({
    "National", "Royal", "International", "Federal", "General", "Central", "Imperial", "Global",
    "United", "Pan", "World", "Regional", "Public", "Municipal", "Community", "Metropolitan",
    "Catholic", "Methodist", "Baptist", "Christian", "Islamic", "Jewish", "Memorial", "Saint",
    "St.", "Union", "Independent", "Democratic", "Republican", "Liberal", "Labour", "Labor",
    "Free", "Grand", "Great", "Supreme", "Holy", "Sacred", "Unity", "Liberty", "Victory", "Hope",
})
"""Words that open institution names and are also town names ("National" City, "Royal" Oak)."""

OF_HEADS = frozenset({
    "University", "College", "City", "Town", "County", "Province", "State",
    "Republic", "Kingdom", "Government", "Bank", "Port", "Diocese", "Mayor",
})
"""Heads of "<head> of <place>" names ("University of Cincinnati")."""

NAME_ARTICLES = frozenset({"The", "THE"})
"""A gazetteer name opening with one of these is not matched on its own (the article is never part of a mention)."""

# fmt: on
