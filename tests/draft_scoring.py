"""Scores `digestgen draft` against the expected digests of tests/fixtures/articles/: the
speakers found and missed, wrong speakers, quotations given to the wrong person, follow-up
links and event dates. Shared by tests/test_draft_score.py and `make bench`."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
ISSUE_DATE = dt.date(2026, 1, 1)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@dataclass
class PageScore:
    """One fixture page's score."""

    name: str
    found: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    misattributed: list[str] = field(default_factory=list)
    expected: int = 0
    links_exact: bool = False
    date_exact: bool = False


@dataclass
class Score:
    """All pages together."""

    pages: list[PageScore]

    @property
    def recall(self) -> float:
        return sum(p.found for p in self.pages) / max(1, sum(p.expected for p in self.pages))

    @property
    def precision(self) -> float:
        found = sum(p.found for p in self.pages)
        return found / max(1, found + sum(len(p.wrong) for p in self.pages))

    @property
    def attribution(self) -> float:
        right = sum(p.found - len(p.misattributed) for p in self.pages)
        return right / max(1, sum(p.expected for p in self.pages))

    @property
    def links(self) -> float:
        return sum(p.links_exact for p in self.pages) / max(1, len(self.pages))

    @property
    def dates(self) -> float:
        return sum(p.date_exact for p in self.pages) / max(1, len(self.pages))


def fixture_pages() -> list[Path]:
    """Every fixture page that has an expected digest."""
    return sorted(p for p in ARTICLES.glob("*.html") if p.with_suffix(".expected.yaml").exists())


def score_page(page: Path) -> PageScore:
    """Draft ``page`` and compare with its ``.expected.yaml``."""
    from digestgen.draft.article import read_article
    from digestgen.draft.digest import draft_digest

    expected = YAML(typ="safe").load(page.with_suffix(".expected.yaml").read_text("utf-8"))
    article = read_article(page.read_text(encoding="utf-8"), None)
    drafted = draft_digest(article, source=str(page), issue_date=ISSUE_DATE)
    data = YAML(typ="safe").load(drafted.text)
    got = {_norm(s["name"]): _norm(s["quote"]) for s in data["event"]["speakers"]}
    want = {_norm(s["name"]): _norm(s["quote"]) for s in expected["speakers"]}
    result = PageScore(page.stem, expected=len(want))
    for name, quote in want.items():
        if name not in got:
            result.missed.append(name)
            continue
        result.found += 1
        if not got[name].startswith(quote):
            result.misattributed.append(name)
    result.wrong = [n for n in got if n not in want]
    urls = [a["url"] for a in data["further_reading"]["articles"]]
    result.links_exact = urls == expected["further_reading"]
    result.date_exact = str(data["event"]["date"]) == str(expected["event_date"])
    return result


def score_all() -> Score:
    """Every fixture page, scored."""
    return Score([score_page(p) for p in fixture_pages()])
