"""YAML → models. Every problem becomes a :class:`~digestgen.errors.Problem` with file, line
and field path, and all of a run's problems are raised together in one ContentError.

ruamel.yaml is used because it keeps each key's line number (for the messages) and
round-trips comments (``digestgen enrich`` writes fields back into the editor's file).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from digestgen.content import explain
from digestgen.content.models import Digest, Outlet
from digestgen.errors import ContentError, Problem
from digestgen.text import formats
from digestgen.text.catalog import T_, Message
from digestgen.text.language import LANGUAGES, Language

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class _TextDatesConstructor(SafeConstructor):
    """Leaves dates as text, so that an impossible date is a field error, not a crash."""


_TextDatesConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
)


MAX_DEPTH = 64  # levels of nesting; ruamel's C parser overflows its stack at some 50,000
MAX_DIGITS = 4000  # Python refuses to read an integer of more than 4,300 digits
_LEADERS = re.compile(r"(?:[-?:][ \t]+)*")


def _depth_problem(text: str, language: Language) -> tuple[int, str] | None:
    """The first line where the YAML nests deeper than anyone writes it, checked before the
    parser (which would crash the process on a deep enough file)."""
    indents: list[int] = []
    flow = 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if flow == 0:
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            leaders = _LEADERS.match(stripped)
            dashes = len(leaders.group(0).split()) if leaders else 0  # "- - - x" nests too
        else:
            dashes = 0
        quote = ""
        peak = flow
        for char in stripped:
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"" and flow:
                quote = char
            elif char == "#" and not flow:
                break
            elif char in "[{":
                flow += 1
                peak = max(peak, flow)
            elif char in "]}":
                flow = max(0, flow - 1)
        depth = len(indents) + dashes + peak
        if depth > MAX_DEPTH:
            deep, most = (formats.number(n, language) for n in (depth, MAX_DEPTH))
            return number, READING["deep"](language, depth=deep, most=most)
    return None


def _huge_number(text: str, language: Language) -> tuple[int, str] | None:
    found = re.search(rf"(?<![\w.])[-+]?\d{{{MAX_DIGITS},}}", text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    digits = len(found.group(0).lstrip("+-"))
    return line, READING["huge"](language, digits=formats.number(digits, language))


def _parse(text: str) -> Any:
    # Validation reads the C parser's output (pure Python where it is missing).
    yaml = YAML(typ="safe")
    yaml.Constructor = _TextDatesConstructor
    return yaml.load(text)


def _key(node: Node) -> Any:
    """A mapping key as the loader reads it (a number key as a number)."""
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int":
        return int(node.value)
    return node.value if isinstance(node, ScalarNode) else None


def display_path(path: Path) -> Path:
    """The path as an editor typed it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


@dataclass(frozen=True)
class Source:
    """A parsed YAML file, kept to tell the line of any field path."""

    path: Path
    text: str
    data: Any

    @functools.cached_property
    def _nodes(self) -> Node | None:
        # The parser's node tree knows the line of every key and item: composed by the C
        # parser, it costs a tenth of the round-trip parse that also builds the values. The C
        # parser (YAML 1.1) also breaks lines at NEL, LS and PS, which neither YAML 1.2 nor an
        # editor does: a file holding one is composed by the pure-Python parser instead.
        pure = any(c in self.text for c in "\x85\u2028\u2029")
        # What the C parser (YAML 1.1) refuses and ruamel's own parsers (YAML 1.2) read, such
        # as "{issue: 0:0}" or "{a: ?0}": the lines are those of the parser that read the data.
        for yaml in (YAML(typ="safe", pure=pure), YAML(typ="safe", pure=True)):
            try:
                return yaml.compose(self.text)  # type: ignore[no-any-return]
            except YAMLError:
                continue
        return YAML(typ="rt").compose(self.text)  # type: ignore[no-any-return]

    def line_of(self, loc: Loc) -> int:
        """The 1-based line of the deepest part of ``loc`` that exists in the file."""
        node, line = self._nodes, 1
        for step in loc:
            if isinstance(node, MappingNode):
                # The last of equal keys wins, as it does when the file is read.
                pairs = [(k, v) for k, v in node.value if _key(k) == step]
                if not pairs:
                    break
                key, node = pairs[-1]
                line = key.start_mark.line + 1
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                if step >= len(node.value):
                    break
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                break
        return line

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(display_path(self.path), self.line_of(loc), format_loc(loc), message)


def format_loc(loc: Loc) -> str:
    """``('event', 'speakers', 2, 'quote')`` → ``event.speakers[2].quote``."""
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


READING: dict[str, Message] = {
    "not_found": T_("read:not_found", "file not found"),
    "not_utf8": T_("read:not_utf8", "is not UTF-8 text (byte {byte}); save it as UTF-8"),
    "unreadable": T_("read:unreadable", "cannot be read: {reason}"),
    "empty": T_("read:empty", "the file is empty"),
    "deep": T_("read:deep", "nested {depth} levels deep; digestgen reads at most {most}"),
    "huge": T_("read:huge", 'a number of {digits} digits; quote it if it is text ("…")'),
    "character": T_(
        "read:character",
        "a control character (U+{code}) that YAML does not allow; retype the text on this line",
    ),
    "not_mapping": T_(
        "read:not_mapping",
        "the top level must be a mapping of fields (key: value), not a single value or list",
    ),
    "required_enrich": T_(
        "read:required_enrich", "field required (write it, or run `digestgen enrich` to fill it in)"
    ),
    "needed_latest": T_("read:needed_latest", "needed to choose the latest digest"),
}


