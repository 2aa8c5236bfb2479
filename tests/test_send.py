"""`digestgen send-test`, received (or refused) by a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from conftest import CASES, REPO

NBSP, NNBSP = "\u00a0", "\u202f"
SUBJECT = "[TEST] Cinq décideurs publics au Club des Partenaires du numérique"
ENGLISH_SUBJECT = "[TEST] Cities & data: what five CIOs said at the summit"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 OK"


class RefusesTheMessage(Inbox):
    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        return "554 5.7.1 Message rejected"


class RefusesTheRecipient(Inbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        return "550 5.1.1 No such mailbox here"


class RefusesTheSender(Inbox):
    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # type: ignore[no-untyped-def]
        return "553 5.7.1 Sender not allowed"


def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == b"editor"
        and auth_data.password == b"s3cret-pw"
    )
    # handled=False: aiosmtpd answers a refused login with its 535 (else it says nothing).
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def quiet(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    return AuthResult(success=False, handled=True)  # says nothing, as some servers do


def start_server(handler: Inbox, check_login=authenticator) -> tuple[Controller, int]:  # type: ignore[no-untyped-def]
    port = free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, authenticator=check_login, auth_require_tls=False
    )
    controller.start()
    return controller, port


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller, port = start_server(inbox)
    yield inbox, port
    controller.stop()


def configure(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    monkeypatch.setenv("DIGESTGEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DIGESTGEN_SMTP_PORT", str(port))
    monkeypatch.setenv("DIGESTGEN_SMTP_USER", "editor")
    monkeypatch.setenv("DIGESTGEN_SMTP_PASSWORD", "s3cret-pw")
    monkeypatch.setenv("DIGESTGEN_SMTP_STARTTLS", "0")
    monkeypatch.setenv("DIGESTGEN_SMTP_TIMEOUT", "3")


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, smtp: tuple[Inbox, int]) -> None:
    configure(monkeypatch, smtp[1])


@pytest.fixture
def refusing(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[type[Inbox]], int]]:
    """Start a server with a handler that refuses, configured as the environment's."""
    started: list[Controller] = []

    def start(kind: type[Inbox]) -> int:
        controller, port = start_server(kind())
        started.append(controller)
        configure(monkeypatch, port)
        return port

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def both(tmp_path: Path) -> dict[str, Path]:
    """The French sample and the English case, each a workspace of its own."""
    folders = {"fr": tmp_path / "fr", "en": tmp_path / "en"}
    shutil.copytree(REPO / "content", folders["fr"] / "content")
    shutil.copytree(CASES / "english" / "content", folders["en"] / "content")
    return folders


def received(inbox: Inbox) -> tuple[email.message.EmailMessage, str, str]:
    [(_, _, raw)] = inbox.messages
    message = email.message_from_bytes(raw, policy=email.policy.default)
    plain, rich = message.get_payload()  # type: ignore[misc]
    return message, plain.get_content(), rich.get_content()  # type: ignore[return-value]


def size_of(line: str, unit: str) -> str:
    found = re.search(rf"\(([\d.,]+{unit})\)", line)
    assert found, line
    return found.group(1)


def test_send_test_is_received_as_a_valid_multipart_message(sample: Path, cli, smtp, env) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    result = cli("send-test", "--to", "redaction@example.org")
    assert result.exit_code == 0, result.stderr
    [(sender, recipients, _)] = inbox.messages
    assert sender == "newsletter@alliancy.fr" and recipients == ["redaction@example.org"]
    message, plain, _ = received(inbox)
    assert message["Subject"] == SUBJECT
    assert message["To"] == "redaction@example.org"
    assert message.get_content_type() == "multipart/alternative"
    assert "ILS ONT PRIS LA PAROLE" in plain
    size = size_of(result.stdout, f"{NBSP}Ko")
    assert result.stdout.splitlines() == [
        f"Envoyé{NBSP}: «{NNBSP}{SUBJECT}{NNBSP}» ({size}) de newsletter@alliancy.fr à "
        f"redaction@example.org par 127.0.0.1:{port} (sans TLS, avec identifiant)."
    ]
    assert "s3cret-pw" not in result.stdout + result.stderr and "editor" not in result.stdout
    assert not (sample / "out").exists()


