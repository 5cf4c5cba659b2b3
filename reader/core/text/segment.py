"""Segment: a text into its headline, paragraphs and sentences, all as character offsets.

Language-neutral rules: a sentence ends at `.`, `!`, `?`, `…` (or a CJK full
stop) followed by space and a capital, digit or opening quote (of any style,
`“`, `„`, `«`, a backtick). It does not end after an initial (`J.`), a dotted
abbreviation (`U.S.`), a short list of title and month abbreviations, or
inside a decimal (`1.5`). A clause that a semicolon or colon closes, followed by
one that opens with a capital (not a quotation), is a unit of its own: versions
split and merge there ("Noomi sagt zu Rut: Ich habe nachgedacht.", "He maketh
the clouds his chariot; He rideth upon the wind"), and an aligner pairs clauses
where a whole sentence would straddle two of the other version's. A colon
before a quotation keeps the speaker with the words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.text.calendar import MONTHS
from reader.core.text.normalize import fold
from reader.model.comparison import Article, Paragraph, Segment

if TYPE_CHECKING:
    from reader.core.input.load import Source

HEADLINE_MAX_CHARS = 200
SEGMENTED_KEPT = 64  # texts whose segmentation is kept: more than the versions of one story
WRAPPED_LINE_MIN_CHARS = 60
TERMINALS = ".!?…"
CJK_TERMINALS = "。！？｡"
CLAUSE_TERMINALS = ";:"
CLOSERS = "\"'”’»)]›」』"
OPENERS = "\"'“‘«([‹„‚¿¡「『—–-"
# Abbreviations after which a full stop rarely ends a sentence (titles, months,
# common Latin and European forms). Segmentation only: matching never uses it.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep pres rev hon jan feb mar
    apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun no nos vs etc approx est dept
    univ inc ltd corp co fig vol pp ca cf al hr fr frau nr bzw usw vgl mio mrd mme mlle mgr sra srta dra ing
    г гг ул им тыс млн млрд пр см""".split()
)

_BOUNDARY = re.compile(
    rf"[{re.escape(TERMINALS)}]+[{re.escape(CLOSERS)}]*(?=\s+[^\w\s]*\w)"
    rf"|[{re.escape(CJK_TERMINALS)}][{re.escape(CLOSERS)}]*"
    rf"|[{re.escape(CLAUSE_TERMINALS)}](?=\s+\w)"
    # a full stop with the next sentence glued to it (the stop first, then the three letters before it:
    # the same matches, without a look behind at every character of the text)
    r"|[.!?](?<=[^\W\d_]{3}[.!?])(?=[^\W_]\w)"
)
_DOMAIN = re.compile(r"[^\W_][\w-]*\.[a-z]{2,}\b")  # www.Example.com
_NEXT_WORD = re.compile(r"\s+(\w+)")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_LINE_END = re.compile(rf"[{re.escape(TERMINALS + CJK_TERMINALS + ':;')}][{re.escape(CLOSERS)}]*\s*$")


@dataclass(frozen=True)
class Segmented:
    title: str
    paragraphs: tuple[Paragraph, ...]
    segments: tuple[Segment, ...]


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, trimmed of surrounding white space."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            spans.append((m.start() + lead, m.start() + len(raw.rstrip())))
    return spans


def is_headline(line: str, next_line: str | None) -> bool:
    """A short first line with no final full stop, followed by more text that does not continue it."""
    stripped = line.strip()
    return (
        next_line is not None
        and not next_line.lstrip(OPENERS + " ")[:1].islower()
        and 0 < len(stripped) <= HEADLINE_MAX_CHARS
        and not stripped.rstrip(CLOSERS).endswith((".", "。"))
    )


