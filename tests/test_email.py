"""The newsletter as a reader's mail client and an editor would see it."""

from __future__ import annotations

import email
import email.policy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from digestgen.build.pipeline import render_files
from digestgen.content.load import Loaded, load
from digestgen.content.models import Brand
from digestgen.content.workspace import Workspace, find_digest
from digestgen.outputs.newsletter import DARK, palette
from digestgen.render.colors import contrast_ratio
from helpers import sample_data, workspace

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"


def loaded_from(root: Path, name: str | None = None) -> Loaded:
    return load(find_digest(name, root / "content"), root / "content")


def render(root: Path, name: str | None = None) -> dict[str, str | bytes]:
    return render_files(loaded_from(root, name), Workspace.at(root)).files


@pytest.fixture(scope="module")
def sample_files() -> dict[str, str | bytes]:
    return render(REPO, "club-partenaires-2018")


@pytest.fixture(scope="module")
def english_files() -> dict[str, str | bytes]:
    return render(CASES / "english")


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text outside <style> and <head>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "title", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def test_email_structure(sample_files: dict[str, str | bytes]) -> None:
    html = str(sample_files["newsletter.html"])
    tags = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert re.search(r'<html lang="fr"', html)
    tables = [attrs for tag, attrs in tags.tags if tag == "table"]
    assert tables and all(attrs.get("role") == "presentation" for attrs in tables)
    assert any(attrs.get("width") == "600" for attrs in tables)
    images = [attrs for tag, attrs in tags.tags if tag == "img"]
    assert all("alt" in attrs and attrs.get("width") for attrs in images)
    assert "<!--[if mso]>" in html and "v:roundrect" in html  # Outlook's button and ghost table
    preheader = next(attrs for tag, attrs in tags.tags if attrs.get("class") == "preheader")
    assert "display: none" in str(preheader["style"]) and "mso-hide: all" in str(preheader["style"])


def test_css_is_inlined_and_media_rules_keep_important(
    sample_files: dict[str, str | bytes],
) -> None:
    html = str(sample_files["newsletter.html"])
    head, body = html.split("<body", 1)
    assert 'style="' in body and "font-size:16px" in body
    assert "@media (prefers-color-scheme: dark)" in head
    assert "@media screen and (max-width: 620px)" in head
    dark = head.split("@media (prefers-color-scheme: dark)", 1)[1]
    assert f"background-color: {DARK['background']} !important" in dark
    assert "data-premailer" not in html


def test_size_is_well_under_gmail_clip(sample_files: dict[str, str | bytes]) -> None:
    assert len(str(sample_files["newsletter.html"]).encode()) < 60_000


def test_french_typography_reaches_every_output(sample_files: dict[str, str | bytes]) -> None:
    html, text = str(sample_files["newsletter.html"]), str(sample_files["newsletter.txt"])
    for output in (html, text, str(sample_files["further-reading.md"])):
        assert "Territoires intelligents\u00a0: un levier de performance" in output
        assert "'" not in re.sub(r"<[^>]+>", "", output).replace("&#39;", "")
    assert "Club des Partenaires du numérique\u00a0: la grande soirée annuelle" in html
    assert "«\u202fNous venons d’annoncer" in text
    assert "«\u202fNous venons d’annoncer" in html
    assert "«\u202fsmart city\u202f»" in text


def test_unsubscribe_merge_tag_is_verbatim(sample_files: dict[str, str | bytes]) -> None:
    assert 'href="*|UNSUB|*"' in str(sample_files["newsletter.html"])
    assert "*|UNSUB|*" in str(sample_files["newsletter.txt"])


@pytest.mark.parametrize(
    "tag", ["{{ unsubscribe }}", "%%unsubscribe%%", "<%asm_group_unsubscribe_raw_url%>"]
)
def test_other_merge_tags_survive_html_serialisation(tmp_path: Path, tag: str) -> None:
    outlet = sample_data("outlet.yaml")
    outlet["unsubscribe"] = tag
    workspace(tmp_path, sample_data(), outlet)
    files = render(tmp_path)
    assert f'href="{tag}"' in str(files["newsletter.html"])
    assert tag in str(files["newsletter.txt"])
    assert "List-Unsubscribe" not in bytes(files["newsletter.eml"]).decode()


def test_images_have_pixel_sizes_for_outlook(english_files: dict[str, str | bytes]) -> None:
    images = [a for t, a in parse(str(english_files["newsletter.html"])).tags if t == "img"]
    assert len(images) == 2
    assert [(a["width"], a.get("height")) for a in images] == [("180", "40"), ("600", "300")]
    assert all(a["alt"] for a in images)


def test_hostile_text_is_shown_as_text(english_files: dict[str, str | bytes]) -> None:
    html = str(english_files["newsletter.html"])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(‘pwned’)&lt;/script&gt;" in html
    assert "&lt;b&gt;real&lt;/b&gt;" in html  # the preheader's markup, as text
    assert "Bristol &amp; Bath Councils" in html
    text = str(english_files["newsletter.txt"])
    assert "<script>alert(‘pwned’)</script> is what a resident typed" in text


def test_english_typography(english_files: dict[str, str | bytes]) -> None:
    text = " ".join(str(english_files["newsletter.txt"]).split())
    assert "“We publish every dataset & every algorithm we use. It’s the only way" in text
    assert "Don’t buy a ‘smart city’. Buy a bus that turns up on time!" in text
    assert "residents’ trust with data – and why procurement rules still get in the way…" in text
    assert "Thursday 12\u00a0March 2026" in str(english_files["newsletter.txt"])
    assert re.search(r'<html lang="en"', str(english_files["newsletter.html"]))


