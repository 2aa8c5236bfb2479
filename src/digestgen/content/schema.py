"""The content format as JSON Schema, made from the models, in the editor's language.

Editors' editors read it: VS Code (with Red Hat's YAML extension) and every editor using
yaml-language-server complete the field names, show each field's description on hover and
underline a wrong type as it is typed, once a file starts with
``# yaml-language-server: $schema=<path>``. ``digestgen init`` writes the schemas into the
workspace (:data:`FOLDER`) and that line at the top of each YAML file; ``digestgen schema``
prints them. The schema is made from :class:`~digestgen.content.models.Outlet` and
:class:`~digestgen.content.models.Digest` (``model_json_schema``), so it never disagrees with
what is validated; the descriptions and examples are digestgen's words, below.

yaml-language-server reads JSON Schema up to draft 7, so the schema says draft 7 (what
pydantic writes is draft 2020-12, whose ``$defs`` and ``$ref`` draft 7 reads the same; a
described reference becomes ``allOf: [$ref]``, as draft 7 ignores what stands beside a ``$ref``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from digestgen import PACKAGE
from digestgen.platforms.registry import PLATFORMS
from digestgen.text.catalog import T_, Message
from digestgen.text.language import Language

Kind = Literal["outlet", "digest"]
KINDS: tuple[Kind, ...] = ("outlet", "digest")
FOLDER = "schema"
"""The schemas' folder inside a workspace's content folder (``content/schema/``)."""
SHIPPED = PACKAGE / "data" / "schema"
"""The schemas as the package ships them, ``<kind>.<language>.json`` (``make schema`` writes
them from the models; a test fails when they differ)."""
DRAFT = "http://json-schema.org/draft-07/schema#"
MODELINE = "# yaml-language-server: $schema="


# What each model is, as the hover of its key says.
MODELS: dict[str, Message] = {
    "Outlet": T_(
        "schema:Outlet",
        "The outlet that sends every digest (content/outlet.yaml): its name, sender, legal "
        "footer, brand and accounts.",
    ),
    "Digest": T_(
        "schema:Digest",
        "One event's digest (content/digests/<name>.yaml): the newsletter issue, the event "
        "with its speakers and quotes, the further reading and the social drafts' choices.",
    ),
    "Image": T_("schema:Image", "An image at an https address, with its alternative text."),
    "Sender": T_("schema:Sender", "Who the email is from."),
    "Brand": T_("schema:Brand", "The email's colours and font."),
    "Handles": T_("schema:Handles", "The outlet's accounts, and its platforms' settings."),
    "MastodonLimits": T_(
        "schema:MastodonLimits",
        "What the outlet's Mastodon server allows, as its /api/v2/instance says "
        "(configuration.statuses).",
    ),
    "OutletSocial": T_("schema:OutletSocial", "The outlet's defaults for every digest's posts."),
    "OutletPlan": T_(
        "schema:OutletPlan",
        "When the outlet posts a digest: the recap on the send date, then one post a day on "
        "its posting days, at its hours, in its timezone.",
    ),
    "DigestPlan": T_(
        "schema:DigestPlan", "This digest's posting plan; what it leaves out is the outlet's."
    ),
    "Utm": T_("schema:Utm", "The tracking tags (UTM) added to the links of the email."),
    "Issue": T_("schema:Issue", "This issue of the newsletter: subject, preheader and date."),
    "Event": T_("schema:Event", "The event the digest recaps."),
    "LinkCard": T_(
        "schema:LinkCard",
        "What the recap page's Open Graph and Twitter Card tags say, which each network "
        "unfurls the recap's link into; digestgen enrich and digestgen draft fill it in.",
    ),
    "LinkCardImage": T_(
        "schema:LinkCardImage", "The recap page's og:image, with its og:image:width and height."
    ),
    "Venue": T_("schema:Venue", "Where the event took place."),
    "Organization": T_("schema:Organization", "An organisation, with its website if any."),
    "Speaker": T_("schema:Speaker", "One speaker and the quote the digest gives them."),
    "FurtherReading": T_(
        "schema:FurtherReading", "The follow-up stories listed after the speakers."
    ),
    "Article": T_("schema:Article", "One follow-up story."),
    "Social": T_("schema:Social", "The digest's posts: hashtags, accounts tagged, options."),
    "Mentions": T_("schema:Mentions", "The accounts the posts tag, per platform."),
    "DigestUtm": T_("schema:DigestUtm", "This digest's own tracking tags."),
}


# Each field, by "<model>.<field>". A field of a model the platforms make is in PER_PLATFORM.
FIELDS: dict[str, Message] = {
    "Outlet.name": T_("schema:Outlet.name", "The outlet's name, as readers know it."),
    "Outlet.tagline": T_("schema:Outlet.tagline", "A line under the name in the email's header."),
    "Outlet.website": T_("schema:Outlet.website", "The outlet's home page (https)."),
    "Outlet.logo": T_(
        "schema:Outlet.logo",
        "The logo at the top of the email; without one, the email shows the name.",
    ),
    "Outlet.sender": T_("schema:Outlet.sender", "The email's From: a name and an address."),
    "Outlet.reply_to": T_(
        "schema:Outlet.reply_to", "Where readers' replies go, when not to the sender."
    ),
    "Outlet.postal_address": T_(
        "schema:Outlet.postal_address",
        "The outlet's postal address, which the law requires in every commercial email.",
    ),
    "Outlet.esp": T_(
        "schema:Outlet.esp",
        "The email service that sends the newsletter; its merge tags fill the unsubscribe "
        "and view-online links. none: digestgen writes them from the fields below.",
    ),
    "Outlet.unsubscribe": T_(
        "schema:Outlet.unsubscribe",
        "The unsubscribe link: an https URL or the email service's merge tag (*|UNSUB|*).",
    ),
    "Outlet.unsubscribe_email": T_(
        "schema:Outlet.unsubscribe_email",
        "An address for one-click unsubscribe by email (List-Unsubscribe: mailto:).",
    ),
    "Outlet.view_online": T_(
        "schema:Outlet.view_online",
        "The link to the email in a browser: an https URL or the email service's merge tag.",
    ),
    "Outlet.brand": T_("schema:Outlet.brand", "The email's colours and font."),
    "Outlet.handles": T_(
        "schema:Outlet.handles", "The outlet's accounts on each platform, linked and tagged."
    ),
    "Outlet.utm": T_("schema:Outlet.utm", "The tracking tags added to the email's links."),
    "Outlet.social": T_("schema:Outlet.social", "The outlet's defaults for the posts."),
    "Outlet.language": T_(
        "schema:Outlet.language", "The outlet's language (fr or en), for digests that name none."
    ),
    "Image.src": T_("schema:Image.src", "The image's address (https)."),
    "Image.alt": T_(
        "schema:Image.alt",
        "What the image shows, for readers who cannot see it; empty for a decorative image.",
    ),
    "Image.width": T_("schema:Image.width", "Its width in pixels, if known."),
    "Image.height": T_("schema:Image.height", "Its height in pixels, if known."),
    "Sender.name": T_("schema:Sender.name", "The name inboxes show as the sender."),
    "Sender.email": T_("schema:Sender.email", "The sending address."),
    "Brand.primary_color": T_(
        "schema:Brand.primary_color",
        "The colour of links and buttons, as #rrggbb; white text on it must stay readable.",
    ),
    "Brand.text_color": T_("schema:Brand.text_color", "The colour of the text, as #rrggbb."),
    "Brand.background_color": T_(
        "schema:Brand.background_color", "The email's background colour, as #rrggbb."
    ),
    "Brand.font_family": T_(
        "schema:Brand.font_family",
        "A CSS font stack: family names between commas, a name with spaces in quotes.",
    ),
    "Handles.mastodon_limits": T_(
        "schema:Handles.mastodon_limits",
        "The outlet's Mastodon server's own post length and link length, if not 500 and 23.",
    ),
    "MastodonLimits.max_characters": T_(
        "schema:MastodonLimits.max_characters", "The longest post the server accepts."
    ),
    "MastodonLimits.characters_reserved_per_url": T_(
        "schema:MastodonLimits.characters_reserved_per_url",
        "The characters a link counts for, whatever its length.",
    ),
    "OutletLinkedIn.link_in_comment": T_(
        "schema:LinkedIn.link_in_comment",
        "The LinkedIn post holds no link (it says where the link is); the recap and the "
        "follow-up stories go in a first comment.",
    ),
    "LinkedInOptions.link_in_comment": T_(
        "schema:LinkedIn.link_in_comment",
        "The LinkedIn post holds no link (it says where the link is); the recap and the "
        "follow-up stories go in a first comment.",
    ),
    "OutletSocial.plan": T_(
        "schema:OutletSocial.plan",
        "The days and hours the outlet posts, and its timezone: the plan of every digest.",
    ),
    "Social.plan": T_(
        "schema:Social.plan", "This digest's posting plan; the outlet's if not given."
    ),
    "OutletPlan.timezone": T_(
        "schema:Plan.timezone",
        "The timezone of the plan's hours, as the tz database names it (Europe/Paris); "
        "summer time is taken into account.",
    ),
    "OutletPlan.recap_time": T_(
        "schema:Plan.recap_time", "When the recap is posted on its day, as HH:MM (24 hours)."
    ),
    "OutletPlan.follow_up_time": T_(
        "schema:Plan.follow_up_time",
        "When each following post goes out on its day, as HH:MM (24 hours).",
    ),
    "OutletPlan.follow_up_days": T_(
        "schema:Plan.follow_up_days",
        "The days the following posts go out, one a day: mon, tue, wed, thu, fri, sat, sun.",
    ),
    "OutletPlan.networks": T_(
        "schema:Plan.networks", "The networks the plan posts on; all of them if not given."
    ),
    "DigestPlan.recap_date": T_(
        "schema:Plan.recap_date",
        "The day the recap is posted, as YYYY-MM-DD; the issue's date if not given.",
    ),
    "DigestPlan.timezone": T_(
        "schema:Plan.timezone",
        "The timezone of the plan's hours, as the tz database names it (Europe/Paris); "
        "summer time is taken into account.",
    ),
    "DigestPlan.recap_time": T_(
        "schema:Plan.recap_time", "When the recap is posted on its day, as HH:MM (24 hours)."
    ),
    "DigestPlan.follow_up_time": T_(
        "schema:Plan.follow_up_time",
        "When each following post goes out on its day, as HH:MM (24 hours).",
    ),
    "DigestPlan.follow_up_days": T_(
        "schema:Plan.follow_up_days",
        "The days the following posts go out, one a day: mon, tue, wed, thu, fri, sat, sun.",
    ),
    "DigestPlan.networks": T_(
        "schema:Plan.networks", "The networks the plan posts on; all of them if not given."
    ),
    "Utm.enabled": T_("schema:Utm.enabled", "Whether the email's links get tracking tags."),
    "Utm.source": T_("schema:Utm.source", "utm_source of the email's links."),
    "Utm.medium": T_("schema:Utm.medium", "utm_medium of the email's links."),
    "Digest.language": T_(
        "schema:Digest.language", "The digest's language (fr or en); the outlet's if not given."
    ),
    "Digest.issue": T_("schema:Digest.issue", "This issue of the newsletter."),
    "Digest.event": T_("schema:Digest.event", "The event the digest recaps."),
    "Digest.further_reading": T_(
        "schema:Digest.further_reading", "The follow-up stories (one to ten)."
    ),
    "Digest.social": T_("schema:Digest.social", "The posts' hashtags, mentions and options."),
    "Digest.utm": T_("schema:Digest.utm", "This digest's own tracking tags."),
    "Issue.subject": T_(
        "schema:Issue.subject",
        "The email's subject: at most 150 characters, and the first 40 to 60 are what phones show.",
    ),
    "Issue.preheader": T_(
        "schema:Issue.preheader",
        "The line inboxes show after the subject; it completes the subject, never repeats it.",
    ),
    "Issue.date": T_("schema:Issue.date", "The day the issue is sent, as YYYY-MM-DD."),
    "Issue.slug": T_(
        "schema:Issue.slug",
        "The name of the digest's folder in out/ (lowercase letters, digits, hyphens); "
        "made from the event's title and date if not given.",
    ),
    "Event.title": T_("schema:Event.title", "The event's title, as the recap gives it."),
    "Event.date": T_("schema:Event.date", "The day of the event, as YYYY-MM-DD."),
    "Event.venue": T_("schema:Event.venue", "Where it took place."),
    "Event.organizer": T_("schema:Event.organizer", "Who organised it."),
    "Event.partners": T_("schema:Event.partners", "The event's partners."),
    "Event.attendance": T_("schema:Event.attendance", "How many people came."),
    "Event.url": T_(
        "schema:Event.url", "The recap article's address: the posts and the email link to it."
    ),
    "Event.image": T_("schema:Event.image", "A photo of the event, shown after the summary."),
    "Event.link_card": T_(
        "schema:Event.link_card",
        "The recap page's link card as its tags describe it; check says what would spoil it.",
    ),
    "LinkCard.title": T_("schema:LinkCard.title", "The page's og:title."),
    "LinkCard.description": T_("schema:LinkCard.description", "The page's og:description."),
    "LinkCard.image": T_("schema:LinkCard.image", "The page's og:image and its size."),
    "LinkCard.url": T_("schema:LinkCard.url", "The page's og:url."),
    "LinkCard.site_name": T_("schema:LinkCard.site_name", "The page's og:site_name."),
    "LinkCard.twitter_card": T_(
        "schema:LinkCard.twitter_card",
        "The page's twitter:card (summary_large_image for X's large card).",
    ),
    "LinkCard.twitter_title": T_(
        "schema:LinkCard.twitter_title", "The page's twitter:title, when it has one."
    ),
    "LinkCard.twitter_image": T_(
        "schema:LinkCard.twitter_image", "The page's twitter:image, when it has one."
    ),
    "LinkCardImage.src": T_("schema:LinkCardImage.src", "The image's address."),
    "LinkCardImage.width": T_("schema:LinkCardImage.width", "Its og:image:width, in pixels."),
    "LinkCardImage.height": T_("schema:LinkCardImage.height", "Its og:image:height, in pixels."),
    "Event.summary": T_(
        "schema:Event.summary", "What happened, in a paragraph or two; the email's opening."
    ),
    "Event.highlights": T_(
        "schema:Event.highlights", "The points worth remembering, one sentence each."
    ),
    "Event.speakers": T_(
        "schema:Event.speakers", "The speakers, in the order the email shows them (at least one)."
    ),
    "Venue.name": T_("schema:Venue.name", "The place's name."),
    "Venue.address": T_("schema:Venue.address", "Its street address."),
    "Venue.city": T_("schema:Venue.city", "Its city."),
    "Organization.name": T_("schema:Organization.name", "The organisation's name."),
    "Organization.url": T_("schema:Organization.url", "Its website."),
    "Speaker.name": T_("schema:Speaker.name", "The speaker's first name and surname."),
    "Speaker.role": T_("schema:Speaker.role", "Their role, as the recap gives it."),
    "Speaker.organization": T_("schema:Speaker.organization", "The organisation they speak for."),
    "Speaker.quote": T_(
        "schema:Speaker.quote",
        "Their words as quoted, without quotation marks: digestgen adds the language's own. "
        "Mark a cut with […].",
    ),
    "Speaker.photo": T_(
        "schema:Speaker.photo",
        "Their portrait (https), shown in the email; the quote cards take "
        "content/photos/<their-name>.jpg when it is there, or this image with build "
        "--fetch-images.",
    ),
    "FurtherReading.title": T_(
        "schema:FurtherReading.title", "The block's heading; the language's own if not given."
    ),
    "FurtherReading.articles": T_("schema:FurtherReading.articles", "The stories, one to ten."),
    "Article.title": T_(
        "schema:Article.title", "The story's title; digestgen enrich fills it from the page."
    ),
    "Article.url": T_("schema:Article.url", "The story's address."),
    "Article.summary": T_(
        "schema:Article.summary", "A sentence on the story; digestgen enrich can fill it."
    ),
    "Article.label": T_("schema:Article.label", "A label above the title, such as a rubric."),
    "Article.image": T_("schema:Article.image", "The story's picture."),
    "Social.hashtags": T_(
        "schema:Social.hashtags", "Hashtags without the #, letters and digits only."
    ),
    "Social.mentions": T_("schema:Social.mentions", "The accounts each platform's posts tag."),
    "DigestUtm.campaign": T_(
        "schema:DigestUtm.campaign", "utm_campaign of the links; the digest's slug if not given."
    ),
}


# A field named after a platform, in the models the platforms' records make.
PER_PLATFORM: dict[str, Message] = {
    "Handles": T_("schema:handle", "The outlet's {platform} account."),
    "Speaker": T_("schema:speaker_handle", "The speaker's {platform} account, tagged and linked."),
    "Mentions": T_(
        "schema:mentions", "The {platform} accounts the posts tag (partners, the venue)."
    ),
    "OutletSocial": T_("schema:outlet_options", "The outlet's {platform} choices."),
    "Social": T_("schema:options", "This digest's {platform} choices; the outlet's if not given."),
}


# Examples, as the editor would type them; a pair is (French, English).
EXAMPLES: dict[str, Any] = {
    "Outlet.name": "Alliancy",
    "Outlet.tagline": ("Le média de la transformation numérique", "Digital transformation news"),
    "Outlet.website": "https://www.alliancy.fr",
    "Outlet.reply_to": "redaction@alliancy.fr",
    "Outlet.postal_address": "Alliancy, 10 rue de Penthièvre, 75008 Paris, France",
    "Outlet.esp": "mailchimp",
    "Outlet.unsubscribe": "*|UNSUB|*",
    "Outlet.unsubscribe_email": "desabonnement@alliancy.fr",
    "Outlet.view_online": "*|ARCHIVE|*",
    "Outlet.language": "fr",
    "Image.src": "https://www.alliancy.fr/images/club-2018.jpg",
    "Image.alt": ("Les cinq intervenants sur scène", "The five speakers on stage"),
    "Image.width": 1200,
    "Image.height": 630,
    "LinkCard.title": (
        "Club des Partenaires : cinq décideurs publics et leurs projets",
        "Partners' club: five public-sector leaders and their plans",
    ),
    "LinkCard.description": (
        "Angers, Bordeaux, Versailles : ce que prévoient leurs DSI pour 2019.",
        "Angers, Bordeaux, Versailles: what their CIOs plan for 2019.",
    ),
    "LinkCard.url": "https://www.alliancy.fr/club-des-partenaires-2018",
    "LinkCard.site_name": "Alliancy",
    "LinkCard.twitter_card": "summary_large_image",
    "LinkCard.twitter_title": (
        "Cinq décideurs publics au Club des Partenaires",
        "Five public-sector leaders at the partners' club",
    ),
    "LinkCard.twitter_image": "https://www.alliancy.fr/images/club-2018-x.jpg",
    "LinkCardImage.src": "https://www.alliancy.fr/images/club-2018.jpg",
    "LinkCardImage.width": 1200,
    "LinkCardImage.height": 630,
    "Sender.name": "Alliancy",
    "Sender.email": "newsletter@alliancy.fr",
    "Brand.primary_color": "#0b4f8a",
    "Brand.text_color": "#1f2933",
    "Brand.background_color": "#ffffff",
    "Brand.font_family": "Helvetica, Arial, sans-serif",
    "MastodonLimits.max_characters": 500,
    "MastodonLimits.characters_reserved_per_url": 23,
    "OutletLinkedIn.link_in_comment": False,
    "LinkedInOptions.link_in_comment": True,
    "OutletPlan.timezone": "Europe/Paris",
    "OutletPlan.recap_time": "18:00",
    "OutletPlan.follow_up_time": "09:00",
    "OutletPlan.follow_up_days": ["mon", "tue", "wed", "thu", "fri"],
    "OutletPlan.networks": ["linkedin", "x", "bluesky"],
    "DigestPlan.recap_date": "2018-12-07",
    "DigestPlan.timezone": "Europe/Paris",
    "DigestPlan.recap_time": "18:30",
    "DigestPlan.follow_up_time": "08:30",
    "DigestPlan.follow_up_days": ["tue", "thu"],
    "DigestPlan.networks": ["linkedin", "x"],
    "Utm.enabled": True,
    "Utm.source": "newsletter",
    "Utm.medium": "email",
    "Digest.language": "fr",
    "Issue.subject": (
        "Cinq décideurs publics au Club des Partenaires du numérique",
        "Five public-sector leaders at the digital partners' club",
    ),
    "Issue.preheader": (
        "Angers, Bordeaux, Versailles : leurs projets pour 2019",
        "Angers, Bordeaux, Versailles: their plans for 2019",
    ),
    "Issue.date": "2018-12-07",
    "Issue.slug": "club-partenaires-2018",
    "Event.title": (
        "Club des Partenaires du numérique : la grande soirée annuelle",
        "Digital partners' club: the annual evening",
    ),
    "Event.date": "2018-12-05",
    "Event.attendance": 120,
    "Event.url": "https://www.alliancy.fr/club-des-partenaires-du-numerique",
    "Event.summary": (
        "Le 5 décembre, le Club a réuni plus de 120 représentants du numérique.",
        "On 5 December, the club brought together more than 120 people.",
    ),
    "Event.highlights": (
        ["La maturité des collectivités a fait un bond en avant."],
        ["Local authorities have come a long way in a few years."],
    ),
    "Venue.name": "SwissLife Banque Privée",
    "Venue.address": "place Vendôme",
    "Venue.city": "Paris",
    "Organization.name": "Club des Partenaires du numérique",
    "Organization.url": "https://www.alliancy.fr/club-des-partenaires-du-numerique",
    "Speaker.name": "Constance Nebbula",
    "Speaker.role": ("conseillère municipale déléguée au numérique", "city councillor for digital"),
    "Speaker.organization": ("Ville d’Angers", "City of Angers"),
    "Speaker.quote": (
        "Nous venons d’annoncer le lancement de notre marché Territoire Intelligent",
        "We have just launched our smart territory programme",
    ),
    "FurtherReading.title": ("À lire aussi", "Further reading"),
    "Article.title": ("Angers, territoire intelligent", "Angers, a smart territory"),
    "Article.url": "https://www.alliancy.fr/angers-territoire-intelligent",
    "Article.summary": (
        "Comment la ville a bâti son marché global.",
        "How the city built its programme.",
    ),
    "Article.label": ("Collectivités", "Local government"),
    "Social.hashtags": ["transformationnumerique", "smartcity"],
    "DigestUtm.campaign": "club-partenaires-2018",
}


def schemas(language: Language) -> dict[Kind, dict[str, Any]]:
    """The outlet's and the digest's JSON Schemas made from the models, their words in
    ``language``."""
    from digestgen.content.models import Digest, Outlet

    return {"outlet": _schema(Outlet, language), "digest": _schema(Digest, language)}


def schema_text(kind: Kind, language: Language) -> str:
    """One schema made from the models as its file holds it: JSON, keys in the models'
    order, one final newline."""
    return json.dumps(schemas(language)[kind], ensure_ascii=False, indent=2) + "\n"


def shipped(kind: Kind, language: Language) -> str:
    """One schema as the package ships it."""
    return (SHIPPED / f"{kind}.{language}.json").read_text(encoding="utf-8")


def modeline(yaml_file: Path, content_dir: Path, kind: Kind) -> str:
    """The first line of ``yaml_file`` that points an editor at its schema in the workspace."""
    target = content_dir / FOLDER / f"{kind}.json"
    depth = len(yaml_file.parent.relative_to(content_dir).parts)
    relative = "/".join([".."] * depth + [FOLDER, target.name])
    return MODELINE + relative


def write_schemas(content_dir: Path, language: Language) -> list[Path]:
    """The workspace's schemas, written (or rewritten) into ``content/schema/``."""
    folder = content_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.json"
        path.write_text(shipped(kind, language), encoding="utf-8")
        written.append(path)
    return written


