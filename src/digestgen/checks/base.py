"""What a check is: a :class:`Check` record, made by :func:`check` from a function that looks
at the :class:`Material` of a build and yields :class:`Finding` objects.

Each check declares its code, its level, what it needs (the email, the drafts, the email
clients' report, SpamAssassin's, the links fetched), its message and fix (words of the
catalog, :mod:`digestgen.text.catalog`) and its line of the documentation's table of codes. The
registry (:mod:`digestgen.checks.registry`) runs every check whose needs a build has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from digestgen.text.catalog import Message

if TYPE_CHECKING:
    from digestgen.checks.caniemail import ClientReport
    from digestgen.checks.spamassassin import SpamReport
    from digestgen.content.load import Loaded, Loc
    from digestgen.net.fetch import LinkResult
    from digestgen.outputs.social import Draft

Level = Literal["error", "warning"]
Need = Literal["html", "drafts", "clients", "spam", "links"]


@dataclass(frozen=True)
class Finding:
    """One thing to look at before sending: its level, a stable code, where, and what to do
    (the message and the fix in the digest's language)."""

    level: str  # "error" or "warning"
    code: str
    message: str
    where: str = ""
    fix: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Material:
    """What the checks look at: the digest as loaded and, when the caller has them, what it
    rendered and what was measured of it. A check runs only when all it needs is here."""

    loaded: Loaded
    html: str | None = None  # the inlined email
    drafts: dict[str, Draft] | None = None
    clients: ClientReport | None = None  # caniemail's support of the email's features
    spam: SpamReport | None = None  # SpamAssassin's report on the email as delivered
    links: dict[str, LinkResult] | None = None  # every URL of the digest, fetched

    def at(self, loc: Loc, *, field: bool = False) -> str:
        """Where a digest field is: ``file:line``, with the field's name when ``field``."""
        problem = self.loaded.digest_source.problem(loc, "")
        where = f"{problem.path}:{problem.line}"
        return f"{where}: {problem.loc}" if field else where


Run = Callable[["Material", "Check"], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    """One check: its code (``<platform>`` stands for each platform's name), level, needs,
    words, documentation line, and the function that makes its findings."""

    code: str
    level: Level
    message: Message
    fix: Message | None
    run: Run
    needs: tuple[Need, ...] = ()
    levels: str = ""
    """The documentation's level column when the level depends on the finding (``warning from 80 KB,
    error from 102 KB``)."""
    what: str = ""
    """The documentation's description of what it finds."""
    on_build: bool = False
    """Also said by ``build`` as a warning line (the content's lengths)."""

    def findings(self, material: Material) -> list[Finding]:
        return list(self.run(material, self))

    def finding(
        self,
        material: Material,
        where: str,
        *,
        level: Level | None = None,
        code: str | None = None,
        of_platform: str | None = None,
        details: dict[str, Any] | None = None,
        **values: object,
    ) -> Finding:
        """A finding of this check, its message and fix in the digest's language; with
        ``of_platform`` (a platform's name), its code names that platform in ``<platform>``'s
        place."""
        language = material.loaded.language
        if of_platform is not None:
            code = self.code.replace("<platform>", of_platform)
        return Finding(
            level or self.level,
            code or self.code,
            self.message(language, **values),
            where,
            self.fix(language, **values) if self.fix else "",
            details or {},
        )


def check(
    code: str,
    level: Level,
    *,
    message: Message,
    fix: Message | None = None,
    needs: tuple[Need, ...] = (),
    levels: str = "",
    what: str,
    on_build: bool = False,
) -> Callable[[Run], Check]:
    """Make the decorated function a :class:`Check` (the registry finds it in its module)."""

    def made(run: Run) -> Check:
        return Check(code, level, message, fix, run, needs, levels, what, on_build)

    return made