def _paragraph_spans(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Group lines into paragraphs. A blank line ends one, and so does a line that
    ends like a sentence or a heading; a line that stops mid-sentence (a hard wrap,
    a quotation running on) continues into the next."""
    paragraphs: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    last_line: tuple[int, int] | None = None
    for start, end in lines:
        if current is not None and last_line is not None:
            gap = text[current[1] : start]
            line = text[last_line[0] : last_line[1]]
            if gap.count("\n") < 2 and (_open_quote(text[current[0] : current[1]]) or _runs_on(line, text[start:end])):
                current = (current[0], end)
                last_line = (start, end)
                continue
            paragraphs.append(current)
        current = last_line = (start, end)
    if current is not None:
        paragraphs.append(current)
    return paragraphs


_QUOTE_OPENS = re.compile(r"(?:^|(?<=[\s(\[—–-]))[“‘«„]")
_QUOTE_CLOSES = re.compile(r"[”’»“](?=[\s.,;:!?)\]—–-]|$)")
QUOTE_MAX_CHARS = 1500
SPEAKER_MAX_WORDS = 3  # a clause this short before a colon introduces what follows ("Gott sah:", "He said:")
CLAUSE_MIN_WORDS = 3  # words after its last comma a clause needs before a semicolon to stand alone


def _open_quote(paragraph: str) -> bool:
    """Does a quotation opened in this paragraph run on past its last line?"""
    if len(paragraph) > QUOTE_MAX_CHARS:
        return False
    return len(_QUOTE_OPENS.findall(paragraph)) > len(_QUOTE_CLOSES.findall(paragraph))


def _runs_on(line: str, next_line: str) -> bool:
    """Does `line` stop mid-sentence, so that `next_line` continues it?"""
    if _LINE_END.search(line):
        return False
    first = next_line.lstrip(OPENERS + " ")[:1]
    return first.islower() or len(line) >= WRAPPED_LINE_MIN_CHARS


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at `dot` part of an abbreviation, an initial or a dotted acronym?"""
    m = _WORD_BEFORE.search(text, max(0, dot - 30), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if "." in word.strip("."):  # U.S., e.g., z.B.
        return True
    if word.isdigit() and len(word) <= 2:  # a day before its month: am 3. Mai
        following = _NEXT_WORD.match(text, dot + 1)
        return following is not None and following.group(1).casefold() in MONTHS
    return (len(word) == 1 and word.isalpha() and word.isupper()) or word.lower() in ABBREVIATIONS


def _next_word_is_lower(text: str, pos: int, end: int) -> bool:
    """A sentence does not end before a lower-case word (“Why?” he asked); `_ends_before_lower`
    says when it still does."""
    while pos < end and not text[pos].isalnum():
        pos += 1
    return pos < end and text[pos].islower()


def _glued_sentence_end(text: str, dot: int) -> bool:
    """A full stop with no space after it ends a sentence when a lower-case word stops there and
    a capital or a number starts the next ("erkunden.10.000 Schiffe", "Wasser.Und"): text
    copied from the web loses such spaces. Not in "3.5", "z.B.", "U.S.A" or "example.com"."""
    before, after = text[dot - 3 : dot], text[dot + 1]
    if not (before.isalpha() and before.islower() and (after.isupper() or after.isdigit())):
        return False
    return not _DOMAIN.match(text, dot + 1)


def _ends_before_lower(text: str, start: int, m: re.Match[str]) -> bool:
    """The two marks that end a unit (begun at `start`) even before a lower-case word: a semicolon
    between clauses, and a bare question mark before a word ("Where is he? for we saw"; not
    “Why?” he asked, nor the dash of a speaker's attribution, "—¿Dónde está? —preguntó"),
    neither inside a quotation."""
    mark = m.group()
    if mark[0] == ";":
        return _joins_clauses(text, start, m.start())
    return (
        mark[-1] == "?" and _NEXT_WORD.match(text, m.end()) is not None and not _in_quotation(text[start : m.start()])
    )


def _joins_clauses(text: str, start: int, semicolon: int) -> bool:
    """Does the semicolon join two clauses, each a unit of its own even before a lower-case word
    ("… his brethren; and bring these ten cheeses …")? Not inside a quotation (a speaker's
    words stay with the speaker) and not after a short list item ("Paris, France; and Rome")."""
    before = text[start:semicolon]
    if len(before.rsplit(",", 1)[-1].split()) < CLAUSE_MIN_WORDS:
        return False
    return not _in_quotation(before)


def _in_quotation(before: str) -> bool:
    """Is a quotation opened in `before` (a sentence so far) still open at its end?"""
    unclosed = len(_QUOTE_OPENS.findall(before)) > len(_QUOTE_CLOSES.findall(before))
    return unclosed or before.count('"') % 2 == 1


def _is_abbreviation_stop(text: str, m: re.Match[str]) -> bool:
    return m.group()[0] == "." and len(m.group().rstrip(CLOSERS)) == 1 and _is_abbreviation(text, m.start())


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end]."""
    spans = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        cjk = m.group()[0] in CJK_TERMINALS
        if not cjk and stop < end and not text[stop].isspace() and not _glued_sentence_end(text, m.start()):
            continue
        if m.group()[0] == ":" and len(text[cursor : m.start()].split()) <= SPEAKER_MAX_WORDS:
            continue  # "Da sprach Gott: Helligkeit soll entstehen!" stays whole
        if not cjk and _is_abbreviation_stop(text, m):
            continue
        if not cjk and _next_word_is_lower(text, stop, end) and not _ends_before_lower(text, cursor, m):
            continue
        if text[cursor:stop].strip():
            spans.append((cursor, stop))
        cursor = stop
    if text[cursor:end].strip():
        spans.append((cursor, end))
    return [_trim(text, s, e) for s, e in spans]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@functools.lru_cache(maxsize=SEGMENTED_KEPT)
def segment(text: str) -> Segmented:
    """Headline, paragraphs and sentences of one article. The result is immutable and kept for a
    while: loading counts a text's sentences (to refuse one too long) before the comparison
    segments it, and a story has at most 50 versions."""
    lines = _lines(text)
    title = ""
    skip_before = 0
    if lines and is_headline(
        text[lines[0][0] : lines[0][1]], text[lines[1][0] : lines[1][1]] if len(lines) > 1 else None
    ):
        title = text[lines[0][0] : lines[0][1]]
        if len(lines) > 1 and fold(text[lines[1][0] : lines[1][1]]) == fold(title):
            skip_before = lines[1][1]  # a headline repeated below itself is one headline
    body = lines
    if title:
        body = [span for span in lines[1:] if span[0] >= skip_before]
    spans = ([lines[0]] if title else []) + _paragraph_spans(text, body)
    paragraphs: list[Paragraph] = []
    segments: list[Segment] = []
    for pi, (p_start, p_end) in enumerate(spans):
        is_title = bool(title) and pi == 0
        sentence_spans = [(p_start, p_end)] if is_title else split_sentences(text, p_start, p_end)
        paragraphs.append(Paragraph(pi, p_start, p_end))
        for s, e in sentence_spans:
            segments.append(Segment(len(segments), pi, s, e, text[s:e]))
    return Segmented(title, tuple(paragraphs), tuple(segments))


def read_article(index: int, src: Source) -> Article:
    """A loaded version segmented into the Article a comparison holds (the app shows it before the comparison)."""
    seg = segment(src.text)
    return Article(
        index,
        src.path,
        seg.title,
        src.text,
        seg.segments,
        seg.paragraphs,
        src.encoding,
        src.source_format,
        src.title,
        src.outlet,
        src.date,
        src.fetched,
    )
