"""The sources scorer's measures, in process: who each article cites, against PolNeAR's marks.

The same definitions as ../shared/source-cases/score_sources.py (precision, speech recall,
who right), read from a `Comparison` made here rather than from the command's JSON, so the
suite's floor and the bench script run without a subprocess per article.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import compare_versions, load_sources

CASES = Path(__file__).resolve().parents[2] / "shared" / "source-cases"

PRONOUNS = {
    *"he she they it i we you him her them his its their this that who which one some others both many most".split()
}
WORD = re.compile(r"[\w’']+")
SPEECH = re.compile(
    r"\b(sa(y|ys|id|ying)|t(ell|ells|old|elling)|according|report(s|ed|ing)?|wr(ite|ites|ote|itten)|"
    r"confirm(s|ed)?|den(y|ies|ied)|expla(in|ins|ined)|argu(e|es|ed)|insist(s|ed)?|warn(s|ed)?|"
    r"ask(s|ed)?|repl(y|ies|ied)|respond(s|ed)?|suggest(s|ed)?|acknowledg(e|es|ed)|admit(s|ted)?|"
    r"declar(e|es|ed)|announc(e|es|ed)|state(s|d)?|add(s|ed)?|not(e|es|ed)|claim(s|ed)?|"
    r"tweet(s|ed)?|testif(y|ies|ied)|quot(e|es|ed)|cit(e|es|ed)|publish(es|ed)?)\b",
    re.I,
)


@dataclass
class Score:
    """The counts of one article or of a set."""

    cites: int = 0
    good: int = 0
    speech: int = 0
    speech_found: int = 0
    false: list[str] = field(default_factory=list)
    wrong_who: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.cites += other.cites
        self.good += other.good
        self.speech += other.speech
        self.speech_found += other.speech_found
        self.false += other.false
        self.wrong_who += other.wrong_who
        self.missed += other.missed

    @property
    def precision(self) -> float:
        return self.good / max(1, self.cites)

    @property
    def speech_recall(self) -> float:
        return self.speech_found / max(1, self.speech)

    @property
    def who_right(self) -> float:
        return (self.good - len(self.wrong_who)) / max(1, self.good)

    def line(self) -> str:
        return (
            f"cites {self.cites}, precision {self.precision:.3f}; speech recall {self.speech_recall:.3f} "
            f"({self.speech_found}/{self.speech}); who right {self.who_right:.3f}"
        )


def cases(names: Iterable[str] | None = None) -> list[Path]:
    """The source cases (all, or those named), in order."""
    found = sorted(p for p in CASES.iterdir() if (p / "gold.json").exists()) if CASES.is_dir() else []
    return found if names is None else [p for p in found if p.name in set(names)]


def cites_of(case: Path) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The article's text and what the reader says it cites, comparing two copies of it as the scorer does."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(Path(tmp) / name) for name in ("a.txt", "b.txt")]
        for path in paths:
            shutil.copyfile(case / "article.txt", path)
        comparison = compare_versions(load_sources(paths))
    text = comparison.articles[0].text
    return text, [(c.start, c.end, c.text, c.who) for c in comparison.sources_of(0)]


def _overlaps(pieces: list[list[int]], s: int, e: int) -> bool:
    return any(ps < e and s < pe for ps, pe in pieces)


def _words(t: str) -> set[str]:
    return {w.lower().strip("’'") for w in WORD.findall(t)} - {"the", "a", "an", "of", "s"}


def score(case: Path, text: str, cites: list[tuple[int, int, str, str]]) -> Score:
    """The scorer's counts for one article."""
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    every = [x for atts in gold["attributions_by_annotator"].values() for x in atts]
    out = Score(cites=len(cites))
    for start, end, words, who in cites:
        hit = [x for x in every if _overlaps(x["source"] + x["cue"], start, end)]
        if not hit:
            out.false.append(f"{words} :: {' '.join(text[max(0, start - 80) : end + 60].split())}")
            continue
        out.good += 1
        src_words: set[str] = set()
        for x in hit:
            src_words |= _words(" ".join(text[s:e] for s, e in x["source"]))
        if src_words - PRONOUNS and not (_words(who) & src_words):
            gold_src = " / ".join(" ".join(text[s:e] for s, e in x["source"]) for x in hit if x["source"])
            out.wrong_who.append(
                f"{who!r} for {gold_src!r} in {words!r} :: {' '.join(text[max(0, start - 80) : end + 60].split())}"
            )
    for x in gold["attributions"]:
        src = " ".join(text[s:e] for s, e in x["source"]).strip()
        if not (src and _words(src) - PRONOUNS):
            continue
        cue = " ".join(text[s:e] for s, e in x["cue"])
        if not SPEECH.search(cue):
            continue
        out.speech += 1
        if any(_overlaps(x["source"] + x["cue"], s, e) for s, e, _, _ in cites):
            out.speech_found += 1
        else:
            lo = min(p[0] for p in x["source"] + x["cue"])
            hi = max(p[1] for p in x["source"] + x["cue"])
            out.missed.append(f"{src} | {cue} :: {' '.join(text[max(0, lo - 60) : hi + 60].split())}")
    return out
