"""A workload generator for the engine benchmark: N close rewrites of one long story.

Deterministic (seeded). Each version rewrites the base: words substituted,
sentences dropped, added, moved and merged, as editors do between versions.
"""

from __future__ import annotations

import random

# A longer story uses more distinct words (Heaps' law); about four new words a
# sentence matches news prose of this length.
VOCABULARY_PER_SENTENCE = 4
_SYLLABLES = "ka lo mi ra tu sen vor da pel ni os ter ul gan bri sto fa ze".split()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _zipf_weights(size: int) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, size + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return cumulative


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    return list(dict.fromkeys(_word(rng) for _ in range(size * 2)))[:size]


def _sentence(rng: random.Random, vocab: list[str]) -> list[str]:
    # Zipf's law, as in prose: a few glue words very often, most words rarely
    words = rng.choices(vocab, cum_weights=_zipf_weights(len(vocab)), k=rng.randint(8, 24))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 9)},{rng.randint(100, 999)}")
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), _word(rng).capitalize())
    return words


def _render(sentences: list[list[str]]) -> str:
    paragraphs, current = [], []
    for words in sentences:
        current.append(" ".join(words).capitalize() + ".")
        if len(current) == 4:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) + "\n"


def versions(count: int = 10, sentences: int = 1000, seed: int = 7) -> list[str]:
    """`count` texts of about `sentences` sentences each, close rewrites of one another."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, VOCABULARY_PER_SENTENCE * sentences)
    base = [_sentence(rng, vocab) for _ in range(sentences)]
    texts = [_render(base)]
    for _ in range(count - 1):
        story: list[list[str]] = []
        for words in base:
            roll = rng.random()
            if roll < 0.04:
                continue  # dropped
            words = [vocab[rng.randrange(len(vocab))] if rng.random() < 0.12 else w for w in words]
            if roll < 0.08:
                story.append(_sentence(rng, vocab))  # a sentence only this version has
            if roll > 0.97 and story:
                story[-1] = story[-1] + words  # merged into the one before
                continue
            story.append(words)
        for _ in range(len(story) // 50):  # a few moves
            i, j = rng.randrange(len(story)), rng.randrange(len(story))
            story.insert(j, story.pop(i))
        texts.append(_render(story[:sentences]))
    return texts