def read_yaml(path: Path, language: Language = "fr") -> Source:
    """Parse one YAML file whose top level must be a mapping; its problems in ``language``."""
    shown = display_path(path)

    def refused(line: int | None, message: str, **more: Any) -> ContentError:
        return ContentError([Problem(shown, line, "", message, **more)], language)

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise refused(None, READING["not_found"](language)) from None
    except OSError as exc:  # a folder, or a file the editor may not read
        reason = exc.strerror or type(exc).__name__
        raise refused(None, READING["unreadable"](language, reason=reason)) from None
    except UnicodeDecodeError as exc:
        raise refused(None, READING["not_utf8"](language, byte=exc.start)) from None
    for check in (_depth_problem, _huge_number):
        found = check(text, language)
        if found is not None:
            raise refused(found[0], found[1])
    try:
        data = _parse(text)
    except MarkedYAMLError as exc:
        said = explain.syntax(text, exc, language)
        raise refused(said.line, said.message, column=said.column, excerpt=said.excerpt) from None
    except YAMLError as exc:
        character = getattr(exc, "character", None)
        if isinstance(character, int | str) and isinstance(getattr(exc, "position", None), int):
            # A character YAML does not allow at all (a NUL, an escape code): its line.
            line = text.count("\n", 0, exc.position) + 1  # type: ignore[attr-defined]
            code = f"{character if isinstance(character, int) else ord(character):04X}"
            raise refused(line, READING["character"](language, code=code)) from None
        what = " ".join(str(exc).split("\n")[:1])
        raise refused(None, explain.SYNTAX["other"](language, what=what)) from None
    except (ValueError, RecursionError) as exc:  # a value the parser cannot build
        raise refused(None, READING["unreadable"](language, reason=str(exc))) from None
    if data is None:
        raise refused(1, READING["empty"](language))
    if not isinstance(data, dict):
        raise refused(1, READING["not_mapping"](language))
    return Source(path, text, data)


def _problems(
    source: Source, model: type[BaseModel], exc: ValidationError, language: Language
) -> Iterator[Problem]:
    for error in exc.errors(include_url=False):
        yield source.problem(tuple(error["loc"]), explain.validation(model, error, language))


def _validate(source: Source, model: type[M], language: Language) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(source.data), []
    except ValidationError as exc:
        return None, list(_problems(source, model, exc, language))


@dataclass(frozen=True)
class Loaded:
    """A digest ready to render: its outlet, its sources (for line numbers) and its choices."""

    outlet: Outlet
    digest: Digest
    outlet_source: Source
    digest_source: Source
    content_dir: Path = Path("content")  # the workspace's: its photos/ are the portraits

    @property
    def language(self) -> Language:
        return self.digest.language or self.outlet.language

    @property
    def slug(self) -> str:
        from slugify import slugify

        issue, event = self.digest.issue, self.digest.event
        if issue.slug:
            return issue.slug
        # The title is capped at a word boundary: the slug names the digest's out/ folder.
        title = slugify(event.title, max_length=60, word_boundary=True)
        return f"{title}-{event.date.isoformat()}".strip("-")


def said_language(*data: Any) -> Language:
    """The language problems are said in, before anything validates: the first ``language``
    of ``data`` (the digest's, then the outlet's) that digestgen speaks; French otherwise."""
    for fields in data:
        said = fields.get("language") if isinstance(fields, dict) else None
        if said in LANGUAGES:
            return said  # type: ignore[no-any-return]
    return "fr"


def load(digest_path: Path, content_dir: Path, *, require_titles: bool = True) -> Loaded:
    """Load and validate the outlet and one digest; raise every problem of both at once."""
    problems: list[Problem] = []
    sources: list[Source] = []
    outlet_path = content_dir / "outlet.yaml"
    language: Language = "fr"
    for path in (outlet_path, digest_path):
        try:
            sources.append(read_yaml(path, language))
            language = said_language(*(s.data for s in sources))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems, language)
    outlet_source, digest_source = sources
    language = said_language(digest_source.data, outlet_source.data)
    outlet, outlet_problems = _validate(outlet_source, Outlet, language)
    digest, digest_problems = _validate(digest_source, Digest, language)
    problems = outlet_problems + digest_problems
    if digest is not None and require_titles:
        for i, article in enumerate(digest.further_reading.articles):
            if article.title is None:
                problems.append(
                    digest_source.problem(
                        ("further_reading", "articles", i, "title"),
                        READING["required_enrich"](language),
                    )
                )
    if problems or outlet is None or digest is None:
        raise ContentError(problems, language)
    return Loaded(outlet, digest, outlet_source, digest_source, content_dir)
