"""App benchmark: time to the first screen, and keypress-to-refresh on a large comparison.

    uv run python bench/bench_app.py [--startup-only | --large-only | --keys-only] [--before DIR]

1. Start-up: a bare Textual app (one Static) against the reader on the bundled
   corpus (comparison built in the background), each the median of several runs with its ratio:
   - in-process, imports done, from constructing the app to the end of the first
     frame that shows the content (the Static; the versions' text, then the
     comparison's marks);
   - in-process, to the moment Pilot finds the app idle after that (Pilot polls
     in 20 ms steps, so this adds up to a frame or two of waiting to both);
   - whole commands in a terminal (a pty of 120 x 36, the real driver): from starting the process to
     the first frame with content: `python -c` running a bare app, and the `reader` command itself
     (reader.cli.main: arguments, config, loading, the app), with byte-code caches warm in a scratch
     folder (this environment sets PYTHONDONTWRITEBYTECODE, which no user install does), the engine in
     its own process (the app's way on Linux) and in a thread of the app. first_frame.py watches the frames.
2. Start-up on 10 versions of about 1,000 sentences (files), whole commands, interleaved:
   the reader's text on screen and its marks (engine in a process, and in a thread)
   against the batch command on the same files (`reader --format json`, to a pipe);
   then `j` pressed in the reading view while the engine works (in-process): how much
   the engine slows the interface, in a process and in a thread.
3. Keypresses in every view (aligned, reading, paragraphs, claims, facts, sources): 10 versions of about
   1,000 sentences (the comparison is built first, outside the timing), at 200x50;
   each key is timed from the press to the end of the screen update that shows it.
   Prints the median and the 90th percentile per key.

`--before DIR`: also run the `reader` command of another checkout (e.g. a `git worktree` of an older
commit) in the same rounds of 1. and 2., so that a change's before and after are measured together.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import selectors
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Static  # noqa: E402

from bench.startup_probe import CORPUS, SIZE, bare_app, reader_app, reader_text, watch_first_content  # noqa: E402
from bench.workload import versions  # noqa: E402
from reader.core import compare_texts  # noqa: E402
from reader.core.input.load import Source  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402

NO_USER_THEMES = ROOT / "no-such-folder"
RUNS = 9
PROCESS_RUNS = 7
BENCH = ROOT / "bench"
READER = "import first_frame, sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))"
BARE = "import first_frame; first_frame.bare()"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")


async def first_screen(make) -> tuple[float, float]:
    """(to the first frame with content, to Pilot finding the app idle after it), from construction."""
    painted: list[float] = []
    start = time.perf_counter()
    app, has_content = make()
    undo = watch_first_content(has_content, painted.append)
    try:
        async with app.run_test(size=SIZE) as pilot:
            while not painted and time.perf_counter() - start < 10:
                await asyncio.sleep(0.001)
            assert painted, "the content was never painted"
            await pilot.pause()
            return painted[0] - start, time.perf_counter() - start
    finally:
        undo()


def whole_command(code: str, args: list[str], cache: str, root: Path = ROOT, thread: bool = False) -> dict[str, float]:
    """Seconds from starting `python -c code args` in a terminal of SIZE (a pty) to each line first_frame.py
    writes (`painted` for the bare app; `text`, then `marks` for the reader), `root` its folder."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    receive, send = os.pipe()
    env = bytecode_env(cache) | {"FIRST_FRAME_FD": str(send), "PYTHONPATH": str(BENCH), "TERM": "xterm-256color"}
    if thread:
        env["FIRST_FRAME_THREAD"] = "1"
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=root,
        pass_fds=(send,),
        start_new_session=True,
    )
    os.close(slave)
    os.close(send)
    seen: dict[str, float] = {}
    pending = b""
    with selectors.DefaultSelector() as selector:
        selector.register(master, selectors.EVENT_READ)  # the screen: read and dropped, so the app never blocks
        selector.register(receive, selectors.EVENT_READ)
        while selector.get_map() and time.perf_counter() - start < 120:
            for key, _ in selector.select(1.0):
                try:
                    data = os.read(key.fd, 1 << 16)
                except OSError:  # the pty's end once the child has gone
                    data = b""
                if not data:
                    selector.unregister(key.fd)
                elif key.fd == receive:
                    now = time.perf_counter() - start
                    *lines, pending = (pending + data).split(b"\n")
                    for line in lines:
                        seen.setdefault(line.decode(), now)
    child.kill()
    child.wait()
    os.close(master)
    os.close(receive)
    assert seen, f"{args}: no frame painted (exit {child.returncode})"
    return seen


