"""`digestgen init`: a workspace that builds at once, never over an existing one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def test_init_then_build(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = cli("init", "news")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "news/content/outlet.yaml").exists()
    assert not (tmp_path / "news/templates").exists()
    monkeypatch.chdir(tmp_path / "news")
    assert cli("build").exit_code == 0
    assert list((tmp_path / "news/out").glob("*/index.html"))


def test_init_refuses_an_existing_workspace(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "content").mkdir()
    (tmp_path / "content/outlet.yaml").write_text("name: Mine\n")
    monkeypatch.chdir(tmp_path)
    result = cli("init")
    assert result.exit_code == 2 and "digestgen init n’écrase jamais" in result.stderr
    assert (tmp_path / "content/outlet.yaml").read_text() == "name: Mine\n"


def _init(where: Path, path: str) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    digestgen = Path(sys.executable).parent / "digestgen"
    return subprocess.run(
        [str(digestgen), "init", str(where)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        check=True,
    )


def test_init_says_what_to_type_when_digestgen_is_not_on_the_path(tmp_path: Path) -> None:
    import sys

    if not (Path(sys.executable).parent / "digestgen").exists():
        pytest.skip("digestgen is not installed beside this Python")
    result = _init(tmp_path / "ws", str(tmp_path / "nothing"))
    program = str((Path(sys.executable).parent / "digestgen").resolve())
    assert (
        "digestgen n’est pas dans votre PATH\u00a0: lancez `make install` dans le dossier de "
        f"digestgen, ou tapez {program}"
    ) in result.stderr
    lines = result.stdout.splitlines()
    assert lines[-4:-1] == [
        f"  cd {tmp_path / 'ws'}",
        f"  {program} preview    # l’exemple dans votre navigateur, reconstruit à chaque "
        "enregistrement",
        f"  {program} build      # tous les fichiers produits, dans out/",
    ]
    # On the PATH, the commands are typed as they are, and nothing is said about it.
    on_path = _init(tmp_path / "ws2", f"{Path(sys.executable).parent}")
    assert "PATH" not in on_path.stderr and "  digestgen preview    # " in on_path.stdout
