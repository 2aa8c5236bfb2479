"""digestgen's words: every one the code declares is in each language's catalog, translated
and typeset; the preview and `check` speak the digest's language."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from digestgen.checks.registry import CHECKS
from digestgen.text import catalog
from digestgen.text.formats import kilobytes, long_date, number
from helpers import sample_data, workspace

SOURCE = Path(__file__).resolve().parents[1] / "src" / "digestgen"
CATALOG = SOURCE / "locale" / "fr" / "LC_MESSAGES" / "digestgen.po"
KEYWORDS = {"T_": ((1, "c"), 2), "TN_": ((1, "c"), 2, 3)}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _declared() -> dict[tuple[str, str], object]:
    """Every word the package declares, as ``make messages`` extracts it: (context, English)."""
    found = {}
    for _, _, message, _, context in extract_from_dir(
        str(SOURCE), [("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        text = message[0] if isinstance(message, tuple) else message
        found[(context, text)] = message
    return found


def _french() -> dict[tuple[str, str], object]:
    with CATALOG.open("rb") as file:
        po = read_po(file, locale="fr")
    return {
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m
        for m in po
        if m.id  # the header
    }


def test_the_french_catalog_holds_every_declared_word_and_nothing_else() -> None:
    declared, french = _declared(), _french()
    assert len(declared) > 150
    assert set(declared) - set(french) == set(), "run `make messages`, then translate"
    assert set(french) - set(declared) == set(), "run `make messages` (it drops unused words)"
    contexts = [context for context, _ in declared]
    assert len(contexts) == len(set(contexts)), "one context names one word"


def test_every_french_word_is_translated_with_the_same_fields() -> None:
    for key, message in _french().items():
        assert not message.fuzzy, key
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), ("untranslated", key)
        for said in strings:
            assert _fields(said) == _fields(ids[-1]), key


def _said(language: str) -> list[str]:
    """Every word in ``language`` as digestgen writes it (typeset, fields not filled)."""
    texts = []
    for (context, text), message in _declared().items():
        if isinstance(message, tuple):
            plural = catalog.Plural(context, *message)
            texts += [plural.raw(language, n) for n in (1, 2)]  # type: ignore[arg-type]
        else:
            texts.append(catalog.Message(context, text).raw(language))  # type: ignore[arg-type]
    return texts


@pytest.mark.parametrize("text", _said("fr"))
def test_french_texts_follow_french_typography(text: str) -> None:
    # A straight quote stays only beside code (YAML's '', a CSS font name in quotes).
    assert not re.search(r"[^\W\d_]'[^\W\d_]", text), "a French apostrophe is ’"
    assert not re.search(r"[ \t][:;!?](\s|$)", text), "a no-break space goes before : ; ! ?"
    assert not re.search(r"« | »", text), "« » hold no-break spaces"
    assert "..." not in text


@pytest.mark.parametrize("text", _said("en"))
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


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_long_dates_are_written_as_each_language_writes_them(day: dt.date) -> None:
    french, english = long_date(day, "fr"), long_date(day, "en")
    first = "1er" if day.day == 1 else str(day.day)
    assert re.fullmatch(rf"[a-z]+ {first}\u00a0[a-zéû]+ {day.year}", french), french
    assert re.fullmatch(rf"[A-Z][a-z]+ {day.day}\u00a0[A-Z][a-z]+ {day.year}", english)


def test_a_finding_is_said_in_the_digests_language() -> None:
    check = next(c for c in CHECKS if c.code == "no-unsubscribe")
    assert check.message("fr").startswith("l’e-mail n’a pas de lien de désinscription\u202f;")
    assert check.message("en").startswith("the email has no unsubscribe link;")


def test_a_count_takes_each_languages_plural() -> None:
    errors = catalog.TN_("report:errors", "{n} error", "{n} errors")
    assert [errors("en", n) for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert [errors("fr", n) for n in (0, 1, 2)] == ["0 erreur", "1 erreur", "2 erreurs"]


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

    for service in PRESETS.values():
        assert service.consequence("en") != service.consequence("fr")
    said = PRESETS["mailchimp"].consequence("fr")
    assert said == "sans elles, Mailchimp ajoute son propre pied de page à l’e-mail"


def test_the_installed_package_reads_its_compiled_catalog() -> None:
    """The wheel carries each catalog compiled (``hatch_build.py``), the same words as its .po."""
    import gettext
    import io

    compiled = catalog.LOCALES / "fr" / "LC_MESSAGES" / "digestgen.mo"
    assert compiled.is_file(), "the wheel lacks its compiled catalog"
    source = gettext.GNUTranslations(io.BytesIO(catalog.compile_catalog(CATALOG, "fr")))
    with compiled.open("rb") as file:
        shipped = gettext.GNUTranslations(file)
    assert shipped._catalog == source._catalog  # type: ignore[attr-defined]
    assert shipped.pgettext("preview:copy_button", "Copy") == "Copier"
