"""Wheel build hook: the built-in templates, compiled by Jinja into Python modules, ship inside
the wheel (``digestgen/compiled_templates``), so that no command spends its first tenth of a
second compiling them. digestgen uses them only when the installed Jinja is the one that
compiled them; otherwise it compiles the sources as usual."""

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
