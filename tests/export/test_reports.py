"""The reports agree with the model and with each other; golden files pin their output on the corpus.

Regenerate the golden files after a deliberate change with `READER_UPDATE_GOLDEN=1 uv run pytest
tests/export/test_reports.py`, and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reader.core import compare_versions
from reader.export import html, json, markdown
from reader.model import Comparison, quoted, unquoted

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
RENDERERS = {"json": json.render, "md": markdown.render, "html": html.render}


@pytest.fixture(scope="module")
def corpus() -> Comparison:
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths in the reports as a user in the checkout types them
    try:
        return compare_versions(["corpus/prisoner-exchange"])
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("suffix", sorted(RENDERERS))
def test_golden(corpus: Comparison, suffix: str) -> None:
    out = RENDERERS[suffix](corpus)
    path = GOLDEN / f"prisoner-exchange.{suffix}"
    if os.environ.get("READER_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), f"{path.name} differs; see the module docstring"


def _markdown_marks(report: str) -> set[tuple[str, str]]:
    """The marked runs of the version lines (`- **N. name**: text`); article text has its own * escaped."""
    found = set()
    for line in report.splitlines():
        text = re.sub(r"^- \*\*\d+\. .*?\*\*: ", "", line)
        if text == line:
            continue
        found |= {("marked", t.replace("\\", "")) for t in re.findall(r"\*\*(.+?)\*\*", text)}
        found |= {("marked", t.replace("\\", "")) for t in re.findall(r"(?<![\\\w])_(.+?)_(?!\w)", text)}
        found |= {("dropped", t.replace("\\", "")) for t in re.findall(r"~~(.+?)~~", text)}
    return found


def _html_marks(report: str) -> set[tuple[str, str]]:
    from html import unescape

    tags = re.findall(
        r'<(ins|mark|span) class="(?:wording|fact|cosmetic)( dropped)?" title="[a-z]+">(.*?)</\1>', report
    )
    return {("dropped" if dropped else "marked", unescape(text)) for _, dropped, text in tags}


def test_markdown_and_html_mark_the_same_words(corpus: Comparison) -> None:
    """Each face draws what the model says: the same runs, base-side drops included."""
    md, page = _markdown_marks(markdown.render(corpus)), _html_marks(html.render(corpus))
    assert md and md == page


def test_reports_list_every_fact(corpus: Comparison) -> None:
    md, page = markdown.render(corpus), html.render(corpus)
    for d in corpus.details:  # between the reports' own quotation marks (reader.model.quoted)
        assert markdown._escape(quoted(d.text)) in md
        assert f">{html._text(unquoted(d.text))}</span>”" in page


def test_reports_list_sources(corpus: Comparison) -> None:
    md, page = markdown.render(corpus), html.render(corpus)
    assert corpus.sources
    assert "## Sources" in md and '<p class="heading">Sources</p>' in page
    for c in corpus.sources:
        assert markdown._escape(c.text) in md and html._text(c.text) in page


def test_compact_json_in_pieces_is_the_whole_text(corpus: Comparison, monkeypatch: pytest.MonkeyPatch) -> None:
    """Compact JSON is made key by key and a few list items at a time (so a long report is never copied
    whole): joined, the pieces are json.dumps of the whole comparison, unsafe characters escaped alike."""
    import json as std_json

    monkeypatch.setattr(json, "LIST_CHUNK", 3)  # every list of the corpus is cut into several pieces
    pieces = list(json.render_pieces(corpus, indent=None))
    whole = std_json.dumps(json.to_dict(corpus), ensure_ascii=False, separators=(",", ":"))
    assert len(pieces) > 20
    assert "".join(pieces) == json._UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", whole) + "\n"
    assert std_json.loads("".join(pieces)) == json.to_dict(corpus)


def test_compact_json_is_the_json_modules_text_whatever_it_holds() -> None:
    """orjson writes the text json.dumps writes compactly (every code point up to U+3000 and beyond, the
    scores rounded to three places, ints, null, booleans); a string orjson refuses (a file name's
    undecodable bytes, kept as surrogates) goes through json.dumps; an ASCII text needs no escape but DEL."""
    import json as std_json

    def dumps(value: object) -> str:
        return std_json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    value = {
        "text": "".join(map(chr, range(0x3000))) + "\U0001f600\u2028",
        "scores": [round(k / 1000, 3) for k in range(1001)],
        "ints": [0, -3, 10**12],
        "none": None,
        "yes": [True, False],
    }
    assert json._encoded(value) == dumps(value)
    odd = {"path": "a\udcff.txt"}
    assert json._encoded(odd) == dumps(odd)
    assert json._safe("plain") == "plain" and json._safe("a\x7fb\u202e") == "a\\u007fb\\u202e"
