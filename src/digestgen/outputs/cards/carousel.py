"""The LinkedIn document post (a "carousel"): ``cards/linkedin-carousel.pdf``, a cover, one page
per speaker's quote and a last page with the follow-up stories, which readers swipe.

LinkedIn takes a PDF of up to 300 pages and 100 MB, and recommends 4:5 portrait pages of
1080×1350 for the phone feed, with 6 to 12 slides read best (LinkedIn Help Center's limits as
quoted by carouselmaker.com/blog/how-to-post-carousel-linkedin-pdf, and Ayrshare's media
guidelines, ayrshare.com/docs/media-guidelines/linkedin). Pages are 1080×1350 points; the
carousel stops at :data:`MOST_PAGES` (the cover, ten speakers, the last page).

Written with fpdf2: the DejaVu fonts the cards use (Bitstream Vera licence, which lets them be
embedded and redistributed) are embedded as subsets, and the text is text, which readers select
and LinkedIn indexes. A :class:`CarouselJob` holds everything that shapes the file; its pages
are laid out once as lists of items, which the PDF draws and Pillow draws again, smaller, as
the preview's thumbnail of the first page. Deterministic: the creation date is the issue's
date and the file's ID a hash of its bytes. fpdf2 and its fonts take most of a second to load,
so the carousel is made in a forked process while the build renders the rest, and kept in the
cards' user cache.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from digestgen.outputs.cards import cache
from digestgen.outputs.cards.draw import FONTS, Palette, palette, wrap
from digestgen.render.shortening import cut
from digestgen.render.view import View
from digestgen.text.catalog import T_
from digestgen.text.typography import NBSP

if TYPE_CHECKING:
    from fpdf import FPDF

FILE = "cards/linkedin-carousel.pdf"
THUMBNAIL = "cards/linkedin-carousel-cover.png"
PAGE = (1080, 1350)  # LinkedIn's recommended portrait document page (4:5), in points
MOST_PAGES = 12  # LinkedIn allows 300; past a dozen slides few readers swipe on
MOST_BYTES = 100 * 1024 * 1024  # LinkedIn's limit for a document
MARGIN = 96
PORTRAIT = 176  # the diameter of a speaker's round photo on their page
THUMBNAIL_SCALE = 0.4  # 432×540: the preview shows it about 220 px wide

TITLE = T_("carousel:title", "{event} – what the speakers said")
KICKER = T_("carousel:kicker", "What they said")
SWIPE = T_("carousel:swipe", "Swipe to read them →")
RECAP = T_("carousel:recap", "The full recap")
NOTE = T_(
    "carousel:note",
    "Post {file} as a document ({pages} pages) and give it this title: {title}",
)
LEFT_OUT = T_(
    "carousel:left_out",
    "{count} speakers left out: the carousel stops at {most} pages.",
)

SANS, BOLD, SERIF = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf"
_FACES = {SANS: ("sans", ""), BOLD: ("sans", "B"), SERIF: ("serif", "")}  # as fpdf2 names them


@dataclass(frozen=True)
class SpeakerPage:
    name: str
    role: str  # with the organisation
    organization: str
    quote: str  # with its quotation marks
    photo: bytes | None = field(default=None, repr=False)  # the key hashes it apart


@dataclass(frozen=True)
class Story:
    title: str
    domain: str
    url: str  # tagged


@dataclass(frozen=True)
class CarouselJob:
    """Everything that shapes the carousel's bytes (with the fonts and the versions of
    digestgen, fpdf2 and Pillow, which the cache adds to its key): typeset texts, tagged
    links, the outlet's colours, the words in the digest's language."""

    language: str
    colours: Palette
    title: str
    outlet: str
    day: str  # the issue's, ISO: the PDF's creation date
    event: str
    when: str
    place: str
    speakers: tuple[SpeakerPage, ...]
    left_out: int
    further_title: str
    stories: tuple[Story, ...]
    recap: Story
    words: tuple[str, str, str]  # the cover's kicker, its swipe hint, the recap's label

    @property
    def pages(self) -> int:
        return len(self.speakers) + 2


def carousel_job(view: View, photos: Sequence[bytes | None] = ()) -> CarouselJob:
    """The carousel of a digest: ``photos`` are the speakers' portraits, in order."""
    context = view.context(source="linkedin", medium="social", nbsp=NBSP)
    event, outlet, link, language = (
        context["event"],
        context["outlet"],
        context["link"],
        view.language,
    )
    opening, closing = context["quote_marks"]
    shown = min(len(event.speakers), MOST_PAGES - 2)
    portraits = list(photos) + [None] * (len(event.speakers) - len(photos))
    speakers = tuple(
        SpeakerPage(
            s.name,
            f"{s.role}, {s.organization}",
            s.organization,
            f"{opening}{s.quote}{closing}",
            photo,
        )
        for s, photo in zip(event.speakers[:shown], portraits, strict=False)
    )
    stories = tuple(
        Story(a.title or _domain(a.url), _domain(a.url), link(a.url, "further-reading"))
        for a in context["further_reading"].articles
    )
    return CarouselJob(
        language=language,
        colours=palette(outlet.brand.primary_color),
        title=TITLE(language, event=event.title),
        outlet=outlet.name,
        day=context["issue"].date.isoformat(),
        event=event.title,
        when=context["long_date"](event.date),
        place=", ".join(p for p in (event.venue.name, event.venue.city) if p),
        speakers=speakers,
        left_out=len(event.speakers) - shown,
        further_title=context["further_title"],
        stories=stories,
        recap=Story(RECAP(language), _domain(event.url), link(event.url, "carousel")),
        words=(KICKER(language), SWIPE(language), RECAP(language)),
    )


