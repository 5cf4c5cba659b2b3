"""Timeline: a comparison of one article's versions in fetch order, read as what happened when.

A history (`reader history URL`) compares the versions a page had, oldest first; each article
carries its fetch time (`Article.fetched`). Read that way, a claim has events: the version where
it first appeared, those where its words changed from the version before, the one where it was
removed (and, if it came back, where). Words "change" as the engine compares them: tokens by their
keys, so quote style, case and number format (1000 / 1,000) are not a change. The app's tables and
the watcher's one line per change read these rules from here, once (through `reader.core`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reader.model import Article, Claim, Comparison

from ..text.normalize import Token, fold, tokenize

EVENTS = ("first", "new", "back", "same", "changed", "removed", "absent")
# first: told by the first version; new: first told by this one; back: told again after it was removed;
# same / changed: told by this one and the one before, in the same words or not; removed: told by the
# one before, not by this one; absent: told by neither.


def is_history(comparison: Comparison) -> bool:
    """Versions of one page in fetch order: every article has its fetch time, oldest first."""
    times = [a.fetched for a in comparison.articles]
    return len(times) > 1 and all(times) and times == sorted(times)


def time_labels(stamps: Sequence[str]) -> list[str]:
    """Fetch times (UTC, ISO 8601) as people read them, in local time: "5 Dec 14:12", with seconds where
    two share a minute, and the year where it is not this one. Column titles and tables say times so."""
    local = [datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone() for s in stamps]
    minutes = [t.strftime("%Y-%m-%d %H:%M") for t in local]
    seconds = len(set(minutes)) < len(minutes)
    this_year = datetime.now().astimezone().year
    out = []
    for t in local:
        day = f"{t.day} {t.strftime('%b')}" + (f" {t.year}" if t.year != this_year else "")
        out.append(f"{day} {t.strftime('%H:%M:%S' if seconds else '%H:%M')}")
    return out


def version_times(comparison: Comparison) -> list[str]:
    """Each version's fetch time as a label (time_labels); empty strings outside a history."""
    if not is_history(comparison):
        return [""] * len(comparison.articles)
    return time_labels([a.fetched for a in comparison.articles])


def claim_events(comparison: Comparison, claim: Claim) -> tuple[str, ...]:
    """What happened to `claim` in each version, against the version before (one of EVENTS)."""
    events: list[str] = []
    seen = False
    for a in range(len(comparison.articles)):
        here = a in claim.articles
        before = a > 0 and (a - 1) in claim.articles
        if not here:
            events.append("removed" if before else "absent")
        elif a == 0:
            events.append("first")
        elif not before:
            events.append("back" if seen else "new")
        else:
            events.append("same" if same_words(comparison, claim, a - 1, a) else "changed")
        seen = seen or here
    return tuple(events)


def same_words(comparison: Comparison, claim: Claim, one: int, other: int) -> bool:
    """Whether two versions tell the claim in the same words as the engine compares them: the claims timeline's
    `same`, and why a fact the one tells keeps its value in the other (`carried_span`)."""
    if _text(comparison, claim, one) == _text(comparison, claim, other):
        return True  # the same characters need no tokens (most claims, most versions)
    return [t.key for t in _tokens(comparison, claim, one)] == [t.key for t in _tokens(comparison, claim, other)]


def carried_span(
    comparison: Comparison, claim: Claim, source: int, target: int, start: int, end: int
) -> tuple[int, int] | None:
    """Where version `target` tells the words `start:end` of version `source` (a fact's), as the engine compares
    words: so the same fact with the same value ("12 prisoners" is "twelve prisoners", "1,000" is "1000"). Where
    both tell the claim in the same words (`same_words`, the claims timeline's `same`), at the same place; else
    where the target's claim has those words (the sentence reworded around them; told more than once, the one as
    far along the claim as in the source). None when it has them nowhere. Marks around the words (a quotation's)
    are kept, as many characters wide at most, within the sentence, where the target has marks there too: not the
    space before words it does not quote."""
    mine, theirs = _tokens(comparison, claim, source), _tokens(comparison, claim, target)
    inside = [k for k, t in enumerate(mine) if t.start < end and start < t.end]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    lead, trail = max(0, mine[first].start - start), max(0, end - mine[last].end)
    if not same_words(comparison, claim, source, target):
        keys = [t.key for t in mine[first : last + 1]]
        found = [k for k in range(len(theirs) - len(keys) + 1) if [t.key for t in theirs[k : k + len(keys)]] == keys]
        if not found:
            return None
        place = first / len(mine)  # told more than once: where the sentence tells it as far along as the source
        first = min(found, key=lambda k: abs(k / len(theirs) - place))
        last = first + len(keys) - 1
    article = comparison.articles[target]
    opening, closing = article.segment_at(theirs[first].start), article.segment_at(theirs[last].start)
    low = opening.start if opening else theirs[first].start
    high = closing.end if closing else theirs[last].end
    text, begin, stop = article.text, theirs[first].start, theirs[last].end
    while begin > max(low, theirs[first].start - lead) and _is_mark(text[begin - 1]):
        begin -= 1
    while stop < min(high, theirs[last].end + trail) and _is_mark(text[stop]):
        stop += 1
    return begin, stop


