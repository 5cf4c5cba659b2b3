"""Quotation marks: a quoted fact shows one pair of marks in every face (issue 21, item 4)."""

from __future__ import annotations

import re
from functools import cache

import pytest

from reader.core import compare_versions
from reader.export import html, markdown
from reader.model import Comparison, quoted

DOUBLED = re.compile(r"[“‘\"][“‘\"]|[”’\"]”|“[‘\"]")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("plain words", "Reuters", "“Reuters”"),
        ("its own double marks", "“beyond reasonable doubt”", "“beyond reasonable doubt”"),
        ("an opening mark only", "“What a morning.", "“What a morning.”"),
        ("a closing mark only", "What a morning.”", "“What a morning.”"),
        ("single marks", "‘We did indeed send our list.", "“We did indeed send our list.”"),
        ("single marks both sides", "‘crucial milestone,’", "“crucial milestone,”"),
        ("an apostrophe at the end stays", "the Joneses’", "“the Joneses’”"),
        ("inner marks stay", "he said ‘no’ twice", "“he said ‘no’ twice”"),
        ("straight marks", '"extremist"', "“extremist”"),
        ("cut to length", "“abcdefghij”", "“abcd…”"),
    ],
)
def test_quoted(name, text, expected):
    assert quoted(text, 5 if name == "cut to length" else None) == expected


@cache
def corpus() -> Comparison:
    return compare_versions(["corpus/prisoner-exchange"])


def test_markdown_report_has_no_doubled_quotation_marks():
    report = markdown.render(corpus())
    assert "quote: “" in report  # the corpus has quoted facts to show
    assert [line for line in report.splitlines() if DOUBLED.search(line)] == []


def test_html_report_has_no_doubled_quotation_marks():
    page = html.render(corpus())
    text = re.sub(r"<[^>]+>", "", page)
    assert [line for line in text.splitlines() if DOUBLED.search(line)] == []
