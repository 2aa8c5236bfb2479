"""What went wrong in an editor's YAML, said in the editor's words and language: the syntax
errors editors make (a colon inside a value, a tab, an apostrophe inside single quotes, a
line indented apart), each with the line and a caret under the spot and what to write
instead; and the validation errors of pydantic and of digestgen's own field types."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from digestgen.content.fields import REFUSALS
from digestgen.text.catalog import T_, TN_, Message
from digestgen.text.formats import number
from digestgen.text.language import Language


@dataclass(frozen=True)
class Syntax:
    """A syntax error as an editor reads it: where, what, and the lines to show."""

    line: int | None
    column: int | None
    message: str
    excerpt: str = ""


# A line "key: value" (or "- key: value"), the value unquoted or quoted.
_PAIR = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[\w-]+):(?P<gap>[ \t]+)(?P<value>.*?)\s*$")
_COMMENT = re.compile(r"\s+#.*$")

SYNTAX: dict[str, Message] = {
    "colon": T_(
        "yaml:colon",
        "a colon followed by a space inside a value ends it there; put the whole value in "
        "double quotes",
    ),
    "tab": T_("yaml:tab", "a tab: YAML indents with spaces only; replace the tab with spaces"),
    "apostrophe": T_(
        "yaml:apostrophe",
        "an apostrophe inside a value in single quotes ends it there; put the value in double "
        "quotes (or write the apostrophe twice: '')",
    ),
    "double_quote": T_(
        "yaml:double_quote",
        'a double quote inside a value in double quotes ends it there; write it as \\" or use '
        "curly quotes “ ” inside",
    ),
    "unclosed": T_(
        "yaml:unclosed", "a quote opened on this line is never closed; close it at the value's end"
    ),
    "flow": T_(
        "yaml:flow",
        "a value starting with [ or {{ is read as a list or a group of fields; put the whole "
        "value in double quotes",
    ),
    "indent": T_(
        "yaml:indent",
        "this line is not indented like the fields around it: fields of the same group start "
        "in the same column, with spaces",
    ),
    "duplicate": T_(
        "yaml:duplicate",
        "the field {key} is written twice in the same group; keep one (the file is not read "
        "until then)",
    ),
    "other": T_("yaml:other", "YAML syntax: {what}"),
    "write": T_("yaml:write", "write:"),
}


def syntax(text: str, exc: Any, language: Language) -> Syntax:
    """The editor's account of ruamel's ``MarkedYAMLError`` ``exc`` on ``text``; the
    parser's own words if the text defeats every explanation."""
    try:
        return _syntax(text, exc, language)
    except Exception:  # any input at all gets a message, never a traceback
        mark = exc.problem_mark or exc.context_mark
        said = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        line = mark.line + 1 if mark else None
        return Syntax(line, None, SYNTAX["other"](language, what=said))


def _syntax(text: str, exc: Any, language: Language) -> Syntax:
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else None  # 0-based here
    column = mark.column if mark else None
    said = " ".join(str(p) for p in (exc.context, exc.problem) if p)
    kind, fix = "other", None
    if "\t" in said or "'\\t'" in said or (line is not None and _tab_at(lines, line, column)):
        kind = "tab"
        line, column = _first_tab(lines, line)
    elif "duplicate key" in said:
        found = re.search(r'duplicate key "([^"]+)"', said)
        key = found.group(1) if found else "?"
        message = SYNTAX["duplicate"](language, key=key)
        at = _indent(lines, line) if line is not None else 0
        shown = line + 1 if line is not None else None
        return Syntax(shown, at + 1, message, _caret(lines, line, at))
    elif "mapping values are not allowed" in said and line is not None:
        if _continues(lines, line, column):
            kind = "indent"
            column = _indent(lines, line)
        else:
            kind = "colon"
            fix = _quoted(lines, line)
    elif "while scanning a quoted scalar" in said or "end of stream" in said:
        if exc.context_mark is not None:
            line, column = exc.context_mark.line, exc.context_mark.column
        kind = "unclosed"
    if kind in ("other", "indent") and line is not None:
        for candidate in (line, line - 1):
            pair = _PAIR.match(lines[candidate]) if 0 <= candidate < len(lines) else None
            value = _COMMENT.sub("", pair.group("value")) if pair else ""
            unhashable = "unhashable key" in said and candidate == line  # {{ tag }} unquoted
            if value[:1] in ("[", "{") and (unhashable or not _closed_flow(value)):
                kind, line, column = "flow", candidate, pair.start("value") if pair else 0
                fix = _quoted(lines, candidate)
                break
    if kind in ("other", "indent") and line is not None and fix is None:
        # A quoted value closed early: the quote is on the line the parser blames or above.
        for candidate in (line, line - 1):
            early = _early_quote(lines, candidate)
            if early is not None:
                kind, line, column, fix = early
                break
        else:
            if kind == "other" and any(
                k in said for k in ("expected <block end>", "did not find expected", "block")
            ):
                kind = "indent"
                column = _indent(lines, line)
    message = SYNTAX[kind](language, what=said) if kind == "other" else SYNTAX[kind](language)
    excerpt = _caret(lines, line, column)
    if fix is not None:
        excerpt += f"\n  {SYNTAX['write'](language)}\n    {fix}"
    return Syntax(
        line + 1 if line is not None else None,
        column + 1 if column is not None else None,
        message,
        excerpt,
    )


