"""The README documents every command, and its two set-up commands come first."""

from __future__ import annotations

import re
from pathlib import Path

from digestgen.cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"`digestgen {name}" in README, f"digestgen {name} is not in the README"


def test_the_first_two_commands_are_make_newsletter_and_make_test() -> None:
    commands = re.findall(r"^make (\w+)", README, flags=re.M)
    assert commands[:2] == ["newsletter", "test"]
