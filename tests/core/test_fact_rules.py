"""What a fact is (issue 20): each rule as a table of sentences a fact-checker reads, and the details expected.

Every row compares a base with a version; the context sentence gives the names their evidence (a word written
with a capital inside a sentence), as a story's other sentences would.
"""

from __future__ import annotations

import pytest

from reader.core import compare_texts

CONTEXT = "Reporters met Anna Berg and Tom Hale in Leeds.\n"

# (name, base sentence, version sentence, expected (role, category, article, text) of every detail)
RULES = [
    (
        "coordinates written another way are one value",
        "The town lies at 50°53′16″N 5°58′45″E, near the border.",
        "The town lies at 50.887892°N 5.979305°E, near the border.",
        set(),
    ),
    (
        "coordinates a version drops are no fact of their own",
        "The town, at 40°13′N 6°48′W / 40.217°N 6.800°W / 40.217; -6.800, is old.",
        "The town is old.",
        set(),
    ),
    (
        "coordinates moved to another point are altered",
        "The town lies at 40°13′N 6°48′W today.",
        "The town lies at 41°13′N 6°48′W today.",
        {("altered", "number", 1, "41°13′N 6°48′W")},
    ),
    ("a nationality dropped is no fact of its own", "Berg is an American actress.", "Berg is an actress.", set()),
    (
        "a nationality replaced is altered",
        "Berg is an American actress.",
        "Berg is a British actress.",
        {("altered", "name", 1, "British")},
    ),
    (
        "a given name dropped from a full name is altered",
        "Dieter Günter Bohlen is a singer.",
        "Dieter Bohlen is a singer.",
        {("altered", "name", 1, "Dieter Bohlen")},
    ),
    (
        "a given name cut to its initial is altered",
        "The film was shot by Gordon Hugh Willis in 1972.",
        "The film was shot by Gordon H. Willis in 1972.",
        {("altered", "name", 1, "Gordon H. Willis")},
    ),
    (
        "a surname for a full name is the same person",
        "The film was shot by Gordon Willis in 1972.",
        "The film was shot by Willis in 1972.",
        set(),
    ),
    (
        "a number is not altered when only the verb after it changes",
        "By May, more than a million were added to the list.",
        "By May, more than a million having been added to the list, it closed.",
        set(),
    ),
    (
        "a count that one version says what it counts of, and the other not, is one value",
        "As of the census, the population was 19,136.",
        "As of the census, 19,136 people lived there.",
        set(),
    ),
    (
        "another count is altered",
        "As of the census, 19,136 people lived there.",
        "As of the census, 19,163 people lived there.",
        {("altered", "number", 1, "19,163 people")},
    ),
    (
        "a month named alone is a date, not a name",
        "Talks began in March with Berg.",
        "Talks began in May with Berg.",
        {("altered", "date", 1, "May")},
    ),
    (
        "a name's possessive ending is no part of it",
        "Berg met Poland's envoy.",
        "Berg met Hale's envoy.",
        {("altered", "name", 1, "Hale")},
    ),
    (
        "a name in brackets and a name of initials",
        "Berg won the race.",
        "Berg (U.S.) won the race, as Hale (Germany) did.",
        {("inserted", "name", 1, "U.S."), ("inserted", "name", 1, "Germany")},
    ),
    (
        "an abbreviation inside a name is the same name",
        "It ran on the Super Nintendo Entertainment System in Leeds.",
        "It ran on the Super NES in Leeds.",
        set(),
    ),
    (
        "a place and its adjective are the same name",
        "Berg speaks a dialect of the West Hale valley.",
        "Berg speaks a dialect of the Western Hale valley.",
        set(),
    ),
    (
        "a title before a name is no part of it",
        "The archaeologists found bones, and the lead archaeologist spoke.",
        "The archaeologists found bones, and Lead Archaeologist Richard Buckley spoke.",
        {("inserted", "name", 1, "Richard Buckley")},
    ),
    (
        "how exact a number is stands in its span, not its value",
        "Berg says the breed arose in the 15th century.",
        "Berg says the breed arose in about the 14th century.",
        {("altered", "number", 1, "about the 14th century")},
    ),
    (
        "a number only qualified is no other number",
        "Berg counted 500 birds.",
        "Berg counted about 500 birds.",
        set(),
    ),
    (
        "a heading's capitals tell no name",
        "The human toll is an ongoing cost.\n\nThe Ongoing Human Cost\n\nBerg spoke.",
        "The human toll is an ongoing cost.\n\nThe Ongoing Human Toll\n\nBerg spoke.",
        set(),
    ),
    (
        "a name whose words are written in lower case too keeps its first word",
        "The city made a new plan, and Berg met Hale.",
        "The city made a new plan, and Berg met Hale in New York City.",
        {("inserted", "name", 1, "New York City")},
    ),
    (
        "a sentence spaced out letter by letter is garbled text, no facts",
        "Berg spoke.",
        "Berg spoke. T h e F o u r t h A r m y o f B r i t a i n m o v e d i n 1 9 1 6 .",
        set(),
    ),
    (
        "a year range's end cut to two digits is that year",
        "Berg hosted the show from 1961 to 1964.",
        "Berg hosted the show (1961–64).",
        set(),
    ),
    (
        "a round figure in words is its number, in a quotation too",
        'Berg sang "Land of 1,000 Dances" in Leeds.',
        'Berg sang "Land of a Thousand Dances" in Leeds.',
        set(),
    ),
    ("a lone letter is no name", "Then I said no.", "Then I said yes.", set()),
    (
        "a date with its Old Style day in brackets is one date, however the note is written",
        "Berg was born on November 11 [O.S. October 30] 1821 in Leeds.",
        "Berg was born on November 11, 1821 (October 30, old style) in Leeds.",
        set(),
    ),
    (
        "a date without its Old Style note is the same date",
        "Berg was born on 11 November [O.S. 30 October] 1821 in Leeds.",
        "Berg was born on 11 November 1821 in Leeds.",
        set(),
    ),
    (
        "a date with an Old Style note still changes when its day does",
        "Berg was born on November 11 [O.S. October 30] 1821 in Leeds.",
        "Berg was born on November 12, 1821 in Leeds.",
        {("altered", "date", 1, "November 12, 1821")},
    ),
    (
        "a conferred title a version drops alters the name",
        "Then Dr. Anna Berg opened the clinic in Leeds.",
        "Then Anna Berg opened the clinic in Leeds.",
        {("altered", "name", 1, "Anna Berg")},
    ),
    (
        "a title at a sentence's start is part of the name after it",
        "Lady Anna Berg opened the clinic in Leeds.",
        "Anna Berg opened the clinic in Leeds.",
        {("altered", "name", 1, "Anna Berg")},
    ),
    (
        "a Slovak degree's full stop ends no sentence, and the degree is the name's",
        "RSDr. Tom Hale opened the clinic in Leeds.",
        "Tom Hale opened the clinic in Leeds.",
        {("altered", "name", 1, "Tom Hale")},
    ),
    (
        "a courtesy title is house style, no name and no change",
        "Then Mr. Tom Hale opened the clinic in Leeds.",
        "Then Tom Hale opened the clinic in Leeds.",
        set(),
    ),
    (
        "a quoted nickname is part of the name, whose given name is then altered",
        'Dan "Danny" Trejo opened the clinic in Leeds.',
        'Daniel "Danny" Trejo opened the clinic in Leeds.',
        {("altered", "name", 1, 'Daniel "Danny" Trejo')},
    ),
    (
        "a quoted nickname is no quotation: another nickname alters the name",
        'Then Tom "Danny" Hale opened the clinic in Leeds.',
        'Then Tom "Tommy" Hale opened the clinic in Leeds.',
        {("altered", "name", 1, 'Tom "Tommy" Hale')},
    ),
    (
        "a day and its year glued by a comma are one date",
        "Berg died on February 9, 1881 in Leeds.",
        "Berg died on February 9,1881 in Leeds.",
        set(),
    ),
    (
        "a place whose name ends like an adjective of a people is a name, not an adjective",
        "The flight went from Xi'an to Leeds.",
        "The flight went to Leeds.",
        {("lacking", "name", 0, "Xi'an")},
    ),
    (
        "miles after a number are what it counts, no round figure",
        "Debris fell over 18 miles of farmland near Leeds.",
        "Debris fell over 20 miles of farmland near Leeds.",
        {("altered", "number", 1, "over 20 miles")},
    ),
    (
        "markup left in a text holds no facts",
        "The town lies near Leeds. [[File:180px-Map.png|thumb|right]] It is old.",
        "The town lies near Leeds. It is old.",
        set(),
    ),
    (
        "a sentence only one version tells marks the names the other never gives, not those it gives elsewhere",
        "Berg met Hale in Leeds.",
        "Berg met Hale in Leeds. Hale later praised Berg and Sara Lund in 2019.",
        {("inserted", "date", 1, "2019"), ("inserted", "name", 1, "Sara Lund")},
    ),
    (
        "inside a long rewrite, a name in another name's place is altered",
        "It was a regularly scheduled flight from Xi'an to Guangzhou, operated by China Northwest Airlines for years.",
        "It was a flight from Xianyang Airport, in Xianyang to Guangzhou Baiyun International Airport (former) for"
        " years.",
        {
            ("altered", "name", 1, "Xianyang Airport"),
            ("inserted", "name", 1, "Xianyang"),
            ("lacking", "name", 0, "China Northwest Airlines"),
        },
    ),
    (
        "a sentence broken into fragments is garbled text, with no facts",
        "Berg met Hale in Leeds.",
        "Berg met Hale in Leeds. The French and Britis h had co mmitted to an of fensive at Chantilly, i n D ec e mber"
        " 19 15.",
        set(),
    ),
    (
        "an office alone names no one",
        "Berg, an aide, praised the deal in Leeds.",
        "Berg, Assistant to the President, praised the deal in Leeds.",
        set(),
    ),
    (
        "a decade and a year in it say no other fact",
        "The play by Berg is from the 1950s.",
        "The play by Berg is from 1953.",
        set(),
    ),
    (
        "a year and a day in that year say no other fact, another decade does",
        "Berg lived in Leeds (1512–1548) with Hale in the 1530s.",
        "Berg lived in Leeds (1512–5 September, 1548) with Hale in the 1560s.",
        {("altered", "date", 1, "1560s")},
    ),
    (
        "the same count of people, told as people, is no other count",
        "In 2008, 926 inhabitants lived in Leeds.",
        "In 2008, 926 people lived in Leeds.",
        set(),
    ),
    (
        "the same count of another named group is altered",
        "Berg freed 1,000 Russian prisoners in Leeds.",
        "Berg freed 1,000 Ukrainian soldiers in Leeds.",
        {("altered", "number", 1, "1,000 Ukrainian soldiers")},
    ),
    (
        "a number counts no grammar word after it, capitalised or not",
        "For tickets call 5550100 The hall is in Leeds.",
        "For tickets call 5550199 The hall is in Leeds.",
        {("altered", "number", 1, "5550199")},
    ),
]


def _facts(base: str, version: str) -> set[tuple[str, str, int, str]]:
    comparison = compare_texts([CONTEXT + base, CONTEXT + version])
    return {(d.fact_role, d.category, d.article, d.text) for d in comparison.details}


@pytest.mark.parametrize(("name", "base", "version", "facts"), RULES, ids=[r[0] for r in RULES])
def test_what_a_fact_is(name: str, base: str, version: str, facts: set) -> None:
    assert _facts(base, version) == facts