def carousel_note(job: CarouselJob) -> dict[str, Any]:
    """``social.json``'s note on the carousel, under LinkedIn: its file, page count, title and
    thumbnail, and what to do with it."""
    note = NOTE(job.language, file=FILE, pages=job.pages, title=job.title)  # type: ignore[arg-type]
    if job.left_out:
        note += " " + LEFT_OUT(job.language, count=job.left_out, most=MOST_PAGES)  # type: ignore[arg-type]
    return {
        "file": FILE,
        "pages": job.pages,
        "title": job.title,
        "thumbnail": THUMBNAIL,
        "note": note,
    }


@dataclass(frozen=True)
class Carousel:
    """The PDF and its first page, drawn small."""

    pdf: bytes
    thumbnail: bytes


@dataclass(frozen=True)
class Text:
    """A line of text, ``y`` its baseline."""

    x: float
    y: float
    text: str
    face: str
    size: int
    colour: str
    link: str | None = None


@dataclass(frozen=True)
class Rule:
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Portrait:
    x: float
    y: float
    diameter: int
    photo: bytes


Item = Text | Rule | Portrait


# --- measuring and fitting text -----------------------------------------------------------


@functools.cache
def _advances(face: str) -> tuple[dict[int, float], float]:
    """Each character's advance at size 1 (the font's own widths, which the PDF uses: no
    hinting, no kerning), and the advance of the glyph shown for a missing character."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(str(FONTS / face), lazy=True)
    metrics, units = font["hmtx"].metrics, font["head"].unitsPerEm
    widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return widths, metrics[".notdef"][0] / units


@functools.lru_cache(maxsize=4096)
def _unit_width(face: str, text: str) -> float:
    widths, missing = _advances(face)
    return sum(widths.get(ord(char), missing) for char in text)


def measure(face: str, size: int, text: str) -> float:
    """The width of ``text`` in ``face`` at ``size`` points."""
    return _unit_width(face, text) * size


class _Face:
    """What :func:`digestgen.outputs.cards.draw.wrap` measures with: this face at one size."""

    def __init__(self, face: str, size: int):
        self.face, self.size = face, size

    def getlength(self, text: str) -> float:
        return measure(self.face, self.size, text)


def _lines(text: str, face: str, size: int, width: float) -> list[str]:
    return wrap(text, _Face(face, size), int(width))  # type: ignore[arg-type]


def fit(
    text: str,
    face: str,
    box: tuple[float, float],
    sizes: range,
    spacing: float,
    language: str,
) -> tuple[list[str], int, int]:
    """The largest size of ``sizes`` at which ``text`` fits ``box``; else the smallest and the
    text shortened at a word boundary, with an ellipsis. Lines, size and line height."""

    def fits(candidate: str, size: int) -> list[str] | None:
        lines = _lines(candidate, face, size, box[0])
        step = round(size * spacing)
        if len(lines) * step <= box[1] and all(measure(face, size, s) <= box[0] for s in lines):
            return lines
        return None

    for size in sizes:  # largest first
        lines = fits(text, size)
        if lines is not None:
            return lines, size, round(size * spacing)
    size = sizes[-1]
    low, high = 0, len(text.split(" "))
    while low < high:  # the most words that fit at the smallest size
        middle = (low + high + 1) // 2
        if fits(cut(text, middle, language=language), size) is not None:
            low = middle
        else:
            high = middle - 1
    return (
        _lines(cut(text, low, language=language), face, size, box[0]),
        size,
        round(size * spacing),
    )


# --- the pages ----------------------------------------------------------------------------


def _domain(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _right(x: float, y: float, text: str, face: str, size: int, colour: str) -> Text:
    """``text`` ending at ``x``."""
    return Text(x - measure(face, size, text), y, text, face, size, colour)


def carousel_pages(job: CarouselJob) -> list[list[Item]]:
    """Each page as the items drawn on it: the cover, a page per speaker (up to the cap), the
    follow-up stories."""
    colours, language = job.colours, job.language
    width, height = PAGE
    inner = width - 2 * MARGIN
    when = f" · {job.when}"

    def frame(number: int) -> list[Item]:
        """What every page has: the accent rule, the outlet's name, the event and the page."""
        name, size, _ = fit(job.outlet, BOLD, (inner - 160, 40), range(30, 19, -2), 1.2, language)
        page = f"{number} / {job.pages}"
        room = inner - measure(SANS, 24, page) - 48 - measure(SANS, 22, when)
        event = fit(job.event, SANS, (room, 32), range(22, 21, -1), 1.2, language)[0][0]
        return [
            Rule(MARGIN, MARGIN, 120, 10, colours.accent),
            _right(width - MARGIN, MARGIN + 30, name[0], BOLD, size, colours.text),
            _right(width - MARGIN, height - MARGIN, page, SANS, 24, colours.muted),
            Text(MARGIN, height - MARGIN, event + when, SANS, 22, colours.muted),  # the day whole
        ]

    pages = [_cover(frame(1), job)]
    for number, speaker in enumerate(job.speakers, start=2):
        pages.append(_speaker(frame(number), speaker, colours, language))
    pages.append(_further(frame(job.pages), job))
    return pages


