"""The HTML report: self-contained, one row per claim and one column per version, as the model says."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from reader.core import compare_texts
from reader.core.input.load import Source
from reader.core.pipeline import build
from reader.export import html

FIRST = (
    "Talks resume in Geneva\n\nNegotiators met on Tuesday in Geneva, officials said. "
    "The delegations agreed to exchange 12 prisoners each.\n\n"
    "A further meeting is planned for next month.\n"
)
SECOND = (
    "Talks resume in Geneva\n\nNegotiators met on Tuesday in Geneva, officials said. "
    "The delegations agreed to exchange 15 prisoners each, according to leaked memos.\n\n"
    "Observers from the United Nations will attend.\n\nA further meeting is planned for next month.\n"
)


@pytest.fixture(scope="module")
def comparison():
    return compare_texts([FIRST, SECOND])


def _rows(report: str) -> list[str]:
    return re.findall(r'<tr class="claim [a-z]+" id="claim-\d+">(.*?)</tr>', report, re.S)


def _plain(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment))


def test_self_contained(comparison):
    report = html.render(comparison)
    assert report.startswith("<!DOCTYPE html>")
    for external in ("http://", "https://", "src=", "<link", "@import", "url("):
        assert external not in report, external


def test_one_row_per_claim_one_cell_per_version(comparison):
    rows = _rows(html.render(comparison))
    assert len(rows) == len(comparison.claims)
    for row, claim in zip(rows, comparison.claims, strict=True):
        cells = re.findall(r"<td class=\"(cell|gap)\"", row)
        assert len(cells) == len(comparison.articles)
        present = [bool(claim.segments_of(a.index)) for a in comparison.articles]
        assert [kind == "cell" for kind in cells] == present


def test_cells_hold_exactly_the_members_text(comparison):
    rows = _rows(html.render(comparison))
    for row, claim in zip(rows, comparison.claims, strict=True):
        cells = re.findall(r'<td class="cell" dir="auto">(.*?)</td>', row, re.S)
        for cell, a in zip(cells, claim.articles, strict=True):
            art = comparison.articles[a]
            expected = " ".join(art.segments[s].text for s in claim.segments_of(a))
            text = re.sub(r'<span class="(para|moved)"[^>]*>.*?</span>', "", cell)
            assert _plain(text) == expected


def test_changes_are_marked_with_their_exact_words(comparison):
    """The marked words are the model's report marks, no more, no fewer; the base shows what others drop."""
    report = html.render(comparison)
    marked = re.findall(
        r'<(ins|mark|span) class="(?:wording|fact|cosmetic)(?: dropped)?" title="([a-z]+)">(.*?)</\1>',
        report,
    )
    expected = {
        (m.kind, comparison.articles[a].text[m.start : m.end])
        for a, art in enumerate(comparison.articles)
        for seg in art.segments
        for m in comparison.report_marks(a, seg.index)
    }
    assert expected and {(kind, unescape(text)) for _, kind, text in marked} == expected


def test_facts_are_listed(comparison):
    report = html.render(comparison)
    assert comparison.details
    for d in comparison.details:
        role = "has" if d.fact_role == "lacking" else d.fact_role
        assert f"{role} {d.category}" in report and html._text(d.text) in report


def test_headers_show_metadata_encoding_and_format(tmp_path: Path):
    sources = [
        Source("a.txt", FIRST, "windows-1252", "text", "Talks resume", "Daily Planet", "2024-05-02"),
        Source("https://x.org/b", SECOND, "utf-8", "html"),
    ]
    report = html.render(build(sources), title="Geneva <talks>", sources=sources)
    head = re.search(r"<thead>(.*?)</thead>", report, re.S).group(1)
    for expected in ("1. a.txt", "Talks resume", "Daily Planet · 2024-05-02", "windows-1252 · text", "utf-8 · html"):
        assert expected in _plain(head), expected
    assert "<h1>Geneva &lt;talks&gt;</h1>" in report and "<title>Geneva &lt;talks&gt;</title>" in report


def test_cli_writes_the_html_report(run_cli, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(FIRST)
    b.write_text(SECOND)
    out = tmp_path / "report.html"
    assert run_cli(str(a), str(b), "--format", "html", "-o", str(out)) == 0
    assert len(_rows(out.read_text(encoding="utf-8"))) == len(compare_texts([FIRST, SECOND]).claims)
