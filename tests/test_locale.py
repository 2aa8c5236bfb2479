"""One module knows the languages: the preview and `check` speak the digest's, in its
typography, and no finding or note is left without its translation."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digestgen.text import messages as locale
from digestgen.text.messages import (
    FINDINGS,
    LANGUAGES,
    NOTES,
    REPORT,
    finding_text,
    kilobytes,
    number,
)
from helpers import sample_data, workspace

SOURCE = Path(__file__).resolve().parents[1] / "src" / "digestgen"
CASES = Path(__file__).resolve().parent / "cases"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _texts(language: locale.Language) -> list[str]:
    """Every text digestgen writes in ``language`` besides the editors' own."""
    texts = [t for pair in FINDINGS[language].values() for t in pair]
    texts += list(NOTES[language].values()) + list(REPORT[language].values())
    texts += list(locale.FALLBACKS[language].values()) + list(locale.SPAM_FIXES[language].values())
    texts += list(locale.ESP_CONSEQUENCES[language].values())
    texts += list(locale.STRINGS[language].values()) + list(locale.PREVIEW[language].values())
    return texts


def test_every_table_has_every_language_and_the_same_keys_and_fields() -> None:
    tables = [
        FINDINGS,
        NOTES,
        REPORT,
        locale.FALLBACKS,
        locale.SPAM_FIXES,
        locale.STRINGS,
        locale.PREVIEW,
    ]
    for table in tables:
        assert set(table) == set(LANGUAGES)
        english = table["en"]
        for language in LANGUAGES:
            assert set(table[language]) == set(english), language
            for key, text in table[language].items():
                said = " ".join(text) if isinstance(text, tuple) else text
                shown = " ".join(english[key]) if isinstance(english[key], tuple) else english[key]
                assert _fields(said) == _fields(shown), (language, key)


def _codes_in_checks() -> set[str]:
    """The texts the checks ask for: ``_finding(..., "code", ...)`` and ``text="..."``."""
    tree = ast.parse((SOURCE / "checks" / "findings.py").read_text(encoding="utf-8"))
    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_finding":
            text = [k.value for k in node.keywords if k.arg == "text"]
            if text and isinstance(text[0], ast.Constant):
                keys.add(text[0].value)
            elif isinstance(node.args[2], ast.Constant):
                keys.add(node.args[2].value)
    return keys


def test_every_finding_the_checks_make_is_said_in_both_languages() -> None:
    used = _codes_in_checks() | {"subject-long", "preheader-length"}  # load's warnings
    assert len(used) > 15
    for language in LANGUAGES:
        assert used <= set(FINDINGS[language]), used - set(FINDINGS[language])


@pytest.mark.parametrize("text", _texts("fr"))
def test_french_texts_follow_french_typography(text: str) -> None:
    assert "'" not in text, "a French apostrophe is ’"
    assert not re.search(r"[ \t][:;!?](\s|$)", text), "a no-break space goes before : ; ! ?"
    assert not re.search(r"« | »", text), "« » hold no-break spaces"
    assert "..." not in text


@pytest.mark.parametrize("text", _texts("en"))
def test_english_texts_have_no_space_before_high_punctuation(text: str) -> None:
    assert not re.search(r"\s[:;!?](\s|$)", text)
    assert "«" not in text and "\u202f" not in text


@given(st.integers(min_value=0, max_value=10**9))
def test_numbers_are_written_as_each_language_writes_them(value: int) -> None:
    assert number(value, "en") == f"{value:,}"
    french = number(value, "fr")
    assert french.replace("\u202f", "") == str(value)
    assert "," not in french and " " not in french  # grouped by narrow no-break spaces only
    assert kilobytes(value, "fr").endswith("\u00a0Ko") and "." not in kilobytes(value, "fr")
    assert kilobytes(value, "en").endswith(" KB")


def test_a_finding_is_said_in_the_digests_language() -> None:
    fr, _ = finding_text("fr", "no-unsubscribe")
    en, _ = finding_text("en", "no-unsubscribe")
    assert fr.startswith("l’e-mail n’a pas de lien de désinscription\u202f;")
    assert en.startswith("the email has no unsubscribe link;")


def _crafted(root: Path, language: str) -> None:
    digest = sample_data()
    digest["language"] = language
    # An event image without its alt text: one error.
    digest["event"]["image"] = {
        "src": "https://www.alliancy.fr/soiree.jpg",
        "alt": "",
        "width": 600,
    }
    workspace(root, digest)


def test_check_speaks_french_for_a_french_digest(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _crafted(tmp_path, "fr")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--no-spam")
    assert result.exit_code == 1
    assert "erreur     missing-alt" in result.stdout
    assert "une image porteuse de contenu n’a pas de texte alternatif" in result.stdout
    assert "correction\u00a0: décrire ce que montre l’image dans `alt`" in result.stdout
    assert "1 erreur, " in result.stdout and "score de spam non calculé" in result.stdout


def test_check_speaks_english_for_an_english_digest(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _crafted(tmp_path, "en")
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--no-spam")
    assert result.exit_code == 1
    assert "error      missing-alt" in result.stdout
    assert "an image that carries content has no alt text" in result.stdout
    assert "fix: describe what the image shows in `alt`" in result.stdout
    assert "1 error, " in result.stdout


def test_the_french_preview_shows_french_findings_and_numbers(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _crafted(tmp_path, "fr")
    monkeypatch.chdir(tmp_path)
    cli("build")
    page = next((tmp_path / "out").glob("*/index.html")).read_text(encoding="utf-8")
    assert "une image porteuse de contenu n’a pas de texte alternatif" in page
    assert "décrire ce que montre l’image dans <code>alt</code>" in page or (
        "décrire ce que montre l’image dans `alt`" in page
    )
    assert re.search(r"\d\u202f\d{3} / 3\u202f000", page), "LinkedIn's count, as French writes it"
    assert "\u00a0Ko / 102\u00a0Ko" in page
    assert "la version claire s’affiche, avec un contraste AA" in page  # the clients' table


def test_the_english_preview_stays_english(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _crafted(tmp_path, "en")
    monkeypatch.chdir(tmp_path)
    cli("build")
    page = next((tmp_path / "out").glob("*/index.html")).read_text(encoding="utf-8")
    assert "an image that carries content has no alt text" in page
    assert re.search(r"\d,\d{3} / 3,000", page)
    assert " KB / 102 KB" in page
    assert "the light version shows, with AA contrast" in page


def test_every_email_service_says_why_it_needs_its_tags_in_both_languages() -> None:
    from digestgen.content.esp import PRESETS

    for language in LANGUAGES:
        assert set(locale.ESP_CONSEQUENCES[language]) == set(PRESETS)
    for name, service in PRESETS.items():  # esp.py's own English stays the same words
        assert locale.ESP_CONSEQUENCES["en"][name] == service.consequence
    said = locale.ESP_CONSEQUENCES["fr"]["mailchimp"]
    assert said == "sans elles, Mailchimp ajoute son propre pied de page à l’e-mail"