def test_utm_only_on_own_site_links(english_files: dict[str, str | bytes]) -> None:
    html = str(english_files["newsletter.html"])
    links = re.findall(r'href="([^"]+)"', html.replace("&amp;", "&"))
    own = [u for u in links if "transformweekly.example.com" in u and "unsubscribe" not in u]
    other = [u for u in links if u not in own and "unsubscribe" not in u]
    assert own and all("utm_campaign=transform-weekly-2026-03-12" in u for u in own)
    assert other and not any("utm_" in u for u in other)
    recap = next(u for u in own if "smart-cities-summit-recap" in u and "utm_content=button" in u)
    assert recap == (
        "https://www.transformweekly.example.com/2026/03/smart-cities-summit-recap?id=42"
        "&utm_source=newsletter&utm_medium=email"
        "&utm_campaign=transform-weekly-2026-03-12&utm_content=button#speakers"
    )
    unsubscribe = next(u for u in links if "unsubscribe" in u)
    assert unsubscribe == (  # untagged, its merge tag left for the email service to fill
        "https://www.transformweekly.example.com/newsletter/unsubscribe"
        "?list=weekly&subscriber={{subscriber_id}}"
    )


def test_seven_follow_ups_in_every_further_reading_output(
    english_files: dict[str, str | bytes],
) -> None:
    assert str(english_files["further-reading.html"]).count('class="article-title"') == 7
    assert str(english_files["further-reading.md"]).count("\n- ") == 7
    assert "Procurement &amp; innovation: a field guide" in str(
        english_files["further-reading.html"]
    )
    assert "[Bristol’s security wake\\-up call]" not in str(english_files["further-reading.md"])
    assert "[Bristol’s security wake-up call](https://blog.transformweekly.example.com/" in str(
        english_files["further-reading.md"]
    )


def test_plain_text_is_wrapped_and_lists_every_link(sample_files: dict[str, str | bytes]) -> None:
    text = str(sample_files["newsletter.txt"])
    for line in text.splitlines():
        assert len(line) <= 78 or re.fullmatch(r"\s*<?https?://\S+>?", line), line
    html = str(sample_files["newsletter.html"]).replace("&amp;", "&")
    # The title and the button link to the same page; the text lists it once, as the button.
    listed = {
        re.sub(r"&utm_content=[\w-]+", "", url) for url in re.findall(r"https?://[^\s<>]+", text)
    }
    for url in set(re.findall(r'href="(https?://[^"]+)"', html)):
        assert re.sub(r"&utm_content=[\w-]+", "", url) in listed, url


def test_eml_is_a_multipart_alternative_message(
    sample_files: dict[str, str | bytes], english_files: dict[str, str | bytes]
) -> None:
    message = email.message_from_bytes(
        bytes(sample_files["newsletter.eml"]), policy=email.policy.default
    )
    assert message["Subject"] == "Cinq décideurs publics au Club des Partenaires du numérique"
    assert message["From"] == "Alliancy <newsletter@alliancy.fr>"
    assert message["Reply-To"] == "redaction@alliancy.fr"
    assert message["Date"] == "Fri, 07 Dec 2018 08:00:00 +0000"
    assert message.get_content_type() == "multipart/alternative"
    plain, rich = message.get_payload()
    assert plain.get_content_type() == "text/plain" and rich.get_content_type() == "text/html"
    assert plain.get_content().replace("\r\n", "\n") == sample_files["newsletter.txt"]
    assert rich.get_content().replace("\r\n", "\n") == sample_files["newsletter.html"]
    assert "List-Unsubscribe" not in message  # a merge tag is the ESP's business
    english = email.message_from_bytes(
        bytes(english_files["newsletter.eml"]), policy=email.policy.default
    )
    assert english["List-Unsubscribe"].strip() == (
        "<mailto:unsubscribe@transformweekly.example.com?subject=unsubscribe>, "
        "<https://www.transformweekly.example.com/newsletter/unsubscribe"
        "?list=weekly&subscriber={{subscriber_id}}>"
    )
    assert all(len(line) <= 998 for line in bytes(sample_files["newsletter.eml"]).split(b"\r\n"))


def test_rendering_is_deterministic() -> None:
    assert render(REPO, "club-partenaires-2018") == render(REPO, "club-partenaires-2018")


@pytest.mark.parametrize(
    "colors",
    [
        ("#ffcc00", "#777777", "#ffffff"),
        ("#0b4f8a", "#1f2933", "#ffffff"),
        ("#e0e0e0", "#aaaaaa", "#fafafa"),
    ],
)
def test_palette_reaches_wcag_aa_whatever_the_brand(colors: tuple[str, str, str]) -> None:
    primary, text, background = colors
    p = palette(Brand(primary_color=primary, text_color=text, background_color=background))
    assert contrast_ratio(p["text"], p["background"]) >= 4.5
    assert contrast_ratio(p["link"], p["background"]) >= 4.5
    assert contrast_ratio(p["muted"], p["background"]) >= 4.5
    assert contrast_ratio(p["muted_on_surface"], p["surface"]) >= 4.5
    assert contrast_ratio(p["link_on_surface"], p["surface"]) >= 4.5
    assert contrast_ratio(p["button_text"], p["button"]) >= 4.5


def test_dark_palette_reaches_wcag_aa() -> None:
    for fg, bg in [
        ("text", "background"),
        ("muted", "background"),
        ("link", "background"),
        ("text", "surface"),
        ("muted", "surface"),
        ("button_text", "button"),
    ]:
        assert contrast_ratio(DARK[fg], DARK[bg]) >= 4.5, (fg, bg)
