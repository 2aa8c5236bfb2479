"""A spam score for the email as a mail server would compute it: SpamAssassin's local rules.

``spamassassin`` (Debian's package) is optional: without it the score is skipped with one
line saying so. Only local rules run (``-L``: no DNS block lists, no network), on the message
as ``send-test`` delivers it, with the ``Received:`` line a receiving server would add.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

# What to do about the rules an editor's email can fire is locale's SPAM_FIXES; any other
# rule shows its description.
from digestgen.text.messages import SPAM_FIXES, Language

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
        return SPAM_FIXES[self.language].get(self.name, self.description)


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
    """SpamAssassin is not installed, or did not answer: the score is skipped."""


def spamassassin() -> str | None:
    """The path of the ``spamassassin`` program, if installed."""
    return shutil.which("spamassassin")


def parse_report(output: str, language: Language = "en") -> SpamReport:
    """The score and the rules that fired, from ``spamassassin -t``'s report; their fixes
    are said in ``language``."""
    details = _DETAILS.search(output)
    if not details:
        raise SpamCheckUnavailable("SpamAssassin gave no report")
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
    program = spamassassin()
    if program is None:
        raise SpamCheckUnavailable(
            "spam score skipped: SpamAssassin is not installed (apt-get install spamassassin)"
        )
    try:
        done = subprocess.run(
            [program, "-L", "-t"], input=message, capture_output=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpamCheckUnavailable(f"spam score skipped: SpamAssassin failed ({exc})") from None
    return parse_report(done.stdout.decode("utf-8", "replace"), language)
