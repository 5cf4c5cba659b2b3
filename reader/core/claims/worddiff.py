"""Word diff: the edits between two token sequences, tidied for people to read.

A plain edit script scatters a rewording into shreds ("**the** plan **to**"):
short runs of shared glue words between two edits are folded into one edit,
the way diff-match-patch's semantic clean-up does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GLUE_MAX = 2  # shared runs this short fold into the edits around them ...
GLUE_SHARE = 0.5  # ... when no longer than this share of the larger neighbouring edit


@dataclass(frozen=True, slots=True)
class Edit:
    """Tokens mine[start:end] stand where theirs[their_start:their_end] stand (either may be empty)."""

    start: int
    end: int
    their_start: int
    their_end: int

    @property
    def kind(self) -> str:
        if self.start == self.end:
            return "deleted"
        return "inserted" if self.their_start == self.their_end else "replaced"

    @property
    def size(self) -> int:
        return max(self.end - self.start, self.their_end - self.their_start)


def edits(mine: Sequence[str], theirs: Sequence[str]) -> list[Edit]:
    """The edits that turn theirs into mine, in order, shared glue folded in."""
    blocks = _blocks(mine, theirs)
    changed = True
    while changed:
        changed = False
        for k in range(1, len(blocks) - 1):
            equal, i1, i2, _, _ = blocks[k]
            before, after = blocks[k - 1], blocks[k + 1]
            if not equal or before[0] or after[0]:
                continue
            largest = max(_size(before), _size(after))
            if i2 - i1 <= GLUE_MAX and i2 - i1 <= largest * GLUE_SHARE:
                blocks[k - 1 : k + 2] = [(False, before[1], after[2], before[3], after[4])]
                changed = True
                break
    return [Edit(i1, i2, j1, j2) for equal, i1, i2, j1, j2 in blocks if not equal]


def slots(mine: Sequence[str], theirs: Sequence[str]) -> list[Edit]:
    """The replaced runs of a plain edit script, no glue folded in: where each side puts other words in one
    place ("from **Xi'an** to" / "from **Xianyang Airport, in Xianyang** to"), the slots that a long
    tidied edit hides."""
    return [
        Edit(i1, i2, j1, j2) for equal, i1, i2, j1, j2 in _blocks(mine, theirs) if not equal and i2 > i1 and j2 > j1
    ]


def _blocks(mine: Sequence[str], theirs: Sequence[str]) -> list[tuple[bool, int, int, int, int]]:
    """The plain edit script as (equal?, i1, i2, j1, j2) blocks, each run of changes merged into one."""
    from rapidfuzz.distance import Levenshtein  # loaded on first use: the app paints before it needs it

    blocks: list[tuple[bool, int, int, int, int]] = []
    for op in Levenshtein.opcodes(list(mine), list(theirs)):
        equal = op.tag == "equal"
        if blocks and not equal and not blocks[-1][0]:
            _, i1, _, j1, _ = blocks[-1]
            blocks[-1] = (False, i1, op.src_end, j1, op.dest_end)
        else:
            blocks.append((equal, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return blocks


def _size(block: tuple[bool, int, int, int, int]) -> int:
    return max(block[2] - block[1], block[4] - block[3])
