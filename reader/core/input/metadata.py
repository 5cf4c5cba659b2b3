"""Metadata: the optional `story.toml` of a story folder (titles, outlet, date, order of versions).

    title = "Prisoner exchange, May 2024"          # the story, shown atop reports
    order = ["3-plan.txt", "1-peskov.txt"]         # these first, in this order; the rest after, by name

    [versions."1-peskov.txt"]
    title = "Peskov awaits Kyiv's list"
    outlet = "TASS"
    date = 2024-05-01                              # a TOML date or any string

Names are file names inside the folder. A mistake in the file is a one-line
error naming it: a silently ignored typo would mislabel a column.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.model.errors import InputError

METADATA_NAME = "story.toml"
MAX_METADATA_BYTES = 256 * 1024
VERSION_KEYS = ("title", "outlet", "date")
MAX_KEY_PARTS = 32


@dataclass(frozen=True)
class VersionMeta:
    title: str = ""
    outlet: str = ""
    date: str = ""


@dataclass(frozen=True)
class StoryMeta:
    title: str = ""
    order: tuple[str, ...] = ()
    versions: dict[str, VersionMeta] = field(default_factory=dict)


def read_story_meta(folder: Path) -> StoryMeta | None:
    """The folder's story.toml, checked; None when there is none."""
    path = folder / METADATA_NAME
    where = str(path)
    try:
        if not path.is_file():
            return None
        if path.stat().st_size > MAX_METADATA_BYTES:
            raise InputError(f"{where}: too large for a metadata file (over {MAX_METADATA_BYTES // 1024} KB)")
        with path.open("rb") as f:
            raw = f.read(MAX_METADATA_BYTES + 1)
        if len(raw) > MAX_METADATA_BYTES:
            raise InputError(f"{where}: too large for a metadata file (over {MAX_METADATA_BYTES // 1024} KB)")
        text = raw.decode("utf-8-sig")
        refuse_deep_keys(text, where)
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: not valid TOML ({exc})") from None
    except RecursionError:  # arrays or tables nested thousands deep: tomllib recurses
        raise InputError(f"{where}: not valid TOML (nested too deeply)") from None
    except OSError as exc:
        raise InputError(f"{where}: cannot read ({exc.strerror or exc})") from None
    return _parse(data, where)


def refuse_deep_keys(text: str, where: str) -> None:
    """tomllib takes quadratic time over a dotted key (`a.b.c... = 1`): 50,000 parts took a minute.
    No file of ours needs more than a few, so a key of more than MAX_KEY_PARTS parts is refused first."""
    for line in text.splitlines():
        key, eq, _value = line.partition("=")
        if eq and key.count(".") >= MAX_KEY_PARTS:
            raise InputError(f"{where}: not valid TOML (a key of more than {MAX_KEY_PARTS} dotted parts)")


def _text(value: object, where: str, key: str) -> str:
    if isinstance(value, str | int | float) or hasattr(value, "isoformat"):
        return " ".join(str(value).split())
    raise InputError(f"{where}: {key} must be a string")


def _parse(data: dict, where: str) -> StoryMeta:
    unknown = set(data) - {"title", "order", "versions"}
    if unknown:
        raise InputError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: title, order, versions)")
    order = data.get("order", [])
    if not isinstance(order, list) or not all(isinstance(n, str) for n in order):
        raise InputError(f"{where}: order must be a list of file names")
    if len(set(order)) != len(order):
        raise InputError(f"{where}: order names a file twice")
    versions: dict[str, VersionMeta] = {}
    raw_versions = data.get("versions", {})
    if not isinstance(raw_versions, dict):
        raise InputError(f"{where}: versions must be a table of file names")
    for name, entry in raw_versions.items():
        if not isinstance(entry, dict):
            raise InputError(f"{where}: versions.{name} must be a table")
        bad = set(entry) - set(VERSION_KEYS)
        if bad:
            raise InputError(
                f"{where}: versions.{name}: unknown key {sorted(bad)[0]!r} (known: {', '.join(VERSION_KEYS)})"
            )
        versions[name] = VersionMeta(**{k: _text(v, where, f"versions.{name}.{k}") for k, v in entry.items()})
    title = _text(data.get("title", ""), where, "title")
    return StoryMeta(title, tuple(order), versions)


def ordered(files: list[Path], meta: StoryMeta | None, where: str) -> list[Path]:
    """The folder's files: those `order` names first, in that order, then the rest by name."""
    if meta is None:
        return files
    by_name = {f.name: f for f in files}
    for name in [*meta.order, *meta.versions]:
        if name not in by_name:
            raise InputError(f"{where}/{METADATA_NAME}: {name!r} is not a version in this folder")
    first = [by_name[n] for n in meta.order]
    return first + [f for f in files if f.name not in meta.order]
