"""digestgen's one fetcher, against real servers on 127.0.0.1 (HTTPS with a local certificate
authority, since speakers' photos are https): the same User-Agent for enrich, the link check
and the photos; private addresses refused, at every redirect hop, unless --allow-private."""

from __future__ import annotations

import http.server
import io
import json
import re
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from digestgen.content.load import load
from digestgen.content.photos import load_photo
from digestgen.net import fetch as fetch_module
from digestgen.net.fetch import USER_AGENT, FetchError, fetch
from helpers import check_links, sample_data, workspace

PAGE = b"""<!doctype html><html><head><title>Une suite</title>
<meta property="og:description" content="Ce que la suite raconte."></head><body></body></html>"""


def red_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), "#c0392b").save(out, format="JPEG")
    return out.getvalue()


@dataclass
class Site:
    """A real server on 127.0.0.1 that records each request's path and User-Agent."""

    base: str = ""
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, agent
    away: str = ""  # where /away redirects to

    @property
    def agents(self) -> set[str]:
        return {agent for _, _, agent in self.requests}


class Handler(http.server.BaseHTTPRequestHandler):
    site: Site
    photo = red_jpeg()

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def answer(self, body: bool) -> None:
        self.site.requests.append((self.command, self.path, self.headers.get("User-Agent", "")))
        kind, content = {
            "/page": ("text/html; charset=utf-8", PAGE),
            "/ok": ("text/plain", b"ok"),
            "/photo.jpg": ("image/jpeg", self.photo),
        }.get(self.path, ("text/plain", b""))
        if self.path == "/away":
            self.send_response(302)
            self.send_header("Location", self.site.away)
        else:
            self.send_response(200 if content else 404)
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)


