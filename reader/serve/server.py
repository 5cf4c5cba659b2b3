"""textual-serve's Server, held to the address it serves: checked requests, capped tabs, one line per fault.

Every request, page and websocket alike, must name this server in its Host and, when a browser
sends one, its Origin (address.py); a refusal is a 403 whose body says why, and one line on the
server's terminal. At most MAX_TABS tabs run a reader at once: the next is told so in its page.
A malformed websocket message is one line and is dropped (messages.py); a tab's reader ends
with its tab, and every one ends with the server (tabs.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.server import Server, to_int

from reader.model import visible
from reader.serve.address import Address
from reader.serve.messages import MAX_CELLS, Malformed, parse
from reader.serve.tabs import MAX_TABS, Tab, Tabs

MAX_FAULTS_SAID = 10  # malformed messages said per tab; the rest are dropped without a word
MAX_REFUSALS_SAID = 20  # refused requests said per server: a hostile page cannot flood the terminal
ENDING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def say(message: str) -> None:
    """One line on the server's standard error (what a request carries is never printed raw)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"reader: {visible(' '.join(message.split()), keep_newlines=False)}\n")
        sys.stderr.flush()


class ReaderServer(Server):
    def __init__(self, command: str, address: Address, title: str, listening: Callable[[], None]) -> None:
        super().__init__(command, host=address.host, port=address.port, title=title, public_url=address.url)
        self.address = address
        self.tabs = Tabs()
        self.listening = listening
        self.refusals_said = 0

    def serve(self, debug: bool = False) -> None:
        """Until SIGINT, SIGTERM or SIGHUP; every tab's reader is ended before this returns."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in ENDING_SIGNALS:
            loop.add_signal_handler(sig, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                host=self.host or None,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda _message: self.listening(),
                access_log=None,
            )
        finally:
            self.tabs.end_all()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._only_this_server)
        return app

    async def on_startup(self, app: web.Application) -> None:
        pass  # textual-serve's banner: the address is said once the socket listens (see serve)

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(self.tabs.close(tab) for tab in list(self.tabs.open)), return_exceptions=True)

    @web.middleware
    async def _only_this_server(self, request: web.Request, handler: Any) -> web.StreamResponse:
        why = self._refusal(request)
        if why is None:
            return await handler(request)
        if self.refusals_said < MAX_REFUSALS_SAID:
            self.refusals_said += 1
            say(f"refused a request for {request.path[:80]}: {why}")
        return web.Response(status=403, text=f"reader: refused: {why}\n")

    def _refusal(self, request: web.Request) -> str | None:
        host, origin = request.headers.get("Host"), request.headers.get("Origin")
        if not self.address.accepts_host(host):
            return f"Host {str(host)[:80]!r} is not this server ({self.address.url})"
        if not self.address.accepts_origin(origin):
            return f"Origin {str(origin)[:80]!r} is not this server's page ({self.address.url})"
        return None

    async def handle_index(self, request: web.Request) -> web.Response:
        """textual-serve's page, its links made with the address the browser used (checked above)."""
        router = request.app.router
        static = f"http://{request.host}{router['static'].url_for(filename='/')}".rstrip("/") + "/"
        context = {
            "font_size": _within(to_int(request.query.get("fontsize", "16"), 16), 4, 64),
            "app_websocket_url": f"ws://{request.host}{router['websocket'].url_for()}",
            "config": {"static": {"url": static}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
        await websocket.prepare(request)
        if self.tabs.full:
            say(f"refused a browser tab: {MAX_TABS} are open already (the limit)")
            with contextlib.suppress(Exception):
                text = f"reader: {MAX_TABS} tabs are open already (the limit); close one, then reload this page.\r\n"
                await websocket.send_bytes(text.encode())
                await websocket.close()
            return websocket

        async def stuck() -> None:
            say("a browser tab stopped reading; its reader is ended")
            with contextlib.suppress(Exception):
                await websocket.close(drain=False)

        tab = Tab(
            self.command,
            on_stuck=stuck,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.tabs.add(tab)  # before the first await: tabs opening at once are counted against the limit
        try:
            width = _within(to_int(request.query.get("width", "80"), 80), 1, MAX_CELLS)
            await tab.start(width, _within(to_int(request.query.get("height", "24"), 24), 1, MAX_CELLS))
            self.tabs.started(tab)
            await self._process_messages(websocket, tab)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except OSError as exc:  # the reader could not be started (no memory, no processes left)
            say(f"a browser tab's reader could not start ({exc.strerror or exc})")
        finally:
            await asyncio.shield(self.tabs.close(tab))
            with contextlib.suppress(Exception):
                await websocket.close()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
        """The tab's keys, size and pings to its reader; a malformed message is one line and dropped."""
        faults = 0
        async for raw in websocket:
            if raw.type != WSMsgType.TEXT:
                continue
            try:
                message = parse(raw.data)
            except Malformed as exc:
                faults += 1
                if faults <= MAX_FAULTS_SAID:
                    more = "; further ones from this tab are dropped silently" if faults == MAX_FAULTS_SAID else ""
                    say(f"a browser tab sent a malformed message ({exc}); dropped{more}")
                continue
            if message.kind == "stdin":
                await app_service.send_bytes(message.text.encode("utf-8", "replace"))
            elif message.kind == "resize":
                await app_service.set_terminal_size(message.width, message.height)
            elif message.kind == "ping":
                await websocket.send_json(["pong", message.text])
            elif message.kind == "blur":
                await app_service.blur()
            elif message.kind == "focus":
                await app_service.focus()


def _within(value: int, low: int, high: int) -> int:
    return min(max(value, low), high)
