"""Every platform digestgen drafts for, in the order of ``social.json`` and of the preview.

A platform is one module of :mod:`digestgen.platforms` declaring its :class:`Platform`
record (``PLATFORM``), and a template ``social/<name>.txt.j2``; it is listed here once. The
content models read their per-platform fields from these records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from digestgen.platforms import bluesky, facebook, linkedin, mastodon, threads, x
from digestgen.platforms.base import Platform

if TYPE_CHECKING:
    from digestgen.content.models import Outlet

PLATFORMS: dict[str, Platform] = {
    module.PLATFORM.name: module.PLATFORM
    for module in (linkedin, x, bluesky, mastodon, threads, facebook)
}
"""Every platform, in the order of ``social.json`` and of the preview."""


def platforms_for(outlet: Outlet) -> dict[str, Platform]:
    """:data:`PLATFORMS` as they apply to ``outlet`` (its Mastodon server's limits)."""
    return {
        name: platform.adapt(platform, outlet) if platform.adapt else platform
        for name, platform in PLATFORMS.items()
    }


def card_sizes() -> dict[str, tuple[int, int]]:
    """The platforms that have their own share images, and their size."""
    return {p.name: p.card_size for p in PLATFORMS.values() if p.card_size}
