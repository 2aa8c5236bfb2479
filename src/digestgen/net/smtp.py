"""``digestgen send-test``: the .eml to the editor's own inbox, through SMTP configured by
environment variables. Credentials are read here and never printed; what the server answers
when it refuses is (its reply code and text say why)."""

from __future__ import annotations

import errno
import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field

from digestgen.errors import DigestgenError, UsageError
from digestgen.text.catalog import T_, Message
from digestgen.text.language import Language

PREFIX = "DIGESTGEN_SMTP_"


class SendError(DigestgenError):
    """The SMTP server could not be reached or refused the message (exit 1)."""

    exit_code = 1


WORDS: dict[str, Message] = {
    "server": T_("smtp:server", "{host}:{port} ({tls}, {login})"),
    "starttls": T_("smtp:starttls", "STARTTLS"),
    "no_tls": T_("smtp:no_tls", "no TLS"),
    "with_login": T_("smtp:with_login", "with login"),
    "without_login": T_("smtp:without_login", "without login"),
    "no_host": T_(
        "smtp:no_host",
        "set {prefix}HOST (and _PORT, _USER, _PASSWORD, _STARTTLS) to send; --dry-run says "
        "what would be sent without them",
    ),
    "bad_port": T_("smtp:bad_port", "{prefix}PORT must be a port number, not {value}"),
    "login_pair": T_("smtp:login_pair", "set both {prefix}USER and {prefix}PASSWORD, or neither"),
    "bad_timeout": T_(
        "smtp:bad_timeout",
        "{prefix}TIMEOUT must be a number of seconds from 0 to 3600, not {value}",
    ),
    "login_refused": T_("smtp:login_refused", "the server refused the login: {reply}"),
    "login_hung_up": T_("smtp:login_hung_up", "the server refused the login without a reply"),
    "no_starttls": T_(
        "smtp:no_starttls",
        "the server does not offer STARTTLS; for a local test server without TLS, set {setting}",
    ),
    "recipient_refused": T_(
        "smtp:recipient_refused", "the server refused the recipient {recipient}: {reply}"
    ),
    "sender_refused": T_("smtp:sender_refused", "the server refused the sender {sender}: {reply}"),
    "message_refused": T_("smtp:message_refused", "the server refused the message: {reply}"),
    "answered": T_("smtp:answered", "the server answered {reply}"),
    "hung_up": T_("smtp:hung_up", "the server closed the connection"),
    "no_answer": T_("smtp:no_answer", "no answer within {seconds} s"),
    "nobody": T_(
        "smtp:nobody", "nothing answers on this port: is the server running, and on this port?"
    ),
    "cannot_connect": T_("smtp:cannot_connect", "cannot send ({reason})"),
}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    starttls: bool
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0

    @property
    def address(self) -> str:
        """``host:port``, which starts every error."""
        return f"{self.host}:{self.port}"

    def describe(self, language: Language = "en") -> str:
        """Where the message goes, without the credentials."""
        login = WORDS["with_login" if self.user else "without_login"](language)
        tls = WORDS["starttls" if self.starttls else "no_tls"](language)
        return WORDS["server"](language, host=self.host, port=self.port, tls=tls, login=login)


