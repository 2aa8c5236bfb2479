"""Wheel build hook, two things compiled ahead so that no command spends time on them:

- the built-in templates, compiled by Jinja into Python modules (``digestgen/compiled_templates``),
  used only when the installed Jinja is the one that compiled them (otherwise digestgen compiles
  the sources as usual);
- each language's catalog, ``locale/<lang>/LC_MESSAGES/digestgen.po`` compiled by Babel into the
  ``.mo`` that Python's gettext reads (a source checkout reads the ``.po`` itself)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledTemplates(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from digestgen.render.templates import compile_builtin_templates
        finally:
            sys.path.pop(0)
        target = Path(tempfile.mkdtemp(prefix="digestgen-templates-"))
        compile_builtin_templates(Path(self.root) / "templates", target)
        build_data["force_include"][str(target)] = "digestgen/compiled_templates"
        self._compile_catalogs(build_data)

    def _compile_catalogs(self, build_data: dict[str, Any]) -> None:
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from digestgen.text.catalog import compile_catalog
        finally:
            sys.path.pop(0)
        locales = Path(self.root) / "src" / "digestgen" / "locale"
        target = Path(tempfile.mkdtemp(prefix="digestgen-catalogs-"))
        for source in sorted(locales.glob("*/LC_MESSAGES/digestgen.po")):
            language = source.parents[1].name
            compiled = target / f"{language}.mo"
            compiled.write_bytes(compile_catalog(source, language))
            build_data["force_include"][str(compiled)] = (
                f"digestgen/locale/{language}/LC_MESSAGES/digestgen.mo"
            )
