"""Themes: one TOML file per theme, bundled in `themes/` and added by users in their config folder.

A theme file holds Textual's theme colours plus the reader's own variables
(`reader-inserted`, `reader-number`, ...), which `app.tcss` uses. A file that
cannot be read or holds a bad colour is skipped with a warning: a broken user
theme must never stop the app from opening.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader.core import UserFileError, parse_toml, read_user_text
from reader.model import visible

DEFAULT_THEME = "reader-dark"
NO_COLOR_THEME = "reader-mono"

COLOUR_FIELDS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "warning",
    "error",
    "success",
    "boost",
)

# Fallbacks for every reader variable, so Textual's own themes (chosen from the palette) still work.
VARIABLE_DEFAULTS: dict[str, str] = {
    "reader-cursor": "#252e41",
    "reader-counterpart": "#222836",
    "reader-marker": "#e0af68",
    "reader-inserted": "#9ece6a",
    "reader-replaced": "#e0af68",
    "reader-number": "#ff9e64",
    "reader-date": "#7dcfff",
    "reader-name": "#bb9af7",
    "reader-quote": "#73daca",
    "reader-source": "#f77b92",
    "reader-unique": "#a9b1d6",
    "reader-moved": "#7dcfff",
    "reader-dropped": "#d5d8e0",
    "reader-gap": "#7f869b",
    "reader-search": "#e0af68",
    "reader-fold": "#828996",
}


class ThemeError(Exception):
    """A theme file that cannot be used; the message names the file and the fault."""

    def __init__(self, message: str, name: str | None = None) -> None:
        super().__init__(message)
        self.name = name  # the name the file gives its theme, when it was read that far


@dataclass
class LoadedThemes:
    themes: dict[str, Theme] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # a theme name (file stem or declared) -> why it was skipped


def bundled_theme_dir() -> Path | None:
    """The bundled themes: `reader/_themes` in an installed wheel, else the checkout's `themes/`.

    Found beside this file, not through importlib.resources (whose import, with zipfile's, cost the app
    1.5 ms before its first frame): the package is installed as files, never zipped."""
    installed = Path(__file__).resolve().parents[1] / "_themes"
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[2] / "themes"
    return checkout if checkout.is_dir() else None


def user_theme_dir() -> Path:
    """Where users put their own theme files: `$XDG_CONFIG_HOME/reader/themes` (~/.config by default)."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "reader" / "themes"


# A theme's name becomes a CSS class and a palette entry: plain words only.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
MAX_THEME_BYTES = 64 * 1024


def parse_theme(text: str, where: str) -> Theme:
    """Build a Theme from the text of a theme file; raise ThemeError with a one-line reason.

    The file is data: its values are checked, never interpreted as markup or code."""
    if len(text) > MAX_THEME_BYTES:
        raise ThemeError(f"{where}: too large for a theme file (over {MAX_THEME_BYTES // 1024} KB)")
    try:
        data = parse_toml(text, where)
    except UserFileError as exc:
        raise ThemeError(str(exc)) from None
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError(f'{where}: needs a name = "..."')
    if not _NAME.fullmatch(name.strip()):
        raise ThemeError(f"{where}: name {name.strip()[:40]!r} must be letters, digits, - or _", name.strip())
    if not isinstance(data.get("primary"), str):
        raise ThemeError(f"{where}: needs a primary colour")
    colours: dict[str, Any] = {}  # Theme's colour fields, by name
    for key in COLOUR_FIELDS:
        if key in data:
            colours[key] = _colour(data[key], f"{where}: {key}")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeError(f"{where}: [variables] must be a table")
    for key in variables:
        if not _NAME.fullmatch(str(key)):
            raise ThemeError(f"{where}: variable {str(key)[:40]!r} must be letters, digits, - or _")
    checked = {str(k): _colour(v, f"{where}: variables.{k}") for k, v in variables.items()}
    return Theme(name=name.strip(), dark=bool(data.get("dark", True)), variables=checked, **colours)


def _colour(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ThemeError(f"{where}: a colour must be a string")
    try:
        Color.parse(value)
    except (ColorParseError, ValueError, TypeError):
        raise ThemeError(f"{where}: {value[:40]!r} is not a colour") from None
    return value


def _theme_files(folder: Path, warnings: list[str]) -> list[Path]:
    try:
        files = [f for f in folder.iterdir() if f.name.endswith(".toml")]
    except OSError as exc:
        warnings.append(f"themes folder {folder}: cannot read ({exc.strerror or exc})")
        return []
    return sorted(files, key=lambda f: f.name)


def _read_theme(file: Path) -> str:
    """A theme file's text, through the user-file helper: a regular file no larger than a theme can be."""
    try:
        text = read_user_text(file, MAX_THEME_BYTES)
    except UserFileError as exc:
        raise ThemeError(str(exc).replace(str(file), file.name, 1)) from None
    if text is None:
        raise ThemeError(f"{file.name}: no such file")
    return text


def load_themes(user_dir: Path | None = None) -> LoadedThemes:
    """Bundled themes, then the user's (which may replace a bundled one of the same name).

    A file that cannot be used is skipped with a warning naming it and the reason: a broken
    user theme never stops the app from opening."""
    loaded = LoadedThemes()
    folders: list[Path] = []
    bundled = bundled_theme_dir()
    if bundled is not None:
        folders.append(bundled)
    user = user_dir if user_dir is not None else user_theme_dir()
    try:
        if user.is_dir():
            folders.append(user)
    except OSError as exc:
        loaded.warnings.append(f"themes folder {user}: cannot read ({exc.strerror or exc})")
    for folder in folders:
        for file in _theme_files(folder, loaded.warnings):
            try:
                theme = parse_theme(_read_theme(file), file.name)
            except ThemeError as exc:
                loaded.warnings.append(f"theme {exc}")
                for name in {file.name.removesuffix(".toml"), exc.name} - {None}:
                    loaded.skipped.setdefault(str(name), str(exc))
                continue
            loaded.themes[theme.name] = theme
    loaded.warnings = [visible(w, keep_newlines=False) for w in loaded.warnings]
    loaded.skipped = {name: visible(why, keep_newlines=False) for name, why in loaded.skipped.items()}
    return loaded
