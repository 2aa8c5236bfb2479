"""Findings about a rendered digest: what a reader's inbox or a platform would punish.

Pure functions over what was rendered; the preview page shows them, and `digestgen check`
reports them.
"""

from __future__ import annotations

from dataclasses import dataclass

from digestgen.load import Loaded
from digestgen.social import LINKEDIN_HOOK, Draft

GMAIL_CLIP = 102 * 1024
SIZE_WARNING = 80 * 1024


@dataclass(frozen=True)
class Finding:
    """One thing to look at before sending: its level, a stable code, where, and what to do."""

    level: str  # "error" or "warning"
    code: str
    message: str
    where: str = ""
    fix: str = ""


def check_rendered(loaded: Loaded, html: str, drafts: dict[str, Draft]) -> list[Finding]:
    """Findings about the email's size, the issue's lengths and the social posts."""
    found: list[Finding] = []
    size = len(html.encode("utf-8"))
    if size >= SIZE_WARNING:
        found.append(
            Finding(
                "error" if size >= GMAIL_CLIP else "warning",
                "email-size",
                f"the email weighs {size / 1024:.1f} KB; Gmail clips it from 102 KB",
                "newsletter.html",
                "shorten the quotes or the further-reading summaries",
            )
        )
    for problem in loaded.warnings():
        found.append(
            Finding(
                "warning",
                f"{problem.loc.replace('.', '-')}-length",
                problem.message,
                f"{problem.path}:{problem.line}",
                "rewrite it to the length inboxes show",
            )
        )
    for name, draft in drafts.items():
        for number in draft.over:
            post = draft.posts[number]
            found.append(
                Finding(
                    "error",
                    f"{name}-too-long",
                    f"{draft.platform.label} post {number + 1} is {post.length} long; "
                    f"the limit is {draft.platform.limit}",
                    f"social/{name}.txt",
                    "shorten the URL or the text it comes from",
                )
            )
    linkedin = drafts.get("linkedin")
    if linkedin and linkedin.posts:
        hook = linkedin.posts[0].text.split("\n", 1)[0]
        if len(hook) > LINKEDIN_HOOK:
            found.append(
                Finding(
                    "warning",
                    "linkedin-hook",
                    f"the LinkedIn hook is {len(hook)} characters; LinkedIn shows {LINKEDIN_HOOK}",
                    "social/linkedin.txt",
                    "shorten issue.subject",
                )
            )
    return found
