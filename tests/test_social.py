"""Social drafts: counted as each platform counts, shortened as an editor would shorten."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digestgen.content.load import Loaded, Source, load
from digestgen.content.models import Digest, Outlet
from digestgen.content.workspace import find_digest
from digestgen.errors import ContentError
from digestgen.outputs.social import render_social, social_data, social_files
from digestgen.platforms.bluesky import bluesky_length
from digestgen.platforms.linkedin import linkedin_length
from digestgen.platforms.mastodon import mastodon_length
from digestgen.platforms.registry import PLATFORMS
from digestgen.platforms.threads import threads_length
from digestgen.platforms.twitter_text import X_LIMIT, x_weighted_length
from digestgen.render.shortening import cut
from digestgen.render.view import View, typeset_model
from digestgen.text.typography import NBSP
from helpers import sample_data, workspace

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
LONG_URL = (
    "https://www.alliancy.fr/" + "a-very-long-path/" * 8 + "?utm_source=x&id=42&q=smart%20city#top"
)
FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # woman, woman, girl: one emoji


# --- X: twitter-text v3, from its published configuration --------------------------------


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("a" * 280, 280),
        ("Bonjour\u00a0!", 9),  # U+00A0 is in the weight-1 range
        ("Bonjour\u202f!", 10),  # U+202F is not
        ("l’avenir", 8),  # ’ (U+2019) weighs 1
        ("Attendez…", 10),  # … (U+2026) weighs 2
        (LONG_URL, 23),  # every URL is 23, whatever its length and query
        (f"voir {LONG_URL} : ici", 5 + 23 + 6),
        (FAMILY, 2),  # an emoji ZWJ sequence weighs 2
        ("e\u0301", 1),  # NFC composes it into é first
        ("日本", 4),  # outside the weight-1 ranges
    ],
)
def test_x_weighted_length(text: str, weight: int) -> None:
    assert x_weighted_length(text) == weight
    assert PLATFORMS["x"].count(text) == weight


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.characters(blacklist_categories=("Cs",))
        | st.sampled_from(["😀", FAMILY, "🇫🇷", "1\ufe0f\u20e3", "©", "\u00a0", "\u202f", "…", "’"])
        | st.just(" https://www.alliancy.fr/a?b=1 "),
        max_size=60,
    ).map("".join)
)
def test_x_count_is_twitter_texts_own(text: str) -> None:
    """digestgen's count is twitter-text-parser's own."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from twitter_text import parse_tweet

    assert x_weighted_length(text) == parse_tweet(text).weightedLength


# --- Bluesky: 300 graphemes, links written out in full ------------------------------------


@pytest.mark.parametrize(
    ("text", "graphemes"),
    [
        ("Bonjour\u202f!", 9),
        (FAMILY, 1),
        ("🇫🇷", 1),
        ("e\u0301te\u0301", 3),
        (LONG_URL, len(LONG_URL)),
    ],
)
def test_bluesky_length(text: str, graphemes: int) -> None:
    assert bluesky_length(text) == graphemes


# --- Mastodon: 500, URLs 23, remote mentions by their user part ---------------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [
        (LONG_URL, 23),
        (f"Lire {LONG_URL} !", 5 + 23 + 2),
        ("merci @alliancy@mastodon.social", 6 + 9),
        (FAMILY + " é", 3),
    ],
)
def test_mastodon_length(text: str, length: int) -> None:
    assert mastodon_length(text) == length


def test_x_limit_is_twitter_texts() -> None:
    assert PLATFORMS["x"].limit == X_LIMIT == 280


def test_linkedin_counts_as_its_composer_does() -> None:
    assert linkedin_length("é") == 1
    assert linkedin_length("😀") == 2  # UTF-16, as JavaScript counts
    assert linkedin_length(LONG_URL) == len(LONG_URL)


# --- shortening ----------------------------------------------------------------------------


