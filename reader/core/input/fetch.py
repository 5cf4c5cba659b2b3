"""Fetch: one web page by http(s), within a deadline, a size cap and a redirect limit.

Standard library only (http.client): a page is one GET, redirects followed by hand so that
each hop is checked. Three clocks bound a fetch: the connection must open within
CONNECT_TIMEOUT_S, the server may stay silent at most READ_TIMEOUT_S, and the whole page
(redirects included) must arrive within TOTAL_TIMEOUT_S, however slowly it trickles: a
watchdog shuts the socket at that time. The size cap is counted while reading. Every failure
(a bad URL, DNS, refused, timeouts, an HTTP status, a malformed answer, too large, cut short,
too many redirects, a redirect to another scheme) is a one-line InputError naming the URL.

A page fetched again (`reader watch`) can be asked for conditionally: given the ETag and
Last-Modified of the copy held, a server that has nothing newer answers 304 Not Modified,
with no body, and `fetch` says so (`Fetched.unchanged`).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
import urllib.request
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urljoin

from reader.core.input.urls import check_url, is_url, looks_like_other_url, request_target
from reader.model.errors import InputError

__all__ = ["Fetched", "Validators", "fetch", "is_url", "looks_like_other_url"]

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 10.0
TOTAL_TIMEOUT_S = 30.0
MAX_REDIRECTS = 5
USER_AGENT = "reader/0.1 (side-by-side story reader)"
_REDIRECTS = {301, 302, 303, 307, 308}
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"  # what a Location keeps as it is; spaces and the like get escaped


@dataclass(frozen=True)
class Fetched:
    url: str  # where the page was found, after redirects
    data: bytes
    content_type: str
    charset: str | None
    etag: str = ""  # the validators to send next time (a conditional request), as the server gave them
    last_modified: str = ""
    date: str = ""  # the server's Date header: when it says it answered
    unchanged: bool = False  # 304 Not Modified to a conditional request: no body, the copy held is current


@dataclass(frozen=True)
class Validators:
    """What a conditional request sends: the ETag and Last-Modified of the copy held."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {k: _header_value(v) for k, v in found.items() if _header_value(v)}


def _header_value(value: str) -> str:
    """A validator as it may be sent back: one line of visible ASCII, or nothing."""
    return value if value.isascii() and value.isprintable() and len(value) <= 1024 else ""


class _Watchdog:
    """Shuts a connection's socket when the deadline passes, so no read can outlast it."""

    def __init__(self, conn: http.client.HTTPConnection, seconds: float):
        self.expired = False
        self._conn = conn
        self._sock: socket.socket | None = None
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket | None) -> None:
        """Hold the connected socket: http.client lets go of it once a `Connection: close` answer begins."""
        self._sock = sock

    def _expire(self) -> None:
        self.expired = True
        sock = self._sock or self._conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        self._conn.close()


def fetch(url: str, max_bytes: int, deadline: float | None = None, validators: Validators | None = None) -> Fetched:
    """GET `url`; refuse a body over `max_bytes`, a slow or broken server, endless redirects.

    `deadline` (time.monotonic()) is the command's: a fetch ends by it or by its own TOTAL_TIMEOUT_S.
    With `validators` the request is conditional: a 304 answer comes back as `unchanged`.
    """
    extra = validators.headers() if validators is not None else {}
    now = time.monotonic()
    end = now + TOTAL_TIMEOUT_S if deadline is None else min(now + TOTAL_TIMEOUT_S, deadline)
    late = f"{url}: the page did not arrive within {max(end - now, 0):.3g} seconds"
    first = url
    for _hop in range(MAX_REDIRECTS + 1):
        parts = check_url(url)
        response = _get(first, url, parts, max_bytes, end, late, extra)
        if isinstance(response, Fetched):
            return response
        url = response
    raise InputError(f"{first}: too many redirects (the limit is {MAX_REDIRECTS})")


def _get(
    shown: str, url: str, parts: SplitResult, max_bytes: int, end: float, late_message: str, extra: dict[str, str]
) -> Fetched | str:
    """One request: the page, or the URL a redirect points to."""
    late = InputError(late_message)
    left = end - time.monotonic()
    if left <= 0:
        raise late
    conn, target = _connection(url, parts, min(CONNECT_TIMEOUT_S, left))
    with _Watchdog(conn, left) as watchdog:
        try:
            result = _exchange(shown, url, target, conn, max_bytes, watchdog, extra)
        except InputError:
            if watchdog.expired:  # the watchdog's shutdown looks like a short read: say why it happened
                raise late from None
            raise
        except Exception as exc:  # every failure of the exchange is one line for the user
            raise (late if watchdog.expired else InputError(f"{shown}: {_failure(exc)}")) from None
    if watchdog.expired:
        raise late
    return result


