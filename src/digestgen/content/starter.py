"""``digestgen init``: a new workspace holding the sample outlet and digest."""

from __future__ import annotations

import shutil
from pathlib import Path

from digestgen import PACKAGE
from digestgen.errors import UsageError

_PACKAGED = PACKAGE / "starter"
# Running from a source checkout (PYTHONPATH=src), the sample is the repository's own content.
STARTER = _PACKAGED if _PACKAGED.is_dir() else PACKAGE.parents[1]


def create_workspace(folder: Path) -> list[Path]:
    """Copy the sample content into ``folder``; refuse if it already holds a workspace."""
    if (folder / "content").exists():
        raise UsageError(f"{folder / 'content'} already exists; digestgen init never overwrites")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    written = []
    for source in sorted((STARTER / "content").rglob("*.yaml")):
        target = folder / source.relative_to(STARTER)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("/out/\n", encoding="utf-8")
        written.append(ignore)
    return written
