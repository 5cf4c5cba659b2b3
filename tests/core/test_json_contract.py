"""`reader --format json` keeps the contract of shared/spec/comparison-json.md, checked on the real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "prisoner-exchange"


@pytest.fixture(scope="module")
def report() -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--format", "json", str(CORPUS)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_top_level(report: dict) -> None:
    assert report["schema"] == "reader.comparison/1"
    assert {"articles", "claims", "details", "changes"} <= set(report)
    assert [a["index"] for a in report["articles"]] == list(range(5))


def test_articles_and_segments(report: dict) -> None:
    for art in report["articles"]:
        assert {"index", "path", "title", "text", "segments"} <= set(art)
        assert art["text"] == (CORPUS / Path(art["path"]).name).read_text(encoding="utf-8")
        for n, seg in enumerate(art["segments"]):
            assert seg["index"] == n and isinstance(seg["paragraph"], int)
            assert art["text"][seg["start"] : seg["end"]] == seg["text"]


def test_every_segment_in_exactly_one_claim(report: dict) -> None:
    members = [(m["article"], m["segment"]) for c in report["claims"] for m in c["members"]]
    expected = [(a["index"], s["index"]) for a in report["articles"] for s in a["segments"]]
    assert sorted(members) == sorted(expected)
    for n, claim in enumerate(report["claims"]):
        assert claim["index"] == n
        assert claim["status"] in {"same", "reworded", "altered", "unique"}
        assert (claim["status"] == "unique") == (len({m["article"] for m in claim["members"]}) == 1)


def test_altered_claims_have_an_altered_detail(report: dict) -> None:
    altered = {d["claim"] for d in report["details"] if d["kind"] == "altered"}
    for claim in report["claims"]:
        if claim["status"] == "altered":
            assert claim["index"] in altered


def test_details_and_changes_point_at_their_text(report: dict) -> None:
    texts = [a["text"] for a in report["articles"]]
    for d in report["details"]:
        assert d["kind"] in {"inserted", "altered"}
        assert d["category"] in {"number", "date", "name", "quote", "source"}  # no "other": a detail is a fact
        assert texts[d["article"]][d["start"] : d["end"]] == d["text"]
        assert (d["kind"] == "altered") == bool(d["counterparts"])
        for c in d["counterparts"]:
            assert texts[c["article"]][c["start"] : c["end"]] == c["text"]
    for ch in report["changes"]:
        assert ch["kind"] in {"inserted", "replaced"}
        assert texts[ch["article"]][ch["start"] : ch["end"]] == ch["text"]
        assert ch["against"] != ch["article"]


def test_unique_claims_need_no_changes(report: dict) -> None:
    unique = {c["index"] for c in report["claims"] if c["status"] == "unique"}
    assert not [ch for ch in report["changes"] if ch["claim"] in unique]


def test_moved_names_where_the_base_has_it(report: dict) -> None:
    moved = [m for c in report["claims"] for m in c.get("moved", [])]
    assert moved, "the corpus has claims that version 2 tells in another order"
    for m in moved:
        claim = next(c for c in report["claims"] if any(x == m for x in c.get("moved", [])))
        assert {"article": m["from"]["article"], "segment": m["from"]["segment"]} in claim["members"]
        assert {"article": m["article"], "segment": m["segment"]} in claim["members"]


def test_fact_fields(report: dict) -> None:
    """The fields docs/json-reference.md adds to each detail: role, against, value, speaker, layer."""
    texts = [a["text"] for a in report["articles"]]
    roles = {d["role"] for d in report["details"]}
    assert roles == {"inserted", "altered", "lacking"}
    for d in report["details"]:
        assert d["layer"] == "fact" and isinstance(d["value"], str) and d["value"]
        assert d["against"] is None or d["against"] != d["article"]
        if d["role"] == "lacking":
            assert d["kind"] == "inserted" and d["article"] == report["base"] and d["against"] is not None
        if d["role"] == "altered":
            assert d["kind"] == "altered" and all(c["value"] for c in d["counterparts"])
        for speaker in [d["speaker"]] + [c["speaker"] for c in d["counterparts"]]:
            if speaker is not None:
                assert texts[speaker["article"]][speaker["start"] : speaker["end"]] == speaker["text"]


def test_layers_and_cosmetic_spans(report: dict) -> None:
    texts = [a["text"] for a in report["articles"]]
    assert {ch["layer"] for ch in report["changes"]} <= {"cosmetic", "wording", "fact"}
    assert report["cosmetic"]
    for c in report["cosmetic"]:
        assert c["layer"] == "cosmetic" and texts[c["article"]][c["start"] : c["end"]] == c["text"]


def test_sources_per_article(report: dict) -> None:
    texts = [a["text"] for a in report["articles"]]
    assert [s["article"] for s in report["sources"]] == [a["index"] for a in report["articles"]]
    cited_by: dict[str, set[int]] = {}  # each source, under any of its names ("Peskov", "Dmitry Peskov")
    for s in report["sources"]:
        for c in s["cites"]:
            assert texts[s["article"]][c["start"] : c["end"]] == c["text"] and c["who"]
            cited_by.setdefault(c["source"], set()).add(s["article"])
    for s in report["sources"]:
        alone = {c["who"] for c in s["cites"] if cited_by[c["source"]] == {s["article"]}}
        assert s["only_here"] == sorted(alone)


def test_paragraph_links_follow_the_claims(report: dict) -> None:
    """Every paragraph link names two paragraphs that really tell a claim in common, as many as it says."""
    data = report
    links = data["paragraph_links"]
    assert links
    para = {(a["index"], s["index"]): s["paragraph"] for a in data["articles"] for s in a["segments"]}
    shared: dict[tuple[int, int, int, int], int] = {}
    for claim in data["claims"]:
        members = [(m["article"], m["segment"]) for m in claim["members"]]
        seen = set()
        for a, s in members:
            for b, t in members:
                key = (a, para[(a, s)], b, para[(b, t)])
                if a < b and key not in seen:
                    seen.add(key)
                    shared[key] = shared.get(key, 0) + 1
    assert {(x["article"], x["paragraph"], x["other"], x["other_paragraph"]): x["claims"] for x in links} == shared
