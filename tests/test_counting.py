"""The platforms' counters: X by twitter-text's own conformance cases and against
twitter-text-parser itself; Mastodon's URLs as twitter-text's extractor finds them; Bluesky's
byte cap; X's forbidden characters."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from digestgen.outputs.social import Draft, Post
from digestgen.platforms.mastodon import mastodon_length
from digestgen.platforms.registry import PLATFORMS
from digestgen.platforms.twitter_text import extract_urls_with_indices, x_parse

CONFORMANCE = Path(__file__).parent / "conformance" / "validate.yml"


def _conformance() -> list[Any]:
    tests = YAML(typ="safe").load(CONFORMANCE.read_text(encoding="utf-8"))["tests"]
    return [
        pytest.param(case["text"], case["expected"], id=f"{section}: {case['description']}")
        for section, cases in tests.items()
        for case in cases
    ]


@pytest.mark.parametrize(("text", "expected"), _conformance())
def test_x_passes_twitter_texts_conformance_suite(text: str, expected: dict[str, Any]) -> None:
    parsed = x_parse(text)
    assert parsed.weighted_length == expected["weightedLength"]
    assert parsed.valid == expected["valid"]


def _library() -> Any:
    """twitter-text-parser itself, as the reference (its import warns of pkg_resources)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import twitter_text

    return twitter_text


def test_the_emoji_expression_is_the_librarys() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from twitter_text.regexp.emoji import emoji

    from digestgen.platforms.twitter_text import _emoji

    assert _emoji().pattern == emoji.pattern


PIECES = [
    *"abcxyz019.-_/:?#@()[] éßſKı!',$%&*+=~|",
    "http://",
    "https://",
    "HTTPS://",
    ".com",
    ".fr",
    ".co",
    ".uk",
    ".zz",
    "www.",
    "t.co/",
    "xn--",
    ".嘉里大酒店",
    "\u202a",
    "\u2066",
    "\ufffe",
    "\ufeff",
    "\u00a0",
    "\u202f",
    "’",
    "…",
    "😀",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "🇫🇷",
    "1\ufe0f\u20e3",
    "©",
    "\n",
    "\r\n",
    "e\u0301",
    "＃",
    "日本",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES) | st.characters(exclude_categories=("Cs",)), max_size=40).map(
        "".join
    )
)
def test_x_count_and_urls_are_twitter_text_parsers(text: str) -> None:
    library = _library()
    assert extract_urls_with_indices(text) == library.extract_urls_with_indices(text)
    assert extract_urls_with_indices(text, False) == library.extract_urls_with_indices(text, False)
    expected = library.parse_tweet(text)
    parsed = x_parse(text)
    assert (parsed.weighted_length, parsed.valid) == (expected.weightedLength, expected.valid)


URL = "https://www.alliancy.fr/club-2018"


@pytest.mark.parametrize(
    ("text", "length"),
    [
        (f"Lire {URL}.", 5 + 23 + 1),  # the full stop ends the sentence, not the URL
        (f"(voir {URL})", 6 + 23 + 1),  # nor does a closing parenthesis
        (f"{URL}/a_(b)", 23),  # balanced parentheses belong to the URL
        ("https://example.invalidtld/xyz", len("https://example.invalidtld/xyz")),
        ("alliancy.fr sans protocole", len("alliancy.fr sans protocole")),
        ("merci @alliancy@mastodon.social", 6 + 9),
    ],
)
def test_mastodon_finds_urls_as_twitter_texts_extractor_does(text: str, length: int) -> None:
    assert mastodon_length(text) == length


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_mastodon_gives_each_extracted_url_23(text: str) -> None:
    from digestgen.platforms.base import graphemes as _graphemes

    urls = extract_urls_with_indices(text, without_protocol=False)
    if "@" in text:
        return  # remote mentions are counted by their user part: tested above
    spans = sum(_graphemes(u["url"]) for u in urls)
    assert mastodon_length(text) == _graphemes(text) - spans + 23 * len(urls)


def test_bluesky_refuses_more_than_3000_bytes_even_within_300_graphemes() -> None:
    bluesky = PLATFORMS["bluesky"]
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # one grapheme, 18 bytes
    text = family * 200
    assert bluesky.count(text) == 200
    draft = Draft(bluesky, [Post(text, bluesky.count(text))])
    assert draft.over == [0]
    assert bluesky.measure(text) > bluesky.limit
    assert bluesky.measure(family * 150) == 150  # 2,700 bytes: fine


def test_x_refuses_a_forbidden_character_whatever_the_length() -> None:
    x = PLATFORMS["x"]
    text = "Une citation\ufffe courte"
    assert x.count(text) == 21
    assert x_parse(text).valid is False
    assert Draft(x, [Post(text, x.count(text))]).over == [0]
    assert Draft(x, [Post("Une citation courte", 19)]).over == []
