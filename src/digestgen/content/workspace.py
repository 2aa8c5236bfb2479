"""The workspace: the folder a command works in, its content, its out/, and its digests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digestgen.content.load import Loaded, load, read_yaml
from digestgen.errors import ContentError, DigestNotFound


@dataclass(frozen=True)
class Workspace:
    """Where a command reads and writes: the folder holding ``templates/``, content and out."""

    root: Path
    content_dir: Path
    out_dir: Path

    @classmethod
    def at(
        cls, root: Path, content_dir: Path | None = None, out_dir: Path | None = None
    ) -> Workspace:
        return cls(root, content_dir or root / "content", out_dir or root / "out")

    def load(self, name: str | None) -> Loaded:
        """The digest ``name`` (a path or a file stem; None for the latest), validated."""
        return load(find_digest(name, self.content_dir), self.content_dir)


def digest_paths(content_dir: Path) -> list[Path]:
    """Every digest file of a workspace, by name."""
    folder = content_dir / "digests"
    # Not an editor's lock file (.#x.yaml), macOS's ._x.yaml, nor a folder named x.yaml.
    return sorted(
        p
        for p in folder.glob("*.y*ml")
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
    )


def find_digest(name: str | None, content_dir: Path) -> Path:
    """A digest named by path or file stem; with no name, the one with the latest issue.date."""
    if name:
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") and as_path.exists():
            return as_path
        for path in digest_paths(content_dir):
            if path.stem == name:
                return path
        known = ", ".join(p.stem for p in digest_paths(content_dir)) or "none"
        raise DigestNotFound(f"no digest named {name!r} in {content_dir}/digests (found: {known})")
    paths = digest_paths(content_dir)
    if not paths:
        raise DigestNotFound(
            f"no digest in {content_dir}/digests; write one or run `digestgen init`"
        )
    dated: list[tuple[str, str, Path]] = []
    problems = []
    for path in paths:
        source = read_yaml(path)
        issue = source.data.get("issue")
        when = issue.get("date") if isinstance(issue, dict) else None
        if not isinstance(when, str):
            problems.append(source.problem(("issue", "date"), "needed to choose the latest digest"))
            continue
        dated.append((when, path.name, path))
    if problems:
        raise ContentError(problems)
    return max(dated)[2]
