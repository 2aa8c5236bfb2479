"""What each email service provider (ESP) fills in when it sends: its merge tags.

An outlet names its service (``esp: mailchimp``) and digestgen writes that service's tags for
the unsubscribe link, the "view in browser" link and the postal address, which the service
replaces per subscriber when it sends. ``check`` reports a tag the service requires that the
rendered email lacks (a template override may lose one). Pure data; each service's tags are
taken from its own documentation (listed in docs/guide/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from digestgen.text.catalog import T_, Message

EspName = Literal["mailchimp", "brevo", "mailjet", "sendgrid", "none"]


@dataclass(frozen=True)
class Esp:
    """One service's tags; ``{LANG}`` stands for the digest's language code in capitals."""

    label: str
    unsubscribe: str
    consequence: Message
    """Why the service needs its tags (the end of ``check``'s ``esp-tag-missing``)."""
    view_online: str | None = None
    # The address tag the service fills from the account's settings, shown in the footer in
    # place of ``postal_address`` where the service requires its own (HTML, then plain text).
    address_html: str | None = None
    address_text: str | None = None
    # Tags whose absence makes the service refuse the send or add a footer of its own.
    required: tuple[str, ...] = field(default_factory=tuple)
    # How the service writes a subscriber's first name, in its documentation's spelling
    # (Brevo's French accounts name the attribute PRENOM); the preview shows a sample instead.
    first_name: tuple[str, ...] = field(default_factory=tuple)

    def tag(self, template: str, language: str) -> str:
        return template.replace("{LANG}", language.upper())

    def required_tags(self, language: str) -> tuple[str, ...]:
        return tuple(self.tag(t, language) for t in self.required)


PRESETS: dict[str, Esp] = {
    "mailchimp": Esp(
        label="Mailchimp",
        unsubscribe="*|UNSUB|*",
        view_online="*|ARCHIVE|*",
        address_html="*|HTML:LIST_ADDRESS_HTML|*",
        required=("*|UNSUB|*", "*|HTML:LIST_ADDRESS_HTML|*"),
        first_name=("*|FNAME|*",),
        consequence=T_(
            "esp:mailchimp",
            "without them Mailchimp adds a footer of its own to the email",
        ),
    ),
    "mailjet": Esp(
        label="Mailjet",
        unsubscribe="[[UNSUB_LINK_{LANG}]]",
        view_online="[[PERMALINK]]",
        required=("[[UNSUB_LINK_{LANG}]]",),
        first_name=('[[data:firstname:""]]', '{{data:firstname:""}}', '{{var:firstname:""}}'),
        consequence=T_(
            "esp:mailjet",
            "Mailjet requires its unsubscribe link in every marketing email",
        ),
    ),
    "brevo": Esp(
        label="Brevo",
        unsubscribe="{{ unsubscribe }}",
        view_online="{{ mirror }}",
        required=("{{ unsubscribe }}",),
        first_name=("{{ contact.FIRSTNAME }}", "{{ contact.PRENOM }}"),
        consequence=T_(
            "esp:brevo",
            "Brevo's unsubscribe link is the one that updates its contact list",
        ),
    ),
    "sendgrid": Esp(
        label="SendGrid",
        unsubscribe="{{{unsubscribe}}}",
        view_online="{{Weblink}}",
        address_html="{{Sender_Name}}, {{Sender_Address}}, {{Sender_City}} {{Sender_Zip}}",
        address_text="{{Sender_Name}}, {{Sender_Address}}, {{Sender_City}} {{Sender_Zip}}",
        required=("{{{unsubscribe}}}", "{{Sender_Address}}"),
        first_name=("{{first_name}}",),
        consequence=T_(
            "esp:sendgrid",
            "SendGrid's Marketing Campaigns require the unsubscribe and sender tags",
        ),
    ),
}


def preset(name: str | None) -> Esp | None:
    """The service's tags, or None for ``none`` (the outlet writes its own values)."""
    return PRESETS.get(name or "none")
