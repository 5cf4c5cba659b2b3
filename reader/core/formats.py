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

from .errors import InputError

FORMATS = ("text", "markdown", "html")
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
TEXT_SUFFIXES = {".txt", ".text", ""}
INPUT_SUFFIXES = HTML_SUFFIXES | MARKDOWN_SUFFIXES | TEXT_SUFFIXES
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


def html_to_text(page: str, where: str, url: str | None = None) -> Extracted:
    """The article in an HTML page: its title and paragraphs, without menus, ads or scripts."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False
        )
    except Exception as exc:  # a parser failure deep in lxml must stay one line for the user
        raise InputError(f"{where}: cannot read this HTML page ({type(exc).__name__})") from None
    body = (doc.text or "") if doc is not None else ""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if not lines:
        raise InputError(f"{where}: no article text found in this HTML page")
    title = " ".join((doc.title or "").split())
    if title and " ".join(lines[0].split()) != title:
        lines.insert(0, title)
    return Extracted("\n\n".join(lines), title, " ".join((doc.sitename or "").split()), doc.date or "")
