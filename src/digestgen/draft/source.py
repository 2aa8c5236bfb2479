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


def read_source(
    source: str, *, allow_private: bool = False, timeout: float = 10.0
) -> tuple[str, str | None]:
    """The page's HTML and the URL it was read from (None for a file)."""
    too_big = f"{source}: the page is larger than {MAX_BYTES // 1_000_000} MB; not read"
    if source.startswith(("http://", "https://")):
        try:
            page = fetch_page(
                source,
                timeout=timeout,
                stop_at=time.monotonic() + 3 * timeout,
                allow_private=allow_private,
            )
        except FetchError as exc:
            raise DraftError(f"{source}: {exc.reason}") from None
        if page.truncated:
            raise DraftError(too_big)
        return page.html, page.url
    path = Path(source)
    if "://" in source:
        raise DraftError(f"{source}: not an http(s) URL")
    if path.suffix.lower() not in (".html", ".htm", ".xhtml"):
        raise DraftError(f"{source}: give an http(s) URL or a saved .html page")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a device (/dev/zero), a pipe: no page to read
            raise DraftError(f"{source}: not a file")
        if info.st_size > MAX_BYTES:
            raise DraftError(too_big)
        with path.open("rb") as handle:
            body = handle.read(MAX_BYTES + 1)  # a file that grows while it is read
        if len(body) > MAX_BYTES:
            raise DraftError(too_big)
    except FileNotFoundError:
        raise DraftError(f"{source}: no such file") from None
    except OSError as exc:
        raise DraftError(f"{source}: cannot be read ({exc.strerror})") from None
    return decode_page(body, None), None
