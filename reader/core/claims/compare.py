"""Compare one claim: the word changes and details inside it, member by member.

Each member of a claim is compared, word by word on normalised keys, with its
reference: the base article's member, or (for the base itself, and for claims
the base lacks) the first other article that carries the claim.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from reader.core.align.evidence import Bags, term_bags, terms_of
from reader.core.align.grouping import Draft
from reader.core.claims.attribution import carried_speakers
from reader.core.claims.facts import (
    STEM,
    SentenceFact,
    extract,
    honorific,
    pronoun_source,
    same_name,
    same_value,
    shown_value,
    spelling_variant,
)
from reader.core.claims.layers import restyled
from reader.core.claims.worddiff import edits, slots
from reader.core.text.calendar import capitalised_keys
from reader.core.text.common import common_word
from reader.core.text.normalize import Seen, Token, TokenTable, tokenize_spans
from reader.core.text.values import value_tokens
from reader.model.comparison import (
    Article,
    Change,
    ChangeKind,
    Claim,
    Fact,
    FactKind,
    Layer,
    Member,
    Move,
    Role,
    Span,
    Status,
)

Progress = Callable[[str], None]
NOUN_CAPITALS_SHARE = 0.2
NOUN_CAPITALS_MIN_WORDS = 30  # too few words to tell
# German writes its nouns with a capital: its grammar words tell it from an English text full of names and titles
# (a Wikipedia lead's capitals are as many as a German text's); over a tenth of a German text's words are these,
# at most a thirteenth of an English one's
NOUN_CAPITALISING_GRAMMAR = frozenset(
    "der die das und ist nicht ein eine den dem des mit sich auf für wird sind im zu von".split()
)
NOUN_CAPITALISING_GRAMMAR_SHARE = 0.1
SLOT_EDIT_MAX = 8  # facts of a longer replaced run pair up only as the one fact of their kind on each side
ONE_SLOT = ("number", "date", "source", "quote")  # the one fact of such a kind on each side: one slot


class ClaimContext:
    """What the comparison of one claim needs to know about the whole comparison."""

    def __init__(self, articles: Sequence[Article], tokens: Sequence[TokenTable], bags: Bags):
        self.articles = articles
        self.tokens = tokens
        self.df = bags.df  # in how many sentences each term stands (the alignment's own count; corrections read it)
        self.terms = [set().union(*art) for art in bags.terms]  # every term an article uses
        self._stated: dict[int, tuple[set[tuple[str, str]], list[SentenceFact]]] = {}
        self._years: dict[int, set[str]] = {}
        self.capitalised: set[str] = set()
        lower: set[str] = set()
        inside: Counter[str] = Counter()  # in how many sentences a word is capitalised where no sentence begins
        opening: Counter[str] = Counter()  # ... and how many it opens
        self.nouns_capitalised = []
        seen: dict[str, _Signals] = {}  # each distinct sentence read once: versions repeat most sentences
        headings: list[_Signals] = []  # sentences that may be headings
        for a, art in enumerate(articles):
            words = capitals = grammar = 0
            for s, seg in enumerate(art.segments):
                piece = art.text[seg.start : seg.end]
                signals = seen.get(piece)
                if signals is None:
                    signals = seen[piece] = _Signals(art.text, *tokens[a].columns(s))
                if art.title and s == 0:
                    pass
                elif signals.heading_words:
                    headings.append(signals)  # told apart from a line of names once every lower case is known
                else:
                    self.capitalised |= signals.capitalised
                    inside.update(signals.capitalised)
                if signals.opening is not None:
                    opening[signals.opening] += 1
                lower |= signals.lower
                words += signals.words_inside
                capitals += signals.capitals_inside
                grammar += signals.noun_capitalising_grammar
            self.nouns_capitalised.append(_capitalises_nouns(words, capitals, grammar))
        for signals in headings:
            # a heading's capitals tell no name: most of its words are written in lower case elsewhere
            ordinary = sum(w in lower for w in signals.heading_words)
            if ordinary * 2 <= len(signals.heading_words):
                self.capitalised |= signals.capitalised
                inside.update(signals.capitalised)
        # a name is never written in lower case, and is capitalised inside sentences at least half as
        # often as it opens one ("She" opens many sentences, and a typo may capitalise it once inside)
        self.names = {k for k in self.capitalised - lower if inside[k] * 2 >= opening[k]}
        self.lower = lower | {k[:STEM] for k in lower}  # the words written in lower case, and their stems
        self._facts: dict[tuple[int, int], list[SentenceFact]] = {}
        self._values: dict[tuple[int, int], list[Token]] = {}  # sentences whose values differ from their tokens
        self._plain: set[tuple[int, int]] = set()  # and those whose do not
        self._claim_tokens: dict[tuple[int, tuple[int, ...]], list[Token]] = {}  # the members of one claim

    def values(self, article: int, s: int) -> list[Token]:
        """A sentence's tokens, each value (a date, an amount, a time) read as one token. Only the
        sentences that hold a value keep their own list; the others' tokens are made anew from
        the compact table when asked: a large comparison does not hold a Token for every word
        of every version at once."""
        key = (article, s)
        found = self._values.get(key)
        if found is not None:
            return found
        tokens = self.tokens[article][s]
        if key in self._plain:
            return tokens
        found = value_tokens(self.articles[article].text, tokens)
        if found is tokens:
            self._plain.add(key)
        else:
            self._values[key] = found
        return found

    def stated_in(self, fact: SentenceFact, article: int) -> bool:
        """Whether `article` states this fact anywhere: the same value, however written; a name all of
        whose words it uses; a year it gives in a date."""
        if fact.category in ("name", "source"):
            words = self.member_terms(fact)
            if words and all(w in self.terms[article] for w in words):
                return True
        if fact.category == "date" and fact.value.isdigit() and fact.value in self.years(article):
            return True
        if article not in self._stated:
            every = self.facts(article, range(len(self.articles[article].segments)))
            self._stated[article] = (
                {(f.category, f.value) for f in every},
                [f for f in every if f.category in ("name", "source") and not pronoun_source(f)],
            )
        exact, names = self._stated[article]
        if (fact.category, fact.value) in exact:
            return True
        return fact.category in ("name", "source") and any(
            same_value(fact, f) for f in names if f.category == fact.category
        )

    def member_terms(self, fact: SentenceFact) -> list[str]:
        return [term for word in fact.value.split() for term in terms_of(Token(0, 0, word))]

    def years(self, article: int) -> set[str]:
        if article not in self._years:
            sentences = range(len(self.tokens[article]))
            keys = (t.key for s in sentences for t in self.values(article, s) if t.is_number)
            self._years[article] = {k[:4] for k in keys if k[:4].isdigit()}
        return self._years[article]

    def member_tokens(self, article: int, segments: Sequence[int]) -> list[Token]:
        """The member's words, each value (a date, an amount, a time) read as one token. Made once per
        claim (every member is compared with the same reference, and the claim's status reads them
        again), and let go with the claim (`new_claim`)."""
        key = (article, tuple(segments))
        found = self._claim_tokens.get(key)
        if found is None:
            found = self._claim_tokens[key] = [t for s in segments for t in self.values(article, s)]
        return found

    def new_claim(self) -> None:
        """The next claim is compared: the member tokens of the last one are not needed again."""
        self._claim_tokens = {}

    def facts(self, article: int, segments: Sequence[int]) -> list[SentenceFact]:
        found = []
        for s in segments:
            if (article, s) not in self._facts:
                art, seg = self.articles[article], self.articles[article].segments[s]
                title = bool(art.title) and s == 0
                nouns = self.nouns_capitalised[article]
                facts = extract(
                    art.text,
                    self.values(article, s),
                    self.capitalised,
                    seg.start,
                    seg.end,
                    title,
                    self.names,
                    nouns,
                    self.lower,
                )
                if nouns:  # a capital tells no name here: only a name put in another's place
                    facts = [replace(f, minor=True) if f.category == "name" else f for f in facts]
                # a quotation that runs on into the next sentences: its speaker is named where it closes
                facts = carried_speakers(art.text, art.segments, s, facts, lambda t: self.facts(article, [t]))
                self._facts[(article, s)] = facts
            found.extend(self._facts[(article, s)])
        return found


@dataclass
class _Found:
    changes: list[Change] = field(default_factory=list)
    details: list[Fact] = field(default_factory=list)
    cosmetic: list[Change] = field(default_factory=list)
    base_side: list[Change] = field(default_factory=list)
    lacking: list[Fact] = field(default_factory=list)


def _split_at_segments(article: Article, segments: Sequence[int], run: list[Token]) -> list[list[Token]]:
    """A run of tokens cut where a segment ends, so no span crosses two sentences."""
    if len(segments) == 1:  # a member of one sentence: the run is in it
        return [run] if run else []
    pieces: list[list[Token]] = []
    for s in segments:
        seg = article.segments[s]
        piece = [t for t in run if seg.start <= t.start < seg.end]
        if piece:
            pieces.append(piece)
    return pieces


def _span(article: Article, run: list[Token]) -> tuple[int, int, str]:
    start, end = run[0].start, run[-1].end
    return start, end, article.text[start:end]


def _speaker(article: int, art: Article, fact: SentenceFact) -> Span | None:
    if fact.speaker_span is None:
        return None
    s, e = fact.speaker_span
    return Span(article, s, e, art.text[s:e], fact.speaker)


def _detail(
    kind: FactKind,
    role: Role,
    claim: int,
    article: int,
    art: Article,
    fact: SentenceFact,
    against: int | None,
    counterparts=(),
) -> Fact:
    text = art.text[fact.start : fact.end]
    speaker = _speaker(article, art, fact)
    return Fact(
        kind,
        fact.category,
        claim,
        article,
        fact.start,
        fact.end,
        text,
        counterparts,
        role,
        against,
        shown_value(fact),
        speaker,
    )


def _touches(fact: SentenceFact, ranges: list[tuple[int, int]]) -> bool:
    """Whether an edit changes the words that carry the fact (for a quotation, also its speaker)."""
    spans = [fact.core] + ([fact.speaker_span] if fact.speaker_span else [])
    return any(rs < e and s < re_ for s, e in spans for rs, re_ in ranges)


def _char_range(run: list[Token]) -> tuple[int, int]:
    return (run[0].start, run[-1].end)


def _compare_member(
    ctx: ClaimContext,
    claim: int,
    article: int,
    segs: Sequence[int],
    ref: int,
    ref_segs: Sequence[int],
    altered: bool,
    base: int,
) -> _Found:
    """Word changes of one member against its reference member, the layer of each, and the facts
    that differ: altered (reported from one side only, `altered`), inserted, and lacking (facts of
    the base that this member lacks, reported on the base's side)."""
    art, ref_art = ctx.articles[article], ctx.articles[ref]
    found = _Found()
    if _words(art, segs) == _words(ref_art, ref_segs):
        return found  # the very same sentences: no word, fact or form differs (versions repeat most)
    mine, theirs = ctx.member_tokens(article, segs), ctx.member_tokens(ref, ref_segs)
    diff = edits([t.key for t in mine], [t.key for t in theirs])
    mine_ranges = [_char_range(mine[e.start : e.end]) for e in diff if e.end > e.start]
    their_ranges = [_char_range(theirs[e.their_start : e.their_end]) for e in diff if e.their_end > e.their_start]
    my_facts = [f for f in ctx.facts(article, segs) if _touches(f, mine_ranges)]
    their_facts = [f for f in ctx.facts(ref, ref_segs) if _touches(f, their_ranges)]
    all_mine, all_theirs = ctx.facts(article, segs), ctx.facts(ref, ref_segs)
    # one name in another form, where an edit touches either side: altered, though `same_value` holds
    forms = _name_forms(my_facts, all_theirs)
    formed = {id(f) for pair in forms for f in pair}
    forms += _name_forms([f for f in all_mine if id(f) not in formed], [f for f in their_facts if id(f) not in formed])
    in_forms = {id(f) for pair in forms for f in pair}
    # a fact the other side states too (elsewhere in the claim, or written another way) is no change
    my_facts = [f for f in my_facts if id(f) not in in_forms and not any(same_value(f, o) for o in all_theirs)]
    their_facts = [f for f in their_facts if id(f) not in in_forms and not any(same_value(f, o) for o in all_mine)]
    pairs = forms + _pair_facts(my_facts, their_facts, mine, theirs, diff)
    pairs += _namesakes(
        [m for m in my_facts if m.category == "name" and all(m is not p for p, _ in pairs)],
        [t for t in all_theirs if t.category == "name" and all(t is not q for _, q in pairs)],
    )
    paired_mine = {id(m) for m, _ in pairs}
    paired_theirs = {id(t) for _, t in pairs}
    reported: list[tuple[int, int]] = []  # char ranges of reported facts, both sides
    for m, t in pairs:
        if altered:
            counterpart = Span(
                ref, t.start, t.end, ref_art.text[t.start : t.end], shown_value(t), _speaker(ref, ref_art, t)
            )
            found.details.append(_detail("altered", "altered", claim, article, art, m, ref, (counterpart,)))
        reported += [m.core, t.core]
    for m in my_facts:
        if id(m) not in paired_mine and not m.minor and not ctx.stated_in(m, ref):
            found.details.append(_detail("inserted", "inserted", claim, article, art, m, ref))
            reported.append(m.core)
    for t in their_facts:
        if id(t) not in paired_theirs and not t.minor and not ctx.stated_in(t, article):
            reported.append(t.core)
            if ref == base:
                found.lacking.append(_detail("inserted", "lacking", claim, ref, ref_art, t, article))
    for edit in diff:
        run, other = mine[edit.start : edit.end], theirs[edit.their_start : edit.their_end]
        layer = _layer(run, other, reported)
        if run:
            kind: ChangeKind = "inserted" if not other else "replaced"
            for piece in _split_at_segments(art, segs, run):
                start, end, text = _span(art, piece)
                found.changes.append(Change(claim, article, ref, kind, start, end, text, layer))
        if other and ref == base:
            kind = "inserted" if not run else "replaced"  # the base's words that this member drops or replaces
            for piece in _split_at_segments(ref_art, ref_segs, other):
                start, end, text = _span(ref_art, piece)
                found.base_side.append(Change(claim, ref, article, kind, start, end, text, layer))
    found.cosmetic.extend(restyled(art.text, ref_art.text, mine, theirs, diff, claim, article, ref))
    if ref == base:
        found.cosmetic.extend(restyled(ref_art.text, art.text, theirs, mine, _flipped(diff), claim, ref, article))
    return found


def _words(article: Article, segments: Sequence[int]) -> list[str]:
    return [article.segments[s].text for s in segments]


def _flipped(diff: list) -> list:
    return [type(e)(e.their_start, e.their_end, e.start, e.end) for e in diff]


def _name_forms(mine: list[SentenceFact], theirs: list[SentenceFact]) -> list[tuple[SentenceFact, SentenceFact]]:
    """A full name that an edit gives in another form in the same slot: a given name dropped or added ("Dieter
    Günter Bohlen" / "Dieter Bohlen"), a name cut to its initial ("Gordon Hugh Willis" / "Gordon H. Willis").
    Both forms have two words at least: a surname alone ("Peskov") is how news refers to a person named before."""
    pairs: list[tuple[SentenceFact, SentenceFact]] = []
    for m in mine:
        if m.category != "name" or m.minor or " " not in m.value:
            continue
        for t in theirs:
            fits = t.category == "name" and not t.minor and " " in t.value and _other_form(m.value, t.value)
            if fits and all(t is not q for _, q in pairs):
                pairs.append((m, t))
                break
    return pairs


def _other_form(a: str, b: str) -> bool:
    """Two forms of one full name: the same first and last word, and a middle word more, fewer or initialled."""
    wa, wb = a.split(), b.split()
    if honorific(a) != honorific(b) and wa[bool(honorific(a)) :] == wb[bool(honorific(b)) :]:
        return True  # a conferred title given or dropped: "Dr. Shankar Dayal Sharma" / "Shankar Dayal Sharma"
    if wa == wb or wa[0] != wb[0] and not _initial_of(wa[0], wb[0]) or wa[-1] != wb[-1] or common_word(wa[0]):
        return False  # not one person's name ("The Yellow Hat Sect" / "The Yellow Sect" is one name reworded)
    short, long_ = sorted((wa, wb), key=len)
    if len(short) == len(long_):
        return all(x == y or _initial_of(x, y) for x, y in zip(short, long_, strict=True))
    return all(w in long_ for w in short)


def _initial_of(a: str, b: str) -> bool:
    """One of two words is the other's initial ("h" / "hugh")."""
    return a != b and (len(a) == 1 and b.startswith(a) or len(b) == 1 and a.startswith(b))


def _namesakes(mine: list[SentenceFact], theirs: list[SentenceFact]) -> list[tuple[SentenceFact, SentenceFact]]:
    """A name only this member gives, paired with a name of the other that shares a word with it and
    differs in another: the same slot ("Hamilton Canucks" where the other has "Vancouver Canucks")."""
    pairs: list[tuple[SentenceFact, SentenceFact]] = []
    for m in mine:
        words = {w[:STEM] for w in m.value.split()}
        for t in theirs:
            other = {w[:STEM] for w in t.value.split()}
            if words & other and not (words <= other or other <= words) and all(t is not q for _, q in pairs):
                pairs.append((m, t))
                break
    return pairs


def _layer(run: list[Token], other: list[Token], reported: list[tuple[int, int]]) -> Layer:
    """fact: the edit touches a fact that differs; cosmetic: the same words spelled a letter or two
    apart; wording: any other edit."""
    for side in (run, other):
        if side:
            s, e = _char_range(side)
            if any(rs < e and s < re_ for rs, re_ in reported):
                return "fact"
    spelling = run and other and len(run) == len(other)
    if spelling and all(not a.is_number and spelling_variant(a.key, b.key) for a, b in zip(run, other, strict=True)):
        return "cosmetic"
    return "wording"


def _pair_facts(
    mine: list[SentenceFact], theirs: list[SentenceFact], my_tokens: list[Token], their_tokens: list[Token], diff: list
) -> list[tuple[SentenceFact, SentenceFact]]:
    """Which fact of theirs each of mine stands for (the same slot): facts of one category that one
    edit replaces, in order (in a long edit, only the one fact of a kind on each side); then the one of
    a kind in the whole member; then quotations that share most of their words (a quotation reworded
    or given another speaker)."""
    pairs: list[tuple[SentenceFact, SentenceFact]] = []
    used: set[int] = set()
    for edit in diff:
        if edit.end == edit.start or edit.their_end == edit.their_start:
            continue
        ms, me = _char_range(my_tokens[edit.start : edit.end])
        ts, te = _char_range(their_tokens[edit.their_start : edit.their_end])
        paired = {id(p) for p, _ in pairs}
        left = [m for m in mine if id(m) not in paired and m.core[0] < me and ms < m.core[1]]
        right = [t for t in theirs if id(t) not in used and t.core[0] < te and ts < t.core[1]]
        if edit.size > SLOT_EDIT_MAX:  # a long rewrite: its many facts stand in no order but in a plain slot
            inner = slots(
                [t.key for t in my_tokens[edit.start : edit.end]],
                [t.key for t in their_tokens[edit.their_start : edit.their_end]],
            )
            for slot in inner:
                mine_slot = my_tokens[edit.start + slot.start : edit.start + slot.end]
                their_slot = their_tokens[edit.their_start + slot.their_start : edit.their_start + slot.their_end]
                _pair_names_in_slot(left, right, mine_slot, their_slot, pairs, used)
            paired = {id(p) for p, _ in pairs}
            _pair_one_of_a_kind(
                [m for m in left if m.category in ONE_SLOT and id(m) not in paired],
                [t for t in right if id(t) not in used],
                pairs,
                used,
                _one_count,
            )
            continue
        _pair_in_order(left, right, pairs, used)
    taken = {id(p) for p, _ in pairs}
    _pair_one_of_a_kind(
        [m for m in mine if id(m) not in taken and m.category in ONE_SLOT],
        [t for t in theirs if id(t) not in used],
        pairs,
        used,
        _one_count,
    )
    taken = {id(p) for p, _ in pairs}
    for m in mine:
        if m.category != "quote" or id(m) in taken:
            continue
        words = set(m.value.split())
        best = max(
            (t for t in theirs if t.category == "quote" and id(t) not in used),
            key=lambda t: len(words & set(t.value.split())),
            default=None,
        )
        if best is not None and len(words & set(best.value.split())) * 2 >= max(len(words), len(best.value.split())):
            pairs.append((m, best))
            used.add(id(best))
    return pairs


def _pair_names_in_slot(
    mine: list[SentenceFact],
    theirs: list[SentenceFact],
    mine_slot: list[Token],
    their_slot: list[Token],
    pairs: list[tuple[SentenceFact, SentenceFact]],
    used: set[int],
) -> None:
    """Inside a long rewrite, a name that a plain slot puts in another name's place ("from Xi'an to" / "from
    Xianyang Airport, in Xianyang to"): one name on one side at least, names most of the slot on each side, of
    one kind (an adjective of a people for another: "the Russian" / "Moscow's" is no other name)."""
    if max(len(mine_slot), len(their_slot)) > SLOT_EDIT_MAX:
        return
    ms, me = _char_range(mine_slot)
    ts, te = _char_range(their_slot)
    paired = {id(p) for p, _ in pairs}
    left = [m for m in mine if m.category == "name" and id(m) not in paired and m.core[0] < me and ms < m.core[1]]
    right = [t for t in theirs if t.category == "name" and id(t) not in used and t.core[0] < te and ts < t.core[1]]
    if not left or not right or min(len(left), len(right)) > 1 or left[0].minor != right[0].minor:
        return
    if _covered(left, mine_slot) * 2 >= len(mine_slot) and _covered(right, their_slot) * 2 >= len(their_slot):
        pairs.append((left[0], right[0]))
        used.add(id(right[0]))


def _covered(facts: list[SentenceFact], slot: list[Token]) -> int:
    """How many of a slot's words the facts hold."""
    return sum(any(f.core[0] <= tok.start and tok.end <= f.core[1] for f in facts) for tok in slot)


def _pair_in_order(
    mine: list[SentenceFact],
    theirs: list[SentenceFact],
    pairs: list[tuple[SentenceFact, SentenceFact]],
    used: set[int],
) -> None:
    """The facts of one slot: each of mine stands for the first of theirs of its category not yet taken."""
    paired = {id(p) for p, _ in pairs}
    for m in mine:
        if id(m) in paired:
            continue
        for t in theirs:
            if id(t) not in used and t.category == m.category:
                pairs.append((m, t))
                used.add(id(t))
                break


def _pair_one_of_a_kind(
    mine: list[SentenceFact],
    theirs: list[SentenceFact],
    pairs: list[tuple[SentenceFact, SentenceFact]],
    used: set[int],
    same_slot: Callable[[SentenceFact, SentenceFact], bool],
) -> None:
    """The one fact of a kind on each side (the one count, date, source ...) stands in one slot: pair them.
    A source that only says where another came from is no slot of its own."""
    for category in sorted({m.category for m in mine}):
        left = [m for m in mine if m.category == category and not m.continues]
        right = [t for t in theirs if t.category == category and not t.continues]
        if len(left) == 1 and len(right) == 1 and same_slot(left[0], right[0]):
            pairs.append((left[0], right[0]))
            used.add(id(right[0]))


def _one_count(mine: SentenceFact, theirs: SentenceFact) -> bool:
    """The one number of each side is one slot when both count the same thing or give the same value
    ("1,000 Russian prisoners" / "1,000 Ukrainian soldiers", "1,000 prisoners" / "1,500 prisoners"), not a
    head count against an age ("45,600" / "20 years")."""
    if mine.category != "number":
        return True
    return mine.value == theirs.value or bool(mine.counts and theirs.counts) and same_name(mine.counts, theirs.counts)


class _Signals:
    """What one sentence tells about the whole text: the words it capitalises where no sentence begins
    (`capitalised_keys`), the word it opens with, the words it writes in lower case, and how many of
    its words after the first (numbers aside) there are and how many of them have a capital."""

    __slots__ = (
        "capitalised",
        "capitals_inside",
        "heading_words",
        "lower",
        "noun_capitalising_grammar",
        "opening",
        "words_inside",
    )

    def __init__(
        self, text: str, starts: Sequence[int], ends: Sequence[int], keys: Sequence[str], numbers: Sequence[int]
    ) -> None:
        self.capitalised = capitalised_keys(text, starts, ends, keys)
        self.opening = keys[0] if keys else None
        self.lower = {key for start, key in zip(starts, keys, strict=True) if text[start].islower()}
        inside = [start for start, number in zip(starts[1:], numbers[1:], strict=True) if not number]
        self.words_inside = len(inside)
        self.capitals_inside = sum(text[start].isupper() for start in inside)
        self.noun_capitalising_grammar = sum(key in NOUN_CAPITALISING_GRAMMAR for key in keys)
        self.heading_words = _title_cased(text, starts, ends, keys)


HEADING_WORD_LETTERS = 4  # in a heading every word this long has a capital ("Battle of the Somme")


def _title_cased(text: str, starts: Sequence[int], ends: Sequence[int], keys: Sequence[str]) -> tuple[str, ...]:
    """The keys of a sentence's longer words when it may be a heading: two words or more, no full stop or
    other mark ending it, a capital on every word of some length ("The Ongoing Human Cost", and a line of
    names, "Tatjana Mittermayer (Germany)": the comparison's lower case tells them apart); else none."""
    if len(starts) < 2 or text[ends[-1] : ends[-1] + 1] in _ENDING_MARKS:
        return ()
    words = [
        (text[s], key)
        for s, e, key in zip(starts, ends, keys, strict=True)
        if e - s >= HEADING_WORD_LETTERS and key.isalpha()
    ]
    if not words or not all(first.isupper() for first, _ in words):
        return ()
    return tuple(key for _, key in words)


_ENDING_MARKS = frozenset('.!?…:;,"”’»)]')


def _capitalises_nouns(words: int, capitals: int, grammar: int) -> bool:
    """Whether a text writes its nouns with a capital (German): then more than a fifth of the words
    inside its sentences (`words`, of which `capitals` have one) have one, where English or French
    have a tenth or less."""
    capital_share = words >= NOUN_CAPITALS_MIN_WORDS and capitals > NOUN_CAPITALS_SHARE * words
    return capital_share and grammar > NOUN_CAPITALISING_GRAMMAR_SHARE * words


def _reference(article: int, present: Sequence[int], base: int) -> int | None:
    if article != base and base in present:
        return base
    others = [a for a in present if a != article]
    return others[0] if others else None


def _status(ctx: ClaimContext, by_article: dict[int, list[int]], details: list[Fact]) -> Status:
    if len(by_article) < 2:
        return "unique"
    keys = {tuple(t.key for t in ctx.member_tokens(a, segs)) for a, segs in by_article.items()}
    if len(keys) == 1:
        return "same"
    return "altered" if any(d.kind == "altered" for d in details) else "reworded"


def _compare_claim(ctx: ClaimContext, k: int, draft: Draft, base: int) -> tuple[Claim, _Found]:
    ctx.new_claim()
    by_article: dict[int, list[int]] = defaultdict(list)
    for a, s in draft.members:
        by_article[a].append(s)
    present = sorted(by_article)
    out = _Found()
    lacking: list[Fact] = []
    base_side: list[Change] = []
    for a in present:
        ref = _reference(a, present, base)
        if ref is None:
            art = ctx.articles[a]
            # a claim only here: all its facts but the names that the version it is compared with (the base; for
            # the base, every other) names elsewhere. A number, date, quotation or source tells this claim; a
            # name is who or where, and no news because this sentence is ("Kyiv has yet to respond").
            against = [base] if a != base else [o for o in range(len(ctx.articles)) if o != a]
            facts = [
                f
                for f in ctx.facts(a, by_article[a])
                if not f.minor and not (f.category == "name" and against and all(ctx.stated_in(f, o) for o in against))
            ]
            out.details.extend(_detail("inserted", "inserted", k, a, art, f, None) for f in facts)
            continue
        if a == base and len(present) > 1:
            continue  # the base's side is told by each member compared with it (base_side, lacking)
        found = _compare_member(
            ctx, k, a, by_article[a], ref, by_article[ref], altered=(ref == base or a > ref), base=base
        )
        out.changes.extend(found.changes)
        out.details.extend(found.details)
        out.cosmetic.extend(found.cosmetic)
        base_side.extend(found.base_side)
        lacking.extend(found.lacking)
    out.changes = sorted(base_side, key=lambda c: (c.against, c.start)) + out.changes
    out.details = sorted(lacking, key=lambda d: (d.against or 0, d.start)) + out.details
    members = tuple(Member(a, s) for a, s in draft.members)
    moves = tuple(Move(*m) for m in draft.moves)
    shared = _surfaces(ctx, draft.members, draft.shared_terms)
    status = _status(ctx, by_article, out.details)
    # the same words after normalising are a full match, whatever the pairs' evidence said
    score = 1.0 if status == "same" else draft.score
    claim = Claim(k, members, status, score, shared, moves)
    return claim, out


def claim_context(articles: Sequence[Article]) -> ClaimContext:
    """What comparing one claim reads (tokens, term counts), made again from finished articles:
    corrections compare only the claims they touch, after the whole comparison was built."""
    read: Seen = {}
    tokens = [tokenize_spans(a.text, ((s.start, s.end) for s in a.segments), read) for a in articles]
    return ClaimContext(articles, tokens, term_bags(tokens))


def compare_claim(
    ctx: ClaimContext, k: int, draft: Draft, base: int
) -> tuple[Claim, list[Change], list[Fact], list[Change]]:
    """One claim compared on its own: (claim, changes, details, cosmetic changes). Public for corrections;
    the same code `build` runs per claim."""
    claim, found = _compare_claim(ctx, k, draft, base)
    return claim, found.changes, found.details, found.cosmetic


def _surfaces(ctx: ClaimContext, members: Sequence[tuple[int, int]], terms: Sequence[str]) -> tuple[str, ...]:
    """Matching terms as a reader would write them: the first word of the claim that carries each
    (each member's words read once, for all the terms)."""
    found: dict[str, str] = {}
    wanted = set(terms)
    for a, s in members:
        if not wanted:
            break
        for token in ctx.tokens[a][s]:
            for term in terms_of(token):
                if term in wanted:
                    found[term] = ctx.articles[a].text[token.start : token.end]
                    wanted.discard(term)
    return tuple(found[term] if term in found else term.lstrip("#") for term in terms)
