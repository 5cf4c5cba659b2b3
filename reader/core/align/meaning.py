"""Meaning: a vector per sentence, so a pair that shares words but not sense can be told apart.

Rare shared words are strong evidence of a match, but not proof: "every scenario"
and "every time we sit down" share a rare word and nothing else. WordLlama's
static token embeddings (the weights and tokenizer ship inside its wheel, so
nothing is downloaded; the tokenizer's vocabulary covers Latin, Cyrillic and
other scripts) give each sentence a vector by averaging its tokens'. The vectors
of one comparison are centred on their mean, so the topic that every sentence
shares counts for nothing: what is left is what a sentence says beyond it.

The files are read with `tokenizers` and numpy directly: importing the
`wordllama` package itself would pull in pydantic and cost more start-up time
than the whole comparison of a corpus.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import re
import struct
from array import array
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Tokenizer

WEIGHTS = "weights/l2_supercat_256.safetensors"
TENSOR = "embedding.weight"  # the table in that file
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
SHRINK = 20  # the mean of a few sentences is their meaning, not their topic: centre less
SENTENCES_AT_ONCE = 2000  # sentences cut into words at once
ROWS_AT_ONCE = 4096  # sentences whose token vectors are added in one step


def model_files() -> tuple[Path, Path]:
    """Where the installed wordllama wheel keeps its embedding weights and tokenizer."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordllama package is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    return root / WEIGHTS, root / TOKENIZER


@functools.cache
def _tokenizer() -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_files()[1]))
    # this tokenizer has no pre-tokenizer, so its cache would keep every whole sentence it has
    # seen (tens of MB on a large comparison) for sentences that rarely come twice
    resize = getattr(tokenizer.model, "_resize_cache", None)
    if resize is not None:
        resize(0)
    return tokenizer


def _table() -> np.ndarray:
    """The token embeddings (16 MB, read in a few ms): not kept between comparisons, so the memory
    of what follows the vectors (alignment, report) does not carry them. Read straight into one
    array from the safetensors file (an 8-byte header length, a JSON header, the raw tensor):
    the library's load_file holds the file's bytes and the array at once, twice the memory."""
    import numpy as np

    with model_files()[0].open("rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))[TENSOR]
        start, end = header["data_offsets"]
        if header["dtype"] != "F16" or len(header["shape"]) != 2 or end - start != 2 * math.prod(header["shape"]):
            raise RuntimeError(f"unexpected embedding table in the wordllama wheel: {header}")
        f.seek(8 + size + start)
        return np.fromfile(f, dtype="<f2", count=math.prod(header["shape"])).reshape(header["shape"])


def sentence_vectors(articles: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """Unit vectors of every sentence of every article, centred on the comparison's mean.

    Versions of one story repeat many sentences word for word, and every sentence repeats
    words: each distinct sentence is averaged once, each distinct word tokenised once."""
    import numpy as np

    sentences = [s for art in articles for s in art]
    distinct = list(dict.fromkeys(sentences))
    row_of = {s: n for n, s in enumerate(distinct)}
    flat, lengths = _TokenIds(_tokenizer()).of(distinct)
    # the rows of the table these sentences use, in float32 once (not once per use); the whole
    # table (16 MB) is let go at once
    used, ids = _used_rows(np.frombuffer(flat, dtype=np.int32))
    del flat
    means, row = _average_tokens(_table()[used].astype(np.float32), ids, lengths)
    vectors = means[row[[row_of[s] for s in sentences]]] if sentences else means[:0]
    del means
    to_unit_length(vectors)
    if len(sentences):
        vectors -= vectors.mean(axis=0) * (len(sentences) / (len(sentences) + SHRINK))
        to_unit_length(vectors)
    out, start = [], 0
    for art in articles:
        out.append(vectors[start : start + len(art)])
        start += len(art)
    return out


def _used_rows(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ids, in order, and each id's place among them: np.unique(ids, return_inverse=True),
    by counting each id of the vocabulary rather than sorting half a million of them (25 -> 2 ms)."""
    import numpy as np

    used = np.flatnonzero(np.bincount(ids))
    place = np.zeros(int(used[-1]) + 1 if len(used) else 0, dtype=np.intp)
    place[used] = np.arange(len(used))
    return used, place[ids]


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
        self.known: dict[str, array[int]] = {}

    def of(self, sentences: Sequence[str]) -> tuple[array[int], list[int]]:
        """Every sentence's ids, one after another (4 bytes each), and how many each sentence has."""
        known = self.known
        flat = array("i")
        lengths = []
        for start in range(0, len(sentences), SENTENCES_AT_ONCE):  # bounds the pieces held at once
            pieces = [self._pieces(s) for s in sentences[start : start + SENTENCES_AT_ONCE]]
            new = [p for p in dict.fromkeys(chain.from_iterable(pieces)) if p not in known]
            if new:
                encoded = self.encode(new, add_special_tokens=False)
                known.update(zip(new, (array("i", enc.ids) for enc in encoded), strict=True))
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


def _average_tokens(vectors: np.ndarray, ids: np.ndarray, lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's mean token vector, for all sentences at once (`ids`: their tokens' rows of
    `vectors`, one sentence after another; `lengths`: how many each has): longest first, the k-th
    token vectors of every sentence that has k tokens are added in one step, then each sum is
    divided by its count: the very float32 sums and quotients `mean` makes of the float16 table,
    without a numpy call per sentence. Returns the means (longest sentence first, then a row of
    zeros for sentences without tokens) and each sentence's row among them."""
    import numpy as np

    counts = np.array(lengths, dtype=np.intp)
    order = np.argsort(-counts, kind="stable")
    having = int(np.count_nonzero(counts))  # how many sentences have more than k tokens: a prefix, longest first
    row = np.empty(len(counts), dtype=np.intp)
    row[order] = np.minimum(np.arange(len(counts)), having)  # no token: the row of zeros after the means
    sums = np.zeros((having + 1, vectors.shape[1]), dtype=np.float32)
    if not having:
        return sums, row
    longest = counts[order[:having]]
    starts = (np.cumsum(counts) - counts)[order[:having]]
    for block in range(0, having, ROWS_AT_ONCE):  # bounds the k-th token vectors gathered at once
        end = min(block + ROWS_AT_ONCE, having)
        for k in range(int(longest[block])):
            while longest[end - 1] <= k:
                end -= 1
            sums[block:end] += vectors[ids[starts[block:end] + k]]
    having = len(longest)
    np.true_divide(sums[:having], longest[:, None], out=sums[:having], casting="unsafe")
    return sums, row


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
        # ndarray.dot: the inner product `@` computes (BLAS's sdot for both), without the ufunc
        # machinery of matmul: half the time, and the pairing asks tens of thousands of times
        return float(self.mine[i].dot(self.theirs[j]))
