"""URLs: which paths are web addresses, and whether one is usable, without loading the HTTP machinery."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, quote, urlsplit

from reader.model.errors import InputError

_URL = re.compile(r"^https?://", re.I)
_ANY_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]")  # white space and control characters have no place in a URL
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


def is_url(path: str) -> bool:
    return bool(_URL.match(path))


def looks_like_other_url(path: str) -> bool:
    """ftp://, file://, …: a URL the reader will not fetch."""
    return bool(_ANY_SCHEME.match(path)) and not is_url(path)


def check_url(url: str) -> SplitResult:
    """The parts of an http(s) URL fit to fetch, or a one-line InputError saying what is wrong with it."""
    if not is_url(url):
        raise InputError(f"{url}: only http and https URLs can be fetched")
    if _UNSAFE.search(url):
        raise InputError(f"{url}: not a valid URL (it holds a space or a control character)")
    try:
        parts = urlsplit(url)
        host, _port = parts.hostname, parts.port  # a bad port or an unclosed [ raises here
        if host:
            host.encode("idna")
    except (ValueError, UnicodeError) as exc:
        raise InputError(f"{url}: not a valid URL ({' '.join(str(exc).split()) or 'malformed'})") from None
    if not host:
        raise InputError(f"{url}: not a valid URL (no host name)")
    return parts


def request_target(parts: SplitResult) -> str:
    """Path and query as sent on the request line: ASCII only, anything else percent-encoded."""
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    query = quote(parts.query, safe=_PATH_SAFE + "?")
    return f"{path}?{query}" if query else path
