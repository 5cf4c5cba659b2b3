"""Common words: the grammar of a language, told apart from its content without a word list.

The meaning model's tokenizer (`meaning.py`, a byte-pair vocabulary learned from
text in many languages) merged the most frequent words first, so a word that is
one token of a low rank is a common word: "the", "so", "they", "made", "und",
"der", "les" rank below 1,000, "history" near 5,000, "personnel" at 24,000, and
"checkpoints" is no single token at all. Counting words inside one comparison
cannot tell this on a short text, where every word is rare.
"""

from __future__ import annotations

import functools

COMMON_RANK = 3000  # a single token ranked below this is a common word ("tell" 2649, "history" 4955)


@functools.cache
def common_word(word: str) -> bool:
    """Whether a (lower-case) word is one of the most frequent words of the model's languages. Each word
    is looked up once in the tokenizer the meaning vectors already load (not through a copy of its
    whole vocabulary as a dict: 11 ms, a twentieth of a short comparison)."""
    from reader.core.align.meaning import _tokenizer

    rank = _tokenizer().token_to_id("▁" + word)
    return rank is not None and rank < COMMON_RANK
