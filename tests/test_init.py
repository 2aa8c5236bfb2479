"""`digestgen init`: a workspace that builds at once, never over an existing one."""

from __future__ import annotations

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
