"""Attribution: who a sentence cites, and with what cue, as news writes it.

"according to Interfax", "memos obtained by Reuters", "Peskov said", "said a senior
diplomat", "analysts suggest": the cue words of the languages the segmenter reads and
who they name. `facts.py` makes each a fact of category `source`; the sources table
and the quotations' speakers read them from there.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..common import common_word
from ..normalize import Token

if TYPE_CHECKING:
    from ..facts import Fact

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
_ENGLISH_SPEECH = frozenset(
    """said says told stated reported wrote announced confirmed noted added claimed warned insisted explained
    suggest suggests suggested""".split()
)
SPEECH = _ENGLISH_SPEECH | frozenset(
    """sagte sagt erklärte berichtete teilte betonte sagten déclaré dit affirmé annoncé dijo afirmó declaró
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
_TELL = frozenset("told tells tell telling".split())  # who is told follows: the teller stands before
_BEFORE_SPEECH = _CITED | _PRONOUNS  # who may stand right before a verb of saying ("analysts suggest", "he noted")
_AFTER_SEQUENCES = tuple(tuple(cue.split()) for cue in _AFTER)
_AFTER_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _cue in _AFTER_SEQUENCES:
    _AFTER_BY_FIRST.setdefault(_cue[0], []).append(_cue)
_CUE_WORDS = frozenset(_AFTER_BY_FIRST) | frozenset(_BEFORE) | SPEECH  # the words the loop of `attributions` stops at


@dataclass(frozen=True, slots=True)
class Attribution:
    """One citation in a sentence: `text[start:end]` holds the cue and who it names; `core` is who."""

    start: int
    end: int
    value: str  # who is cited, as compared (the keys of its words)
    core: tuple[int, int]
    pronoun: bool  # "he said": names no one new
    continues: bool  # says where the attribution before came from ("... memos obtained by Reuters")
    named: bool  # cites a name ("Peskov said"), not a role or a document ("analysts said")


def attributions(text: str, tokens: list[Token], names: list[tuple[int, int]], taken: list[bool]) -> list[Attribution]:
    """Attributions: the cue words and who they name ("according to Interfax", "memos obtained by
    Reuters", "Peskov said", "analysts suggest"). The value is who is cited."""
    keys = [t.key for t in tokens]
    if _CUE_WORDS.isdisjoint(keys):  # no word an attribution starts at (most sentences): none to read
        return []
    name_at = {first: (first, last) for first, last in names}
    name_ending = {last: (first, last) for first, last in names}
    found: list[Attribution] = []
    ends: list[int] = []  # the end token of each source found
    n = len(tokens)
    for k in range(n):
        if taken[k]:
            continue
        cues = _AFTER_BY_FIRST.get(keys[k], ())
        if not cues and keys[k] not in _BEFORE and keys[k] not in SPEECH:
            continue
        cue_len = next((len(c) for c in cues if tuple(keys[k : k + len(c)]) == c), 0)
        who: tuple[int, int] | None = None
        cue = (k, k + max(cue_len, 1))
        if cue_len:
            who = _cited_after(text, tokens, k + cue_len, name_at, taken)
        elif keys[k] in _BEFORE or keys[k] in SPEECH:
            who = name_ending.get(k)
            inverted = _opens_clause(text, tokens, k) or keys[k] not in _ENGLISH_SPEECH  # "a dit Lavrov"
            if who is None and keys[k] in SPEECH and inverted and keys[k] not in _TELL:
                # "..., said Peskov": an English verb names who after it only where it opens its clause; elsewhere
                # a name after it is what is said ("Trump said Clinton had ...") or who is told ("told CNN")
                who = name_at.get(k + 1)
                if who is None and k + 1 < n:
                    # "..., sagte er", "», dit-il", "’ said a senior Ukrainian diplomat.": the verb opens its clause
                    who = (k + 1, k + 2) if keys[k + 1] in _PRONOUNS else _clause_after(text, tokens, k + 1, taken)
            if (
                who is None
                and keys[k] in SPEECH
                and k > 0
                and keys[k - 1] in _BEFORE_SPEECH
                and _joined(text, tokens, k)
            ):
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
        found.append(Attribution(start, end, value, core, pronoun, continues, who[0] in name_at))
        ends.append(last)
        for j in range(first, last):
            taken[j] = True
    return found


def _opens_cue(tokens: list[Token], k: int) -> bool:
    """Whether an attribution cue starts at token k ("obtained by" after "leaked memos")."""
    keys = [t.key for t in tokens[k : k + 3]]
    return keys[0] in SPEECH or any(tuple(keys[: len(c)]) == c for c in _AFTER_BY_FIRST.get(keys[0], ()))


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
        if j > k and text[tokens[j - 1].end : tokens[j].start].strip():
            break  # "according to exit polls, Mitt Romney led": the name after the comma is what they say
        if j in name_at:
            first, last = name_at[j]
            if last < len(tokens) and tokens[last].key in _CITED and not taken[last] and _joined(text, tokens, last):
                last += 1  # "Russian officials", "Kremlin sources": the name and who they are
            return first, last
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


def with_speakers(facts: list[Fact]) -> list[Fact]:
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
        out.append(replace(f, speaker=nearest.value, speaker_span=(nearest.core[0], nearest.core[1])))
    return out
