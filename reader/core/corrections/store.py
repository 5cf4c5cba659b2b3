"""Where corrections live: a small JSON file (schema reader.pairs/1), in the user's state folder or shared by hand.

The state folder is `$XDG_STATE_HOME/reader/pairs/` (default `~/.local/state/...`),
one file per set of versions, named by the versions' content: the same texts
reopen with the same corrections, wherever their files are. When no file is kept
for exactly these texts, the latest file sharing a version with them is read
(one version was edited): its corrections that still fit are kept, the rest
dropped with a note. Nothing is ever written next to an input.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.core.corrections.apply import PAIR, UNPAIR, Correction, SentenceRef, version_hash
from reader.model.comparison import Article

SCHEMA = "reader.pairs/1"
MAX_BYTES = 10_000_000  # thousands of corrections fit in far less; more is not a pairs file


class PairsError(ValueError):
    """A pairs file that cannot be read: the message is one line, naming the file and what is wrong."""


def state_dir() -> Path:
    root = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(root) / "reader" / "pairs"


def set_key(versions: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(sorted(versions)).encode()).hexdigest()[:20]


def state_file(articles: Sequence[Article]) -> Path:
    return state_dir() / f"{set_key([version_hash(a) for a in articles])}.json"


def dumps(articles: Sequence[Article], corrections: Sequence[Correction]) -> str:
    doc = {
        "schema": SCHEMA,
        "versions": [{"hash": version_hash(a), "name": a.name} for a in articles],
        "corrections": [_correction_dict(c) for c in corrections],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _correction_dict(c: Correction) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": c.kind, "sentence": _ref_dict(c.sentence)}
    if c.partner is not None:
        out["partner"] = _ref_dict(c.partner)
    return out


def _ref_dict(r: SentenceRef) -> dict[str, Any]:
    return {"version": r.version, "index": r.index, "text": r.text}


def loads(text: str, name: str) -> tuple[tuple[str, ...], list[Correction]]:
    """(the version hashes the file was made for, its corrections); PairsError if it is not a pairs file."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PairsError(f"{name}: not a pairs file (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise PairsError(f'{name}: not a pairs file (no "schema": "{SCHEMA}")')
    try:
        versions = tuple(str(v["hash"]) for v in doc.get("versions", []))
        return versions, [_correction(c) for c in doc["corrections"]]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PairsError(f"{name}: a correction is malformed ({type(exc).__name__}: {exc})") from None


def _correction(d: dict[str, Any]) -> Correction:
    kind = d["kind"]
    if kind not in (PAIR, UNPAIR):
        raise ValueError(f"unknown kind {kind!r}")
    partner = _ref(d["partner"]) if kind == PAIR else None
    return Correction(kind, _ref(d["sentence"]), partner)


def _ref(d: dict[str, Any]) -> SentenceRef:
    index = d["index"]
    if not isinstance(index, int) or isinstance(index, bool):
        raise ValueError(f"index {index!r} is not a number")
    return SentenceRef(str(d["version"]), index, str(d["text"]))


def read(path: Path | str) -> list[Correction]:
    """The corrections of a pairs file given by the user (--pairs FILE); PairsError when unreadable."""
    name = str(path)
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise PairsError(f"{name}: over {MAX_BYTES // 1_000_000} MB, too large for a pairs file")
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PairsError(f"{name}: no such pairs file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PairsError(f"{name}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    return loads(text, name)[1]


def read_state(articles: Sequence[Article]) -> list[Correction]:
    """The corrections kept for these versions (or for the latest set sharing one of them); PairsError if corrupt."""
    exact = state_file(articles)
    if exact.is_file():
        return read(exact)
    mine = {version_hash(a) for a in articles}
    folder = state_dir()
    try:
        candidates = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    for path in candidates:
        try:
            versions, corrections = loads(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError, PairsError):
            continue
        if mine & set(versions):
            return corrections
    return []


def write_state(articles: Sequence[Article], corrections: Sequence[Correction]) -> Path:
    """Keep `corrections` for these versions, atomically. An empty list is kept too: it says these texts
    have no corrections, so an older set sharing a version is not read in their place. OSError if it cannot."""
    target = state_file(articles)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".pairs-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(dumps(articles, corrections))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def merged(first: Sequence[Correction], then: Sequence[Correction]) -> list[Correction]:
    """`first`, then those of `then` it does not hold already (an imported file over the kept state)."""
    seen = set(first)
    return [*first, *(c for c in then if c not in seen)]
