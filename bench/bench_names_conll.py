"""The name rule alone, measured on public named-entity annotations of news (CoNLL-2003 English).

    uv run python bench/bench_names_conll.py PATH/eng.testb [--show N]

The file is not in the repository: CoNLL-2003's English test set (Reuters news, 231 documents, every
person, place, organisation and other name marked by annotators) is held by several public repositories,
e.g. allanj/StatNLP-Projects at commit 9b2a8f2, data/conll2003/eng.testb. Each document's tokens are put
back into running text (no space before punctuation), read as one version, and every name the engine
reads (a `name` fact, or the name a source cites) is compared with the marked entities: exact spans
(precision, recall) and any overlap; per entity type, the share of marked entities the rule finds.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.core import Source, read_article  # noqa: E402
from reader.core.claims.compare import claim_context  # noqa: E402

NO_SPACE_BEFORE = {",", ".", ":", ";", "'s", "'", ")", "?", "!", "n't", "%"}
NO_SPACE_AFTER = {"(", "$"}


def documents(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents, each a list of sentences of (token, entity tag)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentence and docs:
                docs[-1].append(sentence)
            sentence = []
            continue
        if parts[0] == "-DOCSTART-":
            docs.append([])
            continue
        sentence.append((parts[0], parts[-1]))
    if sentence and docs:
        docs[-1].append(sentence)
    return [d for d in docs if d]


def running_text(doc: list[list[tuple[str, str]]]) -> tuple[str, list[tuple[int, int, str]]]:
    """The document as text, one sentence a line, and its entities as (start, end, type) character spans."""
    text = ""
    entities: list[tuple[int, int, str]] = []
    for sentence in doc:
        if text:
            text += "\n"
        open_entity: list | None = None
        quotes = 0
        for k, (token, tag) in enumerate(sentence):
            glue = k == 0 or token in NO_SPACE_BEFORE or sentence[k - 1][0] in NO_SPACE_AFTER
            if token == '"':
                quotes += 1
                glue = k == 0 or quotes % 2 == 0  # a closing mark sticks to the word before it
            elif k and sentence[k - 1][0] == '"' and quotes % 2 == 1:
                glue = True  # an opening mark sticks to the word after it
            if not glue:
                text += " "
            start = len(text)
            text += token
            kind = tag[2:] if tag != "O" else ""
            begins = tag.startswith("B-") or (open_entity is not None and open_entity[2] != kind)
            if open_entity is not None and (not kind or begins):
                entities.append(tuple(open_entity))
                open_entity = None
            if kind:
                if open_entity is None:
                    open_entity = [start, len(text), kind]
                else:
                    open_entity[1] = len(text)
        if open_entity is not None:
            entities.append(tuple(open_entity))
    return text, entities


def names_read(text: str) -> set[tuple[int, int]]:
    """The spans the engine reads as names: name facts, and who a named source cites."""
    article = read_article(0, Source("<conll>", text))
    ctx = claim_context([article])
    found = set()
    for fact in ctx.facts(0, range(len(article.segments))):
        if fact.category == "name" or fact.category == "source" and fact.named:
            found.add(fact.core)
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print N false and N missed names")
    args = ap.parse_args()
    started = time.process_time()
    exact = overlap = predicted = gold_total = 0
    by_type: Counter[str] = Counter()
    found_by_type: Counter[str] = Counter()
    false: list[str] = []
    missed: list[str] = []
    for doc in documents(args.path):
        text, entities = running_text(doc)
        read = names_read(text)
        gold = {(s, e) for s, e, _ in entities}
        predicted += len(read)
        gold_total += len(gold)
        exact += len(read & gold)
        overlap += sum(any(s < ge and gs < e for gs, ge in gold) for s, e in read)
        for s, e, kind in entities:
            by_type[kind] += 1
            found_by_type[kind] += (s, e) in read
            if (s, e) not in read:
                missed.append(f"{kind} {text[s:e]!r}")
        false += [repr(text[s:e]) for s, e in read - gold]
    p, r = exact / max(predicted, 1), exact / max(gold_total, 1)
    print(
        f"names read {predicted}, marked {gold_total}; exact spans: precision {p:.3f} recall {r:.3f} "
        f"F1 {2 * p * r / max(p + r, 1e-9):.3f}; a read name overlapping a marked one: "
        f"{overlap / max(predicted, 1):.3f}"
    )
    print(
        "recall by type: "
        + ", ".join(f"{k} {found_by_type[k] / by_type[k]:.3f} ({by_type[k]})" for k in sorted(by_type))
    )
    print(f"CPU {time.process_time() - started:.1f} s")
    if args.show:
        print(
            "false:",
            ", ".join(Counter(false).most_common(args.show)[i][0] for i in range(min(args.show, len(set(false))))),
        )
        print("missed:", ", ".join(m for m, _ in Counter(missed).most_common(args.show)))


if __name__ == "__main__":
    main()
