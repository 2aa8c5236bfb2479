"""The preview server: what it serves, what it refuses, and how it follows the editor's saves."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from digestgen.content.workspace import Workspace
from digestgen.serve.preview import Preview

REPO = Path(__file__).resolve().parents[1]
SLUG = "club-des-partenaires-du-numerique-la-grande-soiree-annuelle-2018-12-05"


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
    assert "event.speakrs: unknown field; did you mean 'speakers'?" in served.state.problems
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


def test_the_command_serves_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
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
        assert line.startswith("Serving http://127.0.0.1:"), line
        url = line.split()[1]
        port = int(url.split(":")[2].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", f"/{SLUG}/index.html")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Stopped." in out and "Traceback" not in err


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
