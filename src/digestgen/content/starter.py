"""``digestgen init``: a new workspace holding the sample outlet and digest, and the schemas
that let the editor's editor complete and check its YAML."""

from __future__ import annotations

from pathlib import Path

from digestgen import PACKAGE
from digestgen.content.schema import modeline, write_schemas
from digestgen.errors import UsageError
from digestgen.text.catalog import T_
from digestgen.text.language import Language

_PACKAGED = PACKAGE / "starter"
# Running from a source checkout (PYTHONPATH=src), the sample is the repository's own content.
STARTER = _PACKAGED if _PACKAGED.is_dir() else PACKAGE.parents[1]

EXISTS = T_("init:exists", "{folder} already exists; digestgen init never overwrites")
NOT_FOLDER = T_("init:not_folder", "{folder} is a file, not a folder")


def create_workspace(folder: Path, language: Language = "fr") -> list[Path]:
    """Copy the sample content into ``folder``, each YAML file starting with the line that
    points editors at its schema; refuse if it already holds a workspace."""
    content = folder / "content"
    if content.exists():
        raise UsageError(EXISTS(language, folder=content))
    if folder.exists() and not folder.is_dir():
        raise UsageError(NOT_FOLDER(language, folder=folder))
    written = []
    for source in sorted((STARTER / "content").rglob("*.yaml")):
        target = folder / source.relative_to(STARTER)
        target.parent.mkdir(parents=True, exist_ok=True)
        first = modeline(target, content, "outlet" if target.name == "outlet.yaml" else "digest")
        target.write_text(f"{first}\n{source.read_text(encoding='utf-8')}", encoding="utf-8")
        written.append(target)
    written += write_schemas(content, language)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("/out/\n", encoding="utf-8")
        written.append(ignore)
    return written
