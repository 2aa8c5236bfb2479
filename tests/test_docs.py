"""The documentation: its generated pages are what the code says, the commands page lists every
command, and the README's first screen is enough to install and start."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from digestgen.cli.app import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = REPO / "docs"
FIRST_SCREEN = 40  # lines: what a terminal or a repository's page shows before any scrolling


def docs_pages(*arguments: str) -> subprocess.CompletedProcess[str]:
    """``scripts/docs_pages.py`` run on the source tree, as ``make docs`` runs it."""
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "docs_pages.py"), *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )


def test_the_generated_pages_are_what_the_code_says() -> None:
    """A command's option, a check or a field changed without `make docs` fails here."""
    result = docs_pages("--check", "commands", "content-format")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_command_has_its_section_in_the_commands_page() -> None:
    page = (DOCS / "reference" / "commands.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"## `digestgen {name}`" in page, f"digestgen {name} is not in the commands page"


def test_the_first_two_commands_are_make_newsletter_and_make_test() -> None:
    commands = re.findall(r"^make (\w+)", README, flags=re.M)
    assert commands[:2] == ["newsletter", "test"]


def test_the_readmes_first_screen_installs_and_starts() -> None:
    """A fresh clone's reader gets digestgen on the PATH, a workspace and the preview."""
    screen = "\n".join(README.splitlines()[:FIRST_SCREEN])
    for words in ("make install", "digestgen init", "digestgen preview"):
        assert words in screen, f"{words!r} is not on the README's first screen"


def test_the_readme_stays_short() -> None:
    assert len(README.splitlines()) <= 200, "the README is a door; the rest goes in docs/"


def test_the_readmes_links_to_the_docs_lead_to_pages() -> None:
    links = re.findall(r"\]\((docs/[^)#]+)(?:#[^)]*)?\)", README)
    assert links
    for link in links:
        assert (REPO / link).is_file(), f"the README links to {link}, which does not exist"
