"""Attribution: who a sentence cites, and with what cue, as news writes it.

"according to Interfax", "memos obtained by Reuters", "Peskov said", "said a senior
diplomat", "analysts suggest": the cue words of the languages the segmenter reads and
who they name. `facts.py` makes each a fact of category `source`; the sources table
and the quotations' speakers read them from there.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.core.claims.subjects import (
    DETERMINERS,
    FUNCTION,
    HONORIFICS,
    MODALS,
    SUBJECT_PRONOUNS,
    Words,
    clause_subject,
    name_after,
    skip_between,
    subject_before,
)
from reader.core.text.common import common_word
from reader.core.text.normalize import Token

if TYPE_CHECKING:
    from reader.core.claims.facts import SentenceFact
    from reader.model.comparison import Segment

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
# so a fact only where it stands in another source's place (`SentenceFact.minor`), and no quotation's speaker.
_PRONOUNS = frozenset("he she they er sie il elle ils elles él ella ellos он она они він вона вони".split())
_BEFORE_NAME = frozenset(SPEECH - _ENGLISH_SPEECH)  # "a dit Lavrov": who may follow without a comma
_BEFORE_SPEECH = _CITED | _PRONOUNS  # who may stand right before a verb of saying ("analysts suggest", "he noted")
_AFTER_SEQUENCES = tuple(tuple(cue.split()) for cue in _AFTER)
_AFTER_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _cue in _AFTER_SEQUENCES:
    _AFTER_BY_FIRST.setdefault(_cue[0], []).append(_cue)
# English verbs of saying, every form. SAY: what is said may follow in any shape; TELL: who is told comes
# first ("told reporters that ..."; "told his staff to ..." is an order, no citation); the others may take a
# thing for object ("claimed the throne", "announced plans"): a citation where what is said follows (that, a
# quotation, a colon, a clause) or a quotation came before ("“...,” the governor added").
_SAY = frozenset("say says said saying".split())
_TELL_FORMS = frozenset("tell tells told telling ask asks asked asking warn warns warned warning".split())
_CONTENT = frozenset(
    """add adds added adding note notes noted noting state states stated report reports reported write writes
    wrote writing announce announces announced confirm confirms confirmed claim claims claimed insist insists
    insisted explain explains explained explaining suggest suggests suggested acknowledge acknowledges
    acknowledged admit admits admitted declare declares declared deny denies denied argue argues argued arguing
    reply replies replied respond responds responded tweet tweets tweeted testify testifies testified reveal
    reveals revealed recall recalls recalled predict predicts predicted contend contends contended assert
    asserts asserted allege alleges alleged complain complains complained concede concedes conceded emphasize
    emphasizes emphasized stress stresses stressed maintain maintains maintained cite cites cited continued
    conclude concludes concluded""".split()
)
# verbs whose object is itself what is reported ("confirmed the exchange", "announced the arrest of a man")
_REPORTS = frozenset(
    """confirm confirms confirmed deny denies denied announce announces announced report reports reported reveal
    reveals revealed acknowledge acknowledges acknowledged admit admits admitted predict predicts predicted cite
    cites cited publish publishes published""".split()
)
_ENGLISH_VERBS = _SAY | _TELL_FORMS | _CONTENT | _REPORTS
# forms that are nouns as often ("one tweet", "the June report", "Editor's note"): a verb where a pronoun or
# a plural stands before ("they note", "experts note") or an auxiliary ("did not report")
_NOUN_FORMS = frozenset("tweet report note state claim reply stress cite".split())
# ... and their -s forms, nouns after a bare noun ("intelligence reports", "battleground states")
_NOUN_S_FORMS = frozenset("tweets reports notes states claims replies stresses".split())
# the forms that may stand before who says ("..., said Hester", "“...,” adds Smith"): not "tell" (who is told
# follows), nor a participle (", saying that ..."), nor a base form ("<tweet pic=...>")
_INVERTING = frozenset(
    f for f in _SAY | _CONTENT if f not in _NOUN_FORMS and (f.endswith(("s", "ed")) or f in ("said", "wrote"))
)
_CONTENT_OPENERS = frozenset("that how why whether if what when where who".split())  # "said that ..."
_ORDER_WORDS = frozenset("to of about against for".split())  # "told his staff to ...": an order, a topic
_CUE_WORDS = (
    frozenset(_AFTER_BY_FIRST) | frozenset(_BEFORE) | SPEECH | _ENGLISH_VERBS
)  # the words the loop of `attributions` stops at


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


def attributions(
    text: str, tokens: list[Token], names: list[tuple[int, int]], taken: list[bool], start: int | None = None
) -> list[Attribution]:
    """Attributions: the cue words and who they name ("according to Interfax", "memos obtained by
    Reuters", "Peskov said", "analysts suggest"). The value is who is cited. `taken` marks the words
    already read as something else (quotations); the words of each attribution found are marked too."""
    if _CUE_WORDS.isdisjoint(t.key for t in tokens):  # no word an attribution starts at (most sentences)
        return []
    words = Words(text, tokens)
    at = {k: i for i, k in enumerate(words.index)}
    runs = [(at[a], at[b - 1] + 1) for a, b in names if a in at and b - 1 in at]
    # words of a quotation an earlier sentence opened are its speaker's, not the article's: read as taken
    inside = _open_quotation_until(text, tokens[0].start if start is None else start, tokens[-1].end)
    read = [taken[k] or tokens[k].start < inside for k in words.index]
    found, spans = _attributions(words, runs, read)
    for first, last in spans:  # the words of each attribution, those in parentheses inside it too
        for k in range(words.index[first], words.index[last - 1] + 1):
            taken[k] = True
    return found


_CLOSING_DOUBLE = "”»"
_QUOTATION_CHARS = 4000  # a quotation runs over a few sentences, not pages


def _open_quotation_until(text: str, start: int, end: int) -> int:
    """Where a quotation that an earlier sentence of the paragraph opened, and that is still open at `start`,
    closes in text[start:end] (`start` itself when none is open, `end` when it runs on): "... “We are ready.
    We will not wait,” Peskov said." (news reopens a quotation that goes on in the next paragraph)."""
    # the paragraph so far, at most `_QUOTATION_CHARS` of it: a long paragraph costs no more per sentence
    before = text[max(text.rfind("\n", 0, start) + 1, start - _QUOTATION_CHARS) : start]
    if not before:
        return start
    low = min(before.count("„"), before.count("“"))  # German: „ opens, “ closes
    opens = before.count("“") + before.count("«") + before.count("„") - low
    closes = before.count("”") + before.count("»") + low
    if opens <= closes and before.count('"') % 2 == 0:
        return start
    marks = _CLOSING_DOUBLE + '"' + ("“" if "„" in before else "")
    found = [at for at in (text.find(c, start, end) for c in marks) if at >= 0]
    return min(found) if found else end


def _attributions(
    words: Words, names: list[tuple[int, int]], taken: list[bool]
) -> tuple[list[Attribution], list[tuple[int, int]]]:
    """The attributions of a sentence's words, and the words each spans (first, last)."""
    text, tokens, keys = words.text, words.tokens, words.keys
    name_at = {first: (first, last) for first, last in names}
    name_ending = {last: (first, last) for first, last in names}
    quoted = list(taken)  # the words inside quotations
    found: list[Attribution] = []
    ends: list[int] = []  # the end token of each source found
    starts: list[int] = []
    n = len(tokens)
    for k in range(n):
        if taken[k]:
            continue
        cues = _AFTER_BY_FIRST.get(keys[k], ())
        cue_len = next((len(c) for c in cues if tuple(keys[k : k + len(c)]) == c), 0)
        if not cue_len and keys[k] not in _BEFORE and keys[k] not in SPEECH and keys[k] not in _ENGLISH_VERBS:
            continue  # "Schulz nach Berlin": the first word of a cue ("nach Angaben") without the rest is none
        who: tuple[int, int] | None = None
        cue = (k, k + max(cue_len, 1))
        if cue_len:
            who = _cited_after(words, k + cue_len, name_at, taken)
        elif keys[k] in _ENGLISH_VERBS:
            who = _english_source(words, k, name_at, quoted)
        else:
            who = name_ending.get(k)
            if who is None and k + 1 < n and (keys[k] in _BEFORE_NAME or _opens_clause(text, tokens, k)):
                # "a dit Lavrov", "», dit-il", "..., sagte er": who follows the verb
                who = name_at.get(k + 1)
                if who is None:
                    who = (k + 1, k + 2) if keys[k + 1] in _PRONOUNS else _clause_after(words, k + 1, taken)
            if who is None and keys[k] in SPEECH and k > 0 and keys[k - 1] in _BEFORE_SPEECH and words.joined(k):
                who = (k - 1, k)
        if who is None or any(taken[who[0] : who[1]]) or _this_thing(words, who):
            continue
        first, last = min(cue[0], who[0]), max(cue[1], who[1])
        if cue_len and k > 0 and keys[k - 1] in _CITED and not taken[k - 1] and words.joined(k):
            first = k - 1  # "memos obtained by Reuters"
        # one attribution in two steps ("according to leaked memos obtained by Reuters"): the second says
        # where the first came from, and stands in no slot of its own
        continues = bool(cue_len and ends and ends[-1] == first and words.joined(first))
        found.append(_attribution(words, who, first, last, continues, who[0] in name_at))
        ends.append(last)
        starts.append(first)
        for j in range(first, last):
            taken[j] = True
    return found, [(a, b) for a, b in zip(starts, ends, strict=True)]


def _attribution(
    words: Words, who: tuple[int, int], first: int, last: int, continues: bool, in_name: bool
) -> Attribution:
    """The record of one attribution: its words first..last, who is cited, as compared (no article, no title:
    "Mr. Podesta" is "podesta", "The New York Times" is "new york times")."""
    keys, tokens = words.keys, words.tokens
    a, b = who
    while b - a > 1 and (keys[a] in DETERMINERS or keys[a] in HONORIFICS):
        a += 1
    # "the human bones expert Jo Appleby", "Clinton spokesman Jesse Lehrich": who is the name, not the role
    # before it (else "expert Jo Appleby" would be the same source as "experts")
    for i in range(b - 1, a, -1):
        if not (words.capital(i) or keys[i] in HONORIFICS) or not words.joined(i):
            break
        if not words.capital(i - 1) and keys[i - 1] not in HONORIFICS and keys[i - 1] not in FUNCTION:
            a = i
            break
    # "according to the report", "his statement": a speech nobody's in the phrase names no one new (as "he said")
    unowned = _unowned(words, a, b)
    a, owned_to = _owner(words, a, b)
    whose = owned_to < b and keys[owned_to - 1].endswith("'s") and len(keys[owned_to - 1]) > 2  # "Peskov’s statement"
    a, b = _after_title(words, a, owned_to), owned_to
    value = " ".join(key for key in keys[a:b] if key not in HONORIFICS) or keys[a]
    value = value[:-2] if whose else value
    pronoun = unowned or b - a == 1 and (keys[a] in _PRONOUNS or keys[a] in SUBJECT_PRONOUNS)
    shown = a if words.capital(a) else who[0]  # "New York Times", but "the bank"
    core = (tokens[shown].start, tokens[b - 1].end - (2 if whose else 0))
    named = in_name or any(words.capital(i) and keys[i] not in _CITED for i in range(a, b) if i != 0)
    start, end = tokens[first].start, tokens[last - 1].end
    return Attribution(start, end, value, core, pronoun, continues, named and not pronoun)


_DEMONSTRATIVES = frozenset("this these those".split())  # not "that", as often a conjunction ("said that police")


def _this_thing(words: Words, who: tuple[int, int]) -> bool:
    """Whether who is a demonstrative and a common noun ("This swap revealed that ...", "this debate confirms"):
    news points so at a thing or an event it has just told, not at someone who tells; a person or a body named
    again is "the minister", "the bank" or a name."""
    a, b = who
    return words.keys[a] in _DEMONSTRATIVES and b - a > 1 and not any(words.capital(i) for i in range(a + 1, b))


_OWNERS = frozenset("by from".split())  # "a report by Reuters", "a statement from the Kremlin"


# nouns of speech written as their verb is ("the report", "his claims", "a tweet"); the others are made from it
# ("statement", "announcement", "confirmation", "declaration")
_SPEECH_NOUNS = frozenset("report claim tweet reply note comment remark".split())


def speech_noun(key: str) -> bool:
    """Whether a word names a speech as a thing: "report", "claims", "statement", "announcement", "confirmation".
    It is no one: its source is whose it is ("a Kremlin statement", "the report by Reuters", "Peskov's
    statement")."""
    stem = key[:-1] if key.endswith("s") and not key.endswith("ss") else key
    stem = stem[:-2] + "y" if key.endswith("ies") else stem  # "replies"
    if stem in _SPEECH_NOUNS:
        return True
    for suffix in ("ment", "ation"):
        verb = stem.removesuffix(suffix)
        if verb != stem and (verb in _ENGLISH_VERBS or verb + "e" in _ENGLISH_VERBS):
            return True
    return False


def _unowned(words: Words, a: int, b: int) -> bool:
    """Whether words a..b name a speech and not whose it is ("the report", "his statement", "a series of
    tweets"; not "a Kremlin statement", "Peskov’s statement", "a report by Reuters")."""
    keys = words.keys
    return speech_noun(keys[b - 1]) and not any(words.capital(i) or keys[i].endswith("'s") for i in range(a, b))


def _owner(words: Words, a: int, b: int) -> tuple[int, int]:
    """Whose the speech that words a..b name is, where the phrase says it: "a new report by Politico", "a
    statement from the Kremlin", "a Kremlin statement", "Peskov’s statement" (the source is Politico, the Kremlin,
    Peskov); else a..b."""
    keys = words.keys
    if b - a > 1 and speech_noun(keys[b - 1]) and words.capital(b - 2) and words.joined(b - 1):
        first = b - 2  # "a Kremlin statement", "the IMF report", "Peskov’s statement": the name before it
        while first > a and words.capital(first - 1) and words.joined(first) and not keys[first - 1].endswith("'s"):
            first -= 1
        return first, b - 1
    for i in range(a + 1, b - 1):
        if keys[i] in _OWNERS and speech_noun(keys[i - 1]) and words.joined(i) and words.joined(i + 1):
            m = i + 1 + (keys[i + 1] in DETERMINERS)
            if m < b and words.capital(m):
                return m, b
    return a, b


def _after_title(words: Words, a: int, b: int) -> int:
    """Where a person's name begins in words a..b that a title or whose it is precedes ("Russian President Vladimir
    Putin", "Ukraine’s Defense Minister Rustem Muradov": the source is the name that ends the phrase). The name is
    the last words, two at least, none of which the language writes in lower case (a given name and a surname);
    the word before them is a title (a word written in lower case too: "President", "Minister") or a possessive.
    "New York Times", "Amnesty International", "Goldman Sachs" stay whole."""
    keys = words.keys
    first = b
    while first > a and (first == b or words.joined(first)):
        key = keys[first - 1]
        if not words.capital(first - 1) or key.endswith("'s") or len(key) > 1 and _lower_case_word(key):
            break
        first -= 1
    if b - first < 2 or first <= a or not words.joined(first) or len(keys[first]) == 1:
        return a  # "Marc H. Morial": a name does not begin with an initial; "Marc" is no title
    before = keys[first - 1]
    return first if before.endswith("'s") or words.capital(first - 1) and _lower_case_word(before) else a


@functools.cache
def _lower_case_word(key: str) -> bool:
    """Whether the languages the meaning model learned from write this word in lower case: its tokenizer holds it
    whole, in lower case ("president", "minister", "times"; not "putin", "peskov", "dmitry"). A title or a common
    noun, not a given name or a surname."""
    from reader.core.align.meaning import _tokenizer  # loaded on first use, as in text/common.py

    return _tokenizer().token_to_id("▁" + key) is not None


def _english_source(
    words: Words, k: int, name_at: dict[int, tuple[int, int]], quoted: list[bool]
) -> tuple[int, int] | None:
    """Who English verb k cites, where it is a citation: after it where it opens its clause ("..., said
    Hester"), else the subject before it ("Mr. Podesta said", "The bank said", "Kerr Putney, the police
    chief, said"); a verb that may take a thing for object only where what is said follows."""
    keys, n = words.keys, len(words)
    key = keys[k]
    if key in _CONTENT and words.capital(k) and k > 0 and words.joined(k) and words.capital(k - 1):
        return None  # "the United States", a word of a name
    opens = k == 0 or not words.joined(k)
    if opens and key.endswith("ing"):  # ", saying that ...": who says opens the clause
        who = clause_subject(words, k) if k and words.comma(k) else None
        return who if who is not None and not any(quoted[who[0] : who[1]]) and _named(words, who, name_at) else None
    j, passive = skip_between(words, k)
    if j >= 0 and words.keys[j] in ("and", "but") and words.joined(j + 1):
        # "Donald Trump, her opponent, bemoaned the unrest and said ...": the clause's subject
        who = clause_subject(words, j)
        if who is None or any(quoted[who[0] : who[1]]) or not _named(words, who, name_at):
            return None
        return who if key in _SAY or key in _REPORTS or _content_follows(words, k) else None
    # ", says Ringelmann, Indiegogo is ...": a name closed by punctuation right after the verb is who, set in
    # the sentence; "Kerr Putney, the police chief, said": a comma alone before the verb closes an apposition,
    # if one stands there; else, as after a quotation ("“...,” said Hester"), who follows the verb
    set_in = name_at.get(k + 1) if opens and key in _INVERTING and k + 1 < n else None
    if set_in is not None and (set_in[1] == n or not words.joined(set_in[1])) and not any(quoted[slice(*set_in)]):
        return set_in
    who = subject_before(words, j, k) if opens and words.comma(k) else None
    if who is None and opens and key in _INVERTING:
        who = _inverted(words, k, name_at, quoted)
        if who is not None:
            return who
    if passive:  # "was written by Springsteen"; "he was told" names no one who tells
        by = k + 1 < n and keys[k + 1] == "by" and words.joined(k + 1)
        by_whom = name_after(words, k + 2, _SPEAKER_WORDS) if by and k + 2 < n else None
        if by_whom is not None and any(words.time(i) or words.tokens[i].is_number for i in range(*by_whom)):
            return None  # "to be concluded by 2009": when, not who
        return by_whom
    if who is None:
        who = subject_before(words, j, k)
    if who is None or any(quoted[who[0] : who[1]]):
        return None
    if key.endswith("ing") and _unowned(words, *who):
        # "Trump unleashed a series of tweets saying ...", "the council issued a statement saying ...": whose
        # the speech is, the clause's subject
        owner = clause_subject(words, who[0])
        return owner if owner is not None and _named(words, owner, name_at) else None
    noun_s = key in _NOUN_S_FORMS and j == k - 1 and not words.capital(j) and keys[who[0]] not in DETERMINERS
    if noun_s or keys[who[1] - 1].endswith("'s") or key in _NOUN_FORMS and not _plural_subject(words, who, j, k):
        return None  # "Editor's note", "the June report", "battleground state": a noun, not a verb
    if key in _SAY or _after_content(words, quoted, who[0], k) or _quote_right_before(words, quoted, who[0]):
        return who  # "“...,” Clinton wrote in 2003"
    if key in _REPORTS:  # "confirmed the exchange"; "reported from Midway Atoll" is a byline
        m = _skip_after(words, k + 1)
        if m >= n:
            return None
        thing = keys[m] not in FUNCTION or keys[m] in DETERMINERS or keys[m] in SUBJECT_PRONOUNS
        # "Volkswagen will reveal the new model": a thing shown to come, nothing said yet
        later = any(keys[i] in MODALS for i in range(j + 1, k))
        if keys[m].endswith("ly") or not thing or later:  # "a paper published shortly before", "reported from Midway"
            return who if _content_follows(words, k) else None
        return who
    if key in _TELL_FORMS:
        return who if _told_content(words, k) else None
    # "analysts suggest caution": who is a source by what they are
    return who if _content_follows(words, k) or keys[who[1] - 1] in _CITED else None


def _inverted(words: Words, k: int, name_at: dict[int, tuple[int, int]], quoted: list[bool]) -> tuple[int, int] | None:
    """Who a verb that opens its clause names right after it, up to the next punctuation: "..., said Peskov.",
    "“...,” said a senior diplomat", "..., said he" (not "said North Korea's latest", "said in a statement")."""
    keys, n = words.keys, len(words)
    if k + 1 >= n:
        return None
    who = name_at.get(k + 1)
    if who is not None and (who[1] == n or not words.joined(who[1])):
        return who
    if keys[k + 1] in _PRONOUNS:
        return (k + 1, k + 2)
    if keys[k + 1] in FUNCTION and keys[k + 1] not in DETERMINERS or keys[k + 1] in _CONTENT_OPENERS:
        return None  # "said in a statement", "suggests that ..."
    after_quotation = any(c in words.gap(k) for c in _CLOSING_MARKS)
    return _clause_after(words, k + 1, quoted, after_quotation)


def _named(words: Words, who: tuple[int, int], name_at: dict[int, tuple[int, int]]) -> bool:
    """Whether a clause's opening words are a name: a name found in the text, or capitals not only at the
    clause's start ("Donald Trump", not "Get")."""
    return who[0] in name_at or any(words.capital(i) for i in range(who[0] + 1, who[1]))


def _quote_right_before(words: Words, quoted: list[bool], first: int) -> bool:
    return first > 0 and (quoted[first - 1] or any(c in words.gap(first) for c in _CLOSING_MARKS))


def _after_content(words: Words, quoted: list[bool], first: int, k: int) -> bool:
    """Whether who (from word `first`) and verb k tag what was said before them, in a clause of their own:
    "“...,” the governor added.", "The deal holds, he noted."."""
    if first == 0 or words.joined(first):
        return False
    gap = words.gap(first)
    before = quoted[first - 1] or "," in gap or any(c in gap for c in _CLOSING_MARKS)
    m = _skip_after(words, k + 1)
    return before and (m >= len(words) or not words.joined(m))


_CIRCUMSTANCE = frozenset("in on at during after before with".split())
_CLOSING_MARKS = '”"»’'
_AFTER_VERB = frozenset("also again earlier later publicly repeatedly previously recently further too then".split())


def _plural_subject(words: Words, who: tuple[int, int], j: int, k: int) -> bool:
    """Whether the subject of a base form (`k`, "note") makes it a verb: a pronoun ("they note"), a plural in
    lower case ("experts note"), or an auxiliary between ("did not report")."""
    last = words.keys[who[1] - 1]
    if last in ("i", "we", "they", "you") or j < k - 1:
        return True
    return not words.capital(who[1] - 1) and last.endswith("s") and not last.endswith("ss")


def _skip_after(words: Words, m: int) -> int:
    """The first word after m that is no time or adverb ("said Friday that", "announced on Tuesday that")."""
    keys, n = words.keys, len(words)
    while m < n and words.joined(m):
        if words.time(m) or keys[m] in _AFTER_VERB:
            m += 1
        elif keys[m] in ("on", "last", "this", "next") and m + 1 < n and words.time(m + 1):
            m += 2
        else:
            break
    return m


def _content_follows(words: Words, k: int) -> bool:
    """Whether what is said follows verb k: that, a quotation, a colon, a comma, a clause ("claimed he had",
    "claimed Clinton had helped"), not a thing ("claimed the throne", "announced plans")."""
    keys, n = words.keys, len(words)
    m = _skip_after(words, k + 1)
    if m >= n:  # "The governor added:" and what he added in the next sentence
        return words.text[words.tokens[-1].end : words.tokens[-1].end + 2].strip()[:1] == ":"
    if not words.joined(m):
        return any(c in words.gap(m) for c in ':“"«‘')  # "added: ...", "wrote, “..."
    if keys[m] in _CONTENT_OPENERS or keys[m] in SUBJECT_PRONOUNS:
        return True
    if keys[m] in _CIRCUMSTANCE:  # "tweeted in the early morning hours that", "announced in a statement that"
        e = m + 1
        while e < min(n, m + _SPEAKER_WORDS + 2) and words.joined(e) and keys[e] not in _CONTENT_OPENERS:
            e += 1
        return e < n and (keys[e] == "that" or any(c in words.gap(e) for c in ':“"«'))
    if words.capital(m):  # a name, then its verb: "claimed Clinton had helped"
        e = m + 1
        while e < n and words.joined(e) and words.capital(e):
            e += 1
        return e < n and words.joined(e) and keys[e] not in _ORDER_WORDS and keys[e] not in DETERMINERS
    return False


def _told_content(words: Words, k: int) -> bool:
    """Whether what is told follows verb k's object ("told reporters that", "told CNN.", "asked how"), not an
    order or a topic ("told his staff to", "warned North Korea to refrain", "told them of his decision")."""
    keys, n = words.keys, len(words)
    m, count = k + 1, 0
    while m < n and words.joined(m) and count < _SPEAKER_WORDS:
        key = keys[m]
        if key in _CONTENT_OPENERS or key in _ORDER_WORDS or key in SUBJECT_PRONOUNS or words.time(m):
            break
        m, count = m + 1, count + 1
    m = _skip_after(words, m)
    if m < n and words.joined(m) and keys[m] in _ORDER_WORDS:  # "told his radio audience of Monday, “..."
        e = m + 1
        while e < min(n, m + _SPEAKER_WORDS) and words.joined(e):
            e += 1
        return e < n and any(c in words.gap(e) for c in ':“"«')
    return True


def _opens_cue(tokens: list[Token], k: int) -> bool:
    """Whether an attribution cue starts at token k ("obtained by" after "leaked memos")."""
    keys = [t.key for t in tokens[k : k + 3]]
    return keys[0] in SPEECH or any(tuple(keys[: len(c)]) == c for c in _AFTER_BY_FIRST.get(keys[0], ()))


def _opens_clause(text: str, tokens: list[Token], k: int) -> bool:
    """Whether token k follows punctuation (a comma, a quotation's close, a dash) or opens the sentence: a
    verb of saying there comes before who says ("..., said he"); elsewhere a pronoun after it is who is
    told about ("Peskov said he would")."""
    return k == 0 or bool(text[tokens[k - 1].end : tokens[k].start].strip())


def _cited_after(
    words: Words, k: int, name_at: dict[int, tuple[int, int]], taken: list[bool]
) -> tuple[int, int] | None:
    """Who a cue names after it: a name within two words (with the role after it: "Russian officials"), else
    the words up to the next punctuation or the next cue (at most 3: "leaked memos", then "obtained by")."""
    tokens = words.tokens
    for j in range(k, min(k + 3, len(tokens))):
        if j > k and not words.joined(j):
            break  # "according to exit polls, Mitt Romney led": the name after the comma is what they say
        if j in name_at:
            first, last = name_at[j]
            if tokens[last - 1].key.endswith("'s"):  # "Vladimir Putin’s press secretary": whose, then who
                return first, _role_of(words, last, name_at, taken)
            return first, _head_after(words, first, last, taken)
    end = k
    while end < min(k + 3, len(tokens)) and not taken[end] and not _opens_cue(tokens, end):
        if end > k and (not words.joined(end) or tokens[end].key in _OWNERS and speech_noun(tokens[end - 1].key)):
            break
        end += 1
    if k < end < len(tokens) - 1 and tokens[end].key in _OWNERS and words.joined(end) and words.joined(end + 1):
        m = end + 1 + (tokens[end + 1].key in DETERMINERS)  # "a new report by Politico": whose the report is
        if m in name_at and not any(taken[end : name_at[m][1]]):
            return k, name_at[m][1]
    return (k, end) if end > k else None


_HEAD_WORDS = 2  # "Russian officials", "Trump campaign officials": the nouns a name describes


def _head_after(words: Words, first: int, k: int, taken: list[bool]) -> int:
    """Where the phrase that the name words first..k open ends: with the nouns in lower case right after it,
    which are who ("Russian officials", "Kremlin sources"; after an article, one noun too: "a Facebook post"), not
    a verb ("memos obtained by Reuters show"), a participle, a time or grammar ("a Facebook post published on May
    19", "Peskov on Monday", "advisers familiar with")."""
    keys, n = words.keys, len(words)
    article = first > 0 and keys[first - 1] in DETERMINERS and words.joined(first)  # "a Facebook" is no phrase
    end = k
    while end < min(k + _HEAD_WORDS, n) and words.joined(end) and not taken[end] and not words.capital(end):
        key = keys[end]
        if key in FUNCTION or words.time(end) or key.endswith(("ed", "ing")) or words.tokens[end].is_number:
            break
        if key in SPEECH or key in _ENGLISH_VERBS and not speech_noun(key) or end > k and _before_grammar(words, end):
            break
        if not (article or key in _CITED or key.endswith("s") and not key.endswith("ss")):
            break
        end += 1
    return end


def _before_grammar(words: Words, i: int) -> bool:
    """Whether word i is followed, in its phrase, by a grammar word ("familiar with"): it opens what follows."""
    return i + 1 < len(words) and words.joined(i + 1) and words.keys[i + 1] in FUNCTION


_ROLE_WORDS = 3  # "Putin’s press secretary", "the bank’s chief economist": a role after whose it is


def _role_of(words: Words, k: int, name_at: dict[int, tuple[int, int]], taken: list[bool]) -> int:
    """Where the role after a possessive ends (from word k): its words in lower case ("Putin’s press secretary"),
    and the name that follows them in the same phrase, which is who ("Putin’s press secretary Dmitry Peskov":
    news writes the title and the name without commas as often as with)."""
    n = len(words)
    end = k
    while end < min(k + _ROLE_WORDS, n) and words.joined(end) and not taken[end]:
        if words.keys[end] in FUNCTION or words.capital(end):
            break
        end += 1
    if k < end < n and words.joined(end) and words.capital(end) and not taken[end]:
        name = name_at.get(end)
        if name is not None:
            return name[1]
    return end


_SPEAKER_WORDS = 5  # "said a spokesperson for Amnesty International": who, told after the verb


def _clause_after(words: Words, k: int, taken: list[bool], after_quotation: bool = False) -> tuple[int, int] | None:
    """Who a verb of saying that opens its clause names after it: the words from k to the next punctuation,
    when they end there within `_WHO_WORDS` words and read as a noun phrase ("said a senior diplomat.",
    "said Mr. Podesta.", "said Representative Charles B. Rangel of New York."), else no one ("said the talks
    would go on" goes on)."""
    who = name_after(words, k, _WHO_WORDS)
    if who is None or any(taken[who[0] : who[1]]):
        return None
    for i in range(who[0] + 1, who[1]):
        key = words.keys[i]
        if key in _NAME_INSIDE or key in DETERMINERS or words.capital(i) or len(key) == 1:
            continue
        # "..., said the event brought back memories": a clause; after a quotation, who speaks ("“...,” said
        # one Democratic source on the panel")
        if key in FUNCTION or not after_quotation and common_word(key):
            return None
    # who ends in a noun or a name ("diplomat", "Amnesty International"), not in grammar ("would go on")
    last = words.tokens[who[1] - 1]
    return who if not last.is_number and not common_word(last.key) else None


_WHO_WORDS = 8
_NAME_INSIDE = frozenset("of for at with on from in and".split())  # "a spokesperson for Amnesty International"


def with_speakers(facts: list[SentenceFact]) -> list[SentenceFact]:
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


_CARRY_SENTENCES = 6  # a quotation runs on over a few sentences of its paragraph


def carried_speakers(
    text: str,
    segments: Sequence[Segment],
    s: int,
    facts: list[SentenceFact],
    facts_of: Callable[[int], list[SentenceFact]],
) -> list[SentenceFact]:
    """A quotation that runs on past its sentence and names no speaker there takes the one named where it
    closes, a few sentences on in its paragraph ("“We are ready. We sent the list,” Peskov said.": Peskov
    says both)."""
    seg = segments[s]
    open_quotes = [f for f in facts if f.category == "quote" and not f.speaker and f.end >= seg.end]
    if not open_quotes:
        return facts
    for t in range(s + 1, min(len(segments), s + 1 + _CARRY_SENTENCES)):
        later = segments[t]
        if later.paragraph != seg.paragraph:
            break
        closes = _open_quotation_until(text, later.start, later.end)
        if closes == later.start:
            break  # not inside the quotation: it was closed after all
        if closes < later.end:
            after = [f for f in facts_of(t) if f.category == "source" and not f.minor and f.start >= closes]
            if not after:
                break
            who = after[0]
            return [
                replace(f, speaker=who.value, speaker_span=who.core) if any(f is q for q in open_quotes) else f
                for f in facts
            ]
    return facts