def batch_command(paths: list[str], cache: str) -> float:
    """Seconds the batch command takes on the same input (`reader --format json`, written to a pipe)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--format", "json", *paths],
        stdout=subprocess.PIPE,
        env=bytecode_env(cache),
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0 and done.stdout, f"the batch command failed (exit {done.returncode})"
    return time.perf_counter() - start


def bytecode_env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def report(label: str, bare: list[float], reader: list[float], against: str = "bare") -> None:
    b, r = statistics.median(bare), statistics.median(reader)
    print(f"{label:44s} {against} {ms(b)}   reader {ms(r)}   ratio {r / b:5.2f}")


async def keypresses(
    comparison, keys: list[str], repeat: int, setup: tuple[str, ...] = ()
) -> dict[str, list[tuple[float, float]]]:
    """Per key: (press-to-refresh, Pilot round trip) in seconds.

    Press-to-refresh runs from sending the key to the end of the first screen update
    after it (Textual paints at most 60 times a second, so it includes up to one frame
    of waiting). The Pilot round trip also includes Pilot's own settling waits, which a
    bare app pays as well (printed for reference). `setup` keys are pressed first, untimed.
    """
    sources = [Source(a.path, a.text) for a in comparison.articles]
    app = ReaderApp(sources, comparison=comparison, user_theme_dir=NO_USER_THEMES)
    timings: dict[str, list[tuple[float, float]]] = {k: [] for k in keys}
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        if setup:
            await pilot.press(*setup)
            await pilot.pause()
        screen = app.screen
        painted: list[float] = []
        paint = screen._compositor_refresh

        def timed_paint() -> None:
            paint()
            painted.append(time.perf_counter())

        screen._compositor_refresh = timed_paint
        for _ in range(repeat):
            for key in keys:
                painted.clear()
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                round_trip = time.perf_counter() - start
                await pilot.pause(0.03)  # let a late frame land before the next key
                refresh = painted[0] - start if painted else float("nan")
                timings[key].append((refresh, round_trip))
    return timings


async def bare_round_trip(repeat: int = 30) -> float:
    app = BareApp()
    times = []
    async with app.run_test(size=(200, 50)) as pilot:
        for _ in range(repeat):
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def print_timings(keys: list[str], timings: dict[str, list[tuple[float, float]]]) -> None:
    print(f"{'key':24s} {'press-to-refresh':>22s} {'':16s} {'Pilot round trip':>18s}")
    for key in keys:
        refresh = [r for r, _ in timings[key] if r == r]
        trips = [t for _, t in timings[key]]
        if not refresh:
            print(f"{key:24s} (nothing to repaint: a prefix, or no such key here)   {ms(statistics.median(trips))}")
            continue
        p90 = statistics.quantiles(refresh, n=10)[-1] if len(refresh) > 1 else float("nan")
        print(
            f"{key:24s} median {ms(statistics.median(refresh))} p90 {ms(p90)} max {ms(max(refresh))}"
            f"  {ms(statistics.median(trips))}"
        )
    every = [r for values in timings.values() for r, _ in values if r == r]
    print(f"{'all keys':24s} median {ms(statistics.median(every))}")


async def main() -> None:
    only = [a for a in sys.argv[1:] if a.endswith("-only")]
    before = Path(sys.argv[sys.argv.index("--before") + 1]).resolve() if "--before" in sys.argv else None
    if not only or "--startup-only" in only:
        await startup(before)
    if not only or "--large-only" in only:
        large_startup(before)
        await keys_while_building()
    if not only or "--keys-only" in only:
        await keys_in_every_view()


async def startup(before: Path | None) -> None:
    await first_screen(bare_app)  # warm imports and caches for both
    await first_screen(reader_app)
    bare = [await first_screen(bare_app) for _ in range(RUNS)]
    text = [await first_screen(reader_text) for _ in range(RUNS)]
    marks = [await first_screen(reader_app) for _ in range(RUNS)]
    print(f"first screen, bare Textual app vs reader on the corpus (medians of {RUNS}):")
    report("  in-process, text painted", [p for p, _ in bare], [p for p, _ in text])
    report("  in-process, marks painted", [p for p, _ in bare], [p for p, _ in marks])
    report("  in-process, Pilot sees the marks, idle", [i for _, i in bare], [i for _, i in marks])
    corpus = [str(CORPUS)]
    ways = {
        "bare": lambda cache: whole_command(BARE, [], cache),
        "process": lambda cache: whole_command(READER, corpus, cache),
        "thread": lambda cache: whole_command(READER, corpus, cache, thread=True),
    }
    if before is not None:
        ways["before"] = lambda cache: whole_command(READER, corpus, cache, root=before)
    with tempfile.TemporaryDirectory(prefix="reader-bench-pyc-") as cache:
        for run in ways.values():  # write the byte-code caches
            run(cache)
        runs: dict[str, list[dict[str, float]]] = {way: [] for way in ways}
        for _ in range(PROCESS_RUNS):  # interleaved: a change in the machine's load hits all of them
            for way, run in ways.items():
                runs[way].append(run(cache))
    bare = [r["painted"] for r in runs["bare"]]
    print(f"  whole command in a terminal (medians of {PROCESS_RUNS}):")
    for way in runs:
        if way != "bare":
            label = f"before ({before.name})" if way == "before" else f"engine in a {way}"
            report(f"    {label}, text painted", bare, [r["text"] for r in runs[way]])
            report(f"    {label}, marks painted", bare, [r["marks"] for r in runs[way]])


def large_startup(before: Path | None, count: int = 10, sentences: int = 1000, rounds: int = 5) -> None:
    """Whole commands on `count` x `sentences` files: the reader's text and marks against the batch command."""
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as folder:
        paths = []
        for i, text in enumerate(versions(count, sentences)):
            path = Path(folder) / f"v{i + 1:02d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        ways = {
            "process": lambda cache: whole_command(READER, paths, cache),
            "thread": lambda cache: whole_command(READER, paths, cache, thread=True),
        }
        if before is not None:
            ways["before"] = lambda cache: whole_command(READER, paths, cache, root=before)
        with tempfile.TemporaryDirectory(prefix="reader-bench-pyc-") as cache:
            batch_command(paths, cache)  # write the byte-code caches
            for run in ways.values():
                run(cache)
            batch: list[float] = []
            runs: dict[str, list[dict[str, float]]] = {way: [] for way in ways}
            for _ in range(rounds):
                batch.append(batch_command(paths, cache))
                for way, run in ways.items():
                    runs[way].append(run(cache))
    print(f"\n{count} x {sentences} sentences, whole commands (medians of {rounds}), against the batch command:")
    for way, found in runs.items():
        label = f"before ({before.name})" if way == "before" else f"engine in a {way}"
        report(f"  {label}, text painted", batch, [r["text"] for r in found], "batch")
        report(f"  {label}, marks painted", batch, [r["marks"] for r in found], "batch")


