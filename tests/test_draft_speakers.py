"""`digestgen draft` reads who said each quotation from the sentence's structure: one short text
per shape real recap pages use (all written for these tests), French and English."""

from __future__ import annotations

import pytest

from digestgen.draft.article import Block
from digestgen.draft.speakers import Speakers


def said(language: str, *paragraphs: str, kinds: str = "") -> list[tuple[str, str]]:
    """(speaker, the quotation's first words) for each quotation attributed."""
    blocks = [
        Block(kinds[i] if i < len(kinds) and kinds[i] != "p" else "p", text)
        if not (i < len(kinds) and kinds[i] == "h")
        else Block("head", text)
        for i, text in enumerate(paragraphs)
    ]
    return [(q.speaker, " ".join(q.text.split()[:3])) for q in Speakers(blocks, language).find()]


def speakers(language: str, *paragraphs: str) -> list[str]:
    return list(dict.fromkeys(name for name, _ in said(language, *paragraphs)))


@pytest.mark.parametrize(
    ("language", "paragraphs", "expected"),
    [
        # The verb of saying after the quotation, its subject inverted, roles in between.
        ("fr", ["« Nous allons ouvrir trois nouveaux sites l’an prochain dans la région », "
                "explique Marie Curie, directrice de l’innovation chez Acme."], ["Marie Curie"]),
        ("fr", ["« Les hôpitaux doivent partager leurs données plus vite », a prévenu la "
                "ministre de la santé Claire Petit."], ["Claire Petit"]),
        ("fr", ["« Le budget sera tenu jusqu’à la fin de l’année », a indiqué le directeur "
                "financier de la région, Marc Aubert."], ["Marc Aubert"]),
        # … or its subject before it.
        ("en", ["“The new platform has cut our costs by a third in a single year,” says John "
                "Smith, CIO at Contoso."], ["John Smith"]),
        ("en", ["Ohio Nurses Association President Mary Lopez said: “Every ward is short of "
                "staff tonight, and every nurse knows it.”"], ["Mary Lopez"]),
        ("en", ["Regional Secretary-General Anne Ross, who opened the forum, said: “We have "
                "never had so many projects from so many towns.”"], ["Anne Ross"]),
        # A surname, a title and a surname, a first name: the person named in full before.
        ("fr", ["Paul Durand, maire de Tours, a ouvert la séance.",
                "« Il faut investir dans les écoles avant tout le reste », assure Durand."],
         ["Paul Durand"]),
        ("en", ["Governor Helen Park signed the bill on Monday.",
                "“This law gives every county the same chance to build,” Gov. Park said."],
         ["Helen Park"]),
        ("en", ["The winners are:", "• Europe: Amara Okafor Nwosu, Ghana, recycling glass",
                "Amara said: “I want every town to see that waste is a resource for all.”"],
         ["Amara Okafor Nwosu"]),
        # Pronouns: the nearest person who can be meant, the speaker or subject first.
        ("en", ["Jane Doe, CEO of Acme, spoke first about the plans for the region.",
                "“We will open three new sites next year and hire two hundred people,” she "
                "said."], ["Jane Doe"]),
        ("fr", ["Marie Lambert, maire de Tours, a pris la parole. « Il faut investir dans les "
                "écoles avant tout le reste », confie-t-elle."], ["Marie Lambert"]),
        ("fr", ["Le préfet Jean Morel a reçu les élus. Il a longuement répondu à Luc Petit.",
                "« Nous tiendrons les délais fixés par l’État », a-t-il affirmé."],
         ["Jean Morel"]),
        ("en", ["Tom Kim spoke after the vote.",
          "Kim added that Ray Lee had promised a vote in May, which never came. “We are "
          "tired of waiting for a date that never comes,” he said."], ["Tom Kim"]),
        # A pronoun inside a relative clause is not the person the clause is about.
        ("fr", ["Jean Morel livre bataille contre l’opposition.",
                "Son adversaire est tout trouvé, c’est Paul Roux, dont il ne cite pas le nom "
                "quand il dénonce « un aveu accablant pour toute la droite »."], ["Jean Morel"]),
        # "Pour X", "selon X", a colon after a clause whose subject is a person.
        ("fr", ["La journée a été riche. « Nous allons ouvrir trois nouveaux sites l’an prochain "
                "dans la région », selon Paul Durand."], ["Paul Durand"]),
        ("fr", ["Selon Jeanne Moreau, présidente de l’association, « les communes rurales ont "
                "besoin d’un accompagnement humain avant tout »."], ["Jeanne Moreau"]),
        ("fr", ["Pour sa collègue Anne Vidal, qui représente les communes, le projet est « trop "
                "lent » et « la région doit avancer sans attendre les financements »."],
         ["Anne Vidal"]),
        ("fr", ["Karl Weber, le chancelier, n’a pas hésité à durcir le ton dans un entretien au "
                "quotidien : « Les règles budgétaires doivent être les mêmes pour tous. »"],
         ["Karl Weber"]),
        ("en", ["Marcus Webb, chief technology officer of Fabrikam: “Our board used to ask "
                "whether we were secure, and now it asks how fast we recover.”"],
         ["Marcus Webb"]),
        # "Baba criticized …, saying, “…”": the subject of the verb the participle hangs on.
        ("en", ["Opposition leader Ken Abe criticized the minister’s plan, saying, “It will "
                "leave every small town without a bus by next winter.”"], ["Ken Abe"]),
        # A title the article gave someone: "the prime minister".
        ("en", ["Prime Minister Ken Sato opened the debate.",
                "Asked about the treaty, the prime minister said: “We will not sign it "
                "before the parliament has voted.”"], ["Ken Sato"]),
    ],
)  # fmt: skip
def test_each_shape_of_attribution(
    language: str, paragraphs: list[str], expected: list[str]
) -> None:
    assert speakers(language, *paragraphs) == expected


