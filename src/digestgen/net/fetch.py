"""The one way digestgen reads the web: ``enrich``'s pages, ``draft``'s article, ``check
--links`` and the speakers' photos of ``build --fetch-images``.

Every request is guarded the same way: http(s) only; one User-Agent (:data:`USER_AGENT`); a
timeout per request and a deadline over all of a URL's redirect hops; at most ``max_bytes``
read; redirects followed by hand, at most :data:`MAX_HOPS`, and at every hop every address the
host resolves to checked first: a loopback, private, link-local, multicast, reserved or other
non-global address is refused unless ``allow_private`` is set (what ``--allow-private``
does). The connection then goes to a checked address, never through a second lookup that a
DNS-rebinding host could answer differently.

:func:`fetch` raises nothing but :class:`FetchError`, whose ``reason`` is one line for the
editor; :func:`check_link` raises nothing at all and returns a :class:`LinkResult`.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from digestgen import __version__
from digestgen.text.catalog import T_, Message
from digestgen.text.language import Language

USER_AGENT = f"digestgen/{__version__}"
MAX_BYTES = 2_000_000
MAX_HOPS = 5
REDIRECTS = (301, 302, 303, 307, 308)


def _printable(value: object) -> object:
    # What a server sends (a status line, a host name) reaches the editor's terminal.
    if not isinstance(value, str):
        return value
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in value)


class FetchError(Exception):
    """A URL that could not be read, with the reason in one line: ``reason`` in English,
    :meth:`said` in the editor's language."""

    def __init__(self, word: Message, **values: object) -> None:
        self.word = word
        self.values = {k: _printable(v) for k, v in values.items()}
        self.reason = self.said("en")
        super().__init__(self.reason)

    def __reduce__(self) -> Any:
        return (_rebuilt, (self.word, self.values))

    def said(self, language: Language) -> str:
        """The reason in ``language``: a reason inside it said in it too, numbers as the
        language writes them."""
        from digestgen.text.formats import number

        values: dict[str, object] = {}
        for key, value in self.values.items():
            if isinstance(value, FetchError):
                value = value.said(language)
            elif isinstance(value, int) and not isinstance(value, bool) and value >= 1000:
                value = number(value, language)
            values[key] = value
        return self.word(language, **values)


def _rebuilt(word: Message, values: dict[str, object]) -> FetchError:
    return FetchError(word, **values)


WHY: dict[str, Message] = {
    "no_host": T_("fetch:no_host", "host {host} not found"),
    "refused": T_("fetch:refused", "refused: {address} (use --allow-private)"),
    "not_http": T_("fetch:not_http", "not an http(s) URL"),
    "bad_port": T_("fetch:bad_port", "bad port in the URL"),
    "deadline": T_("fetch:deadline", "the deadline passed"),
    "no_location": T_("fetch:no_location", "{status} redirect without a Location"),
    "bad_location": T_("fetch:bad_location", "{status} redirect to an unreadable address"),
    "status": T_("fetch:status", "{status}"),
    "no_answer": T_("fetch:no_answer", "no answer within {seconds} s"),
    "tls": T_("fetch:tls", "TLS error: {detail}"),
    "connection_refused": T_("fetch:connection_refused", "connection refused"),
    "other": T_("fetch:other", "{detail}"),
    "redirects": T_("fetch:redirects", "more than {hops} redirects"),
}


@dataclass(frozen=True)
class Kind:
    """What a caller wants to read: sent as ``Accept``, and a response that declares another
    content type is refused before its body is read. A type ending in ``/`` is a family."""

    refused: Message  # "not an HTML page ({declared})", the reason of a refusal
    types: tuple[str, ...]

    def accept(self) -> str:
        return ", ".join(t + "*" if t.endswith("/") else t for t in self.types)

    def takes(self, content_type: str) -> bool:
        return any(content_type == t or (t.endswith("/") and content_type.startswith(t))
                   for t in self.types)  # fmt: skip


HTML_PAGE = Kind(
    T_("fetch:not_html", "not an HTML page ({declared})"), ("text/html", "application/xhtml+xml")
)
IMAGE = Kind(T_("fetch:not_image", "not an image ({declared})"), ("image/",))


