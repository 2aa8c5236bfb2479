"""The only module that touches ``out/``. A digest's folder is replaced whole or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_folder(
    target: Path, files: Mapping[str, str | bytes], *, keep_others: bool = False
) -> list[Path]:
    """Make ``target`` hold exactly ``files`` (relative path → content), atomically.

    With ``keep_others``, the files already in ``target`` that ``files`` does not name are
    kept. Everything is written into a sibling temporary folder first, then swapped in with
    two renames, so a failure at any point leaves the previous ``target`` as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    retired: Path | None = None
    try:
        if keep_others and target.is_dir():
            shutil.copytree(target, staging, dirs_exist_ok=True)
            for name in files:
                (staging / name).unlink(missing_ok=True)
        for name, content in sorted(files.items()):
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            with open(path, "wb") as handle:
                handle.write(data)
            os.chmod(path, 0o644)
        os.chmod(staging, 0o755)
        if target.exists():
            retired = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, retired)
        os.replace(staging, target)
    except BaseException:
        if retired is not None and not target.exists():
            os.replace(retired, target)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
    return [target / name for name in sorted(files)]
