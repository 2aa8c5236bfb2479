"""The check of what email clients lack: a feature of the email that some client family does
not support, where nothing in the email covers it (the report itself is
:func:`digestgen.checks.caniemail.client_support`'s)."""

from __future__ import annotations

from collections.abc import Iterator

from digestgen.checks.base import Check, Finding, Material, check
from digestgen.text.catalog import T_


@check(
    "client-support",
    "warning",
    message=T_("finding:client-support", "{feature} is not supported in {families} (caniemail)"),
    fix=T_("fix:client-support", "use something these clients support, or add a fallback: {url}"),
    needs=("clients",),
    what="a feature some client family does not support, with no fallback in the email (caniemail)",
)
def _unsupported(material: Material, this: Check) -> Iterator[Finding]:
    assert material.clients is not None
    for gap in material.clients.gaps:
        if gap.uncovered:
            yield this.finding(
                material,
                "newsletter.html",
                details={"feature": gap.slug, "families": gap.families},
                feature=gap.title,
                families=", ".join(gap.uncovered),
                url=gap.url,
            )
