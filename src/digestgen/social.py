"""Social drafts: a LinkedIn post (and its first comment) and threads for X, Bluesky, Mastodon
and Threads, each within its platform's limit as that platform counts it. Pure functions from a
loaded digest to posts.

A post that does not fit is shortened at a word boundary, with an ellipsis, in a set order
of fields (the quote first, then the attribution): a URL, a hashtag or a word is kept whole
or dropped whole, never cut.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digestgen.context import view
from digestgen.counting import (
    BLUESKY_MAX_BYTES,
    bluesky_bytes,
    bluesky_length,
    linkedin_length,
    mastodon_length,
    x_parse,
    x_weighted_length,
)
from digestgen.load import Loaded
from digestgen.locale import note_text, quote_marks, whole_number
from digestgen.models import Outlet
from digestgen.platform_links import bluesky_shortened
from digestgen.templates import environment
from digestgen.typography import NBSP

# --- the platforms, each counting by its published rules (digestgen.counting) ---------------


def _accepted(text: str) -> bool:
    return True


def bluesky_app_length(text: str) -> int:
    """Bluesky's count of a draft as its app counts it: after it shortens the links."""
    return bluesky_length(bluesky_shortened(text))


def threads_length(text: str) -> int:
    """Meta's rule for Threads: characters, but an emoji counts as its UTF-8 bytes.

    A character is a code point; an emoji is a grapheme cluster drawn as one (emoji
    presentation, or made one by U+FE0F or the keycap U+20E3), a family of four being 25 bytes.
    Links count as written: Threads gives them no fixed weight.
    """
    import regex

    if not _emoji().search(text):
        return len(text)  # no emoji: every grapheme counts its code points
    total = 0
    for grapheme in regex.findall(r"\X", text):
        if _emoji().search(grapheme):
            total += len(grapheme.encode("utf-8"))
        else:
            total += len(grapheme)
    return total


@functools.cache
def _emoji() -> Any:
    import regex

    return regex.compile(r"[\p{Emoji_Presentation}\uFE0F\u20E3]")


@dataclass(frozen=True)
class Platform:
    name: str
    label: str
    limit: int
    count: Callable[[str], int]
    accepts: Callable[[str], bool] = _accepted
    """What the platform checks beyond the length (Bluesky's bytes, X's forbidden characters)."""

    def measure(self, text: str) -> int:
        """The count a post is fitted by: its length, or one over the limit when the platform
        would refuse it for another reason."""
        length = self.count(text)
        return length if self.accepts(text) else max(length, self.limit + 1)


def _x_accepts(text: str) -> bool:
    """X's ``valid`` apart from the length: no forbidden character (U+FFFE, U+FEFF, U+FFFF)."""
    parsed = x_parse(text)
    return parsed.valid or not 0 < parsed.weighted_length <= 280


def _bluesky_accepts(text: str) -> bool:
    """Bluesky's record also caps its text (links shortened by the app) at 3,000 UTF-8 bytes."""
    return bluesky_bytes(bluesky_shortened(text)) <= BLUESKY_MAX_BYTES


PLATFORMS: dict[str, Platform] = {
    "linkedin": Platform("linkedin", "LinkedIn", 3000, linkedin_length),
    "x": Platform("x", "X", 280, x_weighted_length, _x_accepts),
    "bluesky": Platform("bluesky", "Bluesky", 300, bluesky_app_length, _bluesky_accepts),
    "mastodon": Platform("mastodon", "Mastodon", 500, mastodon_length),
    "threads": Platform("threads", "Threads", 500, threads_length),
}
LINKEDIN_HOOK = 140  # what LinkedIn shows before "…see more"
LINKEDIN_COMMENT = 1250  # the longest comment LinkedIn takes
THREADS_LINKS = 5  # Threads refuses a post with more links
THREADS_TAGS = 1  # Threads keeps one topic tag a post


