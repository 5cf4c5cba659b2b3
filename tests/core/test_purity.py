"""The core is pure: importing it never loads textual or rich."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CORE = sorted(
    p.stem for p in (Path(__file__).resolve().parents[2] / "reader" / "core").glob("*.py") if p.stem != "__init__"
)
EXPORTERS = ["json", "markdown"]


@pytest.mark.parametrize("module", [f"reader.core.{m}" for m in CORE] + [f"reader.export.{m}" for m in EXPORTERS])
def test_imports_without_textual_or_rich(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