def _is_mark(char: str) -> bool:
    """A quotation mark or other punctuation around a fact's words (neither a word's letter nor a space)."""
    return not (char.isalnum() or char.isspace())


def value_changes(values: Sequence[str | None]) -> list[int]:
    """The versions where a fact's value differs from the version before: another value, no longer told, or told
    again (None: not told). Values as the model carries them (`Fact.value`: "12" and "twelve" are one value),
    never the words a version puts them in; the facts table of a history times its changes so."""
    return [a for a in range(1, len(values)) if not _same_or_untold(values[a], values[a - 1])]


def _same_or_untold(one: str | None, other: str | None) -> bool:
    return one is None and other is None or one is not None and other is not None and same_values(one, other)


def same_values(one: str, other: str) -> bool:
    """Whether two facts' values (`Fact.value`) say the same, as the engine compares facts: equal, or one number
    with what it counts and the same number alone ("12 prisoners" / "12": a small number in words, "twelve
    prisoners", carries its value alone, and the engine reads it as any count of twelve)."""
    a, b = fold(" ".join(one.split())), fold(" ".join(other.split()))
    if a == b:
        return True
    number_a, _, counts_a = a.partition(" ")
    number_b, _, counts_b = b.partition(" ")
    told_alone = not counts_a or not counts_b
    return told_alone and number_a == number_b and any(c.isdigit() for c in number_a)


def _text(comparison: Comparison, claim: Claim, article: int) -> list[str]:
    segments = comparison.articles[article].segments
    return [segments[s].text for s in claim.segments_of(article)]


def _tokens(comparison: Comparison, claim: Claim, article: int) -> list[Token]:
    """The claim's words in one version, as the engine compares them."""
    art = comparison.articles[article]
    return [t for s in claim.segments_of(article) for t in _segment_tokens(art.text, *_span(art, s))]


@functools.lru_cache(maxsize=4096)
def _segment_tokens(text: str, start: int, end: int) -> tuple[Token, ...]:
    """A sentence's words, read once: a facts table asks for the same claim's words for every fact and version
    (10 versions of 1,000 sentences: 0.25 s to build the table when each was read again, 0.11 s now)."""
    return tuple(tokenize(text, start, end))


def _span(article: Article, segment: int) -> tuple[int, int]:
    seg = article.segments[segment]
    return seg.start, seg.end


@dataclass(frozen=True)
class ChangeCounts:
    """What a new version changed against the one before it, in claims."""

    altered: int = 0  # a fact differs
    reworded: int = 0
    inserted: int = 0
    removed: int = 0

    def words(self) -> str:
        """ "2 claims altered, 1 inserted" (the first count names its unit), or what little changed."""
        parts = [
            (n, word)
            for n, word in (
                (self.altered, "altered"),
                (self.reworded, "reworded"),
                (self.inserted, "inserted"),
                (self.removed, "removed"),
            )
            if n
        ]
        if not parts:
            return "form only (punctuation, case, spacing)"
        (n, word), rest = parts[0], parts[1:]
        first = f"{n} claim{'s' if n != 1 else ''} {word}"
        return ", ".join([first, *(f"{n} {word}" for n, word in rest)])


def change_counts(comparison: Comparison, old: int = 0, new: int = 1) -> ChangeCounts:
    """Count the claims `new` alters, rewords, inserts and removes against `old`."""
    counts = dict.fromkeys(("altered", "reworded", "inserted", "removed"), 0)
    for claim in comparison.claims:
        told = set(claim.articles) & {old, new}
        if told == {new}:
            counts["inserted"] += 1
        elif told == {old}:
            counts["removed"] += 1
        elif told and claim.status in ("altered", "reworded"):
            counts[claim.status] += 1
    return ChangeCounts(**counts)


def event_times(comparison: Comparison, events: Sequence[str]) -> dict[str, list[int]]:
    """The versions at which each event happened, leaving out the uneventful (same, absent, first)."""
    found: dict[str, list[int]] = {}
    for a, event in enumerate(events):
        if event in ("new", "back", "changed", "removed"):
            found.setdefault(event, []).append(a)
    return found
