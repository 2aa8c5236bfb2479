"""What reaches the inbox: the raw .eml headers, send-test's message as SpamAssassin scores it
(delivered to a real SMTP server, aiosmtpd), the email on a phone that drops <style>, email
service presets, and caniemail's data in `digestgen check`."""

from __future__ import annotations

import email
import email.policy
import json
import re
import shutil
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digestgen.build.pipeline import render_files
from digestgen.checks.caniemail import client_support, features_used
from digestgen.checks.spamassassin import as_received, parse_report, spam_score
from digestgen.content.workspace import Workspace
from digestgen.outputs.newsletter import unsubscribe_headers
from helpers import build_file_tree, sample_data, workspace
from test_send import Inbox, free_port  # the real SMTP server of send-test's tests

CASES = Path(__file__).resolve().parent / "cases"


def render(root: Path, name: str | None = None) -> dict[str, str | bytes]:
    ws = Workspace.at(root)
    return render_files(ws.load(name), ws).files


def header_lines(eml: bytes) -> list[bytes]:
    head = eml.split(b"\r\n\r\n", 1)[0]
    return head.split(b"\r\n")


# A French outlet with its own unsubscribe page (a merge tag in its URL) and a mailto.
FRENCH_OUTLET = {
    **sample_data("outlet.yaml"),
    "esp": "none",
    "unsubscribe": "https://www.alliancy.fr/newsletter/desinscription?liste=club&contact={{contact.EMAIL}}",
    "unsubscribe_email": "desinscription@alliancy.fr",
    "view_online": "https://www.alliancy.fr/newsletter/club-des-partenaires-2018",
}


def test_list_unsubscribe_is_written_raw_on_one_line(english: Path) -> None:
    eml = bytes(render(english)["newsletter.eml"])
    lines = header_lines(eml)
    assert (
        b"List-Unsubscribe: <mailto:unsubscribe@transformweekly.example.com?subject=unsubscribe>, "
        b"<https://www.transformweekly.example.com/newsletter/unsubscribe"
        b"?list=weekly&subscriber={{subscriber_id}}>"
    ) in lines
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in lines
    assert b"=?utf-8?" not in b"\r\n".join(line for line in lines if b"Unsubscribe" in line)
    assert not [line for line in lines if line.startswith(b"To:")]  # a template for the service


def test_french_outlet_with_its_own_page_gets_one_click_headers(tmp_path: Path) -> None:
    workspace(tmp_path, sample_data(), FRENCH_OUTLET)
    files = render(tmp_path)
    lines = header_lines(bytes(files["newsletter.eml"]))
    assert (
        b"List-Unsubscribe: <mailto:desinscription@alliancy.fr?subject=unsubscribe>, "
        b"<https://www.alliancy.fr/newsletter/desinscription?liste=club&contact={{contact.EMAIL}}>"
    ) in lines
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in lines
    html = str(files["newsletter.html"])
    assert 'href="https://www.alliancy.fr/newsletter/club-des-partenaires-2018"' in html
    assert ">Voir la version en ligne</a>" in html
    assert "Alliancy, 10 rue de Penthièvre" in html  # no service: the outlet's own address


def test_a_merge_tag_alone_leaves_the_headers_to_the_email_service(sample: Path) -> None:
    eml = bytes(render(sample)["newsletter.eml"])
    assert b"List-Unsubscribe" not in eml


@given(
    path=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-/", min_size=40, max_size=400),
    tag=st.sampled_from(["{{subscriber_id}}", "*|EMAIL|*", "[[EMAIL_TO]]", "%recipient%"]),
    mailto=st.booleans(),
)
def test_unsubscribe_header_is_never_encoded_or_cut(path: str, tag: str, mailto: bool) -> None:
    url = f"https://news.example.com/{path}?id={tag}"
    headers = unsubscribe_headers(url, "out@example.com" if mailto else None)
    assert headers[1] == ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
    name, value = headers[0]
    assert f"<{url}>" in value and "=?" not in value
    assert all(len(line) <= 998 for line in f"{name}: {value}".split("\n"))


