"""Hostile articles, loaded as a user would (text, Markdown, HTML, story.toml), drawn by the app with Pilot.

Whatever an article, its file name or its metadata holds, the screen shows it
as text: no control code reaches the terminal, no markup is interpreted.
"""

from __future__ import annotations

import re

from reader.core.input.load import load_story
from reader.ui.app import ReaderApp
from tests.export.hostile import CONTROL, HOSTILE, OTHER
from tests.waiting import wait_until

PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>[link=https://evil.example]Evil[/link] news [/]</title></head><body><article>
{"".join(f"<p>{p}</p>" for p in OTHER.replace("<", "&lt;").split(chr(10) * 2))}
</article></body></html>"""


async def test_hostile_inputs_are_drawn_as_text(tmp_path):
    (tmp_path / "1-evil\x1b[2J[bold].txt").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "2-page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "3-notes.md").write_text("# [red]Notes[/red]\n\n" + HOSTILE.replace("**", "\\*\\*"), encoding="utf-8")
    (tmp_path / "story.toml").write_text(
        '[versions."2-page.html"]\noutlet = "[blink]TASS[/blink]\\u001b[5m"\ntitle = "\\u009b2J [i]x[/i]"\n'
    )
    story = load_story([str(tmp_path)])
    app = ReaderApp(story.sources, theme="reader-dark")
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_until(pilot, lambda: app.ready, "the comparison to be shown")
        await pilot.pause()  # one more frame: the screenshot is of the drawn comparison
        screen = app.export_screenshot()
    assert not CONTROL.search(screen)
    assert not re.search(r"&#(27|7|155|x1b|x9b|8238);", screen, re.I)
    text = screen.replace("&#160;", " ")
    for literal in ("[bold]", "[/bold]", "[link=https://evil.example]", "[/]", "␛[31m", "&lt;script&gt;"):
        assert literal in text, literal


async def test_a_number_of_5000_digits_is_compared_and_shown(tmp_path):
    """Any digit string is a value or plain text: the app shows the comparison and every table."""
    digits = "7" * 5000
    (tmp_path / "1.txt").write_text(f"The count was {digits} people. Talks went on.\n", encoding="utf-8")
    (tmp_path / "2.txt").write_text(f"The count was {digits}1 people. Talks went on.\n", encoding="utf-8")
    app = ReaderApp(load_story([str(tmp_path)]).sources, theme="reader-dark")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.ready, "the comparison to be shown")
        for view in ("claims", "facts", "sources"):
            app.show_view(view)
            await pilot.pause()
        assert app.is_running
        await pilot.press("q")
    assert app.return_code == 0
