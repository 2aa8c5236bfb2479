"""`make install` without pipx or uv: digestgen linked into BINDIR from .venv, and it runs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_install_links_the_venvs_digestgen_into_bindir(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    # PIPX= UV=: the link, as on a machine with neither, even where one of them is installed.
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "install", f"BINDIR={bindir}", "PIPX=", "UV="],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": os.environ.get("PATH", "")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    linked = bindir / "digestgen"
    assert linked.is_symlink()
    assert linked.resolve() == (REPO / ".venv" / "bin" / "digestgen").resolve()
    # bindir is not on PATH: one line says so, and how to add it.
    [hint] = [line for line in result.stdout.splitlines() if "not on your PATH" in line]
    assert str(bindir) in hint and "export PATH=" in hint

    run = subprocess.run([str(linked), "--help"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Usage: digestgen" in run.stdout and "preview" in run.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_install_says_nothing_of_the_path_when_bindir_is_on_it(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    path = f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "install", f"BINDIR={bindir}", "PIPX=", "UV="],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not on your PATH" not in result.stdout
    assert (bindir / "digestgen").is_symlink()
