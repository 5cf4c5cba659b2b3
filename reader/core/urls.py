"""URLs: which paths are web addresses, without loading the HTTP machinery (that waits until a fetch)."""

from __future__ import annotations

import re

_URL = re.compile(r"^https?://", re.I)
_ANY_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(path: str) -> bool:
    return bool(_URL.match(path))


def looks_like_other_url(path: str) -> bool:
    """ftp://, file://, …: a URL the reader will not fetch."""
    return bool(_ANY_SCHEME.match(path)) and not is_url(path)
