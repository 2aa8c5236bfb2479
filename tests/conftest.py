"""Shared fixtures: workspaces in temporary folders, the CLI runner, golden-file comparison."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from digestgen.cli.app import app

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"

# The suite leaves the user's card cache alone (and every card is drawn): the cache's own
# tests point it at a temporary folder.
os.environ["DIGESTGEN_CACHE_DIR"] = ""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output (read the diff before committing)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's own workspace (the sample digest), as the current folder."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The English test workspace, as the current folder."""
    shutil.copytree(CASES / "english" / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run ``digestgen ARGS`` in-process; returns typer's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def run(*args: str) -> object:
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


# CI replays the same examples every run, so a green suite stays green for the same code;
# locally, hypothesis keeps exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


# --- no network beyond this machine ---------------------------------------------------------
# The suite runs the same on a machine with no network: any test that resolves a name or opens
# a connection beyond loopback fails (the attempt is refused, as a closed network would, and
# reported after the test, even when the code under test catches the refusal).
_REACHED: list[str] = []
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _loopback(host: object) -> bool:
    import ipaddress

    name = str(host).strip("[]").split("%")[0].lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _guard_network() -> None:
    import socket

    connect, connect_ex, getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def refuse(what: str) -> OSError:
        _REACHED.append(what)
        return OSError(101, f"the test suite reaches no network ({what})")

    def checked(address: object) -> None:
        if isinstance(address, tuple) and not _loopback(address[0]):
            raise refuse(f"connect {address[0]}")

    def guarded_connect(self: socket.socket, address: object) -> None:
        checked(address)
        connect(self, address)  # type: ignore[arg-type]

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        checked(address)
        return connect_ex(self, address)  # type: ignore[arg-type]

    def guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host is not None and not _loopback(host):
            raise socket.gaierror(socket.EAI_NONAME, str(refuse(f"resolve {host}")))
        return getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = guarded_getaddrinfo  # type: ignore[assignment]


_guard_network()


@pytest.fixture(autouse=True)
def _no_network_reached() -> object:
    start = len(_REACHED)
    yield
    reached = _REACHED[start:]
    assert not reached, f"the test tried to reach the network: {reached}"
