"""``digestgen send-test``: the .eml to the editor's own inbox, through SMTP configured by
environment variables. Credentials are read here and never printed."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field

from digestgen.errors import DigestgenError, UsageError

PREFIX = "DIGESTGEN_SMTP_"


class SendError(DigestgenError):
    """The SMTP server could not be reached or refused the message (exit 1)."""

    exit_code = 1


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    starttls: bool
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0

    def describe(self) -> str:
        """Where the message goes, without the credentials."""
        login = "with login" if self.user else "without login"
        tls = "STARTTLS" if self.starttls else "no TLS"
        return f"{self.host}:{self.port} ({tls}, {login})"


def smtp_settings(environ: Mapping[str, str] = os.environ) -> SmtpSettings:
    """Settings from ``DIGESTGEN_SMTP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``, ``_STARTTLS``
    and ``_TIMEOUT`` (seconds to wait for the server, 30 by default)."""
    host = environ.get(PREFIX + "HOST", "").strip()
    if not host:
        raise UsageError(f"set {PREFIX}HOST (and _PORT, _USER, _PASSWORD, _STARTTLS) to send")
    starttls = environ.get(PREFIX + "STARTTLS", "1").strip().lower() not in ("0", "false", "no")
    raw_port = environ.get(PREFIX + "PORT", "587").strip()
    if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
        raise UsageError(f"{PREFIX}PORT must be a port number, not {raw_port!r}")
    user = environ.get(PREFIX + "USER", "")
    password = environ.get(PREFIX + "PASSWORD", "")
    if bool(user) != bool(password):
        raise UsageError(f"set both {PREFIX}USER and {PREFIX}PASSWORD, or neither")
    raw_timeout = environ.get(PREFIX + "TIMEOUT", "30").strip()
    try:
        timeout = float(raw_timeout)
    except ValueError:
        timeout = -1.0
    if not 0 < timeout <= 3600:  # also NaN and inf
        raise UsageError(
            f"{PREFIX}TIMEOUT must be a number of seconds from 0 to 3600, not {raw_timeout!r}"
        ) from None
    return SmtpSettings(host, int(raw_port), starttls, user, password, timeout)


def send_message(settings: SmtpSettings, message: bytes, sender: str, recipient: str) -> None:
    """Hand ``message`` to the SMTP server for ``recipient``; errors say what, never who."""
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            smtp.ehlo()
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if settings.user:
                try:
                    smtp.login(settings.user, settings.password)
                except smtplib.SMTPServerDisconnected:  # some servers hang up on a bad login
                    raise SendError(f"{settings.describe()} refused the login") from None
            smtp.sendmail(sender, [recipient], message)
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(f"{settings.describe()} refused the login ({exc.smtp_code})") from None
    except smtplib.SMTPNotSupportedError:
        raise SendError(f"{settings.describe()} does not offer STARTTLS") from None
    except smtplib.SMTPRecipientsRefused:
        raise SendError(f"{settings.describe()} refused the recipient {recipient}") from None
    except (smtplib.SMTPException, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise SendError(f"could not send through {settings.describe()}: {reason}") from None
