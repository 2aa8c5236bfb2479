"""The one Jinja2 environment: a workspace's ``templates/`` first, the built-in ones second.

The built-in templates also answer to ``digestgen/<name>``, e.g.
``digestgen/email/newsletter.html.j2``, so that a workspace's ``email/newsletter.html.j2``
can ``{% extends %}`` the built-in one it replaces and change one ``{% block %}`` (its own
name would name itself).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    ModuleLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateSyntaxError,
)

from digestgen import PACKAGE

_PACKAGED = PACKAGE / "templates"
# Running from a source checkout (PYTHONPATH=src), the templates sit at the repository's top.
BUILTIN_TEMPLATES = _PACKAGED if _PACKAGED.is_dir() else PACKAGE.parents[1] / "templates"


def _autoescape(name: str | None) -> bool:
    return bool(name) and ".html" in str(name)


# The prefix under which the built-in templates stay reachable from a workspace's own.
BUILTIN_PREFIX = "digestgen"

COMPILED_TEMPLATES = PACKAGE / "compiled_templates"
_JINJA_VERSION_FILE = "jinja-version.txt"


def _environment(loader: BaseLoader, **settings: Any) -> Environment:
    env = Environment(
        loader=loader,
        autoescape=_autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **settings,
    )
    env.filters["md"] = markdown_escape
    env.filters["md_url"] = markdown_url
    return env


def _builtin_loader() -> BaseLoader:
    """The built-in templates: compiled ahead (in the wheel) when the installed Jinja is the
    one that compiled them, else their sources."""
    import jinja2

    try:
        compiled_by = (COMPILED_TEMPLATES / _JINJA_VERSION_FILE).read_text(encoding="utf-8")
    except OSError:
        compiled_by = None
    if compiled_by == jinja2.__version__:
        return ModuleLoader(COMPILED_TEMPLATES)
    return FileSystemLoader(BUILTIN_TEMPLATES)


_SELF_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include)\s+(["'])(.+?)\1""")


class _WorkspaceLoader(FileSystemLoader):
    """A workspace's own templates. One that extends (or includes) its own name would recurse
    until Python gives up: it is refused with its line and the name to use instead."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        for match in _SELF_REFERENCE.finditer(source):
            if match.group(2) == template:
                line = source.count("\n", 0, match.start()) + 1
                message = (
                    f"{template} names itself; the built-in template it replaces is "
                    f'"{BUILTIN_PREFIX}/{template}"'
                )
                raise TemplateSyntaxError(message, line, template, filename)
        return source, filename, uptodate


class _Shadowed(BaseLoader):
    """The built-in templates, each out of date once the workspace has a file of its name: a
    ``digestgen preview`` that is running picks up an override saved after it started."""

    def __init__(self, builtin: BaseLoader, workspace_templates: Path) -> None:
        self.builtin = builtin
        self.workspace_templates = workspace_templates

    def load(
        self,
        environment: Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> Template:
        template = self.builtin.load(environment, name, globals)
        override = self.workspace_templates.joinpath(*name.split("/"))
        fresh = template._uptodate  # what Jinja asks before reusing a loaded template

        def uptodate() -> bool:
            return not override.exists() and (fresh is None or fresh())

        template._uptodate = uptodate
        return template


@functools.cache
def environment(workspace: Path) -> Environment:
    """The environment for ``workspace``; its ``templates/<name>`` overrides the built-in one,
    which stays reachable as ``digestgen/<name>``."""
    builtin = _builtin_loader()
    return _environment(
        ChoiceLoader(
            [
                # First, so that no workspace file can stand in for a built-in template.
                PrefixLoader({BUILTIN_PREFIX: builtin}),
                _WorkspaceLoader(workspace / "templates"),
                _Shadowed(builtin, workspace / "templates"),
            ]
        ),
        auto_reload=True,
        # A workspace's own templates are compiled once and kept between runs (in the
        # system's temporary folder, keyed by each template's source).
        bytecode_cache=FileSystemBytecodeCache(),
    )


def compile_builtin_templates(source: Path, target: Path) -> None:
    """Compile the templates of ``source`` into Python modules in ``target`` (for the wheel)."""
    import jinja2

    env = _environment(FileSystemLoader(source))
    env.compile_templates(str(target), zip=None, log_function=lambda _: None)
    (target / _JINJA_VERSION_FILE).write_text(jinja2.__version__, encoding="utf-8")


def markdown_escape(text: str) -> str:
    """Plain text made safe to place in Markdown: every punctuation Markdown reads is escaped."""
    specials = "\\`*_{}[]<>()#+!|~"
    return "".join("\\" + c if c in specials else c for c in text)


def markdown_url(url: str) -> str:
    """A URL safe inside Markdown's ``(...)``: parentheses and angle brackets percent-encoded."""
    return url.translate({ord("("): "%28", ord(")"): "%29", ord("<"): "%3C", ord(">"): "%3E"})
