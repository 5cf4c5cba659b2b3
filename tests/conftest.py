"""Every test runs with its own empty config, state and data folders: a developer's keymap, config.toml or kept
corrections never change what a test sees, and no test writes into the developer's home."""

from __future__ import annotations

import os
import tempfile

_HOME = tempfile.mkdtemp(prefix="reader-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
os.environ["XDG_STATE_HOME"] = os.path.join(_HOME, "state")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data")  # the archive of `reader watch`
