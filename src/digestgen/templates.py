"""The one Jinja2 environment: a workspace's ``templates/`` first, the built-in ones second."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    ModuleLoader,
    StrictUndefined,
)

_PACKAGED = Path(__file__).parent / "templates"
# Running from a source checkout (PYTHONPATH=src), the templates sit at the repository's top.
BUILTIN_TEMPLATES = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).parents[2] / "templates"


def _autoescape(name: str | None) -> bool:
    return bool(name) and ".html" in str(name)


COMPILED_TEMPLATES = Path(__file__).parent / "compiled_templates"
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


@functools.cache
def environment(workspace: Path) -> Environment:
    """The environment for ``workspace``; its ``templates/<name>`` overrides the built-in one."""
    return _environment(
        ChoiceLoader([FileSystemLoader(workspace / "templates"), _builtin_loader()]),
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
