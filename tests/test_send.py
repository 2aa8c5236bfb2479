"""`digestgen send-test`, received by a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == b"editor"
        and auth_data.password == b"s3cret-pw"
    )
    return AuthResult(success=ok)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=authenticator, auth_require_tls=False
    )
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, smtp: tuple[Inbox, int]) -> None:
    monkeypatch.setenv("DIGESTGEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DIGESTGEN_SMTP_PORT", str(smtp[1]))
    monkeypatch.setenv("DIGESTGEN_SMTP_USER", "editor")
    monkeypatch.setenv("DIGESTGEN_SMTP_PASSWORD", "s3cret-pw")
    monkeypatch.setenv("DIGESTGEN_SMTP_STARTTLS", "0")
    monkeypatch.setenv("DIGESTGEN_SMTP_TIMEOUT", "3")  # aiosmtpd goes quiet after a bad login


def test_send_test_is_received_as_a_valid_multipart_message(sample: Path, cli, smtp, env) -> None:  # type: ignore[no-untyped-def]
    inbox, _ = smtp
    result = cli("send-test", "--to", "redaction@example.org")
    assert result.exit_code == 0, result.stderr
    [(sender, recipients, raw)] = inbox.messages
    assert sender == "newsletter@alliancy.fr" and recipients == ["redaction@example.org"]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert (
        message["Subject"] == "[TEST] Cinq décideurs publics au Club des Partenaires du numérique"
    )
    assert message["To"] == "redaction@example.org"
    assert message.get_content_type() == "multipart/alternative"
    plain, rich = message.get_payload()
    assert "ILS ONT PRIS LA PAROLE" in plain.get_content()
    assert 'href="*|UNSUB|*"' in rich.get_content()
    assert "s3cret-pw" not in result.stdout + result.stderr and "editor" not in result.stdout
    assert not (sample / "out").exists()


def test_dry_run_sends_nothing_and_shows_no_credentials(sample: Path, cli, smtp, env) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    result = cli("send-test", "--to", "redaction@example.org", "--dry-run")
    assert result.exit_code == 0
    assert not inbox.messages
    assert f"127.0.0.1:{port} (no TLS, with login)" in result.stdout
    assert "[TEST] Cinq décideurs publics" in result.stdout
    assert "s3cret-pw" not in result.stdout + result.stderr and "editor" not in result.stdout


def test_wrong_password_is_exit_1_without_the_password(
    sample: Path, cli, smtp, env, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DIGESTGEN_SMTP_PASSWORD", "wrong-pw-123")
    result = cli("send-test", "--to", "redaction@example.org")
    assert result.exit_code == 1
    assert "refused the login" in result.stderr
    assert "wrong-pw-123" not in result.stdout + result.stderr


def test_missing_configuration_or_address_is_exit_2(
    sample: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DIGESTGEN_SMTP_HOST", raising=False)
    result = cli("send-test", "--to", "redaction@example.org")
    assert result.exit_code == 2 and "DIGESTGEN_SMTP_HOST" in result.stderr
    result = cli("send-test", "--to", "not-an-address")
    assert result.exit_code == 2 and "--to needs an e-mail address" in result.stderr
