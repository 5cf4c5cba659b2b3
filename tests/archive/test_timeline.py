"""A history read as a timeline: each claim's events against the version before, each fact's changes."""

from __future__ import annotations

import pytest

from reader.core import (
    ChangeCounts,
    Source,
    carried_span,
    change_counts,
    claim_events,
    compare_versions,
    is_history,
    same_values,
    time_labels,
)
from reader.model import Comparison
from reader.ui.tables import ClaimsTable, FactsTable

A = "Talks resumed in Geneva on Tuesday."
B = "The delegations agreed to exchange 12 prisoners each."
B2 = "The delegations agreed to exchange 15 prisoners each."
B3 = "The delegations agreed to exchange twelve prisoners each."  # the same value, other words
C = "The Red Cross will oversee the exchange."
STAMPS = (
    "2026-12-05T10:00:00.000Z",
    "2026-12-05T11:00:00.000Z",
    "2026-12-05T12:00:00.000Z",
    "2026-12-05T13:00:00.000Z",
)


def _history(*texts: str, fetched: bool = True) -> Comparison:
    return compare_versions(
        [Source("https://x.example/live", t, fetched=STAMPS[k] if fetched else "") for k, t in enumerate(texts)]
    )


def _events(comparison: Comparison, sentence: str) -> tuple[str, ...]:
    for claim in comparison.claims:
        article = claim.articles[0]
        seg = comparison.articles[article].segments[claim.segments_of(article)[0]]
        if seg.text.strip() == sentence:
            return claim_events(comparison, claim)
    raise AssertionError(f"no claim for {sentence!r}")


@pytest.mark.parametrize(
    ("versions", "sentence", "events"),
    [
        ((f"{A} {B}", f"{A} {B}"), A, ("first", "same")),
        ((f"{A} {B}", f"{A} {B2}"), B, ("first", "changed")),
        ((f"{A} {B}", f"{A} {B3}"), B, ("first", "same")),  # twelve = 12: not a change
        ((f"{A}", f"{A} {C}", f"{A} {C}"), C, ("absent", "new", "same")),
        ((f"{A} {C}", f"{A}", f"{A}"), C, ("first", "removed", "absent")),
        ((f"{A} {C}", f"{A}", f"{A} {C}"), C, ("first", "removed", "back")),
    ],
)
def test_claim_events(versions: tuple[str, ...], sentence: str, events: tuple[str, ...]) -> None:
    assert _events(_history(*versions), sentence) == events


def test_only_versions_with_fetch_times_in_order_are_a_history() -> None:
    assert is_history(_history(A, B))
    assert not is_history(_history(A, B, fetched=False))
    comparison = compare_versions(
        [Source("u", A, fetched=STAMPS[1]), Source("u", B, fetched=STAMPS[0])]  # not in fetch order
    )
    assert not is_history(comparison)


def test_change_counts_in_words() -> None:
    assert change_counts(_history(f"{A} {B}", f"{A} {B2} {C}")).words() == "1 claim altered, 1 inserted"
    assert ChangeCounts(altered=2, removed=1).words() == "2 claims altered, 1 removed"
    assert ChangeCounts().words().startswith("form only")


@pytest.mark.usefixtures("utc")
def test_time_labels_add_seconds_only_where_needed() -> None:
    assert time_labels(["2026-12-05T10:00:00.000Z", "2026-12-05T11:30:00.000Z"])[1].startswith("5 Dec 11:30")
    assert time_labels(["2026-12-05T10:00:01.000Z", "2026-12-05T10:00:09.000Z"])[1].endswith("10:00:09")


@pytest.mark.usefixtures("utc")
def test_the_claims_table_of_a_history_shows_events() -> None:
    comparison = _history(f"{A} {B} {C}", f"{A} {B2} {C}", f"{A} {B2}")
    rows = {r.label: r for r in ClaimsTable().rows(comparison, "all", "reading order")}
    glyphs = {label: "".join(c.text for c in row.cells) for label, row in rows.items()}
    assert glyphs == {A: "===", B: "=~=", C: "==×"}
    changed = rows[B]
    line = ClaimsTable().describe(comparison, changed, 1)
    assert line.startswith("#2 changed 11:00 · 2 (11:00): changed · The delegations"), line


