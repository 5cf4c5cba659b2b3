"""Meaning vectors, and the rule that no pair is made against them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reader.core import compare_versions
from reader.core.align import pairing
from reader.core.align.meaning import Meaning, _TokenIds, _tokenizer, _used_rows, model_files, sentence_vectors
from reader.model.comparison import Comparison

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "prisoner-exchange"
STORY = [
    "Moscow and Kyiv exchanged 390 prisoners on Friday near the Belarusian border.",
    "The swap was mediated by the United Arab Emirates.",
    "Families gathered in Chernihiv to greet the returning soldiers.",
    "Heavy rain flooded the harbour and damaged the grain terminals.",
    "Farmers expect a poor wheat harvest after the dry summer.",
    "The central bank left its interest rate unchanged on Thursday.",
]


def test_the_model_ships_inside_the_installed_wheel() -> None:
    for path in model_files():
        assert path.is_file(), f"{path} is missing: nothing may be downloaded at run time"


def test_vectors_are_unit_length_and_one_per_sentence() -> None:
    vectors = sentence_vectors([STORY[:4], STORY[4:], []])
    assert [v.shape[0] for v in vectors] == [4, 2, 0]
    assert np.allclose(np.linalg.norm(np.vstack(vectors[:2]), axis=1), 1.0, atol=1e-5)


def test_vectors_are_deterministic() -> None:
    first, second = sentence_vectors([STORY]), sentence_vectors([STORY])
    assert np.array_equal(first[0], second[0])


def test_sentences_read_piece_by_piece_get_the_ids_of_the_whole_sentence() -> None:
    """Each distinct word is tokenised once; the ids must be those the tokenizer gives the sentence."""
    tokenizer = _tokenizer()
    sentences = [
        *STORY,
        "Two  spaces,   three, and\ta tab.",
        "  a lead space",
        "a trailing space ",
        " ",
        "",
        "Die Stra\u00dfe \u00fcber Kiew \u2014 12\u202f000 \u00abQuote\u00bb \U0001f642 ok",
        "the tokenizer's own mark \u2581 inside",
        *STORY,
    ]
    flat, lengths = _TokenIds(tokenizer).of(sentences)
    assert sum(lengths) == len(flat)
    at = 0
    for sentence, n in zip(sentences, lengths, strict=True):
        assert list(flat[at : at + n]) == tokenizer.encode(sentence, add_special_tokens=False).ids, sentence
        at += n


def test_text_without_words_still_gets_a_vector() -> None:
    vectors = sentence_vectors([["…", "🙂🙂"], ["—"]])
    assert all(np.isfinite(v).all() for v in vectors)


@pytest.mark.parametrize(
    ("sentence", "rewording", "unrelated"),
    [
        (
            "The counterpart list from Kyiv has not been received yet.",
            "Kyiv has yet to respond to the list.",
            "Human rights groups called for transparency.",
        ),
        (
            "Die Liste aus Kiew ist noch nicht eingegangen.",
            "Kiew hat auf die Liste noch nicht geantwortet.",
            "Menschenrechtsgruppen fordern Transparenz.",
        ),
        (
            "Список від Києва ще не отримано.",
            "Київ досі не відповів на список.",
            "Правозахисники закликали до прозорості.",
        ),
    ],
)
def test_a_rewording_is_closer_than_an_unrelated_sentence(sentence: str, rewording: str, unrelated: str) -> None:
    mine, theirs = sentence_vectors([[sentence, *STORY], [rewording, unrelated]])
    meaning = Meaning(mine, theirs)
    assert meaning.of(0, 0) > meaning.of(0, 1)


def test_pairs_against_meaning_are_refused() -> None:
    scores = {(0, 0): (0.6, 0.6), (1, 1): (0.6, 0.6)}
    paragraphs = ([0, 1], [0, 1])

    class Apart:
        def of(self, i: int, j: int) -> float:
            return 0.5 if (i, j) == (0, 0) else -0.5

    paired = {(i, j) for i, j, _, _ in pairing.pair_edges(scores, paragraphs, meaning=Apart())}
    assert paired == {(0, 0)}
    assert {(i, j) for i, j, _, _ in pairing.pair_edges(scores, paragraphs)} == {(0, 0), (1, 1)}


def _segment_with(comparison: Comparison, article: int, words: str) -> int:
    art = comparison.articles[article]
    return next(s.index for s in art.segments if words in art.text[s.start : s.end])


def test_shared_words_without_shared_meaning_do_not_weld_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    """Version 4's formula sentence ("which follows months of stalled negotiations") shares a rare
    word with version 3's "following a presidential directive", and nothing else: it stays out of
    that claim."""
    files = [str(CORPUS / "3-muradov-step-by-step-plan.txt"), str(CORPUS / "4-muradov-plan-finalized.txt")]

    def formula_claim() -> tuple[tuple[int, int], ...]:
        comparison = compare_versions(files)
        formula = _segment_with(comparison, 1, "operates under a")
        return tuple((m.article, m.segment) for m in comparison.claim_of(1, formula).members)

    assert all(article == 1 for article, _ in formula_claim())
    monkeypatch.setattr(pairing, "APART", -2.0)  # without the rule, the claims weld
    assert any(article == 0 for article, _ in formula_claim())


def test_used_rows_are_the_distinct_ids_and_each_ids_place_as_unique_gives_them() -> None:
    ids = np.array([5, 5, 0, 31999, 7, 0], dtype=np.int32)
    for sample in (ids, ids[:0]):
        used, place = _used_rows(sample)
        expected_used, expected_place = np.unique(sample, return_inverse=True)
        assert used.tolist() == expected_used.tolist() and place.tolist() == expected_place.tolist()
