"""digestgen: an event recap, written once in YAML, as a newsletter, social drafts and a preview."""

from pathlib import Path

__version__ = "0.1.0"

PACKAGE = Path(__file__).resolve().parent
"""The installed package's folder: its data, fonts, templates and starter workspace."""
