"""The HTML report in a real headless browser: it draws, no article script runs, it prints.

Skipped, with the reason, when no Chromium is installed (Debian: apt-get install -y chromium).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

from reader.core import compare_texts
from reader.export import html

from .hostile import HOSTILE, OTHER

BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(BROWSER is None, reason="no chromium on PATH (apt-get install -y chromium)"),
]

WORLD = (
    "東京で会議が開かれた。交渉は続く。\n\nقال المتحدث إن المحادثات ستستمر. وصل الوفد أمس.\n\n"
    "The team 👩‍👩‍👧 cheered. Cafe\u0301 owners agreed to pay 1,000 euros.\n"
)


def _chromium(*args: str) -> subprocess.CompletedProcess:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=1400,1000",
    ]
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [BROWSER, *flags, f"--user-data-dir={profile}", *args],
            capture_output=True,
            timeout=90,
            env={**os.environ, "HOME": profile},
        )


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    comparison = compare_texts([HOSTILE + "\n" + WORLD, OTHER + "\n" + WORLD.replace("1,000", "1,500")])
    path.write_text(html.render(comparison, title="Hostile <b>story</b>"), encoding="utf-8")
    return path


def _png_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanlines of a PNG, with the standard library only."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_screenshot_shows_a_drawn_page(report, tmp_path):
    shot = tmp_path / "report.png"
    done = _chromium(f"--screenshot={shot}", report.as_uri())
    assert shot.exists(), done.stderr.decode(errors="replace")[-2000:]
    width, height, pixels = _png_pixels(shot.read_bytes())
    assert (width, height) == (1400, 1000)
    assert len(set(pixels)) > 64  # text, highlights and rules, not a blank or error page


def test_no_article_script_runs_and_the_dom_is_as_written(report):
    done = _chromium("--dump-dom", "--virtual-time-budget=2000", report.as_uri())
    dom = done.stdout.decode("utf-8")
    assert "<title>Hostile &lt;b&gt;story&lt;/b&gt;</title>" in dom
    assert "PWNED</title>" not in dom and "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    assert "[link=https://evil.example]" in dom
    assert '<span class="ctl" title="control character U+001B">␛</span>[31m' in dom


def test_prints_to_pdf(report, tmp_path):
    pdf = tmp_path / "report.pdf"
    _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and re.search(rb"/Type\s*/Page[^s]", data)
