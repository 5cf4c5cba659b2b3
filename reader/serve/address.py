"""The address served, and which requests may claim to be for it (the Host and Origin checks).

A page on any site can make the browser open a websocket to 127.0.0.1 (its Origin then names
that site), and a site whose name is made to resolve to 127.0.0.1 (DNS rebinding) sends its own
name as the Host. Either way the request is not for this server as the user reached it: only
requests whose Host, and Origin when a browser sends one, name this server are answered. An IP
address is never a rebound name, so a server on a wildcard address answers any of its own.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _resolved(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return [ip for info in infos if (ip := _ip(str(info[4][0]))) is not None]


def _split_host(value: str) -> tuple[str, int | None] | None:
    """`name:port`, `[v6]:port`, or a name alone, as a Host header or a URL's netloc gives it."""
    try:
        parts = urlsplit("//" + value)
        return (parts.hostname or "").lower(), parts.port
    except ValueError:  # a port that is not a number, an unclosed bracket
        return None


@dataclass
class Address:
    """Where the server listens (`host` as given on the command line, `port`)."""

    host: str
    port: int
    _ips: list = field(init=False, repr=False)

    def __post_init__(self) -> None:
        ip = _ip(self.host)
        self._ips = [ip] if ip is not None else _resolved(self.host)

    @property
    def wildcard(self) -> bool:
        return self.host in WILDCARDS

    @property
    def loopback(self) -> bool:
        """Only this machine can reach the server."""
        return not self.wildcard and bool(self._ips) and all(ip.is_loopback for ip in self._ips)

    @property
    def url(self) -> str:
        """A URL a browser on this machine can open: a wildcard address stands for this machine."""
        if self.host in ("0.0.0.0", ""):
            name = "127.0.0.1"
        elif self.host == "::":
            name = "[::1]"
        else:
            ip = _ip(self.host)
            name = f"[{self.host}]" if ip is not None and ip.version == 6 else self.host
        return f"http://{name}:{self.port}"

    def warning(self) -> str | None:
        """What the user must know when other machines can reach the server, else None."""
        if self.loopback:
            return None
        where = "every network this machine is on" if self.wildcard else f"the network of {self.host}"
        return (
            f"warning: --host {self.host} serves the texts to {where}: anyone who can reach port {self.port} "
            "can read them and change their corrections (leave out --host to serve this machine only)"
        )

    def _names(self) -> set[str]:
        names = {self.host.lower().strip("[]")}
        if self.loopback or self.wildcard:
            names.update(LOOPBACK_NAMES)
        if not self.loopback:
            names.update(n.lower() for n in (socket.gethostname(), socket.getfqdn()) if n)
        return names

    def accepts_host(self, value: str | None) -> bool:
        """A Host header (or an Origin's host and port) that names this server."""
        if not value:
            return False
        split = _split_host(value)
        if split is None:
            return False
        name, port = split
        if (port if port is not None else 80) != self.port:
            return False
        if name in self._names():
            return True
        ip = _ip(name)
        if ip is None:
            return False  # a name this server does not go by: a rebound name, or a stranger's
        return self.wildcard or ip in self._ips or (self.loopback and ip.is_loopback)

    def accepts_origin(self, value: str | None) -> bool:
        """An Origin header: none (not a browser), or this server's own page."""
        if value is None:
            return True
        try:
            parts = urlsplit(value)
        except ValueError:
            return False
        return parts.scheme == "http" and not parts.path.strip("/") and self.accepts_host(parts.netloc)
