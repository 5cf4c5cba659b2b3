"""A hostile article through every report: no control code, no live markup, no script survives."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from reader.core import compare_texts
from reader.export import html, markdown
from reader.export import json as json_export

from .hostile import CONTROL, HOSTILE, OTHER


@pytest.fixture(scope="module")
def comparison():
    return compare_texts([HOSTILE, OTHER])


def test_markdown_report_has_no_c0_controls_and_no_live_markup(comparison):
    report = markdown.render(comparison)
    assert not any(ch in report for ch in "\x1b\x07\x9b\x00")
    rendered = MarkdownIt("commonmark").render(report)  # what a Markdown viewer would make of it
    for live in ("<script", "<img", "<a ", "href=", "<code>", "<strong>star"):
        assert live not in rendered, live
    assert "[bold]" in rendered and "[link=https://evil.example]" in rendered  # shown, as text


def test_markdown_report_has_no_bidi_overrides(comparison):
    assert not CONTROL.search(markdown.render(comparison))


def test_json_report_keeps_the_text_exactly_and_escapes_c0(comparison):
    report = json_export.render(comparison)
    assert not any(ch in report for ch in "\x1b\x07\x00")
    assert json.loads(report)["articles"][0]["text"] == HOSTILE


def test_json_report_has_no_raw_c1_or_bidi(comparison):
    assert not CONTROL.search(json_export.render(comparison))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_is_inert(comparison):
    report = html.render(comparison)
    assert not CONTROL.search(report)
    parsed = _Tags()
    parsed.feed(report)
    assert parsed.tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "p",
        "ins",
        "mark",
        "div",
        "table",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "a",
        "br",
        "small",
        "ul",
        "li",
    }
    assert not {a for a in parsed.attributes if a.startswith("on")}
    text = "".join(parsed.text)
    assert "<script>document.title='PWNED'</script>" in text  # shown as text, escaped in the source
    assert "[bold]" in text and "[/]" in text and "[link=https://evil.example]" in text
    assert "␛[31mred alert␛[0m" in text and "␇" in text  # escapes as visible placeholders
    assert "default-src 'none'" in report  # and no script could run even if escaping failed
