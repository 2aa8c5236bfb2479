"""The one Jinja2 environment: a workspace's ``templates/`` first, the built-in ones second."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
)

_PACKAGED = Path(__file__).parent / "templates"
# Running from a source checkout (PYTHONPATH=src), the templates sit at the repository's top.
BUILTIN_TEMPLATES = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).parents[2] / "templates"


def _autoescape(name: str | None) -> bool:
    return bool(name) and ".html" in str(name)


@functools.cache
def environment(workspace: Path) -> Environment:
    """The environment for ``workspace``; its ``templates/<name>`` overrides the built-in one."""
    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(workspace / "templates"), FileSystemLoader(BUILTIN_TEMPLATES)]
        ),
        autoescape=_autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
        # Compiled templates are kept between runs (in the system's temporary folder, keyed by
        # each template's source), which saves a third of a short command's time.
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.filters["md"] = markdown_escape
    env.filters["md_url"] = markdown_url
    return env


def markdown_escape(text: str) -> str:
    """Plain text made safe to place in Markdown: every punctuation Markdown reads is escaped."""
    specials = "\\`*_{}[]<>()#+!|~"
    return "".join("\\" + c if c in specials else c for c in text)


def markdown_url(url: str) -> str:
    """A URL safe inside Markdown's ``(...)``: parentheses and angle brackets percent-encoded."""
    return url.translate({ord("("): "%28", ord(")"): "%29", ord("<"): "%3C", ord(">"): "%3E"})
