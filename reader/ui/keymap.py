"""The user's keys: `keymap.toml` in the config folder maps binding ids to keys, applied with Textual's keymap.

    cursor_down = "ctrl+n,down"
    copy_sentence = "w"

Keys are written as Textual writes them (`ctrl+n`, `pagedown`, `question_mark` or
`?`, `slash` or `/`), several separated by commas. An unknown id or a key Textual cannot
produce is a warning naming the line; the other lines still apply. A careless file cannot
stall the app: the first MAX_ENTRIES lines are read, a binding takes at most MAX_KEYS keys,
and beyond MAX_WARNINGS warnings (clashes apart, which are one summary line) the rest are counted.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path

from textual.binding import Binding
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, _character_to_key, key_to_character

from reader.config import config_dir, read_toml

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")) | {
    "enter",
    "tab",
    "space",
    "backspace",
    "escape",
    *KEY_NAME_REPLACEMENTS.values(),  # slash, backslash, at, minus, plus, underscore: the names Textual reports
}
MAX_ENTRIES = 500  # the app has fewer than a hundred binding ids
MAX_KEYS = 8  # keys of one binding
MAX_WARNINGS = 5  # said one by one; the others are counted in one more line


def keymap_path() -> Path:
    return config_dir() / "keymap.toml"


def valid_key(key: str) -> bool:
    """True when `key` is one Textual can report: a character or a key name, after any modifiers."""
    *mods, name = key.split("+")
    if not name or any(m not in MODIFIERS for m in mods):
        return False
    return len(name) == 1 or name in NAMED_KEYS or key_to_character(name) is not None


def load_keymap(known_ids: Iterable[str], path: Path | None = None) -> tuple[dict[str, str], list[str], dict[str, int]]:
    """(binding id -> keys, warnings, the line of each id): the lines that name a known id and only valid keys."""
    path = path or keymap_path()
    table, lines, warnings = read_toml(path)
    known = set(known_ids)
    keymap: dict[str, str] = {}
    faults: list[str] = []
    if len(table) > MAX_ENTRIES:
        warnings.append(f"{path.name}: {len(table):,} lines; the first {MAX_ENTRIES} are read, the rest ignored")
    for binding_id, value in list(table.items())[:MAX_ENTRIES]:
        where = f"{path.name} line {lines.get(binding_id, '?')}"
        if binding_id not in known:
            if len(faults) < MAX_WARNINGS:  # difflib is slow: only for the warnings said
                near = difflib.get_close_matches(binding_id, sorted(known), n=1)
                hint = f"did you mean {near[0]}?" if near else "the ids are listed in the README"
                faults.append(f"{where}: unknown binding id {binding_id[:40]!r}; ignored ({hint})")
            else:
                faults.append(where)
            continue
        if not isinstance(value, str):
            faults.append(f'{where}: {binding_id} needs keys in quotes, like "ctrl+n"; ignored')
            continue
        if value.count(",") >= MAX_KEYS:
            faults.append(f"{where}: {binding_id} has {value.count(',') + 1:,} keys; at most {MAX_KEYS}; ignored")
            continue
        keys = [k.strip() for k in value.split(",")]
        bad = [k for k in keys if not valid_key(k)]
        if bad:
            shown = ", ".join(repr(k[:20]) for k in bad)
            faults.append(f"{where}: {shown} is not a key Textual knows; ignored")
            continue
        keymap[binding_id] = ",".join(keys)
    warnings.extend(faults[:MAX_WARNINGS])
    if len(faults) > MAX_WARNINGS:
        warnings.append(f"{path.name}: {len(faults) - MAX_WARNINGS:,} more lines ignored (unknown ids or bad keys)")
    return keymap, warnings, lines


def clashes(
    groups: Iterable[Iterable[Binding]], keymap: dict[str, str], path: Path, lines: dict[str, int]
) -> list[str]:
    """One warning, at most, for the keys the keymap gives to a binding while another binding active at the
    same time (the app and its columns; each modal screen on its own) still has them: the first clash
    is named, the others counted (all 71 ids bound to one key must not bury the screen in notices)."""
    found = []
    for group in groups:
        keys_of = {b.id: _keys(keymap.get(b.id, b.key)) for b in group if b.id}
        for mine in sorted(keymap):
            if mine not in keys_of:
                continue
            for other, keys in keys_of.items():
                shared = sorted(keys_of[mine] & keys) if other != mine else []
                if shared:
                    found.append(f"line {lines.get(mine, '?')}: {', '.join(shared)} is also the key of {other}")
    found = list(dict.fromkeys(found))  # the app's bindings stand in two groups: each clash counted once
    if not found:
        return []
    more = f" (and {len(found) - 1:,} more clashes)" if len(found) > 1 else ""
    return [f"{path.name} {found[0]}{more}; give them other keys"]


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
    try:
        os.lstat(path)
    except FileNotFoundError:
        return []
    except OSError:
        pass  # a folder one cannot enter: load_keymap says so
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
    keymap, warnings, lines = load_keymap(binding_ids(b for group in groups for b in group), path)
    warnings.extend(clashes(groups, keymap, path, lines))
    app.user_keymap = keymap
    if keymap:
        app.set_keymap(keymap)
    return warnings
