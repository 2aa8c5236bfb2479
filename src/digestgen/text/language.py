"""The languages digestgen writes in, and the two no-break spaces of French typography."""

from __future__ import annotations

from typing import Literal

Language = Literal["fr", "en"]
"""A digest's language: its outputs, its preview and ``check``'s report speak it."""
LANGUAGES: tuple[Language, ...] = ("fr", "en")
NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
