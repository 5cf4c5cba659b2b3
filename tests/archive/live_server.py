"""A local web server whose pages change on a schedule, as a live article does.

Each page has versions of its article and a schedule (seconds after the server started, or
changed by hand with `set`); around the article, every answer differs (an ad, a comment count,
the time of the request), which must not make a version. A page can fail for a while (500), and
answers conditional requests (ETag, Last-Modified) with 304 when its article has not changed.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLES = [
    """<h1>Prisoner exchange agreed</h1>
<p>Negotiators met on Tuesday in Geneva for a third round of talks, officials said.</p>
<p>The delegations agreed to exchange 12 prisoners each, according to a statement from the ministry.</p>
<p>A further meeting is planned for next month.</p>""",
    """<h1>Prisoner exchange agreed</h1>
<p>Negotiators met on Tuesday in Geneva for a third round of talks, officials said.</p>
<p>The delegations agreed to exchange 15 prisoners each, according to a statement from the ministry.</p>
<p>A further meeting is planned for next month.</p>""",
    """<h1>Prisoner exchange agreed</h1>
<p>Negotiators met on Tuesday in Geneva for a third round of talks, officials said.</p>
<p>The delegations agreed to exchange 15 prisoners each.</p>
<p>The Red Cross will oversee the exchange on Friday, a spokesman said.</p>
<p>A further meeting is planned for next month.</p>""",
]
_counter = itertools.count(1)


def _page(article: str, title: str) -> str:
    """The article in a page whose surroundings change at every request."""
    n = next(_counter)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{title} | Daily Planet</title></head><body>
<nav><a href="/">Home</a> <span class="ad">Advert number {n}: buy {n} things</span></nav>
<article>{article}</article>
<aside>{n * 7} comments</aside><footer>Page served at {time.time():.6f}</footer></body></html>
"""


@dataclass
class Live:
    """One page: its articles, which one is shown when, and what it answered."""

    articles: list[str]
    schedule: list[float] = field(default_factory=list)  # seconds after start at which article k+1 replaces k
    after_requests: list[int] = field(default_factory=list)  # or: after how many answers article k+1 replaces k
    bare: bool = False  # the article alone, no page around it
    varying: bool = False  # a new sentence in the article at every answer (a page that never stops changing)
    title: str = "Prisoner exchange"
    failing: bool = False
    conditional: bool = True
    shown: int | None = None  # set by hand: overrides the schedule
    answers: list[int] = field(default_factory=list)  # the status of every answer, in order

    def current(self, elapsed: float) -> int:
        if self.shown is not None:
            return self.shown
        served = len([a for a in self.answers if a != 500])
        return sum(1 for t in self.schedule if elapsed >= t) + sum(1 for n in self.after_requests if served >= n)


class LiveServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages: dict[str, Live] = {}
        self.started = time.monotonic()
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def add(self, path: str, live: Live) -> str:
        self.pages[path] = live
        return self.base + path

    def restart_clock(self) -> None:
        self.started = time.monotonic()


class _Handler(BaseHTTPRequestHandler):
    server: LiveServer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        live = self.server.pages.get(self.path.split("?", 1)[0])
        if live is None:
            self._answer(404, b"no such page")
            return
        with self.server.lock:
            if live.failing:
                live.answers.append(500)
                self._answer(500, b"oops")
                return
            k = live.current(time.monotonic() - self.server.started)
            article = live.articles[min(k, len(live.articles) - 1)]
            if live.varying:
                article += f"<p>Update number {len(live.answers)}: {'more words follow here. ' * 200}</p>"
            etag = '"' + hashlib.sha256(article.encode()).hexdigest()[:16] + '"'
            modified = formatdate(1_700_000_000 + k * 3600, usegmt=True)
            if live.conditional and self.headers.get("If-None-Match") == etag:
                live.answers.append(304)
                self._answer(304, b"", ETag=etag, **{"Last-Modified": modified})
                return
            live.answers.append(200)
        headers = {"ETag": etag, "Last-Modified": modified} if live.conditional else {}
        body = article if live.bare else _page(article, live.title)
        self._answer(200, body.encode(), **headers)

    def _answer(self, status: int, body: bytes, **headers: str) -> None:
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()
        if body:
            self.wfile.write(body)


@contextmanager
def serving() -> Iterator[LiveServer]:
    server = LiveServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":  # a page for trying `reader watch` by hand: it changes at 2.5 s and 5.5 s
    import sys

    with serving() as srv:
        url = srv.add("/live", Live(ARTICLES, [2.5, 5.5]))
        print(url, flush=True)
        try:
            while True:
                time.sleep(1)
                if sys.stdin.closed:
                    break
        except KeyboardInterrupt:
            pass
