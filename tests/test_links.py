"""UTM tagging: own-site links only, the link's other parameters and fragment kept."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from digestgen.links import Tagger, is_own_site, with_utm

SITE = "https://www.alliancy.fr"
tag = Tagger(website=SITE, source="newsletter", medium="email", campaign="club-2018")


def test_own_site_link_gets_the_four_parameters() -> None:
    assert tag("https://www.alliancy.fr/article", "hero") == (
        "https://www.alliancy.fr/article?utm_source=newsletter&utm_medium=email"
        "&utm_campaign=club-2018&utm_content=hero"
    )


def test_existing_query_and_fragment_are_kept_and_old_utm_replaced() -> None:
    url = "https://www.alliancy.fr/a?id=42&utm_source=old&UTM_Medium=x&q=a%20b#speakers"
    assert tag(url, "further-reading") == (
        "https://www.alliancy.fr/a?id=42&q=a%20b&utm_source=newsletter&utm_medium=email"
        "&utm_campaign=club-2018&utm_content=further-reading#speakers"
    )


def test_subdomains_are_own_site_and_lookalikes_are_not() -> None:
    assert is_own_site("https://blog.alliancy.fr/x", SITE)
    assert is_own_site("https://alliancy.fr/x", SITE)
    assert is_own_site("http://WWW.ALLIANCY.FR/x", SITE)
    assert not is_own_site("https://evilalliancy.fr/x", SITE)
    assert not is_own_site("https://alliancy.fr.evil.com/x", SITE)
    assert tag("https://www.linkedin.com/company/alliancy/", "footer") == (
        "https://www.linkedin.com/company/alliancy/"
    )


def test_a_bare_host_gets_a_slash_before_the_query() -> None:
    assert tag("https://www.alliancy.fr", "header").startswith(
        "https://www.alliancy.fr/?utm_source="
    )


def test_disabled_utm_leaves_every_link_alone() -> None:
    off = Tagger(SITE, "newsletter", "email", "c", enabled=False)
    assert (
        off("https://www.alliancy.fr/a?utm_source=x", "hero")
        == "https://www.alliancy.fr/a?utm_source=x"
    )


def test_platform_tagger() -> None:
    tagged = tag.for_platform("linkedin")("https://www.alliancy.fr/a", "post")
    assert "utm_source=linkedin&utm_medium=social&utm_campaign=club-2018" in tagged


query_part = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.%", min_size=1, max_size=8)
params = st.lists(st.tuples(query_part, query_part), max_size=4)


@given(
    params=params,
    fragment=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=8),
    path=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-/", max_size=20),
    content=st.sampled_from(["hero", "button", "further-reading", "footer"]),
    own=st.booleans(),
)
def test_tagging_properties(
    params: list[tuple[str, str]], fragment: str, path: str, content: str, own: bool
) -> None:
    host = "www.alliancy.fr" if own else "www.example.org"
    query = "&".join(f"{k}={v}" for k, v in params)
    url = (
        f"https://{host}/{path}"
        + (f"?{query}" if query else "")
        + (f"#{fragment}" if fragment else "")
    )
    tagged = tag(url, content)
    if not own:
        assert tagged == url
        return
    parts = urlsplit(tagged)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    utm = [(k, v) for k, v in pairs if k.lower().startswith("utm_")]
    assert utm == [
        ("utm_source", "newsletter"),
        ("utm_medium", "email"),
        ("utm_campaign", "club-2018"),
        ("utm_content", content),
    ]
    kept = [p for p in query.split("&") if p and not p.lower().startswith("utm_")]
    assert parts.query.split("&")[: len(kept)] == kept
    assert parts.fragment == fragment
    assert parts.path == f"/{path}"
    assert tag(tagged, content) == tagged  # tagging twice changes nothing


@given(st.text(max_size=30))
def test_with_utm_never_raises_on_odd_text(text: str) -> None:
    with_utm("https://www.alliancy.fr/" + text.replace("#", ""), source="a", content="b")
