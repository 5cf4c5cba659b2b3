"""reader --serve: the page is served on 127.0.0.1 and stops on Ctrl+C; in headless Chromium the article is drawn."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.core.input.load import InputError
from reader.serve import app_command, check_port

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and os.access(p, os.X_OK)), None)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,800",
]
# Records every xterm.js terminal the page makes (textual-serve keeps it as `this.terminal`), so the test can
# read what the terminal holds: the text its renderer draws on the canvas.
RECORD_TERMINALS = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) window.__terminals.push(value);
  },
});
"""
READ_TERMINAL = """(() => {
  const t = window.__terminals && window.__terminals[0];
  if (!t || !document.querySelector("#terminal canvas")) return "";
  const b = t.buffer.active, rows = [];
  for (let i = 0; i < b.length; i++) rows.push(b.getLine(i).translateToString(true));
  return rows.join("\\n");
})()"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(paths: list[str]) -> Iterator[tuple[str, subprocess.Popen]]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "--serve", "--port", str(port), *paths],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()  # printed once the server listens
        assert line == f"reader: serving on http://127.0.0.1:{port} (Ctrl+C stops)\n", line + proc.stderr.read()
        yield f"http://127.0.0.1:{port}/", proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_serve_fetches_the_page_and_stops_on_ctrl_c(story):
    with serving(story) as (url, proc):
        with urllib.request.urlopen(url, timeout=10) as page:
            html = page.read().decode()
        assert page.status == 200 and "textual-terminal" in html and "/ws" in html
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        rest = proc.stdout.read() + proc.stderr.read()
    assert rest == "reader: stopped\n"


def test_a_port_in_use_is_one_line(story):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(InputError, match=f"--port {port}: already in use"):
            check_port("127.0.0.1", port)
        out = subprocess.run(
            [sys.executable, "-m", "reader", "--serve", "--port", str(port), *story], capture_output=True, text=True
        )
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f"reader: --port {port}: already in use on 127.0.0.1; choose another with --port\n"


def test_serving_stdin_is_refused_and_the_command_names_absolute_paths(story):
    out = subprocess.run([sys.executable, "-m", "reader", "--serve", "-", story[0]], capture_output=True, text=True)
    assert out.returncode == 2 and out.stderr.startswith("reader: --serve: - (standard input) cannot be served")
    command = app_command(["relative/v1.txt", "https://example.org/a"], ["--base", "2"])
    assert f"-m reader --base 2 -- {Path('relative/v1.txt').resolve()} https://example.org/a" in command


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
async def test_headless_chromium_draws_the_article(story):
    aiohttp = pytest.importorskip("aiohttp")
    with (
        serving(story) as (url, _proc),
        tempfile.TemporaryDirectory(prefix="reader-chromium-", ignore_cleanup_errors=True) as profile,
    ):
        browser = subprocess.Popen(
            [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group: the test ends Chromium and its helpers together
        )
        try:
            debug_port = _devtools_port(browser)
            async with aiohttp.ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{debug_port}/json/list") as resp:
                    targets = await resp.json(content_type=None)
                page = next(t for t in targets if t["type"] == "page")
                async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                    cdp = _Devtools(ws)
                    await cdp.call("Page.enable")
                    await cdp.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_TERMINALS)
                    await cdp.call("Page.navigate", url=url)
                    drawn = await cdp.poll(READ_TERMINAL, lambda text: "The mayor opened the new bridge" in text)
        finally:
            os.killpg(browser.pid, signal.SIGTERM)
            try:
                browser.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(browser.pid, signal.SIGKILL)
                browser.wait()
    assert "The mayor opened the new bridge" in drawn
    assert "v1.txt" in drawn and "v3.txt" in drawn  # the column headers, as in the terminal


def _devtools_port(browser: subprocess.Popen) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = browser.stderr.readline()
        if not line and browser.poll() is not None:
            break
        found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
        if found:
            return int(found.group(1))
    pytest.fail("Chromium did not open its DevTools port")


class _Devtools:
    """The few Chrome DevTools Protocol calls the test needs, over the page's websocket."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0

    async def call(self, method: str, **params) -> dict:
        self.next_id += 1
        await self.ws.send_str(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads((await self.ws.receive()).data)
            if message.get("id") == self.next_id:
                return message.get("result", {})

    async def poll(self, expression: str, done, timeout: float = 45) -> str:
        import asyncio

        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
            text = result.get("result", {}).get("value") or ""
            if done(text):
                return text
            await asyncio.sleep(0.25)  # polling a browser for a state, not a fixed wait
        return text


def test_serve_refuses_a_missing_path_and_a_report_format(story, tmp_path: Path):
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--serve", "--port", str(free_port()), str(tmp_path / "nope.txt"), story[0]],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "nope.txt" in out.stderr
    out = subprocess.run(
        [sys.executable, "-m", "reader", "--serve", "--format", "json", *story], capture_output=True, text=True
    )
    assert out.returncode == 2 and out.stderr.startswith("reader: --serve opens the app in a browser")
