"""`digestgen draft`: an editor's recap article, read from a saved page or from a real local
HTTP server, becomes a new digest that validates, previews and builds; bad sources give one
clear line, exit 2 and no file."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import json
import shutil
import threading
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from digestgen.draft.article import read_article
from digestgen.draft.dates import event_day
from digestgen.draft.digest import draft_digest, preheader, subject
from digestgen.draft.quotes import spans, tidy_quote
from helpers import REPO

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
SEED = ARTICLES / "alliancy-club-partenaires-2018.html"
ERRORS = ARTICLES / "errors"
SEED_STEM = "club-des-partenaires-du-numerique-cinq-decideurs-publics"
SEED_SPEAKERS = [
    "Sylvain Fievet",
    "Catherine Moal",
    "Stéphane Jobard",
    "Constance Nebbula",
    "Jean-Noël Olivier",
    "Thomas Bonhoure",
    "Olivier Lafosse",
    "Jacky Gallicher",
]
FOLLOW_UPS = [
    "https://www.alliancy.fr/dossier-territoires-intelligents-un-levier-de-performance",
    "https://www.alliancy.fr/bordeaux-installe-le-reseau-intelligent-qui-supportera-la-transformation-de-la-metropole",
    "https://www.alliancy.fr/angers-prepare-l-avenir-en-lancant-son-marche-territoire-intelligent",
    "https://www.alliancy.fr/le-val-d-oise-assume-sa-strategie-d-investissement-jusque-dans-la-transformation-de-sa-dsi",
    "https://www.alliancy.fr/versailles-croit-en-un-changement-de-culture-pour-accelerer-la-transformation",
]
HTML = "text/html; charset=utf-8"
NBSP, NNBSP = "\u00a0", "\u202f"
ENGLISH = ARTICLES / "en-summit-london.html"


class Handler(http.server.BaseHTTPRequestHandler):
    base = ""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        status, body = 200, b""
        if self.path == "/recap":
            body = SEED.read_bytes()
        elif self.path == "/moved":
            status = 302
        elif self.path == "/linked-recap":
            # The seed, its follow-ups on this server so that --enrich can read them.
            body = SEED.read_bytes().replace(b"https://www.alliancy.fr/", f"{self.base}/".encode())
            body = body.replace(
                f'href="{self.base}/club-des'.encode(), f'href="{self.base}/x/'.encode()
            )
        elif self.path == "/huge":
            body = b"<html><body>" + b"<p>" + b"remplissage " * 1_750_000 + b"</p></body></html>"
        elif self.path.startswith("/dossier-") or self.path.startswith("/bordeaux-"):
            body = (
                b'<html><head><meta property="og:title" content="Une suite"><meta '
                b'property="og:description" content="Le r\xc3\xa9sum\xc3\xa9 de la suite.">'
                b"</head></html>"
            )
        else:
            status, body = 404, b"not here"
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/recap")
        self.send_header("Content-Type", HTML)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client stops reading at the size cap, as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    handler = type("BoundHandler", (Handler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield handler.base
    server.shutdown()
    server.server_close()


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with the sample outlet and no digest yet, as the current folder."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    for digest in (tmp_path / "content" / "digests").iterdir():
        digest.unlink()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _digests(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "content" / "digests").iterdir())


def _data(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_the_seed_drafts_the_sample_digest_and_builds(empty: Path, cli: Callable[..., Any]) -> None:
    result = cli("draft", str(SEED), "--issue-date", "2018-12-07")
    path = empty / "content" / "digests" / f"{SEED_STEM}.yaml"
    assert result.stdout.strip() == f"content/digests/{SEED_STEM}.yaml"
    # Written, with fields the article does not give left for the editor: exit 1.
    assert result.exit_code == 1, result.stderr
    data = _data(path)
    assert [s["name"] for s in data["event"]["speakers"]] == SEED_SPEAKERS
    assert [a["url"] for a in data["further_reading"]["articles"]] == FOLLOW_UPS
    assert data["event"]["date"] == dt.date(2018, 12, 5)
    assert data["issue"]["date"] == dt.date(2018, 12, 7)
    assert data["language"] == "fr" and data["event"]["attendance"] == 120
    assert data["event"]["venue"]["name"] == "SwissLife Banque Privée"
    jobard = data["event"]["speakers"][2]
    assert jobard["organization"] == "SRCI (Groupe Salvia Développement)"
    assert jobard["quote"].startswith("Ces projets dont on parle depuis longtemps")
    # The nested quotation marks stay inside the quotation; the outer ones go.
    bonhoure = data["event"]["speakers"][5]["quote"]
    assert "du « Politique » à agir" in bonhoure and not bonhoure.startswith("«")
    # A French article: its comments and what draft says, in French.
    lines = path.read_text("utf-8").splitlines()
    assert lines[:3] == [
        "# Rédigé par `digestgen draft` d’après https://www.alliancy.fr/club-des-partenaires-du-"
        "numerique-cinq-decideurs-publics-partagent-leur-vision.",
        f"# Vérifiez chaque champ dont le commentaire le demande{NNBSP}; remplacez chaque "
        f"«{NNBSP}À COMPLÉTER{NNBSP}», puis lancez `digestgen check`.",
        "language: fr  # d’après l’attribut lang de la page",
    ]
    assert (
        f"  date: 2018-12-05  # d’après le texte («{NNBSP}Mercredi 5 décembre{NNBSP}»), année "
        f"tirée de la date de publication{NBSP}: à vérifier"
    ) in lines
    assert f"  date: 2018-12-07  # la date d’envoi{NBSP}: à préciser" in lines
    assert result.stderr.splitlines() == [
        f"trouvé{NBSP}: 8 intervenants{NBSP}: {', '.join(SEED_SPEAKERS)}",
        f"trouvé{NBSP}: date de l’événement{NBSP}: 2018-12-05",
        f"trouvé{NBSP}: 5 articles à lire aussi",
        f"content/digests/{SEED_STEM}.yaml:29: event.speakers[1].organization: laissé à "
        f"compléter{NBSP}: l’article ne le dit pas{NNBSP}; remplissez-le",
        f"content/digests/{SEED_STEM}.yaml:41: event.speakers[4].organization: laissé à "
        f"compléter{NBSP}: l’article ne le dit pas{NNBSP}; remplissez-le",
        f"digestgen: 2 champs laissés à compléter{NNBSP}; relisez, puis `digestgen check`.",
    ]

    built = cli("build", SEED_STEM)
    assert built.exit_code == 0, built.stderr
    slug = next((empty / "out").iterdir())
    email = (slug / "newsletter.html").read_text("utf-8")
    for name in SEED_SPEAKERS:
        assert name in email
    assert "Jacky Gallicher" in (slug / "social" / "linkedin.txt").read_text("utf-8")


def test_check_lists_the_fields_left_for_the_editor(empty: Path, cli: Callable[..., Any]) -> None:
    cli("draft", str(SEED), "--issue-date", "2018-12-07")
    result = cli("check", SEED_STEM)
    assert result.exit_code == 1
    assert f"content/digests/{SEED_STEM}.yaml:12: event.venue.name" not in result.stdout
    assert f"content/digests/{SEED_STEM}.yaml:29: event.speakers[1].organization" in result.stdout
    assert result.stdout.count("left-for-editor") == 2
    path = empty / "content" / "digests" / f"{SEED_STEM}.yaml"
    path.write_text(path.read_text("utf-8").replace("À COMPLÉTER", "Alliancy"), "utf-8")
    assert "left-for-editor" not in cli("check", SEED_STEM).stdout


def test_a_drafted_digest_previews_at_once(empty: Path) -> None:
    from typer.testing import CliRunner

    from digestgen.cli.app import app
    from digestgen.content.workspace import Workspace
    from digestgen.serve.preview import Preview

    CliRunner().invoke(app, ["draft", str(SEED), "--issue-date", "2018-12-07"])
    preview = Preview(Workspace.at(empty), SEED_STEM, port=0, report=lambda _: None)
    preview.rebuild(first=True)
    preview.start()
    try:
        with urllib.request.urlopen(preview.url, timeout=10) as response:
            page = response.read().decode("utf-8")
    finally:
        preview.stop()
    assert "Constance Nebbula" in page and "À COMPLÉTER" in page
    # The page's checks list each field left for the editor, with its line.
    assert page.count("<code>left-for-editor</code>") == 2
    assert f"{SEED_STEM}.yaml:29: event.speakers[1].organization" in page


def test_an_existing_digest_is_never_overwritten(empty: Path, cli: Callable[..., Any]) -> None:
    cli("draft", str(SEED), "--name", "soiree")
    path = empty / "content" / "digests" / "soiree.yaml"
    path.write_text("# the editor's work\n", "utf-8")
    again = cli("draft", str(SEED), "--name", "soiree")
    assert again.exit_code == 2
    assert _one_line(again.stderr) == (
        f"digestgen: {path} existe déjà{NNBSP}; il n’est pas remplacé (--name pour choisir un "
        "autre nom)"
    )
    assert path.read_text("utf-8") == "# the editor's work\n"


def test_dry_run_prints_the_digest_and_writes_nothing(empty: Path, cli: Callable[..., Any]) -> None:
    result = cli("draft", str(SEED), "--dry-run", "--issue-date", "2018-12-07")
    assert result.exit_code == 1
    assert '  speakers:\n    - name: "Sylvain Fievet"' in result.stdout
    assert _digests(empty) == []


def test_the_same_page_drafts_the_same_bytes(empty: Path, cli: Callable[..., Any]) -> None:
    cli("draft", str(SEED), "--name", "a", "--issue-date", "2018-12-07")
    cli("draft", str(SEED), "--name", "b", "--issue-date", "2018-12-07")
    digests = empty / "content" / "digests"
    assert (digests / "a.yaml").read_bytes() == (digests / "b.yaml").read_bytes()


def test_a_url_is_read_through_every_redirect(
    empty: Path, cli: Callable[..., Any], site: str
) -> None:
    result = cli("draft", f"{site}/moved", "--allow-private", "--name", "from-the-web")
    assert result.exit_code == 1, result.stderr
    data = _data(empty / "content" / "digests" / "from-the-web.yaml")
    assert [s["name"] for s in data["event"]["speakers"]] == SEED_SPEAKERS


def test_enrich_fills_the_follow_ups_summaries(
    empty: Path, cli: Callable[..., Any], site: str
) -> None:
    result = cli("draft", f"{site}/linked-recap", "--allow-private", "--name", "n", "--enrich")
    assert (
        f"enrich{NBSP}: 2 champs remplis d’après les pages des articles à lire aussi"
        in result.stderr.splitlines()
    )
    articles = _data(empty / "content" / "digests" / "n.yaml")["further_reading"]["articles"]
    assert articles[0]["summary"] == "Le résumé de la suite."
    assert "summary" not in articles[2]  # its page is a 404, reported
    failed = [line for line in result.stderr.splitlines() if line.startswith("échec d’enrich")]
    assert failed and failed[0].startswith(f"échec d’enrich{NBSP}: {site}/")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "/recap",
            f"refusé{NBSP}: 127.0.0.1 est une adresse de bouclage (loopback) (--allow-private pour "
            "l’autoriser)",
        ),
        ("/missing", "404"),
        ("/huge", f"la page dépasse 2 Mo{NNBSP}; elle n’est pas lue"),
    ],
)
def test_bad_addresses_give_one_line_and_exit_2(
    empty: Path, cli: Callable[..., Any], site: str, source: str, message: str
) -> None:
    private = [] if source == "/recap" else ["--allow-private"]
    result = cli("draft", f"{site}{source}", *private, "--timeout", "5")
    assert result.exit_code == 2
    assert message in _one_line(result.stderr)
    assert _digests(empty) == []


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "home.html",
            "pas un article (peut-être une page d’accueil ou une liste de liens)",
        ),
        (
            "german.html",
            f"l’article est en allemand{NNBSP}; digestgen rédige d’après des articles en français "
            "ou en anglais (--language fr|en pour le rédiger quand même)",
        ),
        ("missing.html", "fichier introuvable"),
    ],
)
def test_pages_that_are_not_recaps_give_one_line_and_exit_2(
    empty: Path, cli: Callable[..., Any], page: str, message: str
) -> None:
    result = cli("draft", str(ERRORS / page))
    assert result.exit_code == 2
    assert message in _one_line(result.stderr)
    assert _digests(empty) == []


def test_a_20_mb_file_is_refused(empty: Path, cli: Callable[..., Any], tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><p>" + b"x" * 20_000_000 + b"</p></body></html>")
    result = cli("draft", str(big))
    assert result.exit_code == 2
    assert _one_line(result.stderr) == (
        f"digestgen: {big}: la page dépasse 2 Mo{NNBSP}; elle n’est pas lue"
    )
    assert _digests(empty) == []


def test_a_third_language_may_be_drafted_when_asked(empty: Path, cli: Callable[..., Any]) -> None:
    result = cli("draft", str(ERRORS / "german.html"), "--language", "en", "--dry-run")
    assert "allemand" not in result.stderr and "German" not in result.stderr


def test_a_page_without_a_quotation_is_written_for_the_editor(
    empty: Path, cli: Callable[..., Any]
) -> None:
    result = cli("draft", str(ERRORS / "no-quote.html"))
    assert result.exit_code == 1
    assert f"manquant{NBSP}: aucune citation trouvée{NBSP}: event.speakers" in result.stderr
    (path,) = (empty / "content" / "digests").iterdir()
    assert _data(path)["event"]["speakers"][0]["quote"] == "À COMPLÉTER"
    assert "event.speakers[0].quote: laissé à compléter" in result.stderr


def test_without_the_extra_one_line_says_how_to_install_it(
    empty: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import digestgen.draft

    monkeypatch.setattr(digestgen.draft, "EXTRA", (("trafilatura",), ("a_module_not_installed",)))
    result = cli("draft", str(SEED))
    assert result.exit_code == 2
    assert _one_line(result.stderr) == (
        f"digestgen: digestgen draft a besoin de a_module_not_installed{NBSP}: "
        "pip install 'digestgen[draft]'"
    )
    # Before the article is read, the language asked for (else the outlet's).
    result = cli("draft", str(SEED), "--language", "en")
    assert _one_line(result.stderr) == (
        "digestgen: digestgen draft needs a_module_not_installed: pip install 'digestgen[draft]'"
    )


def test_a_module_of_the_extra_that_does_not_import_gives_the_same_line(
    empty: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a fresh install whose lxml has no HTML cleaner: trafilatura's import fails inside.
    import sys

    import digestgen.draft

    monkeypatch.setattr(digestgen.draft, "EXTRA", (("trafilatura",),))  # found, but fails
    monkeypatch.setitem(sys.modules, "lxml_html_clean", None)
    prefixes = ("trafilatura", "justext", "lxml.html.clean", "digestgen.draft.")
    for name in [m for m in sys.modules if m.startswith(prefixes)]:
        monkeypatch.delitem(sys.modules, name)
    result = cli("draft", str(SEED))
    assert result.exit_code == 2, result.stderr
    line = _one_line(result.stderr)
    assert "pip install 'digestgen[draft]'" in line and "Traceback" not in result.stderr


def test_a_december_event_published_in_january_is_of_the_year_before() -> None:
    day = event_day(["Mardi 10 décembre, trois métropoles…"], dt.date(2025, 1, 8))
    assert day is not None and day.date == dt.date(2024, 12, 10) and day.year_inferred
    day = event_day(["On Wednesday 18 March, more than 340…"], dt.date(2026, 3, 20))
    assert day is not None and day.date == dt.date(2026, 3, 18)
    day = event_day(["Le 20 mai 2026, le Couvent…"], dt.date(2027, 1, 1))
    assert day is not None and day.date == dt.date(2026, 5, 20) and not day.year_inferred


def test_subject_and_preheader_stay_within_the_warning_limits() -> None:
    title = "Club des Partenaires du numérique : cinq décideurs publics partagent leur vision"
    assert subject(title) == "Cinq décideurs publics partagent leur vision"
    text = preheader(SEED_SPEAKERS, title, "fr")
    assert 40 <= len(text) <= 130 and text.startswith("Avec Sylvain Fievet, ")
    assert text.endswith(" et 2 autres")
    assert 40 <= len(preheader(["Ann Lee"], "A summit on cities and their data", "en")) <= 130


def test_a_reader_comment_and_a_moderator_are_not_speakers() -> None:
    for page, absent in [
        ("en-summit-london.html", "Gary Holt"),
        ("fr-industrie-lille.html", "Bernard Lemaire"),
        ("fr-blockquotes-rennes.html", "Julie Martin"),
        ("fr-interviews-table-ronde.html", "Thomas Girard"),
    ]:
        article = read_article((ARTICLES / page).read_text("utf-8"))
        text = draft_digest(article, source=page, issue_date=dt.date(2026, 1, 1)).text
        names = [s["name"] for s in YAML(typ="safe").load(text)["event"]["speakers"]]
        assert absent not in names and names


@given(st.text(alphabet='ab «»“”"., ', max_size=60))
def test_quotation_spans_are_inside_the_text(text: str) -> None:
    for span in spans(text):
        assert -1 <= span.start < span.end <= len(text)
        assert span.text in text


@given(st.text(alphabet="ab «»“” .,", max_size=40))
def test_a_quotation_loses_one_pair_of_marks_and_nothing_else(text: str) -> None:
    inner = " ".join(text.split()).strip(" ,")
    if inner:
        assert tidy_quote(f"« {text} »") == inner


def test_blockquotes_count_inside_the_article_and_not_in_its_comments() -> None:
    filler = " ".join(["Une phrase de contexte sur la journée et ses enjeux pour les villes."] * 4)
    page = f"""<html lang="fr"><body class="single has-sidebar header-fixed">
      <div class="site-content menu-open"><article><h1>Un titre d’article</h1>
      <p>{filler}</p>
      <blockquote><p>« Nous avons tout repris à zéro, et cela a payé dès la première année. »</p>
      <cite>Anne Martin, directrice générale, Ville de Metz</cite></blockquote>
      <p>{filler}</p><p>{filler}</p></article>
      <section class="comments"><blockquote><p>« Un lecteur qui cite un long passage de l’article
      ici. »</p><cite>Paul Lecteur</cite></blockquote></section></div></body></html>"""
    article = read_article(page)
    quotes = [b for b in article.blocks if b.kind == "quote"]
    assert [b.cite for b in quotes] == ["Anne Martin, directrice générale, Ville de Metz"]


def test_an_english_article_is_drafted_and_said_in_english(
    empty: Path, cli: Callable[..., Any]
) -> None:
    # The outlet is French; the article, and so the digest and what draft says, English.
    result = cli("draft", str(ENGLISH), "--issue-date", "2026-03-20")
    assert result.exit_code == 0, result.stderr
    stem = "security-leaders-at-the-london-summit-resilience-over"
    assert result.stdout.splitlines() == [f"content/digests/{stem}.yaml"]
    assert result.stderr.splitlines() == [
        "found: 3 speakers: Priya Raman, Marcus Webb, Daniel O’Connor",
        "found: event date: 2026-03-18",
        "found: 4 follow-up links",
    ]
    lines = (empty / "content" / "digests" / f"{stem}.yaml").read_text("utf-8").splitlines()
    assert lines[:3] == [
        "# Drafted by `digestgen draft` from https://www.securityweekly.example.com/security-"
        "leaders-at-the-london-summit-resilience-over-prevention.",
        '# Check every field whose comment says so; fill in every "TO FILL IN", then run '
        "`digestgen check`.",
        "language: en  # from the page's lang attribute",
    ]
    assert (
        "  date: 2026-03-18  # from the text (“Wednesday 18 March”), year from the publication "
        "date: check"
    ) in lines
    assert '    name: "Barbican Centre"  # from the text: check' in lines
    assert "  date: 2026-03-20  # the send date: set it" in lines


def test_english_fields_left_for_the_editor_are_said_in_english(
    empty: Path, cli: Callable[..., Any]
) -> None:
    result = cli("draft", str(ARTICLES / "en-sidebar-related.html"), "--issue-date", "2026-03-20")
    assert result.exit_code == 1
    path = "content/digests/banks-and-insurers-compare-notes-on-cloud-exit-plans.yaml"
    assert result.stderr.splitlines()[3:] == [
        f"{path}:12: event.venue.name: left for the editor: the article does not say it; "
        "fill it in",
        f"{path}:23: event.speakers[0].role: left for the editor: the article does not say it; "
        "fill it in",
        "digestgen: 2 fields left for the editor; review, then `digestgen check`.",
    ]
    again = cli("draft", str(ARTICLES / "en-sidebar-related.html"), "--dry-run")
    assert "Dry run: nothing was written." in again.stderr.splitlines()
    again = cli("draft", str(ARTICLES / "en-sidebar-related.html"))
    assert _one_line(again.stderr) == (
        f"digestgen: {empty / path} already exists; not overwritten (--name to choose another)"
    )


def test_a_page_refused_before_its_language_is_known_speaks_the_outlets(
    empty: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    page = tmp_path / "notes.txt"
    page.write_text("not a page", "utf-8")
    result = cli("draft", str(page))
    assert _one_line(result.stderr) == (
        f"digestgen: {page}: donnez une adresse http(s) ou une page .html enregistrée"
    )
    result = cli("draft", str(page), "--language", "en")
    assert _one_line(result.stderr) == (
        f"digestgen: {page}: give an http(s) URL or a saved .html page"
    )


def test_a_draft_in_a_workspace_with_schemas_points_at_them(
    empty: Path, cli: Callable[..., Any]
) -> None:
    from digestgen.content.schema import MODELINE

    assert cli("schema", "--write").exit_code == 0
    cli("draft", str(SEED), "--issue-date", "2018-12-07")
    path = empty / "content" / "digests" / f"{SEED_STEM}.yaml"
    first, second = path.read_text("utf-8").splitlines()[:2]
    assert first == f"{MODELINE}../schema/digest.json"
    assert second.startswith("# ")  # then the draft's own header
    # The lines the draft reports still point at the fields left for the editor.
    check = cli("check", "--no-spam", "--format", "json")
    lines = path.read_text("utf-8").splitlines()
    left = [f for f in json.loads(check.stdout)["findings"] if f["code"] == "left-for-editor"]
    assert left
    for finding in left:
        number = int(finding["where"].split(":")[1])
        assert "COMPLÉTER" in lines[number - 1] or "example.invalid" in lines[number - 1]
