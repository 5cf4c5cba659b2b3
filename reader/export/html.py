"""The comparison as one self-contained HTML page: versions side by side, claim by claim.

For sharing with someone who does not run the reader: one file, no network, no
script at all (a Content-Security-Policy forbids any, in case escaping ever
failed), readable on screen and on paper. Each claim is a row, each version a
column, in the order of the comparison's claims (the app's order). What is
marked is the model's (`Comparison.report_marks`, the same runs as the Markdown
report): words a version inserts or replaces against the base, and on the base
the words a version drops, with colour and with underlines or strike-through,
so the cue survives black-and-white print and colour blindness. Facts are listed
under each claim, in the colours of the model's category table; sources at the end.

Article text is untrusted: it is escaped, and control characters (terminal
escapes, bidirectional overrides) are shown as visible placeholders first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from html import escape

from reader.model import CATEGORY_TABLE, STATUS_LABELS, Article, Claim, Comparison, Fact, Mark, unquoted, visible

_CONTROL_PICTURE = re.compile("[\u2400-\u2421]")
STATUS_MARKS = {"same": "=", "reworded": "≈", "altered": "≠", "unique": "+"}
CHANGE_TAGS = {"inserted": "ins", "replaced": "mark", "dropped": "span"}
# Category colours for light and dark pages, one per row of the model's category table.
CATEGORY_COLOURS = {
    "number": ("#b34700", "#ff9e64"),
    "date": ("#005f87", "#7dcfff"),
    "name": ("#6a3fb5", "#bb9af7"),
    "quote": ("#00736b", "#73daca"),
    "source": ("#b0003a", "#f7768e"),
}

CSS = """
:root { --bg:#fff; --fg:#1b1b1b; --muted:#5c5c5c; --rule:#d0d0d0; --head:#f3f3f3;
  --ins:#d7f5dc; --rep:#fff0b3; --del:#f3d6d6; --same:#f7f7f7; --altered:#ffe3e0; --unique:#e4efff; --link:#0b57d0; }
@media (prefers-color-scheme: dark) {
  :root { --bg:#161616; --fg:#e6e6e6; --muted:#a8a8a8; --rule:#3a3a3a; --head:#222;
    --ins:#1f4d2a; --rep:#5a4a00; --del:#4d2323; --same:#1c1c1c; --altered:#4d2320; --unique:#1c3354; --link:#8ab4f8; }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic",
    "Noto Sans Symbols 2", "Segoe UI Symbol", "Noto Color Emoji", "Apple Color Emoji", sans-serif; }
a { color: var(--link); }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
.summary, .legend { color: var(--muted); margin: .2rem 0; }
.wrap { overflow-x: auto; }
table { border-collapse: collapse; table-layout: fixed; width: 100%;
  min-width: calc(4rem + var(--n) * 16rem); }
col.claim-col { width: 5.5rem; }
th, td { border: 1px solid var(--rule); padding: .4rem .6rem; vertical-align: top; text-align: start;
  overflow-wrap: anywhere; unicode-bidi: plaintext; }
thead th { background: var(--head); position: sticky; top: 0; font-weight: 600; }
thead .meta { display: block; font-weight: 400; color: var(--muted); font-size: .85em; }
tr.same td.cell { background: var(--same); color: var(--muted); }
tr.altered td.status { background: var(--altered); }
tr.unique td.status { background: var(--unique); }
td.status { font-size: .85em; white-space: nowrap; }
td.status .mark { font-weight: 700; font-size: 1.1em; margin-inline-end: .25em; }
td.gap { color: var(--muted); text-align: center; background: repeating-linear-gradient(
  45deg, transparent, transparent 6px, var(--rule) 6px, var(--rule) 7px); }
ins { background: var(--ins); text-decoration: underline 2px; text-underline-offset: 2px; color: inherit; }
mark { background: var(--rep); text-decoration: underline dotted 2px; text-underline-offset: 2px;
  color: inherit; }
.ctl { border: 1px solid var(--muted); border-radius: 2px; padding: 0 1px; font-size: .9em; }
.para { color: var(--muted); margin-inline-end: .2em; }
.headline { font-weight: 700; }
.moved { display: block; color: var(--muted); font-size: .85em; font-style: italic; }
.dropped { background: var(--del); text-decoration: line-through 2px; }
ins.cosmetic, mark.cosmetic, .dropped.cosmetic { background: none; text-decoration: underline dotted 1px; }
tr.details td { border-top: none; font-size: .9em; }
tr.details ul { margin: 0; padding-inline-start: 1.2rem; }
.kind { font-variant: small-caps; font-weight: 600; }
@media print {
  @page { size: landscape; margin: 1cm; }
  body { padding: 0; font-size: 10pt; }
  .wrap { overflow: visible; }
  table { min-width: 0; }
  thead th { position: static; }
  tr { break-inside: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def _text(text: str) -> str:
    """Untrusted article text as inert HTML: controls made visible, then escaped."""
    return escape(visible(text, keep_newlines=False), quote=True)


def _shown(text: str) -> str:
    """Like _text, with each control placeholder boxed so a reader notices it (not for attributes)."""
    return _CONTROL_PICTURE.sub(
        lambda m: f'<span class="ctl" title="control character U+{ord(m.group()) - 0x2400:04X}">{m.group()}</span>',
        _text(text),
    )


def _meta(article: Article, source: object | None) -> list[str]:
    """What the header says about a version: title, outlet, date (from story.toml or the page)."""

    def field(name: str) -> str:
        return str(getattr(article, name, "") or getattr(source, name, "") or "")

    return [v for v in (field("outlet"), field("date")) if v]


def _header(article: Article, source: object | None) -> str:
    title = getattr(article, "source_title", "") or getattr(source, "title", "") or article.title
    encoding = getattr(article, "encoding", "") or getattr(source, "encoding", "")
    fmt = getattr(source, "source_format", "") or article.source_format  # the model may not carry it yet
    parts = [f"{article.index + 1}. {_shown(article.name)}"]
    if title:
        parts.append(f'<span class="meta">{_shown(title)}</span>')
    meta = _meta(article, source)
    if meta:
        parts.append(f'<span class="meta">{" · ".join(_shown(m) for m in meta)}</span>')
    parts.append(f'<span class="meta">{_text(" · ".join(v for v in (encoding, fmt) if v))}</span>')
    return f'<th scope="col" title="{_text(article.path)}">{"".join(parts)}</th>'


def _marked(article: Article, start: int, end: int, runs: Sequence[Mark]) -> str:
    """text[start:end], escaped, with the model's change runs wrapped in <ins>, <mark> or <del>."""
    out, cursor = [], start
    for run in runs:
        tag = CHANGE_TAGS[run.kind]
        out.append(_shown(article.text[cursor : run.start]))
        out.append(f'<{tag} class="{run.layer}" title="{run.kind}">{_shown(article.text[run.start : run.end])}</{tag}>')
        cursor = run.end
    out.append(_shown(article.text[cursor:end]))
    return "".join(out)


def _cell(comparison: Comparison, claim: Claim, article: Article) -> str:
    segments = claim.segments_of(article.index)
    if not segments:
        return '<td class="gap" title="not in this version">—</td>'
    pieces = []
    for s in segments:
        seg = article.segments[s]
        starts_paragraph = s == 0 or article.segments[s - 1].paragraph != seg.paragraph
        mark = '<span class="para" title="new paragraph">¶</span>' if starts_paragraph and s > 0 else ""
        body = _marked(article, seg.start, seg.end, comparison.report_marks(article.index, s))
        if s == 0 and article.title and seg.text == article.title:
            body = f'<span class="headline">{body}</span>'
        pieces.append(mark + body)
    moved = ""
    for mv in claim.moves:
        if mv.article == article.index:
            moved = (
                f'<span class="moved">↕ moved: version {mv.from_article + 1} has it as sentence '
                f"{mv.from_segment + 1}</span>"
            )
    return f'<td class="cell" dir="auto">{" ".join(pieces)}{moved}</td>'


def _details(comparison: Comparison, claim: Claim, columns: int) -> str:
    details = comparison.details_in(claim.index)
    if not details:
        return ""
    items = [_fact(d) for d in details]
    return (
        f'<tr class="details {claim.status}"><td class="status">details</td>'
        f'<td colspan="{columns}"><ul>{"".join(items)}</ul></td></tr>'
    )


def _quoted(text: str, category: str, speaker: object | None = None) -> str:
    said = f" (said by {_shown(getattr(speaker, 'text', ''))})" if speaker is not None else ""
    return f'“<span class="fact {category}" dir="auto">{_shown(unquoted(text))}</span>”{said}'


def _fact(d: Fact) -> str:
    """One fact, in words: who has it, what it is, and what stands for it in the other version."""
    if d.fact_role == "lacking":
        kind = f'<span class="kind">has {escape(d.category)}</span>'
        lacks = f"; version {(d.against or 0) + 1} lacks it"
        return f"<li>version {d.article + 1} {kind} {_quoted(d.text, d.category, d.speaker)}{lacks}</li>"
    kind = f'<span class="kind">{escape(d.fact_role)} {escape(d.category)}</span>'
    line = f"<li>version {d.article + 1}: {kind} {_quoted(d.text, d.category, d.speaker)}"
    if d.counterparts:
        was = "; ".join(f"{_quoted(c.text, d.category, c.speaker)} in version {c.article + 1}" for c in d.counterparts)
        line += f" (was {was})"
    return line + "</li>"


def _sources(comparison: Comparison) -> str:
    items = []
    for art in comparison.articles:
        cites = comparison.sources_of(art.index)
        cited = "; ".join(_shown(t) for t in dict.fromkeys(c.text for c in cites)) or "nobody"
        only = sorted({comparison.source_name(c.cited) for c in cites if comparison.cited_by[c.who] == (art.index,)})
        note = f" (only this version: {', '.join(_shown(o) for o in only)})" if only else ""
        items.append(f"<li>version {art.index + 1}, {_shown(art.name)}: {cited}{note}</li>")
    return f'<div class="sources"><p class="heading">Sources</p><ul>{"".join(items)}</ul></div>'


def _category_css() -> str:
    light = " ".join(f".fact.{c.name} {{ color: {CATEGORY_COLOURS[c.name][0]}; }}" for c in CATEGORY_TABLE)
    dark = " ".join(f".fact.{c.name} {{ color: {CATEGORY_COLOURS[c.name][1]}; }}" for c in CATEGORY_TABLE)
    return f"{light}\n@media (prefers-color-scheme: dark) {{ {dark} }}\n.fact {{ font-weight: 600; }}\n"


def _legend() -> str:
    cats = " · ".join(
        f'<span class="fact {c.name}">{escape(c.name)}</span>: {escape(c.legend)}' for c in CATEGORY_TABLE
    )
    return (
        "Key, against the base: <ins>words a version inserts</ins> · <mark>words it replaces</mark> · "
        '<span class="dropped">words of the base a version drops</span> · '
        '<mark class="cosmetic">a spelling fixed</mark> · '
        "= same · ≈ reworded · ≠ altered (a fact differs) · "
        f"+ only in one version · ¶ new paragraph · — not in this version.<br>Facts: {cats}."
    )


def _summary(comparison: Comparison) -> str:
    counts: Counter[str] = Counter(c.status for c in comparison.claims)
    parts = [f"{counts[s]} {STATUS_LABELS[s]}" for s in STATUS_LABELS if counts[s]]
    base = comparison.articles[comparison.base]
    return (
        f"{len(comparison.claims)} claims in {len(comparison.articles)} versions: {', '.join(parts)}. "
        f"Compared with version {comparison.base + 1}, {_shown(base.name)}; "
        f"{len(comparison.details)} facts inserted, altered or lacking."
    )


def render(comparison: Comparison, title: str = "", sources: Sequence[object] | None = None) -> str:
    """The whole report as one HTML document (a str to write as UTF-8)."""
    articles = comparison.articles
    sources = list(sources or [])
    source_of = [sources[a.index] if a.index < len(sources) else None for a in articles]
    heading = _text(title) if title else f"Comparison of {len(articles)} versions"
    head_cells = "".join(_header(a, s) for a, s in zip(articles, source_of, strict=True))
    rows = []
    for claim in comparison.claims:
        where = ", ".join(str(a + 1) for a in claim.articles)
        status = (
            f'<td class="status"><a href="#claim-{claim.index + 1}">{claim.index + 1}</a><br>'
            f'<span class="mark" aria-hidden="true">{STATUS_MARKS[claim.status]}</span> '
            f"{STATUS_LABELS[claim.status]}<br><small>in {where}</small></td>"
        )
        cells = "".join(_cell(comparison, claim, a) for a in articles)
        rows.append(f'<tr class="claim {claim.status}" id="claim-{claim.index + 1}">{status}{cells}</tr>')
        rows.append(_details(comparison, claim, len(articles)))
    return f"""<!DOCTYPE html>
<html lang="und">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reader">
<title>{heading}</title>
<style>{CSS}{_category_css()}</style>
</head>
<body>
<header>
<h1>{heading}</h1>
<p class="summary">{_summary(comparison)}</p>
<p class="legend">{_legend()}</p>
</header>
<div class="wrap">
<table style="--n: {len(articles)}">
<colgroup><col class="claim-col">{"<col>" * len(articles)}</colgroup>
<thead><tr><th scope="col">claim</th>{head_cells}</tr></thead>
<tbody>
{"".join(rows)}
</tbody>
</table>
</div>
{_sources(comparison)}
</body>
</html>
"""