def _speaker(
    items: list[Item], speaker: SpeakerPage, colours: Palette, language: str
) -> list[Item]:
    """A speaker's page: the quote as large as it fits, above who said it."""
    width, height = PAGE
    left = MARGIN + (PORTRAIT + 40 if speaker.photo else 0)
    block_bottom = height - MARGIN - 96
    role_lines, role_size, role_step = fit(
        speaker.role, SANS, (width - MARGIN - left, 3 * 40), range(30, 21, -2), 1.3, language
    )
    name, name_size, _ = fit(
        speaker.name, BOLD, (width - MARGIN - left, 52), range(42, 27, -2), 1.2, language
    )
    name_y = block_bottom - len(role_lines) * role_step - 8
    items.append(Text(left, name_y, name[0], BOLD, name_size, colours.text))
    for i, line in enumerate(role_lines, start=1):
        items.append(Text(left, name_y + 8 + i * role_step, line, SANS, role_size, colours.muted))
    block_top = name_y - name_size
    if speaker.photo:
        photo_top = block_bottom + 8 - PORTRAIT
        items.append(Portrait(MARGIN, photo_top, PORTRAIT, speaker.photo))
        block_top = min(block_top, photo_top)
    quote_top = MARGIN + 110
    box = (width - 2 * MARGIN, block_top - 64 - quote_top)
    lines, size, step = fit(speaker.quote, SERIF, box, range(76, 33, -2), 1.3, language)
    y = quote_top + round(size * 0.9)
    for line in lines:
        items.append(Text(MARGIN, y, line, SERIF, size, colours.text))
        y += step
    return items


