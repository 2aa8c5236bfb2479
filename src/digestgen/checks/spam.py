"""The check of SpamAssassin's score on the email as delivered (the score itself is
:func:`digestgen.checks.spamassassin.spam_score`'s): a warning above one point, an error from
the score SpamAssassin calls spam, each rule that fired with its fix."""

from __future__ import annotations

from collections.abc import Iterator

from digestgen.checks.base import Check, Finding, Material, check
from digestgen.text.catalog import T_
from digestgen.text.formats import clauses, decimal

SPAM_WARNING = 1.0  # points: a clean newsletter scores about 0 with SpamAssassin's local rules


@check(
    "spam-score",
    "warning",
    message=T_(
        "finding:spam-score",
        "SpamAssassin scores the email {score} (spam from {required}): {rules}",
    ),
    fix=T_("fix:spam-score", "{fixes}"),
    needs=("spam",),
    levels="warning above 1 point, error from 5",
    what="SpamAssassin's local rules on the message as delivered, with each rule and its fix",
)
def _spam(material: Material, this: Check) -> Iterator[Finding]:
    report, language = material.spam, material.loaded.language
    assert report is not None
    if report.score >= report.required or report.score > SPAM_WARNING:
        fired = [r for r in report.rules if r.points > 0]
        rules = ", ".join(
            f"{r.name} {'+' if r.points > 0 else ''}{decimal(r.points, language)}" for r in fired
        )
        yield this.finding(
            material,
            "newsletter.eml",
            level="error" if report.score >= report.required else "warning",
            details=report.as_dict(),
            score=decimal(report.score, language),
            required=decimal(report.required, language),
            rules=rules,
            fixes=clauses([r.fix for r in fired], language),
        )
