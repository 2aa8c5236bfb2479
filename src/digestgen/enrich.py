"""``digestgen enrich``: fill in missing titles, summaries and images from the pages themselves.

For the event and each further-reading article lacking ``title``, ``summary`` or ``image``, the
page is fetched and its Open Graph / Twitter card / ``<title>`` metadata is written back with
ruamel.yaml's round trip, keeping the editor's comments, key order and quoting; a field the
editor wrote is never replaced. Pages are read through :mod:`digestgen.net.fetch`, with its guard
(a timeout per request, a deadline per run, ~2 MB read at most, no private address unless
``allow_private``, every redirect hop checked).
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML, scalarstring
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from digestgen.content.fields import Alt, HttpsUrl, Line, Text, Url
from digestgen.content.load import display_path, read_yaml
from digestgen.errors import DigestgenError
from digestgen.net.fetch import FetchError
from digestgen.net.pages import PageMetadata, fetch_page, parse_metadata
from digestgen.text.catalog import T_, Message
from digestgen.text.language import Language

FIELDS = ("title", "summary", "image")
ARTICLE_ORDER = ("title", "url", "summary", "label", "image")
EVENT_ORDER = ("title", "date", "venue", "organizer", "partners", "attendance", "url", "image",
               "summary", "highlights", "speakers", "link_card")  # fmt: skip
BLOCK_SCALARS = (scalarstring.FoldedScalarString, scalarstring.LiteralScalarString)
# Indentation styles tried, most common first; the one that reproduces the file is kept.
LAYOUTS = list(dict.fromkeys([(2, 4, 2), (2, 2, 0)] + [
    (m, s, o) for m in (2, 4) for s in (2, 4, 6) for o in (0, 2, 4) if o <= s - 2
]))  # fmt: skip


@dataclass(frozen=True)
class Failure:
    """A URL that gave nothing, and why, in one line."""

    url: str
    reason: str
    why: FetchError | None = dataclasses.field(default=None, compare=False)  # to say it again

    def said(self, language: Language) -> str:
        return self.why.said(language) if self.why else self.reason


@dataclass(frozen=True)
class Enriched:
    """What a run did: the diff of the YAML file, the fields filled, what failed, notes."""

    path: Path
    diff: str
    filled: list[str]
    failures: list[Failure]
    notes: list[str]
    language: Language = "fr"  # the notes' and the failures' language


def _fetch(url: str, **how: Any) -> PageMetadata:
    page = fetch_page(url, **how)
    return parse_metadata(page.html, page.url)


def _page(url: str, **how: Any) -> PageMetadata | Failure:
    try:
        return _fetch(url, **how)
    except FetchError as exc:
        return Failure(url, exc.reason, exc)


def _dump(yaml: YAML, data: Any) -> str:
    stream = StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _rt_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes, yaml.width = True, 4096  # never re-wrap the editor's long lines
    return yaml


def _layout(text: str) -> tuple[YAML, bool]:
    """A round-trip YAML indented like the file (the first style that reproduces it exactly,
    else the closest), and whether it was exact."""
    data, best, fewest = _rt_yaml().load(text), _rt_yaml(), -1
    for mapping, sequence, offset in LAYOUTS:
        yaml = _rt_yaml()
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        out = _dump(yaml, data)
        if out == text:
            return yaml, True
        changed = len(set(out.splitlines()).symmetric_difference(text.splitlines()))
        if fewest < 0 or changed < fewest:
            best, fewest = yaml, changed
    return best, False


def _tail(node: Any) -> tuple[Any, Any, int] | None:
    """Where the comments after the last line of ``node`` are kept: (owner, key, slot)."""
    if isinstance(node, CommentedMap) and node:
        key, slot = list(node)[-1], 2
    elif isinstance(node, CommentedSeq) and node:
        key, slot = len(node) - 1, 0
    else:
        return None
    child = node[key]
    if isinstance(child, CommentedMap | CommentedSeq) and child and not child.fa.flow_style():
        return _tail(child)
    return node, key, slot


def _insert(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``key`` in the format's order among the keys already there."""
    if key in mapping:
        mapping[key] = value  # an empty `title:` line keeps its place and its comment
        return
    rank = order.index(key)
    before = [i for i, k in enumerate(mapping) if k in order and order.index(k) < rank]
    pos = before[-1] + 1 if before else 0
    moved = _detach_trailing(mapping) if pos == len(mapping) else None
    mapping.insert(pos, key, value)
    if moved is not None:  # below the new last line: the new key's, or its image's alt
        holder, last = (
            (value, list(value)[-1]) if isinstance(value, CommentedMap) else (mapping, key)
        )
        holder.ca.items[last] = [None, None, moved, None]


