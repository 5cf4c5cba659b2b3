"""Themes: one TOML file per theme, bundled in `themes/` and added by users in their config folder.

A theme file holds Textual's theme colours plus the reader's own variables
(`reader-inserted`, `reader-number`, ...), which `app.tcss` uses. A file that
cannot be read or holds a bad colour is skipped with a warning: a broken user
theme must never stop the app from opening.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

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
    "reader-cursor": "#34405a",
    "reader-counterpart": "#2a3142",
    "reader-marker": "#e0af68",
    "reader-inserted": "#9ece6a",
    "reader-replaced": "#e0af68",
    "reader-number": "#ff9e64",
    "reader-date": "#7dcfff",
    "reader-name": "#bb9af7",
    "reader-quote": "#73daca",
    "reader-source": "#f7768e",
    "reader-other": "#c0caf5",
    "reader-unique": "#a9b1d6",
    "reader-moved": "#7dcfff",
    "reader-gap": "#5a6070",
    "reader-search": "#e0af68",
    "reader-fold": "#6b7280",
}


class ThemeError(Exception):
    """A theme file that cannot be used; the message names the file and the fault."""


@dataclass
class LoadedThemes:
    themes: dict[str, Theme] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def bundled_theme_dir() -> Traversable | None:
    """The bundled themes: `reader/_themes` in an installed wheel, else the checkout's `themes/`."""
    installed = resources.files("reader").joinpath("_themes")
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[2] / "themes"
    return checkout if checkout.is_dir() else None


def user_theme_dir() -> Path:
    """Where users put their own theme files: `$XDG_CONFIG_HOME/reader/themes` (~/.config by default)."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "reader" / "themes"


def parse_theme(text: str, where: str) -> Theme:
    """Build a Theme from the text of a theme file; raise ThemeError with a one-line reason."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"{where}: not valid TOML ({exc})") from None
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError(f'{where}: needs a name = "..."')
    if not isinstance(data.get("primary"), str):
        raise ThemeError(f"{where}: needs a primary colour")
    colours: dict[str, str] = {}
    for key in COLOUR_FIELDS:
        if key in data:
            colours[key] = _colour(data[key], f"{where}: {key}")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeError(f"{where}: [variables] must be a table")
    checked = {str(k): _colour(v, f"{where}: variables.{k}") for k, v in variables.items()}
    return Theme(name=name.strip(), dark=bool(data.get("dark", True)), variables=checked, **colours)


def _colour(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ThemeError(f"{where}: a colour must be a string")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeError(f"{where}: {value!r} is not a colour") from None
    return value


def _theme_files(folder: Traversable) -> list[Traversable]:
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)


def load_themes(user_dir: Path | None = None) -> LoadedThemes:
    """Bundled themes, then the user's (which may replace a bundled one of the same name)."""
    loaded = LoadedThemes()
    folders: list[Traversable] = []
    bundled = bundled_theme_dir()
    if bundled is not None:
        folders.append(bundled)
    user = user_dir if user_dir is not None else user_theme_dir()
    if user.is_dir():
        folders.append(user)
    for folder in folders:
        for file in _theme_files(folder):
            try:
                theme = parse_theme(file.read_text(encoding="utf-8"), file.name)
            except (OSError, UnicodeDecodeError) as exc:
                loaded.warnings.append(f"theme {file.name}: cannot read ({exc})")
                continue
            except ThemeError as exc:
                loaded.warnings.append(f"theme {exc}")
                continue
            loaded.themes[theme.name] = theme
    return loaded