def platforms_for(outlet: Outlet) -> dict[str, Platform]:
    """:data:`PLATFORMS` with the outlet's Mastodon server's limit and URL weight."""
    limits = outlet.handles.mastodon_limits
    mastodon = Platform(
        "mastodon",
        "Mastodon",
        limits.max_characters,
        functools.partial(mastodon_length, url_weight=limits.characters_reserved_per_url),
    )
    return {**PLATFORMS, "mastodon": mastodon}


# --- shortening ---------------------------------------------------------------------------

_BREAK = re.compile(r"[ \t\n]+")  # no-break spaces are not places to cut
# What a cut must not end on: an opening quote, a comma, a dash, an elision already there.
_TRAILING = re.compile(r"(?:[\s,;:.!?–—\-«»“”‘’'\"(\[…]|\[…\])+$")


def cut(text: str, words: int, *, ellipsis: bool = True) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when some were left out."""
    parts = [p for p in _BREAK.split(text.strip()) if p]
    if words >= len(parts):
        return text
    if words <= 0:
        return ""
    if not ellipsis:
        return " ".join(parts[:words])
    kept = _TRAILING.sub("", " ".join(parts[:words]))
    return kept + "…" if kept else ""


WORDS, TAGS, WHOLE = "words", "tags", "whole"
"""How a field gives way: cut to fewer words with an ellipsis, fewer hashtags, or all at once."""


def fit(
    render: Callable[[dict[str, Any]], str],
    fields: dict[str, Any],
    order: Sequence[tuple[str, str]],
    limit: int,
    count: Callable[[str], int],
) -> str:
    """``render(fields)``, its fields of ``order`` given up one after the other until it fits.

    Each ``(name, how)`` field is cut to the most words that fit (a binary search), down to
    nothing, before the next one is touched. What cannot be made to fit comes back over the
    limit, for the caller to report.
    """
    fields = dict(fields)
    text = render(fields)
    for name, how in order:
        if count(text) <= limit:
            break
        original = str(fields[name])
        if how == WHOLE:
            fields[name] = ""
            text = render(fields)
            continue
        low, high = 0, len(_BREAK.split(original.strip()))
        while low < high:  # the largest word count that fits
            middle = (low + high + 1) // 2
            trial = cut(original, middle, ellipsis=how == WORDS)
            if count(render({**fields, name: trial})) <= limit:
                low = middle
            else:
                high = middle - 1
        fields[name] = cut(original, low, ellipsis=how == WORDS)
        text = render(fields)
    return text


# --- the drafts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    text: str
    length: int


@dataclass(frozen=True)
class Draft:
    """One platform's posts, counted by its rules."""

    platform: Platform
    posts: list[Post]
    notes: list[str] = field(default_factory=list)
    comment: Post | None = None  # LinkedIn's first comment, when the links go there

    @property
    def over(self) -> list[int]:
        """Indexes of the posts over the limit."""
        return [
            i
            for i, p in enumerate(self.posts)
            if p.length > self.platform.limit or not self.platform.accepts(p.text)
        ]


def _context(loaded: Loaded, platform: Platform) -> dict[str, Any]:
    context = view(loaded, source=platform.name, medium="social", nbsp=NBSP)
    outlet = context["outlet"]
    handle = {
        "x": outlet.handles.x,
        "bluesky": outlet.handles.bluesky,
        "mastodon": outlet.handles.mastodon,
        "threads": outlet.handles.threads,
    }.get(platform.name)
    quote_open, quote_close = quote_marks(context["lang"], "social")
    # Threads keeps one topic tag a post; the others, up to five.
    most = THREADS_TAGS if platform.name == "threads" else 5
    hashtags = [f"#{tag}" for tag in context["digest"].social.hashtags[:most]]
    mentions = context["digest"].social.mentions
    named = {"x": mentions.x, "linkedin": mentions.linkedin}.get(platform.name, [])
    signature = handle or outlet.name
    context.update(
        platform=platform.name,
        signature=signature,
        mentions=[m for m in named if m.lower() != signature.lower()],
        quote_open=quote_open,
        quote_close=quote_close,
        hashtags=" ".join(hashtags),
        recap=context["link"](context["event"].url, "hook"),
    )
    return context


