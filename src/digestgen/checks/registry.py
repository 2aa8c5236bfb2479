"""Every check, and the one way to run them: :func:`run_checks`, which ``build``, ``check`` and
the preview call, and which sorts the findings once (errors first, each kind in the order
below).

A check is a function of a module of :mod:`digestgen.checks` made a
:class:`~digestgen.checks.base.Check` by :func:`~digestgen.checks.base.check`, its module
listed here once. The documentation's page of codes is made from them (``make docs`` writes it;
a test fails when they differ).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from digestgen.checks import clients, content, email, link_cards, links, social, spam
from digestgen.checks.base import Check, Finding, Material, Need

if TYPE_CHECKING:
    from digestgen.checks.spamassassin import SpamReport
    from digestgen.content.load import Loaded
    from digestgen.outputs.newsletter import Newsletter

CHECKS: tuple[Check, ...] = tuple(
    value
    for module in (content, email, clients, social, link_cards, spam, links)
    for value in vars(module).values()
    if isinstance(value, Check)
)
"""Every check, in the order their findings are listed within a level."""


def run_checks(
    material: Material, *, on_build: bool = False, needing: Need | None = None
) -> list[Finding]:
    """The findings of every check whose needs ``material`` has, errors first. ``on_build``:
    only the checks ``build`` also reports; ``needing``: only the checks that need that part
    (``"links"``: what fetching the links found)."""
    found = [
        finding
        for check in CHECKS
        if (check.on_build or not on_build)
        and (needing is None or needing in check.needs)
        and all(getattr(material, need) is not None for need in check.needs)
        for finding in check.findings(material)
    ]
    return sorted(found, key=lambda f: f.level != "error")


# The address a delivered copy is scored for: a subscriber, not the sender (To = From costs a
# point in SpamAssassin, and no subscriber's copy looks like that).
READER = "reader@example.org"


def spam_report(loaded: Loaded, newsletter: Newsletter) -> SpamReport:
    """SpamAssassin's verdict on the email as a subscriber's server receives it.

    Raises :class:`~digestgen.checks.spamassassin.SpamCheckUnavailable` when SpamAssassin is
    not there.
    """
    from digestgen.checks import spamassassin
    from digestgen.outputs.newsletter import sender_domain, sent_message

    message = sent_message(loaded, newsletter, READER)
    return spamassassin.spam_score(
        spamassassin.as_received(message, sender_domain(loaded)), language=loaded.language
    )
