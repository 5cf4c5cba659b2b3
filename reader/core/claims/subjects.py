"""Subjects: who stands before an English verb, as news writes it, read from words and punctuation alone.

A verb of saying names its source before it ("Peskov said", "The bank said",
"Police say", "Clinton now says", "Mr. Grassley and Mr. Leahy say"), across an
apposition set off by commas ("Kerr Putney, the city's police chief, said": the
source is Kerr Putney, not the city), or after it where it opens its clause
("..., said David Plouffe."). No tagger: the few closed classes of English
(determiners, prepositions, auxiliaries, pronouns) and capital letters tell a
noun phrase's edges well enough, and a verb of saying is the evidence that one
stands there. Positions are token indices into one sentence (`Words`), in which
words inside parentheses ("Rep. Jim Jordan (R-Ohio) said") are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.text.normalize import Token

DETERMINERS = frozenset(
    """the a an this that these those his her its their our my your some many several both all each every another
    other no any few most such one""".split()
)
_PREPOSITIONS = frozenset(
    """of in on at to for from by with about as into over under after before during since until against among
    between through without within near across per via like upon according""".split()
)
_CONJUNCTIONS = frozenset(
    "and or but nor so yet because although though while when where if unless whether than that which who whom "
    "whose what why how".split()
)
SUBJECT_PRONOUNS = frozenset("i you he she it we they there i'm we're they're he's she's it's you're".split())
_INDEFINITE = frozenset("anyone someone everyone nobody somebody everybody anybody".split())
_OBJECT_PRONOUNS = frozenset("me him her us them it you".split())
_BE = frozenset("am is are was were be been being isn't aren't wasn't weren't".split())
_AUXILIARIES = _BE | frozenset(
    """has have had do does did will would shall should can could may might must hasn't haven't hadn't didn't
    doesn't don't won't wouldn't can't cannot couldn't shouldn't""".split()
)
MODALS = frozenset("can could may might must shall should will would".split())
# words that stand between a subject and its verb ("Clinton now says", "Cruz has long said")
_BETWEEN = _AUXILIARIES | frozenset(
    """also now later then often long still never previously recently repeatedly publicly privately first earlier
    again once reportedly initially further already just immediately simply only even specifically flatly
    quickly ever currently separately subsequently finally not today yesterday tonight similarly having however
    therefore thus nonetheless nevertheless""".split()
)
_TIME_WORDS = frozenset("morning afternoon evening night week month year weekend today yesterday tonight".split())
_TIME_OPENERS = frozenset("on last this next early late".split())  # "on Friday", "last week"
_OTHER_GRAMMAR = _INDEFINITE | frozenset("let let's please worth".split())  # "Let's say", "It's worth noting"
FUNCTION = DETERMINERS | _PREPOSITIONS | _CONJUNCTIONS | SUBJECT_PRONOUNS | _OBJECT_PRONOUNS | _BETWEEN | _OTHER_GRAMMAR
# words in -ly that are nouns, not adverbs standing between a subject and its verb ("The family said")
_LY_NOUNS = frozenset("family ally assembly rally supply daily weekly monthly reply bully belly jelly fly".split())
# capitalised at a sentence's start, these open the sentence, not a name ("But Mr. Leahy said", "The bank")
_LEADING = FUNCTION | frozenset("meanwhile however instead here".split())
HONORIFICS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col sgt prof rev pres atty capt cmdr adm maj sir dame lord lady".split()
)
_NAME_JOINERS = frozenset("of and de van von der la le al bin da del du".split())  # "Secretary of State John Kerry"
_NP_PREPOSITIONS = frozenset("of for at with within on from in".split())  # "people familiar with the matter said"
_CLAUSE_MARKS = re.compile(
    r"""[;:“”"«»„—–?!]|(?<!\w)[‘’']|\.(?![\w,])"""
)  # "Md., who": no end  # where a clause ends (a comma does not)
_PARENTHESES = re.compile(r"\([^()]*\)")
NP_WORDS = 6  # at most this many words in a subject ("Civil rights activists", "the ad's narrator")
APPOSITION_WORDS = 40  # an apposition runs at most this far back from its verb


