"""Each command imports only what it uses: a short command does not pay for the modules of
another (Pillow, the preview's server and watcher, SMTP, premailer, twitter-text-parser's code,
rich). Checked on ``sys.modules`` at the end of a real run in a fresh process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

RUN = """
import json, sys
from digestgen.cli.app import main
sys.argv = ["digestgen", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""

NEVER = {
    "watchfiles",
    "http.server",
    "smtplib",
    "aiosmtpd",
    "twitter_text",
    "pkg_resources",
    "setuptools",
    "rich",
    "spacy",
    "trafilatura",
    "htmldate",
    "digestgen.draft.article",
    "digestgen.draft.names",
    "digestgen.serve.preview",
    "digestgen.net.smtp",
    "digestgen.enrich",
}
FORBIDDEN = {
    "newsletter": NEVER
    | {
        "PIL",
        "multiprocessing",
        "digestgen.outputs.cards.workers",
        "digestgen.outputs.social",
        "digestgen.platforms.twitter_text",
        # premailer's import of requests, for stylesheets it is never let fetch, is held
        # back; Babel takes zoneinfo rather than pytz, which reads 600 files on import.
        "requests",
        "urllib3",
        "pytz",
    },
    "social": NEVER
    | {"premailer", "cssutils", "requests", "digestgen.outputs.newsletter", "email.mime"},
    "check": NEVER | {"PIL", "multiprocessing", "digestgen.outputs.cards.workers"},
    "build": NEVER,
    "--help": NEVER
    | {"pydantic", "jinja2", "premailer", "PIL", "ruamel", "digestgen.content.load"},
}


def imported(arguments: list[str], cwd: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", RUN, *arguments], cwd=cwd, capture_output=True, text=True
    )
    marker = result.stderr.rindex("MODULES ")
    return set(json.loads(result.stderr[marker + len("MODULES ") :]))


@pytest.fixture(scope="module")
def sample_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("imports")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.mark.parametrize("command", sorted(FORBIDDEN))
def test_a_command_imports_only_what_it_uses(command: str, sample_workspace: Path) -> None:
    modules = imported([command], sample_workspace)
    assert "digestgen.cli.app" in modules
    loaded = {
        m for m in modules if m in FORBIDDEN[command] or m.split(".")[0] in FORBIDDEN[command]
    }
    assert not loaded, f"digestgen {command} imported {sorted(loaded)}"
