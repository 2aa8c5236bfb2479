"""`digestgen draft` over every fixture article, scored against its expected digest: the bar of
the feature (speakers' recall and precision, quotations given to the right person, follow-up
links and event dates)."""

from __future__ import annotations

from draft_scoring import fixture_pages, score_all


def test_there_are_seven_article_shapes_in_french_and_english() -> None:
    pages = fixture_pages()
    assert len(pages) >= 7
    assert {p.name[:3] for p in pages} >= {"fr-", "en-"}


def test_draft_finds_the_speakers_quotes_links_and_dates_of_every_fixture() -> None:
    score = score_all()
    report = "\n".join(
        f"{p.name}: missed {p.missed}, wrong {p.wrong}, misattributed {p.misattributed}, "
        f"links exact: {p.links_exact}, date exact: {p.date_exact}"
        for p in score.pages
    )
    assert score.recall == 1.0, report
    assert score.precision == 1.0, report
    assert score.attribution == 1.0, report
    assert score.links == 1.0, report
    assert score.dates == 1.0, report
