"""Encoding: bytes from a file, stdin or the web into text, or a clear refusal.

Order of trust: a byte-order mark (UTF-8, UTF-16, UTF-32), then a charset the
sender declared (HTTP header, HTML meta), then strict UTF-8, then a detector
(charset-normalizer) for legacy encodings such as Windows-1252 or Latin-1.
Data that decodes only into control characters is binary and is refused:
a fact-checker gains nothing from a column of placeholders.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from reader.model.errors import InputError

BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Shown to the user: the name of what was read, not Python's codec alias.
_DISPLAY = {
    "utf-8-sig": "utf-8 (BOM)",
    "utf-16": "utf-16 (BOM)",
    "utf-32": "utf-32 (BOM)",
    "iso8859-1": "latin-1",
    "latin_1": "latin-1",
}
# A text is binary when more than this share of its characters are controls other than white space.
BINARY_CONTROL_SHARE = 0.05
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
CHAOS_MARGIN = 0.1
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> near its start, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def display_name(codec: str) -> str:
    """The name users know an encoding by: windows-1252 rather than Python's cp1252."""
    if re.fullmatch(r"cp125\d", codec):
        return "windows-" + codec[2:]
    return _DISPLAY.get(codec, codec.replace("_", "-"))


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_APOSTROPHES = "\u2019\u02bc"  # Russia’s: a typographic apostrophe sits between letters by right


def _in_word_symbols(text: str) -> int:
    """Symbols wedged between letters ("powiedzia³"): the mark of a wrong single-byte code page.

    CJK punctuation (from U+2E80 on) and apostrophes sit between letters by right, so they do not count.
    """
    count = 0
    for prev, ch, nxt in zip(text, text[1:], text[2:], strict=False):
        wedged = prev.isalpha() and nxt.isalpha() and "\x7f" < ch < "\u2e80" and ch not in _APOSTROPHES
        if wedged and not ch.isalpha() and not unicodedata.category(ch).startswith("M"):
            count += 1
    return count


def _detect(data: bytes) -> str | None:
    """The legacy encoding that reads `data` most plausibly, or None when nothing does.

    charset-normalizer ranks candidates by how chaotic the decoded text is; among
    those it finds about as good as its best, the one that leaves fewest symbols
    wedged inside words wins, and Windows-1252 (the web's default for Western text)
    wins ties: the detector alone often reads French or German as Baltic.
    """
    from charset_normalizer import from_bytes

    sample = data[:262_144]
    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    names: list[str] = []
    for m in matches:
        if m.chaos <= best + CHAOS_MARGIN:
            names.extend(n for n in [m.encoding, *m.could_be_from_charset] if n not in names)
    names = [n for n in names if not n.startswith(("utf", "ascii"))]
    if "cp1252" in names:
        names.remove("cp1252")
        names.insert(0, "cp1252")
    scored = []
    for name in names:
        try:
            scored.append((_in_word_symbols(sample.decode(name)), name))
        except (UnicodeDecodeError, LookupError):
            continue
    return min(scored, key=lambda pair: pair[0])[1] if scored else None


_BAD_BYTE = re.compile("[\udc80-\udcff]")


def _mostly_utf8(data: bytes, declared_utf8: bool = False) -> tuple[str, str] | None:
    """UTF-8 with a few broken bytes (a bad paste, a cut copy): each bad byte becomes U+FFFD and the
    encoding name says how many. It is UTF-8 when its valid multi-byte characters outnumber its bad
    bytes (a legacy text, Latin-1 or Windows-1252, has almost none of the former and goes to
    detection), or when the sender declared UTF-8 and at most one byte in a hundred is bad."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_BAD_BYTE.findall(text))
    multibyte = sum(1 for ch in text if ch > "\x7f") - bad
    if multibyte <= bad and not (declared_utf8 and bad * 100 <= len(data)):
        return None
    noun = "byte" if bad == 1 else "bytes"
    return _BAD_BYTE.sub("\ufffd", text), f"utf-8 ({bad:,} bad {noun} replaced)"


def _looks_binary(text: str) -> bool:
    sample = text[:65_536]
    return bool(sample) and len(_CONTROLS.findall(sample)) > BINARY_CONTROL_SHARE * len(sample)


def decode(data: bytes, where: str, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` into (text with LF newlines, name of the encoding used); refuse binary data.
    A lone surrogate (UTF-7 decodes `+2AA-` into one) becomes U+FFFD, as a browser shows it: left in,
    the HTML parser would end the page there, silently."""
    text, encoding = _decode(data, where, declared)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if "\x00" in text or _looks_binary(text):
        raise InputError(f"{where}: looks like a binary file, not text")
    return normalize_newlines(text), display_name(encoding)


def _decode(data: bytes, where: str, declared: str | None) -> tuple[str, str]:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                message = f"{where}: starts with a {codec} byte-order mark but is not {codec} text"
                raise InputError(message) from None
    if b"\x00" in data:
        raise InputError(f"{where}: looks like a binary file (it holds NUL bytes)")
    declared = _known(declared)
    if declared and declared.startswith(("utf-16", "utf-32")):
        declared = None  # without a BOM and without NUL bytes it cannot be so (HTML reads such pages as UTF-8)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # a wrong declaration is common on the web; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data, declared == "utf-8")
    if mostly is not None:
        return mostly
    detected = _known(_detect(data))
    if detected is None:
        raise InputError(f"{where}: not text in any encoding the reader recognises (binary data?)")
    return data.decode(detected, errors="replace"), detected
