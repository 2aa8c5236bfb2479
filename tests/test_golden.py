"""Golden files: every output of the sample and of the English case, byte for byte.

Refresh with ``make golden`` (``pytest --update-golden``) and read ``git diff tests/golden``
before committing: the diff is what an editor's readers would see change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from digestgen.build.pipeline import render_files
from digestgen.content.load import load
from digestgen.content.workspace import Workspace, find_digest

TESTS = Path(__file__).resolve().parent
CASES = {
    "sample": (TESTS.parent, "club-partenaires-2018"),
    "english": (TESTS / "cases" / "english", None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_outputs_match_golden(case: str, update_golden: bool) -> None:
    root, name = CASES[case]
    loaded = load(find_digest(name, root / "content"), root / "content")
    # Cards are PNGs drawn by the installed FreeType: tests/test_cards.py checks them instead.
    files = {
        name: content
        for name, content in render_files(loaded, Workspace.at(root)).files.items()
        if not name.startswith("cards/")
    }
    golden = TESTS / "golden" / case
    if update_golden:
        for old in golden.rglob("*"):
            if old.is_file() and old.relative_to(golden).as_posix() not in files:
                old.unlink()
    mismatches = []
    for name_, content in sorted(files.items()):
        data = content.encode() if isinstance(content, str) else content
        path = golden / name_
        if update_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            continue
        expected = path.read_bytes() if path.exists() else b""
        if data != expected:
            diff = difflib.unified_diff(
                expected.decode("utf-8", "replace").splitlines(),
                data.decode("utf-8", "replace").splitlines(),
                f"golden/{case}/{name_}",
                f"rendered/{name_}",
                lineterm="",
                n=1,
            )
            mismatches.append("\n".join(list(diff)[:60]))
    assert not mismatches, (
        "\n\n".join(mismatches) + "\n\nIf intended: make golden, then read the diff."
    )
    assert sorted(
        p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file()
    ) == sorted(files)
