"""Where the article comes from: an http(s) URL, read through digestgen's guarded fetcher
(:mod:`digestgen.net.fetch`: timeouts, size cap, private addresses refused, every redirect hop
checked) as ``enrich`` reads a page, or a saved page."""

from __future__ import annotations

import stat
import time
from pathlib import Path

from digestgen.draft import DraftError
from digestgen.net.fetch import MAX_BYTES, FetchError
from digestgen.net.pages import decode_page, fetch_page
from digestgen.text.catalog import T_, Message
from digestgen.text.language import Language

WORDS: dict[str, Message] = {
    "too_big": T_("draft:too_big", "the page is larger than {megabytes} MB; not read"),
    "not_http": T_("draft:not_http", "not an http(s) URL"),
    "not_html": T_("draft:not_html", "give an http(s) URL or a saved .html page"),
    "not_a_file": T_("draft:not_a_file", "not a file"),
    "no_such_file": T_("draft:no_such_file", "no such file"),
    "unreadable": T_("draft:unreadable", "cannot be read ({reason})"),
}


def read_source(
    source: str, *, allow_private: bool = False, timeout: float = 10.0, language: Language = "en"
) -> tuple[str, str | None]:
    """The page's HTML and the URL it was read from (None for a file); what goes wrong is
    said in ``language``."""

    def refused(key: str, **values: object) -> DraftError:
        return DraftError(f"{source}: {WORDS[key](language, **values)}")

    too_big = refused("too_big", megabytes=MAX_BYTES // 1_000_000)
    if source.startswith(("http://", "https://")):
        try:
            page = fetch_page(
                source,
                timeout=timeout,
                stop_at=time.monotonic() + 3 * timeout,
                allow_private=allow_private,
            )
        except FetchError as exc:
            raise DraftError(f"{source}: {exc.said(language)}") from None
        if page.truncated:
            raise too_big
        return page.html, page.url
    path = Path(source)
    if "://" in source:
        raise refused("not_http")
    if path.suffix.lower() not in (".html", ".htm", ".xhtml"):
        raise refused("not_html")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a device (/dev/zero), a pipe: no page to read
            raise refused("not_a_file")
        if info.st_size > MAX_BYTES:
            raise too_big
        with path.open("rb") as handle:
            body = handle.read(MAX_BYTES + 1)  # a file that grows while it is read
        if len(body) > MAX_BYTES:
            raise too_big
    except FileNotFoundError:
        raise refused("no_such_file") from None
    except OSError as exc:
        raise refused("unreadable", reason=exc.strerror) from None
    return decode_page(body, None), None
