"""Where corrections live: a small JSON file (schema reader.pairs/1), in the user's state folder or shared by hand.

The state folder is `$XDG_STATE_HOME/reader/pairs/` (default `~/.local/state/...`),
one file per set of versions, named by the versions' content: the same texts
reopen with the same corrections, wherever their files are. When no file is kept
for exactly these texts, the latest file sharing a version with them is read
(one version was edited): its corrections that still fit are kept, the rest
dropped with a note. Nothing is ever written next to an input.

The kept file is the user's work, so it is never lost:
- an entry that cannot be read is skipped with a note and the others are kept; when the file is next
  written, the file as it was is first moved aside to `NAME.bad` (said in a notice);
- a file that cannot be read at all (permissions, not a regular file, too large) or that a newer
  reader wrote (another schema) is never replaced: the corrections of the session are not kept, said once;
- a save reads the file again under a lock (`NAME.lock`, flock) and merges: what this session added
  or took back since it last saved is applied to what is there, so two windows on the same texts
  keep each other's corrections; the new text goes to a temporary file in the same folder, is synced,
  and renamed over the file (through a symbolic link, onto its target: the link stays).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.corrections.apply import PAIR, UNPAIR, Correction, SentenceRef, version_hash
from reader.core.input.userfile import NotText, UserFileError, parse_json, read_user_text
from reader.model.comparison import Article

SCHEMA = "reader.pairs/1"
_SCHEMA_FAMILY = re.compile(r"reader\.pairs/\S+")
MAX_BYTES = 10_000_000  # thousands of corrections fit in far less; more is not a pairs file
STATE_NAME = re.compile(r"[0-9a-f]{20}\.json")  # the files the reader writes; anything else in the folder is left be
MAX_NEIGHBOURS = 200  # the latest state files looked at for a set sharing a version
MAX_TEXT = 100_000  # a sentence's text in a reference (a longer one is not a sentence of ours)
SHOWN_BAD = 1  # entries named in the note about unreadable entries; the rest are counted


class CorrectionsError(ValueError):
    """A pairs file that cannot be read: the message is one line, naming the file and what is wrong."""


class ForeignPairs(CorrectionsError):
    """A pairs file of another schema (a newer reader's): read nothing from it and never write over it."""


class UnreadablePairs(CorrectionsError):
    """A pairs file that could not be read at all (permissions, not a regular file, too large): never replaced."""


@dataclass
class PairsFile:
    """What a pairs file holds: the versions it was made for, the corrections that could be read,
    and one reason per entry that could not (those are skipped, never fatal)."""

    versions: tuple[str, ...]
    corrections: list[Correction]
    bad: list[str] = field(default_factory=list)

    def bad_note(self, name: str) -> str | None:
        """One line about the skipped entries, or None when every entry was read."""
        if not self.bad:
            return None
        total = len(self.bad) + len(self.corrections)
        shown = "; ".join(self.bad[:SHOWN_BAD]) + (
            f"; {len(self.bad) - SHOWN_BAD:,} more" if len(self.bad) > SHOWN_BAD else ""
        )
        return f"{name}: {len(self.bad):,} of {total:,} corrections unreadable and skipped ({shown})"


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


def loads(text: str, name: str) -> PairsFile:
    """The pairs file in `text`; CorrectionsError when it is not one at all (not JSON, no schema),
    ForeignPairs when another reader.pairs schema. Malformed entries are skipped, each with its reason."""
    try:
        doc = parse_json(text, name)
    except UserFileError as exc:
        raise CorrectionsError(str(exc).replace(": not JSON", ": not a pairs file", 1)) from None
    schema = doc.get("schema") if isinstance(doc, dict) else None
    if schema != SCHEMA:
        if isinstance(schema, str) and _SCHEMA_FAMILY.fullmatch(schema):
            raise ForeignPairs(f"{name}: written as {schema[:40]}, which this reader cannot read ({SCHEMA})")
        raise CorrectionsError(f'{name}: not a pairs file (no "schema": "{SCHEMA}")')
    versions = doc.get("versions", [])
    entries = doc.get("corrections")
    if not isinstance(versions, list) or not isinstance(entries, list):
        raise CorrectionsError(f'{name}: not a pairs file ("versions" and "corrections" must be lists)')
    found = PairsFile(tuple(v["hash"] for v in versions if isinstance(v, dict) and isinstance(v.get("hash"), str)), [])
    for n, entry in enumerate(entries, 1):
        try:
            found.corrections.append(_correction(entry))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            what = f"no {exc}" if isinstance(exc, KeyError) else str(exc)
            found.bad.append(f"entry {n}: {what[:80]}")
    return found


def _correction(d: Any) -> Correction:
    if not isinstance(d, dict):
        raise ValueError("not an object")
    kind = d["kind"]
    if kind not in (PAIR, UNPAIR):
        raise ValueError(f"unknown kind {str(kind)[:20]!r}")
    partner = _ref(d["partner"]) if kind == PAIR else None
    return Correction(kind, _ref(d["sentence"]), partner)


def _ref(d: Any) -> SentenceRef:
    if not isinstance(d, dict):
        raise ValueError("a sentence is not an object")
    index, version, text = d["index"], d["version"], d["text"]
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise ValueError(f"index {str(index)[:20]!r} is not a sentence number")
    if not isinstance(version, str) or not isinstance(text, str) or len(text) > MAX_TEXT:
        raise ValueError("a sentence's version and text must be text")
    return SentenceRef(version, index, text)


def read_pairs_file(path: Path | str) -> PairsFile:
    """A pairs file; UnreadablePairs when it cannot be read, CorrectionsError when it is not a pairs file."""
    name = str(path)
    try:
        text = read_user_text(path, MAX_BYTES)
    except NotText:  # read, but not a pairs file: may be moved aside
        raise CorrectionsError(f"{name}: not a pairs file (not UTF-8 text)") from None
    except UserFileError as exc:
        raise UnreadablePairs(str(exc)) from None
    if text is None:
        raise FileNotFoundError(name)
    return loads(text, name)


def read(path: Path | str) -> PairsFile:
    """A pairs file given by the user (--pairs FILE); CorrectionsError when it cannot be used."""
    try:
        return read_pairs_file(path)
    except FileNotFoundError:
        raise CorrectionsError(f"{path}: no such pairs file") from None


def refusal(exc: CorrectionsError) -> str:
    """What the user is told, once, about a kept file that is never replaced (on opening and at each save alike)."""
    return f"corrections not kept: {exc}; the file is left as it is"


@dataclass
class State:
    """What the state folder holds for a set of versions, as read when the app or a report opens them."""

    corrections: list[Correction]  # to apply: the exact file's, else the latest neighbour's
    exact: list[Correction]  # what the exact file holds (what a later save merges against)
    notes: list[str]


def read_state(articles: Sequence[Article]) -> State:
    """The corrections kept for these versions (or for the latest set sharing one of them). Never raises:
    a file or folder that cannot be used is a note, and what could be read is kept."""
    exact = state_file(articles)
    try:
        found = read_pairs_file(exact)
    except FileNotFoundError:
        pass
    except (ForeignPairs, UnreadablePairs) as exc:
        return State([], [], [refusal(exc)])
    except CorrectionsError as exc:
        return State([], [], [f"kept corrections unreadable, starting without them: {exc}"])
    else:
        note = found.bad_note(str(exact))
        return State(found.corrections, list(found.corrections), [f"kept corrections: {note}"] if note else [])
    mine = {version_hash(a) for a in articles}
    try:
        candidates = _neighbours(exact.parent)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            return State([], [], [])
        return State([], [], [f"corrections not kept: cannot read {exact.parent} ({exc.strerror or exc})"])
    for path in candidates:
        try:
            found = read_pairs_file(path)
        except (OSError, CorrectionsError):
            continue
        if mine & set(found.versions):
            return State(found.corrections, [], [])
    return State([], [], [])


def _neighbours(folder: Path) -> list[Path]:
    """The state files of the folder, latest first: only names the reader gives, only regular files
    (a FIFO or a stray 3 GB file is never opened), the latest MAX_NEIGHBOURS."""
    dated: list[tuple[float, Path]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if not STATE_NAME.fullmatch(entry.name):
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            if entry.is_file() and info.st_size <= MAX_BYTES:
                dated.append((info.st_mtime, Path(entry.path)))
    dated.sort(key=lambda d: d[0], reverse=True)
    return [p for _, p in dated[:MAX_NEIGHBOURS]]


@dataclass
class Saved:
    """A save's outcome: what the file holds now and what to tell the user (a file moved aside)."""

    corrections: list[Correction]
    notes: list[str]


def merge(theirs: Sequence[Correction], base: Sequence[Correction], mine: Sequence[Correction]) -> list[Correction]:
    """A three-way merge, as version control does it: what `mine` added since `base` is appended to
    `theirs` (what the file holds now), and what it took back is removed from it; theirs' own are kept."""
    was, now = set(base), set(mine)
    out = [c for c in theirs if c not in was or c in now]
    held = set(out)
    out.extend(c for c in mine if c not in was and c not in held)
    return out


def save_state(articles: Sequence[Article], base: Sequence[Correction], mine: Sequence[Correction]) -> Saved:
    """Keep the session's corrections for these versions, merged into what the file holds now (another
    window may have written it since `base` was read). CorrectionsError when the file must not be replaced,
    OSError when it cannot be written. An empty list is kept too: it says these texts have no
    corrections, so an older set sharing a version is not read in their place."""
    path = state_file(articles)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        notes: list[str] = []
        try:
            found = read_pairs_file(path)
            theirs = found.corrections
            if found.bad:
                count = len(found.bad)
                notes.append(_move_aside(path, f"{count:,} unreadable correction{'s' if count > 1 else ''}"))
        except FileNotFoundError:
            theirs = list(base)  # nothing there (or removed by hand): this session's own
        except (ForeignPairs, UnreadablePairs):
            raise
        except CorrectionsError as exc:  # read, but not a pairs file: kept aside, never lost
            notes.append(_move_aside(path, str(exc).removeprefix(f"{path}: ")))
            theirs = []
        result = merge(theirs, base, mine)
        _write(path, dumps(articles, result))
    return Saved(result, notes)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive flock on `NAME.lock` beside the state file: one reader-merger-writer at a time."""
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _move_aside(path: Path, why: str) -> str:
    """Copy the file as it is to a free `NAME.bad` (`NAME.2.bad`, ...) before it is replaced, and say where.
    A copy, not a rename: a linked file may live on another file system, and the original stays until
    the new text is renamed over it."""
    target = path.with_name(path.name + ".bad")
    n = 1
    while target.exists() or target.is_symlink():
        n += 1
        target = path.with_name(f"{path.name}.{n}.bad")
    with open(os.path.realpath(path), "rb") as src, open(target, "xb") as dst:
        shutil.copyfileobj(src, dst)
        os.fsync(dst.fileno())
    return f"kept corrections: {path.name} held {why}; moved aside to {target}"


def _write(path: Path, text: str) -> None:
    """Replace the file's content atomically: a temporary file beside its target (the link's target when
    it is a symbolic link, so the link stays), synced, then renamed over it. The target's mode is kept."""
    target = Path(os.path.realpath(path))
    mode = 0o600
    try:
        info = target.stat()
        if not os.access(target, os.W_OK):
            raise PermissionError(13, "the file is read-only", str(target))
        mode = info.st_mode & 0o777
    except FileNotFoundError:
        pass
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".pairs-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def merged(first: Sequence[Correction], then: Sequence[Correction]) -> list[Correction]:
    """`first`, then those of `then` it does not hold already (an imported file over the kept state)."""
    seen = set(first)
    return [*first, *(c for c in then if c not in seen)]
