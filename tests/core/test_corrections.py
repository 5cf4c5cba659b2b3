"""Corrections over a comparison: the model stays whole (every sentence in one claim, indexes in order),
only touched claims change, and applying one by one equals applying all at once."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import compare_texts, compare_versions
from reader.core.corrections import apply as corrections
from reader.model.comparison import Comparison
from tests.ui.conftest import BRIDGE, long_story

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "prisoner-exchange"
# the corpus brings cosmetic changes and citations, which corrections renumber too
COMPARISONS = [
    compare_texts(BRIDGE),
    compare_texts([long_story(25, v) for v in range(3)]),
    compare_versions([str(CORPUS)]),
]


def members(comp: Comparison) -> list[tuple[tuple[int, int], ...]]:
    return [tuple((m.article, m.segment) for m in c.members) for c in comp.claims]


def assert_whole(comp: Comparison) -> None:
    seen = sorted(m for group in members(comp) for m in group)
    assert seen == sorted((a.index, s.index) for a in comp.articles for s in a.segments)
    assert [c.index for c in comp.claims] == list(range(len(comp.claims)))
    assert all(members(comp)), "no empty claim"
    for item in (*comp.changes, *comp.details, *comp.cosmetic):
        claim = comp.claims[item.claim]
        assert item.article in claim.articles
    for citation in comp.sources:
        segment = comp.articles[citation.article].segment_at(citation.start)
        assert comp.claim_of(citation.article, segment.index).index == citation.claim
    for claim in comp.claims:
        assert (claim.status == "unique") == (len(claim.articles) == 1)


def pick(comp: Comparison, draw_index: int) -> tuple[int, int]:
    every = [(a.index, s.index) for a in comp.articles for s in a.segments]
    return every[draw_index % len(every)]


moves = st.lists(st.tuples(st.booleans(), st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None)
@given(which=st.sampled_from(range(len(COMPARISONS))), steps=moves)
def test_any_sequence_keeps_the_model_whole_and_one_by_one_equals_all_at_once(which, steps):
    original = comp = COMPARISONS[which]
    made = []
    for is_pair, i, j in steps:
        a, s = pick(comp, i)
        if is_pair:
            b, t = pick(comp, j)
            if b == a:
                continue
            fix = corrections.pair(comp, a, s, b, t)
        else:
            fix = corrections.unpair(comp, a, s)
        result = corrections.apply(comp, [fix])
        assert_whole(result.comparison)
        if result.applied:
            made.append(fix)
            untouched = {g for g in members(comp) if g in set(members(result.comparison))}
            for claim in result.comparison.claims:
                group = tuple((m.article, m.segment) for m in claim.members)
                assert claim.corrected or group in untouched
        comp = result.comparison
    assert len(comp.sources) == len(original.sources)
    at_once = corrections.apply(original, made)
    assert at_once.applied == tuple(made)
    assert sorted(members(at_once.comparison)) == sorted(members(comp))


def test_untouched_claims_keep_their_changes_and_details():
    comp = COMPARISONS[0]
    result = corrections.apply(comp, [corrections.unpair(comp, 0, 1)])
    new = result.comparison
    for claim in comp.claims:
        if 0 not in claim.articles or claim.segments_of(0) != (1,):
            moved_to = new.claim_of(*(claim.members[0].article, claim.members[0].segment))
            if not moved_to.corrected:
                strip = lambda items: [(i.article, i.start, i.end, i.text) for i in items]  # noqa: E731
                assert strip(new.changes_in(moved_to.index)) == strip(comp.changes_in(claim.index))
                assert strip(new.details_in(moved_to.index)) == strip(comp.details_in(claim.index))


def test_a_reference_to_text_that_moved_finds_it_and_to_text_that_is_gone_is_a_note():
    comp = COMPARISONS[0]
    fix = corrections.unpair(comp, 0, 1)
    shifted = corrections.Correction("unpair", corrections.SentenceRef(fix.sentence.version, 4, fix.sentence.text))
    assert corrections.apply(comp, [shifted]).applied == (shifted,)
    gone = corrections.Correction("unpair", corrections.SentenceRef(fix.sentence.version, 1, "Not in it."))
    result = corrections.apply(comp, [gone])
    assert result.applied == () and result.notes[0].startswith("dropped a correction")
    assert members(result.comparison) == members(comp)


def test_two_thousand_stale_corrections_are_one_note_and_cost_one_look_up_each():
    comp = COMPARISONS[2]  # the corpus story: every stale reference used to scan all of its version's sentences
    version = corrections.version_hash(comp.articles[0])
    stale = [corrections.Correction("unpair", corrections.SentenceRef(version, n, f"gone {n}")) for n in range(2000)]
    start = time.perf_counter()
    result = corrections.apply(comp, [*stale, corrections.unpair(comp, 0, 1)])
    elapsed = time.perf_counter() - start
    assert len(result.applied) == 1
    assert result.notes == (
        "dropped 2,000 corrections that no longer fit these texts (the first: “gone 0” is no longer in its version)",
    )
    assert elapsed < 1.0, f"{elapsed:.2f} s"


def _first_base_sentences(comp: Comparison) -> list[int]:
    """Each claim's first sentence of the base, in the claims' order (claims the base lacks left out)."""
    return [c.segments_of(comp.base)[0] for c in comp.claims if comp.base in c.articles]


def test_a_correction_keeps_the_base_in_its_reading_order():
    """Issue 21: a base sentence re-paired into a later claim, then un-paired, stood amid other claims
    (Langley's quotation split by a sentence from the end of the article)."""
    comp = compare_versions([str(CORPUS)])
    assert _first_base_sentences(comp) == sorted(_first_base_sentences(comp))
    base = comp.base
    late = next(c for c in reversed(comp.claims) if base in c.articles and len(c.articles) > 1)
    other = next(a for a in late.articles if a != base)
    early = next(c for c in comp.claims if base in c.articles and c.index < late.index - 3)
    first = early.segments_of(base)[0]
    paired = corrections.pair(comp, base, first, other, late.segments_of(other)[0])
    after_pair = corrections.apply(comp, [paired]).comparison
    assert _first_base_sentences(after_pair) == sorted(_first_base_sentences(after_pair))
    unpaired = corrections.unpair(after_pair, base, first)
    after_both = corrections.apply(comp, [paired, unpaired]).comparison
    assert _first_base_sentences(after_both) == sorted(_first_base_sentences(after_both))
    assert_whole(after_both)
