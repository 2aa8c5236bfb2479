"""Quote cards: sizes, safe margins, contrast, French line breaks, fitting, determinism."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from digestgen.content.load import Loaded, load
from digestgen.content.photos import read_photos
from digestgen.content.workspace import find_digest
from digestgen.outputs.cards import cache
from digestgen.outputs.cards.draw import (
    MARGIN,
    SIZES,
    Card,
    fit_text,
    font,
    palette,
    wrap,
)
from digestgen.outputs.cards.workers import forget_drawn, start_cards
from digestgen.render.colors import contrast_ratio
from digestgen.render.view import View
from digestgen.text.typography import NBSP, typeset
from helpers import sample_data, workspace

REPO = Path(__file__).resolve().parents[1]


def render_cards(loaded: Loaded) -> list[Card]:
    """The cards as a build draws them: from the digest's view, with the portraits on disk
    and the user cache."""
    photos = read_photos(loaded)
    return start_cards(View(loaded), photos, kept=cache.read, keep=cache.write).result()


@pytest.fixture(scope="module")
def sample_loaded() -> Loaded:
    return load(find_digest("club-partenaires-2018", REPO / "content"), REPO / "content")


def opened(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def margins_are_background(image: Image.Image) -> bool:
    """Nothing but the background colour outside the safe area."""
    width, height = image.size
    background = image.getpixel((0, 0))
    bands = [(0, 0, width, MARGIN), (0, height - MARGIN, width, height)]
    bands += [(0, 0, MARGIN, height), (width - MARGIN, 0, width, height)]
    for box in bands:
        colours = image.crop(box).getcolors(maxcolors=4)
        if colours is None or len(colours) != 1 or colours[0][1] != background:
            return False
    return True


def test_every_card_of_the_sample(sample_loaded: Loaded) -> None:
    cards = render_cards(sample_loaded)
    names = sorted(c.name for c in cards)
    stems = [
        "constance-nebbula",
        "cover",
        "jacky-gallicher",
        "jean-noel-olivier",
        "olivier-lafosse",
        "thomas-bonhoure",
    ]
    assert names == sorted(f"cards/{s}-{p}.png" for s in stems for p in ("linkedin", "x"))
    for card in cards:
        image = opened(card.png)
        assert image.size == SIZES[card.platform]
        assert margins_are_background(image), card.name
        assert len(image.getcolors(maxcolors=4096) or []) > 8  # there is text on it
    constance = next(c for c in cards if c.name == "cards/constance-nebbula-x.png")
    assert "«\u00a0Nous venons d’annoncer" in constance.alt and "Constance Nebbula" in constance.alt


def test_cards_are_byte_identical_from_one_run_to_the_next(sample_loaded: Loaded) -> None:
    first = [c.png for c in render_cards(sample_loaded)]
    forget_drawn()
    assert first == [c.png for c in render_cards(sample_loaded)]


def test_a_french_quote_never_starts_a_line_with_a_closing_mark() -> None:
    quote = typeset(
        "« Vraiment ? Il faut sortir de la posture de la « commande publique » : nous avons "
        "besoin d'autres cordes à notre arc ! »",
        "fr",
        nbsp=NBSP,
    )
    face = font("DejaVuSerif.ttf", 56)
    for width in range(300, 1100, 37):
        for line in wrap(quote, face, width):
            assert not line.startswith(("»", "!", "?", ":", ";")), (width, line)
            assert not line.endswith("«"), (width, line)


def test_the_longest_quote_is_shortened_to_fit() -> None:
    quote = typeset(
        "« " + "une transformation territoriale ambitieuse " * 60 + "»", "fr", nbsp=NBSP
    )
    lines, face, step = fit_text(quote, "DejaVuSerif.ttf", (1072, 300), range(60, 27, -2))
    assert face.size == 28 and len(lines) * step <= 300
    assert all(face.getlength(line) <= 1072 for line in lines)
    assert lines[-1].endswith("…")
    words = " ".join(lines).split(" ")
    assert all(w in quote.split(" ") for w in words[:-1])  # whole words only


def test_a_digest_of_extremes_still_fits_the_safe_area(tmp_path: Path) -> None:
    digest = sample_data()
    digest["event"]["title"] = "Un titre d'événement particulièrement long " * 6
    speaker = digest["event"]["speakers"][0]
    speaker["quote"] = "Anticonstitutionnellement " * 200
    speaker["role"] = "Directrice générale adjointe chargée de la transformation " * 8
    speaker["name"] = "Marie-Hélène de La Tour d'Auvergne-Lauraguais"
    loaded = load(workspace(tmp_path, digest), tmp_path / "content")
    for card in render_cards(loaded):
        assert margins_are_background(opened(card.png)), card.name


@settings(max_examples=40, deadline=None)
@given(st.from_regex(r"#[0-9a-f]{6}", fullmatch=True))
def test_any_brand_colour_gives_readable_cards(primary: str) -> None:
    colours = palette(primary)
    for ink in (colours.text, colours.muted, colours.accent):
        assert contrast_ratio(ink, colours.background) >= 4.5


def test_a_photo_on_disk_gives_a_round_portrait(tmp_path: Path) -> None:
    workspace(tmp_path, sample_data())
    photos = tmp_path / "content" / "photos"
    photos.mkdir()
    Image.new("RGB", (300, 400), "#c0392b").save(photos / "constance-nebbula.jpg")
    loaded = load(tmp_path / "content/digests/test.yaml", tmp_path / "content")
    card = next(c for c in render_cards(loaded) if c.name == "cards/constance-nebbula-x.png")
    image = opened(card.png)
    assert margins_are_background(image)
    _, height = image.size
    portrait = image.crop((MARGIN, height - MARGIN - 56 - 128, MARGIN + 128, height - MARGIN - 56))
    reds = [
        c
        for n, c in portrait.getcolors(maxcolors=65536) or []
        for _ in range(n)
        if c[0] > 150 and c[1] < 100
    ]
    assert len(reds) > 0.6 * 3.14159 * 64 * 64  # a disc of the photo's colour
    assert portrait.getpixel((2, 2)) == image.getpixel((0, 0))  # its corners stay background


def test_build_writes_the_cards_and_their_alt_text(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("build").exit_code == 0
    folder = next((sample / "out").iterdir())
    data = json.loads((folder / "social.json").read_text())
    files = [c["file"] for c in data["x"]["cards"]]
    assert files[0] == "cards/cover-x.png" and len(files) == 6
    assert all((folder / f).exists() for f in files)
    assert all(c["alt"] for c in data["linkedin"]["cards"])
    page = (folder / "index.html").read_text()
    assert 'href="cards/constance-nebbula-x.png" download' in page
    assert 'src="cards/cover-linkedin.png" alt="Club des Partenaires du numérique' in page
    shutil.rmtree(folder)


WORKERS = """
import hashlib, json, sys
from pathlib import Path
import digestgen.outputs.cards.workers as cards
from digestgen.render.view import View
from digestgen.content.load import load
from digestgen.content.workspace import find_digest
content = Path(sys.argv[1])
loaded = load(find_digest("club-partenaires-2018", content), content)
assert cards._can_fork(12), "a fresh process with two cores forks its card workers"
drawn = cards.start_cards(View(loaded)).result()
print(json.dumps([hashlib.sha256(c.png).hexdigest() for c in drawn]))
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no card workers")
def test_cards_drawn_by_workers_are_the_ones_drawn_here(
    sample_loaded: Loaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib
    import subprocess
    import sys

    import digestgen.outputs.cards.workers as cards

    result = subprocess.run(
        [sys.executable, "-c", WORKERS, str(REPO / "content")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DIGESTGEN_CACHE_DIR": ""},
    )
    forget_drawn()
    monkeypatch.setattr(cards, "_can_fork", lambda jobs: False)
    here = [hashlib.sha256(c.png).hexdigest() for c in render_cards(sample_loaded)]
    assert json.loads(result.stdout) == here


def _count_drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import digestgen.outputs.cards.workers as cards
    from digestgen.outputs.cards.draw import CardJob

    drawn: list[str] = []
    draw = cards.draw_card

    def counted(job: CardJob) -> bytes:
        drawn.append(job.name)
        return draw(job)

    monkeypatch.setattr(cards, "_can_fork", lambda jobs: False)
    monkeypatch.setattr(cards, "draw_card", counted)
    return drawn


def test_a_rebuild_redraws_only_the_cards_whose_text_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in the preview: one quote edited, that speaker's two cards drawn again, no others."""
    data = sample_data()
    forget_drawn()
    drawn = _count_drawn(monkeypatch)
    render_cards(load(workspace(tmp_path / "before", data), tmp_path / "before" / "content"))
    assert len(drawn) == 12
    drawn.clear()
    speaker = data["event"]["speakers"][1]
    speaker["quote"] = speaker["quote"] + " Encore."
    render_cards(load(workspace(tmp_path / "after", data), tmp_path / "after" / "content"))
    assert drawn == [speaker["name"], speaker["name"]]


def test_the_user_cache_keeps_cards_between_runs(
    sample_loaded: Loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIGESTGEN_CACHE_DIR", str(tmp_path))
    forget_drawn()
    drawn = _count_drawn(monkeypatch)
    first = [c.png for c in render_cards(sample_loaded)]
    assert len(drawn) == 12 and len(list((tmp_path / "cards").glob("*.png"))) == 12
    forget_drawn()  # a new run: nothing drawn in this process yet
    drawn.clear()
    assert [c.png for c in render_cards(sample_loaded)] == first
    assert drawn == []
    monkeypatch.setenv("DIGESTGEN_CACHE_DIR", "")
    forget_drawn()
    drawn.clear()
    assert [c.png for c in render_cards(sample_loaded)] == first
    assert len(drawn) == 12  # off: every card drawn
