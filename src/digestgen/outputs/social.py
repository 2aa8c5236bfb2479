"""Social drafts: single posts (LinkedIn and its first comment, Facebook) and threads (X,
Bluesky, Mastodon, Threads), each within its platform's limit as that platform counts it. Pure
functions from the digest's :class:`~digestgen.render.view.View` to posts; each platform's
rules are its record in :mod:`digestgen.platforms` (the list in
:mod:`digestgen.platforms.registry`).

A post that does not fit is shortened at a word boundary, with an ellipsis, in a set order
of fields (the quote first, then the attribution): a URL, a hashtag or a word is kept whole
or dropped whole, never cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digestgen.platforms.base import Platform
from digestgen.platforms.registry import platforms_for
from digestgen.render.shortening import TAGS, WHOLE, WORDS, cut, fit
from digestgen.render.templates import environment
from digestgen.render.view import View
from digestgen.text.catalog import T_
from digestgen.text.formats import number as written_number  # `number` is a post's position here
from digestgen.text.typography import NBSP

if TYPE_CHECKING:
    from digestgen.content.load import Loaded
    from digestgen.content.models import Digest

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


def _mentioned(digest: Digest, platform: Platform) -> list[str]:
    """The digest's ``social.mentions`` for ``platform`` (none where it names nobody)."""
    return list(getattr(digest.social.mentions, platform.name)) if platform.mention else []


def _context(view: View, platform: Platform) -> dict[str, Any]:
    context = view.context(source=platform.name, medium="social", nbsp=NBSP)
    outlet = context["outlet"]
    handle = getattr(outlet.handles, platform.name) if platform.signs else None
    quote_open, quote_close = context["quote_marks"]
    hashtags = [f"#{tag}" for tag in context["digest"].social.hashtags[: platform.max_hashtags]]
    named = _mentioned(context["digest"], platform)
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


def render_thread(view: View, workspace: Path, platform: Platform) -> Draft:
    """A thread (X, Bluesky, Mastodon, Threads): hook and link, one post a speaker, further
    reading."""
    template = environment(workspace).get_template(platform.template)
    context = _context(view, platform)
    event = context["event"]
    total = len(event.speakers) + 2
    language = view.loaded.language

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

        return fit(render, fields, order, platform.limit, platform.measure, language)

    issue = context["issue"]
    hook = {"preheader": issue.preheader, "hashtags": context["hashtags"], "subject": issue.subject}
    texts = [post("hook", 1, hook, [("hashtags", TAGS), ("preheader", WORDS), ("subject", WORDS)])]
    for number, speaker in enumerate(event.speakers, start=2):
        fields = {
            "quote": speaker.quote,
            "role": speaker.role,
            "organization": speaker.organization,
            "name": speaker.name,
            "handle": getattr(speaker, platform.name) or "" if platform.names_speakers else "",
        }
        # The quote is the post: the role goes first, whole, then the quote is shortened.
        order = [("role", WHOLE), ("quote", WORDS), ("organization", WHOLE), ("name", WORDS)]
        texts.append(post("speaker", number, fields, [*order, ("handle", WHOLE)]))

    articles = [
        {"title": a.title or "", "url": context["link"](a.url, "further-reading")}
        for a in context["further_reading"].articles
    ]
    if platform.max_links is not None:
        articles = articles[: platform.max_links]
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


def link_in_comment(loaded: Loaded, platform: Platform) -> bool:
    """Whether a single post leaves its links to a first comment: the digest's
    ``social.<platform>.link_in_comment``, else the outlet's (a platform without the option:
    never)."""
    if not platform.has_option("link_in_comment"):
        return False
    return bool(platform.option("link_in_comment", loaded.digest, loaded.outlet))


# The notes beside a single post's draft.
TAG_MENTIONS = T_(
    "note:tag-mentions", "Tag {names} in {platform}'s composer: type @ and pick each from the list."
)
FIRST_COMMENT = T_(
    "note:first-comment",
    "Post {file} ({length} / {limit}) as the first comment, right after the post: it holds the "
    "links.",
)
HASHTAGS = T_(
    "note:hashtags", "{count} hashtags in social.hashtags; {platform} advises {fewest} to {most}."
)


