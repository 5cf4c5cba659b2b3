"""The user's keys: `keymap.toml` in the config folder maps binding ids to keys, applied with Textual's keymap.

    cursor_down = "ctrl+n,down"
    copy_sentence = "w"

Keys are written as Textual writes them (`ctrl+n`, `pagedown`, `question_mark` or
`?`), several separated by commas. An unknown id or a key Textual cannot produce
is a warning naming the line; the other lines still apply.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from textual.binding import Binding
from textual.keys import Keys, _character_to_key, key_to_character

from reader.config import config_dir, key_lines, read_toml

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")) | {
    "enter",
    "tab",
    "space",
    "backspace",
    "escape",
}


def keymap_path() -> Path:
    return config_dir() / "keymap.toml"


def valid_key(key: str) -> bool:
    """True when `key` is one Textual can report: a character or a key name, after any modifiers."""
    *mods, name = key.split("+")
    if not name or any(m not in MODIFIERS for m in mods):
        return False
    return len(name) == 1 or name in NAMED_KEYS or key_to_character(name) is not None


def load_keymap(known_ids: Iterable[str], path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """(binding id -> keys, warnings): the lines that name a known id and only valid keys."""
    path = path or keymap_path()
    table, lines, warnings = read_toml(path)
    known = set(known_ids)
    keymap: dict[str, str] = {}
    for binding_id, value in table.items():
        where = f"{path.name} line {lines.get(binding_id, '?')}"
        if binding_id not in known:
            near = difflib.get_close_matches(binding_id, sorted(known), n=1)
            hint = f"did you mean {near[0]}?" if near else "the ids are listed in the README"
            warnings.append(f"{where}: unknown binding id {binding_id!r}; ignored ({hint})")
            continue
        if not isinstance(value, str):
            warnings.append(f'{where}: {binding_id} needs keys in quotes, like "ctrl+n"; ignored')
            continue
        keys = [k.strip() for k in value.split(",")]
        bad = [k for k in keys if not valid_key(k)]
        if bad:
            warnings.append(f"{where}: {', '.join(repr(k) for k in bad)} is not a key Textual knows; ignored")
            continue
        keymap[binding_id] = ",".join(keys)
    return keymap, warnings


def clashes(groups: Iterable[Iterable[Binding]], keymap: dict[str, str], path: Path) -> list[str]:
    """Warnings for a key the keymap gives to a binding while another binding active at the same time
    (the app and its columns; each modal screen on its own) still has it."""
    lines = key_lines(path.read_text(encoding="utf-8")) if keymap else {}
    found = []
    for group in groups:
        keys_of = {b.id: _keys(keymap.get(b.id, b.key)) for b in group if b.id}
        for mine in sorted(keymap):
            if mine not in keys_of:
                continue
            for other, keys in keys_of.items():
                shared = sorted(keys_of[mine] & keys) if other != mine else []
                if shared:
                    found.append(
                        f"{path.name} line {lines.get(mine, '?')}: {', '.join(shared)} is also the key of "
                        f"{other}; give one of them another key"
                    )
    return list(dict.fromkeys(found))  # the app's bindings stand in two groups: each clash said once


def _keys(keys: str) -> set[str]:
    return {_character_to_key(k) if len(k) == 1 else k for k in (k.strip() for k in keys.split(","))}


def binding_ids(bindings: Iterable[Binding | tuple]) -> set[str]:
    return {b.id for b in bindings if isinstance(b, Binding) and b.id}


def rebound(bindings: Iterable[Binding], keymap: dict[str, str]) -> list[Binding]:
    """The bindings with the user's keys, as the help screen lists them."""
    return [b.with_key(keymap[b.id], key_display=None) if b.id in keymap else b for b in bindings]


def install_keymap(app) -> list[str]:
    """Read keymap.toml and hand it to Textual (`App.set_keymap`); the warnings, for the app to show.
    The ids known are those of the app, its columns and its screens."""
    app.user_keymap = {}
    path = keymap_path()
    if not path.is_file():
        return []
    from reader.ui.screens.claim import ClaimScreen
    from reader.ui.screens.help import HelpScreen
    from reader.ui.widgets.columns import ColumnsView
    from reader.ui.widgets.tables import TableView

    groups = [
        [*type(app).BINDINGS, *ColumnsView.BINDINGS],
        [*type(app).BINDINGS, *TableView.BINDINGS],
        HelpScreen.BINDINGS,
        ClaimScreen.BINDINGS,
    ]
    keymap, warnings = load_keymap(binding_ids(b for group in groups for b in group), path)
    warnings.extend(clashes(groups, keymap, path))
    app.user_keymap = keymap
    if keymap:
        app.set_keymap(keymap)
    return warnings