def test_the_addressee_is_not_the_speaker() -> None:
    found = said(
        "en",
        "Dana Park, the company's chief executive, met Sam Lee on stage.",
        "“Our phones now run half of the company's work,” Park told Lee.",
        "Lee praised the partnership.",
        "“I run my whole business from my phone these days,” he told Park.",
    )
    assert found == [("Dana Park", "Our phones now"), ("Sam Lee", "I run my")]


def test_people_named_in_a_quotation_or_only_mentioned_are_not_speakers() -> None:
    found = speakers(
        "en",
        "Dana Park praised Steve Marsh, who founded the company.",
        "“We all miss Steve Marsh and his ideas every single day,” Park said.",
        "Park remembered Marsh rehearsing “in a way that only he could do on that stage.”",
    )
    assert found == ["Dana Park"]


def test_a_passive_subject_and_an_unnamed_speaker_say_nothing() -> None:
    found = speakers(
        "en",
        "Ken Sato was asked, “Do you feel any guilt about the funds?”",
        "“Nothing tonight will matter by the time the season starts,” said a veteran "
        "strategist who is not aligned with any campaign.",
    )
    assert found == []


def test_titles_and_charges_in_quotation_marks_are_not_speech() -> None:
    found = speakers(
        "en",
        "Actor Rosa Diaz won for her role in “Once Upon A Time in Lisbon” and thanked the "
        "cast of “The Long Night”.",
    )
    assert found == []
    found = speakers(
        "fr",
        "Le prévenu, Marc Roux, était poursuivi pour « provocation publique à la haine en "
        "raison de l’origine ou de la religion ».",
    )
    assert found == []


def test_a_quotation_over_several_paragraphs_is_one_speakers() -> None:
    found = said(
        "en",
        "Regional Secretary-General Anne Ross said: “We received nominations from forty "
        "towns this year.",
        "“There were projects for clean water, for schools and for waste.",
        "“So the awards are a searchlight on what towns can do together.”",
        "The ceremony ended with a concert.",
    )
    assert [name for name, _ in found] == ["Anne Ross"] * 3


def test_a_quotation_standing_alone_is_said_by_whoever_the_sentence_before_introduced() -> None:
    found = said(
        "fr",
        "Un avis partagé par Thomas Morel, directeur de l’aménagement de la métropole. « Les "
        "enjeux sont multiples et ils sont d’abord politiques. »",
    )
    assert found == [("Thomas Morel", "Les enjeux sont")]
    found = said(
        "fr",
        "Amélie Roux, directrice de la donnée, Métropole de Lyon",
        "« Nous avons ouvert 140 jeux de données en deux ans, et nos services les utilisent. »",
        kinds="hp",
    )
    assert found == [("Amélie Roux", "Nous avons ouvert")]


def test_a_verb_opening_the_sentence_is_not_a_first_name() -> None:
    found = speakers(
        "en",
        "Dana Park took the stage with Sam Lee.",
        "Hosting Lee at the summit “is our dream and our honour this year,” Park said.",
    )
    assert found == ["Dana Park"]


def test_an_embedded_post_is_said_by_its_author() -> None:
    blocks = [Block("quote", "Honoured to speak at this historic ceremony today.", "Ruth Cole")]
    assert [q.speaker for q in Speakers(blocks, "en").find()] == ["Ruth Cole"]


def test_an_unnamed_or_collective_source_is_nobody_named_near_it() -> None:
    found = speakers(
        "fr",
        "Le ministre Paul Roux a défendu la réforme devant les députés.",
        "« Il ne reculera pas, même si la rue gronde », précise un proche du ministre.",
        "« Nous voulons seulement la vérité sur ce qui s’est passé », souligne aussi la famille.",
    )
    assert found == []
    found = speakers(
        "en",
        "Senator Ann Reid met the press on Monday.",
        "Reid's campaign hit back on Tuesday, saying that her rival “has never once voted "
        "for the budget he now defends.”",
    )
    assert found == []


def test_a_name_with_an_apostrophe_or_a_title_before_it() -> None:
    assert speakers(
        "fr",
        "« Nous irons jusqu’au bout de cette enquête », a-t-il dit. M’jid El Guerrab a "
        "ensuite quitté la salle.",
    ) in ([], ["M’jid El Guerrab"])
    assert speakers(
        "fr",
        "M’jid El Guerrab a pris la parole. « Nous irons jusqu’au bout de cette enquête », "
        "a-t-il dit.",
    ) == ["M’jid El Guerrab"]
    assert speakers(
        "en",
        "“We are still looking for the driver of the second car,” Lt. Andy Neiman of the "
        "city police said Wednesday.",
        "“It is too early to say whether anyone will be charged tonight,” said Sheriff John Mahon.",
    ) == ["Andy Neiman", "John Mahon"]


def test_a_title_written_into_the_name_is_not_the_name() -> None:
    found = speakers(
        "en",
        "AS Opposition Leader Bill Short arrived, he said: “Nobody in this town was asked "
        "about the new retention law.”",
    )
    assert found == ["Bill Short"]
