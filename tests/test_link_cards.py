"""The recap's link card: read from the recap page's tags by ``enrich`` (pages served by a real
HTTP server on 127.0.0.1), judged by each network's rules in ``check``, shown in the preview
under each post that carries the recap's link, as that network lays it out."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from digestgen.build.pipeline import NEWSLETTER, PREVIEW, SOCIAL, render_files
from digestgen.checks.base import Material
from digestgen.checks.registry import run_checks
from digestgen.content.load import load
from digestgen.content.workspace import Workspace
from digestgen.enrich import enrich
from digestgen.platforms.registry import PLATFORMS
from helpers import sample_data, workspace

TITLE = "Cinq décideurs publics partagent leur vision du numérique"
LONG_TITLE = (
    "Cinq décideurs publics partagent leur vision du numérique au Club des Partenaires, "
    "de la donnée aux territoires intelligents, et ce qu'ils prévoient"
)  # past every network's cut
DESCRIPTION = "Le Club des Partenaires du numérique a réuni plus de 120 personnes place Vendôme."


def page(image: str | None, width: int = 1200, height: int = 630, *, title: str = TITLE) -> str:
    tags = [
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:description" content="{DESCRIPTION}">',
        '<meta property="og:site_name" content="Alliancy">',
        '<meta property="og:url" content="https://www.alliancy.fr/club-2018">',
    ]
    if image:
        tags += [
            f'<meta property="og:image" content="{image}">',
            f'<meta property="og:image:width" content="{width}">',
            f'<meta property="og:image:height" content="{height}">',
            '<meta name="twitter:card" content="summary_large_image">',
        ]
    return "<!doctype html><html><head>" + "".join(tags) + "</head><body></body></html>"


PAGES = {
    "/good": page("https://www.alliancy.fr/img/club-2018.jpg"),
    "/no-image": page(None),
    "/small-image": page("https://www.alliancy.fr/img/logo.png", 200, 200),
    "/http-image": page("http://www.alliancy.fr/img/club-2018.jpg"),
    "/long-title": page("https://www.alliancy.fr/img/club-2018.jpg", title=LONG_TITLE),
}


def square_png() -> bytes:
    """A 600 × 600 picture: every network crops it to its own ratio."""
    from io import BytesIO

    from PIL import Image

    stream = BytesIO()
    Image.new("RGB", (600, 600), "#0b4f8a").save(stream, "PNG")
    return stream.getvalue()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/square.png":
            kind, data = "image/png", square_png()
        else:
            kind, data = "text/html; charset=utf-8", (PAGES.get(self.path) or "").encode()
        self.send_response(200 if data else 404)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(data or b"not here")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def enriched(tmp_path: Path, site: str, path: str) -> Path:
    """The sample digest whose recap is the served page ``path``, enriched."""
    digest = sample_data()
    digest["event"]["url"] = site + path
    digest["event"].pop("link_card", None)
    for article in digest["further_reading"]["articles"]:
        article["url"] = f"{site}/elsewhere"  # nothing read beyond the local server
    digest_path = workspace(tmp_path, digest)
    enrich(digest_path, allow_private=True, timeout=2, deadline=10, language="en")
    return digest_path


def codes(tmp_path: Path, digest_path: Path) -> list[tuple[str, str]]:
    loaded = load(digest_path, tmp_path / "content")
    found = run_checks(Material(loaded))
    return sorted((f.code, f.message) for f in found if "-card-" in f.code)


def test_enrich_keeps_what_the_tags_say(tmp_path: Path, site: str) -> None:
    digest_path = enriched(tmp_path, site, "/good")
    card = YAML(typ="safe").load(digest_path.read_text("utf-8"))["event"]["link_card"]
    assert card == {
        "title": TITLE,
        "description": DESCRIPTION,
        "image": {"src": "https://www.alliancy.fr/img/club-2018.jpg", "width": 1200, "height": 630},
        "url": "https://www.alliancy.fr/club-2018",
        "site_name": "Alliancy",
        "twitter_card": "summary_large_image",
    }
    assert codes(tmp_path, digest_path) == []  # a good page spoils no network's card


def test_enrich_leaves_a_card_the_editor_has(tmp_path: Path, site: str) -> None:
    digest = sample_data()
    digest["event"]["url"] = site + "/no-image"
    digest["event"]["link_card"] = {"title": "Le titre de l'éditeur"}
    for article in digest["further_reading"]["articles"]:
        article["url"] = f"{site}/elsewhere"
    digest_path = workspace(tmp_path, digest)
    enrich(digest_path, allow_private=True, timeout=2, deadline=10)
    card = YAML(typ="safe").load(digest_path.read_text("utf-8"))["event"]["link_card"]
    assert card == {"title": "Le titre de l'éditeur"}


def test_no_image_is_said_for_every_network(tmp_path: Path, site: str) -> None:
    found = codes(tmp_path, enriched(tmp_path, site, "/no-image"))
    assert [c for c, _ in found if c.endswith("-card-no-image")] == sorted(
        f"{name}-card-no-image" for name in PLATFORMS
    )
    messages = dict(found)
    assert "LinkedIn" in messages["linkedin-card-no-image"]
    assert "Mastodon" in messages["mastodon-card-no-image"]
    # No twitter:card either: X falls back to its small card.
    assert "x-card-small" in messages and "X" in messages["x-card-small"]


def test_a_small_image_is_under_each_minimum(tmp_path: Path, site: str) -> None:
    found = dict(codes(tmp_path, enriched(tmp_path, site, "/small-image")))
    small = sorted(c for c in found if c.endswith("-card-image-small"))
    # 200 × 200: under every network's minimum (X's is 300 × 157), and 1:1, not 1.91:1.
    assert small == sorted(f"{n}-card-image-small" for n in PLATFORMS)
    assert "Facebook" in found["facebook-card-image-small"]
    assert "600 × 315" in found["facebook-card-image-small"]
    ratios = sorted(c for c in found if c.endswith("-card-image-ratio"))
    assert ratios == sorted(f"{n}-card-image-ratio" for n in PLATFORMS)
    assert "X la recadre en 2:1" in found["x-card-image-ratio"]  # the digest's French
    assert "la recadre en 1,91:1" in found["bluesky-card-image-ratio"]


def test_an_http_image_is_said(tmp_path: Path, site: str) -> None:
    found = dict(codes(tmp_path, enriched(tmp_path, site, "/http-image")))
    assert sorted(c for c in found if c.endswith("-card-image-http")) == sorted(
        f"{n}-card-image-http" for n in PLATFORMS
    )
    assert "http://www.alliancy.fr/img/club-2018.jpg" in found["threads-card-image-http"]


def test_a_long_title_is_cut_where_each_network_cuts(tmp_path: Path, site: str) -> None:
    found = dict(codes(tmp_path, enriched(tmp_path, site, "/long-title")))
    assert sorted(c for c in found if c.endswith("-card-title-cut")) == sorted(
        f"{n}-card-title-cut" for n in PLATFORMS
    )
    assert f"après 69 de ses {len(LONG_TITLE)} caractères" in found["linkedin-card-title-cut"]
    assert f"après 119 de ses {len(LONG_TITLE)} caractères" in found["bluesky-card-title-cut"]


def test_the_findings_say_where_the_card_is(tmp_path: Path, site: str) -> None:
    digest_path = enriched(tmp_path, site, "/no-image")
    loaded = load(digest_path, tmp_path / "content")
    lines = digest_path.read_text("utf-8").splitlines()
    card_line = next(i for i, line in enumerate(lines, 1) if line.strip() == "link_card:")
    wheres = {f.where for f in run_checks(Material(loaded)) if "-card-" in f.code}
    assert wheres == {f"{digest_path}:{card_line}"}


def test_french_findings(tmp_path: Path, site: str) -> None:
    digest_path = enriched(tmp_path, site, "/small-image")
    loaded = load(digest_path, tmp_path / "content")
    assert loaded.language == "fr"
    found = {f.code: f for f in run_checks(Material(loaded))}
    assert "Bluesky" in found["bluesky-card-image-ratio"].message
    assert "1,91" in found["bluesky-card-image-ratio"].message


def test_english_findings_and_card(tmp_path: Path) -> None:
    card = {"title": TITLE, "image": {"src": "https://www.alliancy.fr/a.jpg", "width": 800}}
    card["image"]["height"] = 800
    page = preview(tmp_path, card, language="en")
    assert 'aria-label="Link card as Bluesky shows it"' in page
    assert "Show the images (from www.alliancy.fr)" in page
    loaded = load(tmp_path / "content" / "digests" / "test.yaml", tmp_path / "content")
    found = {f.code: f for f in run_checks(Material(loaded))}
    assert found["bluesky-card-image-ratio"].message == (
        "the Bluesky card's image is 1:1; Bluesky crops it to 1.91:1"
    )
    assert found["x-card-small"].fix.startswith('add <meta name="twitter:card"')


def preview(tmp_path: Path, card: dict[str, Any], language: str = "fr") -> str:
    digest = sample_data()
    digest["language"] = language
    digest["event"]["link_card"] = card
    digest_path = workspace(tmp_path, digest)
    loaded = load(digest_path, tmp_path / "content")
    rendered = render_files(loaded, Workspace.at(tmp_path), (NEWSLETTER, SOCIAL, PREVIEW))
    page = rendered.files["index.html"]
    assert isinstance(page, str)
    return page


def shown(page: str) -> dict[str, list[str]]:
    """Each network's cards on the page: their title lines."""
    cards: dict[str, list[str]] = {}
    for name, body in re.findall(r'data-link-card="(\w+)">(.*?)\n</div>\n', page, re.S):
        title = re.search(r'<p class="lc-title[^"]*">(.*?)</p>', body)
        cards.setdefault(name, []).append(title.group(1) if title else "")
    return cards