def serve(host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> tuple[Site, Any]:
    site = Site()
    server = http.server.ThreadingHTTPServer((host, 0), type("Bound", (Handler,), {"site": site}))
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    scheme = "https" if tls else "http"
    site.base = f"{scheme}://{host}:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return site, server


def stop(server: Any) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture
def tls_site(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Site]:
    """An HTTPS server on 127.0.0.1 whose certificate the fetcher trusts (its authority is
    given as SSL_CERT_FILE, which OpenSSL reads for the default verify paths)."""
    import trustme

    authority = trustme.CA()
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(tls)
    pem = tmp_path_factory.mktemp("tls") / "authority.pem"
    authority.cert_pem.write_to_path(str(pem))
    monkeypatch.setenv("SSL_CERT_FILE", str(pem))
    site, server = serve(tls=tls)
    yield site
    stop(server)


def local_digest(base: str) -> dict[str, Any]:
    """The sample digest with every URL on the local server, and a photo for its first
    speaker; its one follow-up story lacks a summary, for enrich."""
    digest = sample_data()
    event = digest["event"]
    event["url"] = f"{base}/page"
    event["organizer"]["url"] = f"{base}/ok"
    del event["partners"]
    event["speakers"][0]["photo"] = {"src": f"{base}/photo.jpg", "alt": "Constance Nebbula"}
    digest["further_reading"]["articles"] = [{"title": "Une suite", "url": f"{base}/page"}]
    return digest


def portrait_is_red(png: bytes) -> bool:
    """Whether the X card shows the red photo as its round portrait."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    reds = [c for n, c in image.getcolors(maxcolors=1 << 20) or [] for _ in range(n)
            if c[0] > 150 and c[1] < 100]  # fmt: skip
    return len(reds) > 0.6 * 3.14159 * 64 * 64


def card(root: Path) -> bytes:
    folder = next((root / "out").iterdir())
    return (folder / "cards" / "constance-nebbula-x.png").read_bytes()


def test_enrich_the_link_check_and_the_photos_send_one_user_agent(
    tmp_path: Path, tls_site: Site, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace(tmp_path, local_digest(tls_site.base))
    monkeypatch.chdir(tmp_path)
    seen: dict[str, set[tuple[str, str]]] = {}
    runs = {
        "enrich": ["enrich", "--allow-private"],
        "check": ["check", "--links", "--allow-private", "--no-spam", "--format", "json"],
        "build": ["build", "--fetch-images", "--allow-private"],
    }
    for name, arguments in runs.items():
        tls_site.requests.clear()
        result = cli(*arguments)
        assert result.exit_code in (0, 1), result.stderr
        seen[name] = {(method, path) for method, path, _ in tls_site.requests}
        assert tls_site.agents == {USER_AGENT}, name
    assert seen["enrich"] == {("GET", "/page")}
    assert seen["check"] == {("HEAD", "/page"), ("HEAD", "/ok"), ("HEAD", "/photo.jpg")}
    assert seen["build"] == {("GET", "/photo.jpg")}
    assert USER_AGENT.startswith("digestgen/")
    assert "Ce que la suite raconte." in (tmp_path / "content/digests/test.yaml").read_text()
    assert portrait_is_red(card(tmp_path))


def test_a_photo_on_a_private_address_is_refused_in_one_warning(
    tmp_path: Path, tls_site: Site, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace(tmp_path, local_digest(tls_site.base))
    monkeypatch.chdir(tmp_path)
    without = cli("build")
    assert without.exit_code == 0 and "attention" not in without.stderr
    no_photo = card(tmp_path)

    refused = cli("build", "--fetch-images")
    assert refused.exit_code == 0
    assert tls_site.requests == []  # refused before any connection
    # In the digest's language, French here.
    warnings = [line for line in refused.stderr.splitlines() if line.startswith("attention")]
    assert len(warnings) == 1
    assert re.fullmatch(
        r"attention\u00a0: content/digests/test\.yaml:\d+: event\.speakers\[0\]\.photo\.src: "
        r"refusé\u00a0: 127\.0\.0\.1 est une adresse de bouclage \(loopback\) "
        r"\(--allow-private pour l’autoriser\)\u202f; les cartes s’en passent",
        warnings[0],
    ), warnings[0]
    assert card(tmp_path) == no_photo  # drawn as without a photo

    allowed = cli("build", "--fetch-images", "--allow-private")
    assert allowed.exit_code == 0 and "attention" not in allowed.stderr
    assert [path for _, path, _ in tls_site.requests] == ["/photo.jpg"]
    assert portrait_is_red(card(tmp_path)) and not portrait_is_red(no_photo)


def test_the_link_check_refuses_private_addresses_unless_allowed(
    tmp_path: Path, tls_site: Site, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace(tmp_path, local_digest(tls_site.base))
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--links", "--no-spam", "--format", "json")
    assert result.exit_code == 1 and tls_site.requests == []
    unreachable = {
        f["message"]
        for f in json.loads(result.stdout)["findings"]
        if f["code"] == "link-unreachable"
    }
    why = (
        "refusé\u00a0: 127.0.0.1 est une adresse de bouclage (loopback) "
        "(--allow-private pour l’autoriser)"
    )
    assert unreachable == {
        f"{tls_site.base}{path}\u00a0: {why}" for path in ("/page", "/ok", "/photo.jpg")
    }


@pytest.fixture
def behind(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Site, Site, list[str]]]:
    """A server on 127.0.0.1 taken for a public address, redirecting /away to one on
    127.0.0.2 taken for a private one (Linux routes all of 127/8 locally)."""
    try:
        inner, inner_server = serve("127.0.0.2")
    except OSError:
        pytest.skip("cannot bind 127.0.0.2 here")
    outer, outer_server = serve()
    checked: list[str] = []

    def refusal(address: str) -> str | None:
        checked.append(address)
        return "127.0.0.2 is a private address" if address == "127.0.0.2" else None

    monkeypatch.setattr(fetch_module, "refusal", refusal)
    yield outer, inner, checked
    stop(outer_server)
    stop(inner_server)


def test_a_redirect_to_a_private_address_is_refused(
    tmp_path: Path, behind: tuple[Site, Site, list[str]]
) -> None:
    outer, inner, checked = behind
    why = "refused: 127.0.0.2 is a private address (use --allow-private)"
    # In the French digest, the French words around the stand-in refusal's own.
    french = "refusé\u00a0: 127.0.0.2 is a private address (--allow-private pour l’autoriser)"

    outer.away = f"{inner.base}/ok"
    digest = sample_data()
    digest["event"]["url"] = f"{outer.base}/away"
    digest["event"]["organizer"]["url"] = f"{outer.base}/ok"
    del digest["event"]["partners"]
    digest["further_reading"]["articles"] = [{"title": "Une suite", "url": f"{outer.base}/ok"}]
    loaded = load(workspace(tmp_path, digest), tmp_path / "content")
    findings = check_links(loaded, timeout=2)
    assert [(f.code, f.message) for f in findings] == [
        ("link-unreachable", f"{outer.base}/away\u00a0: {french}")  # a French digest
    ]

    outer.away = f"{inner.base}/photo.jpg"
    told: list[FetchError] = []
    photo = load_photo(tmp_path, "x", f"{outer.base}/away", fetch=True, warn=told.append)
    assert photo is None and [t.reason for t in told] == [why]

    assert inner.requests == [] and set(checked) == {"127.0.0.1", "127.0.0.2"}
    with pytest.raises(FetchError, match=re.escape("127.0.0.2 is a private")):
        fetch(f"{outer.base}/away")
    assert fetch(f"{outer.base}/away", allow_private=True).body == red_jpeg()
