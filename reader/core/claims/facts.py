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

from reader.core.text.common import common_word
from reader.core.text.normalize import Token

FACT_CATEGORIES = ("number", "date", "name", "quote", "source", "other")

# Attribution words. AFTER: the source follows ("according to Interfax"); BEFORE: it
# precedes ("Interfax zufolge"); SPEECH: a verb of saying, the source on either side
# ("Peskov said", "said Peskov"); CITED: words that are themselves who is cited.
_AFTER = (
    "according to",
    "obtained by",
    "confirmed by",
    "outlined by",
    "interpreted by",
    "quoted by",
    "cited by",
    "reported by",
    "laut",
    "nach angaben",
    "selon",
    "d'après",
    "según",
    "по словам",
    "по данным",
    "за словами",
    "за даними",
)
_BEFORE = ("zufolge",)
_SPEECH = frozenset(
    """said says told stated reported wrote announced confirmed noted added claimed warned insisted explained
    suggest suggests suggested
    sagte sagt erklärte berichtete teilte betonte sagten déclaré dit affirmé annoncé dijo afirmó declaró
    сообщил заявил сказал отметил сообщила заявила сказала повідомив заявив сказав зазначив""".split()
)
_CITED = frozenset(
    """spokesperson spokesman spokeswoman analysts experts officials sources source memos memo transcripts
    statement report interview observers critics police sprecher polizei sprecherin experten analysten beamte quellen
    analystes responsables experts porte-parole analistas funcionarios portavoz аналитики эксперты
    чиновники источники аналітики експерти посадовці джерела""".split()
)
# Who a verb of saying names when the name was given before ("he noted"): a source that tells no one new,
# so a fact only where it stands in another source's place (`Fact.minor`), and no quotation's speaker.
_PRONOUNS = frozenset("he she they er sie il elle ils elles él ella ellos он она они він вона вони".split())
_BEFORE_SPEECH = _CITED | _PRONOUNS  # who may stand right before a verb of saying ("analysts suggest", "he noted")
STEM = 6  # as the alignment's stems (evidence.STEM_CHARS): Olympics ~ Olympic, Christianity ~ Christian
_WHO = frozenset({"name", "source"})  # a source is a name too: "Peskov" = "Peskov said"
_AFTER_SEQUENCES = tuple(tuple(cue.split()) for cue in _AFTER)
_AFTER_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _cue in _AFTER_SEQUENCES:
    _AFTER_BY_FIRST.setdefault(_cue[0], []).append(_cue)
_CUE_WORDS = frozenset(_AFTER_BY_FIRST) | frozenset(_BEFORE) | _SPEECH  # the words the loop of _sources stops at
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
    facts.extend(_sources(text, tokens, runs, taken))
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
    facts = _with_speakers(facts)
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
        if nxt.is_number or taken[n] or gap.strip() or nxt.key in _SPEECH or short:
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


def _sources(text: str, tokens: list[Token], names: list[tuple[int, int]], taken: list[bool]) -> list[Fact]:
    """Attributions: the cue words and who they name ("according to Interfax", "memos obtained by
    Reuters", "Peskov said", "analysts suggest"). The value is who is cited."""
    keys = [t.key for t in tokens]
    if _CUE_WORDS.isdisjoint(keys):  # no word an attribution starts at (most sentences): none to read
        return []
    name_at = {first: (first, last) for first, last in names}
    name_ending = {last: (first, last) for first, last in names}
    found: list[Fact] = []
    ends: list[int] = []  # the end token of each source found
    n = len(tokens)
    for k in range(n):
        if taken[k]:
            continue
        cues = _AFTER_BY_FIRST.get(keys[k], ())
        if not cues and keys[k] not in _BEFORE and keys[k] not in _SPEECH:
            continue
        cue_len = next((len(c) for c in cues if tuple(keys[k : k + len(c)]) == c), 0)
        who: tuple[int, int] | None = None
        cue = (k, k + max(cue_len, 1))
        if cue_len:
            who = _cited_after(text, tokens, k + cue_len, name_at, taken)
        elif keys[k] in _BEFORE or keys[k] in _SPEECH:
            who = name_ending.get(k)
            if who is None and keys[k] in _SPEECH:
                who = name_at.get(k + 1)
                if who is None and k + 1 < n and _opens_clause(text, tokens, k):
                    # "..., sagte er", "», dit-il", "’ said a senior Ukrainian diplomat.": the verb opens its clause
                    who = (k + 1, k + 2) if keys[k + 1] in _PRONOUNS else _clause_after(text, tokens, k + 1, taken)
                if who is None and k > 0 and keys[k - 1] in _BEFORE_SPEECH and _joined(text, tokens, k):
                    who = (k - 1, k)
        if who is None or any(taken[who[0] : who[1]]):
            continue
        first, last = min(cue[0], who[0]), max(cue[1], who[1])
        if cue_len and k > 0 and keys[k - 1] in _CITED and not taken[k - 1] and _joined(text, tokens, k):
            first = k - 1  # "memos obtained by Reuters"
        # one attribution in two steps ("according to leaked memos obtained by Reuters"): the second says
        # where the first came from, and stands in no slot of its own
        continues = bool(cue_len and ends and ends[-1] == first and _joined(text, tokens, first))
        value = " ".join(keys[who[0] : who[1]])
        core = (tokens[who[0]].start, tokens[who[1] - 1].end)
        pronoun = who[1] - who[0] == 1 and keys[who[0]] in _PRONOUNS
        start, end = tokens[first].start, tokens[last - 1].end
        found.append(
            Fact("source", start, end, value, core, minor=pronoun, continues=continues, named=who[0] in name_at)
        )
        ends.append(last)
        for j in range(first, last):
            taken[j] = True
    return found


