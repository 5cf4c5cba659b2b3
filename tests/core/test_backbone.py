"""The backbone: monotone alignment of two versions (backbone.py) and what the aligner makes of it."""

from __future__ import annotations

import pytest

from reader.core import compare_texts
from reader.core.align.backbone import Bead, best_beads, heaviest_chain

CHAINS = [
    ("empty", [], []),
    ("one pair", [(0, 0, 1.0)], [(0, 0)]),
    ("monotone pairs are all kept", [(0, 0, 1.0), (1, 1, 1.0), (2, 2, 1.0)], [(0, 0), (1, 1), (2, 2)]),
    ("a crossing pair loses to the two it crosses", [(0, 1, 1.0), (1, 0, 0.5), (2, 2, 1.0)], [(0, 1), (2, 2)]),
    ("a heavy crossing pair wins", [(0, 1, 3.0), (1, 0, 0.5), (2, 0, 0.5)], [(0, 1)]),
    ("one sentence pairs once", [(0, 0, 1.0), (0, 1, 0.9), (1, 1, 1.0)], [(0, 0), (1, 1)]),
    ("order of the input does not matter", [(2, 2, 1.0), (0, 0, 1.0), (1, 1, 1.0)], [(0, 0), (1, 1), (2, 2)]),
]


@pytest.mark.parametrize(("name", "pairs", "expected"), CHAINS, ids=[row[0] for row in CHAINS])
def test_heaviest_chain(name: str, pairs: list[tuple[int, int, float]], expected: list[tuple[int, int]]) -> None:
    assert heaviest_chain(pairs) == expected


def _table(sims: dict[tuple[int, int, int, int], float], bar: float = 0.2):
    """A gain function from a table of bead similarities (anything absent is unrelated)."""

    def gain(i: int, di: int, j: int, dj: int) -> tuple[float, float]:
        sim = sims.get((i, di, j, dj), 0.0)
        return sim - bar, sim

    return gain


BEADS = [
    ("identity", 3, 3, {(k, 1, k, 1): 0.9 for k in range(3)}, [(0, 1, 0, 1), (1, 1, 1, 1), (2, 1, 2, 1)]),
    ("an inserted sentence stays out", 2, 3, {(0, 1, 0, 1): 0.9, (1, 1, 2, 1): 0.9}, [(0, 1, 0, 1), (1, 1, 2, 1)]),
    ("1:2, one sentence split in two", 1, 2, {(0, 1, 0, 1): 0.5, (0, 1, 0, 2): 0.9}, [(0, 1, 0, 2)]),
    ("2:1, two sentences merged", 2, 1, {(0, 1, 0, 1): 0.5, (0, 2, 0, 1): 0.9}, [(0, 2, 0, 1)]),
    ("1:3", 1, 3, {(0, 1, 0, 3): 0.9}, [(0, 1, 0, 3)]),
    ("nothing alike: no bead", 2, 2, {}, []),
    ("an empty side", 0, 3, {}, []),
]


@pytest.mark.parametrize(("name", "rows", "cols", "sims", "expected"), BEADS, ids=[row[0] for row in BEADS])
def test_best_beads(name: str, rows: int, cols: int, sims: dict, expected: list[tuple[int, int, int, int]]) -> None:
    beads = best_beads(rows, cols, _table(sims))
    assert [(b.i, b.di, b.j, b.dj) for b in beads] == expected
    assert all(isinstance(b, Bead) for b in beads)


VERSES = [
    "Moses led the people out of Egypt across the sea to the mountain.",
    "On the mountain he received two tablets of stone from the cloud.",
    "The tablets were written with ten commandments for the tribes.",
    "Aaron made a golden calf while the people waited below.",
    "Moses broke the tablets when he saw the calf and the dancing.",
    "He climbed the mountain again and carved two new tablets.",
    "The tribes then set out north toward the river Jordan.",
    "At the river the priests carried the ark into the water first.",
]


def _claims(texts: list[str]) -> set[frozenset[tuple[int, int]]]:
    comparison = compare_texts(texts)
    return {frozenset((m.article, m.segment) for m in c.members) for c in comparison.claims}


def test_parallel_versions_give_the_identity() -> None:
    text = " ".join(VERSES)
    claims = _claims([text, text])
    assert claims == {frozenset({(0, k), (1, k)}) for k in range(len(VERSES))}


def test_one_moved_sentence_is_found_as_moved_and_nothing_else() -> None:
    moved = VERSES[:2] + VERSES[3:6] + [VERSES[2]] + VERSES[6:]
    comparison = compare_texts([" ".join(VERSES), " ".join(moved)])
    assert all(len(c.members) == 2 for c in comparison.claims)
    marked = [(mv.article, mv.segment, mv.from_segment) for c in comparison.claims for mv in c.moves]
    assert marked == [(1, 5, 2)]


def test_a_sentence_split_in_two_joins_one_claim() -> None:
    split = VERSES[:3] + ["Aaron made a golden calf.", "The people waited below."] + VERSES[4:]
    comparison = compare_texts([" ".join(VERSES), " ".join(split)])
    assert comparison.claim_of(0, 3).segments_of(1) == (3, 4)
    merged = compare_texts([" ".join(split), " ".join(VERSES)])
    assert merged.claim_of(1, 3).segments_of(0) == (3, 4)


def test_an_inserted_paragraph_stays_unmatched() -> None:
    inserted = "Meanwhile in Rome the senate debated grain prices. Traders complained about tariffs."
    first = " ".join(VERSES[:4]) + "\n\n" + " ".join(VERSES[4:])
    second = " ".join(VERSES[:4]) + "\n\n" + inserted + "\n\n" + " ".join(VERSES[4:])
    comparison = compare_texts([first, second])
    for s in (4, 5):
        assert comparison.claim_of(1, s).status == "unique"
    assert all(len(comparison.claim_of(0, s).members) == 2 for s in range(len(VERSES)))


@pytest.mark.parametrize(
    "texts",
    [["Only one sentence here.", " ".join(VERSES)], [" ".join(VERSES), "Only one sentence here."]],
    ids=["short first", "short second"],
)
def test_a_one_sentence_version_aligns_without_error(texts: list[str]) -> None:
    comparison = compare_texts(texts)
    assert sum(len(c.members) for c in comparison.claims) == 1 + len(VERSES)
