"""Speakers' portraits for the quote cards: read before anything is drawn, from
``content/photos/`` or, when the editor asks for it (``build --fetch-images``), from
``speakers[].photo.src`` through :mod:`digestgen.net.fetch` and its guard (a private address is
refused unless allowed)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

from digestgen.content.load import Loaded
from digestgen.content.models import Speaker
from digestgen.errors import Problem
from digestgen.net.fetch import FetchError
from digestgen.text.catalog import T_

WITHOUT = T_("photo:without", "{why}; the cards go without it")
TOO_LARGE = T_("photo:too_large", "{name} is larger than {megabytes} MB")
IN_FILE = T_("photo:in_file", "{name}: {why}")
LARGER = T_("photo:larger", "larger than {megabytes} MB")
LATE = T_("photo:late", "not all there within {seconds} s")
NOT_AN_IMAGE = T_("photo:not_an_image", "not an image")
PIXELS = T_(
    "photo:pixels", "the image is {width} × {height} pixels; at most {million} million are read"
)
BOMB = T_("photo:bomb", "the image declares more than {million} million pixels")

SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
MAX_PHOTO_BYTES = 10_000_000


def speaker_stems(speakers: Sequence[Speaker]) -> list[str]:
    """Each speaker's file stem, in order: their name's slug, made unique (``-2``), never
    ``cover`` (the cover card's)."""
    from slugify import slugify

    seen: set[str] = {"cover"}
    stems = []
    for speaker in speakers:
        stem = slugify(speaker.name, max_length=60, word_boundary=True) or "speaker"
        while stem in seen:
            stem += "-2"
        seen.add(stem)
        stems.append(stem)
    return stems


def read_photos(
    loaded: Loaded,
    *,
    fetch: bool = False,
    allow_private: bool = False,
    warnings: list[Problem] | None = None,
) -> list[bytes | None]:
    """The speakers' portraits, in order: read (and fetched, when asked) before the cards
    are drawn, so that drawing them reads no file. Why a photo asked for gave none goes to
    ``warnings``, one line at its ``photo.src``."""
    speakers = loaded.digest.event.speakers
    content_dir = loaded.content_dir
    told = [] if warnings is None else warnings
    photos: list[bytes | None] = []
    for i, (speaker, stem) in enumerate(zip(speakers, speaker_stems(speakers), strict=True)):
        url = speaker.photo.src if speaker.photo else None
        unread: list[FetchError] = []  # why the photo asked for gave no portrait
        photo = load_photo(
            content_dir, stem, url, fetch=fetch, allow_private=allow_private, warn=unread.append
        )
        photos.append(photo)
        where = ("event", "speakers", i, "photo", "src")
        for why in unread:
            said = WITHOUT(loaded.language, why=why.said(loaded.language))
            told.append(loaded.digest_source.problem(where, said))
    return photos


def load_photo(
    content_dir: Path,
    stem: str,
    url: str | None,
    *,
    fetch: bool,
    allow_private: bool = False,
    timeout: float = 10.0,
    warn: Callable[[FetchError], None] | None = None,
) -> bytes | None:
    """The photo ``content_dir/photos/<stem>.(jpg|jpeg|png|webp)``, else, when ``fetch`` is
    on, the image at ``url``; None when neither gives an image (the card is laid out without).

    Why a URL gave no image (refused, unreachable, not an image, too many pixels) is told to
    ``warn`` in one line, since the editor asked for it, and so is a file too large or of too
    many pixels; a file that is not an image at all is skipped.
    """
    for suffix in SUFFIXES:
        path = content_dir / "photos" / f"{stem}{suffix}"
        if path.is_file():
            if path.stat().st_size > MAX_PHOTO_BYTES:
                _tell(warn, FetchError(TOO_LARGE, name=path.name, megabytes=_MB))
                return None
            data = path.read_bytes()
            wrong = image_problem(data)
            if wrong is not None and wrong.word != NOT_AN_IMAGE:
                _tell(warn, _in_file(path.name, wrong))
            return None if wrong else data
    if not (fetch and url):
        return None
    try:
        return _download(url, allow_private=allow_private, timeout=timeout)
    except FetchError as exc:
        if warn is not None:
            warn(exc)
        return None


def _download(url: str, *, allow_private: bool, timeout: float) -> bytes:
    """The image at ``url``, whole; raises :class:`~digestgen.net.fetch.FetchError`."""
    from digestgen.net.fetch import IMAGE, fetch

    got = fetch(
        url, kind=IMAGE, timeout=timeout, allow_private=allow_private, max_bytes=MAX_PHOTO_BYTES
    )
    if got.truncated:
        raise FetchError(LARGER, megabytes=_MB)
    if got.late:
        raise FetchError(LATE, seconds=f"{timeout:g}")
    wrong = image_problem(got.body)
    if wrong is not None:
        raise wrong
    return got.body


MAX_PHOTO_PIXELS = 40_000_000  # 8,000 × 5,000: more than any portrait, far less than a bomb
_MB = MAX_PHOTO_BYTES // 1_000_000
_MILLION = MAX_PHOTO_PIXELS // 1_000_000


def _in_file(name: str, why: FetchError) -> FetchError:
    return FetchError(IN_FILE, name=name, why=why)


def image_problem(data: bytes) -> FetchError | None:
    """Why ``data`` is no portrait to draw, or None: not an image, or an image of more pixels
    than :data:`MAX_PHOTO_PIXELS` (a few hundred bytes can declare 20,000 × 20,000, which
    would take gigabytes to decode), checked from its header before any pixel is decoded.
    Pillow's own warnings become this one line."""
    import warnings

    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data)) as photo:
                width, height = photo.size
                if width * height > MAX_PHOTO_PIXELS:
                    return FetchError(PIXELS, width=width, height=height, million=_MILLION)
                photo.load()
        except Image.DecompressionBombError:
            return FetchError(BOMB, million=_MILLION)
        except (OSError, ValueError, SyntaxError):
            return FetchError(NOT_AN_IMAGE)
    return None


def _tell(warn: Callable[[FetchError], None] | None, why: FetchError) -> None:
    if warn is not None:
        warn(why)
