"""`reader --serve`: the same app in a browser, through textual-serve, on 127.0.0.1 unless asked otherwise.

Each browser tab runs its own `python -m reader PATHS...` (tabs.py starts one process per
connection), so a page shows exactly what the terminal app shows, corrections and keys included.
Everything that can be refused is refused before serving, in one line: the paths, the options
each tab would be started with (a --base out of range, a --theme that does not exist), the
address (a port in use, a host that is not this machine's). A host other machines can reach is
served with a warning. The server answers only requests for itself (server.py).
"""

from __future__ import annotations

import errno
import shlex
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.core import STDIN, InputError, is_url, load_sources
from reader.serve.address import Address

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def app_command(paths: Sequence[str], options: Sequence[str] = ()) -> str:
    """The command each browser connection runs: this Python, this reader, absolute paths."""
    args = [str(Path(p).resolve()) if not is_url(p) else p for p in paths]
    return shlex.join([sys.executable, "-m", "reader", *options, "--", *args])


def check_port(host: str, port: int) -> None:
    """Raise InputError, in one line, when the address cannot be served (in use, not ours, not a port)."""
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: choose a port from 1 to 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"--host {host}: not an address of this machine ({getattr(exc, 'strerror', exc)})") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise InputError(f"--port {port}: already in use on {host}; choose another with --port") from None
            raise InputError(f"--port {port}: cannot listen on {host} ({exc.strerror or exc})") from None


def check_options(options: Sequence[str], versions: int) -> None:
    """Refuse what every tab's reader would refuse: a --base out of range, a --theme that does not exist."""
    given = dict(zip(options[::2], options[1::2], strict=False))
    if "--base" in given and not 1 <= int(given["--base"]) <= versions:
        raise InputError(f"--base {given['--base']}: there are {versions} versions (choose 1 to {versions})")
    theme = given.get("--theme")
    if theme is not None:
        from textual.theme import BUILTIN_THEMES

        from reader.ui.themes import load_themes

        reader_themes = load_themes().themes
        if theme not in reader_themes and theme not in BUILTIN_THEMES:
            names = ", ".join(sorted(n for n in reader_themes if n.startswith("reader-")))
            raise InputError(f"--theme {theme}: no such theme (try {names})")


def serve(paths: Sequence[str], options: Sequence[str] = (), host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Serve the app until Ctrl+C, SIGTERM or SIGHUP; the address is printed once it listens."""
    if STDIN in paths:
        raise InputError("--serve: - (standard input) cannot be served: each browser tab reads the files again")
    sources = load_sources(list(paths))  # bad input is refused here, in one line, not in each browser tab
    check_options(options, len(sources))
    check_port(host, port)
    from reader.serve.server import ReaderServer, say

    address = Address(host, port)
    warning = address.warning()

    def listening() -> None:
        if warning is not None:
            say(warning)
        sys.stdout.write(f"reader: serving on {address.url} (Ctrl+C stops)\n")
        sys.stdout.flush()

    title = "reader: " + ", ".join(Path(p).name or p for p in paths)
    ReaderServer(app_command(paths, options), address, title, listening).serve()
    sys.stdout.write("reader: stopped\n")
    return 0
