"""Drawing one quote card: a :class:`CardJob` (what shapes its pixels) into PNG bytes.

Drawn with Pillow in DejaVu fonts shipped with digestgen (Bitstream Vera licence, in
``fonts/LICENSE.txt``). The quote is typeset by the digest's language rules, so a French « or !
never starts a line; text wraps, then shrinks, then is shortened at a word boundary with an
ellipsis. Every text colour is checked against its background for WCAG AA (4.5:1).
Deterministic: the same digest gives byte-identical PNGs.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from digestgen import PACKAGE
from digestgen.platforms.registry import card_sizes
from digestgen.render.colors import contrast_ratio, ensure_contrast, readable_on
from digestgen.render.shortening import cut

if TYPE_CHECKING:
    from PIL import Image as PILImage
    from PIL.ImageFont import FreeTypeFont

FONTS = PACKAGE / "fonts"
SIZES = (
    card_sizes()
)  # by platform: the records of digestgen.platforms.registry say which and how big
MARGIN = 64  # the safe area: nothing but the background outside it
MINIMUM_CONTRAST = 4.5


@dataclass(frozen=True)
class Card:
    name: str  # path under out/<slug>/, e.g. cards/constance-nebbula-x.png
    platform: str
    alt: str
    png: bytes


@functools.cache
def font(name: str, size: int) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / name), size)


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    muted: str
    accent: str

    def check(self) -> None:
        """Refuse a palette whose text would fail WCAG AA (a bug, not an editor's problem)."""
        for colour in (self.text, self.muted, self.accent):
            ratio = contrast_ratio(colour, self.background)
            if ratio < MINIMUM_CONTRAST:
                raise ValueError(f"{colour} on {self.background} is {ratio:.2f}:1")


def palette(primary: str) -> Palette:
    """The brand's primary colour as background, darkened if need be, with readable text."""
    text = readable_on(primary)
    background = ensure_contrast(primary, text, 7.0)  # room for the softer muted text
    muted = ensure_contrast("#c9d6e3" if text == "#ffffff" else "#3b4650", background)
    accent = ensure_contrast("#ffd166" if text == "#ffffff" else "#7a4d00", background)
    result = Palette(background, text, muted, accent)
    result.check()
    return result


@functools.lru_cache(maxsize=8192)
def _length(face: FreeTypeFont, text: str) -> float:
    """``face.getlength(text)``, remembered: the same trial lines come back from one size to
    the next, and from the LinkedIn card to the X one."""
    return float(face.getlength(text))


def wrap(text: str, face: FreeTypeFont, width: int) -> list[str]:
    """Lines of ``text`` no wider than ``width``; words break only at ordinary spaces."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if not line or _length(face, trial) <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _fits(text: str, face: FreeTypeFont, box: tuple[int, int], step: int) -> list[str] | None:
    lines = wrap(text, face, box[0])
    if len(lines) * step <= box[1] and all(_length(face, s) <= box[0] for s in lines):
        return lines
    return None


@functools.lru_cache(maxsize=1024)  # the outlet's name and the footer are on every card
def fit_text(
    text: str, face_name: str, box: tuple[int, int], sizes: range, spacing: float = 1.3
) -> tuple[list[str], FreeTypeFont, int]:
    """The largest size at which ``text`` fits ``box`` (width, height); else the smallest size
    and ``text`` shortened at a word boundary. Returns lines (not to be changed: they are
    shared), font and line height."""
    candidates = list(sizes)  # largest first
    low, high = 0, len(candidates) - 1
    best: tuple[list[str], FreeTypeFont, int] | None = None
    while low <= high:  # a larger size never fits where a smaller one does not
        middle = (low + high) // 2
        face = font(face_name, candidates[middle])
        step = round(candidates[middle] * spacing)
        lines = _fits(text, face, box, step)
        if lines is not None:
            best, high = (lines, face, step), middle - 1
        else:
            low = middle + 1
    if best is not None:
        return best
    face = font(face_name, candidates[-1])
    step = round(candidates[-1] * spacing)
    low, high = 0, len(text.split(" "))
    while low < high:  # the most words that fit at the smallest size
        middle = (low + high + 1) // 2
        if _fits(cut(text, middle), face, box, step) is not None:
            low = middle
        else:
            high = middle - 1
    return wrap(cut(text, low), face, box[0]), face, step


PORTRAIT = 128  # the diameter of a speaker's round photo


def _round(photo: PILImage.Image, diameter: int) -> PILImage.Image:
    from PIL import Image, ImageDraw, ImageOps

    square = ImageOps.fit(photo.convert("RGB"), (diameter * 2, diameter * 2))
    mask = Image.new("L", square.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, *square.size), fill=255)
    square.putalpha(mask)
    return square.resize((diameter, diameter), Image.Resampling.LANCZOS)


def _text(
    draw: Any, xy: tuple[int, int], text: str, face: FreeTypeFont, fill: str, anchor: str
) -> None:
    """Draw ``text`` so that its ink, not just its origin, stays where it is anchored: a J or
    a « may lean out of its left side bearing, which would cross the safe margin."""
    left, _, right, _ = face.getbbox(text, anchor=anchor)
    x, y = xy
    shift = min(left, 0) if anchor[0] == "l" else max(right, 0) if anchor[0] == "r" else 0
    draw.text((x - shift, y), text, font=face, fill=fill, anchor=anchor)


@dataclass(frozen=True)
class CardJob:
    """Everything that shapes one card's pixels (with the fonts and the versions of digestgen
    and Pillow, which the user cache adds to its key)."""

    size: tuple[int, int]
    colours: Palette
    quote: str
    name: str
    attribution: str
    footer: str
    outlet: str
    photo_bytes: bytes | None = None


def draw_card(job: CardJob) -> bytes:
    """One card as PNG bytes."""
    from PIL import Image, ImageDraw

    size, colours, photo_bytes = job.size, job.colours, job.photo_bytes
    quote, name, attribution, footer, outlet = (
        job.quote,
        job.name,
        job.attribution,
        job.footer,
        job.outlet,
    )

    photo = Image.open(io.BytesIO(photo_bytes)) if photo_bytes else None

    width, height = size
    image: PILImage.Image = Image.new("RGB", size, colours.background)
    draw = ImageDraw.Draw(image)
    inner = width - 2 * MARGIN
    bottom = height - MARGIN

    # Top: the accent rule and the outlet's name.
    draw.rectangle((MARGIN, MARGIN, MARGIN + 96, MARGIN + 8), fill=colours.accent)
    outlet_lines, outlet_face, _ = fit_text(
        outlet, "DejaVuSans-Bold.ttf", (inner - 128, 40), range(26, 17, -2)
    )
    _text(draw, (width - MARGIN, MARGIN), outlet_lines[0], outlet_face, colours.text, "rt")

    # Bottom: the event and its date.
    footer_lines, footer_face, _ = fit_text(
        footer, "DejaVuSans.ttf", (inner, 40), range(24, 17, -2)
    )
    _text(draw, (MARGIN, bottom), footer_lines[0], footer_face, colours.muted, "ld")

    # Above it: who said it, beside their portrait when there is one.
    left = MARGIN + (PORTRAIT + 32 if photo is not None else 0)
    text_width = width - MARGIN - left
    attribution_lines, attribution_face, attribution_step = fit_text(
        attribution, "DejaVuSans.ttf", (text_width, 2 * 34), range(26, 17, -2)
    )
    name_lines, name_face, _ = fit_text(
        name, "DejaVuSans-Bold.ttf", (text_width, 44), range(32, 21, -2)
    )
    block_bottom = bottom - 56
    block_top = block_bottom - 40 - len(attribution_lines) * attribution_step
    if photo is not None:
        block_top = min(block_top, block_bottom - PORTRAIT)
        portrait = _round(photo, PORTRAIT)
        image.paste(portrait, (MARGIN, block_bottom - PORTRAIT), portrait)
    y = block_bottom - len(attribution_lines) * attribution_step
    _text(draw, (left, y - 8), name_lines[0], name_face, colours.text, "ls")
    for line in attribution_lines:
        y += attribution_step
        _text(draw, (left, y - 8), line, attribution_face, colours.muted, "ls")

    # The quote fills what is left, as large as it can be.
    top = MARGIN + 56
    box = (inner, block_top - 40 - top)
    lines, face, step = fit_text(quote, "DejaVuSerif.ttf", box, range(60, 27, -2))
    y = top + round(step * 0.8)
    for line in lines:
        _text(draw, (MARGIN, y), line, face, colours.text, "ls")
        y += step

    # 64 colours keep the anti-aliased text smooth, and make the file a third and the
    # encoding twice as fast as full colour.
    out = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG")
    return out.getvalue()