class Words:
    """One sentence's words for reading its grammar: token positions, the punctuation between
    words, capitals. Words inside parentheses are left out, so "Jordan (R-Ohio) said" reads
    "Jordan said"."""

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text = text
        kept = list(range(len(tokens)))
        if "(" in text[tokens[0].start : tokens[-1].end] if tokens else False:
            depth, kept = 0, []
            for k, tok in enumerate(tokens):
                if k:
                    between = text[tokens[k - 1].end : tok.start]
                    depth = max(0, depth + between.count("(") - between.count(")"))
                if depth == 0:
                    kept.append(k)
        self.index = kept  # position here -> position in the sentence's tokens
        self.tokens = [tokens[k] for k in kept]
        self.keys = [t.key for t in self.tokens]

    def __len__(self) -> int:
        return len(self.tokens)

    def gap(self, i: int) -> str:
        """The punctuation between word i-1 and word i (parenthesised words removed), spaces stripped."""
        between = self.text[self.tokens[i - 1].end : self.tokens[i].start]
        if "(" in between:
            between = _PARENTHESES.sub("", between)
        return between.strip()

    def joined(self, i: int) -> bool:
        """Whether word i follows word i-1 in the same phrase: nothing but a space, a hyphen, an apostrophe,
        or the period of an abbreviation ("Mr. Podesta", "John F. Kennedy", "U.S. officials")."""
        gap = self.gap(i)
        if gap in ("", "-", "'", "’"):
            return True
        return gap == "." and (self.keys[i - 1] in HONORIFICS or len(self.keys[i - 1]) == 1)

    def comma(self, i: int) -> bool:
        """Whether a comma stands between word i-1 and word i, after an abbreviation's period or not ("R-Ky.,")."""
        gap = self.gap(i)
        return gap == "," or gap == ".," and len(self.keys[i - 1]) <= 3

    def capital(self, i: int) -> bool:
        tok = self.tokens[i]
        return self.text[tok.start].isupper() and not tok.is_number

    def time(self, i: int) -> bool:
        """A day, a date or a time word ("said Friday", "on Tuesday said", "this week")."""
        tok = self.tokens[i]
        return (tok.is_number and not tok.key[:1].isdigit()) or tok.key in _TIME_WORDS or _is_date(tok)

    def clause_start(self, i: int) -> bool:
        """Whether word i opens its clause: the sentence's first word, or after a colon, a dash, a quotation mark."""
        return i == 0 or not self.joined(i) and bool(_CLAUSE_MARKS.search(self.gap(i)))


def _is_date(tok: Token) -> bool:
    key = tok.key
    return tok.is_number and (key[:1] == "-" or (len(key) == 10 and key[4] == "-"))


def skip_between(words: Words, k: int) -> tuple[int, bool]:
    """The last word of the subject before verb k, skipping the adverbs, auxiliaries and times between
    ("Cruz has long said", "Sanders on Tuesday said"); and whether the verb is passive ("was told")."""
    j = k - 1
    passive = False
    while j >= 0 and words.joined(j + 1):
        key = words.keys[j]
        adverb = key.endswith("ly") and key not in _LY_NOUNS and not words.capital(j)  # "proudly states"
        if words.time(j) or key in _BETWEEN or adverb or key in _TIME_OPENERS and j + 1 < k and words.time(j + 1):
            if j == k - 1 and key in _BE and not words.keys[k].endswith("ing"):  # "is saying" is not passive
                passive = True
            j -= 1
            continue
        break
    return j, passive


def subject_before(words: Words, j: int, verb: int) -> tuple[int, int] | None:
    """The subject ending at word j, right before its verb (words j+1 .. verb-1 were skipped): a name, a
    noun phrase, or, where a comma stands before the verb, the name an apposition describes."""
    if j < 0:
        return None
    if not words.joined(j + 1):
        return apposition_subject(words, j) if words.comma(j + 1) else None
    key = words.keys[j]
    if key in SUBJECT_PRONOUNS:
        return (j, j + 1)
    if words.capital(j) and not (words.clause_start(j) and key in _LEADING):
        found = name_ending(words, j)
        if found is None:
            return None
        first = found[0]
        if first > 1 and words.keys[first - 1] in _NP_PREPOSITIONS and words.joined(first) and words.joined(first - 1):
            head = noun_phrase_ending(words, first - 2)  # "A source within the SBU told", "a spokesman for Amnesty"
            if head is not None and not words.capital(first - 2):
                return head[0], found[1]
        return found
    if j > 0 and words.keys[j - 1] in MODALS and words.joined(j):
        return None  # "we can begin asking": a word after a modal is a verb, no subject
    return noun_phrase_ending(words, j)


def name_ending(words: Words, j: int) -> tuple[int, int] | None:
    """The name whose last word is j: capitalised words with their initials and titles ("Gov. Mike
    Pence", "Secretary of State John F. Kerry", "Mr. Grassley and Mr. Leahy"), without a sentence's
    opening word ("But", "The")."""
    first = j
    while first > 0 and j - first < 2 * NP_WORDS and words.joined(first):
        before = first - 1
        if words.capital(before) and not (words.clause_start(before) and words.keys[before] in _LEADING):
            first = before
        elif (
            words.keys[before] in _NAME_JOINERS
            and before > 0
            and words.capital(before - 1)
            and words.joined(before)
            and not words.clause_start(before - 1)
        ):
            first = before - 1
        else:
            break
    if first > 0 and words.keys[first - 1] in DETERMINERS and words.joined(first):
        first -= 1  # "The Hill reported": the article is part of how it is written
    return first, j + 1