def test_cut_keeps_whole_words_and_adds_an_ellipsis() -> None:
    quote = "Nous devons évidemment préparer les générations futures, ensemble"
    assert cut(quote, 5) == "Nous devons évidemment préparer les…"
    assert cut(quote, 7) == "Nous devons évidemment préparer les générations futures…"  # no ",…"
    assert cut(quote, 99) == quote
    assert cut("voir\u00a0: ici", 1) == "voir…"  # a no-break space binds « voir : » into one word
    assert cut(f"lire {LONG_URL} vite", 2) == f"lire {LONG_URL}…"


# --- the sample ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_drafts():  # type: ignore[no-untyped-def]
    loaded = load(find_digest("club-partenaires-2018", REPO / "content"), REPO / "content")
    return render_social(View(loaded), REPO)


def test_every_sample_post_is_within_its_limit(sample_drafts) -> None:  # type: ignore[no-untyped-def]
    for name, draft in sample_drafts.items():
        assert draft.posts, name
        for post in draft.posts:
            assert post.length == PLATFORMS[name].count(post.text)
            assert post.length <= PLATFORMS[name].limit, (name, post.text)


def test_threads_have_hook_speakers_and_reading(sample_drafts) -> None:  # type: ignore[no-untyped-def]
    for name in ("x", "bluesky", "mastodon", "threads"):
        posts = [p.text for p in sample_drafts[name].posts]
        assert len(posts) == 7
        assert f"utm_source={name}&utm_medium=social" in posts[0]
        assert "club-des-partenaires-du-numerique-cinq-decideurs" in posts[0]
        assert all(p.endswith(f"{i}/7") for i, p in enumerate(posts, start=1))
        assert posts[1].startswith("«\u00a0Nous venons d’annoncer")
        assert "— Constance Nebbula" in posts[1]
        assert posts[-1].startswith("À lire aussi\u00a0:")
    assert "@Alliancy" in sample_drafts["x"].posts[-1].text


def test_french_social_typography_uses_u00a0(sample_drafts) -> None:  # type: ignore[no-untyped-def]
    for draft in sample_drafts.values():
        for post in draft.posts:
            assert "\u202f" not in post.text
            assert not re.search(r" [:;!?»]|« ", post.text), post.text
            assert "'" not in post.text


def test_linkedin_post(sample_drafts) -> None:  # type: ignore[no-untyped-def]
    draft = sample_drafts["linkedin"]
    [post] = draft.posts
    hook = post.text.split("\n", 1)[0]
    assert len(hook) <= 140
    assert hook.startswith("Cinq décideurs publics au Club des Partenaires du numérique.")
    assert "utm_source=linkedin&utm_medium=social" in post.text
    for name in (
        "Constance Nebbula",
        "Jean-Noël Olivier",
        "Thomas Bonhoure",
        "Olivier Lafosse",
        "Jacky Gallicher",
    ):
        assert f"→ {name}" in post.text
    assert post.text.endswith("#SmartCity #TransformationNumerique #SecteurPublic #Territoires")
    assert "Avec\u00a0: Club des Partenaires du numérique" in post.text
    assert not re.search("[\U0001d400-\U0001d7ff]", post.text)  # no "bold" math letters
    assert not re.search(r"\*\*|__|^#+ ", post.text, re.M)  # no Markdown
    assert any("Club des Partenaires du numérique" in note for note in draft.notes)


def test_english_drafts_follow_english_typography() -> None:
    root = CASES / "english"
    drafts = render_social(View(load(find_digest(None, root / "content"), root / "content")), root)
    x = [p.text for p in drafts["x"].posts]
    assert x[1].startswith("“We publish every dataset & every algorithm we use. It’s the only way")
    assert "— Ada Okafor (@adaokafor)" in x[1]
    assert "“Don’t buy a ‘smart city’. Buy a bus that turns up on time!”" in x[3]
    assert "\u00a0" not in "".join(x)


