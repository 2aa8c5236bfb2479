"""`digestgen check`: the verdict before sending, findings with a level, a code, a place, a fix."""

from __future__ import annotations

import http.server
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from digestgen.checks.email import GMAIL_CLIP, block_sizes
from digestgen.content.load import load
from helpers import check_links, local_links, sample_data, workspace


def test_the_sample_checks_clean(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("check")
    assert result.exit_code == 0, result.stdout
    assert "0 erreur, 0 avertissement." in result.stdout  # the sample is French
    assert not (sample / "out").exists()  # check writes nothing


def crafted(root: Path) -> Path:
    """Too heavy for Gmail, an image without alt, an http:// link, a story listed twice."""
    digest = sample_data()
    quote = digest["event"]["speakers"][4]["quote"]
    base = digest["event"]["speakers"][4]
    digest["event"]["speakers"] = [
        {**base, "name": f"Intervenant {i}", "quote": (quote + " ") * 6} for i in range(40)
    ]
    digest["event"]["image"] = {
        "src": "https://www.alliancy.fr/soiree.jpg",
        "alt": "",
        "width": 1200,
    }
    digest["event"]["organizer"]["url"] = "http://www.alliancy.fr/club"
    articles = digest["further_reading"]["articles"]
    articles.append({**articles[1], "title": "Le même article, une seconde fois"})
    return workspace(root, digest)


def test_a_crafted_digest_gets_exactly_its_findings(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = crafted(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    codes = sorted((f["level"], f["code"]) for f in report["findings"])
    assert codes == [
        ("error", "email-size"),
        ("error", "missing-alt"),
        ("warning", "duplicate-article"),
        ("warning", "insecure-link"),
    ]
    assert report["errors"] == 2 and report["warnings"] == 2 and report["valid"] is True
    by_code = {f["code"]: f for f in report["findings"]}
    lines = path.read_text().splitlines()

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if text in line)

    shown = "content/digests/test.yaml"
    assert by_code["insecure-link"]["where"] == f"{shown}:{line_of('http://www.alliancy.fr/club')}"
    assert by_code["missing-alt"]["where"] == f"{shown}:{line_of('alt: ')}"
    assert by_code["duplicate-article"]["where"].startswith(f"{shown}:")
    size = by_code["email-size"]
    assert size["details"]["bytes"] >= GMAIL_CLIP
    blocks = size["details"]["blocks"]
    assert {"header", "hero", "speaker-1", "speaker-40", "further-reading", "footer"} <= set(blocks)
    assert all(f["fix"] for f in report["findings"])


def test_text_output_names_the_heaviest_blocks(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    crafted(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli("check")
    assert result.exit_code == 1
    assert "erreur     email-size" in result.stdout and "speaker-1" in result.stdout
    assert "2 erreurs, 2 avertissements." in result.stdout


def test_invalid_content_exits_2(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    digest = sample_data()
    del digest["event"]["summary"]
    workspace(tmp_path, digest)
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["findings"] == []
    # The problems an editor fixes, with their file, line and field, in the JSON too.
    assert report["problems"] == [
        {
            "file": "content/digests/test.yaml",
            "line": report["problems"][0]["line"],
            "field": "event.summary",
            "message": report["problems"][0]["message"],
        }
    ]
    assert report["problems"][0]["line"] > 1 and "summary" in result.stderr
    assert "event.summary: champ obligatoire" in result.stderr


def test_block_sizes_add_up_to_the_body() -> None:
    html = "<body><!-- block:a -->xx<!-- block:b -->yyy</body>"
    assert block_sizes(html) == {"a": len("<!-- block:a -->xx"), "b": len("<!-- block:b -->yyy")}


# --- links, against a real local server ----------------------------------------------------


class Site(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        if self.path == "/no-head":
            self.send_response(405)
            self.end_headers()
            return
        self.do_GET()

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.path in ("/ok", "/no-head"):
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", f"http://localhost:{port}/ok")  # another host name
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_check_links_against_a_local_server(tmp_path: Path, site: str) -> None:
    digest = sample_data()
    digest["event"]["url"] = f"{site}/ok"
    digest["event"]["organizer"]["url"] = f"{site}/no-head"
    del digest["event"]["partners"]
    articles = digest["further_reading"]["articles"][:4]
    for article, path in zip(articles, ["/ok", "/gone", "/moved", "/slow"], strict=True):
        article["url"] = site + path
    digest["further_reading"]["articles"] = articles
    loaded = load(workspace(tmp_path, digest), tmp_path / "content")
    findings = check_links(loaded, timeout=0.5, allow_private=True)
    got = sorted((f.level, f.code, f.message.split()[0].rstrip(":")) for f in findings)
    assert got == [
        ("error", "link-broken", f"{site}/gone"),
        ("error", "link-unreachable", f"{site}/slow"),
        ("warning", "link-redirect", f"{site}/moved"),
    ]
    assert all(f.where.startswith(str(tmp_path)) or "test.yaml:" in f.where for f in findings)


def test_check_links_command(
    tmp_path: Path, site: str, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    digest = sample_data()
    # Every link on this test's own server (images are https: none here).
    digest["event"].pop("image", None)
    for speaker in digest["event"]["speakers"]:
        speaker.pop("photo", None)
        speaker.pop("linkedin", None)
    for article in digest["further_reading"]["articles"]:
        article.pop("image", None)
    digest = local_links(digest, site)
    digest["event"]["url"] = f"{site}/gone"
    workspace(tmp_path, digest)
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--links", "--allow-private", "--timeout", "1", "--format", "json")
    assert result.exit_code == 1
    codes = {(f["code"], f["message"].split(" ")[0]) for f in json.loads(result.stdout)["findings"]}
    assert ("link-broken", f"{site}/gone") in codes


@pytest.mark.parametrize("case", ["no-such-digest", "broken-template"])
def test_json_says_why_a_digest_cannot_be_checked(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:  # type: ignore[no-untyped-def]
    workspace(tmp_path, sample_data())
    monkeypatch.chdir(tmp_path)
    arguments = ["check", "--format", "json", "--no-spam"]
    if case == "no-such-digest":
        arguments.insert(1, "nosuch")
    else:
        override = tmp_path / "templates" / "email" / "newsletter.html.j2"
        override.parent.mkdir(parents=True)
        override.write_text("<p>\n{{ foo( }}\n", encoding="utf-8")
    result = cli(*arguments)
    assert result.exit_code == 2
    report = json.loads(result.stdout)  # a script always gets the JSON object
    assert report["valid"] is False and report["findings"] == []
    [problem] = report["problems"]
    if case == "no-such-digest":
        assert "nosuch" in problem["message"]
    else:
        assert problem["file"].endswith("newsletter.html.j2") and problem["line"] == 2


def test_the_check_codes_page_is_the_checks_own() -> None:
    """An editor looking up a code in the docs finds every code `check` can print."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, str(repo / "scripts" / "docs_pages.py"), "--check", "checks"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(repo / "src")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    from digestgen.checks.registry import CHECKS

    codes = [check.code for check in CHECKS]
    assert len(codes) == len(set(codes))
    page = (repo / "docs" / "reference" / "checks.md").read_text(encoding="utf-8")
    assert all(f"| `{code}` |" in page for code in codes)
