"""Values: a date, a time, an amount of money or a percentage written in several words becomes one token.

The alignment compares words one by one (`normalize.tokenize`); to compare facts,
the words that write one value are read together, so that every way of writing
it gives the same key: `22 May 2006` = `May 22nd, 2006` = `22. Mai 2006` =
`22 mai 2006` = `22/05/2006` = `22.05.2006` (key `2006-05-22`), `3 am` = `3 a.m.` =
`03:00` (`03:00`), `15 h 30` = `15h30` = `15.30 Uhr` (`15:30`),
`$5m` = `$5 million` (`$5000000`), `5%` = `5 percent` = `5 Prozent` (`5%`),
`22nd` = `22` (an ordinal is its number). Month names and the few unit words
are those of the languages the segmenter reads (English, German, French,
Spanish, Russian, Ukrainian). The merged token keeps the character span of all
its words, so offsets stay exact.

Libraries measured for this (see the commit that added this paragraph): dateparser
parses one whole string at a time (16 ms each, 185 ms to import, 5 of 6 test pairs),
price-parser drops the scale ($5m and $5bn are both 5), number-parser reads English
number words only; none finds values inside running text in every language here.
"""

from __future__ import annotations

import re

from reader.core.text.normalize import Token

_MONTH_NAMES = {
    1: "january jan januar janv janvier enero января січня",
    2: "february feb februar février fevrier febrero февраля лютого",
    3: "march mar märz maerz mars marzo марта березня",
    4: "april apr avril abril апреля квітня",
    5: "may mai mayo мая травня",
    6: "june jun juni juin junio июня червня",
    7: "july jul juli juillet julio июля липня",
    8: "august aug août aout agosto августа серпня",
    9: "september sep sept septembre septiembre сентября вересня",
    10: "october oct oktober octobre octubre октября жовтня",
    11: "november nov novembre noviembre ноября листопада",
    12: "december dec dezember décembre decembre diciembre декабря грудня",
}
MONTHS = {name: n for n, names in _MONTH_NAMES.items() for name in names.split()}
_WEEKDAY_NAMES = {
    1: "monday montag lundi lunes понедельник понеділок",
    2: "tuesday dienstag mardi martes вторник вівторок",
    3: "wednesday mittwoch mercredi miércoles среду среда середу",
    4: "thursday donnerstag jeudi jueves четверг четвер",
    5: "friday freitag vendredi viernes пятницу пятница пʼятницю",
    6: "saturday samstag samedi sábado субботу суббота суботу",
    7: "sunday sonntag dimanche domingo воскресенье неділю",
}
WEEKDAYS = {name: n for n, names in _WEEKDAY_NAMES.items() for name in names.split()}
_CURRENCY = {"$": "$", "€": "€", "£": "£", "¥": "¥", "₽": "₽", "₴": "₴"}
_CURRENCY_WORDS = {
    "dollars": "$",
    "dollar": "$",
    "euros": "€",
    "euro": "€",
    "d'euros": "€",  # "5 millions d'euros"
    "d'euro": "€",
    "pounds": "£",
    "rubles": "₽",
    "roubles": "₽",
    "рублей": "₽",
}
_SCALE_SUFFIX = {"m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000, "mio": 1_000_000, "mrd": 10**9}
_SCALE_WORDS = {
    "million": 10**6,
    "millions": 10**6,
    "millionen": 10**6,
    "millón": 10**6,
    "millones": 10**6,
    "миллиона": 10**6,
    "миллионов": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "milliarde": 10**9,
    "milliarden": 10**9,
    "milliard": 10**9,
    "milliards": 10**9,
    "thousand": 10**3,
    "tausend": 10**3,
    "mille": 10**3,
    "mio": 10**6,  # "5 Mio. Euro"
    "mrd": 10**9,
}
_PERCENT_WORDS = {"percent", "prozent", "%"}
_PERCENT_PAIRS = {("per", "cent"), ("pour", "cent"), ("por", "ciento")}
_AM_PM = {"am": 0, "pm": 12}
# Round figures written as words: "hundreds of prisoners", "Tausende", "des milliers" (key "~100", "~1000").
_ROUGHLY = {
    "dozens": 12,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 10**6,
    "dutzende": 12,
    "hunderte": 100,
    "tausende": 1000,
    "centaines": 100,
    "milliers": 1000,
    "decenas": 10,
    "cientos": 100,
    "miles": 1000,
    "сотни": 100,
    "тысячи": 1000,
    "сотні": 100,
    "тисячі": 1000,
}
# Round-figure words that are a common word of another language: a figure only before their own "of" ("miles de
# personas"; "18 miles of farmland" is a distance)
_ROUGHLY_ONLY_BEFORE = {"miles": "de"}
_ORDINAL_SUFFIX = frozenset({"st", "nd", "rd", "th", "er", "e", "ème", "eme", "º", "ª"})
_LARGEST_AMOUNT = 1e30  # beyond this a float's value is no longer its digits: the digits are the key
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")


_DAY_COMMA_YEAR = re.compile(r"(\d{1,2}),(1[5-9]\d\d|20\d\d)")
# The marks of a date given again in the other calendar: "[O.S. 30 October]", "(October 30, old style)".
_CALENDAR_MARKS = frozenset({"O.S", "N.S", "O. S", "N. S"})
_CALENDAR_WORDS = frozenset({("old", "style"), ("new", "style")})

_VALUE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(_ROUGHLY)


def _round_figure_word(text: str, toks: list[Token], i: int) -> bool:
    """Whether a word of `_ROUGHLY` stands for a round figure here: not after a number, whose unit it then is."""
    key = toks[i].key
    after_number = i > 0 and toks[i - 1].is_number and text[toks[i - 1].end : toks[i].start].isspace()
    if after_number:
        return False
    needed = _ROUGHLY_ONLY_BEFORE.get(key)
    return needed is None or i + 1 < len(toks) and toks[i + 1].key == needed


def _glued(text: str, left: Token, right: Token) -> bool:
    return left.end == right.start


def _int(tok: Token) -> int | None:
    return int(tok.key) if tok.is_number and tok.key.isdigit() else None


def _merged(first: Token, last: Token, key: str) -> Token:
    return Token(first.start, last.end, key, True, False)


def _day_month_year(text: str, toks: list[Token], i: int) -> tuple[int, str] | None:
    """A date starting at toks[i]: `22 May 2006`, `22. Mai 2006`, `May 22nd, 2006`, `May 2006`, `22 May`.
    Returns how many tokens it takes and its key (`2006-05-22`, `2006-05`, `--05-22`)."""
    n = len(toks)

    def day_at(k: int) -> int | None:
        value = _int(toks[k]) if k < n else None
        return value if value is not None and 1 <= value <= 31 else None

    def year_at(k: int) -> int | None:
        return int(toks[k].key) if k < n and toks[k].is_number and _YEAR.match(toks[k].key) else None

    def key(year: int | None, month: int, day: int | None) -> str:
        y = f"{year:04d}" if year else "-"
        return f"{y}-{month:02d}" + (f"-{day:02d}" if day else "")

    day = day_at(i)
    if day is not None and i + 1 < n and toks[i + 1].key in MONTHS:
        month, k = MONTHS[toks[i + 1].key], i + 2
        year = year_at(k)
        return (k + 1 - i if year else k - i), key(year, month, day)
    if toks[i].key in MONTHS and not toks[i].is_number:
        month = MONTHS[toks[i].key]
        glued = _DAY_COMMA_YEAR.fullmatch(text[toks[i + 1].start : toks[i + 1].end]) if i + 1 < n else None
        if glued and 1 <= int(glued.group(1)) <= 31:  # "February 9,1881": the space after the comma left out
            return 2, key(int(glued.group(2)), month, int(glued.group(1)))
        day = day_at(i + 1)
        if day is not None and not year_at(i + 1):
            year = year_at(i + 2)
            return (3 if year else 2), key(year, month, day)
        year = year_at(i + 1)
        if year:
            return 2, key(year, month, None)
    return None


def _decade(text: str, toks: list[Token], i: int) -> bool:
    """A year ending in 0 with an "s" glued to it: a decade ("1950s")."""
    tok = toks[i]
    digits = text[tok.start : tok.end]
    if not tok.is_number or i + 1 >= len(toks) or not (_YEAR.match(digits) and digits.endswith("0")):
        return False
    nxt = toks[i + 1]
    return _glued(text, tok, nxt) and text[nxt.start : nxt.end] == "s"


def value_tokens(text: str, tokens: list[Token]) -> list[Token]:
    """`tokens` of one sentence with every multi-word value read as one token (see the module doc)."""
    if not any(t.is_number or t.key in _VALUE_WORDS for t in tokens):
        return tokens  # no number, month, weekday or round figure: nothing to read together
    toks = _ordinals(text, tokens)
    out: list[Token] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        digits = _numeric_date(text, toks, i) if tok.is_number else None
        if digits:
            out.append(_merged(tok, toks[i + digits[0] - 1], digits[1]))
            i += digits[0]
            continue
        if _decade(text, toks, i):  # "the 1950s": ten years, one value
            out.append(_merged(tok, toks[i + 1], tok.key + "s"))
            i += 2
            continue
        date = _day_month_year(text, toks, i) if (tok.is_number or tok.key in MONTHS) else None
        if date and (date[0] > 2 or toks[i].key != "may" or toks[i].start == 0 or text[tok.start].isupper()):
            taken, key = _with_calendar_note(text, toks, i, *date)
            out.append(_merged(tok, toks[i + taken - 1], key))
            i += taken
            continue
        if tok.key in _ROUGHLY and not tok.is_number and _round_figure_word(text, toks, i):
            value, last = _ROUGHLY[tok.key], i
            if (
                i + 2 < n
                and toks[i + 2].key in _ROUGHLY
                and _round_figure_word(text, toks, i + 2)
                and text[toks[i + 1].start : toks[i + 1].end].lower() in ("of", "von", "de")
            ):
                value, last = value * _ROUGHLY[toks[i + 2].key], i + 2  # "hundreds of thousands"
            out.append(Token(tok.start, toks[last].end, f"~{value}", True, True))
            i = last + 1
            continue
        if tok.key in WEEKDAYS:
            out.append(Token(tok.start, tok.end, f"weekday-{WEEKDAYS[tok.key]}", True, False))
            i += 1
            continue
        if _a_round_figure(text, toks, i):  # "a thousand" is "one thousand", "1,000"
            taken, key = _number_value(text, toks, i + 1)
            out.append(_merged(tok, toks[i + taken], key))
            i += 1 + taken
            continue
        if tok.is_number:
            taken, key = _number_value(text, toks, i)
            merged = _merged(tok, toks[i + taken - 1], key)
            if tok.start > 0 and text[tok.start - 1] in _CURRENCY and key.startswith(_CURRENCY[text[tok.start - 1]]):
                merged = merged._replace(start=tok.start - 1)  # the currency sign belongs to the amount
            out.append(merged if taken > 1 or merged.key != tok.key or merged.start != tok.start else tok)
            i += taken
            continue
        out.append(tok)
        i += 1
    return out


def _with_calendar_note(text: str, toks: list[Token], i: int, taken: int, key: str) -> tuple[int, str]:
    """The date at toks[i] with the same day in the other calendar written after it in brackets
    ("November 11 [O.S. October 30] 1821", "November 11, 1821 (October 30, old style)"): Wikipedia's
    way of giving a Julian date beside its Gregorian one. The note is part of the one date (its key
    is the main date's), so a version that writes the note otherwise or drops it changes no fact."""
    k, n = i + taken, len(toks)
    if k >= n or not ({"[", "("} & set(text[toks[k - 1].end : toks[k].start])):
        return taken, key
    note: tuple[int, str] | None = None
    if k + 2 < n and text[toks[k].start : toks[k + 1].end] in _CALENDAR_MARKS:
        inner = _day_month_year(text, toks, k + 2)
        note = (2 + inner[0], inner[1]) if inner else None
    else:
        inner = _day_month_year(text, toks, k)
        if inner and k + inner[0] + 1 < n and _words(text, *toks[k + inner[0] : k + inner[0] + 2]) in _CALENDAR_WORDS:
            note = (inner[0] + 2, inner[1])
    if note is None:
        return taken, key
    taken += note[0]
    if key.startswith("--"):  # "November 11 [O.S. October 30] 1821": the year after the note is both dates'
        year = note[1][:4] if not note[1].startswith("-") else ""
        after = toks[i + taken] if i + taken < n else None
        if not year and after is not None and after.is_number and _YEAR.match(after.key):
            year, taken = after.key, taken + 1
        key = f"{year}{key[1:]}" if year else key
    return taken, key


_ONE_ARTICLES = frozenset({"a", "an"})
_ROUND_FIGURES = frozenset({"100", "1000", "1000000", "1000000000"})


def _a_round_figure(text: str, toks: list[Token], i: int) -> bool:
    """Whether toks[i] is the article of a round figure written in words ("a thousand", "a million")."""
    if toks[i].key not in _ONE_ARTICLES or i + 1 >= len(toks):
        return False
    figure = toks[i + 1]
    return (
        figure.is_number and figure.spelled and figure.key in _ROUND_FIGURES and text[toks[i].end : figure.start] == " "
    )


def _ordinals(text: str, tokens: list[Token]) -> list[Token]:
    """`22nd`, `3rd`, `1er`: a suffix glued to a number is part of it (the number's value)."""
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.is_number
            and not prev.spelled
            and tok.key in _ORDINAL_SUFFIX
            and _glued(text, prev, tok)
        ):
            out[-1] = Token(prev.start, tok.end, prev.key, True, False)
        else:
            out.append(tok)
    return out


