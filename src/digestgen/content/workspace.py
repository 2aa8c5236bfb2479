"""The workspace: the folder a command works in, its content, its out/, and its digests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digestgen.content.load import READING, Loaded, display_path, load, read_yaml
from digestgen.errors import ContentError, DigestNotFound, NotAWorkspace
from digestgen.text.catalog import T_, Message
from digestgen.text.language import LANGUAGES, Language


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

    def language(self) -> Language:
        """The outlet's language, for what a command says without a digest; French (the
        starter's) when ``outlet.yaml`` is missing or names none that digestgen speaks."""
        try:
            said = read_yaml(self.content_dir / "outlet.yaml").data.get("language")
        except (ContentError, OSError, RecursionError):  # said in the error handler: never raises
            said = None
        return said if said in LANGUAGES else "fr"

    def load(self, name: str | None) -> Loaded:
        """The digest ``name`` (a path or a file stem; None for the latest), validated."""
        if name is None or not Path(name).suffix:
            self.require()
        return load(find_digest(name, self.content_dir, self.language()), self.content_dir)

    def require(self) -> None:
        """Refuse a folder that is not a workspace, saying where one was looked for."""
        if (self.content_dir / "outlet.yaml").is_file():
            return
        language = self.language()
        here = display_path(self.content_dir)
        if (self.content_dir.parent / "outlet.yaml").is_file():  # run from inside content/
            root = self.content_dir.parent.parent
            parent = ".." if root.resolve() == Path.cwd().resolve().parent else str(root)
            raise NotAWorkspace(WORDS["inside"](language, folder=parent))
        raise NotAWorkspace(WORDS["not_workspace"](language, folder=here))


def digest_paths(content_dir: Path) -> list[Path]:
    """Every digest file of a workspace, by name."""
    folder = content_dir / "digests"
    # Not an editor's lock file (.#x.yaml), macOS's ._x.yaml, nor a folder named x.yaml.
    return sorted(
        p
        for p in folder.glob("*.y*ml")
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
    )


WORDS: dict[str, Message] = {
    "not_workspace": T_(
        "workspace:none",
        "this is not a digestgen workspace: no {folder}/outlet.yaml. Go to the folder made by "
        "`digestgen init`, give --content-dir, or make one with `digestgen init <folder>`",
    ),
    "inside": T_(
        "workspace:inside",
        "this is a workspace's content folder; run digestgen from the workspace: cd {folder}",
    ),
    "no_such": T_("workspace:no_such", "no digest named {name} in {folder} (there: {known})"),
    "none_there": T_("workspace:none_there", "none"),
    "empty": T_(
        "workspace:empty",
        "no digest in {folder}; write one there, or draft one with `digestgen draft <url>`",
    ),
}


def find_digest(name: str | None, content_dir: Path, language: Language = "fr") -> Path:
    """A digest named by path or file stem; with no name, the one with the latest issue.date."""
    folder = display_path(content_dir / "digests")
    if name:
        as_path = Path(name)
        if as_path.suffix in (".yaml", ".yml") and as_path.exists():
            return as_path
        for path in digest_paths(content_dir):
            if path.stem == name:
                return path
        known = ", ".join(p.stem for p in digest_paths(content_dir))
        known = known or WORDS["none_there"](language)
        raise DigestNotFound(WORDS["no_such"](language, name=name, folder=folder, known=known))
    paths = digest_paths(content_dir)
    if not paths:
        raise DigestNotFound(WORDS["empty"](language, folder=folder))
    dated: list[tuple[str, str, Path]] = []
    problems = []
    for path in paths:
        source = read_yaml(path, language)
        issue = source.data.get("issue")
        when = issue.get("date") if isinstance(issue, dict) else None
        if not isinstance(when, str):
            needed = READING["needed_latest"](language)
            problems.append(source.problem(("issue", "date"), needed))
            continue
        dated.append((when, path.name, path))
    if problems:
        raise ContentError(problems, language)
    return max(dated)[2]
