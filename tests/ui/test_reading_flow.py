"""Reading view as prose: a paragraph's sentences flow on, and every per-sentence cue still works."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from reader.core import compare_texts
from reader.core.input.load import Source
from reader.model.comparison import Segment
from reader.ui.app import ReaderApp
from reader.ui.layout import BLANK, TEXT, build_reading, flow, inline_room, pieces_of
from reader.ui.screens.claim import claim_report, joint
from reader.ui.widgets.columns import GUTTER, ColumnsView
from reader.ui.widgets.headers import ColumnHeaders

from .conftest import BRIDGE, NO_USER_THEMES, make_app

SIZE = (120, 36)


def lines_of(doc, seg: int):
    """The lines holding part of sentence `seg`, as (line index, piece) pairs."""
    return [
        (i, p)
        for i, line in enumerate(doc.lines)
        if line.kind == TEXT
        for p in pieces_of(line)
        if p.segment == seg and p.start < p.end
    ]


def test_sentences_of_one_paragraph_share_lines_and_paragraphs_stay_apart(harbour):
    doc = build_reading(harbour, 36)[0]
    article = harbour.articles[0]
    shared = [line for line in doc.lines if line.pieces and len({p.segment for p in line.pieces}) > 1]
    assert shared, "two sentences of one paragraph stand on one screen line"
    for line in shared:
        assert len({article.segments[p.segment].paragraph for p in line.pieces}) == 1
    for seg in article.segments[1:]:
        before = article.segments[seg.index - 1]
        first = doc.first_line[seg.index]
        if seg.paragraph != before.paragraph:
            assert doc.lines[first - 1].kind == BLANK, "a blank line between paragraphs"
    for seg in article.segments:
        found = lines_of(doc, seg.index)
        rows = [i for i, _ in found]
        assert rows == list(range(doc.first_line[seg.index], doc.first_line[seg.index] + doc.line_count[seg.index]))
        assert found[0][1].first and not any(p.first for _, p in found[1:])
        assert " ".join(article.text[p.start : p.end] for _, p in found).split() == seg.text.split()


_WORDS = st.lists(
    st.text(alphabet=st.sampled_from("ab\u4e2d\u00e9\U0001f600"), min_size=1, max_size=9), min_size=1, max_size=6
)


@given(
    st.lists(_WORDS, min_size=1, max_size=6),
    st.lists(st.sampled_from([" ", "  ", "\n", ""]), min_size=6, max_size=6),
    st.integers(1, 30),
)
def test_flow_fits_the_width_and_places_every_sentence(sentences, joints, width):
    text, segments = "", []
    for i, words in enumerate(sentences):
        if i:
            text += joints[i]
        start = len(text)
        text += " ".join(words)
        segments.append(Segment(i, 0, start, len(text), text[start:]))
    lines, placed = flow(text, segments, width)
    starts = {seg.start for seg in segments[1:]}
    for line in lines:
        drawn = cell_len(text[line.start : line.end].replace("\n", " "))
        rooms = sum(inline_room(text, p.start) for p in pieces_of(line)[1:] if p.first and p.start in starts)
        assert drawn <= max(width, 2)
        glued = "" in joints[1 : len(sentences)]  # a sentence starting inside a word: that word may be cut
        if not glued and all(cell_len(w) <= width for words in sentences for w in words):  # the glyphs fit too
            assert drawn + rooms <= width, (line, rooms)
        for p in pieces_of(line):
            assert line.start <= p.start <= p.end <= line.end
    for seg, (first, count) in zip(segments, placed, strict=True):
        pieces = [(i, p) for i, line in enumerate(lines) for p in pieces_of(line) if p.segment == seg.index]
        assert [i for i, _ in pieces] == list(range(first, first + count))
        assert "".join(text[p.start : p.end] for _, p in pieces).replace(" ", "") == seg.text.replace(" ", "")


def cursor_row(view: ColumnsView) -> int:
    return view.docs[view.col].first_line[view.seg] - view.deltas[view.col]


async def test_j_onto_a_sentence_that_starts_mid_line_levels_its_counterparts(harbour):
    app = make_app(harbour)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("v")
        doc = view.docs[0]
        for _ in range(12):
            await pilot.press("j")
            line = doc.lines[doc.first_line[view.seg]]
            here = [p for p in pieces_of(line) if p.segment == view.seg]
            if here and here[0].start > line.start:
                break
        else:
            raise AssertionError("no sentence starting mid-line within 12 presses")
        assert here[0].first, "the cursor's first line is where the sentence starts"
        row = cursor_row(view)
        counterparts = harbour.counterparts(view.col, view.seg)
        assert counterparts
        for col, segs in counterparts.items():
            assert min(view.docs[col].first_line[s] for s in segs) - view.deltas[col] == row
        shown = view.render_line(row - round(view.scroll_y)).text
        cells = shown.split("│")
        assert cells[0].startswith("▌"), "the cursor's marker in the gutter of its first line"
        assert all(cells[c].startswith("▷") for c in counterparts if c in view.visible_columns)


async def test_clicking_the_second_sentence_on_a_line_focuses_it(harbour):
    app = make_app(harbour)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("v")
        col = 1
        doc = view.docs[col]
        index, line = next((i, ln) for i, ln in enumerate(doc.lines) if i > 0 and len(ln.pieces) > 1)
        text = harbour.articles[col].text
        second = line.pieces[1]
        x = col * (view.column_width + 1) + GUTTER + cell_len(text[line.start : second.start]) + 1
        y = index - view.deltas[col] - round(view.scroll_y)
        await pilot.click(ColumnsView, offset=(x, y))
        assert (view.col, view.seg) == (col, second.segment)
        x = col * (view.column_width + 1) + GUTTER + 1
        y = doc.first_line[second.segment] - view.deltas[col] - round(view.scroll_y)
        await pilot.click(ColumnsView, offset=(x, y))
        assert view.seg == line.pieces[0].segment


async def test_j_in_the_reading_view_repaints_only_lines_of_the_sentences_it_marks(harbour):
    app = make_app(harbour)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.press("v", "j", "j")
        await pilot.pause()
        before = {(view.col, view.seg), *((c, s) for c, ss in view._counterparts.items() for s in ss)}
        painted = []
        original = view.painter._draw

        def counting(col, line, marks, base, width):
            painted.append((col, line))
            return original(col, line, marks, base, width)

        view.painter._draw = counting
        await pilot.press("j")
        await pilot.pause()
        after = {(view.col, view.seg), *((c, s) for c, ss in view._counterparts.items() for s in ss)}
        assert painted
        for col, line in painted:
            assert {(col, p.segment) for p in pieces_of(line)} & (before | after), line


def test_claim_panel_shows_where_each_sentence_of_a_version_begins():
    one = "The mayor opened the new bridge on Monday and about 200 people attended the ceremony."
    split = "The mayor opened the new bridge on Monday.\n\nAbout 200 people attended the ceremony."
    spaced = "The mayor opened the new bridge on Monday.  About 200 people attended the ceremony."
    for second, expected in ((split, "Monday.\nAbout"), (spaced, "Monday.  About")):
        comparison = compare_texts([one, second])
        assert comparison.claim_of(1, 0).segments_of(1) == (0, 1)
        text = "\n".join(b.plain for b in claim_report(comparison, 0, 0, lambda _n: Style()))
        assert expected in text


def test_joint_keeps_a_paragraphs_own_spacing():
    article = compare_texts(["One here.  Two here. Three here.\n\nFour here.", "One here."]).articles[0]
    assert [s.paragraph for s in article.segments] == [0, 0, 0, 1]
    assert joint(article, 0, 1) == "  "
    assert joint(article, 1, 2) == " "
    assert joint(article, 0, 2) == " "
    assert joint(article, 2, 3) == "\n"


async def test_headers_name_the_versions_while_the_comparison_is_built():
    sources = [Source(f"stories/v{i + 1}-wire.txt", t) for i, t in enumerate(BRIDGE)]
    app = ReaderApp(sources, user_theme_dir=NO_USER_THEMES)
    app._build = lambda base: None  # the engine never answers: the app stays in its loading state
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = str(app.query_one(ColumnHeaders).render()).split("\n")
        assert [c.split()[1] for c in rows[0].split("│")] == ["v1-wire.txt", "v2-wire.txt", "v3-wire.txt"]
        assert "comparing versions…" in rows[1]
        assert len(rows[0].split("│")[0]) == (SIZE[0] - 1 - 2) // 3


async def test_a_counterpart_starting_mid_line_keeps_its_own_glyph_beside_its_mark():
    texts = [
        "The mayor opened the bridge. Traffic starts next week. Critics said it was two years late.",
        "The mayor opened the bridge. Traffic starts next week.",
    ]
    comparison = compare_texts(texts)
    assert comparison.claim_of(0, 2).status == "unique"
    app = make_app(comparison, texts=texts)
    async with app.run_test(size=(200, 12)) as pilot:
        view = app.view
        await pilot.press("v", "l", "j")
        assert (view.col, view.seg) == (1, 1)
        line = view.docs[0].lines[0]
        assert [p.segment for p in line.pieces] == [0, 1, 2], "all three sentences share the first line"
        left = view.render_line(0).text.split("│")[0]
        assert left.startswith("▷ "), "the counterpart's (blank) glyph, not the '+' of the sentence after it"
        await pilot.press("h", "k")
        assert (view.col, view.seg) == (0, 0)
        assert view.render_line(0).text.split("│")[0].startswith("▌ "), "the cursor's own glyph, not '+'"
        await pilot.press("j", "j")
        assert (view.col, view.seg) == (0, 2)
        shown = view.render_line(0).text.split("│")[0]
        assert shown.startswith("▌ "), "the line begins with another sentence: no glyph of the cursor's beside it"
        assert "week. + Critics" in shown, "the glyph of a sentence starting mid-line stands apart from the prose"
