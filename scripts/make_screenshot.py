"""Save the README's screenshots: the app itself, on the bundled corpus, one per view.

uv run python scripts/make_screenshot.py

docs/screenshot.svg is the aligned view; docs/view-<name>.svg each other view
(reading, paragraphs, claims, facts, sources), reached with the keys a reader presses.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from reader.core.input.load import load_sources
from reader.ui.app import ReaderApp

DOCS = Path(__file__).resolve().parents[1] / "docs"  # where the README finds them
CORPUS = DOCS.parent / "corpus" / "prisoner-exchange"

SHOTS = [
    ("screenshot.svg", (140, 40), ["j", "j", "j"]),  # the base, on the claim where 1 and 2 swap who holds whom
    ("view-reading.svg", (140, 36), ["v", "j", "j", "j"]),
    ("view-paragraphs.svg", (140, 36), ["v", "v", "j", "j"]),
    ("view-claims.svg", (100, 30), ["m", "t", "j", "j", "l"]),  # filter: the claims that differ
    ("view-facts.svg", (140, 30), ["f", "j", "j"]),
    ("view-sources.svg", (140, 30), ["s", "j"]),
]


async def shoot(filename: str, size: tuple[int, int], keys: list[str]) -> None:
    app = ReaderApp(load_sources([str(CORPUS)]), theme="reader-dark", user_theme_dir=DOCS / "no-user-themes")
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        app.save_screenshot(filename=filename, path=str(DOCS))


async def main() -> None:
    for filename, size, keys in SHOTS:
        await shoot(filename, size, keys)


if __name__ == "__main__":
    asyncio.run(main())
