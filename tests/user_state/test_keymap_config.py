"""keymap.toml and config.toml: the user's keys and defaults apply; bad lines are warnings naming the line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.config import load_settings
from reader.ui.app import VIEW_ORDER
from reader.ui.keymap import load_keymap, valid_key
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.keys import KeyBar
from tests.waiting import wait_until

from .conftest import open_app, until_ready


def write_config(root: Path, name: str, text: str) -> Path:
    path = root / "config" / "reader" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        ("j", True),
        ("ctrl+n", True),
        ("question_mark", True),
        ("?", True),
        ("slash", True),  # the app's own search key is written so
        ("ctrl+backslash", True),
        ("pagedown", True),
        ("f5", True),
        ("shift+tab", True),
        ("ctrl+shift+x", True),
        ("", False),
        ("foo", False),
        ("ctrl+", False),
        ("hyperx+a", False),
    ],
)
def test_valid_key(key: str, ok: bool):
    assert valid_key(key) is ok


def test_unknown_ids_and_bad_keys_are_warnings_naming_their_line(tmp_path: Path):
    path = write_config(
        tmp_path,
        "keymap.toml",
        '# my keys\ncursor_down = "ctrl+n, down"\nno_such_action = "z"\nunpair = "ctrl+nope"\nquit = 5\n',
    )
    keymap, warnings, _ = load_keymap({"cursor_down", "unpair", "quit"}, path)
    assert keymap == {"cursor_down": "ctrl+n,down"}
    assert [w.split(":")[0] for w in warnings] == ["keymap.toml line 3", "keymap.toml line 4", "keymap.toml line 5"]
    assert "no_such_action" in warnings[0] and "'ctrl+nope'" in warnings[1]
    _, near, _ = load_keymap({"cursor_down"}, write_config(tmp_path, "keymap.toml", 'cursor_dwn = "x"\n'))
    assert near == ["keymap.toml line 1: unknown binding id 'cursor_dwn'; ignored (did you mean cursor_down?)"]


def test_a_keymap_that_is_not_toml_is_one_warning(tmp_path: Path):
    path = write_config(tmp_path, "keymap.toml", "cursor_down = \n")
    keymap, warnings, _ = load_keymap({"cursor_down"}, path)
    assert keymap == {} and len(warnings) == 1 and "line 1" in warnings[0]


async def test_the_users_keys_drive_the_app_the_key_bar_and_help(story, own_folders: Path):
    write_config(own_folders, "keymap.toml", 'cursor_down = "ctrl+n"\ncopy_sentence = "w"\nbogus = "q"\n')
    app = open_app(story)
    async with app.run_test(size=(160, 45)) as pilot:
        await until_ready(app, pilot)
        assert any("bogus" in n.message and "line 3" in n.message for n in app._notifications)
        start = app.view.seg
        await pilot.press("j")  # no longer bound
        assert app.view.seg == start
        await pilot.press("ctrl+n")
        assert app.view.seg != start
        await pilot.press("w")
        assert app.clipboard == app.comparison.articles[0].segments[app.view.seg].text
        shown, _ = app.query_one(KeyBar).hints()
        assert any(h.description == "Next" and h.display == "^n" for h in shown)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {b.id: b.key for _, bindings in help_screen.groups for b in bindings}
        assert keys["cursor_down"] == "ctrl+n" and keys["copy_sentence"] == "w"


def test_config_settings_and_their_warnings(tmp_path: Path):
    path = write_config(
        tmp_path, "config.toml", 'theme = "reader-light"\nview = "sideways"\nbase = 2\ncolour = 1\ncosmetic = "yes"\n'
    )
    settings = load_settings(path)
    assert (settings.theme, settings.view, settings.base) == ("reader-light", "sideways", 2)  # the app checks views
    assert [w.split(": ")[0].rsplit(" ", 2)[-2:] for w in settings.warnings] == [["line", "4"], ["line", "5"]]
    assert "cosmetic = 'yes' is not true or false" in settings.warnings[1]
    assert settings.choose_base(None, 3) == 2 and settings.choose_base(1, 3) == 1
    assert settings.choose_base(None, 1) == 1 and "there are 1 versions" in settings.warnings[-1]


async def test_config_view_and_theme_apply_and_the_command_line_wins(story, own_folders: Path):
    write_config(own_folders, "config.toml", 'theme = "reader-light"\nview = "reading"\nbase = 2\n')
    settings = load_settings()
    app = open_app(story, view=settings.view)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_ready(app, pilot)
        assert app.view.view == "reading"
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--format", "json", *story], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout)["base"] == 1  # config base = 2 (index 1)
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--format", "json", "--base", "3", *story],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["base"] == 2


async def test_a_key_another_binding_has_is_a_warning_naming_the_line(story, own_folders: Path):
    write_config(own_folders, "keymap.toml", 'copy_sentence = "x"\n"[bold]oops[/]" = "z"\n')
    app = open_app(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_ready(app, pilot)
        await pilot.press("x", "x")
        assert app.comparison.claim_of(0, 0).articles != (0,)  # x copies now, it does not un-pair
        assert app.clipboard
        messages = [n.message for n in app._notifications]
        assert sum("line 1: x is also the key of unpair" in m for m in messages) == 1
        assert any("'[bold]oops[/]'" in m for m in messages)  # shown as text, never as markup


def test_a_config_base_these_versions_lack_is_a_warning_in_a_report(story, own_folders: Path):
    write_config(own_folders, "config.toml", "base = 7\n")
    out = subprocess.run([sys.executable, "-m", "reader", "--format", "json", *story], capture_output=True, text=True)
    assert out.returncode == 0 and json.loads(out.stdout)["base"] == 0
    assert out.stderr == "reader: warning: config.toml: base = 7 but there are 3 versions; using 1\n"


def test_opening_the_app_imports_no_engine_for_corrections_keys_or_config():
    code = (
        "import sys, reader.cli, reader.ui.app\n"
        "print(sorted(m for m in ('reader.core.claims.compare', 'reader.core.align.grouping', "
        "'reader.core.corrections.session') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(("view", "shown"), [("facts", "facts"), ("paragraphs", "paragraphs"), ("sideways", "aligned")])
async def test_config_view_opens_any_view_and_an_unknown_one_is_a_warning(story, view: str, shown: str):
    app = open_app(story, view=view)
    async with app.run_test(size=(160, 45)) as pilot:
        await until_ready(app, pilot)
        await wait_until(pilot, lambda: app.view_name == shown, f"the {shown} view")
        warned = [n.message for n in app._notifications if "no view" in n.message]
        assert warned == (
            [] if view == shown else [f"config.toml: no view 'sideways'; the views are {', '.join(VIEW_ORDER)}"]
        )


async def test_config_cosmetic_shows_the_cosmetic_layer_from_the_start(story, own_folders: Path):
    write_config(own_folders, "config.toml", "cosmetic = true\n")
    app = open_app(story, cosmetic=load_settings().cosmetic)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_ready(app, pilot)
        assert app.view.cosmetic
        assert "cosmetic shown" in str(app.query_one("#status").render())


def test_a_keymap_cannot_bury_the_app_in_warnings(tmp_path: Path):
    known = {f"id_{n}" for n in range(80)}
    unknown = "".join(f'nope_{n} = "x"\n' for n in range(400))
    _, warnings, _ = load_keymap(known, write_config(tmp_path, "keymap.toml", unknown))
    assert len(warnings) == 6 and warnings[-1] == "keymap.toml: 395 more lines ignored (unknown ids or bad keys)"
    many = "".join(f'id_{n % 80}_{n} = "x"\n' for n in range(900))
    _, warnings, _ = load_keymap(known, write_config(tmp_path, "keymap.toml", many))
    assert "900 lines; the first 500 are read" in warnings[0] and len(warnings) == 7
    keymap, warnings, _ = load_keymap(known, write_config(tmp_path, "keymap.toml", "id_1 = '" + "a," * 5000 + "a'\n"))
    assert keymap == {} and warnings == ["keymap.toml line 1: id_1 has 5,001 keys; at most 8; ignored"]
    huge = "id_1 = '" + "j," * 200_000 + "j'\n"
    keymap, warnings, _ = load_keymap(known, write_config(tmp_path, "keymap.toml", huge))
    assert keymap == {} and len(warnings) == 1 and "too large (over 64 KB); ignored" in warnings[0]


async def test_every_binding_on_one_key_is_one_summary_line_and_the_app_comes_up(story, own_folders: Path):
    from reader.ui.keymap import binding_ids
    from reader.ui.screens.claim import ClaimScreen
    from reader.ui.screens.help import HelpScreen
    from reader.ui.widgets.columns import ColumnsView
    from reader.ui.widgets.tables import TableView

    app = open_app(story)
    ids = binding_ids([*type(app).BINDINGS, *ColumnsView.BINDINGS, *TableView.BINDINGS, *HelpScreen.BINDINGS])
    ids |= binding_ids(ClaimScreen.BINDINGS)
    write_config(own_folders, "keymap.toml", "".join(f'{i} = "j"\n' for i in sorted(ids)))
    async with app.run_test(size=(80, 24)) as pilot:
        await until_ready(app, pilot)
        clashes = [n.message for n in app._notifications if "also the key of" in n.message]
        assert len(clashes) == 1 and "more clashes" in clashes[0], clashes


@pytest.mark.parametrize(
    ("name", "make", "said"),
    [
        ("a FIFO", lambda p: os.mkfifo(p), "not a regular file; ignored"),
        ("/dev/zero", lambda p: p.symlink_to("/dev/zero"), "not a regular file; ignored"),
        ("nested 3,000 deep", lambda p: p.write_text("x = " + "[" * 3000 + "]" * 3000), "nested too deeply"),
        ("a number of 5,000 digits", lambda p: p.write_text("base = " + "7" * 5000), "a number too long to read"),
        ("a dotted key of 5,000 parts", lambda p: p.write_text("a." * 5000 + "b = 1"), "dotted parts"),
        ("a folder", lambda p: p.mkdir(), "not a regular file; ignored"),
    ],
)
def test_a_config_file_that_cannot_be_read_is_one_warning_at_once(tmp_path: Path, name: str, make, said: str):
    for file in ("config.toml", "keymap.toml"):
        path = tmp_path / file
        make(path)
        start = time.monotonic()
        warnings = load_settings(path).warnings if file == "config.toml" else load_keymap({"quit"}, path)[1]
        assert time.monotonic() - start < 2
        assert len(warnings) == 1 and said in warnings[0], warnings