def _cover(items: list[Item], job: CarouselJob) -> list[Item]:
    """The first page, the post's thumbnail in the feed: what the event was, who spoke."""
    colours, language = job.colours, job.language
    kicker, swipe, _ = job.words
    width, height = PAGE
    inner = width - 2 * MARGIN
    y = MARGIN + 190
    items.append(Text(MARGIN, y, kicker, BOLD, 36, colours.accent))
    lines, size, step = fit(job.event, BOLD, (inner, 380), range(96, 47, -4), 1.15, language)
    y += 24
    for line in lines:
        y += step
        items.append(Text(MARGIN, y, line, BOLD, size, colours.text))
    y += 24
    for said in (job.when, job.place):
        if said:
            y += 48
            shown = fit(said, SANS, (inner, 44), range(32, 31, -1), 1.2, language)[0][0]
            items.append(Text(MARGIN, y, shown, SANS, 32, colours.muted))
    swipe_y = height - MARGIN - 96
    step = max(min(56, int((swipe_y - 72 - y - 24) / max(len(job.speakers), 1))), 24)
    name_size = min(34, int(step / 1.4))
    y += 24
    for speaker in job.speakers:  # a line each: the name, then the organisation, cut to fit
        y += step
        name, size, _ = fit(
            speaker.name, BOLD, (inner, step), range(name_size, 15, -2), 1.2, language
        )
        items.append(Text(MARGIN, y, name[0], BOLD, size, colours.text))
        rest = measure(BOLD, size, name[0]) + 20
        small = range(size - 4, size - 5, -1)
        organization = fit(speaker.organization, SANS, (inner - rest, step), small, 1.2, language)
        items.append(Text(MARGIN + rest, y, organization[0][0], SANS, size - 4, colours.muted))
    items.append(Text(MARGIN, swipe_y, swipe, BOLD, 34, colours.accent))
    return items


def _stories(
    stories: Sequence[Story], top: float, bottom: float, language: str
) -> tuple[list[tuple[list[str], Story]], int, int]:
    """The follow-up stories that fit between ``top`` and ``bottom``: all of them at the
    largest size that lets them, else as many as fit at the smallest."""
    inner = PAGE[0] - 2 * MARGIN
    laid: list[tuple[list[str], Story]] = []
    for size in range(38, 25, -2):
        laid, step, y = [], round(size * 1.25), top
        for story in stories:
            one = range(size, size - 1, -1)
            lines = fit(story.title, BOLD, (inner, 3 * step), one, 1.25, language)[0]
            y += 48 + len(lines) * step + 38
            if y > bottom:
                break
            laid.append((lines, story))
        if len(laid) == len(stories):
            break
    return laid, size, step


def _further(items: list[Item], job: CarouselJob) -> list[Item]:
    """The last page: the follow-up stories (each a link in the PDF), then the recap's link."""
    colours, language = job.colours, job.language
    width, height = PAGE
    y = MARGIN + 110
    heading, size, step = fit(
        job.further_title, BOLD, (width - 2 * MARGIN, 160), range(64, 39, -4), 1.15, language
    )
    for line in heading:
        y += step
        items.append(Text(MARGIN, y, line, BOLD, size, colours.text))
    recap_y = height - MARGIN - 150
    laid, size, step = _stories(job.stories, y, recap_y - 80, language)
    for lines, story in laid:
        y += 48
        for line in lines:
            y += step
            items.append(Text(MARGIN, y, line, BOLD, size, colours.text, story.url))
        y += 38
        items.append(Text(MARGIN, y, story.domain, SANS, 26, colours.accent, story.url))
    recap = job.recap
    items.append(Text(MARGIN, recap_y, recap.title, BOLD, 34, colours.text, recap.url))
    items.append(Text(MARGIN, recap_y + 46, recap.domain, SANS, 28, colours.accent, recap.url))
    return items


