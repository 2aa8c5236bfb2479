"""The preview server: what it serves, what it refuses, and how it follows the editor's saves."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import escape

from digestgen.content.workspace import Workspace
from digestgen.serve.preview import Preview, listing

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
SLUG = "club-des-partenaires-du-numerique-la-grande-soiree-annuelle-2018-12-05"
ENGLISH_SLUG = "smart-cities-summit-2026-data-trust-2026-03-12"
NBSP, NNBSP = "\u00a0", "\u202f"
MAILCHIMP_TAGS = (b"*|ARCHIVE|*", b"*|UNSUB|*", b"*|HTML:LIST_ADDRESS_HTML|*")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Preview]:
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "secret.txt").write_text("never served")
    preview = Preview(Workspace.at(tmp_path), None, port=0, report=lambda _: None)
    preview.rebuild(first=True)
    preview.start()
    yield preview
    preview.stop()


def get(preview: Preview, path: str, timeout: float = 5) -> tuple[int, bytes, dict[str, str]]:
    port = preview.server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.putrequest("GET", path, skip_accept_encoding=True)  # the path goes out as written
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, dict(response.getheaders())


def test_listing_and_files(served: Preview) -> None:
    status, body, _ = get(served, "/")
    assert status == 200 and f'href="/{SLUG}/"'.encode() in body
    status, body, headers = get(served, f"/{SLUG}/")
    assert status == 200 and b'id="email-frame"' in body
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    status, _, headers = get(served, f"/{SLUG}")
    assert status == 301 and headers["Location"] == f"/{SLUG}/"
    status, body, headers = get(served, f"/{SLUG}/social.json")
    assert status == 200 and json.loads(body)["x"]["limit"] == 280
    assert headers["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        f"/{SLUG}/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/content/outlet.yaml",
        f"/{SLUG}/..%2f..%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/etc/passwd",
        "/%00",
        f"/{SLUG}/%2e%2e%2f%2e%2e%2fcontent%2foutlet.yaml",
        "/.hidden",
    ],
)
def test_nothing_outside_out_is_ever_served(served: Preview, path: str) -> None:
    status, body, _ = get(served, path)
    assert status == 404
    assert b"never served" not in body and b"postal_address" not in body and b"root:" not in body


def test_reachable_on_127_0_0_1_only(served: Preview) -> None:
    host, port = served.server.server_address[:2]
    assert host == "127.0.0.1"
    with pytest.raises(OSError), socket.create_connection(("127.0.0.2", port), timeout=2):
        pass


def read_events(preview: Preview, count: int, timeout: float = 10) -> list[tuple[str, str]]:
    port = preview.server.server_address[1]
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.sendall(b"GET /__digestgen/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    buffer, events, deadline = b"", [], time.monotonic() + timeout
    while len(events) < count and time.monotonic() < deadline:
        buffer += sock.recv(65536)
        while b"\n\n" in buffer.split(b"\r\n\r\n", 1)[-1]:
            head, rest = buffer.split(b"\r\n\r\n", 1)
            block, rest = rest.split(b"\n\n", 1)
            buffer = head + b"\r\n\r\n" + rest
            lines = block.decode().splitlines()
            kind = next((line[7:] for line in lines if line.startswith("event: ")), "")
            data = "\n".join(line[6:] for line in lines if line.startswith("data: "))
            if kind:
                events.append((kind, data))
    sock.close()
    return events


def wait_for(condition, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_bad_edit_keeps_the_last_good_build_and_a_good_one_recovers(served: Preview) -> None:
    digest = served.workspace.content_dir / "digests" / "club-partenaires-2018.yaml"
    good = digest.read_text()
    _, before, _ = get(served, f"/{SLUG}/newsletter.txt")
    first_build = served.state.build

    served.rebuilt.clear()
    digest.write_text(good.replace("  speakers:", "  speakrs:"))
    wait_for(served.rebuilt.is_set)
    assert "event.speakrs" in served.state.problems
    status, during, _ = get(served, f"/{SLUG}/newsletter.txt")
    assert status == 200 and during == before
    [(kind, _), (problems, data)] = read_events(served, 2)
    assert kind == "build" and problems == "problems" and "speakrs" in data

    served.rebuilt.clear()
    digest.write_text(good.replace("Cinq décideurs publics", "Six décideurs publics"))
    wait_for(lambda: served.state.build != first_build and not served.state.problems)
    _, after, _ = get(served, f"/{SLUG}/newsletter.txt")
    assert "Six décideurs publics" not in before.decode() and b"newsletter" in after
    _, page, _ = get(served, f"/{SLUG}/")
    assert "Six décideurs publics".encode() in page
    assert read_events(served, 2) == [("build", served.state.build), ("fixed", "")]


@pytest.mark.parametrize(
    ("content", "slug", "serving", "stopped"),
    [
        (
            REPO / "content",
            SLUG,
            f"Aperçu sur {{url}}  (content/ et templates/ surveillés{NNBSP}; Ctrl-C pour arrêter)",
            "Arrêté.",
        ),
        (
            CASES / "english" / "content",
            ENGLISH_SLUG,
            "Serving {url}  (watching content/ and templates/; Ctrl-C to stop)",
            "Stopped.",
        ),
    ],
    ids=["fr", "en"],
)
def test_the_command_serves_and_stops_on_ctrl_c(
    tmp_path: Path, content: Path, slug: str, serving: str, stopped: str
) -> None:
    shutil.copytree(content, tmp_path / "content")
    command = Path(sys.executable).with_name("digestgen")
    if not command.exists():
        pytest.skip("digestgen is not installed in this environment (run through make test)")
    process = subprocess.Popen(
        [str(command), "preview", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        url = next((word for word in line.split() if word.startswith("http://127.0.0.1:")), "")
        assert line == serving.format(url=url) + "\n", line
        assert url.endswith(f"/{slug}/")
        port = int(url.split(":")[2].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", f"/{slug}/index.html")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert out.splitlines()[-1] == stopped and "Traceback" not in err


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads Linux's /proc")
def test_ctrl_c_is_left_to_the_main_thread(served: Preview) -> None:
    """Python handles signals in the main thread only: a Ctrl-C the kernel gave the server's or
    the watcher's thread would leave `digestgen preview` running."""
    import threading

    def blocks_sigint(thread: threading.Thread) -> bool:
        status = Path(f"/proc/self/task/{thread.native_id}/status").read_text()
        blocked = int(
            next(line for line in status.splitlines() if line.startswith("SigBlk:")).split()[1], 16
        )
        return bool(blocked & (1 << (signal.SIGINT - 1)))

    assert served._threads and all(blocks_sigint(t) for t in served._threads)
    assert not blocks_sigint(threading.main_thread())


