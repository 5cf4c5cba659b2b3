"""The corrections store never loses a correction: every corrupt form of a kept file, two writers at
once, a linked file, stray files in the state folder. The session and the store are driven directly
(as the app's workers do), on the bridge story."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core import compare_texts
from reader.core.corrections import apply as corrections
from reader.core.corrections import store as pairs_store
from reader.core.corrections.session import CorrectionSession
from tests.ui.conftest import BRIDGE

COMPARISON = compare_texts(BRIDGE)
ARTICLES = COMPARISON.articles


def good_corrections(count: int) -> list[corrections.Correction]:
    """`count` un-pairings that all apply, one after the other, to the bridge story."""
    found: list[corrections.Correction] = []
    for a in ARTICLES:
        for s in a.segments:
            c = corrections.unpair(COMPARISON, a.index, s.index)
            if len(corrections.apply(COMPARISON, [*found, c]).applied) == len(found) + 1:
                found.append(c)
            if len(found) == count:
                return found
    raise AssertionError("the story has too few paired sentences")


FIVE = good_corrections(6)
KEPT, NEW = FIVE[:5], FIVE[5]


def kept_file() -> Path:
    path = pairs_store.state_file(ARTICLES)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def kept_doc() -> dict:
    return json.loads(pairs_store.dumps(ARTICLES, KEPT))


def open_session(imported: list[corrections.Correction] | None = None) -> tuple[CorrectionSession, list[str]]:
    session = CorrectionSession(imported or [])
    result = session.open(COMPARISON)
    return session, list(result.notes)


def with_entry(n: int, entry: object) -> bytes:
    doc = kept_doc()
    doc["corrections"][n] = entry
    return json.dumps(doc).encode()


def entry_field(n: int, key: str, value: object) -> bytes:
    doc = kept_doc()
    doc["corrections"][n]["sentence"][key] = value
    return json.dumps(doc).encode()


BAD_ENTRIES = {
    "an index that is a string": entry_field(3, "index", "4"),
    "an index of 5,000 digits": json.dumps(kept_doc()).replace('"index": 0', '"index": ' + "7" * 5000, 1).encode(),
    "a negative index": entry_field(1, "index", -1),
    "an unknown kind": with_entry(2, {**kept_doc()["corrections"][2], "kind": "merge"}),
    "an entry that is a string": with_entry(0, "unpair this"),
    "an entry with no sentence": with_entry(4, {"kind": "unpair"}),
    "a text that is a number": entry_field(2, "text", 12),
}


@pytest.mark.parametrize("form", BAD_ENTRIES, ids=list(BAD_ENTRIES))
def test_one_bad_entry_keeps_the_others_and_the_file_goes_aside_before_it_is_replaced(form: str):
    path = kept_file()
    path.write_bytes(BAD_ENTRIES[form])
    session, notes = open_session()
    assert len(session.corrections) == 4, "the four good entries apply"
    assert len(notes) == 1 and "1 of 5 corrections unreadable and skipped (entry" in notes[0]
    assert path.read_bytes() == BAD_ENTRIES[form], "opening never writes"
    saved = session.add(NEW)
    aside = path.with_name(path.name + ".bad")
    assert aside.read_bytes() == BAD_ENTRIES[form]
    assert any(str(aside) in n for n in saved.notes)
    assert len(pairs_store.read(path).corrections) == 5
    assert not any(".bad" in n for n in session.undo().notes), "the next save has nothing to move aside"
    assert not path.with_name(path.name + ".2.bad").exists()


WHOLE_FILE = {
    "not JSON": b"{not json",
    "empty": b"",
    "not UTF-8": b'{"schema": "reader.pairs/1", "corrections": [\xff]}',
    "cut short": pairs_store.dumps(ARTICLES, KEPT).encode()[:300],
    "nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "a number of 5,000 digits": b"7" * 5000,
    "no schema": b'{"corrections": []}',
    "corrections that are not a list": b'{"schema": "reader.pairs/1", "corrections": 5}',
}


@pytest.mark.parametrize("form", WHOLE_FILE, ids=list(WHOLE_FILE))
def test_a_file_that_is_not_a_pairs_file_is_moved_aside_when_the_first_correction_is_kept(form: str):
    path = kept_file()
    path.write_bytes(WHOLE_FILE[form])
    session, notes = open_session()
    assert session.corrections == [] and len(notes) == 1 and "unreadable, starting without them" in notes[0]
    assert path.read_bytes() == WHOLE_FILE[form]
    saved = session.add(NEW)
    aside = path.with_name(path.name + ".bad")
    assert aside.read_bytes() == WHOLE_FILE[form] and any("moved aside" in n for n in saved.notes)
    assert pairs_store.read(path).corrections == [NEW]


def test_a_second_bad_file_goes_aside_under_a_name_of_its_own():
    path = kept_file()
    path.with_name(path.name + ".bad").write_text("earlier")
    path.write_bytes(b"{not json")
    session, _ = open_session()
    session.add(NEW)
    assert path.with_name(path.name + ".bad").read_text() == "earlier"
    assert path.with_name(path.name + ".2.bad").read_bytes() == b"{not json"


def refused(path: Path) -> None:
    """Open, correct twice: the file is never replaced, and the refusal is said once."""
    before = path.lstat()
    session, notes = open_session([NEW])  # an imported correction: opening wants to save it
    first = session.add(FIVE[0])
    second = session.add(FIVE[1])
    said = [*notes, *first.notes, *second.notes]
    assert len([n for n in said if "not kept" in n]) == 1, said
    assert len(session.corrections) == 3, "the session still applies them"
    after = path.lstat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert not path.with_name(path.name + ".bad").exists()


def test_a_newer_schema_is_never_written_over():
    path = kept_file()
    path.write_text(json.dumps({"schema": "reader.pairs/2", "corrections": {"a": 1}}))
    refused(path)


def test_a_fifo_is_never_opened_nor_replaced():
    path = kept_file()
    os.mkfifo(path)
    refused(path)


def test_a_folder_in_place_of_the_file_is_never_replaced():
    path = kept_file()
    path.mkdir()
    refused(path)


def test_a_sparse_3_gb_file_is_never_read_nor_replaced():
    path = kept_file()
    with path.open("wb") as f:
        f.truncate(3_000_000_000)
    refused(path)


def test_a_symlinked_state_file_is_written_through_to_its_target(tmp_path: Path):
    synced = tmp_path / "synced" / "pairs.json"
    synced.parent.mkdir()
    synced.write_text(pairs_store.dumps(ARTICLES, KEPT[:1]))
    path = kept_file()
    path.symlink_to(synced)
    session, notes = open_session()
    assert notes == [] and session.corrections == KEPT[:1]
    session.add(NEW)
    assert path.is_symlink() and os.readlink(path) == str(synced)
    assert pairs_store.read(synced).corrections == [KEPT[0], NEW]
    assert [p.name for p in synced.parent.iterdir()] == ["pairs.json"], "no temporary file left beside it"


def test_a_state_file_made_read_only_is_not_replaced():
    path = kept_file()
    path.write_text(pairs_store.dumps(ARTICLES, KEPT[:1]))
    path.chmod(0o444)
    if os.geteuid() == 0:
        pytest.skip("root may write a read-only file; the hostile table runs this row without that power")
    refused(path)


WRITER = """
import sys
from reader.core.corrections import store as pairs_store
from reader.core.corrections.apply import Correction, SentenceRef, UNPAIR
from reader.model import Article

