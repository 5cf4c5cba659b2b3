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
from reader.core.text.normalize import Token

FACT_CATEGORIES = ("number", "date", "name", "quote", "source", "other")

STEM = 6  # as the alignment's stems (evidence.STEM_CHARS): Olympics ~ Olympic, Christianity ~ Christian
_WHO = frozenset({"name", "source"})  # a source is a name too: "Peskov" = "Peskov said"
_MIN_QUOTE_WORDS = 1  # a quotation: at least one word that is not a number ("‘1,000 for 1,000’" is a formula)
_COUNTED_WORDS = 2  # a number's span also holds the word after it (two when the first is a name): what it counts
_NOVEL_GAP = 2  # known words inside a phrase of new words ("the risk of misinformation")
_MINOR_BELOW = 20
_GLUE_MAX = 3  # a word this short after a number is glue ("1,000 for"), not what it counts


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact in an article: `text[start:end]` is shown; `core` is the part whose change changes the fact."""

    category: str  # one of FACT_CATEGORIES
    start: int
    end: int
    value: str  # what two versions compare: a number's value, a date's key, a name's words, a quote's words
    core: tuple[int, int]  # character span of the words that carry the value
    speaker: str = ""  # a quote's speaker (the value of the name next to it), "" when none is named
    speaker_span: tuple[int, int] | None = None
    minor: bool = False  # a small number in words ("two nations"), a pronoun's source ("he said"): a fact only
    # where another fact of its kind stands in its place
    counts: str = ""  # a number's: the keys of the words that say what it counts ("russian prisoners")
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


def extract(
    text: str,
    tokens: list[Token],
    capitalised: set[str],
    seg_start: int,
    seg_end: int,
    title: bool = False,
    names: set[str] | None = None,
    capital_nouns: bool = False,
) -> list[Fact]:
    """The facts of one sentence (text[seg_start:seg_end]), given its value tokens (see `values.value_tokens`).

    `capitalised` holds the keys written with a capital in mid-sentence somewhere in the comparison;
    `names` those of them never written in lower case (a name; "She" or "The" at a sentence's start is
    not one). A run of capitalised words is a name when it holds at least one of `names`."""
    facts: list[Fact] = []
    taken = [False] * len(tokens)
    starts = [t.start for t in tokens]
    for qs, qe in quote_spans(text, seg_start, seg_end):
        inside = [k for k in range(bisect_left(starts, qs), bisect_left(starts, qe)) if tokens[k].end <= qe]
        words = sum(not tokens[k].is_number for k in inside)
        if words >= _MIN_QUOTE_WORDS and words > len(inside) - words:
            value = " ".join(tokens[k].key for k in inside)
            facts.append(Fact("quote", qs, qe, value, (tokens[inside[0]].start, tokens[inside[-1]].end)))
            for k in inside:
                taken[k] = True
    runs = _name_runs(text, tokens, capitalised, capitalised if names is None else names, taken, title)
    facts.extend(
        Fact("source", a.start, a.end, a.value, a.core, minor=a.pronoun, continues=a.continues, named=a.named)
        for a in attributions(text, tokens, runs, taken, seg_start)
    )
    # numbers before names: a number takes the name that says what it counts ("1,000 Russian prisoners")
    for k, tok in enumerate(tokens):
        if tok.is_number and not taken[k]:
            facts.append(_number_fact(text, tokens, k, taken, capital_nouns))
    for first, last in runs:
        if not any(taken[first:last]):
            value = " ".join(t.key for t in tokens[first:last])
            core = (tokens[first].start, tokens[last - 1].end)
            facts.append(Fact("name", core[0], core[1], value, core))
            for k in range(first, last):
                taken[k] = True
    facts = with_speakers(facts)
    return sorted(facts, key=lambda f: f.start)


def _is_date(tok: Token, text: str) -> bool:
    key = tok.key
    if key.startswith("weekday-") or re.fullmatch(r"(\d{4}|-)-\d\d(-\d\d)?|\d\d:\d\d", key):
        return True
    return not tok.spelled and re.fullmatch(r"1[5-9]\d\d|20\d\d", text[tok.start : tok.end]) is not None


def _number_fact(text: str, tokens: list[Token], k: int, taken: list[bool], capital_nouns: bool = False) -> Fact:
    """A number, a date or an amount, and the words right after it that say what it counts (in a text that
    capitalises its nouns, the one word after it: "250 Hausgemeinschaften", not "250 Hausgemeinschaften
    nehmen")."""
    tok = tokens[k]
    taken[k] = True
    if _is_date(tok, text):
        return Fact("date", tok.start, tok.end, tok.key, (tok.start, tok.end))
    end = tok.end
    counted: list[str] = []
    for n in range(k + 1, min(k + 1 + _COUNTED_WORDS, len(tokens))):
        nxt = tokens[n]
        gap = text[end : nxt.start]
        short = len(nxt.key) <= _GLUE_MAX and not text[nxt.start].isupper()
        if nxt.is_number or taken[n] or gap.strip() or nxt.key in SPEECH or short:
            break
        end = nxt.end
        counted.append(nxt.key)
        taken[n] = True
        if capital_nouns or not text[nxt.start].isupper():
            break  # "300 people": the noun; "1,000 Russian prisoners": a name, then the noun
    minor = tok.spelled and tok.key.isdigit() and int(tok.key) < _MINOR_BELOW
    # what it counts is part of the fact: "1,000 Russian prisoners" is not "1,000 Ukrainian soldiers"
    counts = " ".join(counted)
    return Fact("number", tok.start, end, tok.key, (tok.start, end), minor=minor, counts=counts)


def _name_runs(
    text: str, tokens: list[Token], capitalised: set[str], names: set[str], taken: list[bool], title: bool
) -> list[tuple[int, int]]:
    """Runs of words written with a capital that the comparison writes so in mid-sentence too
    (a name at a sentence's start counts when it is a name elsewhere), joined by a short connector."""

    def is_name(k: int) -> bool:
        t = tokens[k]
        return not t.is_number and not taken[k] and t.key in capitalised and text[t.start].isupper()

    runs: list[tuple[int, int]] = []
    k, n = 0, len(tokens)
    while k < n:
        if not is_name(k) or (title and k == 0 and not _mid_sentence_capital(text, tokens, k)):
            k += 1
            continue
        first = k
        k += 1
        while k < n:
            gap = text[tokens[k - 1].end : tokens[k].start]
            if gap.strip() not in ("", "-", "'", "’"):
                break
            if is_name(k):
                k += 1
                continue
            break
        if any(tokens[j].key in names for j in range(first, k)):
            runs.append((first, k))
    return runs


def _mid_sentence_capital(text: str, tokens: list[Token], k: int) -> bool:
    return k > 0 and text[tokens[k].start].isupper()


def novel_content(text: str, run: list[Token], is_novel: Callable[[Token], bool], facts: list[Fact]) -> list[Fact]:
    """What a run says that the other version never says: its words that the other version does not
    use anywhere (`is_novel`), grouped into short phrases (cut at punctuation and at more than
    `_NOVEL_GAP` known words), outside the run's other facts. Category `other`."""
    found: list[Fact] = []
    group: list[Token] = []
    gap = 0
    covered = _covered(run, facts)

    def close() -> None:
        if group:
            value = " ".join(t.key for t in group)
            found.append(Fact("other", group[0].start, group[-1].end, value, (group[0].start, group[-1].end)))
            group.clear()

    for k, tok in enumerate(run):
        if k and text[run[k - 1].end : tok.start].strip():
            close()
            gap = 0
        inside_fact = k in covered
        if not inside_fact and not tok.is_number and is_novel(tok):
            if gap > _NOVEL_GAP:
                close()
            group.append(tok)
            gap = 0
        elif group:
            gap += 1
            if inside_fact:
                close()
    close()
    # every phrase holds a word of new content (only such words open or grow a group)
    return [f for f in found if not _framing(text, run, f)]


def _covered(run: list[Token], facts: list[Fact]) -> set[int]:
    """The positions in `run` of the tokens that start inside one of `facts` (by bisection over
    the run's sorted starts, so the cost grows with the tokens and facts, not their product)."""
    starts = [t.start for t in run]
    covered: set[int] = set()
    for f in facts:
        covered.update(range(bisect_left(starts, f.start), bisect_left(starts, f.end)))
    return covered


def _framing(text: str, run: list[Token], fact: Fact) -> bool:
    """A phrase that opens its sentence and ends at a comma ("Behind the scenes, ...") frames
    the claim; it is not a fact of its own."""
    if not run or fact.start != run[0].start or fact.start and text[fact.start - 1 : fact.start].isalnum():
        return False
    before = text[max(0, fact.start - 3) : fact.start]
    opens = not before.strip() or before.rstrip()[-1:] in '.!?\n“‘"«„'
    return opens and text[fact.end : fact.end + 1] == ","


def same_value(a: Fact, b: Fact) -> bool:
    """Whether two facts of one category say the same: equal values; for names also an acronym and
    its expansion (VC = Venture Capitalist), a spelling a letter or two apart, or one name inside
    the other (Peskov = Dmitry Peskov)."""
    if a.category != b.category and not {a.category, b.category} <= _WHO:
        return False
    if a.value == b.value:
        if a.category == "number" and not (a.minor or b.minor):  # "two nations" / "two sides": a rewording
            return a.counts == b.counts or bool(a.counts and b.counts) and same_name(a.counts, b.counts)
        return a.category != "quote" or not (a.speaker and b.speaker) or same_name(a.speaker, b.speaker)
    if a.category in _WHO:
        if pronoun_source(a) and b.named or pronoun_source(b) and a.named:
            return True  # "he said" may be "Peskov said"; it cannot be "according to official transcripts"
        return same_name(a.value, b.value)
    if a.category == "quote":
        wa, wb = a.value.split(), b.value.split()
        same_words = len(wa) == len(wb) and all(spelling_variant(x, y) for x, y in zip(wa, wb, strict=True))
        return same_words and (not (a.speaker and b.speaker) or same_name(a.speaker, b.speaker))
    return False


def shown_value(fact: Fact) -> str:
    """The value a face or a script compares: a number's with what it counts ("1000 russian prisoners"),
    as `same_value` compares them (a small number's noun aside: "two nations" is "two sides")."""
    return f"{fact.value} {fact.counts}" if fact.category == "number" and fact.counts and not fact.minor else fact.value


def pronoun_source(fact: Fact) -> bool:
    """A source that names no one ("he said"): it may stand for any named source."""
    return fact.category == "source" and fact.minor


@functools.lru_cache(maxsize=1 << 16)
def same_name(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if _initials(wa) == b.replace(" ", "") or _initials(wb) == a.replace(" ", ""):
        return True
    sa, sb = {w[:STEM] for w in wa}, {w[:STEM] for w in wb}
    if sa <= sb or sb <= sa:  # Peskov = Dmitry Peskov; Winter Olympics = Winter Olympic Games
        return True
    return spelling_variant(a, b)


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
