"""Quoting: how every face puts words from an article between quotation marks, once.

A fact that is a quotation often carries its own marks (“What a morning.” or
‘We did indeed send our list.); wrapping it in the faces' own “…” doubled them
(““What a morning.”). The article's outer marks give way to the face's.
"""

from __future__ import annotations

OPENING = "“‘\"'«„‚‹"
CLOSING_DOUBLE = '”"»›'  # never an apostrophe: always a closing mark at the end of words
CLOSING_SINGLE = "’'"  # an apostrophe too ("the Joneses’"): dropped only when an opening mark was


def unquoted(text: str) -> str:
    """`text` without the quotation marks around it (its inner ones are kept)."""
    inner = text.strip()
    opened = bool(inner) and inner[0] in OPENING
    if opened:
        inner = inner[1:]
    if inner and (inner[-1] in CLOSING_DOUBLE or (opened and inner[-1] in CLOSING_SINGLE)):
        inner = inner[:-1]
    return inner


def quoted(text: str, most: int | None = None) -> str:
    """`text` between one pair of “…”, cut to `most` characters (with …) when given."""
    inner = unquoted(text)
    if most is not None and len(inner) > most:
        inner = inner[: max(most - 1, 0)] + "…"
    return f"“{inner}”"