def render_post(view: View, workspace: Path, platform: Platform) -> Draft:
    """One post (LinkedIn, Facebook) whose first ``hook_limit`` characters say what the event
    was and why it matters.

    With :func:`link_in_comment`, the post holds no link (it says where the link is) and the
    draft's ``comment`` holds the recap and the follow-up stories, to post as the first comment.
    """
    env = environment(workspace)
    template = env.get_template(platform.template)
    context = _context(view, platform)
    event, issue = context["event"], context["issue"]
    in_comment = link_in_comment(view.loaded, platform)
    hook_limit = platform.hook_limit or platform.limit
    comment_limit = platform.comment_limit or platform.limit
    hook_macro = env.get_template("social/_hook.txt.j2").module.hook  # type: ignore[attr-defined]
    language = view.loaded.language

    def hook_line(values: dict[str, Any]) -> str:
        return str(hook_macro(values["subject"], values["preheader"])).strip()

    hook_fields = {"subject": issue.subject, "preheader": issue.preheader}
    hook_order = [("preheader", WORDS), ("subject", WORDS)]
    hook = fit(hook_line, hook_fields, hook_order, hook_limit, len, language)
    articles = [
        {"title": a.title or "", "url": context["link"](a.url, "further-reading")}
        for a in context["further_reading"].articles
    ]
    recap = context["link"](event.url, "comment" if in_comment else "post")

    def render(values: dict[str, Any]) -> str:
        gists = [
            {"speaker": s, "gist": cut(s.quote, values["words"], language=language)}
            for s in event.speakers
        ]
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
        text = fit(render, fields, order, platform.limit, platform.measure, language)
        if platform.measure(text) <= platform.limit:
            break
    comment = None
    if in_comment:
        for keep in range(len(articles), -1, -1):  # follow-up stories give way to the recap
            said = template.render(
                context, part="comment", recap=recap, articles=articles[:keep]
            ).strip()
            if platform.count(said) <= comment_limit:
                break
        comment = Post(said, platform.count(said))
    language, label = view.language, platform.label
    notes = []
    mentions = _mentioned(context["digest"], platform)
    if mentions:
        notes.append(TAG_MENTIONS(language, names=", ".join(mentions), platform=label))
    if comment is not None:
        notes.append(
            FIRST_COMMENT(
                language,
                file=f"social/{platform.name}-comment.txt",
                length=written_number(comment.length, language),
                limit=written_number(comment_limit, language),
            )
        )
    tags = context["digest"].social.hashtags
    if platform.hashtag_advice:
        fewest, most = platform.hashtag_advice
        if not fewest <= len(tags) <= most:
            said = HASHTAGS(language, count=len(tags), platform=label, fewest=fewest, most=most)
            notes.append(said)
    return Draft(platform, [Post(text, platform.count(text))], notes, comment)


def render_social(view: View, workspace: Path) -> dict[str, Draft]:
    """Every platform's draft, in the order of :data:`~digestgen.platforms.registry.PLATFORMS`."""
    renderers = {"thread": render_thread, "post": render_post}
    return {
        name: renderers[platform.shape](view, workspace, platform)
        for name, platform in platforms_for(view.loaded.outlet).items()
    }


SEPARATOR = "\n---\n"


def social_data(
    drafts: dict[str, Draft],
    cards: Sequence[tuple[str, str, str]] = (),
    plan: dict[str, Any] | None = None,
) -> dict[str, dict[str, Any]]:
    """What ``social.json`` holds: each platform's limit, posts and their lengths, its first
    comment, and its share images.

    ``cards`` are ``(platform, file, alt)``: each platform's share images, listed with their
    alt text next to its posts; a platform with ``cards_from`` takes that platform's. ``plan``
    (:func:`digestgen.outputs.plan.plan_data`) is kept under ``plan``.
    """
    data: dict[str, dict[str, Any]] = {
        name: {
            "limit": draft.platform.limit,
            "posts": [{"text": p.text, "length": p.length} for p in draft.posts],
        }
        for name, draft in drafts.items()
    }
    for name, draft in drafts.items():
        if draft.comment is not None:
            data[name]["first_comment"] = {
                "text": draft.comment.text,
                "length": draft.comment.length,
                "limit": draft.platform.comment_limit,
            }
    for platform, file, alt in cards:
        takers = [n for n, d in drafts.items() if platform in (n, d.platform.cards_from)]
        for name in takers:
            data[name].setdefault("cards", []).append({"file": file, "alt": alt})
    if plan is not None:
        data["plan"] = plan  # when each post goes out (outputs/plan.py's plan_data)
    return data


def with_document(
    data: dict[str, dict[str, Any]], platform: str, note: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """``social.json``'s data with a document post's ``note`` (the LinkedIn carousel: its file,
    pages and title) under ``platform``, when the outlet posts there."""
    if platform not in data:
        return data
    return {**data, platform: {**data[platform], "document": note}}


def social_files(drafts: dict[str, Draft], data: dict[str, dict[str, Any]]) -> dict[str, str]:
    """``social/<platform>.txt`` (posts separated by a ``---`` line), a first comment's
    ``social/<platform>-comment.txt``, and ``social.json`` (``data``, from :func:`social_data`).
    """
    import json

    files = {
        f"social/{name}.txt": SEPARATOR.join(p.text for p in draft.posts) + "\n"
        for name, draft in drafts.items()
    }
    for name, draft in drafts.items():
        if draft.comment is not None:
            files[f"social/{name}-comment.txt"] = draft.comment.text + "\n"
    files["social.json"] = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return files
