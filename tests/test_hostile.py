"""Hostile and clumsy input, each written as the attack: a clear one-line error or the right
output, the exit status the README gives, nothing lost in out/, no traceback. Servers are real,
on 127.0.0.1; the concurrent build is a second process; the kill is a real SIGKILL."""

from __future__ import annotations

import contextlib
import email
import email.policy
import http.client
import http.server
import random
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digestgen.content.workspace import Workspace
from digestgen.net.fetch import FetchError, fetch, refusal
from digestgen.outputs.newsletter import EmailCut, inline_css
from digestgen.serve.preview import Preview
from helpers import REPO, dump_yaml, sample_data

SLUG = "club-des-partenaires-du-numerique-la-grande-soiree-annuelle-2018-12-05"
Cli = Callable[..., Any]


def run(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``digestgen ARGS`` as its own process, as an editor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "digestgen", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def no_traceback(*outputs: str) -> None:
    for text in outputs:
        assert "Traceback" not in text, text


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(root: Path, name: str, change: Callable[[Any], None]) -> None:
    """Change one YAML file of the workspace as data."""
    from ruamel.yaml import YAML

    path = root / "content" / name
    data = YAML(typ="safe", pure=True).load(path.read_text("utf-8"))
    change(data)
    path.write_text(dump_yaml(_texts(data)), encoding="utf-8")


def _texts(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_texts(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


DIGEST = "digests/club-partenaires-2018.yaml"


# --- 1. From: splits into several addresses -----------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Alliancy <ceo@bank.example>, le media de la transformation numerique, depuis Paris",
        "The Weekly Brief, news and analysis from the Alliancy newsroom in Paris and beyond",
        "Alliancy, « le média » de la transformation numérique, depuis Paris et la région",
    ],
)
def test_the_sender_s_name_stays_one_address(ws: Path, cli: Cli, name: str) -> None:
    edit(ws, "outlet.yaml", lambda d: d["sender"].__setitem__("name", name))
    result = cli("newsletter")
    assert result.exit_code == 0, result.stderr
    raw = (ws / "out" / SLUG / "newsletter.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    [sender] = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (name, "newsletter@alliancy.fr")
    head = raw.split(b"\r\n\r\n")[0].decode()
    sender = "From: " + head.split("\r\nFrom: ")[1].split("\r\nReply-To")[0]
    assert max(len(line) for line in sender.split("\r\n")) <= 78


# --- 2. and 3. The preview: a link out of out/, another Host, another Origin -------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Preview]:
    shutil.copytree(REPO / "content", tmp_path / "content")
    preview = Preview(Workspace.at(tmp_path), None, port=0, report=lambda _: None)
    preview.rebuild(first=True)
    preview.start()
    yield preview
    preview.stop()


def ask(preview: Preview, path: str, **headers: str) -> tuple[int, bytes]:
    port = preview.server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.putrequest("GET", path, skip_host="Host" in headers)
    for key, value in headers.items():
        connection.putheader(key, value)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read(2000)
    connection.close()
    return response.status, body


def test_a_link_to_a_file_outside_out_is_not_served(served: Preview, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("never served")
    folder = served.workspace.out_dir / "x"
    folder.mkdir()
    (folder / "index.html").symlink_to(secret)
    assert ask(served, "/x/")[0] == 404
    assert ask(served, "/x/index.html")[0] == 404


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        (f"/{SLUG}/newsletter.eml", {"Host": "evil.example"}),
        (f"/{SLUG}/newsletter.eml", {"Host": "evil.example:8000"}),
        ("/__digestgen/events", {"Origin": "http://evil.example"}),
        ("/__digestgen/spam/", {"Origin": "http://evil.example"}),
        ("/__digestgen/spam/", {"Origin": "null"}),
    ],
)
def test_a_page_of_another_site_gets_nothing(
    served: Preview, path: str, headers: dict[str, str]
) -> None:
    status, body = ask(served, path, **headers)
    assert status == 403 and b"Message-ID" not in body


def test_the_preview_s_own_names_are_answered(served: Preview) -> None:
    port = served.server.server_address[1]
    assert ask(served, f"/{SLUG}/newsletter.txt", Host=f"localhost:{port}")[0] == 200
    origin = f"http://127.0.0.1:{port}"
    assert ask(served, f"/{SLUG}/newsletter.txt", Origin=origin)[0] == 200


# --- 4. and 6. Hostile servers: trickling headers, escape codes -------------------------


class Hostile(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/trickle"):
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            with contextlib.suppress(OSError):
                for _ in range(60):  # one header line every 0.4 s, for 24 s
                    self.wfile.write(b"X-Slow: 1\r\n")
                    self.wfile.flush()
                    time.sleep(0.4)
            return
        if self.path == "/escape":
            self.send_response(404, "\x1b]0;PWNED\x07\x1b[2J")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/escape-redirect":
            self.send_response(302)
            self.send_header("Location", "/a\x1b[2J")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_server_trickling_its_headers_is_cut_at_the_timeout(hostile: str) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match="no answer within"):
        fetch(f"{hostile}/trickle", timeout=1, allow_private=True)
    assert time.monotonic() - start < 4  # the deadline, not the server, ends it
    timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
    assert not timers  # no watchdog left behind


def test_commands_end_within_their_timeout_against_a_trickling_server(
    hostile: str, ws: Path
) -> None:
    def point(d: Any) -> None:
        for i, article in enumerate(d["further_reading"]["articles"]):
            article.pop("summary", None)
            article["url"] = f"{hostile}/trickle/{i}"
        d["event"]["url"] = f"{hostile}/trickle/event"

    edit(ws, DIGEST, point)
    start = time.monotonic()
    result = run(ws, "enrich", "--allow-private", "--timeout", "1", "--dry-run", timeout=60)
    assert time.monotonic() - start < 20, result.stderr  # 6 pages, 4 at a time, 3 s each
    assert result.returncode == 1 and "pas de réponse en" in result.stderr  # a French digest
    no_traceback(result.stderr)
    start = time.monotonic()
    result = run(ws, "draft", f"{hostile}/trickle/page", "--allow-private", "--timeout", "1")
    assert time.monotonic() - start < 15 and result.returncode == 2
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1


def test_what_a_server_says_reaches_the_terminal_without_its_escape_codes(
    hostile: str, ws: Path, cli: Cli
) -> None:
    result = cli("draft", f"{hostile}/escape", "--allow-private")
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "404" in result.stderr
    edit(ws, DIGEST, lambda d: d["event"].__setitem__("url", f"{hostile}/escape-redirect"))
    found = run(ws, "check", "--links", "--allow-private", "--no-spam", "--timeout", "2")
    assert "\x1b" not in found.stdout + found.stderr
    assert "vers une adresse illisible" in found.stdout  # a French digest


# --- 5. A decompression bomb as a speaker's photo ------------------------------------------


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few dozen bytes whose header declares ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [20_000, 12_000])
def test_a_decompression_bomb_photo_is_one_warning_and_the_cards_are_drawn(
    ws: Path, size: int
) -> None:
    from slugify import slugify

    stem = slugify(sample_data()["event"]["speakers"][0]["name"])
    photos = ws / "content" / "photos"
    photos.mkdir(exist_ok=True)
    (photos / f"{stem}.png").write_bytes(png_declaring(size, size))
    result = run(ws, "build")
    assert result.returncode == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if "pixels" in line]
    assert f"{stem}.png" in warning and "40 million" in warning
    assert (ws / "out" / SLUG / "cards" / f"{stem}-linkedin.png").is_file()
    no_traceback(result.stderr)


