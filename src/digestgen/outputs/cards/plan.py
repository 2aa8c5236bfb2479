"""Which quote cards a digest gets: a cover and one card per speaker, for each platform that
posts its own share images (LinkedIn 1200×627, X 1200×675), each with its alt text."""

from __future__ import annotations

from collections.abc import Sequence

from digestgen.content.photos import speaker_stems
from digestgen.outputs.cards.draw import SIZES, CardJob, palette
from digestgen.render.view import View
from digestgen.text.typography import NBSP


def card_jobs(view: View, photos: Sequence[bytes | None] = ()) -> list[tuple[str, str, CardJob]]:
    """``(file, alt, job)`` for a card per speaker and a cover, for each platform with its own
    share images; ``photos`` are the speakers' portraits, in order (None: no portrait)."""
    context = view.context(source="cards", medium="social", nbsp=NBSP)
    event, outlet, t = context["event"], context["outlet"], context["t"]
    colours = palette(outlet.brand.primary_color)
    when = context["long_date"](event.date)
    footer = f"{event.title} · {when}"
    opening, closing = context["quote_marks"]
    jobs: list[tuple[str, str, CardJob]] = []

    def add(stem: str, *texts: str, alt: str, photo: bytes | None = None) -> None:
        quote, name, attribution, bottom = texts
        for platform, size in SIZES.items():
            job = CardJob(size, colours, quote, name, attribution, bottom, outlet.name, photo)
            jobs.append((f"cards/{stem}-{platform}.png", alt, job))

    speakers = ", ".join(s.name for s in event.speakers)
    place = ", ".join(p for p in (event.venue.name, event.venue.city) if p)
    lineup = f"{t['speakers']}{t['colon']} {speakers}"
    add("cover", event.title, when, lineup, place, alt=f"{event.title}, {when}, {place}. {lineup}.")
    portraits = list(photos) + [None] * (len(event.speakers) - len(photos))
    stems = speaker_stems(view.loaded.digest.event.speakers)
    for speaker, stem, photo in zip(event.speakers, stems, portraits, strict=True):
        role = f"{speaker.role}, {speaker.organization}"
        quote = f"{opening}{speaker.quote}{closing}"
        alt = f"{speaker.name}, {role}{t['colon']} {quote} – {footer}."
        add(stem, quote, speaker.name, role, footer, alt=alt, photo=photo)
    return jobs
