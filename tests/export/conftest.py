from __future__ import annotations

import pytest

from reader.cli import main


@pytest.fixture
def run_cli():
    """The command line in-process; returns its exit status."""
    return lambda *args: main(list(args))