def test_outside_a_history_the_claims_table_is_as_before() -> None:
    comparison = _history(f"{A} {B} {C}", f"{A} {B2} {C}", f"{A} {B2}", fetched=False)
    cells = ["".join(c.text for c in r.cells) for r in ClaimsTable().rows(comparison, "all", "reading order")]
    assert "==×" not in cells and "=~=" not in cells


@pytest.mark.usefixtures("utc")
def test_the_facts_table_says_when_a_fact_changed() -> None:
    comparison = _history(f"{A} {B}", f"{A} {B}", f"{A} {B2}")
    rows = FactsTable().rows(comparison, "all", "reading order")
    number = next(r for r in rows if r.kind == "number")
    assert number.label == "number #2 changed 12:00"
    line = FactsTable().describe(comparison, number, 2)
    assert line.startswith("number #2 changed") and "“15 prisoners” (was “12 prisoners”)" in line, line


@pytest.mark.usefixtures("utc")
@pytest.mark.parametrize(("first", "other_form", "other_value"), [("12", "twelve", "15"), ("1,000", "1000", "1,500")])
def test_the_facts_table_times_a_change_of_value_not_of_form(first: str, other_form: str, other_value: str) -> None:
    """A number written another way is the same fact: the table times only the version that changes its value,
    and the version between tells it in its own words (the claims timeline says `same` there too)."""
    told = [f"{A} The delegations agreed to exchange {n} prisoners each." for n in (first, other_form, other_value)]
    comparison = _history(*told)
    assert _events(comparison, told[0].removeprefix(f"{A} ")) == ("first", "same", "changed")
    number = next(r for r in FactsTable().rows(comparison, "all", "reading order") if r.kind == "number")
    assert number.label == "number #2 changed 12:00"
    assert [c.text for c in number.cells] == [f"{n} prisoners" for n in (first, other_form, other_value)]
    line = FactsTable().describe(comparison, number, 1)
    assert line.startswith(f"number #2 changed 12:00 “{other_value} prisoners” (was “{other_form} prisoners”) · "), line
    assert line.endswith(f"2 (11:00): “{other_form} prisoners”"), line


@pytest.mark.usefixtures("utc")
def test_a_number_in_other_words_keeps_its_value_in_a_sentence_reworded_around_it() -> None:
    told = [
        f"{A} The delegations agreed to exchange 12 prisoners each.",
        f"{A} The two delegations agreed after long talks to exchange twelve prisoners each.",
        f"{A} The two delegations agreed after long talks to exchange 15 prisoners each.",
    ]
    comparison = _history(*told)
    number = next(r for r in FactsTable().rows(comparison, "all", "reading order") if r.kind == "number")
    assert number.label == "number #2 changed 12:00"
    assert [c.text for c in number.cells] == ["12 prisoners", "twelve prisoners", "15 prisoners"]


@pytest.mark.usefixtures("utc")
def test_a_value_given_back_in_other_words_is_told_not_gone() -> None:
    """12 -> 15 -> twelve: the last version tells the first one's value, though not its neighbour's."""
    told = [f"{A} The delegations agreed to exchange {n} prisoners each." for n in ("12", "15", "twelve")]
    comparison = _history(*told)
    number = next(r for r in FactsTable().rows(comparison, "all", "reading order") if r.kind == "number")
    assert [c.text for c in number.cells] == ["12 prisoners", "15 prisoners", "twelve prisoners"]
    line = FactsTable().describe(comparison, number, 2)
    assert "12:00 “twelve prisoners” (was “15 prisoners”)" in line, line


