"""The hostile-input promise, row by row: one clear line and exit 2, never a traceback, a hang or a changed input.

Rows live in hostile_cases.py (the command line) and APP_CASES below (the app, driven by Pilot).
Every row runs in its own folder; what the runner checks holds for all of them:

- the exit status is the row's, and a refusal is one line `reader: ...` holding the row's words (a run
  that goes on despite a bad user file: one line holding the row's `said`);
- no traceback, no "internal error", no control character on standard error;
- every file in the folder is byte-for-byte what it was (SHA-256 before and after), except the
  outputs the row allows, and no stray file (a temporary report) is left behind;
- the row costs under CASE_LIMIT_S of CPU and ends within HANG_LIMIT_S.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import os
import re
import resource
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reader.cli import main
from tests.cli.hostile_cases import CASES, Case, Outcome, folder, nested
from tests.cli.hostile_server import serving
from tests.waiting import wait_until

# A row must not take more than CASE_LIMIT_S of CPU (its cost) and must end within HANG_LIMIT_S of
# wall time (no hang): wall time alone would flake on a busy machine, CPU time alone would miss a wait.
CASE_LIMIT_S = 30.0
HANG_LIMIT_S = 120.0
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serving() as url:
        yield url


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def case_dir() -> Iterator[Path]:
    """A folder of the row's own, outside pytest's (which other users could not enter)."""
    d = Path(tempfile.mkdtemp(prefix="reader-hostile-"))
    d.chmod(0o755)
    yield d
    for root, dirs, _files in os.walk(d):
        for name in dirs:
            p = Path(root) / name
            if not p.is_symlink():
                p.chmod(0o755)
    shutil.rmtree(d, ignore_errors=True)


def _build(case: Case, d: Path) -> None:
    for name, content in case.files.items():
        data = content() if callable(content) else content
        (d / name).write_bytes(data.encode() if isinstance(data, str) else data)
    if case.setup is not None:
        case.setup(d)


def _snapshot(d: Path) -> dict[str, str]:
    """Every entry under `d` (links not followed) and a digest of what it holds."""
    out: dict[str, str] = {}
    for root, dirs, files in os.walk(d):
        for name in dirs + files:
            p = Path(root) / name
            st = p.lstat()
            rel = os.fsdecode(p.relative_to(d))
            if stat.S_ISLNK(st.st_mode):
                out[rel] = "link:" + os.readlink(p)
            elif stat.S_ISREG(st.st_mode):
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest() + f":{stat.S_IMODE(st.st_mode):o}"
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = f"dir:{stat.S_IMODE(st.st_mode):o}"
            else:
                out[rel] = f"special:{stat.S_IFMT(st.st_mode)}"
    return out


def _argv(case: Case, base_url: str) -> list[str]:
    tls = base_url.replace("http://", "https://")
    argv = [a.replace("{url}", base_url).replace("{tls}", tls) for a in case.argv]
    return argv + (["--format", case.fmt] if case.fmt else [])


class _Stdin:
    """Standard input for an in-process run: bytes in memory, never a terminal."""

    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)

    def isatty(self) -> bool:
        return False


class _OpenPipe:
    """Standard input from a pipe whose writer keeps it open: the reader must not wait for ever."""

    def __init__(self, data: bytes):
        self._read, self._write = os.pipe()
        os.write(self._write, data)
        self.buffer = os.fdopen(self._read, "rb")

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._read

    def close(self) -> None:
        self.buffer.close()
        os.close(self._write)


def _in_process(case: Case, argv: list[str], d: Path, monkeypatch, capsys) -> Outcome:
    monkeypatch.chdir(d)
    stdin = _OpenPipe(case.stdin or b"") if case.stdin_stays_open else _Stdin(case.stdin or b"")
    monkeypatch.setattr(sys, "stdin", stdin)
    for target, value in case.patch.items():
        module, name = target.split(":")
        monkeypatch.setattr(importlib.import_module(module), name, value)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        if isinstance(stdin, _OpenPipe):
            stdin.close()
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def _as_process(case: Case, argv: list[str], d: Path) -> Outcome:
    command = f"set -o pipefail; {shlex.quote(sys.executable)} -m reader {shlex.join(argv)} {case.shell}"
    prefix: list[str] = []
    if case.user is not None and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]  # root, bound by file modes
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "LC_ALL": "C.UTF-8"}
    env.pop("READER_DEBUG", None)
    done = subprocess.run(
        [*prefix, "bash", "-c", command],
        cwd=d,
        capture_output=True,
        timeout=HANG_LIMIT_S,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    return Outcome(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def _cpu_seconds() -> float:
    """CPU used so far by this process and the commands it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, case_dir: Path, base_url: str, monkeypatch, capsys) -> None:
    # the user's state and config folders are the row's own (absent unless the row makes them), so the
    # checksums cover kept corrections, config.toml and keymap.toml too
    monkeypatch.setenv("XDG_STATE_HOME", str(case_dir / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(case_dir / "config"))
    _build(case, case_dir)
    before = _snapshot(case_dir)
    argv = _argv(case, base_url)
    start, cpu_start = time.monotonic(), _cpu_seconds()
    if case.in_process:
        result = _in_process(case, argv, case_dir, monkeypatch, capsys)
    else:
        result = _as_process(case, argv, case_dir)
    elapsed, cpu = time.monotonic() - start, _cpu_seconds() - cpu_start
    after = _snapshot(case_dir)

    assert cpu < CASE_LIMIT_S and elapsed < HANG_LIMIT_S, f"took {cpu:.1f} s of CPU, {elapsed:.1f} s in all"
    changed = [p for p, digest in before.items() if p not in case.writes and after.get(p) != digest]
    assert not changed, f"inputs changed: {changed}"
    stray = sorted(set(after) - set(before) - set(case.writes))
    assert not stray, f"files left behind: {stray}"
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    assert not CONTROL.search(result.err.rstrip("\n")), result.err
    assert result.code == case.code, (result.code, result.err)
    stderr_seen = "2>" not in case.shell
    if case.code == 2 and stderr_seen:
        assert result.err.startswith("reader: ") and result.err.count("\n") == 1, result.err
        assert case.message in result.err, result.err
        assert result.out == ""
    elif case.code == 2:
        assert result.err == ""
    elif stderr_seen and case.said:  # a run that goes on with one note or warning about a user file
        assert result.err.startswith("reader: ") and result.err.count("\n") == 1, result.err
        assert case.said in result.err, result.err
    elif stderr_seen:
        assert result.err == "", result.err
    if case.check is not None:
        case.check(result, case_dir)


# ---- the app: what the user types and the theme files they keep are data -----------------------


@dataclass(frozen=True)
class AppCase:
    name: str
    search: str | None = None  # typed after `/`, then Enter
    palette: str | None = None  # typed into the command palette (Ctrl+P)
    themes: dict[str, str | bytes] = field(default_factory=dict)
    special: str | None = None  # a theme entry that is no plain file: "fifo", "dir", "loop"
    notice: str = ""  # words a notification must hold
    theme: str | None = None


APP_CASES = [
    *[
        AppCase(f"search for {text!r}", search=text, notice="is in no version")
        for text in [
            "[/]",
            "[link=file:///etc/passwd]x",
            "[bold]loud",
            "[",
            "]",
            "[/bold]",
            "[@click=app.quit]quit",
            "[red on blue]x[/]",
            "\\[escaped]",
            "$(rm -rf ~) `id`",
            "%s%n{0}",
            "新闻 🗞️",
            "x" * 120,
        ]
    ],
    AppCase("search that matches", search="bridge"),
    AppCase("palette [/]", palette="[/]"),
    AppCase("palette [@click=app.quit]", palette="[@click=app.quit]q"),
    AppCase("palette [link=...]", palette="[link=file:///etc/passwd]x"),
    AppCase("theme colour [/]", themes={"bad.toml": 'name = "bad"\nprimary = "[/]"\n'}, notice="bad.toml: primary"),
    AppCase(
        "theme colour markup",
        themes={"bad.toml": 'name = "bad"\nprimary = "[@click=app.quit]x"\n'},
        notice="is not a colour",
    ),
    AppCase("theme nested 30,000 deep", themes={"deep.toml": nested(30_000)}, notice="deep.toml: not valid TOML"),
    AppCase(
        "theme name with markup",
        themes={"n.toml": 'name = "[/]"\nprimary = "#112233"\n'},
        notice="must be letters, digits",
    ),
    AppCase(
        "theme variable with markup",
        themes={"v.toml": 'name = "v"\nprimary = "#112233"\n[variables]\n"[/]" = "red"\n'},
        notice="variable '[/]'",
    ),
    AppCase("theme not UTF-8", themes={"latin.toml": b'name = "caf\xe9"\n'}, notice="latin.toml: cannot read"),
    AppCase("theme of 1 MB", themes={"big.toml": "# " + "x" * 1_000_000}, notice="big.toml: too large"),
    AppCase("theme that is a FIFO", special="fifo", notice="pipe.toml: not a regular file"),
    AppCase("theme that is a folder", special="dir", notice="dir.toml: not a regular file"),
    AppCase("theme that is a symlink loop", special="loop", notice="loop.toml"),
    AppCase("theme with no name", themes={"anon.toml": 'primary = "#112233"\n'}, notice="needs a name"),
    AppCase("theme colour not a string", themes={"num.toml": 'name = "num"\nprimary = 42\n'}, notice="needs a primary"),
    AppCase("theme chosen by a hostile name", theme="[/]", notice="not found"),
    AppCase("theme file name with an escape", themes={"\x1b[2J.toml": "bad"}, notice="␛[2J.toml"),
]


@pytest.mark.parametrize("case", APP_CASES, ids=[f"app: {c.name}" for c in APP_CASES])
async def test_hostile_app_input(case: AppCase, case_dir: Path) -> None:
    from reader.ui.app import ReaderApp
    from tests.ui.conftest import BRIDGE, make_app

    themes = case_dir / "themes"
    folder("themes", **case.themes)(case_dir)
    if case.special == "fifo":
        os.mkfifo(themes / "pipe.toml")
    elif case.special == "dir":
        (themes / "dir.toml").mkdir()
    elif case.special == "loop":
        (themes / "loop.toml").symlink_to("loop.toml")
    before = _snapshot(case_dir)
    app: ReaderApp = make_app(texts=BRIDGE, theme=case.theme, tmp_theme_dir=themes)
    notes: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs) -> None:
        notes.append(message)
        notify(message, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    start = time.monotonic()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:  # notices drawn, as a user sees them
        await wait_until(pilot, lambda: app.ready, "the comparison to be shown")
        if case.search is not None:
            await pilot.press("slash", *case.search, "enter")
        if case.palette is not None:
            await pilot.press("ctrl+p", *case.palette)
            await pilot.pause()
            await pilot.press("escape")
        if case.notice:
            await wait_until(pilot, lambda: any(case.notice in n for n in notes), f"a notice holding {case.notice!r}")
            await wait_until(pilot, lambda: bool(app.screen.query("Toast")), "the notice to be drawn")
        await pilot.pause()
        assert app.is_running, "the app stopped"
        screen = app.export_screenshot()
        await pilot.press("q")
    assert app.return_code == 0
    assert time.monotonic() - start < HANG_LIMIT_S
    assert not CONTROL.search(screen)
    assert _snapshot(case_dir) == before
