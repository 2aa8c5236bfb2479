"""The LinkedIn carousel: cards/linkedin-carousel.pdf, read back as LinkedIn and readers would."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from digestgen.content.load import load
from digestgen.outputs.cards.carousel import (
    FILE,
    MOST_BYTES,
    MOST_PAGES,
    PAGE,
    THUMBNAIL,
    carousel_job,
    carousel_note,
    render_carousel,
)
from digestgen.render.view import View
from helpers import sample_data, workspace

SLUG = "club-des-partenaires-du-numerique-la-grande-soiree-annuelle-2018-12-05"


def built(folder: Path) -> tuple[PdfReader, bytes, dict[str, object]]:
    pdf = (folder / FILE).read_bytes()
    social = json.loads((folder / "social.json").read_text("utf-8"))
    return PdfReader(io.BytesIO(pdf)), pdf, social["linkedin"]["document"]


def page_text(reader: PdfReader) -> list[str]:
    # Lines joined, so that a quote wrapped over several lines reads as one text.
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font of the PDF, and whether its glyphs are embedded."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[str(font["/BaseFont"])] = embedded
    return found


def test_build_writes_a_cover_a_page_per_speaker_and_the_follow_up_stories(
    sample: Path, cli
) -> None:
    result = cli("build")
    assert result.exit_code == 0, result.output
    folder = sample / "out" / SLUG
    reader, _, note = built(folder)
    speakers = sample_data()["event"]["speakers"]
    assert len(reader.pages) == len(speakers) + 2 == note["pages"]
    texts = page_text(reader)
    assert "Ce qu’ils ont dit" in texts[0] and "Club des Partenaires" in texts[0]
    for speaker, text in zip(speakers, texts[1:-1], strict=True):
        assert speaker["name"] in text
        # The quote is text, typeset (no-break spaces and curly apostrophes of the cards).
        first_words = " ".join(speaker["quote"].split()[:4])
        assert first_words in text.replace("\xa0", " ")
    assert "À lire aussi" in texts[-1] and "alliancy.fr" in texts[-1]
    assert f"{len(speakers) + 2} / {len(speakers) + 2}" in texts[-1]
    # Its title, in the digest's language, is the PDF's and the one social.json gives.
    assert reader.metadata is not None
    assert reader.metadata.title == note["title"]
    assert "ce qu’ont dit les intervenants" in note["title"]
    assert (folder / THUMBNAIL).is_file() and note["thumbnail"] == THUMBNAIL
    # The preview offers it under LinkedIn, with its first page.
    page = (folder / "index.html").read_text("utf-8")
    assert f'<a href="{FILE}" download>' in page and f'src="{THUMBNAIL}"' in page


def test_pages_are_linkedin_portrait_pages_with_the_fonts_embedded(sample: Path, cli) -> None:
    cli("build")
    reader, pdf, _ = built(sample / "out" / SLUG)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == PAGE == (1080, 1350)
    embedded = fonts(reader)
    assert embedded and all(embedded.values()), embedded
    assert {name.split("+")[-1] for name in embedded} == {
        "DejaVuSansBook",
        "DejaVuSansBold",
        "DejaVuSerifBook",
    }
    assert len(pdf) < MOST_BYTES and len(reader.pages) <= MOST_PAGES
    assert len(pdf) < 200_000  # text and subsets of three fonts


def test_two_builds_give_byte_identical_pdfs(sample: Path, cli, tmp_path: Path) -> None:
    cli("build")
    first = (sample / "out" / SLUG / FILE).read_bytes()
    shutil.rmtree(sample / "out")
    cli("build")
    assert (sample / "out" / SLUG / FILE).read_bytes() == first
    assert b"/CreationDate (D:20181207" in first  # the day, not the build's


def test_build_without_cards_writes_no_carousel(sample: Path, cli) -> None:
    cli("build", "--no-cards")
    folder = sample / "out" / SLUG
    assert not (folder / FILE).exists()
    assert "document" not in json.loads((folder / "social.json").read_text("utf-8"))["linkedin"]


def test_the_english_carousel_is_in_english(english: Path, cli) -> None:
    result = cli("build")
    assert result.exit_code == 0, result.output
    (folder,) = (english / "out").iterdir()
    reader, _, note = built(folder)
    texts = page_text(reader)
    assert "What they said" in texts[0] and "Swipe to read them" in texts[0]
    assert "Further reading" in texts[-1] and "The full recap" in texts[-1]
    assert note["title"].endswith("what the speakers said")
    assert reader.metadata is not None and reader.metadata.title == note["title"]
    assert note["note"].startswith("Post cards/linkedin-carousel.pdf as a document")


def test_the_carousel_stops_at_its_page_cap(tmp_path: Path) -> None:
    digest = sample_data()
    speakers = digest["event"]["speakers"]
    digest["event"]["speakers"] = [
        {**speakers[i % len(speakers)], "name": f"Intervenant {i}"} for i in range(14)
    ]
    loaded = load(workspace(tmp_path, digest), tmp_path / "content")
    carousel, note = render_carousel(View(loaded)), carousel_note(carousel_job(View(loaded)))
    assert note["pages"] == MOST_PAGES == len(PdfReader(io.BytesIO(carousel.pdf)).pages)
    assert "4 intervenants laissés de côté" in note["note"]


def test_a_portrait_goes_on_its_speakers_page(tmp_path: Path) -> None:
    path = workspace(tmp_path, sample_data())
    loaded = load(path, tmp_path / "content")
    photo = io.BytesIO()
    Image.new("RGB", (300, 400), "#c0392b").save(photo, format="JPEG")
    with_photo = render_carousel(View(loaded), [photo.getvalue()])
    without = render_carousel(View(loaded))
    reader = PdfReader(io.BytesIO(with_photo.pdf))
    assert reader.pages[1].images and not reader.pages[2].images
    assert not PdfReader(io.BytesIO(without.pdf)).pages[1].images


def test_the_thumbnail_is_the_first_page_drawn_small(tmp_path: Path) -> None:
    loaded = load(workspace(tmp_path, sample_data()), tmp_path / "content")
    image = Image.open(io.BytesIO(render_carousel(View(loaded)).thumbnail))
    assert image.size == (432, 540)  # 4:5, as the pages
    colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=65536) or []}
    assert len(colours) > 2  # the brand's background and text on it


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_poppler_renders_every_page(sample: Path, cli, tmp_path: Path) -> None:
    cli("build")
    pdf = sample / "out" / SLUG / FILE
    subprocess.run(
        ["pdftoppm", "-png", "-r", "10", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(sample_data()["event"]["speakers"]) + 2
    for page in pages:
        image = Image.open(page).convert("RGB")
        assert image.size == (150, 188)  # 1080×1350 points at 10 dpi
        assert len(image.getcolors(maxcolors=65536) or []) > 2  # not a blank page


def test_a_kept_carousel_is_the_one_made(
    sample: Path, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user cache gives back the same bytes, and a changed quote is made again."""
    monkeypatch.setenv("DIGESTGEN_CACHE_DIR", str(tmp_path / "cache"))
    digest = sample / "content" / "digests" / "club-partenaires-2018.yaml"
    text = digest.read_text("utf-8")

    def built_with(quote: str) -> bytes:
        digest.write_text(text.replace("Nous venons d’annoncer", quote), "utf-8")
        assert cli("build").exit_code == 0
        return (sample / "out" / SLUG / FILE).read_bytes()

    made = built_with("Nous annonçons")  # a carousel no other test made
    assert len(list((tmp_path / "cache" / "cards").glob("*.carousel.pdf"))) == 1
    assert built_with("Nous annonçons") == made
    changed = PdfReader(io.BytesIO(built_with("Nous lançons")))
    assert "Nous lançons" in " ".join(changed.pages[1].extract_text().split())
    assert len(list((tmp_path / "cache" / "cards").glob("*.carousel.pdf"))) == 2