articles = [Article(i, f"v{i}.txt", "", text, ()) for i, text in enumerate(sys.argv[2:])]
who = sys.argv[1]
mine, base = [], []
for n in range(40):
    mine.append(Correction(UNPAIR, SentenceRef("0" * 16, n, f"{who} {n}")))
    if n % 7 == 6:
        mine.remove(mine[-3])  # taken back: must leave the file too
    pairs_store.save_state(articles, base, mine)
    base = list(mine)
print(len(mine))
"""


def test_two_writers_at_once_keep_each_others_corrections(own_folders: Path):
    env = {**os.environ, "XDG_STATE_HOME": str(own_folders / "state")}
    texts = ["One text here.", "Another text there."]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, who, *texts], env=env, stdout=subprocess.PIPE, text=True)
        for who in ("left", "right")
    ]
    counts = [int(w.communicate(timeout=60)[0]) for w in writers]
    assert all(w.returncode == 0 for w in writers)
    from reader.model import Article

    articles = [Article(i, f"v{i}.txt", "", t, ()) for i, t in enumerate(texts)]
    kept = pairs_store.read(pairs_store.state_file(articles)).corrections
    by_writer = {who: [c.sentence.text for c in kept if c.sentence.text.startswith(who)] for who in ("left", "right")}
    assert [len(v) for v in by_writer.values()] == counts
    assert counts == [35, 35]
    taken_back = {n - 2 for n in range(40) if n % 7 == 6}
    for who in ("left", "right"):
        assert by_writer[who] == [f"{who} {n}" for n in range(40) if n not in taken_back]


def test_the_state_folder_never_reads_stray_files_whole_nor_waits_on_a_fifo():
    folder = kept_file().parent
    os.mkfifo(folder / ("a" * 20 + ".json"))  # named as a state file
    os.mkfifo(folder / "stray.json")
    with (folder / ("b" * 20 + ".json")).open("wb") as f:
        f.truncate(3_000_000_000)
    (folder / ("c" * 20 + ".json")).write_text("[" * 100_000)
    (folder / ("d" * 20 + ".json")).write_text("7" * 5000)
    start = time.monotonic()
    state = pairs_store.read_state(ARTICLES)
    assert time.monotonic() - start < 2
    assert state.corrections == [] and state.notes == []


def test_a_neighbour_sharing_a_version_is_read():
    other = [ARTICLES[0], ARTICLES[1]]
    path = pairs_store.state_file(other)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(pairs_store.dumps(other, KEPT[:2]))
    assert pairs_store.read_state(ARTICLES).corrections == KEPT[:2]


def test_a_state_folder_that_cannot_be_written_is_said_once(own_folders: Path):
    (own_folders / "state").mkdir()
    (own_folders / "state" / "reader").write_text("a file where the folder should be")
    session, notes = open_session()
    said = [*notes, *session.add(NEW).notes, *session.undo().notes, *session.add(NEW).notes]
    assert len(said) == 1 and said[0].startswith("corrections not kept: cannot read"), said
    assert len(session.corrections) == 1
