"""Formats: Markdown and HTML pages into the plain article text the pipeline compares.

Markdown is parsed (markdown-it-py), not pattern-stripped, so emphasis, links
and escapes come out as the words a reader sees; headings, paragraphs, list
items and quotes each become a paragraph. HTML goes through trafilatura, which
finds the article in a page (title, paragraphs) and leaves menus, ads and
scripts behind. Either way the result is text with blank lines between
paragraphs: offsets then point into this text, which is what every report shows.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from reader.model.errors import InputError
from reader.model.visible import visible

FORMATS = ("text", "markdown", "html")
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
TEXT_SUFFIXES = {".txt", ".text", ""}
INPUT_SUFFIXES = HTML_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES
# What the article extractor is given, after scripts, styles, SVG and comments are set aside: its
# time grows faster than the markup (40,000 small elements: 2.6 s, 145,000: about a minute; 2 MB of
# paragraphs: about 4 s), so
# a page over either limit is refused before extraction, saying which (bench/bench_limits.py).
MAX_HTML_MARKUP_BYTES = 2 * 1024 * 1024
MAX_HTML_ELEMENTS = 40_000
_NOT_ARTICLE = re.compile(
    r"<!--.*?(?:-->|\Z)|<(style|svg|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<script\b(?![^>]*ld\+json)[^>]*>.*?(?:</script\s*>|\Z)",
    re.I | re.S,
)
_ELEMENT = re.compile(r"<[A-Za-z]")
# An attribute value of this many characters or more is a payload (a data: URI of an inline image, a
# srcset, a framework's JSON state), never article text: the extractor skips it, so it is dropped
# before the page is measured, and a page saved with its images inline is measured by what remains.
_PAYLOAD_CHARS = 4096
_PAYLOAD = re.compile(rf"""(?<==)(\s*)(?:"[^"<>]{{{_PAYLOAD_CHARS},}}"|'[^'<>]{{{_PAYLOAD_CHARS},}}')""")
# Character references the XML tree under the extractor cannot hold: C0 controls, NUL, surrogates,
# beyond Unicode. Left in, lxml drops the whole text around them.
_BAD_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9A-Fa-f]+)|0*([0-9]+));?")
_RAW_C0 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)

for _name in ("trafilatura", "htmldate", "courlan", "justext"):  # their warnings are not ours to print
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


@dataclass(frozen=True)
class Extracted:
    """Article text out of a page, with what the page says about itself."""

    text: str
    title: str = ""
    outlet: str = ""
    date: str = ""


def format_of(name: str, text_start: str = "", content_type: str | None = None) -> str:
    """text, markdown or html: by file suffix, then the server's content type, then a look at the text."""
    suffix = PurePosixPath(name.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return "html"
    if kind in ("text/markdown", "text/x-markdown"):
        return "markdown"
    if suffix not in (".txt", ".text") and _HTML_START.match(text_start[:2048]):
        return "html"
    return "text"


def markdown_to_text(source: str) -> str:
    """The words of a Markdown document, one paragraph per heading, paragraph, list item or quote."""
    from markdown_it import MarkdownIt

    paragraphs: list[str] = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type == "inline":
            words = _inline_text(token.children or [])
        elif token.type in ("fence", "code_block"):
            words = token.content
        else:
            continue  # html_block and the open/close tokens carry no story text
        if words.strip():
            paragraphs.append(words.strip())
    return "\n\n".join(paragraphs)


def _inline_text(children) -> str:
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "image":
            out.append(_inline_text(child.children or []))
    return "".join(out)


def _referenced(m: re.Match[str]) -> str:
    digits = m.group(1) or m.group(2)
    code = 0x110000 if len(digits) > 8 else int(digits, 16 if m.group(1) else 10)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return "\ufffd"  # as a browser shows them
    if code < 0x20 and code not in (0x09, 0x0A, 0x0D):
        return visible(chr(code))  # an escape written as &#27; is shown, like a raw one in a text file
    return m.group(0)


def prepare_html(page: str, where: str) -> str:
    """The page as the extractor should see it, or a refusal when it is too big to extract in time.

    Scripts, styles, SVG, comments and attribute payloads (inline images as data: URIs) hold no
    article text and most of a saved page's bytes: they go first, then the rest (elements and text,
    what the extractor walks) is measured against the limits. Control characters, raw or written as
    character references, become visible placeholders (lxml would drop the text around them).
    """
    page = _PAYLOAD.sub(r'\1""', _NOT_ARTICLE.sub(" ", page))
    elements = len(_ELEMENT.findall(page))
    if elements > MAX_HTML_ELEMENTS:
        raise InputError(
            f"{where}: too much markup to extract the article ({elements:,} elements; "
            f"the limit is {MAX_HTML_ELEMENTS:,})"
        )
    size = len(page.encode("utf-8", "surrogatepass"))
    if size > MAX_HTML_MARKUP_BYTES:
        raise InputError(
            f"{where}: too large to extract the article ({size / 1_048_576:.1f} MB of markup besides scripts "
            f"and styles; the limit is {MAX_HTML_MARKUP_BYTES // 1_048_576} MB)"
        )
    page = _BAD_REFERENCE.sub(_referenced, page)
    return _RAW_C0.sub(lambda m: visible(m.group(0)), page)


def html_to_text(page: str, where: str, url: str | None = None) -> Extracted:
    """The article in an HTML page: its title and paragraphs, without menus, ads or scripts."""
    import trafilatura

    page = prepare_html(page, where)
    try:
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False
        )
    except Exception as exc:  # a parser failure deep in lxml must stay one line for the user
        raise InputError(f"{where}: cannot read this HTML page ({type(exc).__name__})") from None
    lines = [line.strip() for line in _field(doc, "text").split("\n") if line.strip()]
    if not lines:
        raise InputError(f"{where}: no article text found in this HTML page")
    title = " ".join(_field(doc, "title").split())
    if title and " ".join(lines[0].split()) != title:
        lines.insert(0, title)
    return Extracted("\n\n".join(lines), title, " ".join(_field(doc, "sitename").split()), _field(doc, "date"))


def _field(doc: object, name: str) -> str:
    """One field of trafilatura's result, which is a Document, a dict (as_dict) or None."""
    value = doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)
    return value if isinstance(value, str) else ""