def _number_value(text: str, toks: list[Token], i: int) -> tuple[int, str]:
    """A number at toks[i] with what writes its value: a time (`3 pm`, `15:30`, `15.30 Uhr`),
    a scale (`5m`, `5 million`), a currency (`$`, `dollars`), a percent sign or word."""
    tok, n = toks[i], len(toks)
    nxt = toks[i + 1] if i + 1 < n else None
    # times: 03:00, 3 am / 3 a.m. / 3pm, 15.30 Uhr, 15h30
    value = _int(tok)
    if value is not None and nxt is not None and text[tok.end : nxt.start] == ":" and _int(nxt) is not None:
        hour, minute, taken = value, _int(nxt) or 0, 2
        after = toks[i + 2] if i + 2 < n else None
        meridiem = _meridiem(text, toks, i + 2)
        if meridiem:
            hour, taken = _hour(hour, meridiem[1]), taken + meridiem[0]
        elif after is not None and after.key == "uhr":
            taken += 1
        return taken, f"{hour:02d}:{minute:02d}"
    meridiem = _meridiem(text, toks, i + 1)
    if value is not None and meridiem and value <= 12:
        return 1 + meridiem[0], f"{_hour(value, meridiem[1]):02d}:00"
    if value is not None and value < 24 and nxt is not None and _glued(text, tok, nxt):
        glued = re.fullmatch(r"h([0-5]\d)", nxt.key)  # 15h30, read as "15" and "h30"
        if glued:
            return 2, f"{value:02d}:{glued.group(1)}"
    if value is not None and value < 24 and nxt is not None and nxt.key == "h" and _spaced(text, tok, nxt):
        minutes = toks[i + 2] if i + 2 < n else None  # 15h30, 15 h 30, 3 h
        raw = text[minutes.start : minutes.end] if minutes is not None else ""
        if minutes is not None and len(raw) == 2 and raw.isdigit() and int(raw) < 60 and _spaced(text, nxt, minutes):
            return 3, f"{value:02d}:{raw}"
        return 2, f"{value:02d}:00"
    if nxt is not None and nxt.key == "uhr":
        whole, _, frac = tok.key.partition(".")
        if whole.isdigit() and int(whole) < 24:
            return 2, f"{int(whole):02d}:{(frac + '0')[:2] if frac else '00'}"
    # amounts
    currency = _CURRENCY.get(text[tok.start - 1], "") if tok.start > 0 else ""
    amount = float(tok.key) if re.fullmatch(r"\d+(\.\d+)?", tok.key) else None
    taken = 1
    if amount is not None and nxt is not None:
        if _glued(text, tok, nxt) and nxt.key in _SCALE_SUFFIX and (currency or nxt.key in ("bn", "mn")):
            amount, taken = amount * _SCALE_SUFFIX[nxt.key], 2
        elif nxt.key in _SCALE_WORDS and not tok.spelled:
            amount, taken = amount * _SCALE_WORDS[nxt.key], 2
        elif nxt.is_number and nxt.spelled and float(nxt.key) >= 1000 and text[tok.end : nxt.start].isspace():
            amount, taken = amount * float(nxt.key), 2  # "5 million" folded by the normaliser into one token
        elif _thousands_group(text, tok, nxt):
            amount, taken = amount * 1000 + int(nxt.key), 2  # "1 000": a plain space between groups of digits
            while i + taken < n and _thousands_group(text, toks[i + taken - 1], toks[i + taken]):
                amount, taken = amount * 1000 + int(toks[i + taken].key), taken + 1  # "5 000 000"
    after = toks[i + taken] if i + taken < n else None
    end = toks[i + taken - 1].end
    suffix = ""
    if after is not None and after.key in _CURRENCY_WORDS and not currency:
        currency, taken = _CURRENCY_WORDS[after.key], taken + 1
    elif after is not None and after.key in _PERCENT_WORDS:
        suffix, taken = "%", taken + 1
    elif after is not None and i + taken + 1 < n and _words(text, after, toks[i + taken + 1]) in _PERCENT_PAIRS:
        suffix, taken = "%", taken + 2
    elif text[end : end + 2].lstrip(" \u00a0\u202f")[:1] == "%":
        suffix = "%"
    if amount is None:
        return taken, currency + tok.key + suffix
    if not amount < _LARGEST_AMOUNT:  # groups of digits beyond any float ("1 000 000 000 ..."): their digits
        return taken, currency + "".join(text[tok.start : end].split()) + suffix
    shown = str(int(amount)) if amount == int(amount) else f"{amount:g}"
    return taken, currency + shown + suffix