# --- drawing ------------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _new_pdf() -> FPDF:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=PAGE)
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    for face, (family, style) in _FACES.items():
        pdf.add_font(family, style, str(FONTS / face))
    return pdf


def _round_photo(photo: bytes, diameter: int) -> Any:
    from PIL import Image

    from digestgen.outputs.cards.draw import _round

    return _round(Image.open(io.BytesIO(photo)), diameter)


def write_pdf(job: CarouselJob, pages: Sequence[Sequence[Item]]) -> bytes:
    """The pages as a PDF whose bytes depend on ``job`` only."""
    import datetime

    pdf = _new_pdf()
    pdf.set_title(job.title)
    pdf.set_author(job.outlet)
    pdf.set_lang(job.language)
    pdf.set_creator("digestgen")
    day = datetime.date.fromisoformat(job.day)
    pdf.set_creation_date(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC))
    for items in pages:
        pdf.add_page()
        pdf.set_fill_color(*_rgb(job.colours.background))
        pdf.rect(0, 0, PAGE[0], PAGE[1], style="F")
        for item in items:
            if isinstance(item, Rule):
                pdf.set_fill_color(*_rgb(item.colour))
                pdf.rect(item.x, item.y, item.width, item.height, style="F")
            elif isinstance(item, Portrait):
                image = _round_photo(item.photo, item.diameter * 2)
                pdf.image(image, item.x, item.y, item.diameter, item.diameter)
            else:
                family, style = _FACES[item.face]
                pdf.set_font(family, style, item.size)
                pdf.set_text_color(*_rgb(item.colour))
                pdf.text(item.x, item.y, item.text)
                if item.link:
                    w = measure(item.face, item.size, item.text)
                    pdf.link(item.x, item.y - item.size, w, item.size * 1.25, item.link)
    return bytes(pdf.output())


def draw_thumbnail(items: Sequence[Item], background: str, scale: float = THUMBNAIL_SCALE) -> bytes:
    """A page drawn by Pillow, ``scale`` times its size, as PNG bytes."""
    from PIL import Image, ImageDraw

    from digestgen.outputs.cards.draw import font

    size = (round(PAGE[0] * scale), round(PAGE[1] * scale))
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    for item in items:
        if isinstance(item, Rule):
            x, y = item.x * scale, item.y * scale
            draw.rectangle(
                (x, y, x + item.width * scale, y + item.height * scale), fill=item.colour
            )
        elif isinstance(item, Portrait):
            portrait = _round_photo(item.photo, round(item.diameter * scale))
            image.paste(portrait, (round(item.x * scale), round(item.y * scale)), portrait)
        else:
            face = font(item.face, max(round(item.size * scale), 6))
            xy = (item.x * scale, item.y * scale)
            draw.text(xy, item.text, font=face, fill=item.colour, anchor="ls")
    out = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG")
    return out.getvalue()


def make_carousel(job: CarouselJob) -> Carousel:
    """The carousel's PDF and its first page, drawn small."""
    pages = carousel_pages(job)
    pdf = write_pdf(job, pages)
    if len(pdf) > MOST_BYTES:  # pages of text and a few portraits: far from it
        raise ValueError(f"the carousel is {len(pdf)} bytes, over LinkedIn's {MOST_BYTES}")
    return Carousel(pdf, draw_thumbnail(pages[0], job.colours.background))


# --- made meanwhile, and kept -------------------------------------------------------------


@functools.cache
def _fingerprint() -> bytes:
    """What shapes every carousel besides its job: the fonts, the versions of the code."""
    from importlib.metadata import version

    from digestgen import __version__

    versions = f"digestgen {__version__}\nfpdf2 {version('fpdf2')}\npillow {version('pillow')}\n"
    digest = hashlib.sha256(versions.encode())
    for face in sorted(_FACES):
        digest.update(face.encode() + hashlib.sha256((FONTS / face).read_bytes()).digest())
    # and this module's code, so that a changed layout is not read back under the same version
    digest.update(hashlib.sha256(Path(__file__).read_bytes()).digest())
    return digest.digest()


