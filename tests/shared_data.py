"""The project's evaluation data (gold, scorers, dev cases) lives in ../shared, beside the checkout.

A test that needs it skips where it is missing on a developer's machine; in CI (`CI` set in the
environment, as CI services set it) a missing folder fails the test with one line, so a quality
floor can never pass by not running.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def in_ci() -> bool:
    """True where `CI` is set to anything but an empty string, 0 or false."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


def require_shared(*paths: Path) -> None:
    """Skip (locally) or fail (in CI) unless every path exists."""
    missing = [path for path in paths if not path.exists()]
    if not missing:
        return
    message = (
        f"{missing[0]} is missing: the quality floors need ../shared (gold, scorers, dev cases) beside the checkout"
    )
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
