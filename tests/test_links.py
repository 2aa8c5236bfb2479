"""UTM tagging: own-site links only, the link's other parameters and fragment kept."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digestgen.build.pipeline import NEWSLETTER, SOCIAL, render_files
from digestgen.content.load import Loaded, load
from digestgen.content.workspace import Workspace, find_digest
from digestgen.errors import ContentError
from digestgen.render.utm import (
    CAMPAIGN_MAX,
    Tagger,
    campaign_of,
    is_own_site,
    short_campaign,
    with_utm,
)
from helpers import sample_data, workspace

PARTS = (NEWSLETTER, SOCIAL)


def load_test(root: Path) -> Loaded:
    return load(find_digest(None, root / "content"), root / "content")


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


# --- utm_campaign: short, the same in every output ----------------------------------------


def test_short_campaign_is_the_outlet_and_the_event_date() -> None:
    assert short_campaign("Alliancy", date(2018, 12, 5)) == "alliancy-2018-12-05"
    assert short_campaign("Transform Weekly", date(2026, 3, 12)) == "transform-weekly-2026-03-12"
    # A long name is cut at a word boundary so that the whole stays within 30 characters.
    long = short_campaign("Le Club des Décideurs du Numérique Public", date(2018, 12, 5))
    assert long == "le-club-des-2018-12-05"


@given(st.text(max_size=80), st.dates())
def test_short_campaign_is_at_most_30_characters_of_a_slug(name: str, day: date) -> None:
    campaign = short_campaign(name, day)
    assert len(campaign) <= CAMPAIGN_MAX
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", campaign), campaign
    assert campaign.endswith(day.isoformat())


def test_campaign_is_the_editors_then_the_issue_slug_then_the_short_form() -> None:
    day = date(2018, 12, 5)
    assert campaign_of("club-2018", "issue-slug", "Alliancy", day) == "club-2018"
    assert campaign_of(None, "issue-slug", "Alliancy", day) == "issue-slug"
    assert campaign_of(None, None, "Alliancy", day) == "alliancy-2018-12-05"


def _campaigns(files: dict[str, str | bytes]) -> set[str]:
    found: set[str] = set()
    for name, content in files.items():
        if isinstance(content, str) and name != "index.html":
            found |= set(re.findall(r"utm_campaign=([\w.~%-]+)", content.replace("=\n", "")))
    return found


def test_every_output_of_the_sample_uses_one_short_campaign(tmp_path: Path) -> None:
    workspace(tmp_path, sample_data())
    files = render_files(load_test(tmp_path), Workspace.at(tmp_path), PARTS).files
    assert _campaigns(files) == {"alliancy-2018-12-05"}
    assert "social/linkedin.txt" in files and "newsletter.eml" in files


def test_utm_campaign_in_the_digest_is_used_everywhere(tmp_path: Path) -> None:
    digest = sample_data()
    digest["issue"]["slug"] = "club-partenaires-2018"
    digest["utm"] = {"campaign": "club-2018"}
    workspace(tmp_path, digest)
    files = render_files(load_test(tmp_path), Workspace.at(tmp_path), PARTS).files
    assert _campaigns(files) == {"club-2018"}


def test_the_issue_slug_is_the_campaign_when_the_digest_names_none(tmp_path: Path) -> None:
    digest = sample_data()
    digest["issue"]["slug"] = "club-partenaires-2018"
    workspace(tmp_path, digest)
    files = render_files(load_test(tmp_path), Workspace.at(tmp_path), PARTS).files
    assert _campaigns(files) == {"club-partenaires-2018"}


def test_a_campaign_that_is_not_a_slug_is_a_content_error(tmp_path: Path) -> None:
    digest = sample_data()
    digest["utm"] = {"campaign": "Club 2018", "medium": "email"}
    workspace(tmp_path, digest)
    with pytest.raises(ContentError) as error:
        load_test(tmp_path)
    text = str(error.value)
    assert "utm.campaign" in text and "utm.medium" in text


def test_sample_links_are_tagged_with_at_most_the_campaign_they_need(tmp_path: Path) -> None:
    """Each post's links carry their platform, the medium, the issue's campaign and the place in
    the post, so the outlet's analytics tell the posts apart; nothing else is added."""
    workspace(tmp_path, sample_data())
    files = render_files(load_test(tmp_path), Workspace.at(tmp_path), PARTS).files
    posts = {n: str(c) for n, c in files.items() if n.startswith("social/") and n.endswith(".txt")}
    assert len(posts) >= 6
    for name, text in posts.items():
        platform = name.removeprefix("social/").removesuffix(".txt").removesuffix("-comment")
        urls = re.findall(r"https://\S+", text)
        assert urls, name
        for url in urls:
            bare, _, query = url.partition("?")
            tags = dict(pair.split("=", 1) for pair in query.split("&"))
            assert tags.keys() == {"utm_source", "utm_medium", "utm_campaign", "utm_content"}, url
            assert tags["utm_source"] == platform and tags["utm_medium"] == "social", url
            assert tags["utm_campaign"] == "alliancy-2018-12-05", url
            assert tags["utm_content"] in {"post", "hook", "comment", "further-reading"}, url
            assert len(url) - len(bare) <= len("?utm_source=linkedin&utm_medium=social") + len(
                "&utm_campaign=alliancy-2018-12-05&utm_content=further-reading"
            ), url
