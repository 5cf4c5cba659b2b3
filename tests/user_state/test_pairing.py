"""Re-pair, un-pair and undo in the app: the claim changes, survives a restart, reaches the reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reader.core.corrections import store as pairs_store

from .conftest import open_app, until_ready

SIZE = (120, 36)
ABOUT = (0, 1)  # v1: "About 200 people attended the ceremony." paired with v2's "About 300 ..."
PLANNED = (1, 4)  # v2: "A second bridge is planned for 2030." told by v2 alone
TRAFFIC = (0, 3)  # v1: "Traffic will start next week." told by all three


def report(paths: list[str], *extra: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--format", "json", *extra, *paths],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=True,
    )
    return json.loads(out.stdout)


def claim_members(doc: dict, article: int, segment: int) -> tuple[list[tuple[int, int]], bool]:
    for claim in doc["claims"]:
        members = [(m["article"], m["segment"]) for m in claim["members"]]
        if (article, segment) in members:
            return members, claim.get("corrected", False)
    raise AssertionError("segment in no claim")


async def test_unpair_survives_a_restart_shows_in_json_and_undo_restores_it(story):
    before = report(story)
    assert claim_members(before, *ABOUT) == ([(0, 1), (1, 1)], False)

    app = open_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await until_ready(app, pilot)
        app.view.goto(*ABOUT)
        await pilot.press("x")
        await until_ready(app, pilot)
        claim = app.comparison.claim_of(*ABOUT)
        assert claim.status == "unique" and claim.corrected and claim.articles == (0,)
        assert app.comparison.claim_of(1, 1).status == "unique"
        assert (app.view.col, app.view.seg) == ABOUT  # the cursor stays on the sentence
        assert "only here" in str(app.query_one("#status").render())
    kept = pairs_store.state_file(app.comparison.articles)
    assert kept.is_file() and "About 200 people" in kept.read_text()

    assert claim_members(report(story), *ABOUT) == ([(0, 1)], True)

    again = open_app(story)  # a restart on the same texts
    async with again.run_test(size=SIZE) as pilot:
        await until_ready(again, pilot)
        assert again.comparison.claim_of(*ABOUT).articles == (0,)
        again.view.goto(*ABOUT)
        await pilot.press("u")
        await until_ready(again, pilot)
        restored = again.comparison.claim_of(*ABOUT)
        assert restored.articles == (0, 1) and not restored.corrected and restored.status == "altered"
    assert report(story) == before


async def test_pair_moves_a_sentence_into_the_claim_of_the_one_under_the_cursor(story):
    app = open_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await until_ready(app, pilot)
        app.view.goto(*PLANNED)
        await pilot.press("p")
        assert app.corrections.picked == PLANNED
        assert "pairing v2 sentence 5" in str(app.query_one("#status").render())
        app.view.goto(*TRAFFIC)
        await pilot.press("p")
        await until_ready(app, pilot)
        claim = app.comparison.claim_of(*PLANNED)
        assert claim.index == app.comparison.claim_of(*TRAFFIC).index
        assert claim.corrected and claim.status != "same"
        assert app.corrections.picked is None
        # word changes were computed for the new member against the base's sentence
        assert any(c.article == 1 for c in app.comparison.changes_in(claim.index))
        await pilot.press("u")
        await until_ready(app, pilot)
        assert app.comparison.claim_of(*PLANNED).articles == (1,)
        await pilot.press("u")  # nothing left to undo: a notice, no change
        await until_ready(app, pilot)
        assert any("No correction to undo" in n.message for n in app._notifications)
        assert app.comparison.claim_of(*PLANNED).articles == (1,)


async def test_p_twice_on_one_sentence_cancels_and_x_on_a_lone_sentence_does_nothing(story):
    app = open_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await until_ready(app, pilot)
        app.view.goto(*PLANNED)
        await pilot.press("p", "p")
        assert app.corrections.picked is None
        shown = app.comparison
        await pilot.press("x")
        assert app.comparison is shown
        assert not pairs_store.state_file(shown.articles).exists()


async def test_rebase_keeps_the_corrections(story):
    app = open_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await until_ready(app, pilot)
        app.view.goto(*ABOUT)
        await pilot.press("x")
        await until_ready(app, pilot)
        app.view.goto(1, 0)
        await pilot.press("b")
        await until_ready(app, pilot)
        assert app.comparison.base == 1
        assert app.comparison.claim_of(*ABOUT).articles == (0,)


async def test_pairs_file_is_imported_and_exported(story, tmp_path: Path):
    app = open_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await until_ready(app, pilot)
        app.view.goto(*ABOUT)
        await pilot.press("x")
        await until_ready(app, pilot)
    shared = tmp_path / "shared.pairs.json"
    subprocess.run([sys.executable, "-m", "reader", "--export-corrections", str(shared), *story], check=True)
    pairs_store.state_file(app.comparison.articles).unlink()  # a colleague, with nothing kept
    assert claim_members(report(story), *ABOUT)[0] == [(0, 1), (1, 1)]
    assert claim_members(report(story, "--corrections", str(shared)), *ABOUT) == ([(0, 1)], True)
    assert claim_members(report(story, "--pairs", str(shared)), *ABOUT) == ([(0, 1)], True)  # the older name

    colleague = open_app(story, corrections=pairs_store.read(shared).corrections)
    async with colleague.run_test(size=SIZE) as pilot:
        await until_ready(colleague, pilot)
        assert colleague.comparison.claim_of(*ABOUT).articles == (0,)


def test_a_correction_for_a_changed_version_is_dropped_with_a_notice(story, tmp_path: Path):
    shared = tmp_path / "p.json"
    subprocess.run([sys.executable, "-m", "reader", "--export-corrections", str(shared), *story], check=True)
    doc = json.loads(shared.read_text())
    assert doc["corrections"] == []
    doc["corrections"] = [
        {"kind": "unpair", "sentence": {"version": doc["versions"][0]["hash"], "index": 1, "text": "gone"}}
    ]
    shared.write_text(json.dumps(doc))
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--format", "json", "--corrections", str(shared), *story],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0
    assert out.stderr.startswith("reader: note: dropped a correction") and out.stderr.count("\n") == 1
    assert claim_members(json.loads(out.stdout), *ABOUT)[0] == [(0, 1), (1, 1)]


async def test_a_corrupt_state_file_is_a_notice_and_the_next_correction_replaces_it(story):
    app = open_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await until_ready(app, pilot)
        kept = pairs_store.state_file(app.comparison.articles)
    kept.parent.mkdir(parents=True)
    kept.write_text("{not json", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "reader", "--format", "json", *story], capture_output=True, text=True)
    assert out.returncode == 0 and out.stderr.startswith("reader: note: kept corrections unreadable")
    again = open_app(story)
    async with again.run_test(size=SIZE) as pilot:
        await until_ready(again, pilot)
        assert any("unreadable" in n.message for n in again._notifications)
        again.view.goto(*ABOUT)
        await pilot.press("x")
        await until_ready(again, pilot)
    assert len(pairs_store.read(kept).corrections) == 1


async def test_a_correction_on_a_version_that_changed_is_dropped_the_others_kept(story):
    app = open_app(story)
    async with app.run_test(size=SIZE) as pilot:
        await until_ready(app, pilot)
        app.view.goto(*ABOUT)
        await pilot.press("x")  # about v1's sentence: v1 will not change
        await until_ready(app, pilot)
        app.view.goto(*PLANNED)
        await pilot.press("p")
        app.view.goto(*TRAFFIC)
        await pilot.press("p")  # v2's sentence moved: v2 will change
        await until_ready(app, pilot)
    v2 = Path(story[1])
    v2.write_text(v2.read_text(encoding="utf-8").replace("Traffic will", "Cars will"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "reader", "--format", "json", *story], capture_output=True, text=True)
    assert out.returncode == 0
    assert (
        out.stderr
        == "reader: note: dropped a correction: “A second bridge is planned for 2030.” is no longer in its version\n"
    )
    doc = json.loads(out.stdout)
    assert claim_members(doc, *ABOUT) == ([(0, 1)], True)
    assert claim_members(doc, *PLANNED) == ([(1, 4)], False)


def test_export_never_writes_over_an_input_or_the_pairs_file(story, tmp_path: Path):
    before = Path(story[0]).read_bytes()
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--export-corrections", story[0], *story], capture_output=True, text=True
    )
    assert out.returncode == 2 and "is one of the inputs" in out.stderr and out.stderr.count("\n") == 1
    assert Path(story[0]).read_bytes() == before
    shared = tmp_path / "p.json"
    subprocess.run([sys.executable, "-m", "reader", "--export-corrections", str(shared), *story], check=True)
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--corrections", str(shared), "--export-corrections", str(shared), *story],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "refusing to write over it" in out.stderr
    assert sorted(p.name for p in Path(story[0]).parent.iterdir()) == ["v1.txt", "v2.txt", "v3.txt"]


def test_a_pairs_file_that_is_a_folder_binary_or_huge_is_one_line(story, tmp_path: Path):
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:
        out.truncate(pairs_store.MAX_BYTES + 1)
    for bad in (tmp_path, binary, huge, tmp_path / "missing.json"):
        out = subprocess.run(
            [sys.executable, "-m", "reader", "--format", "json", "--corrections", str(bad), *story],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 2 and out.stdout == ""
        assert out.stderr.startswith(f"reader: --corrections {bad}: ") and out.stderr.count("\n") == 1, out.stderr
