"""The built-in templates ship compiled ahead (in the wheel) and render exactly as their
sources do; a workspace's own template still replaces the built-in one."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, FileSystemLoader, ModuleLoader

from digestgen.build.pipeline import NEWSLETTER, SOCIAL, render_files
from digestgen.content.workspace import Workspace
from digestgen.render import templates

REPO = Path(__file__).resolve().parents[1]


def test_the_installed_package_uses_its_compiled_templates() -> None:
    assert isinstance(templates._builtin_loader(), ModuleLoader)


def test_compiled_templates_render_as_their_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = Workspace.at(REPO)
    loaded = workspace.load("club-partenaires-2018")
    compiled = render_files(loaded, workspace, (NEWSLETTER, SOCIAL)).files
    templates.environment.cache_clear()
    monkeypatch.setattr(
        templates, "_builtin_loader", lambda: FileSystemLoader(templates.BUILTIN_TEMPLATES)
    )
    try:
        env = templates.environment(REPO)
        assert isinstance(env.loader, ChoiceLoader)
        assert isinstance(env.loader.loaders[-1].builtin, FileSystemLoader)  # type: ignore[attr-defined]
        assert render_files(loaded, workspace, (NEWSLETTER, SOCIAL)).files == compiled
    finally:
        templates.environment.cache_clear()


def test_without_compiled_templates_the_sources_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templates, "COMPILED_TEMPLATES", tmp_path / "missing")
    assert isinstance(templates._builtin_loader(), FileSystemLoader)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "jinja-version.txt").write_text("0.0", encoding="utf-8")
    monkeypatch.setattr(templates, "COMPILED_TEMPLATES", tmp_path / "other")
    assert isinstance(templates._builtin_loader(), FileSystemLoader)