# --- the command ---------------------------------------------------------------------------


def test_social_command_writes_the_files_and_prints_lengths(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("social")
    assert result.exit_code == 0, result.stderr
    folder = next((sample / "out").iterdir())
    data = json.loads((folder / "social.json").read_text())
    # each platform's drafts, then the posting plan (outputs/plan.py)
    assert list(data) == ["linkedin", "x", "bluesky", "mastodon", "threads", "facebook", "plan"]
    assert (folder / "social/threads.txt").read_text().split("\n---\n")[0] == (
        data["threads"]["posts"][0]["text"]
    )
    assert not (folder / "social/linkedin-comment.txt").exists()
    assert data["x"]["limit"] == 280 and len(data["x"]["posts"]) == 7
    x_file = (folder / "social/x.txt").read_text()
    assert x_file.split("\n---\n")[0] == data["x"]["posts"][0]["text"]
    assert "X (limite 280)" in result.stdout and " / 280" in result.stdout  # a French digest
    assert "LinkedIn (limite 3\u202f000)" in result.stdout
    assert "remarque\u00a0: Identifier" in result.stdout
    assert (
        "Identifier Club des Partenaires du numérique dans l’éditeur de LinkedIn" in result.stdout
    )


def test_social_keeps_the_newsletter_files(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    cli("newsletter")
    cli("social")
    folder = next((sample / "out").iterdir())
    assert (folder / "newsletter.html").exists() and (folder / "social.json").exists()


def test_a_post_that_cannot_fit_exits_1(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    digest = sample_data()
    digest["event"]["url"] = "https://www.alliancy.fr/" + "x" * 400  # longer than a Bluesky post
    workspace(tmp_path, digest)
    monkeypatch.chdir(tmp_path)
    result = cli("social")
    assert result.exit_code == 1
    assert "over the platform's limit" in result.stderr


# --- properties ----------------------------------------------------------------------------

prose = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \n'\":;!?…«»-"),
    min_size=1,
    max_size=2000,
).filter(lambda s: s.strip())
short = prose.map(lambda s: s[:80]).filter(lambda s: s.strip())
speakers = st.lists(
    st.fixed_dictionaries(
        {"name": short, "role": short, "organization": short, "quote": prose},
        optional={"x": st.from_regex(r"@[A-Za-z0-9_]{1,15}", fullmatch=True)},
    ),
    min_size=1,
    max_size=6,
)
OUTLET = Outlet.model_validate(sample_data("outlet.yaml"))
NO_SOURCE = Source(Path("digest.yaml"), "", {})


def loaded_with(speakers: list[dict[str, str]], language: str) -> Loaded:
    data = sample_data()
    data["language"] = language
    data["event"]["speakers"] = speakers
    return Loaded(OUTLET, Digest.model_validate(data), NO_SOURCE, NO_SOURCE)


def quote_words_are_whole(post: str, quote: str) -> bool:
    match = re.search(r"^(?:«\u00a0|“)(.*?)(?:\u00a0»|”)\n— ", post, re.S)
    if not match:
        return True  # the quote was given up entirely
    shown, words = match.group(1), [w for w in re.split(r"[ \t\n]+", quote.strip()) if w]
    shown_words = [w for w in re.split(r"[ \t\n]+", shown.strip()) if w]
    if shown == quote:
        return True
    *whole, last = shown_words
    return (
        whole == words[: len(whole)]
        and last.endswith("…")
        and words[len(whole)].startswith(last[:-1])
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(speakers=speakers, language=st.sampled_from(["fr", "en"]))
def test_any_valid_digest_gives_posts_within_every_limit(
    speakers: list[dict[str, str]], language: str
) -> None:
    try:
        loaded = loaded_with(speakers, language)
    except ValueError:
        return  # not a valid digest (text that strips to nothing, a control character)
    drafts = render_social(View(loaded), REPO)
    for name, draft in drafts.items():
        for post in draft.posts:
            assert post.length <= draft.platform.limit, (name, post.text)
        assert "utm_campaign=" in draft.posts[0].text  # the recap link, in the first post
        if draft.platform.shape == "thread":
            for speaker, post in zip(loaded.digest.event.speakers, draft.posts[1:-1], strict=True):
                quote = typeset_model(speaker, loaded.language, NBSP).quote
                assert quote_words_are_whole(post.text, quote), (name, post.text)
    assert "utm_source=linkedin" in drafts["linkedin"].posts[0].text


# --- Threads: Meta's rule, 500 characters, an emoji as its UTF-8 bytes ----------------------


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("a" * 500, 500),
        ("Bonjour\u00a0!", 9),  # a character is a character, accents and spaces included
        ("l’avenir…", 9),
        ("😀", 4),  # an emoji: its UTF-8 bytes
        (FAMILY, 18),  # three emoji and two joiners: 4 + 3 + 4 + 3 + 4 bytes
        ("🇫🇷", 8),  # a flag: two regional indicators
        ("1\ufe0f\u20e3", 7),  # a keycap: 1 + 3 + 3
        ("©", 1),  # a symbol written as text is a character
        ("©\ufe0f", 5),  # drawn as an emoji, it is counted as one
        (LONG_URL, len(LONG_URL)),  # links count as written
    ],
)
def test_threads_length(text: str, length: int) -> None:
    assert threads_length(text) == length


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_threads_counts_characters_and_never_less(text: str) -> None:
    assert threads_length(text) >= len(text)
    if not re.search(r"[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u20e3]", text):
        assert threads_length(text) == len(text)


def test_threads_draft(sample_drafts) -> None:  # type: ignore[no-untyped-def]
    draft = sample_drafts["threads"]
    assert draft.platform.limit == 500
    for post in draft.posts:
        assert post.length == threads_length(post.text) <= 500
        assert len(re.findall(r"https?://", post.text)) <= 5  # Threads refuses more
        assert len(re.findall(r"(?<!\S)#\w", post.text)) <= 1  # one topic tag a post
    assert "utm_source=threads&utm_medium=social" in draft.posts[0].text
    assert "#SmartCity" in draft.posts[0].text


def test_threads_posts_the_x_share_images(sample_drafts) -> None:  # type: ignore[no-untyped-def]
    cards = [("linkedin", "cards/cover-linkedin.png", "a"), ("x", "cards/cover-x.png", "b")]
    data = json.loads(social_files(sample_drafts, social_data(sample_drafts, cards))["social.json"])
    assert data["threads"]["cards"] == [{"file": "cards/cover-x.png", "alt": "b"}]
    assert data["x"]["cards"] == data["threads"]["cards"]


# --- Bluesky: counted as its app counts, after it shortens the links ---------------------


def test_bluesky_hook_keeps_its_first_sentence_whole(sample_drafts) -> None:  # type: ignore[no-untyped-def]
    hook = sample_drafts["bluesky"].posts[0].text
    assert hook.startswith("Cinq décideurs publics au Club des Partenaires du numérique.")
    assert "https://www.alliancy.fr/club-des-partenaires-du-numerique-cinq-decideurs" in hook
    assert sample_drafts["bluesky"].posts[0].length < len(hook)  # the link counts short


# --- Mastodon: the server's own limit and URL weight ----------------------------------------


def test_mastodon_limits_come_from_the_outlet(tmp_path: Path) -> None:
    outlet = sample_data("outlet.yaml")
    outlet["handles"]["mastodon_limits"] = {
        "max_characters": 200,
        "characters_reserved_per_url": 40,
    }
    workspace(tmp_path, sample_data(), outlet)
    loaded = load(find_digest(None, tmp_path / "content"), tmp_path / "content")
    draft = render_social(View(loaded), tmp_path)["mastodon"]
    assert draft.platform.limit == 200
    assert draft.platform.count("voir https://www.alliancy.fr/a") == 5 + 40
    for post in draft.posts:
        assert post.length <= 200
    assert mastodon_length("voir https://www.alliancy.fr/a") == 5 + 23  # the default


# --- LinkedIn: the links in a first comment -------------------------------------------------


def linkedin_with(tmp_path: Path, digest_choice: bool | None, outlet_choice: bool | None):  # type: ignore[no-untyped-def]
    digest, outlet = sample_data(), sample_data("outlet.yaml")
    if digest_choice is not None:
        digest["social"]["linkedin"] = {"link_in_comment": digest_choice}
    if outlet_choice is not None:
        outlet["social"] = {"linkedin": {"link_in_comment": outlet_choice}}
    workspace(tmp_path, digest, outlet)
    loaded = load(find_digest(None, tmp_path / "content"), tmp_path / "content")
    return render_social(View(loaded), tmp_path)


def test_link_in_comment_moves_the_links_to_the_first_comment(tmp_path: Path) -> None:
    drafts = linkedin_with(tmp_path, True, None)
    draft = drafts["linkedin"]
    [post] = draft.posts
    assert "http" not in post.text and "www." not in post.text
    assert "Lire le compte rendu\u00a0: lien en commentaire" in post.text
    assert draft.comment is not None
    comment = draft.comment.text
    assert comment.startswith(
        "Lire le compte rendu\u00a0: https://www.alliancy.fr/club-des-partenaires-du-numerique-"
        "cinq-decideurs-publics-partagent-leur-vision?utm_source=linkedin&utm_medium=social"
        "&utm_campaign=alliancy-2018-12-05&utm_content=comment"
    )
    assert "À lire aussi\u00a0:" in comment and "utm_content=further-reading" in comment
    assert draft.comment.length == linkedin_length(comment) <= 1250
    files = social_files(drafts, social_data(drafts))
    assert files["social/linkedin-comment.txt"] == comment + "\n"
    data = json.loads(files["social.json"])
    assert data["linkedin"]["first_comment"] == {
        "text": comment,
        "length": draft.comment.length,
        "limit": 1250,
    }


@pytest.mark.parametrize(
    ("digest_choice", "outlet_choice", "in_comment"),
    [(None, None, False), (None, True, True), (False, True, False), (True, False, True)],
)
def test_link_in_comment_is_the_digests_choice_else_the_outlets(
    tmp_path: Path, digest_choice: bool | None, outlet_choice: bool | None, in_comment: bool
) -> None:
    draft = linkedin_with(tmp_path, digest_choice, outlet_choice)["linkedin"]
    assert (draft.comment is not None) == in_comment
    assert ("utm_content=post" in draft.posts[0].text) != in_comment


def test_link_in_comment_in_english(tmp_path: Path) -> None:
    root = CASES / "english"
    drafts = render_social(View(load(find_digest(None, root / "content"), root / "content")), root)
    post = drafts["linkedin"].posts[0].text
    assert "Read the recap: link in the first comment" in post and "http" not in post


def test_new_social_fields_are_checked_with_their_line(tmp_path: Path) -> None:
    digest, outlet = sample_data(), sample_data("outlet.yaml")
    digest["social"]["linkedin"] = {"link_in_comments": True}
    outlet["handles"]["mastodon_limits"] = {"max_characters": 0}
    workspace(tmp_path, digest, outlet)
    with pytest.raises(ContentError) as error:
        load(find_digest(None, tmp_path / "content"), tmp_path / "content")
    text = str(error.value)
    assert "social.linkedin.link_in_comments" in text
    assert "handles.mastodon_limits.max_characters" in text


# --- Facebook: one Page post ---------------------------------------------------------------


def test_facebook_post_folds_after_its_hook_and_links_the_recap_first(sample_drafts) -> None:  # type: ignore[no-untyped-def]
    [post] = sample_drafts["facebook"].posts
    hook, rest = post.text.split("\n\n", 1)
    assert len(hook) <= 125  # what a phone shows before "See more"
    assert hook.startswith("Cinq décideurs publics au Club des Partenaires du numérique.")
    first_url = re.search(r"https://\S+", post.text)
    assert first_url is not None
    assert rest.startswith("Lire le compte rendu\u00a0: " + first_url.group())
    assert "club-des-partenaires-du-numerique-cinq-decideurs" in first_url.group()
    assert "utm_source=facebook&utm_medium=social" in first_url.group()
    assert post.text.endswith("#SmartCity #TransformationNumerique #SecteurPublic")  # three
    assert "— Jacky Gallicher, Académie de Versailles" in post.text


def test_facebook_counts_utf16_units_as_its_composer(tmp_path: Path) -> None:
    assert PLATFORMS["facebook"].count("Été " + FAMILY) == 4 + 8  # each emoji of it is 2
    digest = sample_data()
    digest["event"]["summary"] = digest["event"]["summary"] + " " + FAMILY
    workspace(tmp_path, digest)
    drafts = render_social(
        View(load(find_digest(None, tmp_path / "content"), tmp_path / "content")), tmp_path
    )
    [post] = drafts["facebook"].posts
    assert FAMILY in post.text
    assert post.length == len(post.text.encode("utf-16-le")) // 2
    assert post.length == len(post.text) + 3  # three astral code points, one unit more each


def test_facebook_mentions_are_a_line_and_a_note_to_tag_them(tmp_path: Path) -> None:
    digest = sample_data()
    digest["social"]["mentions"]["facebook"] = ["Club des Partenaires du numérique"]
    workspace(tmp_path, digest)
    drafts = render_social(
        View(load(find_digest(None, tmp_path / "content"), tmp_path / "content")), tmp_path
    )
    draft = drafts["facebook"]
    assert "Avec\u00a0: Club des Partenaires du numérique" in draft.posts[0].text
    assert any(
        "Club des Partenaires du numérique" in note and "Facebook" in note for note in draft.notes
    )
    assert (
        "Avec\u00a0:"
        not in render_social(
            View(load(find_digest("club-partenaires-2018", REPO / "content"), REPO / "content")),
            REPO,
        )["facebook"]
        .posts[0]
        .text
    )


# --- the registry ----------------------------------------------------------------------------


def test_every_platform_module_is_registered_with_its_template() -> None:
    """A platform is one module of digestgen/platforms; forgetting its line in the registry, or
    its template, would leave it silently unwritten."""
    import importlib
    import pkgutil

    import digestgen.platforms

    helpers = {"base", "registry", "twitter_text"}
    modules = {
        info.name
        for info in pkgutil.iter_modules(digestgen.platforms.__path__)
        if info.name not in helpers
    }
    assert modules == set(PLATFORMS)
    for name in modules:
        module = importlib.import_module(f"digestgen.platforms.{name}")
        assert module.PLATFORM is PLATFORMS[name]
        assert (REPO / "templates" / "social" / f"{name}.txt.j2").is_file(), name


@pytest.mark.parametrize(
    ("language", "text", "words", "expected"),
    [
        (
            "fr",
            "un plan structurant pour l’avenir du territoire",
            6,
            "un plan structurant pour l’avenir…",
        ),
        (
            "fr",
            "mener à bien les transformations nécessaires à la fois",
            7,
            "mener à bien les transformations nécessaires…",
        ),
        ("en", "a plan for the future of the city", 6, "a plan for the future…"),
        # French "a" (has) is a verb: kept; only the language's own small words give way.
        ("fr", "la ville a de grands projets", 3, "la ville a…"),
    ],
)
def test_a_cut_does_not_end_on_a_small_word(
    language: str, text: str, words: int, expected: str
) -> None:
    assert cut(text, words, language=language) == expected
