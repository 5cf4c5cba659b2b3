"""What a browser tab may send over its websocket, checked before anything reaches the tab's app.

textual-serve's page sends JSON arrays: `["stdin", text]`, `["resize", {"width": W, "height": H}]`,
`["ping", token]`, `["blur"]`, `["focus"]`. Anything else is malformed: the server says so in one
line and goes on, where textual-serve would print a traceback (an assert, a KeyError).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

MAX_MESSAGE_CHARS = 64 * 1024  # a paste of a long text is well under; a flood is not
MAX_CELLS = 1000  # a terminal's width or height, in cells
MAX_PING_CHARS = 64


class Malformed(ValueError):
    """A message the page itself never sends; the text says what is wrong with it, in a few words."""


@dataclass(frozen=True)
class Message:
    kind: str  # stdin | resize | ping | blur | focus
    text: str = ""  # stdin's keys, ping's token
    width: int = 0
    height: int = 0


def _cells(value: object, what: str) -> int:
    if type(value) is not int or not 1 <= value <= MAX_CELLS:
        raise Malformed(f"resize: {what} is not a number of cells from 1 to {MAX_CELLS}")
    return value


def parse(data: str) -> Message:
    """The message a websocket text frame holds, or Malformed."""
    if len(data) > MAX_MESSAGE_CHARS:
        raise Malformed(f"over {MAX_MESSAGE_CHARS // 1024} KB")
    try:
        envelope = json.loads(data)
    except (ValueError, RecursionError):
        raise Malformed("not JSON") from None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        raise Malformed("not a list starting with the kind of message")
    kind, rest = envelope[0], envelope[1:]
    if kind in ("blur", "focus"):
        return Message(kind)
    if kind in ("stdin", "ping"):
        if len(rest) != 1 or not isinstance(rest[0], str):
            raise Malformed(f"{kind}: needs one string")
        if kind == "ping" and len(rest[0]) > MAX_PING_CHARS:
            raise Malformed("ping: token too long")
        return Message(kind, text=rest[0])
    if kind == "resize":
        if len(rest) != 1 or not isinstance(rest[0], dict):
            raise Malformed("resize: needs {width, height}")
        return Message(
            kind, width=_cells(rest[0].get("width"), "width"), height=_cells(rest[0].get("height"), "height")
        )
    raise Malformed("an unknown kind of message")
