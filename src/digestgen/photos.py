"""A speaker's photo for the quote cards: a file of ``content/photos/``, or, when the editor
asks for it (``build --fetch-images``), the image at ``speakers[].photo.src``, read through
:mod:`digestgen.fetch` and its guard (a private address is refused unless allowed)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
MAX_PHOTO_BYTES = 10_000_000


def load_photo(
    content_dir: Path,
    stem: str,
    url: str | None,
    *,
    fetch: bool,
    allow_private: bool = False,
    timeout: float = 10.0,
    warn: Callable[[str], None] | None = None,
) -> bytes | None:
    """The photo ``content_dir/photos/<stem>.(jpg|jpeg|png|webp)``, else, when ``fetch`` is
    on, the image at ``url``; None when neither gives an image (the card is laid out without).

    Why a URL gave no image (refused, unreachable, not an image) is told to ``warn`` in one
    line, since the editor asked for it; a file that is not an image is skipped, as before.
    """
    for suffix in SUFFIXES:
        path = content_dir / "photos" / f"{stem}{suffix}"
        if path.is_file():
            data = path.read_bytes()
            return data if _is_image(data) else None
    if not (fetch and url):
        return None
    from digestgen.fetch import FetchError

    try:
        return _download(url, allow_private=allow_private, timeout=timeout)
    except FetchError as exc:
        if warn is not None:
            warn(exc.reason)
        return None


def _download(url: str, *, allow_private: bool, timeout: float) -> bytes:
    """The image at ``url``, whole; raises :class:`~digestgen.fetch.FetchError`."""
    from digestgen.fetch import IMAGE, FetchError, fetch

    got = fetch(
        url, kind=IMAGE, timeout=timeout, allow_private=allow_private, max_bytes=MAX_PHOTO_BYTES
    )
    if got.truncated:
        raise FetchError(f"larger than {MAX_PHOTO_BYTES // 1_000_000} MB")
    if got.late:
        raise FetchError(f"not all there within {timeout:g} s")
    if not _is_image(got.body):
        raise FetchError("not an image")
    return got.body


def _is_image(data: bytes) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as photo:
            photo.load()  # a file that is not an image: no portrait rather than a crash
    except (OSError, UnidentifiedImageError):
        return False
    return True
