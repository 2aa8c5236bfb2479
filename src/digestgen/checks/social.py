"""Checks of the social drafts: a post still over its platform's limit after shortening, a
hook longer than what the platform shows before "…see more"."""

from __future__ import annotations

from collections.abc import Iterator

from digestgen.checks.base import Check, Finding, Material, check
from digestgen.platforms.registry import PLATFORMS
from digestgen.text.catalog import T_

_SHOWN = ", ".join(
    f"{platform.label} {platform.hook_limit} characters"
    for platform in PLATFORMS.values()
    if platform.hook_limit
)


@check(
    "<platform>-too-long",
    "error",
    message=T_(
        "finding:too-long", "{platform} post {number} is {length} long; the limit is {limit}"
    ),
    fix=T_("fix:too-long", "shorten the URL or the text it comes from"),
    needs=("drafts",),
    what="a social post still over its limit after shortening",
)
def _too_long(material: Material, this: Check) -> Iterator[Finding]:
    for name, draft in (material.drafts or {}).items():
        for number in draft.over:
            yield this.finding(
                material,
                f"social/{name}.txt",
                of_platform=name,
                platform=draft.platform.label,
                number=number + 1,
                length=draft.posts[number].length,
                limit=draft.platform.limit,
            )


@check(
    "<platform>-hook",
    "warning",
    message=T_(
        "finding:hook", "the {platform} hook is {length} characters; {platform} shows {shown}"
    ),
    fix=T_("fix:hook", "shorten issue.subject"),
    needs=("drafts",),
    what=f'a single post\'s first line longer than what its platform shows before "…see more" '
    f"({_SHOWN})",
)
def _hook(material: Material, this: Check) -> Iterator[Finding]:
    for name, draft in (material.drafts or {}).items():
        shown = draft.platform.hook_limit
        hook = draft.posts[0].text.split("\n", 1)[0] if draft.posts else ""
        if shown and len(hook) > shown:
            yield this.finding(
                material,
                f"social/{name}.txt",
                of_platform=name,
                platform=draft.platform.label,
                length=len(hook),
                shown=shown,
            )
