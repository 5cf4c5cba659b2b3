"""Every mark stays legible on every background it can meet, in every theme (issue 21, item 2).

The styles are the app's own (each theme file loaded, app.tcss applied), composed the way the
columns paint a line: the line's background (plain, cursor, counterpart), then the mark, then a
search hit on top. Each pair of colours a reader then sees must reach WCAG AA for text (4.5:1):
in true colour, under NO_COLOR (Textual's monochrome filter) and in a 256-colour terminal; the
monochrome theme, meant for NO_COLOR and 16-colour terminals, in 16 colours too.
"""

from __future__ import annotations

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.style import Style
from textual.color import Color
from textual.constants import DIM_FACTOR

from reader.ui.themes import load_themes

from .conftest import NO_USER_THEMES, make_app

AA = 4.5
THEMES = sorted(load_themes(NO_USER_THEMES).themes)
LINES = ("plain", "cursor", "counterpart")
TEXT_MARKS = (
    "text",
    "inserted",
    "replaced",
    "dropped",
    "cosmetic",
    *(f"detail-{c}" for c in ("number", "date", "name", "quote", "source", "focus")),
)
GLYPHS = ("marker", "moved", "unique")  # the gutter's and the inline status glyphs
PLAIN_ONLY = ("gap", "fold", "separator")  # lines of their own: never under the cursor
MODES = ("truecolour", "no-colour", "256 colours")
SIXTEEN = "reader-mono"  # the theme for NO_COLOR, meant to read well on a 16-colour terminal too


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def seen(style: Style, mode: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(text, background) as a terminal shows `style`: dim blended into the background as Textual's
    filter does, reverse swapped, then the mode's own conversion."""
    fg = style.color.get_truecolor() if style.color else (255, 255, 255)
    bg = style.bgcolor.get_truecolor() if style.bgcolor else (0, 0, 0)
    fg, bg = tuple(fg), tuple(bg)
    if style.dim:
        fg = tuple(round(b + (f - b) * DIM_FACTOR) for f, b in zip(fg, bg, strict=True))
    if style.reverse:
        fg, bg = bg, fg
    if mode == "no-colour":
        fg, bg = (Color(*fg).monochrome.rgb, Color(*bg).monochrome.rgb)
    elif mode in ("256 colours", "16 colours"):
        system = ColorSystem.EIGHT_BIT if mode == "256 colours" else ColorSystem.STANDARD
        fg, bg = (tuple(RichColor.from_rgb(*c).downgrade(system).get_truecolor()) for c in (fg, bg))
    return fg, bg


async def painted_pairs(theme: str) -> dict[str, Style]:
    """Every (where, mark, search?) the columns can paint, as the composed Rich style."""
    app = make_app(theme=theme)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        view = app.view
        painter = view.painter
        base = painter._base_style()
        lines = {"plain": Style(), "cursor": painter.style("cursor"), "counterpart": painter.style("counterpart")}
        out: dict[str, Style] = {}
        for where, line in lines.items():
            for sentence in ("told", "only here"):  # a sentence only one version has is drawn in its colour
                styled = base + (painter.style("unique") if sentence == "only here" else Style()) + line
                for mark in TEXT_MARKS:
                    marked = styled if mark == "text" else styled + painter.style(mark)
                    out[f"{mark} in a sentence {sentence}, on {where}"] = marked
                    out[f"{mark} in a sentence {sentence}, in a search hit on {where}"] = marked + painter.style(
                        "search"
                    )
            for glyph in GLYPHS:
                out[f"glyph {glyph} on {where}"] = base + line + painter.style(glyph)
        for mark in PLAIN_ONLY:
            out[f"{mark} on plain"] = base + painter.style(mark)
        return out


@pytest.mark.parametrize("theme", THEMES)
async def test_every_mark_reaches_aa_contrast_on_every_background(theme):
    pairs = await painted_pairs(theme)
    low = []
    for mode in (*MODES, "16 colours") if theme == SIXTEEN else MODES:
        for what, style in pairs.items():
            fg, bg = seen(style, mode)
            ratio = contrast(fg, bg)
            if ratio < AA:
                low.append(f"{mode}: {what}: {fg} on {bg} = {ratio:.2f}")
    assert low == [], f"{theme}: {len(low)} below {AA}:1\n" + "\n".join(low)


def test_the_contrast_rule_itself():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((128, 128, 128), (128, 128, 128)) == pytest.approx(1.0)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