def test_email_holds_what_outlook_and_apple_mail_need(english: Path) -> None:
    html = str(render(english)["newsletter.html"])
    # The preheader is hidden by display:none, not by a colour like its background's.
    preheader = re.search(r'<div class="preheader" style="([^"]*)"', html)
    assert preheader and "display:none" in preheader.group(1).replace(" ", "")
    assert "color" not in preheader.group(1)
    # The outer table is fluid; Outlook alone gets a fixed 600 px table.
    sheet = re.search(r'class="sheet"[^>]*style=(["\'])(.*?)\1', html)
    assert sheet and "width:100%; max-width:600px" in sheet.group(2)
    assert '<!--[if mso]><table role="presentation" width="600"' in html
    # Quotes and headings get their padding from a table cell, which Outlook honours.
    assert not re.search(r"<(blockquote|h2)[^>]*style=\"[^\"]*padding", html)
    assert re.search(r'<td class="quote-cell" style=.padding:12px 16px', html)
    for style in re.findall(r'style="([^"]*line-height: ?\d+px[^"]*)"', html):
        assert "mso-line-height-rule:exactly" in style.replace(" ", ""), style
    assert '<meta name="color-scheme" content="light dark">' in html
    assert '<meta name="supported-color-schemes" content="light dark">' in html


@pytest.mark.parametrize(
    ("esp", "tags"),
    [
        ("mailchimp", ['href="*|UNSUB|*"', 'href="*|ARCHIVE|*"', "*|HTML:LIST_ADDRESS_HTML|*"]),
        ("mailjet", ['href="[[UNSUB_LINK_FR]]"', 'href="[[PERMALINK]]"']),
        ("brevo", ['href="{{ unsubscribe }}"', 'href="{{ mirror }}"']),
        ("sendgrid", ['href="{{{unsubscribe}}}"', 'href="{{Weblink}}"', "{{Sender_Address}}"]),
    ],
)
def test_email_service_presets_write_their_tags(tmp_path: Path, esp: str, tags: list[str]) -> None:
    outlet = sample_data("outlet.yaml")
    del outlet["unsubscribe"]
    outlet["esp"] = esp
    workspace(tmp_path, sample_data(), outlet)
    files = render(tmp_path)
    html, text = str(files["newsletter.html"]), str(files["newsletter.txt"])
    for tag in tags:
        assert tag in html, tag
        if tag.startswith("href="):  # links are listed in the text too
            assert tag.removeprefix('href="').removesuffix('"') in text
    assert "Voir la version en ligne" in html and "Voir la version en ligne" in text


