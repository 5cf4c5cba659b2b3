"""Save docs/screenshot.svg: the app itself, on the bundled corpus, as the README shows it.

uv run python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from reader.core.load import load_sources
from reader.ui.app import ReaderApp

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus" / "prisoner-exchange"


async def main() -> None:
    app = ReaderApp(load_sources([str(CORPUS)]), theme="reader-dark", user_theme_dir=HERE / "no-user-themes")
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "j", "j")  # the base version, on the claim where 1 and 2 swap who holds whom
        await pilot.pause()
        app.save_screenshot(filename="screenshot.svg", path=str(HERE))


if __name__ == "__main__":
    asyncio.run(main())