def test_the_preview_shows_each_networks_card_with_its_cut(tmp_path: Path) -> None:
    page = preview(
        tmp_path,
        {
            "title": LONG_TITLE,
            "description": DESCRIPTION,
            "image": {"src": "https://www.alliancy.fr/img/club-2018.jpg", "width": 1200},
            "twitter_card": "summary_large_image",
        },
    )
    cards = shown(page)
    # The threads hook, LinkedIn's and Facebook's single post: each carries the recap's link.
    assert set(cards) == set(PLATFORMS)
    cut = {name: titles[0] for name, titles in cards.items()}
    escaped = LONG_TITLE.replace("'", "&#39;")
    for name, platform in PLATFORMS.items():
        assert platform.link_card is not None
        chars = platform.link_card.title_chars
        assert cut[name].endswith("…"), name
        assert escaped.startswith(cut[name][:-1].rstrip()[: chars // 2]), name
        assert len(cut[name].replace("&#39;", "'")) <= chars, name
    assert len(cut["bluesky"]) > len(cut["linkedin"])  # three lines against two
    assert 'aria-label="Link card as Mastodon shows it"' not in page  # the digest's French
    assert 'aria-label="Carte du lien telle que Mastodon la montre"' in page
    assert "aspect-ratio: 2 / 1" in page and "aspect-ratio: 1.91 / 1" in page
    assert page.count("<style>\n.link-card") == 1  # the card's CSS once
    # Facebook and Mastodon write the domain above the title, the others below it.
    facebook = re.search(r'data-link-card="facebook">(.*?)\n</div>\n', page, re.S)
    assert facebook and facebook.group(1).index("lc-domain") < facebook.group(1).index("lc-title")
    assert "Depuis www.alliancy.fr" in page  # X's domain line, in French


def test_x_without_twitter_card_shows_its_small_card(tmp_path: Path) -> None:
    page = preview(tmp_path, {"title": TITLE})
    x = re.search(r'<div class="link-card lc-x lc-small"[^>]*>(.*?)\n</div>\n', page, re.S)
    assert x and "aspect-ratio: 1 / 1" in x.group(1)
    assert "pas d’image" in x.group(1)  # the digest's French, typeset


def test_no_card_without_link_card(tmp_path: Path) -> None:
    digest = sample_data()
    digest["event"].pop("link_card", None)
    digest_path = workspace(tmp_path, digest)
    loaded = load(digest_path, tmp_path / "content")
    page = render_files(loaded, Workspace.at(tmp_path), (NEWSLETTER, SOCIAL, PREVIEW))
    assert "data-link-card" not in str(page.files["index.html"])


@pytest.mark.browser
def test_the_cards_crop_the_image_once_asked(tmp_path: Path, site: str, browser) -> None:  # type: ignore[no-untyped-def]
    image = {"src": f"{site}/square.png", "width": 600, "height": 600}
    page_html = preview(
        tmp_path, {"title": TITLE, "image": image, "twitter_card": "summary_large_image"}
    )
    (tmp_path / "index.html").write_text(page_html, "utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto((tmp_path / "index.html").as_uri())
    assert not [url for url in requested if url.startswith(site)]  # nothing fetched unasked
    tab.get_by_role("button", name="Afficher les images (de 127.0.0.1)").first.click()
    tab.wait_for_function(
        "[...document.querySelectorAll('.link-card img')].every(i => i.complete && i.naturalWidth)"
    )
    ratios = tab.evaluate(
        """Object.fromEntries([...document.querySelectorAll('[data-link-card]')].map(card => {
            const box = card.querySelector('img').getBoundingClientRect();
            return [card.dataset.linkCard, box.width / box.height];
        }))"""
    )
    context.close()
    assert set(ratios) == set(PLATFORMS)
    assert ratios["x"] == pytest.approx(2, abs=0.02)
    for name in set(PLATFORMS) - {"x"}:
        assert ratios[name] == pytest.approx(1.91, abs=0.02), name