def _detach_trailing(mapping: CommentedMap) -> Any:
    """Take the comment and blank lines that follow ``mapping`` off its last value, where ruamel
    keeps them, so that a key appended to it goes above them, not below."""
    tail = _tail(mapping)
    entry = tail[0].ca.items.get(tail[1]) if tail else None
    if tail is None or not entry or entry[tail[2]] is None:
        return None
    owner, key, slot = tail
    token = entry[slot]
    if isinstance(owner[key], BLOCK_SCALARS):  # the token holds only the lines that follow
        # ... and its first comment line is indented by the token's column, not in its text.
        blank = token.value.startswith("\n")
        keep, rest = "", token.value if blank else " " * token.column + token.value
    else:  # its first line is the value's own end-of-line comment, which stays
        cut = token.value.find("\n") + 1
        keep, rest = token.value[:cut], token.value[cut:]
    if not rest:
        return None
    token.value = keep
    if not keep.strip():
        entry[slot] = None
    return type(token)("\n" + rest, token.start_mark, token.end_mark)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def enrich(
    digest_path: Path,
    *,
    dry_run: bool = False,
    allow_private: bool = False,
    timeout: float = 10.0,
    deadline: float = 60.0,
    workers: int = 4,
    language: Language | None = None,
) -> Enriched:
    """Fill missing event/article titles, summaries and images of a digest from their pages;
    the notes in ``language`` (by default the digest's own, or French)."""
    from digestgen.content.load import said_language

    stop_at = time.monotonic() + deadline
    source = read_yaml(digest_path, language or "fr")  # bad YAML: a ContentError with its line
    language = language or said_language(source.data)
    data = _rt_yaml().load(source.text)  # preserve_quotes acts at load time
    targets: list[tuple[str, CommentedMap, tuple[str, ...]]] = []
    if isinstance(data.get("event"), CommentedMap):
        targets.append(("event", data["event"], EVENT_ORDER))
    further = data.get("further_reading")
    articles = further.get("articles") if isinstance(further, CommentedMap) else None
    for i, article in enumerate(articles if isinstance(articles, CommentedSeq) else []):
        if isinstance(article, CommentedMap):
            targets.append((f"further_reading.articles[{i}]", article, ARTICLE_ORDER))
    wanted = [t for t in targets if any(_blank(t[1].get(f)) for f in FIELDS)]
    notes = [NOTES["no_url"](language, loc=loc) for loc, m, _ in wanted if not _url(m)]
    # The event's link card, as the recap page's tags say it, when the digest has none yet.
    cards = [t for t in targets if t[0] == "event" and "link_card" not in t[1] and _url(t[1])]
    urls = list(dict.fromkeys(_url(m) for _, m, _ in wanted + cards if _url(m)))
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        how = {"timeout": timeout, "stop_at": stop_at, "allow_private": allow_private}
        futures = {url: pool.submit(_page, url, **how) for url in urls}
        done = wait(futures.values(), timeout=max(0.0, stop_at - time.monotonic())).done
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # late pages are reported, not awaited
    late = FetchError(LATE, seconds=f"{deadline:.3g}")
    pages = {
        u: f.result() if f in done else Failure(u, late.reason, late) for u, f in futures.items()
    }
    filled: list[str] = []
    for loc, mapping, order in wanted:
        page = pages.get(_url(mapping))
        for field in (f for f in FIELDS if _blank(mapping.get(f))):
            if isinstance(page, PageMetadata):
                value, note = _value(loc, field, page, language)
                if value is None:
                    notes.append(NOTES["left_empty"](language, field=f"{loc}.{field}", why=note))
                    continue
                _insert(mapping, field, value, order)
                filled.append(f"{loc}.{field}")
    for loc, mapping, order in cards:
        page = pages.get(_url(mapping))
        card = _card(page.card, language) if isinstance(page, PageMetadata) else None
        if card:
            _insert(mapping, "link_card", card, order)
            filled.append(f"{loc}.link_card")
    new_text = source.text
    if filled:
        yaml, exact = _layout(source.text)
        new_text = _dump(yaml, data)
        if not exact:
            notes.append(NOTES["indentation"](language))
    shown, old = str(display_path(digest_path)), source.text.splitlines(keepends=True)
    diff = "".join(difflib.unified_diff(old, new_text.splitlines(keepends=True), shown, shown))
    if diff and not dry_run:
        _write(digest_path, new_text)
    failures = [p for p in pages.values() if isinstance(p, Failure)]
    return Enriched(digest_path, diff, filled, failures, notes, language)


SUMMARY_CUT = 500  # a page's description past this is cut at a word, with "…"


