"""Small builders for test workspaces (after copier's tests/helpers.py::build_file_tree)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]


def build_file_tree(root: Path, spec: dict[str, str | bytes]) -> None:
    """Write ``spec`` (relative path → text or bytes) under ``root``."""
    for name, content in spec.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def sample_data(name: str = "digests/club-partenaires-2018.yaml") -> Any:
    """The repository sample's YAML as plain Python data, to vary in a test."""
    return _plain(YAML(typ="safe", pure=True).load((REPO / "content" / name).read_text("utf-8")))


def _plain(value: Any) -> Any:
    # Dates come back as date objects from the safe loader; the format writes them as text.
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def dump_yaml(data: Any) -> str:
    import io

    stream = io.StringIO()
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096
    yaml.dump(copy.deepcopy(data), stream)
    return stream.getvalue()


def workspace(root: Path, digest: Any, outlet: Any | None = None, name: str = "test") -> Path:
    """A workspace at ``root`` with one digest (and the sample outlet unless given)."""
    build_file_tree(
        root,
        {
            "content/outlet.yaml": dump_yaml(
                outlet if outlet is not None else sample_data("outlet.yaml")
            ),
            f"content/digests/{name}.yaml": dump_yaml(digest),
        },
    )
    return root / "content" / "digests" / f"{name}.yaml"


def local_links(value: Any, base: str) -> Any:
    """``value`` with every http(s) URL pointing at ``base``/ok: a test of the link check
    reaches nothing beyond its own server."""
    if isinstance(value, dict):
        return {k: local_links(v, base) for k, v in value.items()}
    if isinstance(value, list):
        return [local_links(v, base) for v in value]
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return f"{base}/ok"
    return value


def check_links(loaded: Any, **options: Any) -> list[Any]:
    """What ``check --links`` finds: the digest's links fetched, then the link checks."""
    from digestgen.checks.base import Material
    from digestgen.checks.links import fetch_links
    from digestgen.checks.registry import run_checks

    fetched = fetch_links(loaded, **options)
    return run_checks(Material(loaded, links=fetched), needing="links")
