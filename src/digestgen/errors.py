"""What can go wrong, as data. The CLI formats these once; nothing here knows about typer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class DigestgenError(Exception):
    """Base of every error digestgen reports to an editor (exit status 2 unless said otherwise)."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file: where it is and what to do about it."""

    path: Path
    line: int | None
    loc: str
    message: str
    column: int | None = None
    excerpt: str = ""
    """The line itself with a caret under the spot, and what to write instead (syntax)."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        if self.line and self.column:
            where += f":{self.column}"
        said = f"{where}: {self.loc}: {self.message}" if self.loc else f"{where}: {self.message}"
        return f"{said}\n{self.excerpt}" if self.excerpt else said


class ContentError(DigestgenError):
    """Content that does not validate: every problem found, at once."""

    def __init__(self, problems: list[Problem], language: str | None = None) -> None:
        self.problems = problems
        self.language = language  # the problems' language, when known: the summary speaks it
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem], str | None]]:
        return (ContentError, (self.problems, self.language))


class DigestNotFound(DigestgenError):
    """A digest name that matches no file, or a workspace without digests."""


class NotAWorkspace(DigestNotFound):
    """A command run where there is no workspace (no content/outlet.yaml)."""


class UsageError(DigestgenError):
    """Arguments that do not fit together."""


class TemplateProblem(DigestgenError):
    """A workspace template that does not compile or render: its file and line."""

    def __init__(self, where: str, message: str) -> None:
        self.where, self.message = where, message
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type[TemplateProblem], tuple[str, str]]:
        return (TemplateProblem, (self.where, self.message))


class Flagged(DigestgenError):
    """The command did its work, and found what the editor must see to: posts over a limit,
    error findings, fields left to fill in, pages that could not be read (exit status 1).
    The message may be empty when the command has already said it all."""

    exit_code = 1