# --- 7., 11., 15. The YAML files themselves -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("- " * 50_000 + "x\n", "imbriqué sur 50\u202f001 niveaux"),  # the outlet speaks French
        ("x: " + "[" * 50_000 + "]" * 50_000 + "\n", "niveaux\u202f; digestgen en lit 64 au plus"),
        (
            "issue:\n  date: 2030-01-01\nevent:\n  attendance: " + "9" * 5_000 + "\n",
            "un nombre de 5\u202f000 chiffres",
        ),
    ],
)
def test_a_file_deeper_or_larger_than_anyone_writes_is_a_line_not_a_crash(
    ws: Path, text: str, says: str
) -> None:
    (ws / "content" / "digests" / "z.yaml").write_text(text)
    for command in (["build"], ["build", "--all"], ["check", "--no-spam"]):
        result = run(ws, *command)
        assert result.returncode == 2, (command, result.returncode, result.stderr)
        assert says in result.stderr and "content/digests/z.yaml:" in result.stderr
        no_traceback(result.stderr)


def test_an_outlet_number_over_4300_digits_is_a_field_line(ws: Path) -> None:
    path = ws / "content" / "outlet.yaml"
    path.write_text(path.read_text() + "extra: " + "1" * 4_400 + "\n")
    result = run(ws, "build")
    assert result.returncode == 2 and "content/outlet.yaml:" in result.stderr
    assert "un nombre de 4\u202f400 chiffres" in result.stderr
    no_traceback(result.stderr)