@pytest.mark.usefixtures("utc")
def test_a_small_number_in_words_is_the_same_value_as_in_digits_with_what_it_counts() -> None:
    """15 -> 12 -> twelve: "twelve prisoners" carries the value 12 alone, "12 prisoners" the value with its noun;
    the engine reads them as one count, so the table times only 11:00."""
    told = [f"{A} The delegations agreed to exchange {n} prisoners each." for n in ("15", "12", "twelve")]
    comparison = _history(*told)
    number = next(r for r in FactsTable().rows(comparison, "all", "reading order") if r.kind == "number")
    assert number.label == "number #2 changed 11:00"
    assert same_values("12 prisoners", "12") and not same_values("12 prisoners", "12 soldiers")
    assert not same_values("dmitry peskov", "dmitry")  # a name is no number told alone


def test_a_word_carried_from_a_quotation_takes_no_space_for_its_mark() -> None:
    """‘extremist’ quoted in one version, extremist unquoted in the other: the carried span is the word alone."""
    comparison = compare_versions(
        [
            Source(f"v{k}", f"Russia banned the platform as {w} last year.")
            for k, w in enumerate(("‘extremist’", "extremist"))
        ]
    )
    claim = comparison.claims[0]
    start = comparison.articles[0].text.index("‘")
    span = carried_span(comparison, claim, 0, 1, start, start + len("‘extremist’"))
    assert span is not None and comparison.articles[1].text[span[0] : span[1]] == "extremist"


@pytest.mark.parametrize(
    ("source", "occurrence"),
    [("Twelve prisoners were freed by guards on Monday.", 0), ("On Monday guards freed twelve prisoners.", 1)],
)
def test_a_fact_told_twice_in_a_reworded_sentence_is_carried_to_the_place_as_far_along(
    source: str, occurrence: int
) -> None:
    """Told twice, the words still give the same value: the cell takes the one as far along the claim."""
    target = "On Monday 12 prisoners were freed, and guards freed 12 prisoners."
    comparison = compare_versions([Source("v1", source), Source("v2", target)])
    start = source.casefold().index("twelve")
    span = carried_span(comparison, comparison.claims[0], 0, 1, start, start + len("twelve prisoners"))
    at = [k for k in range(len(target)) if target.startswith("12 prisoners", k)][occurrence]
    assert span == (at, at + len("12 prisoners")), span


@pytest.mark.usefixtures("utc")
def test_a_number_dropped_then_given_again_changes_twice() -> None:
    told = [
        f"{A} The delegations agreed to exchange 12 prisoners each.",
        f"{A} The two delegations agreed after long talks to exchange prisoners.",
        f"{A} The two delegations agreed after long talks to exchange 15 prisoners each.",
    ]
    number = next(r for r in FactsTable().rows(_history(*told), "all", "reading order") if r.kind == "number")
    assert number.label == "number #2 changed 11:00, 12:00"
    assert [c.text for c in number.cells] == ["12 prisoners", "", "15 prisoners"]


@pytest.mark.usefixtures("utc")
def test_a_quotation_in_other_quotation_marks_keeps_its_value_and_its_marks() -> None:
    said = ('"We will free every prisoner," said Peskov.', "“We will free every prisoner,” said Peskov.")
    comparison = _history(*(f"{A} {s}" for s in (*said, said[0].replace("every prisoner", "most prisoners"))))
    quote = next(r for r in FactsTable().rows(comparison, "all", "reading order") if r.kind == "quote")
    assert quote.label == "quote #2 changed 12:00"
    assert quote.cells[1].text == "“We will free every prisoner,”"


def test_the_json_report_carries_events_only_for_a_history() -> None:
    from reader.export.json import to_dict

    history = to_dict(_history(f"{A} {B}", f"{A} {B2}"))
    assert sorted(c["events"] for c in history["claims"]) == [["first", "changed"], ["first", "same"]]
    plain = to_dict(_history(f"{A} {B}", f"{A} {B2}", fetched=False))
    assert all("events" not in c for c in plain["claims"]) and all("fetched" not in a for a in plain["articles"])