def _schema(model: Any, language: Language) -> dict[str, Any]:
    raw = model.model_json_schema()
    definitions = raw.pop("$defs", {})
    out: dict[str, Any] = {"$schema": DRAFT, **_object(model.__name__, raw, language)}
    if model.__name__ == "Outlet":
        # An email service named in esp fills the unsubscribe link with its tag: the field is
        # required only without one (esp absent or none), as the model's validator does it.
        out["required"] = [r for r in out["required"] if r != "unsubscribe"]
        without_service = {
            "anyOf": [
                {"not": {"required": ["esp"]}},
                {"properties": {"esp": {"const": "none"}}, "required": ["esp"]},
            ]
        }
        out["allOf"] = [{"if": without_service, "then": {"required": ["unsubscribe"]}}]
    out["$defs"] = {name: _object(name, d, language) for name, d in sorted(definitions.items())}
    return out


def _object(name: str, schema: dict[str, Any], language: Language) -> dict[str, Any]:
    """One model's schema with digestgen's words: its description, each field's, examples."""
    out = dict(schema)
    if name in MODELS:
        out["description"] = MODELS[name](language)
    properties = {}
    for field, value in schema.get("properties", {}).items():
        described = {k: v for k, v in value.items() if k != "title"}
        if "$ref" in described:
            # Draft 7 ignores the words beside a $ref: the reference goes one level down.
            described["allOf"] = [{"$ref": described.pop("$ref")}]
        described["description"] = describe(name, field, language)
        example = EXAMPLES.get(f"{name}.{field}")
        if example is not None:
            if isinstance(example, tuple):
                example = example[0] if language == "fr" else example[1]
            described["examples"] = [example]
        properties[field] = described
    if properties:
        out["properties"] = properties
    return out


def describe(model: str, field: str, language: Language) -> str:
    """A field's description; a field named after a platform gets its model's sentence."""
    if f"{model}.{field}" in FIELDS:
        return FIELDS[f"{model}.{field}"](language)
    if model in PER_PLATFORM and field in PLATFORMS:
        return PER_PLATFORM[model](language, platform=PLATFORMS[field].label)
    raise KeyError(f"{model}.{field} has no description in digestgen.content.schema")


def main() -> None:
    """``make schema``: write the shipped schemas from the models, in every language."""
    from digestgen.text.language import LANGUAGES

    SHIPPED.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        for kind in KINDS:
            text = schema_text(kind, language)
            (SHIPPED / f"{kind}.{language}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