def _opens_cue(tokens: list[Token], k: int) -> bool:
    """Whether an attribution cue starts at token k ("obtained by" after "leaked memos")."""
    keys = [t.key for t in tokens[k : k + 3]]
    return keys[0] in _SPEECH or any(tuple(keys[: len(c)]) == c for c in _AFTER_BY_FIRST.get(keys[0], ()))


def _opens_clause(text: str, tokens: list[Token], k: int) -> bool:
    """Whether token k follows punctuation (a comma, a quotation's close, a dash) or opens the sentence: a
    verb of saying there comes before who says ("..., said he"); elsewhere a pronoun after it is who is
    told about ("Peskov said he would")."""
    return k == 0 or bool(text[tokens[k - 1].end : tokens[k].start].strip())


def _joined(text: str, tokens: list[Token], k: int) -> bool:
    """Whether token k follows the one before it with nothing but space between (no comma: "officials, according
    to ..." names the officials as the subject, not as who is cited)."""
    return not text[tokens[k - 1].end : tokens[k].start].strip()


def _cited_after(
    text: str, tokens: list[Token], k: int, name_at: dict[int, tuple[int, int]], taken: list[bool]
) -> tuple[int, int] | None:
    """Who a cue names after it: a name within two words (with the role after it: "Russian officials"), else
    the words up to the next punctuation or the next cue (at most 3: "leaked memos", then "obtained by")."""
    for j in range(k, min(k + 3, len(tokens))):
        if j in name_at:
            first, last = name_at[j]
            if last < len(tokens) and tokens[last].key in _CITED and not taken[last] and _joined(text, tokens, last):
                last += 1  # "Russian officials", "Kremlin sources": the name and who they are
            return first, last
        if j > k and text[tokens[j - 1].end : tokens[j].start].strip():
            break
    end = k
    while end < min(k + 3, len(tokens)) and not taken[end] and not _opens_cue(tokens, end):
        if end > k and text[tokens[end - 1].end : tokens[end].start].strip():
            break
        end += 1
    return (k, end) if end > k else None


_SPEAKER_WORDS = 5  # "said a spokesperson for Amnesty International": who, told after the verb


def _clause_after(text: str, tokens: list[Token], k: int, taken: list[bool]) -> tuple[int, int] | None:
    """Who a verb of saying that opens its clause names after it: the words from k to the next punctuation,
    when they end there within `_SPEAKER_WORDS` words ("said a senior diplomat."), else no one ("said the
    talks would go on" goes on)."""
    end = k
    while end < len(tokens) and end - k < _SPEAKER_WORDS and not taken[end]:
        end += 1
        if end < len(tokens) and not _joined(text, tokens, end):
            break
    closed = end == len(tokens) or not _joined(text, tokens, end)
    # who ends in a noun or a name ("diplomat", "Amnesty International"), not in grammar ("would go on")
    last = tokens[end - 1] if end > k else None
    named = last is not None and not last.is_number and not common_word(last.key)
    return (k, end) if closed and named else None


def _with_speakers(facts: list[Fact]) -> list[Fact]:
    """Each quotation with the source nearest to it in its sentence (a name with a verb of saying,
    "according to ..."): who says it. A name merely mentioned near a quotation is no speaker."""
    people = [f for f in facts if f.category == "source" and not f.minor]
    # sources stand apart from one another, so the nearest to a quotation is one of the few
    # around its place in their order: look there, not at every source (many quotations, many sources)
    by_start = sorted(range(len(people)), key=lambda n: (people[n].start, n))
    starts = [people[n].start for n in by_start]
    out = []
    for f in facts:
        if f.category != "quote" or not people:
            out.append(f)
            continue
        at = bisect_left(starts, f.start)
        around = by_start[max(0, at - 2) : at + 2]
        nearest = people[
            min(around, key=lambda n: (min(abs(people[n].start - f.end), abs(f.start - people[n].end)), n))
        ]
        out.append(Fact(f.category, f.start, f.end, f.value, f.core, nearest.value, (nearest.core[0], nearest.core[1])))
    return out


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
