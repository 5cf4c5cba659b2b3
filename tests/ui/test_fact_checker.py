"""What a fact-checker hit while reading (issue 21): each fixed, each kept by a test that failed before."""

from __future__ import annotations

import pytest

from reader.ui.widgets.keys import KeyBar, kept_hints

from .conftest import make_app


@pytest.mark.parametrize(
    ("name", "widths", "kept", "room", "expected"),
    [
        ("all fit", [3, 3, 3], [False, False, True], 20, [0, 1, 2]),
        ("the kept one stays, the last others go", [5, 5, 5, 4], [False, False, False, True], 12, [0, 3]),
        ("two kept at the end", [6, 6, 6, 6], [False, False, True, True], 14, [2, 3]),
        ("order kept", [2, 9, 2], [False, False, True], 6, [0, 2]),
    ],
)
def test_kept_hints(name, widths, kept, room, expected):
    assert kept_hints(widths, kept, room, 1) == expected


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_key_bar_keeps_help_and_quit_at_every_width(width, bridge):
    app = make_app(bridge)
    async with app.run_test(size=(width, 24)) as pilot:
        for keys in ([], ["m"], ["escape", "f"]):
            await pilot.press(*keys)
            await pilot.pause()
            line = str(app.query_one(KeyBar).render())
            assert "? Help" in line and "q Quit" in line, (keys, line)
            assert len(line) <= width


@pytest.mark.parametrize(("start", "table"), [([], "m"), (["v"], "f"), (["v", "v"], "s"), ([], "m")])
async def test_escape_in_a_table_returns_to_the_text_view_on_the_same_claim(start, table, bridge):
    app = make_app(bridge)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*start)
        came_from = app.view.view
        await pilot.press(table, "j", "l", "l")
        tables = app.tables
        assert tables.display and tables.current is not None
        claim = tables.current.claim
        await pilot.press("escape")
        await pilot.pause()
        assert not app.tables_shown and app.view.display and app.view.has_focus
        assert app.view.view == came_from
        assert bridge.claim_of(app.view.col, app.view.seg).index == claim


async def test_escape_from_a_cell_whose_version_lacks_the_claim_lands_in_a_version_that_tells_it(bridge):
    lone = next(c for c in bridge.claims if len(c.articles) == 1)
    lacking = next(a for a in range(len(bridge.articles)) if a not in lone.articles)
    app = make_app(bridge)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("m")
        tables = app.tables
        tables.row = next(i for i, r in enumerate(tables.rows) if r.claim == lone.index)
        tables.col = lacking
        await pilot.press("escape")
        await pilot.pause()
        assert (app.view.col, bridge.claim_of(app.view.col, app.view.seg).index) == (lone.articles[0], lone.index)


BASE_ONLY_NAME = [
    "The mayor opened the new bridge with Jo Appleby on Monday morning. Traffic will start next week.",
    "The mayor opened the new bridge on Monday morning. Traffic will start next week.",
    "The mayor opened the new bridge on Monday morning, it is said. Traffic will start next week.",
]


async def test_the_palette_lists_a_fact_once_however_many_versions_lack_it():
    from reader.core import compare_texts
    from reader.ui.commands import _candidates

    comparison = compare_texts(BASE_ONLY_NAME)
    assert len([d for d in comparison.details if d.text == "Jo Appleby"]) == 2  # lacking in 2, and in 3
    app = make_app(comparison, texts=BASE_ONLY_NAME)
    async with app.run_test(size=(120, 30)):
        offered = [text for text, *_ in _candidates(app)]
        assert offered.count("name: Jo Appleby") == 1


