"""The layer contract: the model and the engine never load textual or rich, the exporters never
load the app, and the faces reach the engine only through its front door.

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
LAYERS = {"core": ROOT / "core", "model": ROOT / "model", "export": ROOT / "export"}
FACES = [
    ROOT / "ui",
    ROOT / "export",
    ROOT / "archive",
    *(ROOT / name for name in ("cli.py", "config.py", "serve", "corrections_cli.py")),
]
# What each layer may not import, by the first parts of a module name.
FORBIDDEN = {
    "core": ("textual", "rich", "reader.ui", "reader.export", "reader.cli"),
    "model": ("textual", "rich", "reader.ui", "reader.export", "reader.cli", "reader.core"),
    "export": ("textual", "reader.ui"),
}


def _modules(layer: str) -> list[str]:
    folder = LAYERS[layer]
    return sorted(
        ".".join(("reader", *path.relative_to(ROOT).with_suffix("").parts)).removesuffix(".__init__")
        for path in folder.rglob("*.py")
    )


def _sources(folder_or_file: Path) -> list[Path]:
    return sorted(folder_or_file.rglob("*.py")) if folder_or_file.is_dir() else [folder_or_file]


def _loaded(module: str) -> set[str]:
    code = f"import sys, {module}\nprint('\\n'.join(sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def _banned(name: str, layer: str) -> bool:
    return any(name == b or name.startswith(b + ".") for b in FORBIDDEN[layer])


@pytest.mark.parametrize(("layer", "module"), [(layer, m) for layer in LAYERS for m in _modules(layer)])
def test_importing_loads_nothing_forbidden(layer: str, module: str) -> None:
    assert sorted(m for m in _loaded(module) if _banned(m, layer)) == []


def _imports(path: Path) -> list[str]:
    """Every module an import statement in `path` names, relative imports resolved."""
    inside = path.is_relative_to(ROOT)
    package = ".".join(("reader", *path.parent.relative_to(ROOT).parts)) if inside else "reader." + path.parent.name
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names += [module] + [f"{module}.{a.name}" for a in node.names]
    return names


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_no_import_statement_crosses_a_layer(layer: str) -> None:
    crossing = [
        f"{path.name}: {name}" for path in _sources(LAYERS[layer]) for name in _imports(path) if _banned(name, layer)
    ]
    assert crossing == []


def _behind_the_door(name: str) -> bool:
    """An engine module past the front door: `reader.core.<module>`, not a name `reader.core` exports."""
    import reader.core

    if not name.startswith("reader.core."):
        return False
    first = name.split(".")[2]
    return first not in reader.core.__all__


def test_the_faces_use_only_the_front_door() -> None:
    """The app, the reports and the command line import the engine from `reader.core` alone."""
    behind = [
        f"{path.relative_to(ROOT)}: {name}"
        for face in FACES
        for path in _sources(face)
        for name in _imports(path)
        if _behind_the_door(name)
    ]
    assert behind == []


def test_the_front_door_lists_each_export_once_and_each_resolves() -> None:
    """`__all__`, the lazy table and the modules behind it agree: a name added to one is added to all."""
    import reader.core

    assert sorted(reader.core.__all__) == sorted(reader.core._EXPORTS)
    assert all(getattr(reader.core, name) is not None for name in reader.core.__all__)


def test_the_engine_shows_its_stages() -> None:
    """The engine's top level holds its front door and a few modules; the stages are subpackages."""
    core = ROOT / "core"
    modules = list(core.glob("*.py"))
    stages = [p for p in core.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert len(modules) <= 8
    assert len(stages) >= 4


def test_the_check_sees_a_crossing(tmp_path: Path) -> None:
    """The statement check is not vacuous: a lazy UI import inside a function is caught."""
    fake = tmp_path / "core" / "x.py"
    fake.parent.mkdir()
    fake.write_text("def f():\n    from ..ui import app\n    import textual.widgets\n")
    assert [n for n in _imports(fake) if _banned(n, "core")] == ["reader.ui", "reader.ui.app", "textual.widgets"]


def test_the_door_check_sees_an_internal_import(tmp_path: Path) -> None:
    fake = tmp_path / "ui" / "x.py"
    fake.parent.mkdir()
    fake.write_text("from reader.core.text.normalize import fold\nfrom reader.core import fold\n")
    assert [n for n in _imports(fake) if _behind_the_door(n)] == [
        "reader.core.text.normalize",
        "reader.core.text.normalize.fold",
    ]