def _spaced(text: str, left: Token, right: Token) -> bool:
    """Glued, or one space (a no-break one too) between: the parts of one written value."""
    return text[left.end : right.start] in ("", " ", "\u00a0", "\u202f")


_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _numeric_date(text: str, toks: list[Token], i: int) -> tuple[int, str] | None:
    """A date in digits: `22.05.2006` (day first), `22/05/2006` or `05/22/2006` (whichever part is over 12
    is the day; both 12 or under is no date: the order is the writer's convention), `2006-05-22`."""
    raw = text[toks[i].start : toks[i].end]
    dotted = _DOTTED_DATE.fullmatch(raw)
    if dotted:
        day, month, year = (int(g) for g in dotted.groups())
        return (1, f"{year:04d}-{month:02d}-{day:02d}") if 1 <= day <= 31 and 1 <= month <= 12 else None
    if i + 2 >= len(toks) or not all(t.is_number and not t.spelled for t in toks[i : i + 3]):
        return None
    sep = text[toks[i].end : toks[i + 1].start]
    if sep not in ("/", "-", ".") or text[toks[i + 1].end : toks[i + 2].start] != sep:
        return None
    parts = [text[t.start : t.end] for t in toks[i : i + 3]]
    if not all(p.isdigit() for p in parts):
        return None
    a, b, c = (int(p) for p in parts)
    if len(parts[0]) == 4 and sep == "-":
        year, month, day = a, b, c
    elif len(parts[2]) == 4 and a > 12 >= b:
        day, month, year = a, b, c
    elif len(parts[2]) == 4 and b > 12 >= a:
        month, day, year = a, b, c
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31 and _YEAR.match(f"{year:04d}")):
        return None
    return 3, f"{year:04d}-{month:02d}-{day:02d}"


def _words(text: str, *toks: Token) -> tuple[str, ...]:
    return tuple(text[t.start : t.end].lower() for t in toks)


def _thousands_group(text: str, tok: Token, nxt: Token) -> bool:
    """`1 000`: digits, one space, then exactly three digits (the normaliser joins only no-break spaces)."""
    raw, following = text[tok.start : tok.end], text[nxt.start : nxt.end]
    return (
        raw.isdigit()
        and len(raw) <= 3
        and following.isdigit()
        and len(following) == 3
        and text[tok.end : nxt.start] == " "
        and not tok.spelled
    )


def _meridiem(text: str, toks: list[Token], k: int) -> tuple[int, int] | None:
    """`am`, `pm`, `a.m.`, `p.m.` at toks[k]: (tokens taken, hours to add)."""
    if k >= len(toks):
        return None
    key = toks[k].key
    if key in _AM_PM:
        return 1, _AM_PM[key]
    if key in ("a", "p") and k + 1 < len(toks) and toks[k + 1].key == "m" and text[toks[k].end] == ".":
        return 2, _AM_PM[key + "m"]
    return None


def _hour(hour: int, add: int) -> int:
    return (hour % 12) + add