def test_preview_of_bad_content_exits_2(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    digest = tmp_path / "content/digests/club-partenaires-2018.yaml"
    digest.write_text(digest.read_text().replace("  speakers:", "  speakrs:"))
    command = Path(sys.executable).with_name("digestgen")
    if not command.exists():
        pytest.skip("digestgen is not installed in this environment (run through make test)")
    done = subprocess.run(
        [str(command), "preview", "--port", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ},
    )
    assert done.returncode == 2 and "speakrs" in done.stderr and "Traceback" not in done.stderr


def test_the_page_gets_the_spam_score_from_the_server(served: Preview) -> None:
    if not shutil.which("spamassassin"):
        pytest.fail("SpamAssassin is missing: apt-get install spamassassin (.ci/run does it)")
    assert served.built is not None
    status, body, headers = get(served, f"/__digestgen/spam/{served.built.slug}", timeout=60)
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    report = json.loads(body)
    assert report["required"] == 5.0 and report["score"] <= 1.0
    assert get(served, f"/__digestgen/spam/{served.built.slug}")[1] == body  # once per build


# --- merge tags: sample values on the served page, the tags kept in out/ ---------------------


def test_the_served_page_shows_sample_values_and_out_keeps_the_tags(served: Preview) -> None:
    origin = served.url.split(f"/{SLUG}/")[0]
    status, page, _ = get(served, f"/{SLUG}/")
    assert status == 200
    for tag in MAILCHIMP_TAGS:
        assert tag not in page
    text = page.decode("utf-8")
    email_online = f"{origin}/__digestgen/sample/{SLUG}/newsletter.html"
    assert email_online in text and f"{origin}/__digestgen/unsubscribe" in text
    assert "Alliancy, 10 rue de Penthièvre, 75008 Paris, France" in text
    notice = (
        f"Valeurs d’exemple à la place des balises de fusion de Mailchimp (prénom{NBSP}: Camille)"
        f"{NNBSP}; les fichiers de out/ gardent les balises pour Mailchimp."
    )
    assert re.search(f'<p id="merge-tag-samples" role="note"[^>]*>{re.escape(notice)}</p>', text)
    assert get(served, f"/{SLUG}/index.html")[1] == page
    # The files in out/ keep the tags, and the server serves them as they are.
    folder = served.workspace.out_dir / SLUG
    for name in ("index.html", "newsletter.html"):
        on_disk = (folder / name).read_bytes()
        assert all(tag in on_disk for tag in MAILCHIMP_TAGS), name
    assert get(served, f"/{SLUG}/newsletter.html")[1] == (folder / "newsletter.html").read_bytes()
    assert b"*|UNSUB|*" in get(served, f"/{SLUG}/newsletter.txt")[1]
    # The email's "view in browser" link opens the email with its samples.
    status, online, _ = get(served, f"/__digestgen/sample/{SLUG}/newsletter.html")
    assert status == 200
    assert not any(tag in online for tag in MAILCHIMP_TAGS)
    assert email_online.encode() in online
    status, unsubscribe, _ = get(served, "/__digestgen/unsubscribe")
    assert status == 200 and '<html lang="fr">' in unsubscribe.decode()
    assert (
        "Dans l’e-mail envoyé par Mailchimp, ce lien désinscrit le lecteur. Dans l’aperçu, il ne "
        f"mène nulle part{NBSP}: personne n’a été désinscrit."
    ) in unsubscribe.decode()


def test_the_checks_findings_keep_naming_the_tags(tmp_path: Path) -> None:
    """A finding that names a tag the email lacks is not rewritten with a sample."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    template = REPO / "templates" / "email" / "newsletter.html.j2"
    override = tmp_path / "templates" / "email" / "newsletter.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text(
        template.read_text("utf-8").replace("{{ postal_address }}", "Bonjour *|FNAME|*"), "utf-8"
    )
    preview = Preview(Workspace.at(tmp_path), None, port=0, report=lambda _: None)
    try:
        preview.rebuild(first=True)
        preview.start()
        _, page, _ = get(preview, f"/{SLUG}/")
    finally:
        preview.stop()
    text = page.decode("utf-8")
    findings = text.split('id="findings-title"')[1].split("</section>")[0]
    assert "*|HTML:LIST_ADDRESS_HTML|*" in findings  # esp-tag-missing, as check says it
    assert "Bonjour Camille" in text.split('id="preview-data"')[1]


@pytest.fixture
def english_served(tmp_path: Path) -> Iterator[tuple[Preview, list[str]]]:
    shutil.copytree(CASES / "english" / "content", tmp_path / "content")
    said: list[str] = []
    preview = Preview(Workspace.at(tmp_path), None, port=0, report=said.append)
    preview.rebuild(first=True)
    preview.start()
    yield preview, said
    preview.stop()


def test_an_english_preview_says_it_in_english(english_served: tuple[Preview, list[str]]) -> None:
    served, said = english_served
    status, page, _ = get(served, f"/{ENGLISH_SLUG}/")
    text = page.decode("utf-8")
    assert status == 200 and "{{subscriber_id}}" not in text.split('id="preview-data"')[1]
    notice = (
        "Sample values in place of your email service's merge tags (first name: Camille); the "
        "files in out/ keep the tags for your email service."
    )
    assert str(escape(notice)) in text
    assert (
        b"{{subscriber_id}}"
        in (served.workspace.out_dir / ENGLISH_SLUG / "index.html").read_bytes()
    )
    _, index, _ = get(served, "/")
    assert index.startswith(b'<!DOCTYPE html><html lang="en">') and b"<h1>Digests</h1>" in index
    _, unsubscribe, _ = get(served, "/__digestgen/unsubscribe")
    assert (
        b"In the email your email service sends, this link unsubscribes the reader. In the "
        b"preview it goes nowhere: nobody was unsubscribed."
    ) in unsubscribe
    digest = served.workspace.content_dir / "digests" / "cities-summit-2026.yaml"
    served.rebuilt.clear()
    digest.write_text(digest.read_text("utf-8").replace("five CIOs", "six CIOs"), "utf-8")
    wait_for(lambda: said)
    assert said == [f"rebuilt {served.url}"]


def test_the_index_and_the_rebuilt_line_speak_french(served: Preview) -> None:
    said: list[str] = []
    served.report = said.append
    _, index, _ = get(served, "/")
    assert index.startswith(b'<!DOCTYPE html><html lang="fr">')
    assert "<title>Digests · digestgen</title>" in index.decode()
    digest = served.workspace.content_dir / "digests" / "club-partenaires-2018.yaml"
    digest.write_text(digest.read_text("utf-8").replace("Cinq décideurs", "Six décideurs"))
    wait_for(lambda: said)
    assert said == [f"reconstruit{NBSP}: {served.url}"]


def test_an_empty_index_says_nothing_is_built(tmp_path: Path) -> None:
    assert "<p>Rien n’est encore construit.</p>" in listing(tmp_path, "fr").decode()
    assert b"<p>Nothing is built yet.</p>" in listing(tmp_path, "en")


# --- a port in use ----------------------------------------------------------------------------


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "digestgen", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (
            REPO / "content",
            "digestgen: le port {port} de 127.0.0.1 est déjà pris, peut-être par un autre "
            "aperçu{NNBSP}; choisissez un autre --port, ou --port 0 pour n’importe quel port libre",
        ),
        (
            CASES / "english" / "content",
            "digestgen: port {port} of 127.0.0.1 is already in use, perhaps by another preview; "
            "give another --port, or --port 0 for any free port",
        ),
    ],
    ids=["fr", "en"],
)
def test_a_port_in_use_says_so_and_suggests_port_0(
    tmp_path: Path, content: Path, line: str
) -> None:
    shutil.copytree(content, tmp_path / "content")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = _run(tmp_path, "preview", "--port", str(port))
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [line.format(port=port, NNBSP=NNBSP)]
    assert done.stdout == ""
