"""The cosmetic layer on `c`, and the words of the base a version drops: drawn from the model's marks."""

from __future__ import annotations

from reader.core import compare_texts
from reader.ui.styling import sentence_spans

from .conftest import make_app

SIZE = (120, 30)
RESTYLED = [
    "The mayor opened the new bridge on Monday. About 200 people attended the ceremony, police said. "
    "Traffic will start next week.",
    "The Mayor opened the new bridge on Monday. About 200 people attended the ceremony. Traffic will start next week.",
]


def spans_named(view, col: int, seg: int, name: str) -> list[str]:
    text = view.comparison.articles[col].text
    return [text[s:e] for s, e, n in sentence_spans(view.comparison, col, seg, view.cosmetic) if n == name]


async def test_c_shows_and_hides_the_cosmetic_layer_and_n_follows_it():
    comparison = compare_texts(RESTYLED)
    assert comparison.claim_of(0, 0).status == "same" and comparison.cosmetic, "a case change only: cosmetic"
    app = make_app(comparison, texts=RESTYLED)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        assert not view.cosmetic and spans_named(view, 1, 0, "cosmetic") == [], "hidden by default"
        await pilot.press("end", "home", "n")
        assert view.seg == 1, "n skips a claim whose only change is cosmetic while the layer is hidden"
        await pilot.press("c")
        assert view.cosmetic and "cosmetic shown" in str(app.query_one("#status").render())
        assert spans_named(view, 1, 0, "cosmetic") == ["Mayor"]
        await pilot.press("end", "home")
        assert view.seg == 0
        await pilot.press("end", "right_square_bracket", "c")
        assert view.cosmetic, "]c is the chord (previous difference), it does not toggle the layer"
        await pilot.press("c")
        assert not view.cosmetic, "c again hides it"


async def test_the_base_shows_the_words_a_version_drops():
    comparison = compare_texts(RESTYLED)
    app = make_app(comparison, texts=RESTYLED)
    async with app.run_test(size=SIZE) as pilot:
        view = app.view
        await pilot.pause()
        assert spans_named(view, 0, 1, "dropped") == ["police said"]
        assert view.painter.style("dropped").strike, "struck through"
        assert view.painter.style("dropped").dim, "and dim: a cue for terminals without strike-through, not colour"
