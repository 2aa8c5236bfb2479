"""Links as each platform's app finds, writes and shows them, checked against the apps' own
test examples where they publish some."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digestgen.platforms.bluesky import (
    bluesky_app_length,
    bluesky_length,
    bluesky_links,
    bluesky_short_url,
    bluesky_shortened,
)
from digestgen.platforms.registry import PLATFORMS

# --- Bluesky: the examples of social-app's own test of toShortUrl (__tests__/lib/strings) ----


@pytest.mark.parametrize(
    ("url", "short"),
    [
        ("https://bsky.app", "bsky.app"),
        ("https://bsky.app/3jk7x4irgv52r", "bsky.app/3jk7x4irgv52r"),
        ("https://bsky.app/3jk7x4irgv52r2313y182h9", "bsky.app/3jk7x4irgv52..."),
        ("https://very-long-domain-name.com/foo", "very-long-domain-name.com/foo"),
        (
            "https://very-long-domain-name.com/foo?bar=baz#andsomemore",
            "very-long-domain-name.com/foo?bar=baz#...",
        ),
        # and what the URL standard does before it: host lower-cased, a bare "/" dropped
        ("https://WWW.Alliancy.fr/", "www.alliancy.fr"),
        ("http://example.com:8080/a", "example.com:8080/a"),
        ("https://example.com:443/a", "example.com/a"),
        ("ftp://example.com/file", "ftp://example.com/file"),
        ("https://café.example/été", "xn--caf-dma.example/%C3%A9t%C3%A9"),
    ],
)
def test_bluesky_short_url(url: str, short: str) -> None:
    assert bluesky_short_url(url) == short


# --- Bluesky: the links of @atproto/api's detection test (rich-text-detection.test.ts) -----


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("start https://middle.com end", ["https://middle.com"]),
        (
            "start https://middle.com/foo/bar?baz=bux#hash end",
            ["https://middle.com/foo/bar?baz=bux#hash"],
        ),
        (
            "https://newline1.com\nhttps://newline2.com",
            ["https://newline1.com", "https://newline2.com"],
        ),
        ("👨‍👩‍👧‍👧 https://middle.com 👨‍👩‍👧‍👧", ["https://middle.com"]),
        (
            "punctuation https://foo.com, https://bar.com/whatever; https://baz.com.",
            ["https://foo.com", "https://bar.com/whatever", "https://baz.com"],
        ),
        ("parenthentical (https://foo.com)", ["https://foo.com"]),
        ("except for https://foo.com/thing_(cool)", ["https://foo.com/thing_(cool)"]),
        # links without a scheme are links there too, but the app leaves their text alone
        ("start middle.com/foo/bar?baz=bux end", []),
        ("not.. a..url ..here e.g. website.com.jpg", []),
    ],
)
def test_bluesky_finds_links_as_the_app_does(text: str, links: list[str]) -> None:
    assert [text[a:b] for a, b in bluesky_links(text)] == links


def test_bluesky_counts_a_long_link_as_its_short_form() -> None:
    url = (
        "https://www.alliancy.fr/club-des-par....es-du-numerique-cinq-decideurs-publics"
        "?utm_source=bluesky&utm_medium=social&utm_campaign=alliancy-2018-12-05"
    )
    text = f"Le compte rendu : {url}."
    assert bluesky_shortened(text) == "Le compte rendu : www.alliancy.fr/club-des-par...."
    assert bluesky_app_length(text) == len("Le compte rendu : www.alliancy.fr/club-des-par....")
    assert bluesky_length(text) == len(text)  # the byte and grapheme counter is left as it is


urls = st.builds(
    lambda host, path, query: f"https://{host}.fr/{path}" + (f"?{query}" if query else ""),
    st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
    st.from_regex(r"[a-z0-9/_.-]{0,60}", fullmatch=True),
    st.from_regex(r"[a-z0-9=&_]{0,60}", fullmatch=True),
)


@given(
    st.lists(
        st.sampled_from(["Bonjour", "é", "\n", " ", "«\u00a0x\u00a0»"])
        | urls.map(lambda u: f" {u} "),
        max_size=12,
    ).map("".join)
)
def test_bluesky_shortening_never_lengthens_and_keeps_the_text_around(text: str) -> None:
    short = bluesky_shortened(text)
    assert bluesky_app_length(text) <= bluesky_length(text)
    assert bluesky_shortened(short) == short  # what the app posts has no scheme left to shorten
    outside = [
        text[b:a]
        for (_, b), (a, _) in zip(
            [(0, 0), *bluesky_links(text)], [*bluesky_links(text), (len(text), 0)], strict=True
        )
    ]
    for piece in outside:
        assert piece in short


@given(urls)
def test_a_bluesky_short_link_is_the_host_and_at_most_16_more(url: str) -> None:
    short = bluesky_short_url(url)
    host = url.split("/")[2]
    assert short.startswith(host) and len(short) <= len(host) + 16


# --- as each platform shows a link in a published post -----------------------------------


def test_links_are_shown_as_each_platform_shows_them() -> None:
    url = "https://www.alliancy.fr/dossier-territoires-intelligents?utm_source=x"
    assert PLATFORMS["bluesky"].shown_url(url) == "www.alliancy.fr/dossier-terr..."
    # Mastodon's TextFormatter: no "https://www.", 30 characters, an ellipsis
    assert PLATFORMS["mastodon"].shown_url(url) == "alliancy.fr/dossier-territoire…"
    # X's display_url, as in its documentation's example
    assert (
        PLATFORMS["x"].shown_url("https://dev.twitter.com/terms/display-guidelines")
        == "dev.twitter.com/terms/display-…"
    )
    assert PLATFORMS["x"].shown_url("https://www.alliancy.fr/a") == "alliancy.fr/a"
    # LinkedIn: "a link that's longer than 26 characters" becomes an lnkd.in link
    assert PLATFORMS["linkedin"].shown_url(url) == "https://lnkd.in/…"
    assert (
        PLATFORMS["linkedin"].shown_url("https://www.alliancy.fr/a") == "https://www.alliancy.fr/a"
    )
    assert PLATFORMS["threads"].shown_url(url) == url


def test_links_in_a_post_leave_closing_punctuation_out() -> None:
    text = "Lire (https://www.alliancy.fr/a), puis https://www.alliancy.fr/b."
    for platform in ("x", "mastodon", "linkedin", "threads", "bluesky"):
        found = [text[a:b] for a, b in PLATFORMS[platform].find_links(text)]
        assert found == ["https://www.alliancy.fr/a", "https://www.alliancy.fr/b"], platform