async def test_a_jump_into_a_fold_lands_on_the_sentence_asked_for(harbour):
    app = make_app(harbour)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.view
        await pilot.press("z")
        assert view.folded
        folded = [s for s in view.docs[0].first_line if s not in view.docs[0].position]
        assert folded, "the harbour story has runs of unchanged claims to fold"
        app.jump(0, folded[len(folded) // 2])
        await pilot.pause()
        assert (view.col, view.seg) == (0, folded[len(folded) // 2])
        assert view.seg in view.docs[0].position, "the fold opened"


def test_the_aligned_view_folds_runs_of_one_version_claims_with_each_columns_count(bridge):
    from reader.ui.layout import FOLD, LONE, OPEN, build_aligned

    lone = [c for c in bridge.claims if len(c.articles) == 1]
    assert lone
    docs = build_aligned(bridge, 30, LONE)
    for doc in docs:
        here = sum(1 for c in lone if doc.article in c.articles)
        labels = [line.label for line in doc.lines if line.kind == FOLD]
        assert labels == [f"⋯ {here} only here (z)" if here else f"⋯ {len(lone)} only in others (z)"]
        assert not any(s in doc.position for c in lone for s in c.segments_of(doc.article))
    opened = build_aligned(bridge, 30, OPEN)
    assert not any(line.kind == FOLD for doc in opened for line in doc.lines)


def test_two_versions_fold_nothing_by_default():
    from reader.core import compare_texts
    from reader.ui.layout import FOLD, LONE, build_aligned

    two = compare_texts(
        [BASE_ONLY_NAME[0], "Traffic will start next week. Seven swans were seen flying over a quiet harbour."]
    )
    assert any(len(c.articles) == 1 for c in two.claims)
    assert not any(line.kind == FOLD for doc in build_aligned(two, 30, LONE) for line in doc.lines)


CORPUS = "corpus/prisoner-exchange"


async def test_the_corpus_opens_on_what_versions_share_and_z_opens_the_rest():
    from reader.core import compare_versions
    from reader.ui.layout import FOLD, TEXT

    corpus = compare_versions([CORPUS])
    app = make_app(corpus, texts=[a.text for a in corpus.articles])
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.view
        await pilot.pause()
        height = view.scrollable_content_region.height
        shown = [view.docs[c].lines[round(view.scroll_y) : round(view.scroll_y) + height] for c in view.visible_columns]
        claims = {
            corpus.claim_of(col, line.segment).index
            for col, lines in zip(view.visible_columns, shown, strict=True)
            for line in lines
            if line.kind == TEXT
        }
        assert len(claims) >= 3
        assert all(len(corpus.claims[k].articles) >= 2 for k in claims), "the first screen: claims versions share"
        assert any(line.kind == FOLD and "only" in line.label for lines in shown for line in lines)
        lone = next(c for c in corpus.claims if len(c.articles) == 1 and c.articles[0] in view.visible_columns)
        assert lone.segments_of(lone.articles[0])[0] not in view.docs[lone.articles[0]].position
        await pilot.press("z")
        assert not view.folded
        assert lone.segments_of(lone.articles[0])[0] in view.docs[lone.articles[0]].position
        await pilot.press("z")
        assert view.folded and "folded" in str(app.query_one("#status").render())


async def test_n_walks_what_is_shown_and_a_search_opens_the_folds(bridge):
    app = make_app(bridge)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.view
        seen = set()
        for _ in range(len(bridge.claims)):
            await pilot.press("n")
            seen.add(bridge.claim_of(view.col, view.seg).index)
        assert all(len(bridge.claims[k].articles) > 1 for k in seen), "n stops only at claims on screen"
        await pilot.press("slash", *"second bridge", "enter")
        await pilot.pause()
        assert "second bridge" in bridge.articles[view.col].segments[view.seg].text
        assert view.seg in view.docs[view.col].position


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        (
            "a word in the middle",
            ["“The decision to retire was mine", "“The decision to go was mine"],
            ["…retire…", "…go…"],
        ),
        ("the numbers differ", ["12 dead", "15 dead"], ["12…", "15…"]),
        ("nothing shared", ["Reuters", "AP"], ["Reuters", "AP"]),
        ("one a prefix of the other", ["the plan", "the plan today"], ["…plan", "…plan today"]),
        ("one value alone", ["the plan"], ["the plan"]),
        (
            "one unquoted",
            ["“Our study showed a genuine memory.", "Our study showed a real memory."],
            ["…genuine…", "…real…"],
        ),
    ],
)
def test_differing_parts(name, values, expected):
    from reader.ui.tables import differing_parts

    assert differing_parts(values) == expected


FERGUSON = [
    f"The club confirmed the news on Wednesday. Ferguson said: “The decision to {verb} is one that I have "
    "thought about a great deal.” The club thanked him."
    for verb in ("retire", "step down", "leave")
]


async def test_the_facts_table_shows_where_long_values_differ():
    from reader.core import compare_texts

    app = make_app(compare_texts(FERGUSON), texts=FERGUSON)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        tables = app.tables
        row = next(i for i, r in enumerate(tables.rows) if r.kind == "quote")
        line = "".join(s.text for s in tables._row(row, tables.rich_style))
        for words in ("retire", "step down", "leave"):
            assert words in line, line


def _panel(comparison, article, segment) -> str:
    from rich.style import Style

    from reader.ui.screens.claim import claim_report

    return "\n".join(block.plain for block in claim_report(comparison, article, segment, lambda _name: Style()))


def test_the_claim_panel_names_a_fact_only_the_base_has_once_with_who_lacks_it():
    from reader.core import compare_texts

    panel = _panel(compare_texts(BASE_ONLY_NAME), 0, 0)
    lines = [line for line in panel.splitlines() if "Jo Appleby" in line and "•" in line]
    assert len(lines) == 1, panel
    assert "inserted" not in lines[0] and "2 (<text 2>), 3 (<text 3>) lack it" in lines[0]


FILLER = "apple bridge candle dolphin engine forest garden harbour island jungle kettle lantern meadow needle orchard"
TOLD_LATE = "It is the right time to hand over the keys of the club, Ferguson said."


def test_why_paired_says_when_two_sentences_stand_far_apart():
    from reader.core import compare_texts

    words = FILLER.split()
    first = " ".join([TOLD_LATE, *(f"Sentence about the {w} number {i}." for i, w in enumerate(words))])
    last = " ".join([*(f"Another line on {w} and {words[-1 - i]} today." for i, w in enumerate(words)), TOLD_LATE])
    comparison = compare_texts([first, last])
    assert comparison.claim_of(0, 0).articles == (0, 1)
    why = next(line for line in _panel(comparison, 0, 0).splitlines() if line.startswith("Why paired"))
    assert "far apart: sentence 1 of 16 in 1 (<text 1>), sentence 16 of 16 in 2 (<text 2>)" in why
    near = compare_texts([first, first.replace("right time", "proper time")])
    assert "far apart" not in _panel(near, 0, 0)


async def test_the_status_line_quotes_a_quotation_once():
    from reader.core import compare_versions

    corpus = compare_versions([CORPUS])
    quote = next(d for d in corpus.details if d.category == "quote" and d.text[:1] in '“‘"')
    app = make_app(corpus, texts=[a.text for a in corpus.articles])
    async with app.run_test(size=(160, 36)) as pilot:
        app.jump(quote.article, corpus.articles[quote.article].segment_at(quote.start).index, (quote.start, quote.end))
        await pilot.pause()
        status = str(app.query_one("#status").render())
        assert "quote “" in status and "““" not in status and "“‘" not in status, status


async def test_a_jump_to_a_column_paged_off_screen_opens_folds_only_for_a_folded_claim():
    from reader.core import compare_versions
    from reader.ui.layout import LONE, OPEN

    corpus = compare_versions([CORPUS])
    app = make_app(corpus, texts=[a.text for a in corpus.articles])
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.view
        await pilot.pause()
        last = len(corpus.articles) - 1
        assert last not in view.visible_columns
        shared = next(c for c in corpus.claims if last in c.articles and len(c.articles) > 1)
        app.jump(last, shared.segments_of(last)[0])
        await pilot.pause()
        assert (view.col, view.seg) == (last, shared.segments_of(last)[0]) and view.fold == LONE
        lone = next(c for c in corpus.claims if c.articles == (last,))
        app.jump(last, lone.segments_of(last)[0])
        await pilot.pause()
        assert (view.col, view.seg) == (last, lone.segments_of(last)[0]) and view.fold == OPEN