def render_thread(loaded: Loaded, workspace: Path, platform: Platform) -> Draft:
    """The thread for X, Bluesky or Mastodon: hook and link, one post a speaker, further reading."""
    template = environment(workspace).get_template(f"social/{platform.name}.txt.j2")
    context = _context(loaded, platform)
    event = context["event"]
    total = len(event.speakers) + 2

    def post(
        kind: str,
        number: int,
        fields: dict[str, Any],
        order: Sequence[tuple[str, str]],
        prepare: Callable[[dict[str, Any]], dict[str, Any]] = dict,
    ) -> str:
        def render(values: dict[str, Any]) -> str:
            variables = {"kind": kind, "number": number, "total": total, **prepare(values)}
            return template.render(context, **variables).strip()

        return fit(render, fields, order, platform.limit, platform.measure)

    issue = context["issue"]
    hook = {"preheader": issue.preheader, "hashtags": context["hashtags"], "subject": issue.subject}
    texts = [post("hook", 1, hook, [("hashtags", TAGS), ("preheader", WORDS), ("subject", WORDS)])]
    for number, speaker in enumerate(event.speakers, start=2):
        fields = {
            "quote": speaker.quote,
            "role": speaker.role,
            "organization": speaker.organization,
            "name": speaker.name,
            "handle": (speaker.x or "") if platform.name == "x" else "",
        }
        # The quote is the post: the role goes first, whole, then the quote is shortened.
        order = [("role", WHOLE), ("quote", WORDS), ("organization", WHOLE), ("name", WORDS)]
        texts.append(post("speaker", number, fields, [*order, ("handle", WHOLE)]))

    articles = [
        {"title": a.title or "", "url": context["link"](a.url, "further-reading")}
        for a in context["further_reading"].articles
    ]
    if platform.name == "threads":
        articles = articles[:THREADS_LINKS]
    for keep in range(len(articles), 0, -1):
        # As many follow-up stories as fit whole; the first one always, its title cut if need be.
        shown = articles[:keep]

        def listed(values: dict[str, Any], shown: list[dict[str, str]] = shown) -> dict[str, Any]:
            return {"articles": [{**a, "title": values[f"title{i}"]} for i, a in enumerate(shown)]}

        titles = {f"title{i}": a["title"] for i, a in enumerate(shown)}
        last = post("reading", total, titles, [("title0", WORDS)] if keep == 1 else [], listed)
        if keep == 1 or platform.measure(last) <= platform.limit:
            break
    texts.append(last)
    return Draft(platform, [Post(t, platform.count(t)) for t in texts])


def link_in_comment(loaded: Loaded) -> bool:
    """Whether the LinkedIn post leaves its links to a first comment: the digest's
    ``social.linkedin.link_in_comment``, else the outlet's."""
    chosen = loaded.digest.social.linkedin.link_in_comment
    return loaded.outlet.social.linkedin.link_in_comment if chosen is None else chosen