def test_an_editor_s_lock_file_an_appledouble_and_a_folder_are_no_digests(ws: Path) -> None:
    digests = ws / "content" / "digests"
    (digests / ".#club-partenaires-2018.yaml").symlink_to("editor@host.12345:1700000000")
    (digests / "._club-partenaires-2018.yaml").write_bytes(b"\x00\x05\x16\x07 Mac OS X")
    (digests / "old.yaml").mkdir()
    for command in (["build"], ["build", "--all"]):
        result = run(ws, *command)
        assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (ws / "out").iterdir()) == [SLUG]


# --- 8., 9., 10., 12., 16., 17. Fields -----------------------------------------------------


@pytest.mark.parametrize(
    ("where", "value", "says"),
    [
        (
            ("issue", "subject"),
            "Club des Partenaires\nSuite sur deux lignes",
            "doit tenir sur une ligne",
        ),
        (("issue", "subject"), "Club des Partenaires\u2028séparé", "doit tenir sur une ligne"),
        (("event", "summary"), "x" * 10_500_000, "20\u202f000 au plus"),
        (("event", "speakers", 0, "name"), "Sylvain " * 340, "500 au plus"),
        (
            ("event", "image"),
            {"src": "https://a.example/i.jpg", "alt": "\x1b[2J"},
            "caractère de contrôle",
        ),
        (("event", "url"), "https://evil.example\\@www.alliancy.fr/", "barre oblique inversée"),
        (("event", "url"), "https://user@evil.example/", "nom d’utilisateur"),
    ],
)
def test_a_digest_field_that_cannot_be_shown_is_a_field_line(
    ws: Path, cli: Cli, where: tuple[Any, ...], value: Any, says: str
) -> None:
    def put(d: Any) -> None:
        node = d
        for step in where[:-1]:
            node = node[step]
        node[where[-1]] = value

    edit(ws, DIGEST, put)
    result = cli("build")
    assert result.exit_code == 2 and says in result.stderr, result.stderr
    field = ".".join(str(s) for s in where).replace(".0.", "[0].")
    assert f"content/{DIGEST}:" in result.stderr and field in result.stderr
    assert not (ws / "out").exists()


@pytest.mark.parametrize(
    ("where", "value", "says"),
    [
        (("sender", "name"), "Alliancy\r\nBcc: everyone@example.org", "caractère de contrôle"),
        (("sender", "name"), "Alliancy\nBcc: everyone@example.org", "doit tenir sur une ligne"),
        (("handles", "bluesky"), "@alliancy\x1b[31m", "ne peut contenir que des lettres"),
        (
            ("handles", "mastodon"),
            "@alliancy@\x0bmastodon.social",
            "ne peut contenir que des lettres",
        ),
        (("brand", "font_family"), "Georgia', serif", "liste de polices CSS"),
        (("brand", "font_family"), "Arial; } body { display:none", "liste de polices CSS"),
    ],
)
def test_an_outlet_field_that_cannot_be_shown_is_a_field_line(
    ws: Path, cli: Cli, where: tuple[str, ...], value: str, says: str
) -> None:
    edit(ws, "outlet.yaml", lambda d: d.setdefault(where[0], {}).__setitem__(where[1], value))
    result = cli("build")
    assert result.exit_code == 2 and says.lower() in result.stderr.lower(), result.stderr
    assert "content/outlet.yaml:" in result.stderr


def test_a_quoted_font_keeps_every_inline_style(ws: Path, cli: Cli) -> None:
    before = cli("newsletter")
    styles = (ws / "out" / SLUG / "newsletter.html").read_text().count("style=")
    edit(ws, "outlet.yaml", lambda d: d["brand"].__setitem__("font_family", '"Gill Sans", serif'))
    assert before.exit_code == 0 and cli("newsletter").exit_code == 0
    html = (ws / "out" / SLUG / "newsletter.html").read_text()
    assert html.count("style=") == styles and "Gill Sans" in html


