"""`reader --serve`: the same app in a browser, through textual-serve, on 127.0.0.1 unless asked otherwise.

Each browser tab runs its own `python -m reader PATHS...` (textual-serve starts
one process per connection), so a page shows exactly what the terminal app
shows, corrections and keys included. The port is checked before serving, so a
port in use is one line, not a traceback from the web server.
"""

from __future__ import annotations

import asyncio
import errno
import shlex
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.core import STDIN, InputError, is_url, load_sources

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def app_command(paths: Sequence[str], options: Sequence[str] = ()) -> str:
    """The shell command each browser connection runs: this Python, this reader, absolute paths."""
    args = [str(Path(p).resolve()) if not is_url(p) else p for p in paths]
    return shlex.join([sys.executable, "-m", "reader", *options, "--", *args])


def check_port(host: str, port: int) -> None:
    """Raise InputError, in one line, when the address cannot be served (in use, not ours, not a port)."""
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: choose a port from 1 to 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"--host {host}: not an address of this machine ({exc.strerror})") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise InputError(f"--port {port}: already in use on {host}; choose another with --port") from None
            raise InputError(f"--port {port}: cannot listen on {host} ({exc.strerror or exc})") from None


def serve(paths: Sequence[str], options: Sequence[str] = (), host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Serve the app until Ctrl+C (or SIGTERM); the address is printed once it listens."""
    if STDIN in paths:
        raise InputError("--serve: - (standard input) cannot be served: each browser tab reads the files again")
    load_sources(list(paths))  # bad input is refused here, in one line, not in each browser tab
    check_port(host, port)
    from aiohttp import web
    from textual_serve.server import Server

    class _Server(Server):
        def serve(self, debug: bool = False) -> None:
            """Server.serve, with the address said once the socket listens (aiohttp's `print` hook)
            instead of textual-serve's banner, which comes before it and without its log handler."""
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop, print=said)

        async def on_startup(self, app) -> None:
            pass

    def said(_message: str) -> None:
        sys.stdout.write(f"reader: serving on http://{host}:{port} (Ctrl+C stops)\n")
        sys.stdout.flush()

    command = app_command(paths, options)
    title = "reader: " + ", ".join(Path(p).name or p for p in paths)
    _Server(command, host=host, port=port, title=title).serve()
    sys.stdout.write("reader: stopped\n")
    return 0
