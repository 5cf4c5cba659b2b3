"""A local HTTP server that misbehaves on purpose, one route per way a server can go wrong.

Raw sockets rather than http.server, so that a route can send what no well-behaved server would:
a garbage status line, 150 headers, a 70 KB header, a body cut short, a trickle of two bytes a second.
"""

from __future__ import annotations

import gzip
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Talks resume | Daily Planet</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Talks resume in Geneva</h1>
<p>Negotiators met on Tuesday in Geneva for a third round of talks, officials said.</p>
<p>The delegations agreed to exchange 12 prisoners each, according to a statement from the ministry.</p>
</article></body></html>
"""
OTHER = PAGE.replace("12 prisoners", "15 prisoners")
TRICKLE_SECONDS = 20  # a trickling route gives up after this; the reader must have given up long before


def _head(status: str = "200 OK", ctype: str = "text/html; charset=utf-8", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {ctype}", "Connection: close"]
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _page(body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8", **headers: str) -> bytes:
    return _head(status, ctype, Content_Length=str(len(body)), **headers) + body


def _trickle(sock: socket.socket, head: bytes, body: bytes) -> None:
    sock.sendall(head)
    end = time.monotonic() + TRICKLE_SECONDS
    for i in range(0, len(body), 2):
        if time.monotonic() > end:
            return
        sock.sendall(body[i : i + 2])
        time.sleep(0.5)


def _endless(sock: socket.socket) -> None:
    sock.sendall(_head(ctype="text/plain"))
    end = time.monotonic() + TRICKLE_SECONDS
    while time.monotonic() < end:
        sock.sendall(b"more words. " * 8192)


def _slow_headers(sock: socket.socket) -> None:
    sock.sendall(b"HTTP/1.1 200 OK\r\n")
    end = time.monotonic() + TRICKLE_SECONDS
    while time.monotonic() < end:
        sock.sendall(b"X")
        time.sleep(0.3)


def _chunked_cut(sock: socket.socket) -> None:
    sock.sendall(_head(Transfer_Encoding="chunked") + b"400\r\n" + PAGE.encode()[:300])


def _redirect(location: str, status: str = "302 Found") -> bytes:
    return _head(status, Location=location, Content_Length="0")


def _send(data: bytes) -> Callable[[socket.socket], None]:
    return lambda sock: sock.sendall(data)


ROUTES: dict[str, Callable[[socket.socket], None]] = {
    "/one.html": _send(_page(PAGE.encode())),
    "/two.html": _send(_page(OTHER.encode())),
    "/plain": _send(_page(b"Plain words. Nothing else here.", ctype="text/plain")),
    "/garbage-status": _send(b"HELLO THERE\x1b[31m\r\n\r\nhello"),
    "/not-http": _send(b"just some bytes, no status line at all\n"),
    "/close-at-once": lambda sock: None,
    "/headers-150": _send(_head(**{f"X_H{i}": "v" for i in range(150)}) + PAGE.encode()),
    "/header-70k": _send(_head(X_Long="a" * 70_000) + PAGE.encode()),
    "/status-999": _send(_page(b"odd", status="999 Weird\x1b[2J")),
    "/missing": _send(_page(b"not here", status="404 Not Found")),
    "/broken": _send(_page(b"oops", status="500 Internal Server Error")),
    "/empty": _send(_page(b"")),
    "/png": _send(_page(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, ctype="image/png")),
    "/gzip-unasked": _send(_page(gzip.compress(PAGE.encode()), Content_Encoding="gzip")),
    "/huge-length": _send(_head(Content_Length="99999999999") + b"x"),
    "/bad-length": _send(_head(Content_Length="abc") + OTHER.encode()),
    "/negative-length": _send(_head(Content_Length="-5") + OTHER.encode()),
    "/endless": _endless,
    "/trickle-length": lambda sock: _trickle(sock, _head(Content_Length=str(len(PAGE.encode()))), PAGE.encode()),
    "/trickle-no-length": lambda sock: _trickle(sock, _head(), PAGE.encode()),
    "/trickle-headers": _slow_headers,
    "/silent": lambda sock: time.sleep(TRICKLE_SECONDS),
    "/cut": _send(_head(Content_Length="5000") + PAGE.encode()[:200]),
    "/cut-chunked": _chunked_cut,
    "/to-file": _send(_redirect("file:///etc/passwd")),
    "/to-ftp": _send(_redirect("ftp://127.0.0.1/secret")),
    "/to-javascript": _send(_redirect("javascript:alert(1)")),
    "/to-nowhere": _send(_head("302 Found", Content_Length="0")),
    "/to-two": _send(_redirect("/two.html", "301 Moved Permanently")),
    "/to-space": _send(_redirect("/two.html?q=a b")),
    "/to-bad-host": _send(_redirect("http://[::1/x")),
    "/ref-escape": _send(_page(PAGE.replace("third round", "third &#27;[31m round &#0; &#xD800;").encode())),
    "/mixed-utf8": _send(_page(PAGE.replace("Geneva for", "Geneva’s \udcff for").encode("utf-8", "surrogateescape"))),
    "/latin1-undeclared": _send(
        _page(
            OTHER.replace('<meta charset="utf-8">', "").replace("Geneva", "Genève").encode("latin-1"), ctype="text/html"
        )
    ),
    "/declared-utf16": _send(_page(OTHER.encode(), ctype="text/html; charset=utf-16")),
    "/meta-bogus-charset": _send(_page(OTHER.replace('charset="utf-8"', 'charset="x-bogus-1"').encode())),
}


def _loop_route(path: str) -> bytes:
    return _redirect(f"/loop{len(path)}")


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(TRICKLE_SECONDS + 5)
        head = b""
        try:
            while b"\r\n\r\n" not in head and len(head) < 65_536:
                chunk = sock.recv(4096)
                if not chunk:
                    return
                head += chunk
            path = head.split(b" ", 2)[1].decode("latin-1").split("?", 1)[0]
            if path.startswith("/loop"):
                sock.sendall(_loop_route(path))
            else:
                ROUTES.get(path, _send(_page(b"no such route", status="404 Not Found")))(sock)
        except OSError:
            pass  # the reader hung up first: that is what many routes test


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def serving() -> Iterator[str]:
    """Serve ROUTES on 127.0.0.1 in a thread; yields the base URL."""
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
