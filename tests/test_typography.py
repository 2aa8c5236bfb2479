"""Typography rules as an editor sees them, plus properties that must hold for any input."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digestgen.text.typography import NARROW_NBSP, NBSP, Language, typeset

N = NARROW_NBSP
A = NBSP

FRENCH = [
    ("l'avenir, aujourd'hui, d'Oise", "l’avenir, aujourd’hui, d’Oise"),
    ("la « smart city » de demain", f"la «{N}smart city{N}» de demain"),
    ("la «smart city»", f"la «{N}smart city{N}»"),
    ('la "smart city"', f"la «{N}smart city{N}»"),
    ('il a dit "oui à la "smart city"" hier', f"il a dit «{N}oui à la «{N}smart city{N}»{N}» hier"),
    ("Vraiment?", f"Vraiment{N}?"),
    ("Vraiment !", f"Vraiment{N}!"),
    (f"Vraiment{A}!", f"Vraiment{N}!"),
    ("Quoi ?!", f"Quoi{N}?!"),
    ("Quoi?!", f"Quoi{N}?!"),
    ("Il faut ceci : cela", f"Il faut ceci{A}: cela"),
    ("Il faut ceci: cela", f"Il faut ceci{A}: cela"),
    (f"Il faut ceci{N}: cela ; et cela", f"Il faut ceci{A}: cela{N}; et cela"),
    ("« Pourquoi ? »", f"«{N}Pourquoi{N}?{N}»"),
    ("Rendez-vous à 18:30, score 3:2", "Rendez-vous à 18:30, score 3:2"),
    ("std::vector, page.php?id=3", "std::vector, page.php?id=3"),
    ("voir https://a.fr/x?y=1&z=2 : ici", f"voir https://a.fr/x?y=1&z=2{A}: ici"),
    ("voir https://a.fr/x?y=1.", "voir https://a.fr/x?y=1."),
    (
        "(https://fr.wikipedia.org/wiki/Lyon_(ville))",
        "(https://fr.wikipedia.org/wiki/Lyon_(ville))",
    ),
    ("Écrivez à l'équipe : contact@exemple.fr !", f"Écrivez à l’équipe{A}: contact@exemple.fr{N}!"),
    ("Se désinscrire : *|UNSUB|*", f"Se désinscrire{A}: *|UNSUB|*"),
    ("{{ unsubscribe }} - {% if x == 'a' %}", "{{ unsubscribe }} – {% if x == 'a' %}"),
    ("Bonjour {{ prenom }}!", f"Bonjour {{{{ prenom }}}}{N}!"),
    ("Suivez @villeDeLyon et #SmartCity!", f"Suivez @villeDeLyon et #SmartCity{N}!"),
    ("Et après...", "Et après…"),
    ("Et après ...", "Et après …"),
    ("[...] disait-il", "[…] disait-il"),
    ("Paris - Lyon, franco-allemand, -5", "Paris – Lyon, franco-allemand, -5"),
    ("trop   d'espaces\n  et une ligne", "trop d’espaces\n  et une ligne"),
    ("les « English quotes » 'tel quel'", f"les «{N}English quotes{N}» 'tel quel’"),
    # Numbers: no break inside a number, nor before its percent or currency sign.
    ("plus de 3 000 agents", f"plus de 3{N}000 agents"),
    (f"1 200{A}000 habitants", f"1{N}200{N}000 habitants"),
    ("20 % du budget, 12,5% des agents", f"20{N}% du budget, 12,5{N}% des agents"),
    ("un budget de 3 000 € puis 2 M€", f"un budget de 3{N}000{N}€ puis 2{N}M€"),
    ("la directive NIS 2, la COP 28", f"la directive NIS{A}2, la COP{A}28"),
    # A year before a count is not a number in groups; a phone number or version neither.
    ("en 2019 200 agents", "en 2019 200 agents"),
    ("au 01 23 45 67 89, version NIS 2.0", "au 01 23 45 67 89, version NIS 2.0"),
    ("https://a.fr/page?p=20%20 000", "https://a.fr/page?p=20%20 000"),
]

ENGLISH = [
    ("It's the speakers' turn", "It’s the speakers’ turn"),
    ('"Quoted"', "“Quoted”"),
    ("He said 'single' words", "He said ‘single’ words"),
    ("'Nested \"quotes\"'", "‘Nested “quotes”’"),
    ("Hello !", "Hello!"),
    (f"Really{N}?{A}Yes : here", f"Really?{A}Yes: here"),
    ("wait...", "wait…"),
    ("back in the '90s", "back in the ’90s"),
    ("Great :)", "Great :)"),
    ("Paris - Lyon -- and back, a--b", "Paris – Lyon – and back, a--b"),
    ("« left alone »", "« left alone »"),
    ("Join at https://a.example/x?y=1 !", "Join at https://a.example/x?y=1!"),
    ("Write to hi@example.com or {{ 'unsub' }}", "Write to hi@example.com or {{ 'unsub' }}"),
    ("20 % of 3 000 staff, under NIS 2", f"20% of 3{N}000 staff, under NIS{A}2"),
    ("3,000 people, 12.5%", "3,000 people, 12.5%"),
]


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(text: str, expected: str) -> None:
    assert typeset(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_social_variant_uses_plain_nbsp_only(text: str, expected: str) -> None:
    assert typeset(text, "fr", nbsp=NBSP) == expected.replace(N, A)


def test_social_variant_converts_narrow_spaces_already_there() -> None:
    assert (
        typeset(f"déjà typé{N}: 10{N}000 visiteurs", "en", nbsp=NBSP)
        == f"déjà typé: 10{A}000 visiteurs"
    )


def test_private_use_characters_are_ordinary_text() -> None:
    assert typeset("\ue000'\ue000 \ue001 ?", "fr") == f"\ue000'\ue000 \ue001{N}?"


@pytest.mark.parametrize(
    "text",
    ['#s...a@b.fr...s0a@b.fr"', "x...a@www.x.fr/x'y", "www.... 'a'", "a !)b ' {{a 'b}}"],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_idempotent_on_found_counterexamples(text: str, language: Language) -> None:
    once = typeset(text, language)
    assert typeset(once, language) == once


def test_rejects_unknown_nbsp() -> None:
    with pytest.raises(ValueError):
        typeset("x", "fr", nbsp="_")


languages = st.sampled_from(["fr", "en"])
nbsps = st.sampled_from([None, NBSP])

# Pieces that make the rules and the protected tokens meet far more often than st.text() does.
_PIECES = [
    *" \u00a0\u202f\t\n:;!?\"'«»“”‘’.…-–()[]{}<>%*|@#/",
    "https://a.fr/",
    "www.",
    "a@b.fr",
    "{{ ",
    " }}",
    "*|",
    "|*",
    "%%",
    "[[",
    "]]",
    "18:30",
    "::",
    "...",
    " - ",
    "é",
    "l'",
    "e",
]
tricky = st.lists(st.sampled_from(_PIECES) | st.characters(), max_size=25).map("".join)


@given(st.text() | tricky, languages, nbsps)
def test_idempotent(text: str, language: Language, nbsp: str | None) -> None:
    once = typeset(text, language, nbsp=nbsp)
    assert typeset(once, language, nbsp=nbsp) == once


@given(st.text() | tricky, languages, nbsps)
def test_letters_and_digits_are_kept(text: str, language: Language, nbsp: str | None) -> None:
    def alnum(s: str) -> list[str]:
        return [c for c in s if c.isalnum()]

    assert alnum(typeset(text, language, nbsp=nbsp)) == alnum(text)


# Texts with no protected token in them: no digits, no "@#%*{[<", and neither "www" nor the
# letters of "http", "ftp" or "mailto".
prose = st.text(alphabet=st.sampled_from([*"abcdeéiosuÇ \u00a0\u202f\t\n:;!?\"'«».…-()", "\u0301"]))


@given(prose, nbsps)
def test_french_marks_follow_the_right_nbsp(text: str, nbsp: str | None) -> None:
    out = typeset(text, "fr", nbsp=nbsp)
    for before, mark in itertools.pairwise(out):
        if mark in ":;!?":
            assert before != " "
            if before in " \t\u00a0\u202f":
                assert before == (nbsp or (A if mark == ":" else N))


@given(st.text().map(lambda s: s.translate(str.maketrans("", "", "{[<%*"))), languages)
def test_social_variant_never_has_narrow_nbsp(text: str, language: Language) -> None:
    # Without merge tags (the only tokens that may hold a space) nothing keeps a U+202F.
    assert N not in typeset(text, language, nbsp=NBSP)


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_messy = st.text(alphabet="abcxyz 'é\":;!?.-…«»", max_size=12)
_path = st.text(alphabet="abcXYZ019/?=&:;'._%~-", max_size=15)
urls = st.builds(
    lambda scheme, host, path, last: f"{scheme}{host}.fr/{path}{last}",
    st.sampled_from(["https://", "http://", "www.", "HTTPS://"]),
    _word,
    _path,
    _word,
)
emails = st.builds(lambda user, host: f"{user}.{user}@{host}.example.org", _word, _word)
merge_tags = (
    st.builds(lambda s: f"*|{s.upper()}|*", _word)
    | st.builds(lambda s: f"{{{{ {s} }}}}", _messy)
    | st.builds(lambda s: f"{{% if {s} %}}", _messy)
    | st.builds(lambda s: f"%%{s}%%", _word)
    | st.builds(lambda s: f"[[{s}]]", _messy)
    | st.builds(lambda s: f"<%{s}%>", _messy.map(lambda m: m.replace("%", "")))
    | st.builds(lambda s: f"%unsub_{s}%", _word)
)


@given(st.text(), urls | emails | merge_tags, st.text(), languages, nbsps)
def test_protected_tokens_survive(
    prefix: str, token: str, suffix: str, language: Language, nbsp: str | None
) -> None:
    assert token in typeset(f"{prefix} {token} {suffix}", language, nbsp=nbsp)


def test_numbers_hold_together_in_every_output(tmp_path, monkeypatch, cli) -> None:  # type: ignore[no-untyped-def]
    # "3 000" and "20 %" as an editor types them, in the email, its text, the posts and the
    # cards: never "3" at a line's end and "000" on the next.
    from helpers import dump_yaml, sample_data, workspace

    digest = sample_data()
    digest["event"]["summary"] = "Plus de 3 000 agents, soit 20 % des effectifs, sous NIS 2."
    digest["event"]["speakers"][0]["quote"] = "Nous formerons 3 000 agents, soit 20 % du total"
    workspace(tmp_path, digest)
    monkeypatch.chdir(tmp_path)
    assert cli("build").exit_code == 0
    out = next((tmp_path / "out").iterdir())
    grouped, percent, acronym = f"3{N}000", f"20{N}%", f"NIS{A}2"
    for name in ("newsletter.html", "newsletter.txt"):
        text = (out / name).read_text(encoding="utf-8")
        assert grouped in text and percent in text and "3 000" not in text, name
    assert acronym in (out / "newsletter.txt").read_text(encoding="utf-8")
    # The networks get the ordinary no-break space, which every app shows (and X counts once).
    for name in ("linkedin", "x", "bluesky", "mastodon", "threads", "facebook"):
        post = (out / "social" / f"{name}.txt").read_text(encoding="utf-8")
        assert f"3{A}000" in post and f"20{A}%" in post and "3 000" not in post, name
    assert dump_yaml(digest)  # the digest as written keeps the editor's spaces