def test_a_long_word_builds_in_linear_time_and_is_kept_whole(ws: Path, cli: Cli) -> None:
    word = "transformation" * 1_400  # 19,600 characters in one word
    edit(ws, DIGEST, lambda d: d["event"]["highlights"].__setitem__(0, word))
    result = cli("newsletter")  # was 19.7 s for a 20,000-character word; make bench times 1 MB
    assert result.exit_code == 0, result.stderr
    assert word in (ws / "out" / SLUG / "newsletter.txt").read_text()


def test_the_email_is_never_written_shorter_than_its_content() -> None:
    page = (
        "<html><body><p>"
        + "a" * 11_000_000
        + "</p><a href='https://x.example/u'>u</a></body></html>"
    )
    with pytest.raises(EmailCut, match="shorter than its content"):
        inline_css(page)


def test_a_preview_whose_rebuild_breaks_keeps_serving_and_rebuilding(
    served: Preview, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digestgen.serve.preview

    good = served.state.build
    with monkeypatch.context() as patch:
        patch.setattr(
            digestgen.serve.preview, "build", lambda *a: (_ for _ in ()).throw(ValueError("x"))
        )
        assert served.rebuild() is False
    assert "la construction a échoué" in served.state.problems and served.state.build == good
    assert served.rebuild() is True and not served.state.problems


def test_a_speaker_name_of_400_characters_and_a_quote_opening_with_a_link(
    ws: Path, cli: Cli
) -> None:
    def change(d: Any) -> None:
        d["event"]["speakers"][0]["name"] = "Sylvain " * 49 + "Fievet"
        d["event"]["speakers"][1]["quote"] = (
            "https://www.alliancy.fr/" + "tres-long-lien-" * 8 + " est à lire avant la soirée."
        )

    edit(ws, DIGEST, change)
    result = cli("build")
    assert result.exit_code == 0, result.stderr
    cards = sorted(p.name for p in (ws / "out" / SLUG / "cards").iterdir())
    assert all(len(name) < 80 for name in cards)
    checked = cli("check", "--no-spam")
    assert "card-word-long" in checked.stdout


def test_a_subject_of_emoji_and_cjk_keeps_every_space(ws: Path, cli: Cli) -> None:
    subject = "日本語 のテスト 😀 avec  deux espaces et 漢字 " * 3
    edit(ws, DIGEST, lambda d: d["issue"].__setitem__("subject", subject.strip()))
    assert cli("newsletter").exit_code == 0
    raw = (ws / "out" / SLUG / "newsletter.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == subject.strip()
    assert all(len(line) <= 78 for line in raw.split(b"\r\n\r\n")[0].split(b"\r\n")[:4])
    assert all(len(line) <= 76 for line in raw.split(b"\r\n\r\n", 1)[1].split(b"\r\n"))


@pytest.mark.parametrize(
    "address",
    ["2002:a9fe:a9fe::1", "::ffff:169.254.169.254", "2001:0:4136:e378:8000:63bf:80ff:fefe"],
)
def test_an_ipv4_address_inside_an_ipv6_one_is_judged_as_itself(address: str) -> None:
    assert refusal(address) is not None


def test_draft_of_a_link_to_an_endless_device_is_one_line(ws: Path, cli: Cli) -> None:
    (ws / "page.html").symlink_to("/dev/zero")
    result = cli("draft", "page.html")
    assert result.exit_code == 2 and "pas un fichier" in result.stderr  # the outlet's French


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "99999"])
def test_an_absurd_smtp_timeout_is_a_usage_line(
    ws: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("DIGESTGEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DIGESTGEN_SMTP_TIMEOUT", value)
    result = cli("send-test", "--to", "me@example.org")
    assert result.exit_code == 2
    assert "TIMEOUT doit être un nombre de secondes de 0 à 3600" in result.stderr


# --- 13. out/: two builds at once, a kill at any moment, a folder that cannot be written ---


def test_two_builds_at_once_both_succeed_and_leave_one_folder(ws: Path) -> None:
    for _ in range(3):
        command = [sys.executable, "-m", "digestgen", "build"]
        first = subprocess.Popen(command, cwd=ws, stderr=subprocess.PIPE, text=True)
        second = run(ws, "build")
        _, err = first.communicate(timeout=120)
        assert first.returncode == 0 and second.returncode == 0, err + second.stderr
        no_traceback(err, second.stderr)
        assert sorted(p.name for p in (ws / "out").iterdir()) == [SLUG]


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_folder(ws: Path) -> None:
    assert run(ws, "build").returncode == 0
    expected = sorted(p.relative_to(ws / "out" / SLUG) for p in (ws / "out" / SLUG).rglob("*"))
    rng = random.Random(19)
    for _ in range(8):
        command = [sys.executable, "-m", "digestgen", "build"]
        process = subprocess.Popen(command, cwd=ws, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        folder = ws / "out" / SLUG
        found = sorted(p.relative_to(folder) for p in folder.rglob("*")) if folder.is_dir() else []
        assert found == expected or (
            not [p for p in (ws / "out").iterdir() if p.name == SLUG]
            and (any(p.name.startswith(f".{SLUG}.old-") for p in (ws / "out").iterdir()))
        )
    assert run(ws, "build").returncode == 0  # the next build tidies what a kill left
    assert sorted(p.name for p in (ws / "out").iterdir()) == [SLUG]


def test_an_out_folder_that_cannot_be_written_is_one_line(ws: Path, cli: Cli) -> None:
    (ws / "out").write_text("a file where the folder goes")
    result = cli("build")
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("digestgen: cannot write") and "as it was" in line


# --- 14. enrich writes only what the digest's validation takes ------------------------------


class Pages(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        image = {"/space": "https://example.org/a b.png", "/intranet": "https://intranet/x.png"}
        body = (
            f'<html><head><meta property="og:title" content="Un titre">'
            f'<meta property="og:description" content="{"Très long. " * 9000}">'
            f'<meta property="og:image" content="{image.get(self.path, "")}"></head></html>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_enrich_writes_no_value_the_digest_would_refuse(ws: Path, cli: Cli) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:

        def point(d: Any) -> None:
            d["event"]["url"] = f"{base}/event"
            d["further_reading"]["articles"] = [
                {"url": f"{base}/space"},
                {"url": f"{base}/intranet"},
            ]

        edit(ws, DIGEST, point)
        result = cli("enrich", "--allow-private")
        assert "doit comporter un nom de domaine" in result.stderr  # the digest is French
    finally:
        server.shutdown()
        server.server_close()
    built = cli("build")
    assert built.exit_code == 0, built.stderr
    data = (ws / "content" / DIGEST).read_text()
    assert "a b.png" not in data and "intranet/x.png" not in data
    assert "…" in data  # the 99,000-character description, cut at a word


# --- Any text in any field -----------------------------------------------------------------


TEXT_FIELDS = [
    ("issue", "subject"),
    ("issue", "preheader"),
    ("event", "title"),
    ("event", "summary"),
    ("event", "venue", "name"),
    ("event", "speakers", 0, "name"),
    ("event", "speakers", 0, "role"),
    ("event", "speakers", 0, "organization"),
    ("event", "speakers", 0, "quote"),
    ("event", "highlights", 0),
    ("further_reading", "articles", 0, "title"),
]
# Every kind of character an editor pastes or an attacker types: controls, line and paragraph
# separators, combining marks, emoji, right-to-left marks, and very long words.
ANY_TEXT = st.one_of(
    st.text(min_size=1, max_size=60),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60),
    st.builds(lambda c, n: c * n, st.sampled_from("aé😀-.:@{[«"), st.integers(1, 3_000)),
    st.sampled_from(["\x1b[2J", "a\u2028b", "a\nb", "\u202eevil", "{{ x }}", "</script>"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(TEXT_FIELDS), text=ANY_TEXT)
def test_any_text_in_any_field_is_a_clear_error_or_a_well_formed_email(
    ws: Path, cli: Cli, field: tuple[Any, ...], text: str
) -> None:
    import html5lib

    original = (ws / "content" / DIGEST).read_text("utf-8")

    def put(d: Any) -> None:
        node = d
        for step in field[:-1]:
            node = node[step]
        node[field[-1]] = text

    try:
        edit(ws, DIGEST, put)
        result = cli("newsletter")
        assert result.exit_code in (0, 2), result.stderr
        if result.exit_code == 2:
            assert f"content/{DIGEST}:" in result.stderr
            return
        folder = ws / "out" / SLUG
        raw = (folder / "newsletter.eml").read_bytes()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert len(message["From"].addresses) == 1
        assert message["Subject"] and "\n" not in message["Subject"]
        html = (folder / "newsletter.html").read_text("utf-8")
        html5lib.HTMLParser(strict=False).parse(html)
        assert "</body>" in html and 'href="*|UNSUB|*"' in html  # the footer, always
    finally:
        (ws / "content" / DIGEST).write_text(original, "utf-8")
