"""Sample values for the email service's merge tags (the preview's page, send-test's message):
every service's tags found however the outputs write them, and nothing else touched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digestgen.build.pipeline import NEWSLETTER, render_files
from digestgen.content.fields import MERGE_TAG
from digestgen.content.load import load
from digestgen.content.workspace import Workspace
from digestgen.serve.samples import Samples, fill_newsletter, samples_for
from helpers import sample_data, workspace

ARCHIVE = "http://127.0.0.1:8000/__digestgen/sample/x/newsletter.html"
UNSUBSCRIBE = "http://127.0.0.1:8000/__digestgen/unsubscribe"


@pytest.mark.parametrize("esp", ["mailchimp", "brevo", "mailjet", "sendgrid"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_services_tags_get_samples(tmp_path: Path, esp: str, language: str) -> None:
    outlet = sample_data("outlet.yaml")
    outlet.pop("unsubscribe")  # the service's own tag, as its preset writes it
    outlet.update(esp=esp, language=language)
    digest = sample_data()
    digest.pop("language", None)
    path = workspace(tmp_path, digest, outlet)
    loaded = load(path, tmp_path / "content")
    newsletter = render_files(loaded, Workspace.at(tmp_path), (NEWSLETTER,)).newsletter
    assert newsletter is not None and MERGE_TAG.search(newsletter.html)
    samples = samples_for(loaded, archive=ARCHIVE, unsubscribe=UNSUBSCRIBE)
    filled, count = fill_newsletter(newsletter, samples)
    assert count >= 2
    assert MERGE_TAG.search(filled.html) is None and MERGE_TAG.search(filled.text) is None
    assert f'href="{UNSUBSCRIBE}"' in filled.html and UNSUBSCRIBE in filled.text
    assert f'href="{ARCHIVE}"' in filled.html
    assert "10 rue de Penthièvre" in filled.html
    assert MERGE_TAG.search(newsletter.html)  # the built email keeps its tags


def test_a_tag_is_found_with_or_without_spaces_in_its_braces() -> None:
    samples = Samples("Brevo", (("{{ contact.FIRSTNAME }}", "Camille"),))
    text = "Bonjour {{contact.FIRSTNAME}}, {{ contact.FIRSTNAME }} et {{  contact.FIRSTNAME }}"
    assert samples.fill(text) == ("Bonjour Camille, Camille et Camille", 3)
    assert samples.fill("{{ contact.LASTNAME }}") == ("{{ contact.LASTNAME }}", 0)


def test_a_url_holding_a_tag_is_replaced_whole_in_text_html_and_the_pages_json() -> None:
    url = "https://example.com/unsubscribe?list=weekly&subscriber={{subscriber_id}}"
    samples = Samples("", ((url, "https://example.invalid/unsubscribe?a=1&b=2"),))
    assert samples.fill(f"<{url}>") == ("<https://example.invalid/unsubscribe?a=1&b=2>", 1)
    written = (
        '<a href="https://example.com/unsubscribe?list=weekly&amp;subscriber={{subscriber_id}}">'
    )
    assert samples.fill(written, "html") == (
        '<a href="https://example.invalid/unsubscribe?a=1&amp;b=2">',
        1,
    )
    # The page's JSON holds the email's HTML with < > & escaped.
    in_page = json.dumps(written)[1:-1].replace("<", "\\u003c").replace("&", "\\u0026")
    filled, count = samples.fill(in_page, "script")
    assert count == 1
    assert json.loads(f'"{filled}"') == '<a href="https://example.invalid/unsubscribe?a=1&amp;b=2">'


def test_sendgrid_s_whole_address_goes_before_its_parts(tmp_path: Path) -> None:
    outlet = sample_data("outlet.yaml")
    outlet.pop("unsubscribe")
    outlet["esp"] = "sendgrid"
    loaded = load(workspace(tmp_path, sample_data(), outlet), tmp_path / "content")
    samples = samples_for(loaded, archive=ARCHIVE, unsubscribe=UNSUBSCRIBE)
    whole = "{{Sender_Name}}, {{Sender_Address}}, {{Sender_City}} {{Sender_Zip}}"
    address = "Alliancy, 10 rue de Penthièvre, 75008 Paris, France"
    assert samples.fill(whole) == (address, 1)
    assert samples.fill("{{Sender_Name}} · {{first_name}}") == ("Alliancy · Camille", 2)


@given(st.text())
def test_a_text_without_tags_is_left_as_it_is(text: str) -> None:
    samples = Samples("Mailchimp", (("*|UNSUB|*", UNSUBSCRIBE), ("*|FNAME|*", "Camille")))
    if "*|" not in text:
        for context in ("text", "html", "script"):
            assert samples.fill(text, context) == (text, 0)  # type: ignore[arg-type]
