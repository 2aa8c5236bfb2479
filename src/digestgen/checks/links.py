"""Checks of the links themselves, with ``check --links``: every URL of the digest fetched
through digestgen's one fetcher (:mod:`digestgen.net.fetch`), a few at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from digestgen.checks.base import Check, Finding, Material, check
from digestgen.checks.content import content_urls
from digestgen.text.catalog import T_

if TYPE_CHECKING:
    from digestgen.content.load import Loaded
    from digestgen.net.fetch import LinkResult


def fetch_links(
    loaded: Loaded, *, timeout: float = 10.0, workers: int = 4, allow_private: bool = False
) -> dict[str, LinkResult]:
    """Every URL of the digest, fetched once each (a refused private address is an answer
    with no status, as an unreachable one is)."""
    from concurrent.futures import ThreadPoolExecutor

    from digestgen.net.fetch import check_link

    def fetched(url: str) -> LinkResult:
        return check_link(url, timeout=timeout, allow_private=allow_private)

    unique = list(dict.fromkeys(url for _, url in content_urls(loaded)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(unique, pool.map(fetched, unique), strict=True))


def _answered(material: Material) -> Iterator[tuple[str, str, LinkResult]]:
    """Each link where it is written, with its answer."""
    assert material.links is not None
    for loc, url in content_urls(material.loaded):
        yield material.at(loc), url, material.links[url]


@check(
    "link-unreachable",
    "error",
    message=T_("finding:link-unreachable", "{url}: {error}"),
    fix=T_("fix:link-unreachable", "check the address, or try again when the site answers"),
    needs=("links",),
    what="with `--links`: no answer within `--timeout` (10 s), or an address digestgen does "
    "not fetch (private, loopback)",
)
def _unreachable(material: Material, this: Check) -> Iterator[Finding]:
    for where, url, result in _answered(material):
        if result.status is None:
            error = result.said(material.loaded.language)
            yield this.finding(material, where, url=url, error=error)


@check(
    "link-broken",
    "error",
    message=T_("finding:link-broken", "{url} answers {status}"),
    fix=T_("fix:link-broken", "fix the address or link another page"),
    needs=("links",),
    what="with `--links`: a 4xx or 5xx answer",
)
def _broken(material: Material, this: Check) -> Iterator[Finding]:
    for where, url, result in _answered(material):
        if result.status is not None and result.status >= 400:
            yield this.finding(material, where, url=url, status=result.status)


@check(
    "link-redirect",
    "warning",
    message=T_("finding:link-redirect", "{url} redirects to {final}"),
    fix=T_("fix:link-redirect", "link the final address directly"),
    needs=("links",),
    what="with `--links`: a redirect to another host",
)
def _redirect(material: Material, this: Check) -> Iterator[Finding]:
    for where, url, result in _answered(material):
        if result.status is None or result.status >= 400:
            continue
        if (urlsplit(result.final).hostname or "") != (urlsplit(url).hostname or ""):
            yield this.finding(material, where, url=url, final=result.final)