def test_the_message_sent_has_sample_values_for_the_merge_tags_and_says_so(
    sample: Path, cli, smtp, env
) -> None:  # type: ignore[no-untyped-def]
    digest = sample / "content" / "digests" / "club-partenaires-2018.yaml"
    digest.write_text(
        digest.read_text("utf-8").replace('subject: "Cinq', 'subject: "*|FNAME|*, cinq'), "utf-8"
    )
    inbox, _ = smtp
    result = cli("send-test", "--to", "redaction@example.org")
    assert result.exit_code == 0, result.stderr
    message, plain, rich = received(inbox)
    assert message["Subject"].startswith("[TEST] Camille, cinq décideurs publics")
    assert 'href="https://example.invalid/unsubscribe"' in rich
    assert 'href="https://example.invalid/view-online"' in rich
    assert "Alliancy, 10 rue de Penthièvre, 75008 Paris, France" in rich
    assert "https://example.invalid/unsubscribe" in plain
    for text in (rich, plain, message["Subject"]):
        assert "*|" not in text
    # A mail client's own Unsubscribe button goes nowhere either.
    assert message["List-Unsubscribe"] == "<https://example.invalid/unsubscribe>"
    assert result.stderr.splitlines() == [
        f"Valeurs d’exemple à la place des balises de fusion de Mailchimp (prénom{NBSP}: Camille, "
        f"liens vers example.invalid){NNBSP}; l’envoi réel les remplit pour chaque abonné."
    ]


def test_an_english_digest_is_sent_and_said_in_english(english: Path, cli, smtp, env) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    result = cli("send-test", "--to", "editors@example.org")
    assert result.exit_code == 0, result.stderr
    message, plain, rich = received(inbox)
    # The outlet's unsubscribe URL carries a subscriber tag: nobody's link, replaced whole.
    assert "{{subscriber_id}}" not in rich + plain
    assert 'href="https://example.invalid/unsubscribe"' in rich
    assert message["List-Unsubscribe"].startswith("<mailto:unsubscribe@transformweekly")
    assert "https://example.invalid/unsubscribe" in message["List-Unsubscribe"]
    size = size_of(result.stdout, " KB")
    assert result.stdout.splitlines() == [
        f"Sent “{ENGLISH_SUBJECT}” ({size}) from news@transformweekly.example.com to "
        f"editors@example.org via 127.0.0.1:{port} (no TLS, with login)."
    ]
    assert result.stderr.splitlines() == [
        "Sample values in place of your email service's merge tags (first name: Camille, "
        "links to example.invalid); the real send fills them in for each subscriber."
    ]


def test_dry_run_sends_nothing_and_shows_no_credentials(sample: Path, cli, smtp, env) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    result = cli("send-test", "--to", "redaction@example.org", "--dry-run")
    assert result.exit_code == 0
    assert not inbox.messages
    size = size_of(result.stdout, f"{NBSP}Ko")
    assert result.stdout.splitlines() == [
        f"Envoi prévu{NBSP}: «{NNBSP}{SUBJECT}{NNBSP}» ({size}) de newsletter@alliancy.fr à "
        f"redaction@example.org par 127.0.0.1:{port} (sans TLS, avec identifiant)."
    ]
    assert "s3cret-pw" not in result.stdout + result.stderr and "editor" not in result.stdout


