"""Speakers' portraits for the quote cards: read before anything is drawn."""

from __future__ import annotations

import io
from collections.abc import Sequence

from digestgen.load import Loaded
from digestgen.models import Speaker


def speaker_stems(speakers: Sequence[Speaker]) -> list[str]:
    """Each speaker's file stem, in order: their name's slug, made unique (``-2``), never
    ``cover`` (the cover card's)."""
    from slugify import slugify

    seen: set[str] = {"cover"}
    stems = []
    for speaker in speakers:
        stem = slugify(speaker.name) or "speaker"
        while stem in seen:
            stem += "-2"
        seen.add(stem)
        stems.append(stem)
    return stems


def read_photos(loaded: Loaded, *, fetch: bool = False) -> list[bytes | None]:
    """The speakers' portraits, in order: read (and fetched, when asked) before the cards
    are drawn, so that drawing them reads no file."""
    speakers = loaded.digest.event.speakers
    return [
        load_photo(loaded, stem, speaker.photo.src if speaker.photo else None, fetch)
        for speaker, stem in zip(speakers, speaker_stems(speakers), strict=True)
    ]


def load_photo(loaded: Loaded, stem: str, url: str | None, fetch: bool) -> bytes | None:
    """A speaker's photo from ``content/photos/<speaker-slug>.(jpg|png|webp)``, or from its URL
    when ``fetch`` is on; None when neither gives an image (the card is laid out without)."""
    data = None
    folder = loaded.digest_source.path.parents[1] / "photos"
    for suffix in (".jpg", ".jpeg", ".png", ".webp"):
        path = folder / f"{stem}{suffix}"
        if path.is_file():
            data = path.read_bytes()
            break
    else:
        if fetch and url:
            import urllib.request

            request = urllib.request.Request(url, headers={"User-Agent": "digestgen cards"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    data = response.read(10_000_000)
            except (OSError, ValueError):
                return None
    if data is None:
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as photo:
            photo.load()  # a file that is not an image: no portrait rather than a crash
    except (OSError, UnidentifiedImageError):
        return None
    return data
