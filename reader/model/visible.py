"""Visible: control characters as harmless placeholders, one character for one, so offsets hold.

An article may carry terminal escape sequences or other control codes; they
must be shown, never sent to a terminal. C0 controls become the Unicode
"control pictures" (ESC -> ␛), DEL becomes ␡, C1 controls, lone
bidirectional overrides and lone surrogates (the undecodable bytes of a
file name) become the replacement character.
"""

from __future__ import annotations

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TABLE = {code: 0x2400 + code for code in range(0x20) if code not in (0x0A,)}
_TABLE[0x09] = 0x20  # a tab reads as a space in a column
_TABLE[0x7F] = 0x2421
_TABLE.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_TABLE.update({ord(ch): 0xFFFD for ch in _BIDI_CONTROLS})
_TABLE.update({code: 0xFFFD for code in range(0xD800, 0xE000)})  # lone surrogates: a file name's undecodable bytes


def visible(text: str, keep_newlines: bool = True) -> str:
    """`text` with every control character replaced by a visible placeholder of length one."""
    out = text.translate(_TABLE)
    return out if keep_newlines else out.replace("\n", " ")
