"""The documentation's generated pages, written from the code they describe.

    python scripts/docs_pages.py           # `make docs`: write the pages of docs/reference/
    python scripts/docs_pages.py --check   # exit 1 when a committed page is not the code's
    python scripts/docs_pages.py --check checks   # the same, for one page

- ``docs/reference/commands.md``: every command of the typer app (``digestgen.cli.app``), with
  its help, its arguments and its options, their help and defaults, as ``--help`` gives them;
- ``docs/reference/checks.md``: the codes ``digestgen check`` can print, from the checks'
  own declarations (``digestgen.checks.registry.CHECKS``);
- ``docs/reference/content-format.md``: every field of ``outlet.yaml`` and of a digest, from
  the JSON Schema the models give (``digestgen.content.schema``), in English.

Run with ``src`` on ``PYTHONPATH`` (``make docs`` does), so that the pages describe the source
tree as it is.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parents[1] / "docs"
REFERENCE = DOCS / "reference"


def _generated(source: str, edit: str) -> str:
    return (
        f"<!-- Written by `make docs` (scripts/docs_pages.py) from {source}: "
        f"edit {edit}, not this page. -->\n"
    )


def cell(text: str) -> str:
    """Markdown ``text`` as one cell of a table: on one line, the pipes outside its code spans
    escaped (Python-Markdown's tables do not split a cell inside a code span)."""
    parts = re.split(r"(`[^`]*`)", " ".join(str(text).split()))
    return "".join(p if p.startswith("`") else p.replace("|", "\\|") for p in parts)


def prose(text: str) -> str:
    """Plain ``text`` (a help text, a description) as Markdown that shows it as written:
    ``*``, ``_``, ``<`` and the like escaped outside the code spans it already has."""
    parts = re.split(r"(`[^`]*`)", str(text))
    return "".join(
        part if part.startswith("`") else _MARKDOWN.sub(lambda m: _ESCAPES[m.group()], part)
        for part in parts
    )


_ESCAPES = {c: "\\" + c for c in "\\*_[]"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MARKDOWN = re.compile("|".join(re.escape(c) for c in _ESCAPES))


def code(text: str) -> str:
    """``text`` as inline code, on one line."""
    text = " ".join(str(text).split())
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}" if fence == "`" else f"{fence} {text} {fence}"


# The commands -------------------------------------------------------------------------------


def _help_parts(record: tuple[str, str] | None) -> tuple[str, str, str]:
    """A parameter's help record as (name and type, help, what --help adds in brackets: its
    default, its range, or "required")."""
    if record is None:
        return "", "", ""
    name, text = record
    extra = ""
    if text.endswith("]") and "[" in text:
        head, _, tail = text.rpartition("[")
        if not head or head.endswith("  "):
            text, extra = head.strip(), tail[:-1]
    return name, text, extra.removeprefix("default: ")


def _paragraphs(text: str) -> str:
    """A docstring's paragraphs, each on one line (click keeps the source's line breaks)."""
    return "\n\n".join(" ".join(p.split()) for p in (text or "").split("\n\n") if p.strip())


def commands_page() -> str:
    import typer.main

    from digestgen.cli.app import app

    group = typer.main.get_command(app)
    context = typer.Context(group, info_name="digestgen")
    lines = [
        "# Commands",
        "",
        _generated("the typer app (`digestgen.cli.app`)", "the commands' help in src/"),
        prose(_paragraphs(group.help or "")),
        "",
        "Every command but `init` runs in a [workspace](../guide/index.md#the-workspace), "
        "and each prints its help with `--help`. `DIGEST` is a file path or a file stem "
        "(`club-partenaires-2018`); without it, the digest with the latest `issue.date` is "
        "used. Commands print a short summary; `-v` lists every file written. Exit status: "
        "0 done, 1 failed checks, 2 bad input or usage. `python -m digestgen` works the same "
        "as `digestgen`.",
        "",
    ]
    own = [p for p in group.get_params(context) if p.name != "help"]
    if own:
        lines += ["`digestgen`'s own options:", "", *_options_table(own, context), ""]
    names = [
        name
        for name in group.list_commands(context)
        if (command := group.get_command(context, name)) is not None and not command.hidden
    ]
    lines += ["| command | what it does |", "|---|---|"]
    for name in names:
        command = group.get_command(context, name)
        assert command is not None
        summary = _paragraphs(command.help or "").split("\n\n")[0]
        lines.append(f"| [`digestgen {name}`](#digestgen-{name}) | {cell(prose(summary))} |")
    lines.append("")
    for name in names:
        command = group.get_command(context, name)
        assert command is not None
        sub = typer.Context(command, info_name=name, parent=context)
        usage = " ".join(["digestgen", name, *command.collect_usage_pieces(sub)])
        lines += [
            f"## `digestgen {name}`",
            "",
            prose(_paragraphs(command.help or "")),
            "",
            "```",
            usage,
            "```",
            "",
        ]
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        options = [
            p for p in command.get_params(sub) if p.param_type_name == "option" and p.name != "help"
        ]
        if arguments:
            lines += ["| argument | what | default |", "|---|---|---|"]
            for parameter in arguments:
                label, text, extra = _help_parts(parameter.get_help_record(sub))
                lines.append(f"| {code(label)} | {cell(prose(text))} | {cell(prose(extra))} |")
            lines.append("")
        if options:
            lines += [*_options_table(options, sub), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _options_table(options: list[Any], context: Any) -> list[str]:
    rows = ["| option | what | default |", "|---|---|---|"]
    for parameter in options:
        if getattr(parameter, "hidden", False):
            continue
        label, text, extra = _help_parts(parameter.get_help_record(context))
        rows.append(f"| {code(label)} | {cell(prose(text))} | {cell(prose(extra))} |")
    return rows


# The checks ---------------------------------------------------------------------------------


def checks_page() -> str:
    from digestgen.checks.registry import CHECKS

    lines = [
        "# Check codes",
        "",
        _generated("the checks' declarations (`digestgen.checks`)", "the checks in src/"),
        "Every finding of `digestgen check` (and of the preview page) has a level, one of these "
        "codes, where it comes from (`file:line` of the content, or the output file) and a "
        "one-line fix. The codes, the levels and the JSON keys are the same in every language; "
        "the messages and fixes speak the digest's. `<platform>` stands for each platform's "
        "name (`linkedin`, `facebook`, `x`, `bluesky`, `mastodon`, `threads`). Checks marked "
        "*build* are also printed by `digestgen build`, as warnings. What the checks look at, "
        "and how to act on them: [Checking before sending](../guide/check.md).",
        "",
        "| code | level | what | |",
        "|---|---|---|---|",
    ]
    for check in CHECKS:
        level = check.levels or check.level
        build = "*build*" if check.on_build else ""
        lines.append(f"| `{check.code}` | {cell(level)} | {cell(check.what)} | {build} |")
    return "\n".join(lines) + "\n"


# The content format -------------------------------------------------------------------------

_FILES = {
    "outlet": ("`content/outlet.yaml`", "the outlet: its brand, sender, legal footer, accounts"),
    "digest": ("`content/digests/<name>.yaml`", "one digest: one event and its follow-ups"),
}


def content_format_page() -> str:
    from digestgen.content.schema import FOLDER, modeline, schemas

    found = schemas("en")
    content = Path("content")
    lines = [
        "# Content format",
        "",
        _generated(
            "the JSON Schema of the models (`digestgen.content.schema`)",
            "the models and their descriptions in src/",
        ),
        "Editors write two kinds of YAML file in a workspace's `content/` folder: "
        + "; ".join(f"{path}, {what}" for path, what in _FILES.values())
        + ". This page lists every field digestgen reads, from the same JSON Schema that "
        "`digestgen schema` prints and that your editor uses to complete the fields (below). "
        "Every object refuses a key it does not list, so a misspelt field is an error with "
        "its line. How to write the YAML itself, and its typical mistakes: "
        "[Writing a digest](../guide/writing.md).",
        "",
        "## Completion in your editor",
        "",
        f"`digestgen init` writes the two schemas into the workspace (`content/{FOLDER}/`) "
        "and, at the top of each YAML file, the line that points an editor at its schema; "
        "in a digest:",
        "",
        "```yaml",
        modeline(content / "digests" / "x.yaml", content, "digest"),
        "```",
        "",
        "and in `outlet.yaml`:",
        "",
        "```yaml",
        modeline(content / "outlet.yaml", content, "outlet"),
        "```",
        "",
        "VS Code reads that line once Red Hat's **YAML** extension (`redhat.vscode-yaml`) "
        "is installed, and so does any editor using yaml-language-server: field names "
        "complete as you type (Ctrl+Space lists them), each field's description shows on "
        "hover, and a wrong type or a misspelt key is underlined before any command runs. "
        "A new digest copied from another keeps the line; in a file started from scratch, "
        "write it first. `digestgen schema` prints the digest's schema "
        "(`digestgen schema outlet` the outlet's; `--lang fr` or `--lang en` for the "
        "descriptions' language, the outlet's by default), and `digestgen schema --write` "
        f"writes both again into `content/{FOLDER}/`, after an upgrade of digestgen.",
        "",
        "In the tables, *type* is JSON Schema's (a `string` may have a format, a list is "
        "`array of …`), a link leads to a nested object, and *required* fields must be "
        "written; the others may be left out.",
        "",
    ]
    for kind, (path, _) in _FILES.items():
        schema = found[kind]
        definitions = schema.get("$defs", {})
        lines += [f"## {path}", ""]
        if schema.get("description"):
            lines += [prose(schema["description"]), ""]
        lines += _fields_table(schema, definitions, kind)
        for name in _reached(schema, definitions):
            lines += [f"### `{name}` {{#{kind}-{name.lower()}}}", ""]
            if definitions[name].get("description"):
                lines += [prose(definitions[name]["description"]), ""]
            lines += _fields_table(definitions[name], definitions, kind)
    return "\n".join(lines).rstrip("\n") + "\n"


def _fields_table(schema: dict[str, Any], definitions: dict[str, Any], kind: str) -> list[str]:
    properties = schema.get("properties", {})
    if not properties:
        return [_type(schema, kind), ""]
    required = set(schema.get("required", []))
    rows = ["| field | type | required | description | example |", "|---|---|---|---|---|"]
    for name, field in properties.items():
        rows.append(
            f"| `{name}` | {_type(field, kind)} | {'yes' if name in required else ''} "
            f"| {cell(_description(field))} | {cell(_example(field))} |"
        )
    return [*rows, ""]


def _description(field: dict[str, Any]) -> str:
    text = prose(field.get("description", ""))
    default = field.get("default")
    if default not in (None, [], {}) and not isinstance(default, dict):
        text += f" Default: {code(json.dumps(default, ensure_ascii=False))}."
    return text


def _example(field: dict[str, Any]) -> str:
    examples = field.get("examples")
    if not examples:
        return ""
    value = examples[0]
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return code(shown)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type(field: dict[str, Any], kind: str) -> str:
    """A field's type in words, each nested object a link to its table."""
    if "$ref" in field:
        name = _ref_name(field["$ref"])
        return f"[{name}](#{kind}-{name.lower()})"
    for combinator in ("allOf", "anyOf", "oneOf"):
        if combinator in field:
            parts = [p for p in field[combinator] if p.get("type") != "null"]
            words = [_type(p, kind) for p in parts]
            own = {k: v for k, v in field.items() if k not in (combinator, "description")}
            text = " or ".join(dict.fromkeys(words))
            if own.get("type") and not parts:
                return _type(own, kind)
            return text
    if "const" in field:
        return code(json.dumps(field["const"], ensure_ascii=False))
    if "enum" in field:
        return " or ".join(code(json.dumps(v, ensure_ascii=False)) for v in field["enum"])
    kind_of = field.get("type")
    if isinstance(kind_of, list):
        return " or ".join(_type({**field, "type": t}, kind) for t in kind_of if t != "null")
    if kind_of == "array":
        items = field.get("items", {})
        text = f"array of {_type(items, kind)}" if items else "array"
        bounds = _bounds(field.get("minItems"), field.get("maxItems"), "items")
        return f"{text} ({bounds})" if bounds else text
    if kind_of == "object":
        extra = field.get("additionalProperties")
        if isinstance(extra, dict):
            return f"mapping of names to {_type(extra, kind)}"
        return "object"
    words = kind_of or "any"
    details = []
    if field.get("format"):
        details.append(field["format"])
    bounds = _bounds(field.get("minLength"), field.get("maxLength"), "characters")
    if bounds:
        details.append(bounds)
    low = field.get("minimum", field.get("exclusiveMinimum"))
    if low is not None:
        details.append(f"{'>' if 'exclusiveMinimum' in field else '≥'} {low:,}")
    high = field.get("maximum", field.get("exclusiveMaximum"))
    if high is not None:
        details.append(f"{'<' if 'exclusiveMaximum' in field else '≤'} {high:,}")
    return f"{words} ({', '.join(details)})" if details else words


def _bounds(low: int | None, high: int | None, unit: str) -> str:
    if low is not None and high is not None:
        return f"{low:,} to {high:,} {unit}"
    if low:
        return f"at least {low:,} {unit if low > 1 else unit.removesuffix('s')}"
    if high is not None:
        return f"at most {high:,} {unit if high > 1 else unit.removesuffix('s')}"
    return ""


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if "$ref" in value:
            yield _ref_name(value["$ref"])
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def _reached(schema: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
    """The nested objects in the order a reader of the YAML meets them, each once: an object,
    then the objects inside it, then the next field's."""
    order: list[str] = []

    def visit(names: Iterator[str]) -> None:
        for name in names:
            if name not in order and name in definitions:
                order.append(name)
                visit(_refs(definitions[name].get("properties", {})))

    visit(_refs(schema.get("properties", {})))
    return order


# --------------------------------------------------------------------------------------------

PAGES: dict[str, Callable[[], str]] = {
    "commands": commands_page,
    "checks": checks_page,
    "content-format": content_format_page,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a page is out of date"
    )
    parser.add_argument(
        "pages", nargs="*", metavar="page", help=f"only these ({', '.join(PAGES)}); default: all"
    )
    arguments = parser.parse_args()
    unknown = [name for name in arguments.pages if name not in PAGES]
    if unknown:
        parser.error(f"no page {', '.join(unknown)}; the pages are {', '.join(PAGES)}")
    stale = []
    for name in arguments.pages or PAGES:
        path = REFERENCE / f"{name}.md"
        wanted = PAGES[name]()
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if wanted == current:
            continue
        if arguments.check:
            stale.append(path.relative_to(DOCS.parent))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted, encoding="utf-8")
    for path in stale:
        print(f"{path} is not what the code says; run `make docs` and commit it")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