NOTES: dict[str, Message] = {
    "no_url": T_("enrich:no_url", "{loc}: no url to read the missing fields from"),
    "left_empty": T_("enrich:left_empty", "{field}: {why}; left empty"),
    "indentation": T_(
        "enrich:indentation", "the file's indentation could not be matched exactly; read the diff"
    ),
    "no_title": T_("enrich:no_title", "the page has no title"),
    "no_summary": T_("enrich:no_summary", "the page has no summary"),
    "no_image": T_("enrich:no_image", "the page has no image"),
    "bad_title": T_("enrich:bad_title", "the page's title {wrong}"),
    "bad_summary": T_("enrich:bad_summary", "the page's summary {wrong}"),
    "not_https": T_("enrich:not_https", "{tag} is {url}, not https"),
    "bad_image": T_("enrich:bad_image", "{tag} {url} {wrong}"),
}
LATE = T_("enrich:late", "not done within the {seconds} s deadline")


def _value(loc: str, field: str, page: PageMetadata, language: Language) -> tuple[Any, str]:
    """The YAML value for ``field`` from ``page``, or None and why not. A value is written
    only when the digest's own validation takes it: what a page says is not trusted."""
    if field != "image":
        text = page.title if field == "title" else page.description
        if not text:
            return None, NOTES[f"no_{field}"](language)
        if field == "summary" and len(text) > SUMMARY_CUT:
            text = text[: SUMMARY_CUT - 1].rsplit(" ", 1)[0] + "…"
        wrong = _refused(Line if field == "title" else Text, text, language)
        if wrong:
            return None, NOTES[f"bad_{field}"](language, wrong=wrong)
        return _quoted(text), ""
    if not page.image:
        return None, NOTES["no_image"](language)
    shown = page.image if len(page.image) < 100 else page.image[:99] + "…"  # data: URLs
    if not page.image.startswith("https://"):  # the format wants https
        return None, NOTES["not_https"](language, tag=page.image_tag, url=shown)
    wrong = _refused(HttpsUrl, page.image, language)
    if wrong:
        return None, NOTES["bad_image"](language, tag=page.image_tag, url=shown, wrong=wrong)
    # The event image needs words (missing-alt is an error); an article image may be decorative.
    alt = page.image_alt or (page.title if loc == "event" else None) or ""
    alt = alt if _refused(Alt, alt, language) is None else ""
    return CommentedMap(src=_quoted(page.image), alt=_quoted(alt)), ""


def _card(card: dict[str, Any] | None, language: Language) -> CommentedMap | None:
    """``event.link_card`` from what a page's tags say, each value kept only when the
    digest's validation takes it (the image's address may be http: check says so)."""
    from digestgen.content.models import LinkCardImage

    kinds = {"description": Text, "url": Url, "twitter_image": Url}
    out = CommentedMap()
    for key, value in (card or {}).items():
        if key == "image":
            if _refused(LinkCardImage, value, language) is None:
                image = CommentedMap(src=_quoted(value["src"]))
                image.update((k, value[k]) for k in ("width", "height") if k in value)
                out["image"] = image
        elif _refused(kinds.get(key, Line), value, language) is None:
            out[key] = _quoted(value)
    return out or None


def _refused(kind: Any, value: Any, language: Language) -> str | None:
    """Why the digest's validation refuses ``value`` as a ``kind``, or None (in
    ``language``, as the loader says it)."""
    from pydantic import TypeAdapter, ValidationError

    from digestgen.content.explain import validation

    try:
        TypeAdapter(kind).validate_python(value)
    except ValidationError as exc:
        return validation(None, exc.errors()[0], language)
    return None


def _url(mapping: CommentedMap) -> str:
    url = mapping.get("url")
    return url.strip() if isinstance(url, str) else ""


def _quoted(text: str) -> Any:
    # Double quotes, as the format's examples: a title such as `yes` or `2030: …` stays text.
    return scalarstring.DoubleQuotedScalarString(text)


def _write(path: Path, text: str) -> None:
    try:
        YAML(typ="safe").load(text)
    except Exception as exc:  # a bug of ours must not cost the editor their file
        msg = f"{path}: the filled-in file would not parse ({exc}); nothing written"
        raise DigestgenError(msg) from None
    crlf = b"\r\n" in path.read_bytes()  # read_yaml normalised a Windows editor's line ends
    temporary = path.with_name(f".{path.name}.enrich")
    with temporary.open("w", encoding="utf-8", newline="\r\n" if crlf else "\n") as stream:
        stream.write(text)
    os.chmod(temporary, path.stat().st_mode & 0o7777)
    os.replace(temporary, path)  # all or nothing: never a half-written digest
