"""Files written by the commands: where, how, and never half of them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digestgen.build.pipeline import build_all
from digestgen.build.write import WriteError, write_folder
from digestgen.content.workspace import Workspace
from helpers import sample_data, workspace

SLUG = "club-des-partenaires-du-numerique-la-grande-soiree-annuelle-2018-12-05"
FILES = [
    "further-reading.html",
    "further-reading.md",
    "newsletter.eml",
    "newsletter.html",
    "newsletter.txt",
]
SOCIAL = [
    "social.json",
    "social/bluesky.txt",
    "social/facebook.txt",
    "social/linkedin.txt",
    "social/mastodon.txt",
    "social/threads.txt",
    "social/x.txt",
    # the posting plan (outputs/plan.py): the calendar, Buffer's file, and one per network
    "social/plan.ics",
    "social/plan.csv",
    *(
        f"social/plan-{n}.csv"
        for n in ("bluesky", "facebook", "linkedin", "mastodon", "threads", "x")
    ),
]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_newsletter_writes_the_sample_files(sample: Path, cli) -> None:
    result = cli("newsletter")
    assert result.exit_code == 0, result.stderr
    folder = sample / "out" / SLUG
    assert sorted(p.name for p in folder.iterdir()) == FILES
    # The few files it writes, then the one to open, in the digest's language.
    assert result.stdout.splitlines() == [
        *(f"out/{SLUG}/{name}" for name in FILES),
        f"→ ouvrir out/{SLUG}/newsletter.html",
    ]


def test_same_input_gives_byte_identical_files(sample: Path, cli) -> None:
    cli("build")
    first = tree(sample / "out" / SLUG)
    assert sorted(n for n in first if not n.startswith("cards/")) == sorted(
        [*FILES, *SOCIAL, "index.html"]
    )
    # 12 quote cards, the LinkedIn carousel and its first page
    assert len([n for n in first if n.startswith("cards/")]) == 12 + 2
    cli("build", "club-partenaires-2018")
    assert first == tree(sample / "out" / SLUG)


def test_a_failed_run_leaves_the_previous_output_untouched(sample: Path, cli) -> None:
    cli("newsletter")
    before = {p.name: p.read_bytes() for p in (sample / "out" / SLUG).iterdir()}
    digest = sample / "content/digests/club-partenaires-2018.yaml"
    digest.write_text(
        digest.read_text().replace("https://www.alliancy.fr/club-des", "javascript:alert(1)//")
    )
    result = cli("newsletter")
    assert result.exit_code == 2
    assert before == {p.name: p.read_bytes() for p in (sample / "out" / SLUG).iterdir()}
    assert sorted(os.listdir(sample / "out")) == [SLUG]


def test_write_folder_is_all_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out" / "x"
    write_folder(target, {"a.txt": "old", "sub/b.txt": "old"})

    class Boom(str):
        def encode(self, *args: object, **kwargs: object) -> bytes:
            raise OSError("disk full")

    with pytest.raises(WriteError, match="disk full"):
        write_folder(target, {"a.txt": "new", "z.txt": Boom("new")})
    assert (target / "a.txt").read_text() == "old" and (target / "sub/b.txt").read_text() == "old"
    assert sorted(os.listdir(tmp_path / "out")) == ["x"]


def test_build_all_reports_a_bad_digest_and_builds_the_others(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, bad = sample_data(), sample_data()
    bad["event"]["speakers"] = []
    workspace(tmp_path, good, name="good")
    workspace(tmp_path, bad, name="bad")
    monkeypatch.chdir(tmp_path)
    result = cli("build", "--all")
    assert result.exit_code == 2
    # The outlet speaks French (a digest that fails may not say its own language).
    assert "échec\u00a0: content/digests/bad.yaml" in result.stderr
    assert "event.speakers: doit contenir au moins 1 élément" in result.stderr
    assert "1 généré, 1 en échec" in result.stderr
    assert (tmp_path / "out" / SLUG / "newsletter.html").exists()


def test_content_dir_and_out_options(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Path(__file__).resolve().parents[1]
    shutil.copytree(repo / "content", tmp_path / "ws" / "content")
    monkeypatch.chdir(tmp_path)
    result = cli("newsletter", "--content-dir", "ws/content", "--out", "elsewhere")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "elsewhere" / SLUG / "newsletter.txt").exists()


def test_workspace_template_overrides_the_builtin_one(sample: Path, cli) -> None:
    (sample / "templates/email").mkdir(parents=True)
    (sample / "templates/email/further-reading.md.j2").write_text("# {{ further_title }}\n")
    assert cli("newsletter").exit_code == 0
    assert (sample / "out" / SLUG / "further-reading.md").read_text() == "# À lire aussi\n"
    assert "Ils ont pris la parole" in (sample / "out" / SLUG / "newsletter.html").read_text()


def test_a_broken_workspace_template_is_reported_with_its_line(sample: Path, cli) -> None:
    (sample / "templates/email").mkdir(parents=True)
    (sample / "templates/email/further-reading.md.j2").write_text("ok\n{% for %}\n")
    result = cli("newsletter")
    assert result.exit_code == 2
    assert "templates/email/further-reading.md.j2:2:" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_installed_command_works_without_a_templates_folder(tmp_path: Path) -> None:
    """The English case rendered by the console script, from a folder with no templates/."""
    cases = Path(__file__).resolve().parent / "cases" / "english"
    shutil.copytree(cases / "content", tmp_path / "content")
    command = Path(sys.executable).with_name("digestgen")
    if not command.exists():
        pytest.skip("digestgen is not installed in this environment (run through make test)")
    done = subprocess.run(
        [str(command), "newsletter"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "templates").exists()
    html = next((tmp_path / "out").glob("*/newsletter.html")).read_text()
    assert "&lt;script&gt;" in html and "Further reading" in html
    module = subprocess.run(
        [sys.executable, "-m", "digestgen", "--help"], capture_output=True, text=True
    )
    assert module.returncode == 0 and "newsletter" in module.stdout


def test_build_all_api_returns_what_it_wrote(tmp_path: Path) -> None:
    workspace(tmp_path, sample_data(), name="one")
    result = build_all(Workspace.at(tmp_path))
    assert [b.slug for b in result.built] == [SLUG] and not result.failed
    folder = result.built[0].folder
    written = [p.relative_to(folder).as_posix() for p in result.built[0].files]
    assert [n for n in written if not n.startswith("cards/")] == sorted(
        [*FILES, *SOCIAL, "index.html"]
    )


def test_two_digests_with_one_slug_do_not_overwrite_each_other(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace(tmp_path, sample_data(), name="a-first")
    workspace(tmp_path, sample_data(), name="b-copy")
    monkeypatch.chdir(tmp_path)
    result = cli("build", "--all")
    assert result.exit_code == 2
    assert (
        "b-copy.yaml" in result.stderr
        and "est déjà celui de a-first.yaml\u202f; indiquez issue.slug" in result.stderr
    )


def test_build_all_of_many_digests_renders_them_in_worker_processes(tmp_path: Path) -> None:
    """From eight digests on, `build --all` renders on every core: what a worker renders
    (the drafts with their platforms' records) comes back by pickle."""
    import pickle

    from digestgen.build.pipeline import NEWSLETTER, SOCIAL, render_files

    for i in range(8):
        data = sample_data()
        data["issue"]["slug"] = f"numero-{i}"
        workspace(tmp_path, data, name=f"n{i}")
    ws = Workspace.at(tmp_path)
    rendered = render_files(ws.load("n0"), ws, (NEWSLETTER, SOCIAL))
    assert pickle.loads(pickle.dumps(rendered)).files == rendered.files
    result = build_all(ws, parts=(NEWSLETTER, SOCIAL))
    assert not result.failed and len(result.built) == 8
    assert all((b.folder / "social" / "facebook.txt").is_file() for b in result.built)
