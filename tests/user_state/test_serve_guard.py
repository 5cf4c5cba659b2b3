"""reader --serve answers only its own pages, caps its tabs, and ends every tab's reader with the tab or the server.

Real servers on loopback, real websocket handshakes (aiohttp's client); the address and message
rules are checked as tables too.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from reader.serve.address import Address
from reader.serve.messages import Malformed, parse
from reader.serve.tabs import MAX_TABS
from tests.user_state.test_serve import free_port, serving
from tests.waiting import holds_within


def tab_pids(server: int) -> set[int]:
    """The server's children: one reader per open tab."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == server and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def settle(check, seconds: float = 20.0) -> bool:
    return holds_within(check, seconds)


async def first_screen(ws: aiohttp.ClientWebSocketResponse) -> bytes:
    """Bytes of the app's first screen (its reader started and drew)."""
    while True:
        message = await asyncio.wait_for(ws.receive(), 30)
        if message.type == aiohttp.WSMsgType.BINARY:
            return message.data
        assert message.type == aiohttp.WSMsgType.TEXT, message


FOREIGN = [
    ("a foreign Origin", {"Origin": "http://evil.example"}),
    ("a foreign Origin on this port", {"Origin": "http://evil.example:{port}"}),
    ("a rebound Host", {"Host": "evil.example:{port}"}),
    ("a rebound Host with this server's Origin", {"Host": "evil.example:{port}", "Origin": "http://127.0.0.1:{port}"}),
    ("a null Origin", {"Origin": "null"}),
    ("an https Origin", {"Origin": "https://127.0.0.1:{port}"}),
]


async def test_a_foreign_origin_or_host_is_refused_and_the_page_own_is_served(story):
    with serving(story) as (url, proc):
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        async with aiohttp.ClientSession() as http:
            for name, headers in FOREIGN:
                headers = {k: v.format(port=port) for k, v in headers.items()}
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(url + "ws", headers=headers)
                assert refused.value.status == 403, name
                async with http.get(url, headers=headers) as page:
                    assert page.status == 403, name
                    assert (await page.text()).startswith("reader: refused: "), name
            assert tab_pids(proc.pid) == set()  # no reader was started for them
            async with http.get(url) as page:
                assert page.status == 200 and f"ws://127.0.0.1:{port}/ws" in await page.text()
            origin = {"Origin": f"http://127.0.0.1:{port}"}
            async with http.ws_connect(url + "ws", headers=origin) as ws:
                assert await first_screen(ws)
    err = proc.stderr.read()
    assert err.count("reader: refused a request") == 2 * len(FOREIGN) and "Traceback" not in err, err


async def test_malformed_messages_are_one_line_each_and_the_tab_goes_on(story):
    with serving(story) as (url, proc):
        async with aiohttp.ClientSession() as http, http.ws_connect(url + "ws") as ws:
            await first_screen(ws)
            for bad in (
                "garbage",
                "{}",
                "[]",
                "[1]",
                '["stdin"]',
                '["stdin", 5]',
                '["resize", {"width": "x"}]',
                '["resize", {"width": 10**9, "height": 5}]',
                '["nonesuch"]',
                "[" * 100_000,
            ):
                await ws.send_str(bad)
            await ws.send_str('["ping", "42"]')
            while True:
                message = await asyncio.wait_for(ws.receive(), 30)
                assert message.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY), "the tab was closed"
                if message.type == aiohttp.WSMsgType.TEXT and message.data == '["pong", "42"]':
                    break
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
        err = proc.stderr.read()
    lines = err.splitlines()
    assert "Traceback" not in err
    assert len(lines) == 10 and all(
        line.startswith("reader: a browser tab sent a malformed message (") for line in lines
    )


async def test_a_closed_tab_ends_its_reader(story):
    with serving(story) as (url, proc):
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(url + "ws") as ws:
                await first_screen(ws)
                (tab,) = tab_pids(proc.pid)
                assert os.getpgid(tab) == tab  # a process group of its own
            assert settle(lambda: not alive(tab)), "the tab's reader outlived its tab"


async def test_tabs_past_the_limit_are_told_so(story):
    with serving(story) as (url, proc):
        async with aiohttp.ClientSession() as http:
            sockets = [await http.ws_connect(url + "ws") for _ in range(MAX_TABS)]
            for ws in sockets:
                await first_screen(ws)
            async with http.ws_connect(url + "ws") as extra:
                told = await first_screen(extra)
                assert b"tabs are open already (the limit)" in told
                assert (await asyncio.wait_for(extra.receive(), 10)).type in (
                    aiohttp.WSMsgType.CLOSE,
                    aiohttp.WSMsgType.CLOSED,
                )
            assert len(tab_pids(proc.pid)) == MAX_TABS
            for ws in sockets:
                await ws.close()


async def test_tabs_opened_at_once_are_held_to_the_limit(story):
    with serving(story) as (url, proc):
        async with aiohttp.ClientSession() as http:
            sockets = await asyncio.gather(*(http.ws_connect(url + "ws") for _ in range(MAX_TABS + 2)))
            screens = await asyncio.gather(*(first_screen(ws) for ws in sockets))
            told = [screen for screen in screens if b"tabs are open already (the limit)" in screen]
            assert len(told) == 2
            assert len(tab_pids(proc.pid)) == MAX_TABS
            for ws in sockets:
                await ws.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL])