def render_linkedin(loaded: Loaded, workspace: Path) -> Draft:
    """One LinkedIn post whose first 140 characters say what the event was and why it matters.

    With :func:`link_in_comment`, the post holds no link (it says where the link is) and the
    draft's ``comment`` holds the recap and the follow-up stories, to post as the first comment.
    """
    platform = PLATFORMS["linkedin"]
    env = environment(workspace)
    template = env.get_template("social/linkedin.txt.j2")
    context = _context(loaded, platform)
    event, issue = context["event"], context["issue"]
    in_comment = link_in_comment(loaded)
    hook_macro = env.get_template("social/_hook.txt.j2").module.hook  # type: ignore[attr-defined]

    def hook_line(values: dict[str, Any]) -> str:
        return str(hook_macro(values["subject"], values["preheader"])).strip()

    hook_fields = {"subject": issue.subject, "preheader": issue.preheader}
    hook_order = [("preheader", WORDS), ("subject", WORDS)]
    hook = fit(hook_line, hook_fields, hook_order, LINKEDIN_HOOK, len)
    articles = [
        {"title": a.title or "", "url": context["link"](a.url, "further-reading")}
        for a in context["further_reading"].articles
    ]
    recap = context["link"](event.url, "comment" if in_comment else "post")

    def render(values: dict[str, Any]) -> str:
        gists = [{"speaker": s, "gist": cut(s.quote, values["words"])} for s in event.speakers]
        return template.render(
            context,
            part="post",
            link_in_comment=in_comment,
            hook=hook,
            summary=values["summary"],
            gists=gists,
            articles=[] if in_comment else articles[: values["articles"]],
            recap=recap,
        ).strip()

    # What gives way, in turn, when the post is too long: follow-up stories after the first,
    # then the quotes' gists, then the summary.
    attempts = [(n, 18) for n in range(len(articles), 0, -1)] + [(1, w) for w in (12, 8, 4, 0)]
    text = ""
    for keep, words in attempts:
        fields = {"articles": keep, "words": words, "summary": event.summary}
        order = [("summary", WORDS)] if words == 0 else []
        text = fit(render, fields, order, platform.limit, platform.measure)
        if platform.measure(text) <= platform.limit:
            break
    comment = None
    if in_comment:
        for keep in range(len(articles), -1, -1):  # follow-up stories give way to the recap
            said = template.render(
                context, part="comment", recap=recap, articles=articles[:keep]
            ).strip()
            if platform.count(said) <= LINKEDIN_COMMENT:
                break
        comment = Post(said, platform.count(said))
    notes = []
    lang = context["lang"]
    mentions = context["digest"].social.mentions.linkedin
    if mentions:
        notes.append(note_text("linkedin-tag", lang, names=", ".join(mentions)))
    if comment is not None:
        length, most = whole_number(comment.length, lang), whole_number(LINKEDIN_COMMENT, lang)
        notes.append(note_text("linkedin-comment", lang, length=length, limit=most))
    tags = context["digest"].social.hashtags
    if not 3 <= len(tags) <= 5:
        notes.append(note_text("linkedin-hashtags", lang, n=len(tags)))
    return Draft(platform, [Post(text, platform.count(text))], notes, comment)


THREADS = ("x", "bluesky", "mastodon", "threads")


def render_social(loaded: Loaded, workspace: Path) -> dict[str, Draft]:
    """Every platform's draft, in the order of social.json."""
    drafts = {"linkedin": render_linkedin(loaded, workspace)}
    platforms = platforms_for(loaded.outlet)
    for name in THREADS:
        drafts[name] = render_thread(loaded, workspace, platforms[name])
    return drafts


SEPARATOR = "\n---\n"
CARDS_OF = {"threads": "x"}  # a platform that posts another's share images


def social_files(
    drafts: dict[str, Draft], cards: Sequence[tuple[str, str, str]] = ()
) -> dict[str, str]:
    """``social/<platform>.txt`` (posts separated by a ``---`` line) and ``social.json``.

    ``cards`` are ``(platform, file, alt)``: each platform's share images, listed with their
    alt text next to its posts; Threads takes X's (the same 16:9 picture). A LinkedIn first
    comment goes to ``social/linkedin-comment.txt`` and ``first_comment`` in the JSON.
    """
    import json

    files = {
        f"social/{name}.txt": SEPARATOR.join(p.text for p in draft.posts) + "\n"
        for name, draft in drafts.items()
    }
    data: dict[str, dict[str, Any]] = {
        name: {
            "limit": draft.platform.limit,
            "posts": [{"text": p.text, "length": p.length} for p in draft.posts],
        }
        for name, draft in drafts.items()
    }
    for name, draft in drafts.items():
        if draft.comment is not None:
            files[f"social/{name}-comment.txt"] = draft.comment.text + "\n"
            data[name]["first_comment"] = {
                "text": draft.comment.text,
                "length": draft.comment.length,
                "limit": LINKEDIN_COMMENT,
            }
    for platform, file, alt in cards:
        for name in [platform, *(n for n, of in CARDS_OF.items() if of == platform)]:
            if name in data:
                data[name].setdefault("cards", []).append({"file": file, "alt": alt})
    files["social.json"] = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return files
