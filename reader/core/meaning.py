"""Meaning: a vector per sentence, so a pair that shares words but not sense can be told apart.

Rare shared words are strong evidence of a match, but not proof: "every scenario"
and "every time we sit down" share a rare word and nothing else. WordLlama's
static token embeddings (the weights and tokenizer ship inside its wheel, so
nothing is downloaded; the tokenizer's vocabulary covers Latin, Cyrillic and
other scripts) give each sentence a vector by averaging its tokens'. The vectors
of one comparison are centred on their mean, so the topic that every sentence
shares counts for nothing: what is left is what a sentence says beyond it.

The files are read with `tokenizers` and `safetensors` directly: importing the
`wordllama` package itself would pull in pydantic and cost more start-up time
than the whole comparison of a corpus.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Tokenizer

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
SHRINK = 20  # the mean of a few sentences is their meaning, not their topic: centre less


def model_files() -> tuple[Path, Path]:
    """Where the installed wordllama wheel keeps its embedding weights and tokenizer."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordllama package is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    return root / WEIGHTS, root / TOKENIZER


@functools.cache
def _model() -> tuple[np.ndarray, Tokenizer]:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    weights, tokenizer_file = model_files()
    table = load_file(str(weights))["embedding.weight"]
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    # this tokenizer has no pre-tokenizer, so its cache would keep every whole sentence it has
    # seen (tens of MB on a large comparison) for sentences that rarely come twice
    resize = getattr(tokenizer.model, "_resize_cache", None)
    if resize is not None:
        resize(0)
    return table, tokenizer


def sentence_vectors(articles: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """Unit vectors of every sentence of every article, centred on the comparison's mean.

    Versions of one story repeat many sentences word for word, and every sentence repeats
    words: each distinct sentence is averaged once, each distinct word tokenised once."""
    import numpy as np

    sentences = [s for art in articles for s in art]
    distinct = list(dict.fromkeys(sentences))
    row_of = {s: n for n, s in enumerate(distinct)}
    table, tokenizer = _model()
    means = np.zeros((len(distinct), table.shape[1]), dtype=np.float32)
    flat, lengths = _TokenIds(tokenizer).of(distinct)
    _average_tokens(table, flat, lengths, means)
    vectors = means[[row_of[s] for s in sentences]] if sentences else means
    to_unit_length(vectors)
    if len(sentences):
        vectors -= vectors.mean(axis=0) * (len(sentences) / (len(sentences) + SHRINK))
        to_unit_length(vectors)
    out, start = [], 0
    for art in articles:
        out.append(vectors[start : start + len(art)])
        start += len(art)
    return out


# Where the tokenizer's text splits into pieces no merge crosses: a space after a non-space.
# Its normaliser writes each space as "▁" (and one before the text), and no token of its
# vocabulary holds a "▁" after another character, so "▁word" pieces are tokenised alike
# alone or in their sentence: each distinct piece is tokenised once.
_PIECE = re.compile(r"(?<=[^ ]) ")
_SPACE_MARK = "\u2581"


class _TokenIds:
    """The tokenizer's ids of sentences, read piece by piece with a cache of the pieces seen."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        # the same ids; the fast call (tokenizers >= 0.20) skips the character offsets, which are not used
        self.encode = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)
        self.known: dict[str, list[int]] = {}

    def of(self, sentences: Sequence[str]) -> tuple[list[int], list[int]]:
        """Every sentence's ids, one after another, and how many each sentence has."""
        pieces = [self._pieces(s) for s in sentences]
        known = self.known
        new = [p for p in dict.fromkeys(chain.from_iterable(pieces)) if p not in known]
        if new:
            known.update(zip(new, (enc.ids for enc in self.encode(new, add_special_tokens=False)), strict=True))
        flat: list[int] = []
        lengths = []
        for parts in pieces:
            before = len(flat)
            for part in parts:
                flat += known[part]
            lengths.append(len(flat) - before)
        return flat, lengths

    @staticmethod
    def _pieces(sentence: str) -> list[str]:
        if not sentence.strip(" ") or sentence.endswith(" ") or _SPACE_MARK in sentence:
            return [sentence]  # no word, a space at the end, or the tokenizer's own mark: read whole
        return _PIECE.split(sentence) if "  " in sentence or sentence.startswith(" ") else sentence.split(" ")


def _average_tokens(table: np.ndarray, flat: list[int], lengths: list[int], out: np.ndarray) -> None:
    """Each sentence's mean token vector into its row of `out` (no tokens: the row stays zero), for
    all sentences at once: longest first, the k-th token vectors of every sentence that has k
    tokens are added in one step, in float32 (the table is float16), then each sum is divided by
    its count: the very sums and quotients `mean` makes, without a numpy call per sentence."""
    import numpy as np

    counts = np.array(lengths, dtype=np.intp)
    order = np.argsort(-counts, kind="stable")
    rows = order[: np.count_nonzero(counts)]
    if not len(rows):
        return
    # the rows of the table these sentences use, in float32 once (not once per use)
    used, ids = np.unique(np.array(flat, dtype=np.intp), return_inverse=True)
    vectors = table[used].astype(np.float32)
    starts = (np.cumsum(counts) - counts)[rows]
    longest = counts[rows]
    sums = np.zeros((len(rows), table.shape[1]), dtype=np.float32)
    having = len(rows)  # how many sentences have more than k tokens: a prefix, longest first
    for k in range(int(longest[0])):
        while longest[having - 1] <= k:
            having -= 1
        sums[:having] += vectors[ids[starts[:having] + k]]
    out[rows] = np.true_divide(sums, longest[:, None], out=sums, casting="unsafe")


def to_unit_length(vectors: np.ndarray) -> None:
    """Scale each row to length 1 in place (a row of zeros, from a sentence with no tokens, stays)."""
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms > 0, norms, 1.0)


class Meaning:
    """How close in meaning the sentences of one article are to those of another (-1 to 1)."""

    def __init__(self, mine: np.ndarray, theirs: np.ndarray) -> None:
        self.mine, self.theirs = mine, theirs

    def of(self, i: int, j: int) -> float:
        return float(self.mine[i] @ self.theirs[j])
