"""A spam score for the email as a mail server would compute it: SpamAssassin's local rules.

``spamassassin`` (Debian's package) is optional: without it the score is skipped with one
line saying so. Only local rules run (``-L``: no DNS block lists, no network), on the message
as ``send-test`` delivers it, with the ``Received:`` line a receiving server would add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digestgen.text.catalog import T_, Message
from digestgen.text.language import Language

_DETAILS = re.compile(r"Content analysis details:\s+\((-?[\d.]+) points, (-?[\d.]+) required\)")
_RULE = re.compile(r"^\s*(-?\d+\.\d+)\s+([A-Z0-9_]+)\s+(.*)$")


@dataclass(frozen=True)
class Rule:
    name: str
    points: float
    description: str
    language: Language = "en"

    @property
    def fix(self) -> str:
        """What to change so that the rule does not fire (else SpamAssassin's description)."""
        fix = SPAM_FIXES.get(self.name)
        return fix(self.language) if fix else self.description


@dataclass(frozen=True)
class SpamReport:
    score: float
    required: float
    rules: tuple[Rule, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "score": self.score,
            "required": self.required,
            "rules": [
                {"name": r.name, "points": r.points, "description": r.description, "fix": r.fix}
                for r in self.rules
            ],
        }


class SpamCheckUnavailable(Exception):
    """SpamAssassin is not installed, or did not answer: the score is skipped (the message
    in the digest's language)."""


UNAVAILABLE: dict[str, Message] = {
    "no_report": T_("spam:no_report", "spam score skipped: SpamAssassin gave no report"),
    "not_installed": T_(
        "spam:not_installed",
        "spam score skipped: SpamAssassin is not installed (apt-get install spamassassin)",
    ),
    "failed": T_("spam:failed", "spam score skipped: SpamAssassin failed ({reason})"),
}


def spamassassin() -> str | None:
    """The path of the ``spamassassin`` program, if installed."""
    import shutil

    return shutil.which("spamassassin")


def parse_report(output: str, language: Language = "en") -> SpamReport:
    """The score and the rules that fired, from ``spamassassin -t``'s report; their fixes
    are said in ``language``."""
    details = _DETAILS.search(output)
    if not details:
        raise SpamCheckUnavailable(UNAVAILABLE["no_report"](language))
    rules: list[Rule] = []
    table = output[details.end() :].split("\n")
    for line in table:
        match = _RULE.match(line)
        if match:
            points, name = float(match.group(1)), match.group(2)
            rules.append(Rule(name, points, match.group(3).strip(), language))
        elif rules and line.startswith(" " * 20) and line.strip():
            last = rules[-1]  # a description continued on the next line
            description = f"{last.description} {line.strip()}"
            rules[-1] = Rule(last.name, last.points, description, language)
        elif rules and not line.strip():
            break
    return SpamReport(float(details.group(1)), float(details.group(2)), tuple(rules))


def as_received(message: bytes, sender_domain: str) -> bytes:
    """``message`` with the ``Received:`` line the subscriber's mail server writes on it.

    The relay is a public address (none is contacted), so no rule trusts it as local mail.
    """
    from datetime import UTC, datetime
    from email.utils import format_datetime

    relay = f"mail.{sender_domain}"
    line = (
        f"Received: from {relay} ({relay} [81.2.69.160])\r\n"
        f"\tby mx.example.org with ESMTPS; {format_datetime(datetime.now(UTC))}\r\n"
    )
    return line.encode("ascii") + message


def spam_score(message: bytes, *, timeout: float = 60.0, language: Language = "en") -> SpamReport:
    """SpamAssassin's verdict on ``message`` with its local rules only."""
    import subprocess  # only `check` and the preview run it, not every build

    program = spamassassin()
    if program is None:
        raise SpamCheckUnavailable(UNAVAILABLE["not_installed"](language))
    try:
        done = subprocess.run(
            [program, "-L", "-t"], input=message, capture_output=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpamCheckUnavailable(UNAVAILABLE["failed"](language, reason=exc)) from None
    return parse_report(done.stdout.decode("utf-8", "replace"), language)


# What to do about the rules an editor's email can fire; any other rule shows its description.
SPAM_FIXES: dict[str, Message] = {
    "DATE_IN_PAST_96_XX": T_(
        "spam-fix:DATE_IN_PAST_96_XX",
        "send with the current Date: header (send-test does)",
    ),
    "DATE_IN_FUTURE_96_XX": T_(
        "spam-fix:DATE_IN_FUTURE_96_XX",
        "send with the current Date: header (send-test does)",
    ),
    "MISSING_HEADERS": T_(
        "spam-fix:MISSING_HEADERS",
        "the .eml is a template without To:; the email service adds it",
    ),
    "REPLYTO_WITHOUT_TO_CC": T_(
        "spam-fix:REPLYTO_WITHOUT_TO_CC",
        "the .eml is a template without To:; the email service adds it",
    ),
    "HTML_FONT_LOW_CONTRAST": T_(
        "spam-fix:HTML_FONT_LOW_CONTRAST",
        "give every text a colour that stands out from its background",
    ),
    "HTML_IMAGE_ONLY_04": T_(
        "spam-fix:HTML_IMAGE_ONLY_04",
        "add text: an email made mostly of images looks like spam",
    ),
    "HTML_IMAGE_ONLY_08": T_(
        "spam-fix:HTML_IMAGE_ONLY_08",
        "add text: an email made mostly of images looks like spam",
    ),
    "HTML_IMAGE_ONLY_12": T_(
        "spam-fix:HTML_IMAGE_ONLY_12",
        "add text: an email made mostly of images looks like spam",
    ),
    "HTML_IMAGE_RATIO_02": T_(
        "spam-fix:HTML_IMAGE_RATIO_02", "add text or use fewer, smaller images"
    ),
    "HTML_IMAGE_RATIO_04": T_(
        "spam-fix:HTML_IMAGE_RATIO_04", "add text or use fewer, smaller images"
    ),
    "HTML_SHORT_LINK_IMG_1": T_("spam-fix:HTML_SHORT_LINK_IMG_1", "add text around linked images"),
    "MIME_HTML_ONLY": T_(
        "spam-fix:MIME_HTML_ONLY",
        "keep the plain-text alternative (a template override lost it)",
    ),
    "SUBJ_ALL_CAPS": T_("spam-fix:SUBJ_ALL_CAPS", "write the subject in sentence case"),
    "MISSING_MID": T_("spam-fix:MISSING_MID", "keep the Message-ID header"),
    "MISSING_DATE": T_("spam-fix:MISSING_DATE", "keep the Date header"),
    "MPART_ALT_DIFF": T_(
        "spam-fix:MPART_ALT_DIFF",
        "keep the plain text and the HTML saying the same thing",
    ),
    "HTML_MIME_NO_HTML_TAG": T_("spam-fix:HTML_MIME_NO_HTML_TAG", "keep <html> in the template"),
    "T_REMOTE_IMAGE": T_("spam-fix:T_REMOTE_IMAGE", "host images on the outlet's own domain"),
    "URI_NOVOWEL": T_("spam-fix:URI_NOVOWEL", "avoid link hosts without vowels"),
    "TVD_SPACE_RATIO": T_(
        "spam-fix:TVD_SPACE_RATIO", "write the subject without spaced-out letters"
    ),
}
"""How to fix what a SpamAssassin rule fires on, by the rule's name."""
