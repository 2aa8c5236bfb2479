"""What an editor reads in the terminal: YAML mistakes explained where they are, with what
to write instead; a folder that is not a workspace; the version; quiet builds that name
the one file to open; every line in the digest's language, French and English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from digestgen import __version__
from helpers import build_file_tree, dump_yaml, sample_data

SUBJECT = "issue:\n  subject: Club des Partenaires : cinq décideurs\n"


def _broken(root: Path, text: str, language: str) -> None:
    outlet = sample_data("outlet.yaml")
    outlet["language"] = language
    build_file_tree(
        root, {"content/outlet.yaml": dump_yaml(outlet), "content/digests/d.yaml": text}
    )


def _stderr(cli: Any, root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.chdir(root)
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not (root / "out").exists()
    return str(result.stderr)


# Each mistake editors make, in French and in English: the message, the caret's column, and
# the line to write instead (None: no line to suggest).
MISTAKES = [
    (
        "a colon inside a title",
        SUBJECT,
        "d.yaml:2:33: a colon followed by a space inside a value ends it there; put the "
        "whole value in double quotes",
        "d.yaml:2:33: un deux-points suivi d’une espace dans une valeur la termine là\u202f;",
        '  subject: "Club des Partenaires : cinq décideurs"',
    ),
    (
        "a tab",
        "issue:\n\tsubject: x\n",
        "d.yaml:2:1: a tab: YAML indents with spaces only; replace the tab with spaces",
        "d.yaml:2:1: une tabulation\u00a0: YAML n’indente qu’avec des espaces",
        None,
    ),
    (
        "an apostrophe in single quotes",
        "further_reading:\n  title: 'L'essentiel du Club'\n",
        "d.yaml:2:12: an apostrophe inside a value in single quotes ends it there; put the "
        "value in double quotes (or write the apostrophe twice: '')",
        "d.yaml:2:12: une apostrophe",
        '  title: "L\'essentiel du Club"',
    ),
    (
        "a line indented further than its neighbours",
        "issue:\n  subject: x\n   date: 2018-12-07\n",
        "d.yaml:3:4: this line is not indented like the fields around it",
        "d.yaml:3:4: cette ligne",
        None,
    ),
    (
        "a quote starting with […]",
        "event:\n  summary: [...] nous privilégions\n",
        "d.yaml:2:12: a value starting with [ or { is read as a list or a group of fields",
        "d.yaml:2:12: une valeur qui commence par [ ou {",
        '  summary: "[...] nous privilégions"',
    ),
]


@pytest.mark.parametrize(
    ("mistake", "text", "english", "french", "fix"), MISTAKES, ids=[m[0] for m in MISTAKES]
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_yaml_mistakes_are_explained_with_the_line_and_what_to_write(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Any,
    language: str,
    mistake: str,
    text: str,
    english: str,
    french: str,
    fix: str | None,
) -> None:
    _broken(tmp_path, text, language)
    said = _stderr(cli, tmp_path, monkeypatch, "build", "d")
    lines = said.splitlines()
    first = next(line for line in lines if "d.yaml:" in line)
    assert (english if language == "en" else french) in first, said
    # The line as written, then a caret under the column the message names.
    column = int(re.search(r"d\.yaml:\d+:(\d+):", first).group(1))  # type: ignore[union-attr]
    shown, caret = lines[lines.index(first) + 1], lines[lines.index(first) + 2]
    assert caret.strip() == "^"
    assert caret.index("^") - 4 == column - 1
    assert shown.startswith("    ") and shown[4:].rstrip() == text.splitlines()[
        int(first.split(":")[1]) - 1
    ].replace("\t", " ")
    if fix is not None:
        assert ("write:" if language == "en" else "écrivez\u00a0:") in said
        assert f"    {fix}" in lines
    summary = lines[-1]
    assert summary == (
        "digestgen: 1 problem; nothing was written."
        if language == "en"
        else "digestgen: 1 problème\u202f; rien n’a été écrit."
    )


def test_the_suggested_line_is_one_digestgen_reads(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    for _, text, _, _, fix in MISTAKES:
        if fix is not None:
            fixed = "\n".join(
                fix if line.split(":")[0] == fix.split(":")[0] else line
                for line in text.splitlines()
            )
            YAML(typ="safe").load(fixed)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "must be a group of fields: write a space after each field's colon"),
        ("fr", "doit être un groupe de champs\u00a0: mettez une espace après le deux-points"),
    ],
)
def test_a_missing_space_after_a_colon_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any, language: str, expected: str
) -> None:
    digest = dump_yaml(sample_data()).replace("language: fr\n", f"language: {language}\n")
    digest = re.sub(r"issue:\n(  .*\n)+", "issue:\n  subject:x\n  date:2018-12-07\n", digest)
    _broken(tmp_path, digest, language)
    said = _stderr(cli, tmp_path, monkeypatch, "build", "d")
    assert f"issue: {expected}".replace("'", "’" if language == "fr" else "'") in said or (
        f"issue: {expected}" in said
    ), said


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "event.attendance: must be a whole number, such as 120"),
        ("fr", "event.attendance: doit être un nombre entier, comme 120"),
    ],
)
def test_validation_speaks_the_digests_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any, language: str, expected: str
) -> None:
    digest = sample_data()
    digest["language"] = language
    digest["event"]["attendance"] = "lots"
    _broken(tmp_path, dump_yaml(digest), "fr")  # the outlet's is French: the digest's wins
    assert expected in _stderr(cli, tmp_path, monkeypatch, "build", "d")


def test_outside_a_workspace_the_message_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    said = _stderr(cli, tmp_path, monkeypatch, "build")
    assert said.startswith(
        "digestgen: ceci n’est pas un espace de travail digestgen\u00a0: "
        "pas de content/outlet.yaml."
    ), said
    assert "digestgen init" in said


def test_inside_the_content_folder_it_says_cd_to_the_workspace(
    sample: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    said = _stderr(cli, sample / "content", monkeypatch, "build")
    assert "lancez digestgen depuis l’espace de travail\u00a0: cd .." in said, said


def test_version(cli: Any) -> None:
    from importlib.metadata import version

    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"digestgen {__version__}\n"
    assert version("digestgen") == __version__


def test_build_says_how_many_files_and_the_one_to_open(sample: Path, cli: Any) -> None:
    result = cli("build")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    slug = "club-des-partenaires-du-numerique-la-grande-soiree-annuelle-2018-12-05"
    assert len(lines) == 2, lines
    assert re.fullmatch(rf"\d+ fichiers écrits dans out/{slug} \(-v les liste\)", lines[0])
    assert lines[1] == f"→ ouvrir out/{slug}/index.html"
    every = cli("build", "-v").stdout.splitlines()
    assert len(every) > 20 and every[-1] == lines[1]
    assert sum(line.endswith(".png") for line in every) >= 10


def test_english_build_speaks_english(english: Path, cli: Any) -> None:
    lines = cli("build").stdout.splitlines()
    assert re.fullmatch(r"\d+ files written in out/\S+ \(-v lists them\)", lines[0]), lines
    assert lines[1].startswith("→ open out/") and lines[1].endswith("/index.html")


def test_social_lists_the_posts_but_counts_the_cards(sample: Path, cli: Any) -> None:
    out = cli("social").stdout
    assert ".png" not in out
    assert re.search(r"^\d+ images dans out/\S+/cards \(-v les liste\)$", out, flags=re.M), out
    assert "social/linkedin.txt" in out


def test_a_clean_check_reports_the_clients_in_one_line(sample: Path, cli: Any) -> None:
    short = cli("check", "--no-spam").stdout.splitlines()
    every = cli("check", "--no-spam", "--clients").stdout.splitlines()
    clients = [line for line in short if line.startswith("Clients de messagerie")]
    assert len(clients) == 1 and "(--clients les liste)" in clients[0]
    assert len(short) <= 5, short
    assert any("pas pris en charge par Outlook Windows" in line for line in every)
    assert len(every) > len(short) + 5


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "the issue is dated Monday 3\u00a0December 2018, before the event it recaps "
            "(Wednesday 5\u00a0December 2018)",
        ),
        (
            "fr",
            "le numéro est daté du lundi 3\u00a0décembre 2018, avant l’événement qu’il raconte "
            "(mercredi 5\u00a0décembre 2018)",
        ),
    ],
)
def test_an_issue_dated_before_its_event_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any, language: str, expected: str
) -> None:
    digest = sample_data()
    digest["language"] = language
    digest["issue"]["date"] = "2018-12-03"  # the event was on the 5th
    _broken(tmp_path, dump_yaml(digest), language)
    monkeypatch.chdir(tmp_path)
    result = cli("check", "d", "--no-spam", "--format", "json")
    import json

    [found] = [
        f for f in json.loads(result.stdout)["findings"] if f["code"] == "issue-before-event"
    ]
    assert found["level"] == "warning" and found["message"] == expected
    built = cli("build", "d")
    assert built.exit_code == 0 and expected in built.stderr  # said at build time too


@pytest.mark.parametrize(
    ("text", "caret", "fix"),
    [
        # The editor's doubled apostrophe and escaped quote are kept in the line to write.
        ("title: 'L''équipe d'Angers'\n", 20, "title: \"L'équipe d'Angers\""),
        ('quote: "Il a dit \\"oui\\" puis "non""\n', 31, 'quote: \'Il a dit "oui" puis "non"\''),
        # A merge tag written without quotes reads as a group to YAML.
        ("unsubscribe: {{ unsubscribe }}\n", 14, 'unsubscribe: "{{ unsubscribe }}"'),
    ],
)
def test_the_line_to_write_keeps_what_the_editor_typed(
    tmp_path: Path, text: str, caret: int, fix: str
) -> None:
    from digestgen.content.load import read_yaml
    from digestgen.errors import ContentError

    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_yaml(path, "en")
    [problem] = caught.value.problems
    assert problem.column == caret
    assert problem.excerpt.splitlines()[-1] == f"    {fix}"


def test_a_colon_inside_a_list_item_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    digest = sample_data()
    digest["language"] = "en"
    digest["event"]["highlights"] = [{"Angers": "the pioneering city"}]  # "- Angers : …"
    _broken(tmp_path, dump_yaml(digest), "en")
    said = _stderr(cli, tmp_path, monkeypatch, "build", "d")
    assert "event.highlights[0]: a colon followed by a space inside a value ends it" in said


def test_a_control_character_yaml_refuses_is_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    _broken(tmp_path, "issue:\n  subject: a\x00b\n", "en")
    said = _stderr(cli, tmp_path, monkeypatch, "build", "d")
    assert "d.yaml:2: a control character (U+0000) that YAML does not allow" in said


def test_an_outlet_file_that_is_a_folder_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    _broken(tmp_path, dump_yaml(sample_data()), "fr")
    (tmp_path / "content" / "outlet.yaml").unlink()
    (tmp_path / "content" / "outlet.yaml").mkdir()
    said = _stderr(cli, tmp_path, monkeypatch, "build", "d")
    assert "pas de content/outlet.yaml" in said, said
    # Named by its path, the digest is read, and the outlet's folder is one line too.
    said = _stderr(cli, tmp_path, monkeypatch, "build", "content/digests/d.yaml")
    assert "content/outlet.yaml: impossible à lire" in said, said
