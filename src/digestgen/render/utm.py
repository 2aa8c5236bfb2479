"""UTM tagging of the outlet's own links (cli-and-outputs.md: "Every link to the outlet's own
site").

Pure functions: a link to the outlet's host or one of its subdomains gets ``utm_source``,
``utm_medium``, ``utm_campaign`` and ``utm_content``; its own ``utm_*`` parameters are replaced,
its other parameters and its fragment are kept as written. Other sites are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlsplit, urlunsplit

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")
CAMPAIGN_MAX = 30
"""The longest ``utm_campaign`` digestgen makes up by itself (an editor's own may be longer)."""


def short_campaign(outlet_name: str, day: date) -> str:
    """``<outlet>-<YYYY-MM-DD>`` in at most 30 characters, the name cut at a word boundary.

    >>> short_campaign("Alliancy", date(2018, 12, 5))
    'alliancy-2018-12-05'
    """
    from slugify import slugify

    stamp = day.isoformat()
    room = CAMPAIGN_MAX - len(stamp) - 1
    name = ""
    for word in slugify(outlet_name).split("-"):  # the first words that fit, in their order
        longer = f"{name}-{word}" if name else word
        if len(longer) > room:
            break
        name = longer
    return f"{name}-{stamp}" if name else stamp


def campaign_of(chosen: str | None, issue_slug: str | None, outlet_name: str, day: date) -> str:
    """The digest's ``utm_campaign``, the same in every output.

    The editor's ``utm.campaign`` first, then ``issue.slug``, else :func:`short_campaign` of the
    outlet and the event's date: short, so that a tagged link stays readable where it is
    shown written out (LinkedIn, Threads) and counted as written (Bluesky).
    """
    return chosen or issue_slug or short_campaign(outlet_name, day)


def host_of(url: str) -> str:
    """The lower-case host of ``url`` without a leading ``www.``, or '' when it has none."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def is_own_site(url: str, website: str) -> bool:
    """Whether ``url`` points at the host of ``website`` or one of its subdomains."""
    own, host = host_of(website), host_of(url)
    return bool(own) and (host == own or host.endswith("." + own))


def _is_utm(param: str) -> bool:
    key = param.split("=", 1)[0]
    return key.lower().startswith("utm_")


def with_utm(url: str, **utm: str) -> str:
    """``url`` with its ``utm_*`` parameters replaced by ``utm`` (keys without the prefix).

    The other parameters are kept byte for byte and in order, so a signed or encoded query
    survives; the fragment stays last.
    """
    parts = urlsplit(url)
    kept = [p for p in parts.query.split("&") if p and not _is_utm(p)]
    added = [f"utm_{key}={_quote(value)}" for key, value in utm.items() if value]
    query = "&".join(kept + added)
    # "https://site.fr?x" is valid, but "https://site.fr/?x" is what every tool expects.
    path = parts.path or ("/" if query else "")
    return urlunsplit(parts._replace(path=path, query=query))


def _quote(value: str) -> str:
    return quote(value, safe="-._~")


@dataclass(frozen=True)
class Tagger:
    """Tags the links of one output: own-site links get this campaign's UTM parameters."""

    website: str
    source: str
    medium: str
    campaign: str
    enabled: bool = True

    def __call__(self, url: str, content: str) -> str:
        """``url`` as it should appear in the block named ``content``."""
        if not self.enabled or not is_own_site(url, self.website):
            return url
        return with_utm(
            url,
            source=self.source,
            medium=self.medium,
            campaign=self.campaign,
            content=content,
        )

    def for_platform(self, platform: str) -> Tagger:
        """The tagger for a social platform: ``utm_source=<platform>``, ``utm_medium=social``."""
        return Tagger(self.website, platform, "social", self.campaign, self.enabled)