def smtp_configured(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the environment names an SMTP server (``DIGESTGEN_SMTP_HOST``)."""
    return bool(environ.get(PREFIX + "HOST", "").strip())


def smtp_settings(
    environ: Mapping[str, str] = os.environ, language: Language = "en"
) -> SmtpSettings:
    """Settings from ``DIGESTGEN_SMTP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``, ``_STARTTLS``
    and ``_TIMEOUT`` (seconds to wait for the server, 30 by default)."""
    host = environ.get(PREFIX + "HOST", "").strip()
    if not host:
        raise UsageError(WORDS["no_host"](language, prefix=PREFIX))
    starttls = environ.get(PREFIX + "STARTTLS", "1").strip().lower() not in ("0", "false", "no")
    raw_port = environ.get(PREFIX + "PORT", "587").strip()
    if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
        raise UsageError(WORDS["bad_port"](language, prefix=PREFIX, value=repr(raw_port)))
    user = environ.get(PREFIX + "USER", "")
    password = environ.get(PREFIX + "PASSWORD", "")
    if bool(user) != bool(password):
        raise UsageError(WORDS["login_pair"](language, prefix=PREFIX))
    raw_timeout = environ.get(PREFIX + "TIMEOUT", "30").strip()
    try:
        timeout = float(raw_timeout)
    except ValueError:
        timeout = -1.0
    if not 0 < timeout <= 3600:  # also NaN and inf
        said = WORDS["bad_timeout"](language, prefix=PREFIX, value=repr(raw_timeout))
        raise UsageError(said) from None
    return SmtpSettings(host, int(raw_port), starttls, user, password, timeout)


def send_message(
    settings: SmtpSettings,
    message: bytes,
    sender: str,
    recipient: str,
    language: Language = "en",
) -> None:
    """Hand ``message`` to the SMTP server for ``recipient``; errors say what the server
    answered, never the credentials."""
    try:
        _send(settings, message, sender, recipient)
    except _LoginHungUp:
        raise _error(settings, WORDS["login_hung_up"](language)) from None
    except smtplib.SMTPAuthenticationError as exc:
        said = WORDS["login_refused"](language, reply=_reply(exc.smtp_code, exc.smtp_error))
        raise _error(settings, said) from None
    except smtplib.SMTPNotSupportedError:
        said = WORDS["no_starttls"](language, setting=f"{PREFIX}STARTTLS=0")
        raise _error(settings, said) from None
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = exc.recipients.get(recipient, next(iter(exc.recipients.values())))
        said = WORDS["recipient_refused"](language, recipient=recipient, reply=_reply(code, text))
        raise _error(settings, said) from None
    except smtplib.SMTPSenderRefused as exc:
        reply = _reply(exc.smtp_code, exc.smtp_error)
        said = WORDS["sender_refused"](language, sender=sender, reply=reply)
        raise _error(settings, said) from None
    except smtplib.SMTPDataError as exc:
        said = WORDS["message_refused"](language, reply=_reply(exc.smtp_code, exc.smtp_error))
        raise _error(settings, said) from None
    except smtplib.SMTPResponseException as exc:  # HELO, STARTTLS or MAIL answered otherwise
        said = WORDS["answered"](language, reply=_reply(exc.smtp_code, exc.smtp_error))
        raise _error(settings, said) from None
    except smtplib.SMTPServerDisconnected:
        raise _error(settings, WORDS["hung_up"](language)) from None
    except TimeoutError:
        seconds = f"{settings.timeout:g}"
        raise _error(settings, WORDS["no_answer"](language, seconds=seconds)) from None
    except (smtplib.SMTPException, OSError) as exc:
        if isinstance(exc, OSError) and exc.errno == errno.ECONNREFUSED:
            raise _error(settings, WORDS["nobody"](language)) from None
        reason = (
            getattr(exc, "reason", None)  # ssl's errors: CERTIFICATE_VERIFY_FAILED…
            or (exc.strerror if isinstance(exc, OSError) else None)
            or type(exc).__name__
        )
        raise _error(settings, WORDS["cannot_connect"](language, reason=reason)) from None


class _LoginHungUp(Exception):
    """Some servers hang up on a bad login, or go quiet, rather than answer it."""


def _send(settings: SmtpSettings, message: bytes, sender: str, recipient: str) -> None:
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        smtp.ehlo()
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.user:
            try:
                smtp.login(settings.user, settings.password)
            except smtplib.SMTPServerDisconnected:
                raise _LoginHungUp from None
        smtp.sendmail(sender, [recipient], message)


def _reply(code: int, text: bytes | str) -> str:
    """The server's reply as it wrote it: ``554 5.7.1 Message rejected``."""
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return " ".join(f"{code} {' '.join(said.split())}".split())


def _error(settings: SmtpSettings, said: str) -> SendError:
    return SendError(f"{settings.address}: {said}")
