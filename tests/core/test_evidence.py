"""Evidence: the rare-word pair scores and each sentence's best match read off them."""

from __future__ import annotations

from bench.workload import versions
from reader.core.align.evidence import PairScores, pair_scores, term_bags
from reader.core.align.pairing import _best_matches
from reader.core.text.normalize import tokenize_spans
from reader.core.text.segment import split_sentences


def _bags(texts: list[str]):
    seen: dict = {}
    return term_bags([tokenize_spans(t, split_sentences(t, 0, len(t)), seen) for t in texts])


def test_best_matches_are_those_a_loop_over_the_scores_finds() -> None:
    """The best matches pair_scores reads off its arrays are the ones pairing finds by walking the scores
    (the highest cosine, a tie to the earlier sentence, in the order the sentences are first met), on
    close rewrites and on a version that tells two sentences twice (ties on both sides)."""
    twice = "Kyiv received Moscow's list of 1,000 prisoners. Peskov confirmed the transfer on Tuesday. "
    texts = [*versions(3, 60), twice * 2, twice + "Kyiv received Moscow's list of 1,000 prisoners."]
    bags = _bags(texts)
    compared = 0
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            scores = pair_scores(bags, a, b)
            if not scores:  # no rare word shared: nothing to match
                continue
            assert isinstance(scores, PairScores)
            slow = _best_matches(dict(scores))  # a plain dict: pairing walks it
            assert [list(side.items()) for side in scores.best] == [list(side.items()) for side in slow]
            compared += 1
    assert compared >= 4
    ties = pair_scores(bags, len(texts) - 2, len(texts) - 1)
    # a sentence told twice on the other side: its best match is the earlier telling, on both sides
    assert [ties.best[0][s][1] for s in (0, 2)] == [0, 0]
    assert [ties.best[1][s][1] for s in (0, 2)] == [0, 0]
