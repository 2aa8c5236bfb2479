"""Bad input: every problem at once, each with file, line and field; exit 2; no traceback."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digestgen.checks.base import Material
from digestgen.checks.registry import run_checks
from digestgen.content.load import load
from digestgen.content.workspace import find_digest
from digestgen.errors import ContentError
from helpers import build_file_tree, dump_yaml, sample_data, workspace


def problems_of(digest_path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(digest_path, digest_path.parents[1])
    return [str(p) for p in caught.value.problems]


def test_the_sample_digest_is_valid() -> None:
    root = Path(__file__).resolve().parents[1]
    loaded = load(root / "content/digests/club-partenaires-2018.yaml", root / "content")
    assert loaded.language == "fr"
    assert len(loaded.digest.event.speakers) == 5
    assert len(loaded.digest.further_reading.articles) == 5
    assert loaded.slug.startswith("club-")
    assert run_checks(Material(loaded), on_build=True) == []


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "content/outlet.yaml": dump_yaml(sample_data("outlet.yaml")),
            "content/digests/bad.yaml": (
                "issue:\n  subject: ok\n  preheader: [unclosed\nevent: {}\n"
            ),
        },
    )
    [message] = problems_of(tmp_path / "content/digests/bad.yaml")
    # The outlet speaks French: the list opened and never closed, where it opens.
    assert "bad.yaml:3:14: une valeur qui commence par [" in message
    assert '      preheader: "[unclosed"' in message


def test_empty_file(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "content/outlet.yaml": dump_yaml(sample_data("outlet.yaml")),
            "content/digests/e.yaml": "",
        },
    )
    [message] = problems_of(tmp_path / "content/digests/e.yaml")
    assert message.endswith("e.yaml:1: le fichier est vide")


def test_a_list_at_the_top_is_refused(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "content/outlet.yaml": dump_yaml(sample_data("outlet.yaml")),
            "content/digests/l.yaml": "- a\n",
        },
    )
    [message] = problems_of(tmp_path / "content/digests/l.yaml")
    assert "le premier niveau doit être un ensemble de champs" in message


def test_every_problem_at_once_with_line_and_field(tmp_path: Path) -> None:
    digest = sample_data()
    digest["language"] = "en"  # the problems speak the digest's language
    digest["event"]["speakrs"] = digest["event"].pop("speakers")  # a typo
    digest["event"]["url"] = "javascript:alert(1)"
    digest["event"]["date"] = "2018-02-30"
    digest["event"]["attendance"] = "lots"
    digest["issue"]["subject"] = ["a", "list"]
    digest["further_reading"]["articles"][2]["url"] = "/relative/path"
    path = workspace(tmp_path, digest)
    lines = path.read_text().splitlines()

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if text in line)

    found = problems_of(path)
    shown = "content/digests/test.yaml"
    expected = {
        f"{shown}:{line_of('speakrs:')}: event.speakrs: unknown field; did you mean 'speakers'?",
        f"{shown}:{line_of('event:')}: event.speakers: field required",
        f"{shown}:{line_of('javascript:')}: event.url: javascript: URLs are not allowed",
        f"{shown}:{line_of('2018-02-30')}: event.date: 2018-02-30 is not a date that exists",
        f"{shown}:{line_of('attendance:')}: event.attendance: must be a whole number, such as 120",
        f"{shown}:{line_of('subject:')}: issue.subject: must be text (one value, not a list",
        f"{shown}:{line_of('/relative/path')}: further_reading.articles[2].url: a relative URL",
    }
    assert len(found) == len(expected), found
    for prefix in expected:
        assert any(prefix in message for message in found), (prefix, found)


def test_problems_of_outlet_and_digest_come_together(tmp_path: Path) -> None:
    outlet = sample_data("outlet.yaml")
    outlet["website"] = "http://www.alliancy.fr"  # the outlet's site must be https
    del outlet["postal_address"]
    digest = sample_data()
    digest["event"]["speakers"][2]["quote"] = "   "
    path = workspace(tmp_path, digest, outlet)
    found = problems_of(path)
    assert any("outlet.yaml" in m and "website: doit être une URL en https://" in m for m in found)
    assert any("outlet.yaml" in m and "postal_address: champ obligatoire" in m for m in found)
    assert any("event.speakers[2].quote: ne doit pas être vide" in m for m in found)


def test_missing_article_title_points_to_enrich(tmp_path: Path) -> None:
    digest = sample_data()
    del digest["further_reading"]["articles"][1]["title"]
    [message] = problems_of(workspace(tmp_path, digest))
    assert "further_reading.articles[1].title: champ obligatoire (écrivez-le, ou lancez" in message
    assert "digestgen enrich" in message


def test_unsubscribe_must_be_a_url_or_a_merge_tag(tmp_path: Path) -> None:
    outlet = sample_data("outlet.yaml")
    outlet["unsubscribe"] = "write to us"
    [message] = problems_of(workspace(tmp_path, sample_data(), outlet))
    assert "unsubscribe: doit être une URL en https:// ou la balise de votre service" in message
    assert "{{ unsubscribe }}" in message


def test_text_is_stripped_and_nfc(tmp_path: Path) -> None:
    digest = sample_data()
    digest["event"]["title"] = "  Cafe\u0301 nume\u0301rique  "
    loaded = load(workspace(tmp_path, digest), tmp_path / "content")
    assert loaded.digest.event.title == "Café numérique"


def test_latest_digest_is_chosen_by_issue_date(tmp_path: Path) -> None:
    old, new = sample_data(), sample_data()
    new["issue"]["date"] = "2019-01-10"
    workspace(tmp_path, old, name="zzz-old")
    workspace(tmp_path, new, name="aaa-new")
    assert find_digest(None, tmp_path / "content").stem == "aaa-new"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["newsletter", "nope"], "aucun digest nommé nope dans content/digests"),
        (["newsletter", "bad"], "event.url: les URL en javascript: ne sont pas acceptées"),
    ],
)
def test_cli_exit_2_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli, args: list[str], needle: str
) -> None:
    digest = sample_data()
    digest["event"]["url"] = "javascript:alert(1)"
    workspace(tmp_path, digest, name="bad")
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    digest = sample_data()
    digest["event"]["url"] = "data:text/html,hi"
    workspace(tmp_path, digest, name="bad")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError):
        cli("newsletter", "bad", "--debug")


yaml_scalars = st.one_of(
    st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(
    path=st.lists(
        st.sampled_from(["issue", "event", "speakers", 0, "quote", "url", "date"]),
        min_size=1,
        max_size=4,
    ),
    value=yaml_values,
)
def test_any_damage_is_reported_never_raised(
    tmp_path_factory: pytest.TempPathFactory, path: list[str | int], value: object
) -> None:
    """Whatever an editor puts wherever, loading either succeeds or raises ContentError."""
    digest = sample_data()
    node = digest
    for step in path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    with contextlib.suppress(TypeError, IndexError):
        node[path[-1]] = value
    root = tmp_path_factory.mktemp("ws")
    try:
        load(workspace(root, digest), root / "content")
    except ContentError as exc:
        assert exc.problems
        assert all(p.line is not None and p.line >= 1 for p in exc.problems)


def test_a_key_written_twice_is_a_problem(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "content/outlet.yaml": dump_yaml(sample_data("outlet.yaml")),
            "content/digests/d.yaml": "issue:\n  subject: a\n  subject: b\n",
        },
    )
    [message] = problems_of(tmp_path / "content/digests/d.yaml")
    assert "d.yaml:3:3: le champ subject est écrit deux fois dans le même groupe" in message