def noun_phrase_ending(words: Words, j: int) -> tuple[int, int] | None:
    """The noun phrase whose head is word j ("The bank", "top black lawmakers", "the ad's narrator",
    "people familiar with the matter"), its determiner included; None where j is grammar, not a noun."""
    key = words.keys[j]
    if words.tokens[j].is_number and key.endswith("%"):  # "63 percent said", "Another 19 percent said"
        article = j > 0 and words.keys[j - 1] in DETERMINERS and words.joined(j)
        return (j - 1 if article else j), j + 1
    if key in _LEADING or words.tokens[j].is_number or key.endswith("ed"):
        return None  # grammar, or a verb ("Mr. Obama scrutinized reports like ...")
    first, count = j, 1
    while first > 0 and count < NP_WORDS and words.joined(first) and not words.clause_start(first):
        before = words.keys[first - 1]
        if before in DETERMINERS:
            return first - 1, j + 1
        if before in _NP_PREPOSITIONS and first > 1 and words.joined(first - 1) and count + 2 <= NP_WORDS:
            head = words.keys[first - 2]
            if head in FUNCTION or words.tokens[first - 2].is_number:
                break
            first, count = first - 2, count + 2
            continue
        if before in FUNCTION:
            break
        first, count = first - 1, count + 1
    return first, j + 1


def apposition_subject(words: Words, j: int) -> tuple[int, int] | None:
    """Who a verb after "X, a Y of Z," names: the first piece of the clause (between commas) that is a name
    or a noun phrase, provided another piece follows it ("Kerr Putney, the police chief, said": Kerr
    Putney; "Scott Pruitt, the attorney general of Oklahoma, one of the states suing the EPA, said")."""
    start = j
    while start > 0 and j - start < APPOSITION_WORDS and not words.clause_start(start):
        start -= 1
    cuts = [i for i in range(start + 1, j + 1) if "," in words.gap(i)]
    pieces = list(zip([start, *cuts], [*cuts, j + 1], strict=True))
    if len(pieces) < 2:
        return None  # "The talks will go on, said Peskov"; "Mr. Trump, tell me": no apposition
    named = [(a, b) for a, b in (_strip_leading(words, a, b) for a, b in pieces) if a < b and _is_name(words, a, b)]
    if named:  # "Kerr Putney, the police chief,", "the press secretary, Dmitry Peskov,": the name
        return named[0]
    a, b = _strip_leading(words, *pieces[0])
    if a < b and b - a <= NP_WORDS:  # "The wife of a man shot by police, 43, said"
        found = noun_phrase_ending(words, b - 1)
        if found is not None and found[0] <= a + 1:
            return found
    return None


def _strip_leading(words: Words, a: int, b: int) -> tuple[int, int]:
    """A piece of a clause without its opening grammar ("But", "Even"); empty if it opens with a preposition
    ("In a statement", "According to Interfax": a circumstance, not who)."""
    if words.keys[a] in _PREPOSITIONS:
        return b, b
    while a < b and words.keys[a] in _LEADING:
        a += 1
    return a, b


def _is_name(words: Words, a: int, b: int) -> bool:
    """Whether words a..b are one name: capitalised, joined, with a joiner inside ("Secretary of State")."""
    capitals = all(words.capital(i) or (i > a and words.keys[i] in _NAME_JOINERS) for i in range(a, b))
    return capitals and words.capital(b - 1) and all(words.joined(i) for i in range(a + 1, b))


def clause_subject(words: Words, k: int) -> tuple[int, int] | None:
    """The name that opens the clause of word k, for a verb that shares it ("Donald Trump, her opponent,
    bemoaned the unrest and said ...", "Trump attacked Clinton, saying ..."): from the clause's start, the
    words up to the first verb in -ed, grammar word or punctuation, ending in a capitalised word."""
    start = k
    while start > 0 and k - start < APPOSITION_WORDS and not words.clause_start(start):
        start -= 1
    if words.keys[start] in _PREPOSITIONS:  # "In a speech on Friday, Trump attacked ...": a circumstance first
        start = next((i for i in range(start + 1, k) if words.comma(i)), start)
    a = start
    while a < k and words.keys[a] in _LEADING and words.keys[a] not in DETERMINERS:
        a += 1
    b = a
    while b < k and (b == a or words.joined(b)) and words.keys[b] not in FUNCTION:
        key = words.keys[b]
        if b > a and not words.capital(b) and key.endswith("ed"):
            break  # "Trump attacked", "Clinton chimed in"
        b += 1
    phrase = b
    if words.tokens[a].is_number and phrase - a > 1:
        return a, phrase  # "two Democratic speechwriters implored her ..., arguing": a count of people
    while b > a and not words.capital(b - 1):
        b -= 1
    if b == a or b >= k or words.keys[b] in ("and", "or") and words.capital(b + 1):
        return None
    if words.keys[b - 1].endswith("'s"):
        return a, phrase  # "Scott's relatives ... said": whose they are, then who
    return a, b


def name_after(words: Words, k: int, limit: int) -> tuple[int, int] | None:
    """Who a verb that opens its clause names right after it ("..., said Mr. Podesta.", "said a senior
    diplomat."): the words to the next punctuation, within `limit` words, ending in a name or a noun."""
    end = k
    while end < len(words) and end - k < limit:
        end += 1
        if end < len(words) and not words.joined(end):
            break
    closed = end == len(words) or not words.joined(end)
    return (k, end) if closed and end > k else None