async def keys_while_building(count: int = 10, sentences: int = 1000, rounds: int = 3) -> None:
    """`j` in the reading view while the comparison is built: press-to-refresh, engine in a process or a thread."""
    import reader.ui.building as building

    sources = [Source(f"v{i + 1}.txt", t) for i, t in enumerate(versions(count, sentences))]
    forks = building.forks
    timings: dict[str, list[float]] = {"process": [], "thread": []}
    try:
        for _ in range(rounds):
            for way in timings:
                building.forks = forks if way == "process" else (lambda: False)
                timings[way] += await keys_before_marks(sources)
    finally:
        building.forks = forks
    print(f"\n`j` pressed while the engine builds {count} x {sentences} (reading view, {rounds} starts):")
    for way, found in timings.items():
        p90 = statistics.quantiles(found, n=10)[-1] if len(found) > 1 else found[0]
        print(f"  engine in a {way:8s} presses {len(found):4d}  median {ms(statistics.median(found))} p90 {ms(p90)}")


async def keys_before_marks(sources: list[Source]) -> list[float]:
    """Press-to-refresh of `j` from the first text until the comparison arrives (a press the marks overtook
    counts until Pilot has seen it handled)."""
    app = ReaderApp(sources, user_theme_dir=NO_USER_THEMES)
    found: list[float] = []
    async with app.run_test(size=(200, 50)) as pilot:
        while not app.view.docs:
            await asyncio.sleep(0.005)
        painted: list[float] = []
        paint = app.screen._compositor_refresh

        def timed_paint() -> None:
            paint()
            painted.append(time.perf_counter())

        app.screen._compositor_refresh = timed_paint
        while app.comparison is None:
            painted.clear()
            start = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()
            found.append((painted[0] if painted else time.perf_counter()) - start)
    return found


async def keys_in_every_view() -> None:
    start = time.perf_counter()
    comparison = compare_texts(versions(10, 1000))
    print(
        f"\nbuild 10 x {len(comparison.articles[0].segments)} sentences (engine, not timed below): "
        f"{ms(time.perf_counter() - start)}"
    )
    keys = [
        "j",
        "k",
        "n",
        "N",
        "l",
        "h",
        "g",
        "tab",
        "shift+tab",
        "3",
        "1",
        "right_square_bracket",
        "d",
        "left_square_bracket",
        "c",
        "pagedown",
        "pageup",
        "end",
        "home",
    ]
    toggles = ["z", "c"]  # fold and the cosmetic layer, each pressed twice a round: back where they were
    table_keys = ["j", "k", "l", "h", "t", "o", "pagedown", "pageup", "end", "home"]
    for view, setup, pressed in (
        ("aligned", (), keys),
        ("aligned, toggles", (), toggles),
        ("reading", ("v",), keys),
        ("reading, toggles", ("v",), toggles),
        ("paragraphs", ("v", "v"), keys),
        ("claims", ("m",), table_keys),
        ("facts", ("f",), table_keys),
        ("sources", ("s",), table_keys),
    ):
        print(f"\n{view} view")
        print_timings(pressed, await keypresses(comparison, pressed, repeat=25, setup=setup))
    print("\nv through every view and back (each view's first layout included)")
    print_timings(["v"], await keypresses(comparison, ["v"], repeat=6 * 5))
    print(f"{'bare app, Pilot round trip of one key':40s} {ms(await bare_round_trip())}")


if __name__ == "__main__":
    asyncio.run(main())
