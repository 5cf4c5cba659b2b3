"""Facts: the few words of a sentence that carry a checkable fact, each with a category and a value.

A fact is what a fact-checker would check: a number with what it counts, an
amount, a percentage, a date or time, a name (of a person, place or
organisation), a quotation with its speaker, a source or attribution. Each is
found by language-neutral signals first (digits, quotation marks, words written
with a capital where no sentence begins) and, for sources only, by the
attribution words of the languages the segmenter reads. The value is what two
versions are compared by: two facts with equal values are the same fact however
they are written (see `values.py`).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.claims.attribution import SPEECH, attributions, with_speakers
from reader.core.claims.subjects import FUNCTION
from reader.core.text.calendar import TITLE_ABBREVIATIONS
from reader.core.text.common import common_word
from reader.core.text.normalize import Token
from reader.core.text.values import MONTHS, WEEKDAYS

STEM = 6  # as the alignment's stems (evidence.STEM_CHARS): Olympics ~ Olympic, Christianity ~ Christian
_WHO = frozenset({"name", "source"})  # a source is a name too: "Peskov" = "Peskov said"
_MIN_QUOTE_WORDS = 1  # a quotation: at least one word that is not a number ("‘1,000 for 1,000’" is a formula)
_COUNTED_WORDS = 2  # a number's span also holds the word after it (two when the first is a name): what it counts
_MINOR_BELOW = 20
# The months of the languages that write them with a capital: a month alone is a date there ("in March"); in French
# or Spanish a capital tells a name ("Mars", "Avril")
_MONTHS_WITH_A_CAPITAL = frozenset(
    """january february march april may june july august september october november december januar februar märz
    mai juni juli oktober dezember""".split()
)
# Words before a number that say how exact it is, in the languages the segmenter reads
_QUALIFIERS = frozenset(
    """about around approximately nearly almost over under some roughly
    etwa rund fast knapp über environ presque casi unos unas около почти близько майже""".split()
) | frozenset(
    (
        "more than", "less than", "fewer than", "up to", "at least", "at most", "mehr als", "weniger als",
        "bis zu", "plus de", "moins de", "près de", "jusqu'à", "más de", "menos de", "hasta", "более чем",
    )
)  # fmt: skip
_ARTICLES = frozenset("the a an der die das den le la les l un une el los las".split())
_TITLE_KEEPS = 2  # the words of a name a title before it leaves at least
# Titles conferred on a person and written as part of the name ("Dr. Shankar Dayal Sharma", "Sir Lynden Pindling",
# "Lady Eleanor Brandon", the Czech and Slovak degrees "RSDr.", "JUDr.", "Ing."): a claim about the person (a
# doctorate, a knighthood, a rank), so a version that gives or drops one alters the name. Courtesy titles ("Mr.",
# "Mrs.") are a house style and job titles ("Lead Archaeologist") describe; neither is here.
_HONORIFICS = frozenset("""dr sir dame lady lord prof rsdr judr mudr phdr mvdr rndr paeddr ing""".split())
# Offices and ranks, written with a capital before a name or in its place ("Prime Minister", "the President",
# "Assistant to the President"): alone they name no one
_OFFICES = frozenset(
    """president vice prime minister secretary assistant director chairman chairwoman chair spokesman spokeswoman
    spokesperson governor senator ambassador commander professor chancellor mayor premier chief deputy general
    colonel captain lieutenant sergeant admiral marshal judge justice king queen prince princess emperor pope
    archbishop bishop cardinal sheikh sultan emir minister-president envoy
    präsident präsidentin ministerin kanzler kanzlerin bürgermeister président présidente ministre
    presidente ministro presidenta""".split()
)
# The words that count people and say nothing more of them, in the languages read
_PEOPLE = frozenset(
    "people persons individuals humans menschen personen leute personnes gens personas люди людей человек осіб".split()
)
_GLUE_MAX = 3  # a word this short after a number is glue ("1,000 for"), not what it counts
# The verbs that follow a number as its subject ("a million were added", "a million having been added"): the
# number counts nothing they say
_AUXILIARIES = frozenset(
    """were was are is be been being have has had having will would could can may might must shall should did do
    does sind waren wurden werden haben hatten hat ist war wird sont ont étaient avaient été sera seront
    son fueron han había habían será serán""".split()
)


@dataclass(frozen=True, slots=True)
class SentenceFact:
    """One fact in an article: `text[start:end]` is shown; `core` is the part whose change changes the fact."""

    category: str  # one of the model's CATEGORIES
    start: int
    end: int
    value: str  # what two versions compare: a number's value, a date's key, a name's words, a quote's words
    core: tuple[int, int]  # character span of the words that carry the value
    speaker: str = ""  # a quote's speaker (the value of the name next to it), "" when none is named
    speaker_span: tuple[int, int] | None = None
    minor: bool = False  # a small number in words ("two nations"), a pronoun's source ("he said"): a fact only
    # where another fact of its kind stands in its place
    counts: str = ""  # a number's: the keys of the words that say what it counts ("russian prisoners")
    named_group: bool = False  # ... and they name a group with a capital ("Russian prisoners", not "people")
    continues: bool = False  # a source that says where the one before came from ("... memos obtained by Reuters")
    named: bool = False  # a source that cites a name ("Peskov said"), not a role or a document ("analysts said")


# French guillemets take a (no-break) space inside: « Nous sommes prêts »
_OPEN_QUOTE = re.compile(r"""(?:^|(?<=[\s(\[—–\-:]))(?:[“‘«„‚"'](?=\S)|«[ \u00a0\u202f](?=\S))""")
_CLOSE_QUOTE = re.compile(r"""(?<=\S)(?:[”’»“"'‘]|[ \u00a0\u202f]»)(?![^\W_])""")
_OPENING_MARK = re.compile(r"""[“‘«„‚"']""")  # every opening above begins with one of these


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations in text[start:end]: an opening mark at a word's start, to the closing mark at a word's
    end (or the end of the span, for a quotation that goes on in the next sentence)."""
    found: list[tuple[int, int]] = []
    if _OPENING_MARK.search(text, start, end) is None:  # most sentences: one plain scan, no look-behind at each place
        return found
    i = start
    while True:
        opening = _OPEN_QUOTE.search(text, i, end)
        if opening is None:
            return found
        closing = _CLOSE_QUOTE.search(text, opening.end(), end)
        close = closing.end() if closing else end
        found.append((opening.start(), close))
        i = close


# A point on the globe: degrees (minutes, seconds) and a hemisphere, "50°53′16″N", "40.217°N"
_COORDINATE = re.compile(
    r"(\d{1,3}(?:[.,]\d+)?)°\s?(?:(\d{1,2}(?:[.,]\d+)?)[′']\s?)?(?:(\d{1,2}(?:[.,]\d+)?)[″\"]\s?)?([NSEW])\b"
)
_COORDINATE_GAP = re.compile(r"[\s\ufeff\u200b/;,]*")  # between the parts of one position, or two notations of it
_DECIMAL_PAIR = re.compile(r"-?\d{1,3}\.\d+;\s?-?\d{1,3}\.\d+")  # "/ 50.887892; 5.979305": the same point again


def coordinates(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Positions on the globe in text[start:end], each as (start, end, value): every notation of one point
    (degrees-minutes-seconds, decimal degrees, a bare decimal pair after them) is one span, and its value is
    the point to a hundredth of a degree, so that a position written another way is the same value."""
    if "°" not in text[start:end]:
        return []
    found: list[tuple[int, int, str]] = []
    i = start
    while (first := _COORDINATE.search(text, i, end)) is not None:
        parts = [first]
        close = first.end()
        while True:
            gap = _COORDINATE_GAP.match(text, close, end)
            at = gap.end() if gap else close
            nxt = _COORDINATE.match(text, at, end) or _DECIMAL_PAIR.match(text, at, end)
            if nxt is None:
                break
            if nxt.re is _COORDINATE:
                parts.append(nxt)
            close = nxt.end()
        found.append((first.start(), close, " ".join(_degrees(m) for m in parts[:2])))
        i = close
    return found


def _degrees(match: re.Match[str]) -> str:
    """A coordinate as signed decimal degrees to two places ("50°53′16″N" -> "50.89")."""
    degrees, minutes, seconds, hemisphere = match.groups()
    value = sum(float(x.replace(",", ".")) / d for x, d in ((degrees, 1), (minutes, 60), (seconds, 3600)) if x)
    return f"{-value if hemisphere in 'SW' else value:.2f}"


def extract(
    text: str,
    tokens: list[Token],
    capitalised: set[str],
    seg_start: int,
    seg_end: int,
    title: bool = False,
    names: set[str] | None = None,
    capital_nouns: bool = False,
    lowercase: frozenset[str] | set[str] = frozenset(),
) -> list[SentenceFact]:
    """The facts of one sentence (text[seg_start:seg_end]), given its value tokens (see `values.value_tokens`).

    `capitalised` holds the keys written with a capital in mid-sentence somewhere in the comparison;
    `names` those of them never written in lower case (a name; "She" or "The" at a sentence's start is
    not one). A run of capitalised words is a name when it holds at least one of `names`; `lowercase` holds the
    keys written in lower case somewhere, and their stems (a sentence's first word that is never so joins the
    name after it; a title before a name is so written: "the lead archaeologist", "Lead Archaeologist Richard
    Buckley")."""
    facts: list[SentenceFact] = []
    if _spaced_out(text, tokens):
        return facts
    starts = [t.start for t in tokens]
    taken = _in_markup(text, starts, seg_start, seg_end)
    for qs, qe in quote_spans(text, seg_start, seg_end):
        inside = [k for k in range(bisect_left(starts, qs), bisect_left(starts, qe)) if tokens[k].end <= qe]
        words = sum(not tokens[k].is_number for k in inside)
        if words >= _MIN_QUOTE_WORDS and words > len(inside) - words and not _nickname(text, tokens, inside):
            value = " ".join(tokens[k].key for k in inside)
            facts.append(SentenceFact("quote", qs, qe, value, (tokens[inside[0]].start, tokens[inside[-1]].end)))
            for k in inside:
                taken[k] = True
    for cs, ce, value in coordinates(text, seg_start, seg_end):
        # one value however it is written; a fact only where another position stands in its place
        facts.append(SentenceFact("number", cs, ce, value, (cs, ce), minor=True, counts="coordinates"))
        for k in range(bisect_left(starts, cs), bisect_left(starts, ce)):
            taken[k] = True
    runs = _name_runs(text, tokens, capitalised, capitalised if names is None else names, taken, title, lowercase)
    facts.extend(
        SentenceFact("source", a.start, a.end, a.value, a.core, minor=a.pronoun, continues=a.continues, named=a.named)
        for a in attributions(text, tokens, runs, taken, seg_start)
    )
    # numbers before names: a number takes the name that says what it counts ("1,000 Russian prisoners")
    for k, tok in enumerate(tokens):
        if tok.is_number and not taken[k]:
            facts.append(_number_fact(text, tokens, k, taken, capital_nouns))
    for k, tok in enumerate(tokens):
        if k and not taken[k] and tok.key in _MONTHS_WITH_A_CAPITAL and not tok.is_number and text[tok.start].isupper():
            # a month named alone ("in March"): a date, not a name
            facts.append(SentenceFact("date", tok.start, tok.end, f"--{MONTHS[tok.key]:02d}", (tok.start, tok.end)))
            taken[k] = True
    for first, last in runs:
        if not any(taken[first:last]):
            keys = [t.key for t in tokens[first:last]]
            end = tokens[last - 1].end
            if keys[-1].endswith("'s") and len(keys[-1]) > 2:  # the owner's name, not its possessive ending
                keys[-1], end = keys[-1][:-2], end - 2
            elif last - first > 1 and end - tokens[last - 1].start == 1 and text[end : end + 1] == ".":
                end += 1  # a name of initials keeps its last full stop ("U.S.")
            value = " ".join(keys)
            core = (tokens[first].start, end)
            minor = last - first == 1 and _attributive(text, tokens, first)
            facts.append(SentenceFact("name", core[0], core[1], value, core, minor=minor))
            for k in range(first, last):
                taken[k] = True
    facts = with_speakers(facts)
    return sorted(facts, key=lambda f: f.start)


# Markup left in a text (wiki links and templates, file names, URLs): "[[File:180px-Map.png|thumb|right]]",
# "Module:Location_map", "https://example.org/a?b=1". Its words and digits are no facts.
_MARKUP = re.compile(r"[|=_<>{}]|\[\[|\]\]|[^\W\d]:\w|://")
_MARKUP_SIGN = re.compile(r"[|=_<>{}\[\]:]")  # a quick look first: most sentences hold none of these


def _in_markup(text: str, starts: list[int], seg_start: int, seg_end: int) -> list[bool]:
    """Which tokens (by their starts) lie in a run of markup: the characters around them up to white space hold
    a mark of it. Each run is read once, however long (a sentence may be one blob of markup)."""
    inside = [False] * len(starts)
    if _MARKUP_SIGN.search(text, seg_start, seg_end) is None:
        return inside  # most sentences hold no sign of markup at all
    for run in _RUN.finditer(text, seg_start, seg_end):
        if _MARKUP.search(run.group()):
            for k in range(bisect_left(starts, run.start()), bisect_left(starts, run.end())):
                inside[k] = True
    return inside


_RUN = re.compile(r"\S+")


_NICKNAME_MARKS = ('"', "“", "”")
_NICKNAME_GAPS = frozenset({f" {m}" for m in _NICKNAME_MARKS} | {f"{m} " for m in _NICKNAME_MARKS})
_NICKNAME_MAX_WORDS = 2


def _nickname(text: str, tokens: list[Token], inside: list[int]) -> bool:
    """A quotation of one or two capitalised words between a given name and a surname ('Dan "Danny" Trejo',
    'Edward "Ted" Kennedy'): a nickname, part of the name, nobody's words."""
    before, after = inside[0] - 1, inside[-1] + 1
    if len(inside) > _NICKNAME_MAX_WORDS or before < 0 or after >= len(tokens):
        return False
    words = [tokens[k] for k in (before, *inside, after)]
    return (
        all(text[t.start].isupper() and not t.is_number for t in words)
        and text[tokens[before].end : tokens[inside[0]].start] in _NICKNAME_GAPS
        and text[tokens[inside[-1]].end : tokens[after].start] in _NICKNAME_GAPS
    )


_SPACED_OUT_MIN_WORDS = 10
_SPACED_OUT_SHARE = 0.3
_FRAGMENT_RUN = 3
_ONE_LETTER_WORDS = frozenset("a i o y e u".split())  # words of one letter in the languages read (English, Spanish ...)


def _spaced_out(text: str, tokens: list[Token]) -> bool:
    """A sentence whose words are broken apart ("t h e F o u r t h A r m y", "Britis h had co mmitted ... i n D ec e
    mber 19 15"): garbled text, whose letters and digits are no facts (a year spelled "1 9 1 6" is not four numbers).
    Told by its fragments (a letter, or two letters in lower case that are no common word, standing alone between
    spaces, after no number: "5 km" is a unit): three in a row, or three words in ten. A language's words of one
    letter stand alone, not three in a row ("у понеділок", "i w Warszawie")."""
    if len(tokens) < _SPACED_OUT_MIN_WORDS:
        return False
    short = [k for k, tok in enumerate(tokens) if tok.end - tok.start <= 2]  # most sentences: a few "of", "in"
    if len(short) < _FRAGMENT_RUN:
        return False
    pieces = run = 0
    last = -2
    for k in short:
        fragment = _fragment(text, tokens[k]) and not (k > 0 and tokens[k - 1].is_number)
        run = run + 1 if fragment and k == last + 1 else int(fragment)
        last = k if fragment else -2
        if run >= _FRAGMENT_RUN:
            return True
        pieces += fragment
    return pieces > _SPACED_OUT_SHARE * len(tokens)


def _fragment(text: str, tok: Token) -> bool:
    word = text[tok.start : tok.end]
    if len(word) > 2 or not word.isalpha() or len(word) == 2 and not word.islower():
        return False
    key = word.lower()
    if key in _ONE_LETTER_WORDS or key in FUNCTION or len(word) == 2 and common_word(key):
        return False
    before = tok.start == 0 or text[tok.start - 1].isspace()
    return before and (tok.end == len(text) or text[tok.end].isspace() or text[tok.end] in ",.;:")


def _range_end_year(text: str, tokens: list[Token], k: int) -> str:
    """The year a range's end cut to two digits stands for ("1961–64": 1964, "1888-95": 1895), "" if none."""
    tok = tokens[k]
    digits = text[tok.start : tok.end]
    if k == 0 or len(digits) != 2 or not digits.isdigit() or tok.spelled:
        return ""
    before = tokens[k - 1]
    first = text[before.start : before.end]
    if text[before.end : tok.start] not in ("–", "-") or not _YEAR.fullmatch(first) or before.spelled:
        return ""
    return first[:2] + digits if digits > first[2:] else ""


_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def _is_date(tok: Token, text: str) -> bool:
    key = tok.key
    if key.startswith("weekday-") or re.fullmatch(r"(\d{4}|-)-\d\d(-\d\d)?|\d\d:\d\d|\d{3}0s", key):
        return True
    return not tok.spelled and re.fullmatch(r"1[5-9]\d\d|20\d\d", text[tok.start : tok.end]) is not None


def _number_fact(
    text: str, tokens: list[Token], k: int, taken: list[bool], capital_nouns: bool = False
) -> SentenceFact:
    """A number, a date or an amount, and the words right after it that say what it counts (in a text that
    capitalises its nouns, the one word after it: "250 Hausgemeinschaften", not "250 Hausgemeinschaften
    nehmen")."""
    tok = tokens[k]
    taken[k] = True
    if _is_date(tok, text):
        return SentenceFact("date", tok.start, tok.end, tok.key, (tok.start, tok.end))
    year = _range_end_year(text, tokens, k)
    if year:
        return SentenceFact("date", tok.start, tok.end, year, (tok.start, tok.end))
    end = tok.end
    counted: list[str] = []
    named_group = False
    for n in range(k + 1, min(k + 1 + _COUNTED_WORDS, len(tokens))):
        nxt = tokens[n]
        gap = text[end : nxt.start]
        short = len(nxt.key) <= _GLUE_MAX and not text[nxt.start].isupper()
        grammar = nxt.key in SPEECH or nxt.key in _AUXILIARIES or nxt.key in FUNCTION  # "call 555 The temple"
        if nxt.is_number or taken[n] or gap.strip() or grammar or short:
            break
        end = nxt.end
        counted.append(nxt.key)
        named_group = named_group or text[nxt.start].isupper()
        taken[n] = True
        if capital_nouns or not text[nxt.start].isupper():
            break  # "300 people": the noun; "1,000 Russian prisoners": a name, then the noun
    minor = tok.spelled and tok.key.isdigit() and int(tok.key) < _MINOR_BELOW
    # what it counts is part of the fact: "1,000 Russian prisoners" is not "1,000 Ukrainian soldiers"
    counts = " ".join(counted)
    start = _qualified_from(text, tokens, k, taken)
    return SentenceFact(
        "number", start, end, tok.key, (tok.start, end), minor=minor, counts=counts, named_group=named_group
    )


def _qualified_from(text: str, tokens: list[Token], k: int, taken: list[bool]) -> int:
    """Where a number's span starts: at the words before it that say how exact it is ("about 500", "more than
    a million", "about the 14th century"), shown with it; its value, and what a change of it is read by, stay
    the number's."""
    last = k - 1 if k and tokens[k - 1].key in _ARTICLES else k
    for size in (2, 1):
        first = last - size
        if first < 0 or any(taken[first:k]):
            continue
        words = tokens[first:k]
        joined = all(text[a.end : b.start] == " " for a, b in zip(words, [*words[1:], tokens[k]], strict=True))
        if joined and " ".join(t.key for t in tokens[first:last]) in _QUALIFIERS:
            for j in range(first, k):
                taken[j] = True
            return words[0].start
    return tokens[k].start


def _name_runs(
    text: str,
    tokens: list[Token],
    capitalised: set[str],
    names: set[str],
    taken: list[bool],
    title: bool,
    lowercase: frozenset[str] | set[str] = frozenset(),
) -> list[tuple[int, int]]:
    """Runs of words written with a capital that the comparison writes so in mid-sentence too
    (a name at a sentence's start counts when it is a name elsewhere), joined by a short connector or an
    initial's full stop ("Gordon H. Willis"). A sentence's first word is no name alone; it opens the name
    right after it when the comparison never writes it in lower case and it is no common word ("Piers Benedict
    Adam", not "The Godfather").
    A lone letter ("I") is no name."""

    def is_name(k: int) -> bool:
        t = tokens[k]
        if (
            t.is_number
            or taken[k]
            or not text[t.start].isupper()
            or t.key in MONTHS
            or t.key in WEEKDAYS
            or t.key.startswith("weekday-")
        ):
            return False
        if t.key in capitalised:
            return True
        # the sentence's first word, followed by a name: a given name ("Piers Adam"), unless written in lower case
        return (
            k == 0
            and not title
            and len(tokens) > 1
            and t.key.isalpha()
            and t.key not in lowercase
            and not common_word(t.key)
            and (
                tokens[1].key in names
                and text[t.end : tokens[1].start] == " "
                and text[tokens[1].start].isupper()
                or _nickname(text, tokens, [1])  # 'Dan "Danny" Trejo': the form of a person's name
            )
        )

    runs: list[tuple[int, int]] = []
    k, n = 0, len(tokens)
    while k < n:
        if not is_name(k) or (title and k == 0 and not _mid_sentence_capital(text, tokens, k)):
            k += 1
            continue
        first = k
        k += 1
        nicknamed = False
        while k < n:
            gap = text[tokens[k - 1].end : tokens[k].start]
            initial = gap.strip() == "." and tokens[k - 1].end - tokens[k - 1].start == 1
            titled = gap in (". ", ".\u00a0") and tokens[k - 1].key in TITLE_ABBREVIATIONS  # "Dr. Anna Berg"
            nickname = gap in _NICKNAME_GAPS  # 'Edward "Ted" Kennedy': the quotation marks of a nickname
            if gap.strip() not in ("", "-", "'", "’") and not initial and not titled and not nickname:
                break
            tok = tokens[k]
            # after an initial, the next letter of "U.S." is no word inside a sentence, but part of the name
            next_initial = initial and tok.end - tok.start == 1 and text[tok.start].isupper() and not taken[k]
            in_nickname = nickname and gap[0] == " " and _nickname(text, tokens, [k])
            surname = nickname and gap[-1] == " " and nicknamed and text[tok.start].isupper() and not tok.is_number
            if is_name(k) or next_initial or in_nickname or surname:
                nicknamed = nicknamed or in_nickname
                k += 1
                continue
            break
        # a title before a name ("Lead Archaeologist Richard Buckley", "Prime Minister Benjamin Netanyahu"): its
        # words are written in lower case elsewhere, and a person's full name follows them, two words at least
        # that never are ("New York City" is one name: "city" is written so too)
        named_from = first
        while k - named_from > _TITLE_KEEPS and tokens[named_from].key[:STEM] in lowercase:
            named_from += 1
        if named_from > first and not any(tokens[j].key[:STEM] in lowercase for j in range(named_from, k)):
            first = named_from
        while first < k and tokens[first].key in TITLE_ABBREVIATIONS and tokens[first].key not in _HONORIFICS:
            first += 1  # "Mr. Tom Hale", "Gen. Gerasimov": house style and rank; the name is what follows
        if first == k:
            continue
        if first and _honorific_before(text, tokens, first, taken):
            first -= 1
        if all(tokens[j].key in _OFFICES for j in range(first, k)):
            continue  # an office alone ("Assistant to the President", "the Prime Minister") names no one
        letters = [tokens[j].end - tokens[j].start == 1 for j in range(first, k)]
        lone_letter = letters == [True]
        stops = all(text[tokens[j - 1].end : tokens[j].start] == "." for j in range(first + 1, k))
        initials = len(letters) > 1 and all(letters) and stops  # "U.S.", "U.N.": a name by its form, as an acronym
        evidence = initials or nicknamed or any(tokens[j].key in names for j in range(first, k))
        if not lone_letter and evidence:
            runs.append((first, k))
    return runs


def _honorific_before(text: str, tokens: list[Token], first: int, taken: list[bool]) -> bool:
    """Whether a conferred title, with a capital, stands right before the name at tokens[first] ("Dr. Sharma")."""
    tok = tokens[first - 1]
    gap = text[tok.end : tokens[first].start]
    return (
        tok.key in _HONORIFICS and not taken[first - 1] and text[tok.start].isupper() and gap in (" ", ". ", ".\u00a0")
    )


def honorific(name: str) -> str:
    """The conferred title a name's value begins with, "" when none."""
    first = name.split(" ", 1)[0]
    return first if first in _HONORIFICS else ""


# How an adjective of a people or a place ends in English: American, Italian, European, British, Japanese, Icelandic,
# French, Iraqi
_DEMONYM_ENDINGS = ("an", "ish", "ese", "ic", "ch", "i")


def _attributive(text: str, tokens: list[Token], k: int) -> bool:
    """A one-word name that is an adjective of a people or a place before the noun it describes ("an American
    actress", "the British government"): a fact only where another stands in its place ("American" / "British"),
    not where a version merely drops it ("an actress")."""
    tok = tokens[k]
    if k + 1 >= len(tokens) or not tok.key.endswith(_DEMONYM_ENDINGS):
        return False
    nxt = tokens[k + 1]
    # the word it describes is a noun, not grammar: "Xi'an to Guangzhou" names a city, it describes nothing
    return (
        text[tok.end : nxt.start] == " " and text[nxt.start].islower() and not nxt.is_number and nxt.key not in FUNCTION
    )


def _mid_sentence_capital(text: str, tokens: list[Token], k: int) -> bool:
    return k > 0 and text[tokens[k].start].isupper()


def same_value(a: SentenceFact, b: SentenceFact) -> bool:
    """Whether two facts of one category say the same: equal values; for names also an acronym and
    its expansion (VC = Venture Capitalist), a spelling a letter or two apart, or one name inside
    the other (Peskov = Dmitry Peskov)."""
    if a.category != b.category and not {a.category, b.category} <= _WHO:
        return False
    if a.category == b.category == "name" and honorific(a.value) != honorific(b.value):
        return False  # "Dr. Shankar Dayal Sharma" / "Shankar Dayal Sharma": the title is a claim about him
    if a.value == b.value:
        if a.category == "number" and not (a.minor or b.minor):  # "two nations" / "two sides": a rewording
            # what it counts differs only where both say it ("a million were added" says nothing it counts), or
            # where one names a group the other does not ("1,000 Ukrainian soldiers" is no bare "1000")
            if not (a.counts and b.counts):
                return not (a.named_group or b.named_group)
            # "people" says less than "inhabitants", nothing else: the same count ("926 people" / "926 inhabitants");
            # "prisoners" / "soldiers" count other people
            generic = not (a.named_group or b.named_group) and (a.counts in _PEOPLE or b.counts in _PEOPLE)
            return a.counts == b.counts or same_name(a.counts, b.counts) or generic
        return a.category != "quote" or not (a.speaker and b.speaker) or same_name(a.speaker, b.speaker)
    if a.category in _WHO:
        if pronoun_source(a) and b.named or pronoun_source(b) and a.named:
            return True  # "he said" may be "Peskov said"; it cannot be "according to official transcripts"
        return same_name(a.value, b.value)
    if a.category == "date":
        return _within(a.value, b.value) or _within(b.value, a.value)
    if a.category == "quote":
        wa, wb = a.value.split(), b.value.split()
        same_words = len(wa) == len(wb) and all(spelling_variant(x, y) for x, y in zip(wa, wb, strict=True))
        return same_words and (not (a.speaker and b.speaker) or same_name(a.speaker, b.speaker))
    return False


def _within(wide: str, narrow: str) -> bool:
    """Whether a date says no more than another, and the same: a year of a day in it ("1548" / "1548-09-05"), a
    decade of a year in it ("1950s" / "1953"). Told more exactly, not otherwise: no change of fact."""
    if wide.endswith("0s") and wide[:3].isdigit():
        return narrow[:3] == wide[:3] and narrow[3:4].isdigit()
    return len(wide) >= 4 and narrow.startswith(wide + "-")


def shown_value(fact: SentenceFact) -> str:
    """The value a face or a script compares: a number's with what it counts ("1000 russian prisoners"),
    as `same_value` compares them (a small number's noun aside: "two nations" is "two sides")."""
    return f"{fact.value} {fact.counts}" if fact.category == "number" and fact.counts and not fact.minor else fact.value


def pronoun_source(fact: SentenceFact) -> bool:
    """A source that names no one ("he said"): it may stand for any named source."""
    return fact.category == "source" and fact.minor


@functools.lru_cache(maxsize=1 << 16)
def same_name(a: str, b: str) -> bool:
    """Whether two names (their keys) name the same: an acronym and its expansion, in the whole name or in part
    ("Super NES" = "Super Nintendo Entertainment System"); one inside the other; a place and its adjective
    ("West" = "Western", "Italy" = "Italian"); a spelling a letter or two apart."""
    wa, wb = a.split(), b.split()
    if _initials(wa) == b.replace(" ", "") or _initials(wb) == a.replace(" ", ""):
        return True
    sa, sb = {w[:STEM] for w in wa}, {w[:STEM] for w in wb}
    if sa <= sb or sb <= sa:  # Peskov = Dmitry Peskov; Winter Olympics = Winter Olympic Games
        return True
    only_a, only_b = [w for w in wa if w not in wb], [w for w in wb if w not in wa]
    if len(only_a) == 1 and (_initials(only_b) == only_a[0] or len(only_b) == 1 and _adjective_of(*only_a, *only_b)):
        return True
    if len(only_b) == 1 and _initials(only_a) == only_b[0]:
        return True
    return spelling_variant(a, b)


def _adjective_of(a: str, b: str) -> bool:
    """A place and the adjective made from it: the longer ends in an adjective's ending and begins with the
    shorter, give or take its last letter ("west" / "western", "italy" / "italian", "japan" / "japanese")."""
    short, long_ = sorted((a, b), key=len)
    stem = short if long_.startswith(short) else short[:-1]
    return len(stem) >= 4 and long_.startswith(stem) and long_[len(stem) :].endswith((*_DEMONYM_ENDINGS, "ern"))


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def spelling_variant(a: str, b: str) -> bool:
    """The same word written a letter or two apart (a typo fixed, two letters swapped, `it's` / `its`), not
    another word."""
    if a == b:
        return True
    la, lb = _letters(a), _letters(b)
    if la == lb:
        return True
    if min(len(la), len(lb)) < 4 or not (la.isalpha() and lb.isalpha()) or abs(len(la) - len(lb)) > 2:
        return False
    limit = 1 if min(len(la), len(lb)) < 8 else 2
    return _edit_distance()(la, lb, score_cutoff=limit) <= limit


@functools.cache
def _edit_distance() -> Callable[..., int]:
    """Edits between two spellings, two letters swapped counting as one ("Fabirk" / "Fabrik")."""
    from rapidfuzz.distance import OSA  # loaded on first use, as in worddiff

    return OSA.distance


def _letters(word: str) -> str:
    return word if word.isalnum() else "".join(c for c in word if c.isalnum())