@dataclass(frozen=True)
class Response:
    """A final (not a redirect) answer: the URL it came from after redirects, its status, its
    declared content type ("" when none) and charset, and the body read."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    truncated: bool  # there was more than max_bytes: body holds the first max_bytes
    late: bool = False  # the body was still coming at the timeout: body holds what came


ADDRESSES: dict[str, Message] = {
    "loopback": T_("fetch:loopback", "{address} is a loopback address"),
    "private": T_("fetch:private", "{address} is a private address"),
    "link_local": T_("fetch:link_local", "{address} is a link-local address"),
    "multicast": T_("fetch:multicast", "{address} is a multicast address"),
    "reserved": T_("fetch:reserved", "{address} is a reserved address"),
    "unspecified": T_("fetch:unspecified", "{address} is an unspecified address"),
    "non_public": T_("fetch:non_public", "{address} is a non-public address"),
    "inside": T_("fetch:inside", "{address} ({inner})"),
}


def refusal(address: str) -> str | None:
    """Why a request may not go to ``address`` (loopback, private, …), or None."""
    why = _address_reason(address)
    return why.reason if why else None


def _address_reason(address: str) -> FetchError | None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address inside an IPv6 one is the IPv4 one: ::ffff:127.0.0.1 (mapped),
        # 2002:a9fe:a9fe::1 (6to4, 169.254.169.254), Teredo's client address.
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None:
            found = _address_reason(str(inner))
            return FetchError(ADDRESSES["inside"], address=address, inner=found) if found else None
    kinds = ("loopback", "private", "link_local", "multicast", "reserved", "unspecified")
    kind = next((k for k in kinds if getattr(ip, f"is_{k}")), None)
    kind = kind or (None if ip.is_global else "non_public")
    return FetchError(ADDRESSES[kind], address=address) if kind else None


def _addresses(host: str, port: int, allow_private: bool) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(WHY["no_host"], host=host) from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    # Every address must pass: the host chooses none of them for us.
    refused = [] if allow_private else [(a, r) for a in addresses if (r := refusal(a))]
    if refused:
        address, why = refused[0]
        known = _address_reason(address)  # the same reason, to say in the editor's language
        raise FetchError(WHY["refused"], address=known if known and known.reason == why else why)
    return addresses


def _connect(addresses: list[str], port: int, until: float) -> socket.socket:
    """A connection to the first checked address that answers (``localhost`` may be ::1 to a
    server that listens on 127.0.0.1 only), all within the time left."""
    failure: OSError = TimeoutError()
    for address in addresses:
        left = until - time.monotonic()
        if left <= 0:
            raise TimeoutError
        try:
            return socket.create_connection((address, port), timeout=left)
        except TimeoutError:
            raise
        except OSError as exc:
            failure = exc
    raise failure


def fetch(
    url: str,
    *,
    method: str = "GET",
    kind: Kind | None = None,
    timeout: float = 10.0,
    stop_at: float | None = None,
    allow_private: bool = False,
    max_bytes: int = MAX_BYTES,
    raise_for_status: bool = True,
) -> Response:
    """``method`` ``url``, one redirect hop at a time, each hop's addresses checked first.

    ``timeout`` bounds each connection and read; ``stop_at`` (a :func:`time.monotonic` time,
    by default three timeouts from now) bounds the whole. A body is read up to ``max_bytes``;
    one still coming at the timeout is kept as far as it came (``late``). An answer other
    than 2xx raises :class:`FetchError` unless ``raise_for_status`` is off, and so does a
    declared content type ``kind`` does not take. Raises nothing else.
    """
    own = time.monotonic() + 3 * timeout
    stop_at = own if stop_at is None else min(stop_at, own)
    for _hop in range(MAX_HOPS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(WHY["not_http"])
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchError(WHY["bad_port"]) from None
        addresses = _addresses(parts.hostname, port, allow_private)
        budget = min(timeout, stop_at - time.monotonic())
        if budget <= 0:
            raise FetchError(WHY["deadline"])
        until = time.monotonic() + budget
        conn = http.client.HTTPConnection(parts.hostname, port, timeout=budget)
        cut = _Watchdog()
        try:
            sock = _connect(addresses, port, until)
            cut.start(sock, until)
            if parts.scheme == "https":
                context = ssl.create_default_context()
                sock = context.wrap_socket(sock, server_hostname=parts.hostname)
            conn.sock = sock  # http.client uses it as is: no second lookup
            target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~") + (
                f"?{quote(parts.query, safe='/%:@!$&()*+,;=?~')}" if parts.query else ""
            )
            host = parts.netloc.rpartition("@")[2].encode("idna").decode()  # no user:password@
            headers = {
                "Host": host,
                "User-Agent": USER_AGENT,
                "Accept": kind.accept() if kind else "*/*",
                "Accept-Encoding": "identity",
            }
            conn.request(method, target, headers=headers)
            response = conn.getresponse()
            if cut.fired:  # the headers were cut short at the deadline: no answer
                raise TimeoutError
            if response.status in REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(WHY["no_location"], status=response.status)
                if not location.strip().isprintable():  # an escape sequence, a line break
                    raise FetchError(WHY["bad_location"], status=response.status)
                url = urljoin(url, location.strip())
                continue
            if raise_for_status and not 200 <= response.status < 300:
                raise FetchError(
                    WHY["status"], status=f"{response.status} {response.reason}".strip()
                )
            declared = response.getheader("Content-Type") and response.headers.get_content_type()
            if kind and declared and not kind.takes(declared):
                raise FetchError(kind.refused, declared=declared)
            chunks: list[bytes] = []
            read, done = 0, False
            while read <= max_bytes and time.monotonic() < until:
                chunk = response.read1(65536)
                if not chunk:
                    done = True
                    break
                chunks.append(chunk)
                read += len(chunk)
            body = b"".join(chunks)
            done = done and not cut.fired
            return Response(
                url,
                response.status,
                declared or "",
                response.headers.get_content_charset(),
                body[:max_bytes],
                truncated=read > max_bytes,
                late=not done and read <= max_bytes,
            )
        except FetchError:
            raise
        except (OSError, ValueError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError) or cut.fired:
                raise FetchError(WHY["no_answer"], seconds=f"{budget:.3g}") from None
            raise _reason(exc) from None
        finally:
            cut.cancel()
            conn.close()
    raise FetchError(WHY["redirects"], hops=MAX_HOPS)


def _reason(exc: BaseException) -> FetchError:
    if isinstance(exc, ssl.SSLError):
        return FetchError(WHY["tls"], detail=str(exc.reason or exc))
    if isinstance(exc, ConnectionRefusedError):
        return FetchError(WHY["connection_refused"])
    return FetchError(WHY["other"], detail=f"{type(exc).__name__}: {exc}".splitlines()[0])


class _Watchdog:
    """The wall-clock deadline of one hop, whatever the server does: at ``until`` it shuts the
    socket, so that a server trickling its headers one line at a time (each in less than the
    timeout) is cut off too. Its timer is cancelled when the hop ends: no thread outlives it."""

    def __init__(self) -> None:
        self.fired = False
        self._timer: threading.Timer | None = None

    def start(self, sock: socket.socket, until: float) -> None:
        self._timer = threading.Timer(max(0.0, until - time.monotonic()), self._cut, (sock,))
        self._timer.daemon = True
        self._timer.start()

    def _cut(self, sock: socket.socket) -> None:
        self.fired = True
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()


@dataclass(frozen=True)
class LinkResult:
    """A link as checked: its status (None: no answer, and ``error`` says why) and the URL
    it ended at after redirects."""

    url: str
    status: int | None
    final: str
    error: str = ""
    why: FetchError | None = field(default=None, compare=False)  # to say in another language

    def said(self, language: Language) -> str:
        return self.why.said(language) if self.why else self.error


def check_link(url: str, *, timeout: float = 10.0, allow_private: bool = False) -> LinkResult:
    """HEAD ``url`` (GET where HEAD is refused: 403, 405, 501), following redirects; never
    raises. Both requests share one deadline of three timeouts."""
    stop_at = time.monotonic() + 3 * timeout
    try:
        response = _status(url, "HEAD", timeout, stop_at, allow_private)
        if response.status in (403, 405, 501):  # some servers refuse HEAD: ask again with GET
            response = _status(url, "GET", timeout, stop_at, allow_private)
    except FetchError as exc:
        return LinkResult(url, None, url, exc.reason, exc)
    return LinkResult(url, response.status, response.url)


def _status(url: str, method: str, timeout: float, stop_at: float, private: bool) -> Response:
    return fetch(
        url,
        method=method,
        timeout=timeout,
        stop_at=stop_at,
        allow_private=private,
        max_bytes=0,  # the status is the answer: no body is kept
        raise_for_status=False,
    )
