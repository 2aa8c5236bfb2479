"""The preview page in Debian's Chromium, as an editor uses it before sending."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ARTIFACTS
from digestgen.content.workspace import Workspace
from digestgen.serve.preview import Preview

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"


def serve(root: Path, content: Path) -> Preview:
    shutil.copytree(content, root / "content")
    preview = Preview(Workspace.at(root), None, port=0, report=lambda _: None)
    preview.rebuild(first=True)
    preview.start()
    return preview


@pytest.fixture
def sample_preview(tmp_path: Path) -> Iterator[Preview]:
    preview = serve(tmp_path, REPO / "content")
    yield preview
    preview.stop()


@pytest.fixture
def page(browser, sample_preview: Preview):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    origin = sample_preview.url.split("/", 3)[:3]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin="/".join(origin))
    page = context.new_page()
    page.goto(sample_preview.url)
    page.wait_for_function(
        "document.getElementById('email-frame').contentDocument.querySelector('.sheet')"
    )
    yield page
    context.close()


def frame_eval(page, script: str):  # type: ignore[no-untyped-def]
    frame = "document.getElementById('email-frame').contentDocument"
    return page.evaluate(f"(() => {{ const doc = {frame}; return {script}; }})()")


def test_views_switch(page) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    assert (
        page.evaluate("document.getElementById('email-frame').getBoundingClientRect().width") == 600
    )
    assert "Cinq décideurs publics au Club des Partenaires du numérique" in page.inner_text(
        "#inbox-subject"
    )
    page.screenshot(path=str(ARTIFACTS / "preview-desktop.png"), full_page=True)

    page.get_by_role("button", name="Mobile (375 px)").click()
    assert (
        page.evaluate("document.getElementById('email-frame').getBoundingClientRect().width") == 375
    )
    page.wait_for_function(
        "document.getElementById('email-frame').contentDocument.querySelector('.sheet')"
    )
    assert frame_eval(page, "doc.documentElement.scrollWidth") <= 375
    assert (
        page.get_by_role("button", name="Mobile (375 px)").get_attribute("aria-pressed") == "true"
    )
    page.screenshot(path=str(ARTIFACTS / "preview-phone.png"), full_page=True)

    page.get_by_role("button", name="Mode sombre").click()
    page.wait_for_function(
        "document.getElementById('email-frame').contentDocument.querySelector('.sheet')"
    )
    assert (
        frame_eval(page, "getComputedStyle(doc.querySelector('.sheet')).backgroundColor")
        == "rgb(22, 25, 29)"
    )
    page.get_by_role("button", name="Mode sombre").click()
    page.wait_for_function(
        "document.getElementById('email-frame').contentDocument.querySelector('.sheet')"
    )
    assert (
        frame_eval(page, "getComputedStyle(doc.querySelector('.sheet')).backgroundColor")
        == "rgb(255, 255, 255)"
    )

    page.get_by_role("button", name="Texte brut").click()
    assert page.locator("#email-text").is_visible()
    assert not page.locator("#email-frame").is_visible()
    assert "ILS ONT PRIS LA PAROLE" in page.inner_text("#email-text")


def test_copy_puts_exactly_the_post_on_the_clipboard(page, sample_preview: Preview) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=re.compile(r"^Copier\s+:\s+X, Message 1$")).click()
    copied = page.evaluate("navigator.clipboard.readText()")
    folder = sample_preview.built.folder if sample_preview.built else Path()
    expected = json.loads((folder / "social.json").read_text())["x"]["posts"][0]["text"]
    assert copied == expected
    page.wait_for_function("document.getElementById('status').textContent !== ''")
    assert page.get_by_role("status").inner_text() == "Message 1 (x) copié dans le presse-papiers."


def test_page_reloads_after_an_edit_and_shows_problems(page, sample_preview: Preview) -> None:  # type: ignore[no-untyped-def]
    digest = sample_preview.workspace.content_dir / "digests" / "club-partenaires-2018.yaml"
    good = digest.read_text()
    digest.write_text(good.replace("  speakers:", "  speakrs:"))
    page.wait_for_selector("#problems.shown", timeout=10_000)
    assert "speakrs" in page.inner_text("#problems")
    digest.write_text(good.replace("Cinq décideurs publics", "Six décideurs publics"))
    page.wait_for_function(
        "document.getElementById('inbox-subject').textContent.startsWith('Six décideurs')",
        timeout=10_000,
    )
    assert not page.locator("#problems").is_visible()


def test_images_off_shows_alt_text(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    preview = serve(tmp_path, CASES / "english" / "content")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(preview.url)
        page.get_by_role("button", name="Images off").click()
        page.wait_for_function(
            "document.getElementById('email-frame').contentDocument.querySelector('.digestgen-alt')"
        )
        assert frame_eval(page, "doc.querySelectorAll('img').length") == 0
        alts = frame_eval(
            page, "[...doc.querySelectorAll('.digestgen-alt')].map(e => e.textContent)"
        )
        assert alts == ["Transform Weekly", "Five speakers on stage at the Guildhall"]
        page.close()
    finally:
        preview.stop()


def test_the_page_works_from_disk(browser, sample_preview: Preview) -> None:  # type: ignore[no-untyped-def]
    assert sample_preview.built is not None
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((sample_preview.built.folder / "index.html").as_uri())
    page.wait_for_function(
        "document.getElementById('email-frame').contentDocument.querySelector('.sheet')"
    )
    page.get_by_role("button", name="Mobile (375 px)").click()
    assert (
        page.evaluate("document.getElementById('email-frame').getBoundingClientRect().width") == 375
    )
    assert not errors
    assert all(url.startswith(("file:", "about:", "data:")) for url in requests), requests
    page.close()


def test_social_cards_show_posts_as_they_will_look(page) -> None:  # type: ignore[no-untyped-def]
    hook = page.locator('#platform-bluesky article[data-post="0"]')
    link = hook.locator(".post-text a")
    assert link.inner_text() == "www.alliancy.fr/club-des-par..."
    assert (link.get_attribute("href") or "").startswith(
        "https://www.alliancy.fr/club-des-partenaires-du-numerique-cinq-decideurs-publics"
    )
    # line breaks kept: the hook, a blank line, the link
    assert "numérique pour 2019\n\nwww.alliancy.fr/" in hook.locator(".post-text").inner_text()
    mastodon = page.locator('#platform-mastodon article[data-post="0"] .post-text a')
    assert mastodon.inner_text() == "alliancy.fr/club-des-partenair…"
    # the share image under the post it goes with
    threads = page.locator('#platform-threads article[data-post="1"]')
    assert threads.locator("img").get_attribute("src") == "cards/constance-nebbula-x.png"
    box_text = threads.locator(".post-text").bounding_box()
    box_image = threads.locator("img").bounding_box()
    assert box_text and box_image and box_image["y"] > box_text["y"] + box_text["height"] - 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#platform-bluesky").screenshot(path=str(ARTIFACTS / "preview-bluesky.png"))


def test_first_comment_has_its_own_copy_button(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    preview = serve(tmp_path, CASES / "english" / "content")
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        origin = "/".join(preview.url.split("/", 3)[:3])
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        page = context.new_page()
        page.goto(preview.url)
        page.get_by_role("button", name="Copy: LinkedIn, First comment").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        folder = preview.built.folder if preview.built else Path()
        data = json.loads((folder / "social.json").read_text())
        assert copied == data["linkedin"]["first_comment"]["text"]
        assert "utm_content=comment" in copied
        page.wait_for_function("document.getElementById('status').textContent !== ''")
        assert page.get_by_role("status").inner_text() == (
            "First comment (linkedin) copied to the clipboard."
        )
        post = page.locator('#platform-linkedin article[data-post="0"] .post-text').inner_text()
        assert "link in the first comment" in post and "http" not in post
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#platform-linkedin").screenshot(path=str(ARTIFACTS / "preview-linkedin.png"))
        context.close()
    finally:
        preview.stop()


def test_the_served_email_shows_sample_values_and_the_notice(
    browser, sample_preview: Preview
) -> None:  # type: ignore[no-untyped-def]
    """The page as `digestgen preview` serves it: the email in its frame with samples for the
    merge tags, the one-line notice above it, and no WCAG violation with the notice there."""
    import os

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(sample_preview.url)
    page.wait_for_function(
        "document.getElementById('email-frame').contentDocument.querySelector('.sheet')"
    )
    notice = page.get_by_role("note")
    assert notice.inner_text().startswith("Valeurs d’exemple à la place des balises de fusion")
    frame = "document.getElementById('email-frame').contentDocument.body"
    shown = page.evaluate(f"{frame}.innerHTML")
    assert "*|" not in shown and "Alliancy, 10 rue de Penthièvre" in shown
    online = page.evaluate(
        f"[...{frame}.querySelectorAll('a')].map(a => a.href).find(h => h.includes('sample'))"
    )
    assert online.endswith(f"/__digestgen/sample/{sample_preview.built.slug}/newsletter.html")
    page.screenshot(path=str(ARTIFACTS / "preview-served-samples.png"))
    axe = os.environ.get("AXE_JS", "")
    if not axe or not Path(axe).exists():
        pytest.fail("axe-core is missing: run the suite through `make test`, which installs it")
    page.add_script_tag(path=axe)
    rules = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    result = page.evaluate(f"axe.run(document, {{runOnly: {rules}}})")
    page.close()
    assert [v["id"] for v in result["violations"]] == []
