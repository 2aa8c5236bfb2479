"""What digestgen says, in the digest's language: every finding in French and English, French
texts typeset by French rules, and the French sample's checks in French."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digestgen import locale
from digestgen.locale import (
    CLIENT_FALLBACKS,
    ESP_CONSEQUENCES,
    FINDINGS,
    LANGUAGES,
    NOTES,
    PREVIEW,
    SPAM_FIXES,
    STRINGS,
    kilobytes,
    whole_number,
)
from helpers import sample_data, workspace

CHECKS = (Path(locale.__file__).parent / "checks.py").read_text("utf-8")

LONG_SUBJECT = "Cinq décideurs publics au Club des Partenaires du numérique, et bien d’autres"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_finding_checks_py_can_raise_has_both_languages() -> None:
    used = set(re.findall(r'_finding\(\s*"([\w-]+)"', CHECKS))
    used |= set(re.findall(r'"(issue-[\w-]+-length)"', CHECKS))
    assert {"email-size", "too-long", "issue-subject-length", "link-redirect"} <= used
    assert used <= set(FINDINGS), f"no message for {sorted(used - set(FINDINGS))}"
    # Every finding goes through _finding, so none can bypass the table.
    assert len(re.findall(r"(?<!class )\bFinding\(", CHECKS)) == 1


@pytest.mark.parametrize("key", sorted(FINDINGS))
def test_each_finding_says_the_same_in_both_languages(key: str) -> None:
    assert set(FINDINGS[key]) == set(LANGUAGES)
    english, french = FINDINGS[key]["en"], FINDINGS[key]["fr"]
    for en, fr in zip(english, french, strict=True):
        assert en and fr and (en != fr or en == "{fixes}")  # spam-score: the rules' fixes
        assert _fields(en) == _fields(fr)


@pytest.mark.parametrize(
    "table", [NOTES, CLIENT_FALLBACKS, SPAM_FIXES, ESP_CONSEQUENCES], ids=lambda t: len(t)
)
def test_each_table_has_every_language(table: dict[str, dict[str, str]]) -> None:
    for key, said in table.items():
        assert set(said) == set(LANGUAGES), key
        assert _fields(said["en"]) == _fields(said["fr"]), key


def test_each_language_has_the_same_words() -> None:
    assert set(STRINGS["fr"]) == set(STRINGS["en"])
    assert set(PREVIEW["fr"]) == set(PREVIEW["en"])


def _french_texts() -> list[str]:
    texts = [text for said in FINDINGS.values() for text in said["fr"]]
    texts += [said["fr"] for table in (NOTES, CLIENT_FALLBACKS, SPAM_FIXES, ESP_CONSEQUENCES)
              for said in table.values()]  # fmt: skip
    return texts + list(PREVIEW["fr"].values()) + list(STRINGS["fr"].values())


@pytest.mark.parametrize("text", _french_texts())
def test_french_texts_follow_french_typography(text: str) -> None:
    assert "'" not in text  # the apostrophe is ’
    # No plain space (or none at all) before a high punctuation mark that ends a word.
    assert not re.search(r"(?:^|[^\u00a0\u202f])[:;!?](?=\s|$)", text.replace("://", "")), text
    assert not re.search(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»", text), text


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_read_back(value: int) -> None:
    french, english = whole_number(value, "fr"), whole_number(value, "en")
    assert int(french.replace("\u202f", "")) == value
    assert int(english.replace(",", "")) == value
    assert " " not in french and "," not in french


def test_sizes_as_the_preview_shows_them() -> None:
    assert kilobytes(23757, "fr") == "23,2 Ko"
    assert kilobytes(23757, "en") == "23.2 KB"
    assert whole_number(2935, "fr") == "2\u202f935" and whole_number(2935, "en") == "2,935"


def _long_subject(root: Path) -> None:
    digest = sample_data()
    digest["issue"]["subject"] = LONG_SUBJECT
    workspace(root, digest)


def test_check_speaks_french_for_a_french_digest(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _long_subject(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--no-spam")
    said = f"{len(LONG_SUBJECT)} caractères\u202f; les messageries coupent l’objet après 60 environ"
    assert said in result.stdout
    assert "le réécrire à la longueur que les messageries affichent" in result.stdout
    assert "warning  issue-subject-length" in result.stdout  # the code stays the same


def test_the_preview_page_speaks_french_for_a_french_digest(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _long_subject(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("build", "test", "--no-cards").exit_code == 0
    (page,) = (tmp_path / "out").glob("*/index.html")
    html = page.read_text("utf-8")
    assert "les messageries coupent l’objet après 60 environ" in html
    assert "<code>issue-subject-length</code>" in html
    assert "le texte d’aperçu est d’abord caché par display:none" in html  # clients' table
    assert "inboxes cut" not in html


def test_check_speaks_english_for_an_english_digest(english: Path, cli: Callable[..., Any]) -> None:
    path = next((english / "content/digests").glob("*.yaml"))
    text = path.read_text("utf-8")
    long = "Cities & data: what five CIOs said at the summit, and what they left unsaid"
    path.write_text(text.replace("Cities & data: what five CIOs said at the summit", long))
    result = cli("check", "--no-spam")
    assert f"{len(long)} characters; inboxes cut subjects after about 60" in result.stdout
    assert "rewrite it to the length inboxes show" in result.stdout
    assert cli("build", "--all", "--no-cards").exit_code == 0
    (page,) = (english / "out").glob("*/index.html")
    html = page.read_text("utf-8")
    assert "inboxes cut subjects after about 60" in html
    assert "the preheader is hidden by display:none first" in html
