"""``digestgen preview``: build, serve ``out/`` on 127.0.0.1, rebuild on every save and tell
open pages to reload (server-sent events). A bad edit keeps the last good build served and
shows its problems, on the page and in the terminal, until the next good save.

The digest's page is served with sample values in place of the email service's merge tags
(:mod:`digestgen.serve.samples`), saying so above the email; every file of ``out/`` is served
as it was written, tags included, for the service."""

from __future__ import annotations

import contextlib
import html
import json
import mimetypes
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from digestgen.build.page import PREVIEW
from digestgen.build.pipeline import Built, build
from digestgen.content.load import Loaded
from digestgen.content.workspace import Workspace
from digestgen.errors import DigestgenError
from digestgen.outputs.cards.workers import keep_workers
from digestgen.serve.samples import ANY_SERVICE, Samples, fill_newsletter, fill_page, samples_for
from digestgen.text.catalog import T_, Message
from digestgen.text.language import Language

EVENTS = "/__digestgen/events"
SPAM = "/__digestgen/spam/"
# The merge tags' samples: the "view in browser" link opens the email with samples at
# SAMPLE/<slug>/newsletter.html; the unsubscribe link opens a page saying what it would do.
SAMPLE = "/__digestgen/sample/"
UNSUBSCRIBE = "/__digestgen/unsubscribe"

WORDS: dict[str, Message] = {
    "rebuilt": T_("serve:rebuilt", "rebuilt {url}"),
    "failed": T_("serve:failed", "the build failed: {error}"),
    "nothing_built": T_("serve:nothing_built", "Nothing is built yet."),
    "no_build": T_("serve:no_build", "no build yet"),
    "unsubscribe_title": T_("serve:unsubscribe_title", "Sample unsubscribe link"),
    "unsubscribe_text": T_(
        "serve:unsubscribe_text",
        "In the email {service} sends, this link unsubscribes the reader. In the preview it "
        "goes nowhere: nobody was unsubscribed.",
    ),
}
"""What the preview server says, in the terminal and on its own pages."""


@contextlib.contextmanager
def _threads_leave_ctrl_c_to_this_one() -> Iterator[None]:
    """Threads started inside are made with SIGINT blocked, so that the kernel hands Ctrl-C
    to the calling thread. Python runs signal handlers in the main thread only, and a signal
    the kernel gives to another thread leaves the main thread asleep: the preview would not
    stop."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # Windows: Ctrl-C reaches the main thread
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


@dataclass
class State:
    """The last build as the server tells it: its fingerprint, or the problems of a bad edit."""

    build: str = ""
    problems: str = ""
    version: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, *, build: str | None = None, problems: str = "") -> None:
        with self.changed:
            if build is not None:
                self.build = build
            self.problems = problems
            self.version += 1
            self.changed.notify_all()


def safe_path(root: Path, url_path: str) -> Path | None:
    """The file under ``root`` that ``url_path`` names, or None for anything else.

    The path is decoded once; any ``.`` or ``..`` segment, dot-file, backslash, NUL or
    absolute part is refused before the filesystem is asked, and the file served (a folder's
    ``index.html`` included) must still lie under ``root`` once links are resolved.
    """
    decoded = urllib.parse.unquote(url_path)
    if "\\" in decoded or "\0" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if any(p.startswith(".") or ":" in p for p in parts):
        return None
    base = root.resolve()
    target = base.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    target = target.resolve()  # the file itself may be a link out of out/
    if not target.is_relative_to(base):
        return None
    return target if target.is_file() else None


def _page(language: Language, title: str, body: str) -> bytes:
    """One of the server's own small pages, in ``language``."""
    page = (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} · digestgen</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;color:#1f2933;margin:2rem}"
        f"a{{color:#0b4f8a}}</style></head><body><main><h1>{html.escape(title)}</h1>"
        f"{body}</main></body></html>"
    )
    return page.encode("utf-8")


def listing(root: Path, language: Language = "en") -> bytes:
    """``/``: a link to each digest built in ``root``, in ``language``."""
    slugs = sorted(
        p.parent.name for p in root.glob("*/index.html") if not p.parent.name.startswith(".")
    )
    items = "\n".join(f'<li><a href="/{html.escape(s)}/">{html.escape(s)}</a></li>' for s in slugs)
    nothing = f"<p>{html.escape(WORDS['nothing_built'](language))}</p>"
    body = f"<ul>{items}</ul>" if slugs else nothing
    return _page(language, PREVIEW["digests"](language), body)