async def test_every_tab_ends_with_the_server(story, sig):
    with serving(story) as (url, proc):
        async with aiohttp.ClientSession() as http:
            sockets = [await http.ws_connect(url + "ws") for _ in range(2)]
            for ws in sockets:
                await first_screen(ws)
            tabs = tab_pids(proc.pid)
            assert len(tabs) == 2
            proc.send_signal(sig)
            assert await asyncio.to_thread(proc.wait, 20) == (-signal.SIGKILL if sig == signal.SIGKILL else 0)
            assert settle(lambda: not any(alive(t) for t in tabs)), f"tabs left after {sig.name}"
            for ws in sockets:
                await ws.close()


def run_serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--serve", *args], capture_output=True, text=True, timeout=60
    )


def test_options_are_checked_before_serving(story):
    port = str(free_port())
    for args, words in [
        (("--theme", "nonesuch"), "--theme nonesuch: no such theme"),
        (("--base", "9"), "--base 9: there are 3 versions"),
        (("-o", "r.json"), "--serve opens the app in a browser: leave out -o"),
        (("--indent", "2"), "--serve opens the app in a browser: leave out"),
        (("--host", "no.such.host.invalid"), "--host no.such.host.invalid: not an address of this machine"),
    ]:
        out = run_serve("--port", port, *args, *story)
        assert out.returncode == 2 and out.stdout == "", (args, out)
        assert out.stderr.startswith("reader: ") and out.stderr.count("\n") == 1 and words in out.stderr, out.stderr


@pytest.mark.parametrize(("host", "shown"), [("::", "http://[::1]:{port}"), ("0.0.0.0", "http://127.0.0.1:{port}")])
def test_a_host_other_machines_reach_is_warned_of_and_shown_usably(story, host, shown):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "--serve", "--host", host, "--port", str(port), *story],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line == f"reader: serving on {shown.format(port=port)} (Ctrl+C stops)\n", line  # (stderr read after)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
    warning = proc.stderr.read()
    assert warning.startswith(f"reader: warning: --host {host} serves the texts to every network"), warning
    assert warning.count("\n") == 1


ADDRESSES = [
    # (host served, Host header, accepted)
    ("127.0.0.1", "127.0.0.1:8000", True),
    ("127.0.0.1", "localhost:8000", True),
    ("127.0.0.1", "[::1]:8000", True),
    ("127.0.0.1", "127.0.0.1:8001", False),
    ("127.0.0.1", "127.0.0.1", False),  # port 80 implied
    ("127.0.0.1", "evil.example:8000", False),
    ("127.0.0.1", "10.0.0.5:8000", False),
    ("127.0.0.1", "", False),
    ("127.0.0.1", "[::1:8000", False),
    ("127.0.0.1", "127.0.0.1:http", False),
    ("0.0.0.0", "10.0.0.5:8000", True),
    ("0.0.0.0", "evil.example:8000", False),
    ("::", "[fe80::1]:8000", True),
    ("localhost", "localhost:8000", True),
    ("localhost", "evil.example:8000", False),
]


@pytest.mark.parametrize(("served", "host", "accepted"), ADDRESSES)
def test_host_header_table(served: str, host: str, accepted: bool) -> None:
    assert Address(served, 8000).accepts_host(host) is accepted


@pytest.mark.parametrize(
    ("origin", "accepted"),
    [
        (None, True),  # not a browser
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://evil.example", False),
        ("http://evil.example:8000", False),
        ("null", False),
        ("https://127.0.0.1:8000", False),
        ("http://127.0.0.1:8000/page", False),
        ("http://127.0.0.1:9999", False),
    ],
)
def test_origin_table(origin: str | None, accepted: bool) -> None:
    assert Address("127.0.0.1", 8000).accepts_origin(origin) is accepted


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ('["stdin", "q"]', "stdin"),
        ('["resize", {"width": 80, "height": 24}]', "resize"),
        ('["ping", "1733390000000"]', "ping"),
        ('["blur"]', "blur"),
        ('["focus"]', "focus"),
        ("garbage", None),
        ('{"stdin": "q"}', None),
        ("[]", None),
        ('["stdin", 5]', None),
        ('["resize", {"width": true, "height": 24}]', None),
        ('["resize", {"width": 0, "height": 24}]', None),
        ('["resize", [80, 24]]', None),
        ('["ping", "' + "9" * 100 + '"]', None),
        ("[" * 100_000, None),
        ('["stdin", "' + "x" * 70_000 + '"]', None),
        ('["nonesuch"]', None),
    ],
)
def test_message_table(data: str, kind: str | None) -> None:
    if kind is None:
        with pytest.raises(Malformed):
            parse(data)
    else:
        assert parse(data).kind == kind


def _frame(text: str) -> bytes:
    """A client's websocket text frame (masked, as a client must send it)."""
    data = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81]) + (bytes([0x80 | len(data)]) if len(data) < 126 else bytes([0xFE]) + len(data).to_bytes(2))
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data))


def test_a_tab_that_stops_reading_has_its_reader_ended(story):
    """A client that never reads what the server sends (its screen) cannot keep a reader blocked."""
    import base64
    import socket

    with serving(story) as (url, proc):
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        client = socket.socket()
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        client.sendall(
            (
                f"GET /ws?width=200&height=60 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        assert client.recv(12) == b"HTTP/1.1 101"
        assert settle(lambda: len(tab_pids(proc.pid)) == 1)
        (tab,) = tab_pids(proc.pid)
        client.settimeout(0.05)
        deadline = time.monotonic() + 120
        n = 0
        while alive(tab) and time.monotonic() < deadline:  # screens it must redraw, and never a byte read
            n += 1
            try:
                client.sendall(_frame(f'["resize", {{"width": {150 + n % 50}, "height": {40 + n % 20}}}]'))
            except (TimeoutError, OSError):
                time.sleep(0.05)
        client.close()
        assert not alive(tab), "the reader of a tab that stopped reading is still running"
        assert tab_pids(proc.pid) == set()