def _indent(lines: list[str], line: int) -> int:
    if not 0 <= line < len(lines):
        return 0
    return len(lines[line]) - len(lines[line].lstrip(" "))


def _continues(lines: list[str], line: int, column: int | None) -> bool:
    """Whether the parser read ``line`` as the continuation of the value above (a line
    indented further than the field before it), rather than a value holding ": "."""
    if not 0 < line < len(lines) or column is None:
        return False
    first_colon = lines[line].find(": ")
    if first_colon == -1 or column > first_colon + 1:
        return False
    above = next((n for n in range(line - 1, -1, -1) if lines[n].strip()), None)
    return above is not None and _indent(lines, line) > _indent(lines, above)


def _closed_flow(value: str) -> bool:
    """Whether a value written as [a, b] or {k: v} is one whole list or group."""
    closing = {"[": "]", "{": "}"}[value[0]]
    return value.endswith(closing) and value.count(value[0]) == value.count(closing)


def _tab_at(lines: list[str], line: int, column: int | None) -> bool:
    if line >= len(lines):
        return False
    text = lines[line]
    return column is not None and column < len(text) and text[column] == "\t"


def _first_tab(lines: list[str], near: int | None) -> tuple[int | None, int | None]:
    order = range(len(lines)) if near is None else [near, *range(len(lines))]
    for number_ in order:
        if number_ < len(lines) and "\t" in lines[number_]:
            return number_, lines[number_].index("\t")
    return near, None


def _early_quote(lines: list[str], line: int) -> tuple[str, int, int, str] | None:
    """A value in quotes that a quote of the same kind inside it closes early."""
    if not 0 <= line < len(lines):
        return None
    pair = _PAIR.match(lines[line])
    if pair is None:
        return None
    value = _COMMENT.sub("", pair.group("value"))
    if len(value) < 3 or value[0] not in "'\"":
        return None
    quote = value[0]
    inner = value[1:-1] if value.endswith(quote) else value[1:]
    stray, text, i = None, [], 0
    while i < len(inner):  # the editor's text, its doubled '' or escaped \" read as one mark
        pair_of = inner[i : i + 2]
        if (quote == "'" and pair_of == "''") or (quote == '"' and pair_of == '\\"'):
            text.append(quote)
            i += 2
            continue
        if inner[i] == quote and stray is None:
            stray = i
        text.append(inner[i])
        i += 1
    if stray is None:
        return None
    column = pair.start("value") + 1 + stray
    said = "".join(text)
    kind = "apostrophe" if quote == "'" else "double_quote"
    if quote == "'":
        fix = f"{pair.group('lead')}{pair.group('key')}: {_in_double_quotes(said)}"
    else:
        fix = f"{pair.group('lead')}{pair.group('key')}: '{said.replace(chr(39), chr(39) * 2)}'"
    return kind, line, column, fix


def _quoted(lines: list[str], line: int) -> str | None:
    """The line with its value in double quotes, as the editor should write it."""
    pair = _PAIR.match(lines[line]) if line < len(lines) else None
    if pair is None or pair.group("value")[:1] in ("'", '"'):
        return None
    value = _COMMENT.sub("", pair.group("value"))
    return f"{pair.group('lead')}{pair.group('key')}: {_in_double_quotes(value)}"


