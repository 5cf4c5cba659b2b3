"""The layer contract: the core never loads textual or rich, the exporters never load the app.

Two checks, because each catches what the other misses: importing a module in a fresh
interpreter sees what really loads (through any chain), reading every import statement sees
the imports inside functions that only run later.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "reader"
CORE = sorted(p.stem for p in (ROOT / "core").glob("*.py") if p.stem != "__init__")
EXPORTERS = sorted(p.stem for p in (ROOT / "export").glob("*.py") if p.stem != "__init__")
# What each layer may not import, by the first parts of a module name.
FORBIDDEN = {
    "core": ("textual", "rich", "reader.ui", "reader.export", "reader.cli"),
    "export": ("textual", "reader.ui"),
}


def _loaded(module: str) -> set[str]:
    code = f"import sys, {module}\nprint('\\n'.join(sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def _banned(name: str, layer: str) -> bool:
    return any(name == b or name.startswith(b + ".") for b in FORBIDDEN[layer])


@pytest.mark.parametrize(
    ("layer", "module"),
    [("core", f"reader.core.{m}") for m in CORE] + [("export", f"reader.export.{m}") for m in EXPORTERS],
)
def test_importing_loads_nothing_forbidden(layer: str, module: str) -> None:
    assert sorted(m for m in _loaded(module) if _banned(m, layer)) == []


def _imports(path: Path) -> list[str]:
    """Every module an import statement in `path` names, relative imports resolved."""
    package = "reader." + path.parent.name
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names += [module] + [f"{module}.{a.name}" for a in node.names]
    return names


@pytest.mark.parametrize("layer", ["core", "export"])
def test_no_import_statement_crosses_a_layer(layer: str) -> None:
    crossing = [
        f"{path.name}: {name}"
        for path in sorted((ROOT / layer).glob("*.py"))
        for name in _imports(path)
        if _banned(name, layer)
    ]
    assert crossing == []


def test_the_check_sees_a_crossing(tmp_path: Path) -> None:
    """The statement check is not vacuous: a lazy UI import inside a function is caught."""
    fake = tmp_path / "core" / "x.py"
    fake.parent.mkdir()
    fake.write_text("def f():\n    from ..ui import app\n    import textual.widgets\n")
    assert [n for n in _imports(fake) if _banned(n, "core")] == ["reader.ui", "reader.ui.app", "textual.widgets"]