def _key(job: CarouselJob) -> str:
    digest = hashlib.sha256(_fingerprint() + repr(job).encode("utf-8"))
    for speaker in job.speakers:
        digest.update(hashlib.sha256(speaker.photo or b"").digest())
    return digest.hexdigest()


def _kept(job: CarouselJob) -> Carousel | None:
    """The carousel the user cache keeps for ``job``, if it has one."""
    where = cache.folder()
    if where is None:
        return None
    key = _key(job)
    try:
        pdf = (where / f"{key}.carousel.pdf").read_bytes()
        thumbnail = (where / f"{key}.carousel.png").read_bytes()
    except OSError:
        return None
    return Carousel(pdf, thumbnail)


def _keep(job: CarouselJob, carousel: Carousel) -> None:
    """Keep ``carousel`` in the user cache: each file written whole or not at all."""
    where = cache.folder()
    if where is None:
        return
    key = _key(job)
    temporary = where / f"{key}.carousel.{os.getpid()}.tmp"
    try:
        where.mkdir(parents=True, exist_ok=True)
        for suffix, content in (("png", carousel.thumbnail), ("pdf", carousel.pdf)):
            temporary.write_bytes(content)
            temporary.replace(where / f"{key}.carousel.{suffix}")
    except OSError:
        temporary.unlink(missing_ok=True)


class PendingCarousel:
    """A carousel being made in a forked process while the build renders the rest; its note
    is known at once, and one the cache or this process already has is not made again."""

    def __init__(self, job: CarouselJob, pool: Any = None):
        self.job, self.note = job, carousel_note(job)
        self._made = _MADE.get(job) or _kept(job)
        self._reader: Any = None
        self._process: Any = None
        self._async: Any = None
        if self._made is None and pool is not None:
            # The preview's own card workers, forked before its server's threads: the PDF is
            # made there while this process renders the rest.
            self._async = pool.apply_async(make_carousel, (job,))
        elif self._made is None and _can_fork():
            import multiprocessing

            context = multiprocessing.get_context("fork")
            self._reader, writer = context.Pipe(duplex=False)
            self._process = context.Process(target=_made_elsewhere, args=(writer, job))
            self._process.daemon = True  # a build that fails does not wait for it
            self._process.start()
            writer.close()

    def result(self) -> Carousel:
        """The carousel, once made (here, when it could not be made elsewhere)."""
        if self._made is None:
            made = self._received() if self._process is not None else None
            if self._async is not None:
                made, self._async = self._async.get(), None
            if isinstance(made, BaseException):
                raise made
            self._made = made if isinstance(made, Carousel) else make_carousel(self.job)
            _keep(self.job, self._made)
        _MADE.clear()  # the preview's last carousel is enough
        _MADE[self.job] = self._made
        return self._made

    def _received(self) -> Carousel | BaseException | None:
        try:
            made: Carousel | BaseException = self._reader.recv()
        except EOFError:  # the process died: make it here
            return None
        finally:
            self._reader.close()
            self._process.join()
            self._process = None
        return made

    def close(self) -> None:
        """Stop making it (the build gave up)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None


_MADE: dict[CarouselJob, Carousel] = {}  # this process's last carousel: a preview rebuild


def _made_elsewhere(writer: Any, job: CarouselJob) -> None:
    try:
        writer.send(make_carousel(job))
    except Exception as exc:  # handed to the build, which raises it
        writer.send(exc)
    finally:
        writer.close()


def _can_fork() -> bool:
    import multiprocessing
    import threading

    return (
        (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        # a pool's worker cannot have children, and a process with threads (the preview's
        # server) is not safe to fork
        and not multiprocessing.current_process().daemon
        and threading.active_count() == 1
    )


def start_carousel(
    view: View, photos: Sequence[bytes | None] = (), pool: Any = None
) -> PendingCarousel:
    """Start making the digest's carousel and return at once (in ``pool``, a long-running
    process's workers, when it has them)."""
    return PendingCarousel(carousel_job(view, photos), pool)


def render_carousel(view: View, photos: Sequence[bytes | None] = ()) -> Carousel:
    """The digest's carousel, made here."""
    return make_carousel(carousel_job(view, photos))
