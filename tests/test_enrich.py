"""`digestgen enrich`: missing titles, summaries and images read from the pages, against a real
local HTTP server, written back into the editor's YAML without disturbing it."""

from __future__ import annotations

import http.server
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from digestgen.content.load import load
from digestgen.enrich import Enriched, Failure
from digestgen.enrich import enrich as enrich_in
from digestgen.errors import ContentError
from digestgen.net import fetch as fetch_module
from digestgen.net.fetch import USER_AGENT
from digestgen.net.pages import decode_page, parse_metadata, strip_site_name
from helpers import REPO, dump_yaml, sample_data


def enrich(path: Path, **options: Any) -> Enriched:
    """``enrich``, its notes in English (the sample digest is French: see the French test)."""
    return enrich_in(path, **{"language": "en", **options})


CASE = Path(__file__).resolve().parent / "cases" / "enrich"
PAGES = CASE / "pages"
HTML = "text/html; charset=utf-8"


@dataclass
class Site:
    """A real HTTP server on 127.0.0.1 serving the fixture pages; it counts requests."""

    base: str
    hits: list[str] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)
    away: str = ""  # where /away redirects to


class Handler(http.server.BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.site.hits.append(self.path)
        self.site.agents.add(self.headers.get("User-Agent", ""))
        routes: dict[str, tuple[int, str, bytes | str]] = {
            "/full": (200, HTML, "full.html"),
            "/title-only": (200, "text/html", "title-only.html"),
            "/latin1": (200, "text/html; charset=ISO-8859-1", "latin1.html"),
            "/cp1252": (200, "text/html", "cp1252.html"),
            "/relative-image": (200, HTML, "relative-image.html"),
            "/event": (200, HTML, "event.html"),
            "/stories/final": (200, HTML, "final.html"),
            "/moved": (302, "/stories/final", b""),
            "/loop": (302, "/loop", b""),
            "/away": (302, self.site.away, b""),
            "/data.json": (200, "application/json", b"{}"),
        }
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/big":
            page = (
                "<title>Grande page</title>"
                + " " * 2_500_000
                + '<meta name="description" content="Trop loin">'
            )
            routes["/big"] = (200, HTML, page.encode())
        status, kind, body = routes.get(self.path, (404, "text/plain", b"not here"))
        if isinstance(body, str):
            body = (PAGES / body).read_bytes()
        try:
            self.send_response(status)
            self.send_header("Location" if status == 302 else "Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on the slow page, as it should


def serve(host: str = "127.0.0.1") -> tuple[Site, http.server.ThreadingHTTPServer]:
    site = Site("")
    handler = type("BoundHandler", (Handler,), {"site": site})
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    site.base = f"http://{host}:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return site, server


@pytest.fixture
def site() -> Iterator[Site]:
    site, server = serve()
    yield site
    server.shutdown()
    server.server_close()


def digest_text(base: str) -> str:
    """The repository's sample with its further reading replaced by tests/cases/enrich's, its
    event pointing at the local server (and no event image, so one is filled in)."""
    text = (REPO / "content" / "digests" / "club-partenaires-2018.yaml").read_text("utf-8")
    block = (CASE / "further-reading.yaml").read_text("utf-8").replace("{site}", base)
    text = text[: text.index("further_reading:")] + block + text[text.index("social:") :]
    recap = re.search(r"^  url: .*$", text, re.MULTILINE)
    assert recap is not None
    return text.replace(recap.group(0), f'  url: "{base}/event"   # the recap article')


def workspace(root: Path, text: str) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    path = root / "content" / "digests" / "club-partenaires-2018.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def undashed(text: str) -> list[str]:
    # A title inserted before an item's first key takes its "- ": `- url:` becomes `  url:`.
    return [re.sub(r"^( *)- ", r"\1  ", line) for line in text.splitlines()]


def added_lines(before: str, after: str) -> list[str]:
    """The lines of ``after`` that are not in ``before``, checking that every line of
    ``before`` is still there, in order, and that the list items are the same."""
    remaining, added = undashed(before), []
    for line, shown in zip(undashed(after), after.splitlines(), strict=True):
        if remaining and line == remaining[0]:
            remaining.pop(0)
        else:
            added.append(shown)
    assert remaining == [], f"an original line changed or moved: {remaining[0]!r}"
    assert before.count("- ") == after.count("- ")  # as many list items as before
    return added


def test_enrich_fills_only_what_is_missing_and_keeps_the_file(tmp_path: Path, site: Site) -> None:
    before = digest_text(site.base)
    path = workspace(tmp_path, before)
    result = enrich(path, allow_private=True, timeout=0.5, deadline=5)
    after = path.read_text("utf-8")

    articles = "further_reading.articles"
    assert sorted(result.filled) == sorted(
        ["event.image"]
        + [f"{articles}[0].{f}" for f in ("title", "summary", "image")]
        + [f"{articles}[1].summary"]
        + [f"{articles}[2].{f}" for f in ("title", "summary")]
        + [f"{articles}[3].{f}" for f in ("title", "summary")]
        + [f"{articles}[4].title", f"{articles}[6].title", f"{articles}[6].summary"]
        + [f"{articles}[9].{f}" for f in ("title", "summary", "image")]
    )
    assert result.failures == [
        Failure(f"{site.base}/missing", "404 Not Found"),
        Failure(f"{site.base}/slow", "no answer within 0.5 s"),
    ]
    assert result.notes == [
        f"{articles}[1].image: the page has no image; left empty",
        f"{articles}[2].image: the page has no image; left empty",
        f"{articles}[3].image: the page has no image; left empty",
        f"{articles}[4].image: og:image is {site.base}/img/val-d-oise.jpg, not https; left empty",
        # Resolved against the page it was redirected to, not the URL in the file.
        f"{articles}[6].image: og:image is {site.base}/stories/img/versailles.jpg, not https; "
        "left empty",
    ]

    # Every line the editor wrote is still there, in order; the only new lines are the fields.
    added = added_lines(before, after)
    assert len(added) == len(result.filled) + 2 * 3  # an image is three lines
    assert all(re.match(r' +(- )?(title|summary|image|src|alt):( "|$)', line) for line in added)
    body = result.diff.splitlines()[2:]
    removed = [line for line in body if line.startswith("-")]
    assert all(re.fullmatch(r"-    - url: .*", line) for line in removed)  # its dash moved up
    assert len([line for line in body if line.startswith("+")]) == len(added) + len(removed)

    data = YAML(typ="safe").load(after)
    event, found = data["event"], data["further_reading"]["articles"]
    assert event["title"] == "Club des Partenaires du numérique : la grande soirée annuelle"
    assert event["summary"].startswith("Le 5 décembre, le Club")  # the editor's, not the page's
    assert event["image"] == {
        "src": "https://www.alliancy.fr/img/soiree.jpg",
        "alt": "Cinq décideurs publics partagent leur vision",  # twitter:title, no site name
    }
    full = {
        "title": "Territoires intelligents : un levier de performance",
        "url": f"{site.base}/full",
        "summary": "Comment les collectivités font du territoire intelligent un levier de "
        "performance & de service.",
        "image": {
            "src": "https://www.alliancy.fr/img/territoires.jpg",
            "alt": "Une ville connectée, la nuit",
        },
    }
    assert found[0] == full and found[9] == full | {"label": "Dossier"}
    assert found[1]["title"] == "Bordeaux installe le réseau intelligent"  # never replaced
    assert found[1]["summary"] == "Bordeaux Métropole déploie le réseau de ses futurs projets."
    assert found[2]["title"] == (
        "Angers prépare l'avenir avec son marché « territoire intelligent »"
    )
    assert found[2]["summary"].startswith("Angers et Angers Loire Métropole")
    assert found[3]["title"] == "L’académie de Versailles prépare son cloud privé"
    assert found[4]["summary"] == "Un résumé écrit à la main."
    assert found[6]["title"] == "Versailles croit en un changement de culture"
    assert "title" not in found[5] and "title" not in found[7]

    # New keys go in the format's order; comments after an article stay with the next one.
    first = after[after.index("    # Full Open Graph") :]
    assert first.split("\n")[1:8] == [
        '    - title: "Territoires intelligents : un levier de performance"',
        f'      url: "{site.base}/full"',
        '      summary: "Comment les collectivités font du territoire intelligent un levier de '
        'performance & de service."',
        "      image:",
        '        src: "https://www.alliancy.fr/img/territoires.jpg"',
        '        alt: "Une ville connectée, la nuit"',
        '    - title: "Bordeaux installe le réseau intelligent"   # written by the editor: kept',
    ]
    assert f"      label: Dossier   # the same page as the first article\n{' ' * 6}image:" in after
    assert '        alt: "Une ville connectée, la nuit"\n\nsocial:' in after

    # One request per page, none for an article that lacks nothing, a clear User-Agent.
    pages = "event full title-only latin1 cp1252 relative-image missing moved stories/final slow"
    assert sorted(site.hits) == sorted(f"/{page}" for page in pages.split())
    assert site.agents == {USER_AGENT}
    # The filled file is still a valid digest (two titles are still missing: failed pages).
    loaded = load(path, tmp_path / "content", require_titles=False)
    assert loaded.digest.further_reading.articles[0].image is not None


def test_dry_run_writes_nothing_and_returns_the_same_diff(tmp_path: Path, site: Site) -> None:
    path = workspace(tmp_path, digest_text(site.base).replace("/slow", "/full"))
    before = path.read_bytes()
    dry = enrich(path, dry_run=True, allow_private=True, timeout=2)
    assert path.read_bytes() == before
    assert dry.diff.startswith(f"--- {path}\n+++ {path}\n@@ ")
    real = enrich(path, allow_private=True, timeout=2)
    assert real.diff == dry.diff and real.filled == dry.filled
    # A second run has nothing left to fill but what the pages do not have.
    again = enrich(path, allow_private=True, timeout=2)
    assert again.diff == "" and again.filled == []


def test_private_addresses_are_refused_before_any_request(tmp_path: Path, site: Site) -> None:
    localhost = site.base.replace("127.0.0.1", "localhost")
    text = digest_text(site.base).replace(f"'{site.base}/latin1'", f"{localhost}/latin1")
    path = workspace(tmp_path, text)
    before = path.read_bytes()
    result = enrich(path, timeout=2)
    assert site.hits == []
    assert result.filled == [] and result.diff == "" and path.read_bytes() == before
    reasons = {f.url.rsplit("/", 1)[1]: f.reason for f in result.failures}
    assert reasons["full"] == "refused: 127.0.0.1 is a loopback address (use --allow-private)"
    assert re.fullmatch(r"refused: (127\.0\.0\.1|::1) is a loopback address .*", reasons["latin1"])
    assert len(result.failures) == 9  # every page but the one nothing is missing from


def test_every_redirect_hop_is_checked(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 127.0.0.2 stands for a private address behind a public one (Linux routes 127/8 locally).
    try:
        inner, server = serve("127.0.0.2")
    except OSError:
        pytest.skip("cannot bind 127.0.0.2 here")
    try:
        checked: list[str] = []

        def refusal(address: str) -> str | None:
            checked.append(address)
            return "127.0.0.2 is a private address" if address == "127.0.0.2" else None

        monkeypatch.setattr(fetch_module, "refusal", refusal)
        site.away = f"{inner.base}/full"
        path = workspace(tmp_path, "event:\n  url: " + site.base + "/away\n")
        result = enrich(path, timeout=2)
        why = "refused: 127.0.0.2 is a private address (use --allow-private)"
        assert result.failures == [Failure(f"{site.base}/away", why)]
        assert site.hits == ["/away"] and inner.hits == []
        assert checked == ["127.0.0.1", "127.0.0.2"]
    finally:
        server.shutdown()
        server.server_close()


def test_an_event_without_title_or_summary_gets_them(tmp_path: Path, site: Site) -> None:
    text = (
        "# Just started: only the recap's address so far.\n"
        "event:\n"
        "  date: 2018-12-05\n"
        f"  url: {site.base}/event   # from the CMS\n"
        "  speakers: []\n"
        "further_reading:\n"
        "  articles:\n"
        f"  - url: {site.base}/full\n"
        "  # Below, pages that give nothing.\n"
        f"  - url: {site.base}/data.json\n"
        f"  - url: {site.base}/loop\n"
        "  - label: no address yet\n"
    )
    path = workspace(tmp_path, text)
    result = enrich(path, allow_private=True, timeout=2)
    assert path.read_text("utf-8") == (
        "# Just started: only the recap's address so far.\n"
        "event:\n"
        '  title: "Cinq décideurs publics partagent leur vision"\n'
        "  date: 2018-12-05\n"
        f"  url: {site.base}/event   # from the CMS\n"
        "  image:\n"
        '    src: "https://www.alliancy.fr/img/soiree.jpg"\n'
        '    alt: "Cinq décideurs publics partagent leur vision"\n'
        '  summary: "Le Club des Partenaires du numérique a réuni plus de 120 personnes place '
        'Vendôme."\n'
        "  speakers: []\n"
        "  link_card:\n"
        '    twitter_card: "summary_large_image"\n'
        '    twitter_title: "Cinq décideurs publics partagent leur vision · Alliancy"\n'
        '    twitter_image: "https://www.alliancy.fr/img/soiree.jpg"\n'
        "further_reading:\n"
        "  articles:\n"
        '  - title: "Territoires intelligents : un levier de performance"\n'
        f"    url: {site.base}/full\n"
        '    summary: "Comment les collectivités font du territoire intelligent un levier de '
        'performance & de service."\n'
        "    image:\n"
        '      src: "https://www.alliancy.fr/img/territoires.jpg"\n'
        '      alt: "Une ville connectée, la nuit"\n'
        "  # Below, pages that give nothing.\n"
        f"  - url: {site.base}/data.json\n"
        f"  - url: {site.base}/loop\n"
        "  - label: no address yet\n"
    )
    assert result.failures == [
        Failure(f"{site.base}/data.json", "not an HTML page (application/json)"),
        Failure(f"{site.base}/loop", "more than 5 redirects"),
    ]
    assert result.notes == ["further_reading.articles[3]: no url to read the missing fields from"]
    assert site.hits.count("/loop") == 6


def test_comments_below_an_article_stay_below_what_is_appended(tmp_path: Path, site: Site) -> None:
    def articles(image: str) -> str:
        return (
            "further_reading:\n"
            "  articles:\n"
            f"  - title: Un\n    url: {site.base}/full\n    summary: >-\n      plié\n{image}"
            "  # after a folded summary\n"
            f"  - title: Deux\n    url: {site.base}/full\n    summary: |\n      littéral\n{image}"
            "\n  # after a blank line\n"
            f"  - title: Trois\n    url: {site.base}/full\n    summary: s\n"
            f"    label: x   # its own\n{image}"
            "  # the last comment\n"
            "\n# the end of the file\n"
        )

    path = workspace(tmp_path, articles(""))
    result = enrich(path, allow_private=True, timeout=2)
    image = (
        '    image:\n      src: "https://www.alliancy.fr/img/territoires.jpg"\n'
        '      alt: "Une ville connectée, la nuit"\n'
    )
    assert path.read_text("utf-8") == articles(image)
    assert len(result.filled) == 3 and site.hits == ["/full"]


def test_a_page_is_read_up_to_2_mb(tmp_path: Path, site: Site) -> None:
    path = workspace(tmp_path, f"event:\n  url: {site.base}/big\n")
    result = enrich(path, dry_run=True, allow_private=True, timeout=2)
    assert result.filled == ["event.title"]  # the description comes after 2 MB of padding
    assert "event.summary: the page has no summary; left empty" in result.notes


def test_the_deadline_bounds_the_whole_run(tmp_path: Path, site: Site) -> None:
    path = workspace(tmp_path, digest_text(site.base))
    started = time.monotonic()
    result = enrich(path, dry_run=True, allow_private=True, timeout=10, deadline=0.4, workers=8)
    assert time.monotonic() - started < 1.2
    slow = [f for f in result.failures if f.url.endswith("/slow")]
    assert slow and re.fullmatch(
        r"(no answer within 0\.[34]\d* s|not done within .*)", slow[0].reason
    )
    assert "further_reading.articles[0].title" in result.filled


def test_windows_line_ends_are_kept(tmp_path: Path, site: Site) -> None:
    path = workspace(tmp_path, "")
    path.write_bytes(f"event:\r\n  url: {site.base}/event\r\n  summary: Déjà écrit.\r\n".encode())
    enrich(path, allow_private=True, timeout=2)
    assert path.read_bytes().decode() == (
        '\r\n  title: "Cinq décideurs publics partagent leur vision"\r\n'.join(["event:", ""])
        + f"  url: {site.base}/event\r\n  image:\r\n"
        '    src: "https://www.alliancy.fr/img/soiree.jpg"\r\n'
        '    alt: "Cinq décideurs publics partagent leur vision"\r\n'
        "  summary: Déjà écrit.\r\n"
        "  link_card:\r\n"
        '    twitter_card: "summary_large_image"\r\n'
        '    twitter_title: "Cinq décideurs publics partagent leur vision · Alliancy"\r\n'
        '    twitter_image: "https://www.alliancy.fr/img/soiree.jpg"\r\n'
    )


def test_another_indentation_style_is_kept(tmp_path: Path, site: Site) -> None:
    digest = sample_data()
    digest["event"]["url"] = f"{site.base}/missing"
    digest["further_reading"]["articles"] = [{"url": f"{site.base}/title-only", "label": "A"}]
    before = dump_yaml(digest)  # sequences not indented under their key
    assert "\n- name:" not in before and "\n  - url:" in before
    path = workspace(tmp_path, before)
    result = enrich(path, allow_private=True, timeout=2)
    assert added_lines(before, path.read_text("utf-8")) == [
        '  - title: "Bordeaux installe le réseau intelligent de la métropole"',
        '    summary: "Bordeaux Métropole déploie le réseau de ses futurs projets."',
    ]
    assert result.notes == ["further_reading.articles[0].image: the page has no image; left empty"]


@pytest.mark.parametrize(
    "text",
    ["event: [unclosed\n", "- just\n- a list\n", ""],
)
def test_bad_yaml_is_a_content_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError):
        enrich(path)


# --- the pure helpers ----------------------------------------------------------------------


def test_relative_images_resolve_against_the_page() -> None:
    page = parse_metadata(
        '<meta property="og:image" content="../img/a.jpg">'
        '<meta property="og:image:alt" content="Un plan">',
        "https://www.alliancy.fr/dossier/x",
    )
    assert page.image == "https://www.alliancy.fr/img/a.jpg" and page.image_alt == "Un plan"
    assert page.title is None and page.description is None


def test_metadata_falls_back_from_open_graph_to_twitter_to_title() -> None:
    base = "https://example.org/a"
    html = (
        "<head><title>Le titre &amp; la suite | Site</title>"
        '<meta name="description" content="La description.">'
        '<meta name="twitter:title" content="Le titre Twitter">'
        '<meta name="twitter:image" content="https://example.org/t.png">'
        '<meta property="og:title" content="">'
    )
    page = parse_metadata(html, base)
    assert (page.title, page.description, page.image, page.image_tag) == (
        "Le titre Twitter",
        "La description.",
        "https://example.org/t.png",
        "twitter:image",
    )
    page = parse_metadata(html.replace("twitter:title", "x"), base)
    assert page.title == "Le titre & la suite"


@pytest.mark.parametrize(
    ("title", "site_name", "expected"),
    [
        ("Territoires intelligents - Alliancy", "Alliancy", "Territoires intelligents"),
        ("Territoires intelligents - Alliancy", None, "Territoires intelligents"),
        ("La réforme des retraites | Le Monde", None, "La réforme des retraites"),
        ("Title — Site", None, "Title"),
        ("Une ville · Alliancy.fr, le média du numérique", "Alliancy.fr, le média du numérique",
         "Une ville"),
        ("Alliancy", "Alliancy", "Alliancy"),
        (" - Alliancy", "Alliancy", " - Alliancy"),
        (
            "Bordeaux installe son réseau - une transformation qui prendra dix ans",
            "Alliancy",
            "Bordeaux installe son réseau - une transformation qui prendra dix ans",
        ),
        ("Smart city - Alliancy - Alliancy", "Alliancy", "Smart city - Alliancy"),
        ("Pas de séparateur-ici", None, "Pas de séparateur-ici"),
    ],
)  # fmt: skip
def test_strip_site_name(title: str, site_name: str | None, expected: str) -> None:
    assert strip_site_name(title, site_name) == expected


def test_decode_page_follows_the_declared_charset() -> None:
    latin = "<title>Été à Noël</title>".encode("latin-1")
    assert "Été à Noël" in decode_page(latin, "ISO-8859-1")
    assert "Été à Noël" in decode_page(b'<meta charset="latin1">' + latin, None)
    assert "\ufffd" in decode_page(latin, None)  # no declaration: UTF-8, with replacement
    assert "\ufffd" in decode_page(latin, "no-such-charset")
    assert decode_page("’".encode("cp1252"), "iso-8859-1") == "’"  # as browsers read it
    assert decode_page(b"\xef\xbb\xbf\xc3\xa9", "iso-8859-1") == "é"  # a BOM wins


def test_result_types() -> None:
    result = Enriched(Path("x.yaml"), "", [], [Failure("https://a.fr", "404 Not Found")], [])
    assert result.failures[0].reason == "404 Not Found"


def test_the_enrich_command_prints_the_diff_and_reports_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command as an editor runs it: a dry run against a page that is not there."""
    from typer.testing import CliRunner

    from digestgen.cli.app import app
    from helpers import sample_data, workspace

    digest = sample_data()
    del digest["further_reading"]["articles"][0]["title"]
    for i, article in enumerate(digest["further_reading"]["articles"]):
        article["url"] = f"http://127.0.0.1:9/nothing-listens-here/{i}"
    digest["event"]["url"] = "http://127.0.0.1:9/nor-here"
    path = workspace(tmp_path, digest)
    before = path.read_text()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["enrich", "--dry-run", "--allow-private", "--timeout", "2"])
    assert result.exit_code == 1
    assert "échec\u00a0: http://127.0.0.1:9/nothing-listens-here" in result.stderr
    assert path.read_text() == before
    refused = CliRunner().invoke(app, ["enrich", "--dry-run", "--timeout", "2"])
    assert refused.exit_code == 1 and "private" in refused.stderr


def test_the_notes_speak_the_digests_language(tmp_path: Path, site: Site) -> None:
    digest = sample_data()  # a French digest
    digest["event"]["url"] = f"{site.base}/missing"
    digest["further_reading"]["articles"] = [{"url": f"{site.base}/title-only", "label": "A"}]
    result = enrich_in(workspace(tmp_path, dump_yaml(digest)), allow_private=True, timeout=2)
    assert result.notes == [
        "further_reading.articles[0].image\u00a0: la page n’a pas d’image\u202f; laissé vide"
    ]
    [failure] = result.failures
    assert failure.reason == "404 Not Found" and failure.said("fr") == "404 Not Found"
