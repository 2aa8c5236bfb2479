"""Checks of the recap's link card, network by network: what each network's card of the recap
page (``event.link_card``, as ``enrich`` and ``draft`` read its Open Graph and Twitter Card
tags) would lose by that network's rules (``Platform.link_card``): no image, an http image, an
image under the network's minimum or of another ratio, a title or description past its cut,
X's small card for want of ``twitter:card``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from digestgen.checks.base import Check, Finding, Material, check
from digestgen.platforms.registry import PLATFORMS
from digestgen.text.catalog import T_, import_babel

if TYPE_CHECKING:
    from digestgen.content.models import LinkCard
    from digestgen.platforms.base import LinkCardRules, Platform
    from digestgen.text.language import Language

RATIO_TOLERANCE = 0.1  # an image within 10 % of the network's ratio loses little to its crop


def _cards(material: Material) -> Iterator[tuple[Platform, LinkCardRules, LinkCard, str]]:
    """Each network with card rules, its rules, the digest's card and where the card is."""
    card = material.loaded.digest.event.link_card
    if card is None:
        return
    where = material.at(("event", "link_card"))
    for platform in PLATFORMS.values():
        if platform.link_card is not None:
            yield platform, platform.link_card, card, where


def _minimum(rules: LinkCardRules, card: LinkCard) -> tuple[tuple[int, int], float]:
    small = rules.small(card)
    return (rules.small_min_size, rules.small_ratio) if small else (rules.min_size, rules.ratio)


@check(
    "<platform>-card-no-image",
    "warning",
    message=T_("finding:card-no-image", "the {platform} card of the recap's link has no image"),
    fix=T_(
        "fix:card-no-image",
        "give the recap page an og:image of at least {width} × {height} pixels",
    ),
    what="the recap page has no `og:image` (X: nor `twitter:image`): the network's card of "
    "the link shows no picture",
)
def _no_image(material: Material, this: Check) -> Iterator[Finding]:
    for platform, rules, card, where in _cards(material):
        if rules.image(card) is None:
            (width, height), _ = _minimum(rules, card)
            yield this.finding(
                material,
                where,
                of_platform=platform.name,
                platform=platform.label,
                width=width,
                height=height,
            )


@check(
    "<platform>-card-image-http",
    "warning",
    message=T_(
        "finding:card-image-http", "the {platform} card's image is not at an https address: {url}"
    ),
    fix=T_("fix:card-image-http", "serve the recap page's og:image over https"),
    what="the card's image is at an `http://` address, which networks may not show",
)
def _image_http(material: Material, this: Check) -> Iterator[Finding]:
    for platform, rules, card, where in _cards(material):
        image = rules.image(card)
        if image is not None and not image[0].lower().startswith("https://"):
            yield this.finding(
                material,
                where,
                of_platform=platform.name,
                platform=platform.label,
                url=image[0],
            )


@check(
    "<platform>-card-image-small",
    "warning",
    message=T_(
        "finding:card-image-small",
        "the {platform} card's image is {width} × {height} pixels; {platform} shows a large "
        "image from {min_width} × {min_height}",
    ),
    fix=T_(
        "fix:card-image-small",
        "give the recap page an og:image of at least {min_width} × {min_height} pixels",
    ),
    what="the card's image (`og:image:width` and `height`) is under the network's minimum: "
    "a small thumbnail, or no picture",
)
def _image_small(material: Material, this: Check) -> Iterator[Finding]:
    for platform, rules, card, where in _cards(material):
        image = rules.image(card)
        if image is None or image[1] is None or image[2] is None:
            continue
        (min_width, min_height), _ = _minimum(rules, card)
        if image[1] < min_width or image[2] < min_height:
            yield this.finding(
                material,
                where,
                of_platform=platform.name,
                platform=platform.label,
                width=image[1],
                height=image[2],
                min_width=min_width,
                min_height=min_height,
            )


@check(
    "<platform>-card-image-ratio",
    "warning",
    message=T_(
        "finding:card-image-ratio",
        "the {platform} card's image is {ratio}:1; {platform} crops it to {wanted}:1",
    ),
    fix=T_(
        "fix:card-image-ratio", "give the recap page an og:image of {wanted}:1 (1200 × 630 pixels)"
    ),
    what="the card's image is more than 10 % off the network's ratio (1.91:1 for most, 2:1 "
    "for X's large card): the network crops it",
)
def _image_ratio(material: Material, this: Check) -> Iterator[Finding]:
    language = material.loaded.language
    for platform, rules, card, where in _cards(material):
        image = rules.image(card)
        if image is None or image[1] is None or image[2] is None:
            continue
        _, wanted = _minimum(rules, card)
        ratio = image[1] / image[2]
        if abs(ratio / wanted - 1) > RATIO_TOLERANCE:
            yield this.finding(
                material,
                where,
                of_platform=platform.name,
                platform=platform.label,
                ratio=_ratio(ratio, language),
                wanted=_ratio(wanted, language),
            )


def _ratio(value: float, language: Language) -> str:
    """A ratio as the digest's language writes it: ``1,91`` / ``1.91``, ``2``."""
    import_babel()
    from babel.numbers import format_decimal

    return str(format_decimal(round(value, 2), format="0.##", locale=language))


@check(
    "<platform>-card-title-cut",
    "warning",
    message=T_(
        "finding:card-title-cut",
        "the {platform} card cuts the page's title after {shown} of its {length} characters",
    ),
    fix=T_("fix:card-title-cut", "shorten the recap page's og:title"),
    what="the card's title (`og:title`; X: `twitter:title` first) is longer than the network shows",
)
def _title_cut(material: Material, this: Check) -> Iterator[Finding]:
    for platform, rules, card, where in _cards(material):
        title = rules.title(card)
        if title and len(title) > rules.title_chars:
            yield this.finding(
                material,
                where,
                of_platform=platform.name,
                platform=platform.label,
                shown=rules.title_chars - 1,
                length=len(title),
            )


@check(
    "<platform>-card-description-cut",
    "warning",
    message=T_(
        "finding:card-description-cut",
        "the {platform} card cuts the page's description after {shown} of its {length} characters",
    ),
    fix=T_("fix:card-description-cut", "shorten the recap page's og:description"),
    what="the card's description (`og:description`) is longer than the network shows, where "
    "it shows one",
)
def _description_cut(material: Material, this: Check) -> Iterator[Finding]:
    for platform, rules, card, where in _cards(material):
        text = card.description
        if text and rules.description_lines and len(text) > rules.description_chars:
            yield this.finding(
                material,
                where,
                of_platform=platform.name,
                platform=platform.label,
                shown=rules.description_chars - 1,
                length=len(text),
            )


@check(
    "<platform>-card-small",
    "warning",
    message=T_(
        "finding:card-small",
        "the recap page has no twitter:card summary_large_image: {platform} shows a small card",
    ),
    fix=T_(
        "fix:card-small",
        'add <meta name="twitter:card" content="summary_large_image"> to the recap page',
    ),
    what="X without `twitter:card` (or with `summary`) falls back to its small card: a square "
    "thumbnail beside the title",
)
def _small(material: Material, this: Check) -> Iterator[Finding]:
    for platform, rules, card, where in _cards(material):
        if rules.small(card):
            yield this.finding(material, where, of_platform=platform.name, platform=platform.label)
