"""Checks of the rendered email itself, whatever templates made it: its weight against
Gmail's clip, its unsubscribe link, its images' widths, its email service's tags."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digestgen.checks.base import Check, Finding, Material, check
from digestgen.content.esp import preset
from digestgen.text.catalog import T_
from digestgen.text.formats import kilobytes

GMAIL_CLIP = 102 * 1024
SIZE_WARNING = 80 * 1024
_BLOCK = re.compile(r"<!-- (?:block:([\w-]+)|(further-reading):start) -->")


def block_sizes(html: str) -> dict[str, int]:
    """Bytes of each block of the inlined email, from its marker to the next one."""
    marks = [(m.start(), m.group(1) or m.group(2)) for m in _BLOCK.finditer(html)]
    end = html.rfind("</body>")
    sizes = {}
    for (start, name), (stop, _) in zip(marks, [*marks[1:], (end, "")], strict=True):
        sizes[name] = len(html[start:stop].encode("utf-8"))
    return sizes


@check(
    "email-size",
    "warning",
    message=T_(
        "finding:email-size",
        "the email weighs {size}; Gmail clips it from 102 KB (heaviest: {heaviest})",
    ),
    fix=T_(
        "fix:email-size",
        "shorten or cut the heaviest blocks: quotes, summaries, follow-up stories",
    ),
    needs=("html",),
    levels="warning from 80 KB, error from 102 KB",
    what="the email's weight against Gmail's clip, with the bytes of each block (`header`, "
    "`hero`, `highlights`, `speaker-N`, `further-reading`, `footer`) so the editor knows what "
    "to cut",
)
def _size(material: Material, this: Check) -> Iterator[Finding]:
    assert material.html is not None
    size = len(material.html.encode("utf-8"))
    if size < SIZE_WARNING:
        return
    language = material.loaded.language
    blocks = dict(sorted(block_sizes(material.html).items(), key=lambda item: -item[1]))
    heaviest = ", ".join(
        f"{name} {kilobytes(bytes_, language)}" for name, bytes_ in list(blocks.items())[:4]
    )
    yield this.finding(
        material,
        "newsletter.html",
        level="error" if size >= GMAIL_CLIP else "warning",
        details={"bytes": size, "blocks": blocks},
        size=kilobytes(size, language),
        heaviest=heaviest,
    )


@check(
    "no-unsubscribe",
    "error",
    message=T_(
        "finding:no-unsubscribe",
        "the email has no unsubscribe link; the law and the inbox providers require one",
    ),
    fix=T_(
        "fix:no-unsubscribe",
        "keep `unsubscribe_href` in the footer of templates/email/newsletter.html.j2",
    ),
    needs=("html",),
    what="the rendered email lacks the unsubscribe link (a template override lost it)",
)
def _unsubscribe(material: Material, this: Check) -> Iterator[Finding]:
    from digestgen.outputs.newsletter import href_value  # what only this check needs

    if f'href="{href_value(material.loaded.outlet.unsubscribe)}"' not in (material.html or ""):
        yield this.finding(material, "newsletter.html")


@check(
    "image-width",
    "warning",
    message=T_(
        "finding:image-width",
        "an image has no width attribute ({src}); Outlook then shows it at its full size",
    ),
    fix=T_("fix:image-width", "give the image a width (`width:` in the YAML, or in the template)"),
    needs=("html",),
    what="an `<img>` without a pixel `width`",
)
def _image_width(material: Material, this: Check) -> Iterator[Finding]:
    for tag in re.findall(r"<img\b[^>]*>", material.html or ""):
        if not re.search(r"\swidth=\"\d+\"", tag):
            src = re.search(r'src="([^"]*)"', tag)
            yield this.finding(material, "newsletter.html", src=src.group(1) if src else "—")


@check(
    "esp-tag-missing",
    "error",
    message=T_(
        "finding:esp-tag-missing", "the email lacks {tag}, which {service} requires; {consequence}"
    ),
    fix=T_(
        "fix:esp-tag-missing",
        "keep {tag} in the template (unsubscribe_href, postal_address), or remove "
        "`unsubscribe:` from outlet.yaml to use the service's own",
    ),
    needs=("html",),
    what="a merge tag the outlet's email service requires is missing from the email",
)
def _service(material: Material, this: Check) -> Iterator[Finding]:
    loaded = material.loaded
    service = preset(loaded.outlet.esp)
    if service is None:
        return
    for tag in service.required_tags(loaded.language):
        if tag not in (material.html or ""):
            yield this.finding(
                material,
                "newsletter.html",
                tag=tag,
                service=service.label,
                consequence=service.consequence(loaded.language),
            )