def test_dry_run_needs_no_server(both, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DIGESTGEN_SMTP_HOST", raising=False)
    monkeypatch.chdir(both["en"])
    result = cli("send-test", "--to", "editors@example.org", "--dry-run")
    assert result.exit_code == 0, result.stderr
    size = size_of(result.stdout, " KB")
    assert result.stdout.splitlines() == [
        f"Would send “{ENGLISH_SUBJECT}” ({size}) from news@transformweekly.example.com to "
        "editors@example.org; no SMTP server is set (DIGESTGEN_SMTP_HOST)."
    ]
    monkeypatch.chdir(both["fr"])
    result = cli("send-test", "--to", "redaction@example.org", "--dry-run")
    assert result.exit_code == 0, result.stderr
    size = size_of(result.stdout, f"{NBSP}Ko")
    assert result.stdout.splitlines() == [
        f"Envoi prévu{NBSP}: «{NNBSP}{SUBJECT}{NNBSP}» ({size}) de newsletter@alliancy.fr à "
        f"redaction@example.org{NNBSP}; aucun serveur SMTP n’est défini (DIGESTGEN_SMTP_HOST)."
    ]


def test_a_server_without_starttls_gets_the_hint_to_turn_it_off(
    english: Path, cli, smtp, env, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _, port = smtp
    monkeypatch.setenv("DIGESTGEN_SMTP_STARTTLS", "1")
    result = cli("send-test", "--to", "editors@example.org")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"digestgen: 127.0.0.1:{port}: the server does not offer STARTTLS; for a local test "
        "server without TLS, set DIGESTGEN_SMTP_STARTTLS=0"
    )


def test_a_server_without_starttls_in_french(
    sample: Path, cli, smtp, env, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _, port = smtp
    monkeypatch.setenv("DIGESTGEN_SMTP_STARTTLS", "1")
    result = cli("send-test", "--to", "redaction@example.org")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"digestgen: 127.0.0.1:{port}: le serveur ne propose pas STARTTLS{NNBSP}; pour un "
        "serveur de test local sans TLS, définissez DIGESTGEN_SMTP_STARTTLS=0"
    )


@pytest.mark.parametrize(
    ("handler", "english_line", "french_line"),
    [
        (
            RefusesTheMessage,
            "the server refused the message: 554 5.7.1 Message rejected",
            f"le serveur a refusé le message{NBSP}: 554 5.7.1 Message rejected",
        ),
        (
            RefusesTheRecipient,
            "the server refused the recipient {to}: 550 5.1.1 No such mailbox here",
            f"le serveur a refusé le destinataire {{to}}{NBSP}: 550 5.1.1 No such mailbox here",
        ),
        (
            RefusesTheSender,
            "the server refused the sender {sender}: 553 5.7.1 Sender not allowed",
            f"le serveur a refusé l’expéditeur {{sender}}{NBSP}: 553 5.7.1 Sender not allowed",
        ),
    ],
    ids=["message", "recipient", "sender"],
)
def test_a_refusal_gives_the_servers_code_and_text(
    both: dict[str, Path],
    cli: Callable[..., Any],
    refusing: Callable[[type[Inbox]], int],
    monkeypatch: pytest.MonkeyPatch,
    handler: type[Inbox],
    english_line: str,
    french_line: str,
) -> None:
    port = refusing(handler)
    for folder, line, to, sender in (
        (both["en"], english_line, "editors@example.org", "news@transformweekly.example.com"),
        (both["fr"], french_line, "redaction@example.org", "newsletter@alliancy.fr"),
    ):
        monkeypatch.chdir(folder)
        result = cli("send-test", "--to", to)
        assert result.exit_code == 1
        said = line.format(to=to, sender=sender)
        assert result.stderr.splitlines()[-1] == f"digestgen: 127.0.0.1:{port}: {said}"
        assert "SMTP" not in result.stderr.replace("DIGESTGEN_SMTP", "")  # no class name


def test_wrong_password_is_exit_1_with_the_reply_without_the_password(
    sample: Path, cli, smtp, env, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _, port = smtp
    monkeypatch.setenv("DIGESTGEN_SMTP_PASSWORD", "wrong-pw-123")
    result = cli("send-test", "--to", "redaction@example.org")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"digestgen: 127.0.0.1:{port}: le serveur a refusé l’identification{NBSP}: "
        "535 5.7.8 Authentication credentials invalid"
    )
    assert "wrong-pw-123" not in result.stdout + result.stderr


def test_a_login_refused_without_a_reply_is_said(
    english: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    controller, port = start_server(Inbox(), quiet)
    try:
        configure(monkeypatch, port)
        monkeypatch.setenv("DIGESTGEN_SMTP_TIMEOUT", "1")
        result = cli("send-test", "--to", "editors@example.org")
    finally:
        controller.stop()
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"digestgen: 127.0.0.1:{port}: the server refused the login without a reply"
    )
    assert "s3cret-pw" not in result.stderr


def test_nothing_listening_is_said(english: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    configure(monkeypatch, port)
    result = cli("send-test", "--to", "editors@example.org")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"digestgen: 127.0.0.1:{port}: nothing answers on this port: is the server running, "
        "and on this port?"
    )


def test_missing_configuration_or_address_is_exit_2(
    both, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DIGESTGEN_SMTP_HOST", raising=False)
    monkeypatch.chdir(both["en"])
    result = cli("send-test", "--to", "editors@example.org")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "digestgen: set DIGESTGEN_SMTP_HOST (and _PORT, _USER, _PASSWORD, _STARTTLS) to send; "
        "--dry-run says what would be sent without them"
    ]
    result = cli("send-test", "--to", "not-an-address")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "digestgen: --to needs an e-mail address, not 'not-an-address'"
    ]
    monkeypatch.chdir(both["fr"])
    result = cli("send-test", "--to", "not-an-address")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "digestgen: --to attend une adresse e-mail, pas 'not-an-address'"
    ]