Served = tuple[bytes, str]
"""A body the server makes rather than reads from out/, and its content type."""


def make_handler(
    root: Path,
    state: State,
    stopping: threading.Event,
    spam: Callable[[], dict[str, object]] = lambda: {"skipped": "no spam score here"},
    language: Callable[[], Language] = lambda: "en",
    made: Callable[[str], Served | None] = lambda _: None,
) -> type[BaseHTTPRequestHandler]:
    """The request handler: ``out/`` under ``root``, the events and spam score of ``state``
    and ``spam``, ``/`` in ``language``, and the pages ``made`` makes (None: read the file)."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "digestgen"

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal is for rebuilds and problems

        def do_GET(self) -> None:
            path = urllib.parse.urlsplit(self.path).path
            if not self._ours():
                self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain; charset=utf-8")
            elif path == EVENTS:
                self._events()
            elif path.startswith(SPAM):
                body = json.dumps(spam(), ensure_ascii=False).encode("utf-8")
                self._send(HTTPStatus.OK, body, "application/json; charset=utf-8")
            elif path == "/":
                self._send(HTTPStatus.OK, listing(root, language()), "text/html; charset=utf-8")
            elif (page := made(path)) is not None:
                self._send(HTTPStatus.OK, *page)
            else:
                target = safe_path(root, path)
                if target is None:
                    self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
                elif target.name == "index.html" and not path.endswith(("/", "index.html")):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)  # relative links need the /
                    self.send_header("Location", path + "/")
                    self.end_headers()
                else:
                    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                    if kind.startswith("text/") or kind == "application/json":
                        kind += "; charset=utf-8"
                    self._send(HTTPStatus.OK, target.read_bytes(), kind)

        def _ours(self) -> bool:
            """A request for this server by its own names: a page of another site that a
            rebinding name points here sends another Host, and another Origin."""
            port = self.server.server_address[1]  # type: ignore[index]
            names = {f"127.0.0.1:{port}", f"localhost:{port}", "127.0.0.1", "localhost"}
            if (self.headers.get("Host") or "").strip().lower() not in names:
                return False
            origin = self.headers.get("Origin")
            return origin is None or origin.strip().lower() in {f"http://{n}" for n in names}

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while not stopping.is_set():
                    with state.changed:
                        if state.version == seen:
                            state.changed.wait(timeout=10)
                        version, build, problems = state.version, state.build, state.problems
                    if version == seen:
                        self.wfile.write(b": still here\n\n")  # finds closed pages
                    else:
                        seen = version
                        message = f"event: build\ndata: {build}\n\n"
                        if problems:
                            data = "\n".join(f"data: {line}" for line in problems.splitlines())
                            message += f"event: problems\n{data}\n\n"
                        else:
                            message += "event: fixed\ndata: \n\n"
                        self.wfile.write(message.encode("utf-8"))
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


class Preview:
    """A preview of one digest: its build, a server on 127.0.0.1 and a watcher of its sources."""

    def __init__(
        self,
        workspace: Workspace,
        digest: str | None,
        port: int = 8000,
        report: Callable[[str], None] = print,
    ) -> None:
        self.workspace, self.digest, self.report = workspace, digest, report
        self.state = State()
        self.stopping = threading.Event()
        self.built: Built | None = None
        self.rebuilt = threading.Event()
        self.loaded: Loaded | None = None
        self._spam: tuple[str, dict[str, object]] | None = None
        self._spam_lock = threading.Lock()
        self._made: dict[str, Served] = {}
        handler = make_handler(
            workspace.out_dir,
            self.state,
            self.stopping,
            self.spam_report,
            lambda: self.language,
            self.made,
        )
        workspace.out_dir.mkdir(parents=True, exist_ok=True)
        # Card workers are forked now, before any thread starts, and serve every rebuild.
        with _threads_leave_ctrl_c_to_this_one():
            self._stop_workers = keep_workers()  # forks, and starts the pool's threads
        try:
            self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:  # the port is taken: no server, and no workers left behind
            self._stop_workers()
            raise
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        slug = f"{self.built.slug}/" if self.built else ""
        return f"{self.origin}/{slug}"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def language(self) -> Language:
        """The digest's language (the outlet's until a build has loaded it)."""
        return self.loaded.language if self.loaded else self.workspace.language()

    def made(self, path: str) -> Served | None:
        """What the server shows at ``path`` instead of a file of out/: the digest's page and
        email with samples in place of merge tags, and the samples' unsubscribe page."""
        return self._made.get(path)

    def _samples(self, loaded: Loaded, built: Built) -> dict[str, Served]:
        """The pages with samples, made once a build (the files of out/ keep the tags)."""
        email = f"{SAMPLE}{built.slug}/newsletter.html"
        samples = samples_for(
            loaded, archive=self.origin + email, unsubscribe=self.origin + UNSUBSCRIBE
        )
        if not samples.values or built.newsletter is None:
            return {}
        language = loaded.language
        html_kind = "text/html; charset=utf-8"
        made: dict[str, Served] = {}
        index = built.folder / "index.html"
        if index.is_file():
            page = fill_page(index.read_text("utf-8"), samples, samples.notice(language))
            made[f"/{built.slug}/"] = made[f"/{built.slug}/index.html"] = (
                page.encode("utf-8"),
                html_kind,
            )
        newsletter, _ = fill_newsletter(built.newsletter, samples)
        made[email] = (newsletter.html.encode("utf-8"), html_kind)
        made[UNSUBSCRIBE] = (_unsubscribe_page(samples, language), html_kind)
        return made

    def rebuild(self, *, first: bool = False) -> bool:
        """Build again; on bad input keep the last good build served and publish the problems.

        The ``first`` build has nothing to fall back on: its problems are raised.
        """
        try:
            loaded = self.workspace.load(self.digest)
            built = build(loaded, self.workspace)
            self._made = self._samples(loaded, built)
            self.built, self.loaded = built, loaded
        except Exception as exc:  # whatever breaks a rebuild, the server stays up
            if first:
                raise
            said = (
                str(exc)
                if isinstance(exc, DigestgenError)
                else WORDS["failed"](self.language, error=repr(exc))
            )
            self.report(said)
            self.state.publish(problems=said)
            return False
        finally:
            self.rebuilt.set()
        self.state.publish(build=self.built.fingerprint)
        return True

    def spam_report(self) -> dict[str, object]:
        """SpamAssassin's score of the served build's email as delivered, computed once a build."""
        from digestgen.checks.registry import spam_report
        from digestgen.checks.spamassassin import SpamCheckUnavailable

        with self._spam_lock:
            loaded, built = self.loaded, self.built
            if loaded is None or built is None or built.newsletter is None:
                return {"skipped": WORDS["no_build"](self.language)}
            if self._spam and self._spam[0] == built.fingerprint:
                return self._spam[1]
            try:
                report = spam_report(loaded, built.newsletter).as_dict()
            except SpamCheckUnavailable as exc:
                report = {"skipped": str(exc)}
            self._spam = (built.fingerprint, report)
            return report

    def watched(self) -> list[Path]:
        roots = [self.workspace.content_dir, self.workspace.root / "templates"]
        return [p for p in roots if p.is_dir()]

    def watch(self) -> None:
        """Rebuild after every change under content/ and templates/, until stopped."""
        from watchfiles import watch

        # A save is one burst of events: 10 ms without another one ends it.
        for changes in watch(*self.watched(), stop_event=self.stopping, debounce=200, step=10):
            edited = any(not Path(p).name.startswith(".") for _, p in changes)
            if edited and self.rebuild():
                self.report(WORDS["rebuilt"](self.language, url=self.url))

    def start(self) -> None:
        """Serve and watch in background threads (for tests and the command alike)."""
        self._threads = [
            threading.Thread(target=self.server.serve_forever, daemon=True),
            threading.Thread(target=self.watch, daemon=True),
        ]
        with _threads_leave_ctrl_c_to_this_one():
            for thread in self._threads:
                thread.start()

    def stop(self) -> None:
        self.stopping.set()
        with self.state.changed:
            self.state.changed.notify_all()
        serving = getattr(self, "_threads", [])
        if serving and serving[0].is_alive():  # shutdown() waits for a loop that has to run
            self.server.shutdown()
        self.server.server_close()
        self._stop_workers()


def _unsubscribe_page(samples: Samples, language: Language) -> bytes:
    service = samples.service or ANY_SERVICE(language)
    text = WORDS["unsubscribe_text"](language, service=service)
    return _page(language, WORDS["unsubscribe_title"](language), f"<p>{html.escape(text)}</p>")