def _connection(url: str, parts: SplitResult, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    """The connection to open (direct, through a proxy, or tunnelled) and the request target to send."""
    host, port = parts.hostname or "", parts.port
    proxy = _proxy_for(parts)
    if parts.scheme.lower() != "https":
        if proxy is None:
            return http.client.HTTPConnection(host, port, timeout=timeout), request_target(parts)
        return http.client.HTTPConnection(proxy.hostname or "", proxy.port, timeout=timeout), url
    context = ssl.create_default_context()
    if proxy is None:
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=context), request_target(parts)
    conn = http.client.HTTPSConnection(proxy.hostname or "", proxy.port, timeout=timeout, context=context)
    conn.set_tunnel(host, port)
    return conn, request_target(parts)


def _proxy_for(parts: SplitResult) -> SplitResult | None:
    """The proxy the environment names for this URL (http_proxy, https_proxy, no_proxy), if any."""
    proxy = urllib.request.getproxies().get(parts.scheme.lower())
    if not proxy or urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    try:
        return check_url(proxy if "://" in proxy else f"http://{proxy}")
    except InputError:
        return None


def _exchange(
    shown: str,
    url: str,
    target: str,
    conn: http.client.HTTPConnection,
    max_bytes: int,
    watchdog: _Watchdog,
    extra: dict[str, str],
) -> Fetched | str:
    try:
        conn.connect()
    except TimeoutError:
        raise InputError(f"{shown}: cannot connect within {CONNECT_TIMEOUT_S:g} seconds") from None
    watchdog.watch(conn.sock)
    conn.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/*;q=0.9", **extra})
    if conn.sock is not None:
        conn.sock.settimeout(READ_TIMEOUT_S)  # the longest silence between two pieces of the answer
    response = conn.getresponse()
    if response.status in _REDIRECTS:
        location = response.getheader("Location")
        if not location:
            raise InputError(f"{shown}: the server answered {response.status} without saying where to go")
        try:
            new = urljoin(url, quote(location.strip(), safe=_URL_SAFE))
        except ValueError:
            raise InputError(f"{shown}: redirected to an address that is not a valid URL") from None
        if not is_url(new):
            scheme = new.split(":", 1)[0].lower() if ":" in new else "relative"
            raise InputError(f"{shown}: redirected to a {scheme}: address; only http and https are fetched")
        return new
    etag, modified, date = (" ".join(str(response.getheader(h, "")).split()) for h in ("ETag", "Last-Modified", "Date"))
    if response.status == 304 and extra:  # asked conditionally, and the copy held is still current
        return Fetched(url, b"", "", None, etag, modified, date, unchanged=True)
    if not 200 <= response.status < 300:
        reason = " ".join(str(response.reason).split())
        raise InputError(f"{shown}: the server answered {response.status} {reason}".rstrip())
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise InputError(f"{shown}: too large ({_mb(int(length))}; the limit is {_mb(max_bytes)})")
    data = _read_capped(response, shown, max_bytes)
    ctype, charset = response.headers.get_content_type(), response.headers.get_content_charset()
    return Fetched(url, data, ctype, charset, etag, modified, date)


def _read_capped(response: http.client.HTTPResponse, shown: str, max_bytes: int) -> bytes:
    """The body, counted as it arrives; a connection closed before the announced length is an error."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(65_536):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{shown}: too large (over {_mb(max_bytes)})")
        chunks.append(chunk)
    if response.length:  # bytes announced by Content-Length that never came
        raise InputError(f"{shown}: the connection closed before the whole page arrived")
    return b"".join(chunks)


def _failure(exc: Exception) -> str:
    """A failed exchange in the user's words."""
    if isinstance(exc, TimeoutError):
        return f"no answer within {READ_TIMEOUT_S:g} seconds"
    if isinstance(exc, http.client.IncompleteRead):
        return "the connection closed before the whole page arrived"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(exc, http.client.LineTooLong):
        return "the server's answer is malformed (a header line is too long)"
    if isinstance(exc, http.client.BadStatusLine):
        return "the server's answer is not HTTP"
    if isinstance(exc, http.client.HTTPException):
        return f"the server's answer is malformed ({_words(exc) or type(exc).__name__})"
    if isinstance(exc, socket.gaierror):
        return f"cannot fetch (host not found: {_words(exc.strerror)})"
    if isinstance(exc, OSError):
        return f"cannot fetch ({_words(exc.strerror or exc)})"
    if isinstance(exc, UnicodeError):
        return "cannot fetch (a name in the address cannot be encoded)"
    return f"cannot fetch ({type(exc).__name__}: {_words(exc)})"


def _words(text: object) -> str:
    return " ".join(str(text).split())[:200]


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.0f} MB" if n >= 1_048_576 else f"{n // 1024} KB"