def _in_double_quotes(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _caret(lines: list[str], line: int | None, column: int | None) -> str:
    if line is None or not 0 <= line < len(lines):
        return ""
    text = lines[line].replace("\t", " ")
    shown = f"    {text}"
    if column is None:
        return shown
    return f"{shown}\n    {' ' * min(column, len(text))}^"


# --- validation ------------------------------------------------------------------------------

VALIDATION: dict[str, Message] = {
    "missing": T_("invalid:missing", "field required"),
    "unknown": T_("invalid:unknown", "unknown field; allowed here: {allowed}"),
    "unknown_close": T_(
        "invalid:unknown_close", "unknown field; did you mean '{close}'? allowed here: {allowed}"
    ),
    "string": T_("invalid:string", "must be text (one value, not a list or a group)"),
    "integer": T_("invalid:integer", "must be a whole number, such as 120"),
    "boolean": T_("invalid:boolean", "must be true or false"),
    "list": T_("invalid:list", "must be a list: one item per line, each starting with '- '"),
    "group": T_("invalid:group", "must be a group of fields (key: value), indented under this key"),
    "colon_space": T_(
        "invalid:colon_space",
        "must be a group of fields: write a space after each field's colon (subject: …), and "
        "indent the fields under this key",
    ),
    "greater": T_("invalid:greater", "must be more than {limit}"),
    "at_least": T_("invalid:at_least", "must be {limit} or more"),
    "at_most": T_("invalid:at_most", "must be {limit} at most"),
    "choice": T_("invalid:choice", "must be one of: {choices}"),
    "date": T_("invalid:date", "write the date as YYYY-MM-DD, e.g. 2018-12-05"),
    "pattern": T_("invalid:pattern", "is not written as expected (got {value})"),
    "colour": T_("invalid:colour", "must be a colour as #rrggbb, such as #0b4f8a (got {value})"),
    "x_handle": T_(
        "invalid:x_handle", "must be an X handle: @ then 1 to 15 letters, digits or _ (got {value})"
    ),
    "hashtag": T_(
        "invalid:hashtag", "must be letters and digits only, without the # (got {value})"
    ),
    "slug": T_(
        "invalid:slug",
        "must be lowercase letters, digits and single hyphens, such as club-2018 (got {value})",
    ),
    "handle": T_(
        "invalid:handle",
        "must be letters, digits, dots, underscores, hyphens, @ and colons only, such as "
        "@alliancy (got {value})",
    ),
}
TOO_SHORT = TN_("invalid:too_short", "needs at least {n} item", "needs at least {n} items")
TOO_LONG = TN_("invalid:too_long", "holds at most {n} item", "holds at most {n} items")

_PATTERNS = {
    r"^#[0-9A-Fa-f]{6}$": "colour",
    r"^@[A-Za-z0-9_]{1,15}$": "x_handle",
    r"^\w+$": "hashtag",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "slug",
    r"^@?[\w.@:-]{1,100}$": "handle",
}
_TYPES = {
    "string_type": "string",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "list",
    "dict_type": "group",
    "model_type": "group",
    "model_attributes_type": "group",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
}


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc``, to list its allowed keys."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(step)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


def validation(model: type[BaseModel] | None, error: Any, language: Language) -> str:
    """One pydantic error of ``model``'s validation (or of a field type's), in ``language``."""
    kind, loc, ctx = error["type"], tuple(error["loc"]), error.get("ctx") or {}
    if kind in REFUSALS:
        values = {k: number(v, language) if isinstance(v, int) else v for k, v in ctx.items()}
        return REFUSALS[kind](language, **values)
    if kind == "missing":
        return VALIDATION["missing"](language)
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1]) if model else None
        allowed = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        if close:
            return VALIDATION["unknown_close"](language, close=close[0], allowed=", ".join(allowed))
        return VALIDATION["unknown"](language, allowed=", ".join(allowed))
    if kind == "string_type" and isinstance(error.get("input"), dict) and len(error["input"]) == 1:
        return SYNTAX["colon"](language)  # "- Angers : la ville" is a group to YAML
    if kind in _TYPES:
        given = error.get("input")
        if _TYPES[kind] == "group" and isinstance(given, str) and re.search(r"\w:\S", given):
            return VALIDATION["colon_space"](language)  # "subject:x" is text to YAML
        return VALIDATION[_TYPES[kind]](language)
    if kind == "too_short":
        return TOO_SHORT(language, int(ctx.get("min_length", 1)))
    if kind == "too_long":
        return TOO_LONG(language, int(ctx.get("max_length", 1)))
    limits = {"greater_than": ("greater", "gt"), "greater_than_equal": ("at_least", "ge")}
    limits |= {"less_than_equal": ("at_most", "le")}
    if kind in limits:
        word, key = limits[kind]
        return VALIDATION[word](language, limit=number(ctx.get(key, 0), language))
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", ""))
        choices = ", ".join(re.findall(r"'([^']*)'", expected)) or expected
        return VALIDATION["choice"](language, choices=choices)
    if kind == "string_pattern_mismatch":
        word = _PATTERNS.get(str(ctx.get("pattern")), "pattern")
        return VALIDATION[word](language, value=repr(error.get("input")))
    message: str = error["msg"].removeprefix("Value error, ")
    return message[:1].lower() + message[1:]
