"""URLs as inputs, against a server these tests start on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reader.core.input import fetch, load

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Talks resume | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><div class="ad">Buy now!</div>
<article><h1>Talks resume in Geneva</h1>
<p>Negotiators met on Tuesday in Geneva for a third round of talks, officials said.</p>
<p>The delegations agreed to exchange 12 prisoners each, according to a statement from the ministry.</p>
</article><footer>All rights reserved.</footer></body></html>
"""
OTHER = PAGE.replace("12 prisoners", "15 prisoners")


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, code: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path
        if path == "/one.html":
            self._send(200, PAGE.encode())
        elif path == "/two":
            self._send(200, OTHER.encode())
        elif path == "/latin1":
            latin = PAGE.replace("Geneva", "Genève").encode("latin-1")
            self._send(200, latin, "text/html; charset=iso-8859-1")
        elif path == "/plain":
            self._send(200, b"Plain words. Nothing else.", "text/plain")
        elif path == "/moved":
            self._send(302, b"", Location="/two")
        elif path.startswith("/loop"):
            self._send(302, b"", Location=f"/loop{len(path)}")
        elif path == "/to-ftp":
            self._send(302, b"", Location="ftp://127.0.0.1/secret")
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/huge":
            self._send(200, b"<p>" + b"word " * 400_000 + b"</p>")
        elif path == "/endless":  # no Content-Length: the size cap must stop the read
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b"more words. " * 1000)
        elif path == "/slow":
            time.sleep(2)
            self._send(200, PAGE.encode())
        else:
            self._send(404, b"")


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # a client hanging up early is the point
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def _json(result) -> dict:
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_two_pages_compared(run, server):
    data = _json(run(f"{server}/one.html", f"{server}/two", "--format", "json"))
    first = data["articles"][0]
    assert first["path"] == f"{server}/one.html"
    assert first["text"].startswith("Talks resume in Geneva\n\nNegotiators met")
    assert "Buy now" not in first["text"] and "Home" not in first["text"]
    assert any(d["value"] == "15 prisoners" and d["text"].startswith("15 prisoners") for d in data["details"])


def test_url_mixed_with_a_file_and_stdin(run, server, story):
    data = _json(run(story[0], f"{server}/plain", "-", "--format", "json", stdin=b"Pasted. Words here."))
    assert [a["text"] for a in data["articles"][1:]] == ["Plain words. Nothing else.", "Pasted. Words here."]


def test_declared_charset_is_used(server):
    src = load.read_source(f"{server}/latin1")
    assert "Genève" in src.text and src.encoding == "latin-1" and src.source_format == "html"


def test_a_redirect_is_followed(run, server):
    data = _json(run(f"{server}/one.html", f"{server}/moved", "--format", "json"))
    assert "15 prisoners" in data["articles"][1]["text"]


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/loop", "too many redirects (the limit is 5)"),
        ("/to-ftp", "redirected to a ftp: address; only http and https are fetched"),
        ("/missing", "the server answered 404 Not Found"),
        ("/huge", "too large (2 MB; the limit is 1 MB)"),
        ("/endless", "too large (over 1 MB)"),
    ],
)
def test_bad_urls(run, server, monkeypatch, route, message):
    monkeypatch.setattr(load, "MAX_BYTES", 1_048_576)
    result = run(f"{server}/one.html", f"{server}{route}", "--format", "json")
    assert result.code == 2 and result.out == ""
    assert result.err == f"reader: {server}{route}: {message}\n"


def test_slow_server_times_out(run, server, monkeypatch):
    monkeypatch.setattr(fetch, "READ_TIMEOUT_S", 0.3)
    result = run(f"{server}/slow", f"{server}/one.html", "--format", "json")  # slow first: nothing else can time out
    assert result.code == 2
    assert result.err in (
        f"reader: {server}/slow: no answer within 0.3 seconds\n",
        f"reader: {server}/slow: cannot fetch (no answer in time)\n",
    )


def test_refused_connection(run, server):
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nobody listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run(f"{server}/one.html", f"http://127.0.0.1:{port}/x", "--format", "json")
    assert result.code == 2 and result.err.startswith(f"reader: http://127.0.0.1:{port}/x: cannot fetch (")
