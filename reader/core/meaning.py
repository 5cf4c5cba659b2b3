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
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Tokenizer

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
BATCH = 1000  # sentences tokenised at once: bounds the memory the tokenizer's results take
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

    Versions of one story repeat many sentences word for word: each distinct sentence is
    read once."""
    import numpy as np

    sentences = [s for art in articles for s in art]
    distinct = list(dict.fromkeys(sentences))
    row_of = {s: n for n, s in enumerate(distinct)}
    table, tokenizer = _model()
    means = np.zeros((len(distinct), table.shape[1]), dtype=np.float32)
    # the same ids; the fast call (tokenizers >= 0.20) skips the character offsets, which are not used
    encode = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)
    for start in range(0, len(distinct), BATCH):
        encoded = encode(distinct[start : start + BATCH], add_special_tokens=False)
        _average_tokens(table, [enc.ids for enc in encoded], means[start : start + BATCH])
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


def _average_tokens(table: np.ndarray, ids: list[list[int]], out: np.ndarray) -> None:
    """Each sentence's mean token vector into its row of `out` (no tokens: the row stays zero).
    Sentences of one length are averaged together, one numpy call for each length, not each
    sentence; the table is float16: the average is taken in float32."""
    import numpy as np

    by_length: dict[int, list[int]] = {}
    for n, row in enumerate(ids):
        if row:
            by_length.setdefault(len(row), []).append(n)
    for rows in by_length.values():
        out[rows] = table[np.array([ids[n] for n in rows])].mean(axis=1, dtype=np.float32)


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
