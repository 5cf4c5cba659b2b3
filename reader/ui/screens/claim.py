"""ClaimScreen: one claim in every version, stacked, with its word changes, details and why it was paired."""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.model import Article, Claim, Comparison, quoted, visible
from reader.ui.styling import STATUS_WORDS, sentence_spans, styled_text
from reader.ui.widgets.status import describe_claim
from reader.ui.wording import similarity_percent, version_name


def _quote(text: str, most: int = 80) -> str:
    return quoted(visible(text, keep_newlines=False), most)


FAR_APART = 0.25  # sentences this far apart in their texts (as a share of each text) were paired on words alone


def far_apart(comparison: Comparison, claim: Claim) -> str:
    """Where the claim's sentences stand in their texts, when they stand far apart (a pairing on a few
    shared words, not on place): "sentence 5 of 40 in 1 (a.txt), sentence 44 of 52 in 2 (b.txt)"; else ""."""
    places = {a: (claim.segments_of(a)[0], len(comparison.articles[a].segments)) for a in claim.articles}
    shares = [s / max(n - 1, 1) for s, n in places.values()]
    if max(shares) - min(shares) < FAR_APART:
        return ""
    return ", ".join(f"sentence {s + 1} of {n} in {version_name(comparison, a, 40)}" for a, (s, n) in places.items())


def joint(article: Article, before: int, after: int) -> str:
    """What stands between two sentences of one claim, so the reader sees where one ends.

    Neighbours in one paragraph keep the article's own spacing; sentences of different
    paragraphs go on separate lines; others of one paragraph are set a space apart.
    """
    first, second = article.segments[before], article.segments[after]
    if first.paragraph != second.paragraph:
        return "\n"
    between = article.text[first.end : second.start]
    if after == before + 1 and between and not between.strip():
        return visible(between)
    return " "


def claim_report(comparison: Comparison, article: int, segment: int, style_of: Callable[[str], Style]) -> list[Text]:
    """The panel's content as Rich Text blocks (plain strings only, never markup)."""
    claim = comparison.claim_of(article, segment)
    blocks = [Text(describe_claim(comparison, article, segment), style="bold")]
    why = Text("Why paired: ", style="bold")
    if len(claim.articles) > 1:
        why.append(f"similarity {similarity_percent(claim.score, claim.status)}%")
        if claim.shared_terms:
            why.append(" · shared rare words: " + ", ".join(claim.shared_terms))
        apart = far_apart(comparison, claim)
        if apart:
            why.append(" · far apart: " + apart, style="bold")
    else:
        why.append("not paired: only one version tells this")
    blocks.append(why)
    for a in range(len(comparison.articles)):
        art = comparison.articles[a]
        head = Text(
            f"{a + 1}{' ★base' if a == comparison.base else ''} · {visible(art.name, False)}",
            style="bold underline" if a == article else "bold",
        )
        if claim.is_moved_in(a):
            head.append("  ↕ moved")
        segs = claim.segments_of(a)
        if not segs:
            continue
        body = Text()
        for i, s in enumerate(segs):
            seg = art.segments[s]
            if i:
                body.append(joint(art, segs[i - 1], s))
            spans = sentence_spans(comparison, a, s)
            body.append_text(styled_text(art.text, seg.start, seg.end, spans, style_of))
        lines = [head, body]
        changes = comparison.changes_in(claim.index, a)
        if changes:
            against = ", ".join(version_name(comparison, b, 40) for b in sorted({c.against for c in changes}))
            told = list({(c.start, c.end, c.kind): c for c in changes}.values())  # the base's, once per version
            words = "; ".join(f"{c.kind} {_quote(c.text, 40)}" for c in told[:12])
            more = f" (+{len(told) - 12} more)" if len(told) > 12 else ""
            lines.append(Text(f"word changes against {against}: {words}{more}", style="italic"))
        lacked: dict[tuple[int, int, str], tuple[Text, set[int]]] = {}
        for d in comparison.details_in(claim.index, a):
            if d.fact_role == "lacking":  # a fact only this version has: one detail per version lacking it
                key = (d.start, d.end, d.category)
                if key not in lacked:
                    line = Text(f"  • {d.category} ")
                    line.append(_quote(d.text), style_of(f"detail-{d.category}"))
                    lacked[key] = (line, set())
                    lines.append(line)
                lacked[key][1].add(d.against or 0)
                continue
            line = Text(f"  • {d.fact_role} {d.category}: ")
            line.append(_quote(d.text), style_of(f"detail-{d.category}"))
            for span in d.counterparts:
                line.append(f"  ← {version_name(comparison, span.article, 40)} {_quote(span.text)}")
            lines.append(line)
        for line, versions in lacked.values():
            names = ", ".join(version_name(comparison, b, 40) for b in sorted(versions))
            line.append(f": {names} {'lacks' if len(versions) == 1 else 'lack'} it")
        blocks.append(Text("\n").join(lines))
    missing = [comparison.articles[a].name for a in range(len(comparison.articles)) if a not in claim.articles]
    if missing:
        blocks.append(Text("┄┄┄ not in: " + ", ".join(visible(m, False) for m in missing), style="dim"))
    return blocks


class ClaimScreen(ModalScreen[None]):
    """Enter opens it over the columns; Escape, Enter or q closes it."""

    BINDINGS = [
        Binding("escape,enter,q", "dismiss", "Close", id="close_claim"),
        Binding("j,down", "scroll_down", "Down", id="claim_down", show=False),
        Binding("k,up", "scroll_up", "Up", id="claim_up", show=False),
    ]

    def __init__(self, comparison: Comparison, article: int, segment: int, style_of: Callable[[str], Style]) -> None:
        super().__init__()
        self.blocks = claim_report(comparison, article, segment, style_of)
        self.claim = comparison.claim_of(article, segment)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="claim-panel") as panel:
            panel.border_title = f"Claim {self.claim.index + 1} · {STATUS_WORDS[self.claim.status]}"
            panel.border_subtitle = "Esc closes"
            for block in self.blocks:
                yield Static(block, classes="claim-block")

    def action_scroll_down(self) -> None:
        self.query_one("#claim-panel", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#claim-panel", VerticalScroll).scroll_up()