def test_check_says_when_a_template_loses_a_tag_the_service_requires(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    template = Path(__file__).resolve().parents[1] / "templates/email/newsletter.html.j2"
    lost = template.read_text("utf-8").replace("{{ postal_address }}", "Alliancy, Paris")
    build_file_tree(sample, {"templates/email/newsletter.html.j2": lost})
    result = cli("check", "--no-spam", "--format", "json")
    report = json.loads(result.stdout)
    [finding] = [f for f in report["findings"] if f["code"] == "esp-tag-missing"]
    assert "*|HTML:LIST_ADDRESS_HTML|*" in finding["message"] and "Mailchimp" in finding["message"]
    # The sample is French, and so is the whole message, the service's reason included.
    assert finding["message"].endswith(
        "sans elles, Mailchimp ajoute son propre pied de page à l’e-mail"
    )
    assert result.exit_code == 1


def test_check_reports_client_support_and_the_spam_score(english: Path, cli) -> None:  # type: ignore[no-untyped-def]
    if not shutil.which("spamassassin"):
        pytest.fail("SpamAssassin is missing: apt-get install spamassassin (.ci/run does it)")
    result = cli("check", "--format", "json")
    report = json.loads(result.stdout)
    gaps = {g["feature"]: g for g in report["clients"]["gaps"]}
    assert gaps["css-at-media"]["families"]["Outlook Windows"] == "unsupported"
    assert gaps["css-at-media"]["fallback"]
    assert report["clients"]["data"].startswith("caniemail.com, 20")
    assert report["spam"]["score"] <= 1.0 and report["spam"]["required"] == 5.0
    assert not [f for f in report["findings"] if f["code"] in ("client-support", "spam-score")]
    text = cli("check").stdout
    assert "Spam score (SpamAssassin, local rules):" in text
    assert "Email clients (caniemail, " in text


def test_check_without_spamassassin_says_so_in_one_line(
    english: Path, cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    report = json.loads(cli("check", "--format", "json").stdout)
    skipped = "spam score skipped: SpamAssassin is not installed (apt-get install spamassassin)"
    assert report["spam"] == {"skipped": skipped}


def test_a_feature_no_client_family_covers_is_a_warning() -> None:
    html = '<div style="display:flex; position:absolute">x</div>'
    assert {"css-display-flex", "css-position"} <= features_used(html)
    [gap] = [g for g in client_support(html).gaps if g.slug == "css-position"]
    assert "Gmail" in gap.uncovered


REPORT = """Content analysis details:   (2.8 points, 5.0 required)

 pts rule name              description
---- ---------------------- --------------------------------------------------
 0.0 HTML_MESSAGE           BODY: HTML included in message
 0.7 HTML_FONT_LOW_CONTRAST BODY: HTML font color similar or identical to
                            background
 2.1 DATE_IN_PAST_96_XX     Date: is 96 hours or more before Received: date

"""


def test_spamassassin_report_is_read_rule_by_rule() -> None:
    report = parse_report(REPORT)
    assert (report.score, report.required) == (2.8, 5.0)
    assert [r.name for r in report.rules] == [
        "HTML_MESSAGE",
        "HTML_FONT_LOW_CONTRAST",
        "DATE_IN_PAST_96_XX",
    ]
    assert report.rules[1].description.endswith("similar or identical to background")
    assert "current Date" in report.rules[2].fix


@pytest.fixture
def smtp():  # type: ignore[no-untyped-def]
    from aiosmtpd.controller import Controller

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.mark.parametrize("case", ["sample", "english", "french"])
def test_what_send_test_delivers_is_not_spam(
    case: str, tmp_path: Path, cli, smtp, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    if not shutil.which("spamassassin"):
        pytest.fail("SpamAssassin is missing: apt-get install spamassassin (.ci/run does it)")
    if case == "french":
        workspace(tmp_path, sample_data(), FRENCH_OUTLET)
    else:
        source = Path(__file__).resolve().parents[1] if case == "sample" else CASES / case
        shutil.copytree(source / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    inbox, port = smtp
    monkeypatch.setenv("DIGESTGEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DIGESTGEN_SMTP_PORT", str(port))
    monkeypatch.setenv("DIGESTGEN_SMTP_STARTTLS", "0")
    for _ in range(2):
        assert cli("send-test", "--to", "redaction@example.org").exit_code == 0
    raws = [raw for _, _, raw in inbox.messages]
    first, second = (email.message_from_bytes(raw, policy=email.policy.default) for raw in raws)
    assert first["Message-ID"] != second["Message-ID"]
    sent = parsedate_to_datetime(first["Date"])
    assert abs((datetime.now(UTC) - sent).total_seconds()) < 120
    assert first["To"] == "redaction@example.org"
    report = spam_score(as_received(raws[0], "alliancy.fr"))
    assert report.score <= 1.0, report
    fired = {r.name for r in report.rules}
    assert not fired & {"DATE_IN_PAST_96_XX", "HTML_FONT_LOW_CONTRAST", "MISSING_HEADERS"}


def test_a_french_check_without_spamassassin_says_so_in_french(
    sample: Path, cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    lines = cli("check").stdout.splitlines()
    assert (
        "score de spam non calculé\u00a0: SpamAssassin n’est pas installé "
        "(apt-get install spamassassin)"
    ) in lines
