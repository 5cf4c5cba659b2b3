"""The installed package finds its themes and its command, as a user's `pip install` would give it."""

from __future__ import annotations

import shutil
import subprocess
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # builds a wheel and installs it in a fresh environment


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("uv") is None:
        pytest.skip("uv is not on PATH")
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(["uv", "build", "--wheel", "-o", str(out)], cwd=ROOT, capture_output=True, text=True)
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr.strip()[-200:]}")
    return next(out.glob("*.whl"))


def test_wheel_carries_every_theme(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for theme in (ROOT / "themes").glob("*.toml"):
        assert f"reader/_themes/{theme.name}" in names


def test_installed_package_loads_its_themes_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    env = tmp_path / "env"
    venv.create(env, with_pip=False, system_site_packages=False)
    python = env / "bin" / "python"
    install = subprocess.run(
        ["uv", "pip", "install", "--python", str(python), str(wheel)], capture_output=True, text=True
    )
    if install.returncode != 0:
        pytest.skip(f"cannot install the wheel here: {install.stderr.strip()[-200:]}")
    code = "from reader.ui.themes import load_themes; print(sorted(load_themes().themes))"
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert "reader-dark" in out.stdout and "reader-mono" in out.stdout
    version = subprocess.run([str(env / "bin" / "reader"), "--help"], capture_output=True, text=True)
    assert version.returncode == 0 and "PATH" in version.stdout
