"""The user's defaults: `config.toml` in `$XDG_CONFIG_HOME/reader/` (default `~/.config/reader/`).

    theme = "reader-light"   # colour theme of the app
    view = "reading"         # the view the app opens in: aligned, reading, paragraphs, claims, facts, sources
    base = 2                 # the version the others are compared with (1..N)
    cosmetic = true          # show the cosmetic layer (case, punctuation, quote style) from the start

The command line wins over the file. A file that cannot be read, an unknown
setting or a bad value is a warning naming the line, and the default stands
(a view name the app does not have is said by the app, which knows its views).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core import UserFileError, parse_toml, read_user_text

KNOWN = {  # each setting, and what its value must be
    "theme": "a theme name",
    "view": "a view name",
    "base": "a version number from 1",
    "cosmetic": "true or false",
}


MAX_CONFIG_BYTES = 64_000  # config.toml and keymap.toml hold a few dozen lines


def config_dir() -> Path:
    root = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(root) / "reader"


@dataclass
class Settings:
    theme: str | None = None
    view: str | None = None
    base: int | None = None
    cosmetic: bool | None = None
    warnings: list[str] = field(default_factory=list)
    tell: Callable[[str], None] | None = None  # said at once (reports) rather than kept for the app to show

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.tell is not None:
            self.tell(message)

    def choose_base(self, given: int | None, count: int) -> int:
        """The base (from 1): the command line's, else the config's when these versions have it, else 1."""
        if given is not None:
            return given
        if self.base is not None and self.base > count:
            self.warn(f"config.toml: base = {self.base} but there are {count} versions; using 1")
            return 1
        return self.base or 1


def read_toml(path: Path, cap: int = MAX_CONFIG_BYTES) -> tuple[dict[str, Any], dict[str, int], list[str]]:
    """(the table at the top of a TOML file, the line of each top-level key, warnings); an absent file is empty.
    Read through the user-file helper: a FIFO, a device, a huge or deeply nested file is one warning."""
    try:
        text = read_user_text(path, cap)
        if text is None:
            return {}, {}, []
        table = parse_toml(text, str(path))
    except UserFileError as exc:
        return {}, {}, [f"{exc}; ignored"]
    return table, key_lines(text), []


_KEY_AT_LINE = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


def key_lines(text: str) -> dict[str, int]:
    """The line (from 1) where each top-level `key = value` stands, for warnings that name it."""
    lines: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("["):
            break  # a table: what follows is not top level
        m = _KEY_AT_LINE.match(line)
        if m:
            lines.setdefault(next(g for g in m.groups() if g is not None), n)
    return lines


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_dir() / "config.toml"
    table, lines, warnings = read_toml(path)
    settings = Settings(warnings=warnings)
    for key, value in table.items():
        where = f"{path} line {lines.get(key, '?')}"
        if key == "theme" and isinstance(value, str) and value:
            settings.theme = value
        elif key == "view" and isinstance(value, str) and value:  # the app knows its views and checks the name
            settings.view = value
        elif key == "base" and isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            settings.base = value
        elif key == "cosmetic" and isinstance(value, bool):
            settings.cosmetic = value
        elif key in KNOWN:
            wanted = KNOWN[key]
            settings.warnings.append(f"{where}: {key} = {value!r} is not {wanted}; ignored")
        else:
            settings.warnings.append(f"{where}: unknown setting {key!r} (known: {', '.join(KNOWN)}); ignored")
    return settings
