"""Fetch: one web page by http(s), with a timeout, a size cap and a redirect limit.

Standard library only (urllib): a page is one GET. Every failure (DNS, refused,
timeout, HTTP status, too large, too many redirects, a redirect to another
scheme) becomes a one-line InputError naming the URL.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from .errors import InputError
from .urls import is_url, looks_like_other_url

__all__ = ["Fetched", "fetch", "is_url", "looks_like_other_url"]

TIMEOUT_SECONDS = 15.0
MAX_REDIRECTS = 5
USER_AGENT = "reader/0.1 (side-by-side story reader)"


@dataclass(frozen=True)
class Fetched:
    url: str  # where the page was found, after redirects
    data: bytes
    content_type: str
    charset: str | None


class _BadRedirect(urllib.error.URLError):
    """A redirect to a scheme other than http(s): file://, ftp://, …"""


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
        if not is_url(newurl):
            raise _BadRedirect(newurl.split(":", 1)[0].lower())
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, max_bytes: int, timeout: float | None = None) -> Fetched:
    """GET `url`; refuse a body over `max_bytes`, a slow server and endless redirects."""
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    if not is_url(url):
        raise InputError(f"{url}: only http and https URLs can be fetched")
    opener = urllib.request.build_opener(_Redirects)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/*;q=0.9"}
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: too large ({_mb(int(length))}; the limit is {_mb(max_bytes)})")
            data = _read_capped(response, url, max_bytes, timeout)
            info: Message = response.headers
            return Fetched(response.geturl(), data, info.get_content_type(), info.get_content_charset())
    except _BadRedirect as exc:
        message = f"{url}: redirected to a {exc.reason}: address; only http and https are fetched"
        raise InputError(message) from None
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise InputError(f"{url}: too many redirects (the limit is {MAX_REDIRECTS})") from None
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch ({_reason(exc.reason)})") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g} seconds") from None
    except (OSError, ValueError) as exc:  # reset connections, malformed URLs and the like
        raise InputError(f"{url}: cannot fetch ({exc})") from None


def _read_capped(response, url: str, max_bytes: int, deadline_s: float) -> bytes:  # noqa: ANN001
    """The body, read in chunks so that neither size nor a trickling server can hold us."""
    deadline = time.monotonic() + deadline_s
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(65_536):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: too large (over {_mb(max_bytes)})")
        if time.monotonic() > deadline:
            raise InputError(f"{url}: the page did not arrive within {deadline_s:g} seconds")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    text = getattr(reason, "strerror", None) or str(reason)
    return " ".join(str(text).split())


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.0f} MB" if n >= 1_048_576 else f"{n // 1024} KB"
