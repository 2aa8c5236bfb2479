"""The posting plan: when each drafted post goes out, as a calendar (``social/plan.ics``) and as
the bulk-upload files of a scheduler (``social/plan.csv``, and one ``social/plan-<network>.csv``
a network).

The posts are the drafts of :mod:`digestgen.outputs.social`, never new text. On the recap's day
(``social.plan.recap_date``, else the issue's date) at ``recap_time``, each network's first post
goes out (a thread's opening post, or the single post with its first comment); then a thread's
next posts go out one a day, on the plan's ``follow_up_days`` at ``follow_up_time``: each
speaker's quote, then the follow-up stories. The hours are the outlet's wall-clock hours in its
timezone (``zoneinfo``): a plan across the change to or from summer time keeps its 09:00.

The scheduler is Buffer, whose bulk upload takes a CSV with the columns ``Text``, ``Image URL``,
``Tags`` and ``Posting Time`` (``YYYY-MM-DD HH:mm``, 24 hours, in the channel's timezone), and
imports a file into one channel at a time: "How to upload posts in bulk to Buffer", Buffer Help
Center, https://support.buffer.com/article/926-how-to-upload-posts-in-bulk-to-buffer
(the format as of 2026).
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from digestgen.content.models import WEEKDAYS
from digestgen.outputs.social import Draft
from digestgen.text.catalog import T_

if TYPE_CHECKING:
    from digestgen.content.load import Loaded
    from digestgen.text.language import Language

BUFFER_COLUMNS = ("Text", "Image URL", "Tags", "Posting Time")
"""The columns of Buffer's bulk upload, in its order (see the module's docstring)."""
BUFFER_TIME = "%Y-%m-%d %H:%M"
DURATION = timedelta(minutes=15)  # a post is an instant; calendars show it as a short slot

SUMMARY = T_("plan:summary", "{platform}: post {number} of {total}")
CALENDAR = T_("plan:calendar", "Posting plan: {title}")
FIRST_COMMENT = T_("plan:first_comment", "First comment, right after the post:")


@dataclass(frozen=True)
class Settings:
    """The plan as it applies to one digest: the digest's ``social.plan``, else the outlet's."""

    timezone: str
    recap_date: date
    recap_time: str
    follow_up_time: str
    follow_up_days: tuple[str, ...]
    networks: tuple[str, ...] | None


@dataclass(frozen=True)
class PlannedPost:
    """One post to publish: which network's draft, which of its posts, when and with what."""

    network: str
    label: str
    number: int  # 1 for the first post of the draft
    total: int
    when: datetime  # aware, in the plan's timezone
    text: str
    link: str | None
    comment: str | None = None  # LinkedIn's first comment, posted right after


@dataclass(frozen=True)
class Plan:
    timezone: str
    posts: list[PlannedPost]


def settings(loaded: Loaded) -> Settings:
    """The digest's ``social.plan``, each field it leaves out taken from the outlet's."""
    outlet = loaded.outlet.social.plan
    own = loaded.digest.social.plan

    def chosen(name: str) -> Any:
        value = getattr(own, name) if own is not None else None
        return getattr(outlet, name) if value is None else value

    networks = chosen("networks")
    recap_date = own.recap_date if own is not None and own.recap_date else None
    return Settings(
        timezone=chosen("timezone"),
        recap_date=recap_date or loaded.digest.issue.date,
        recap_time=chosen("recap_time"),
        follow_up_time=chosen("follow_up_time"),
        follow_up_days=tuple(chosen("follow_up_days")),
        networks=tuple(networks) if networks is not None else None,
    )


def _at(day: date, clock: str, zone: ZoneInfo) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    moment = datetime.combine(day, time(hours, minutes), tzinfo=zone)
    # A time the clocks skip (02:30 on the night summer time starts) is the same instant an
    # hour later on the clock; through UTC and back, it reads as it will happen.
    return moment.astimezone(UTC).astimezone(zone)


def slots(chosen: Settings, count: int) -> list[datetime]:
    """The plan's first ``count`` moments: the recap's, then one per posting day after it."""
    zone = ZoneInfo(chosen.timezone)
    moments = [_at(chosen.recap_date, chosen.recap_time, zone)] if count else []
    day = chosen.recap_date
    while len(moments) < count:
        day += timedelta(days=1)
        if WEEKDAYS[day.weekday()] in chosen.follow_up_days:
            moments.append(_at(day, chosen.follow_up_time, zone))
    return moments


def _first_link(draft: Draft, text: str) -> str | None:
    found = draft.platform.find_links(text)
    return text[found[0][0] : found[0][1]] if found else None


def make_plan(loaded: Loaded, drafts: dict[str, Draft]) -> Plan:
    """Every drafted post of the networks the plan posts on, at its moment, in time order
    (the networks in the drafts' order at the same moment)."""
    chosen = settings(loaded)
    posts: list[PlannedPost] = []
    for name, draft in drafts.items():
        if chosen.networks is not None and name not in chosen.networks:
            continue
        total = len(draft.posts)
        # A post without a link of its own (a speaker's quote) links to the recap, as the
        # first post (or its first comment) gives it for this network.
        recap = _first_link(draft, draft.posts[0].text) if draft.posts else None
        if recap is None and draft.comment is not None:
            recap = _first_link(draft, draft.comment.text)
        for number, (post, when) in enumerate(
            zip(draft.posts, slots(chosen, total), strict=True), start=1
        ):
            comment = draft.comment.text if draft.comment is not None and number == 1 else None
            link = _first_link(draft, post.text) or recap
            label = draft.platform.label
            posts.append(PlannedPost(name, label, number, total, when, post.text, link, comment))
    order = {name: i for i, name in enumerate(drafts)}
    posts.sort(key=lambda p: (p.when, order[p.network], p.number))
    return Plan(chosen.timezone, posts)


def _uid(slug: str, post: PlannedPost) -> str:
    # From the content: the same post at the same moment keeps its UID from build to build,
    # so a calendar that imports the file again updates its events instead of doubling them.
    key = "\0".join((slug, post.network, str(post.number), post.when.isoformat(), post.text))
    return hashlib.sha256(key.encode()).hexdigest()[:32] + "@digestgen"


def plan_ics(plan: Plan, loaded: Loaded, language: Language) -> bytes:
    """``social/plan.ics``: one event per post, its text and link, at its local time (with the
    timezone's rules, summer time included); no clock is read, so the bytes are the same from
    build to build."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//digestgen//posting plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR(language, title=loaded.digest.event.title))
    calendar.add("x-wr-timezone", plan.timezone)
    # The moment the plan was made: the issue's date, never the build's clock.
    stamp = datetime.combine(loaded.digest.issue.date, time(0, 0), tzinfo=UTC)
    for post in plan.posts:
        event = Event()
        event.add("uid", _uid(loaded.slug, post))
        event.add("dtstamp", stamp)
        event.add("dtstart", post.when)
        event.add("duration", DURATION)
        summary = SUMMARY(language, platform=post.label, number=post.number, total=post.total)
        event.add("summary", summary)
        description = post.text
        if post.comment:
            description += f"\n\n{FIRST_COMMENT(language)}\n{post.comment}"
        event.add("description", description)
        if post.link:
            event.add("url", post.link)
        event.add("categories", [post.label])
        calendar.add_component(event)
    if plan.posts:
        # The timezone's rules for the plan's years only, each change of offset as a date of its
        # own: calendars that misread a long list of dates (RDATE) in one rule read these right.
        first, last = plan.posts[0].when.year, max(p.when for p in plan.posts).year
        calendar.add_missing_timezones(date(first, 1, 1), date(last + 1, 1, 1))
    return bytes(calendar.to_ical())


def plan_csv(posts: list[PlannedPost]) -> str:
    """Buffer's bulk-upload CSV: a header, then one row per post (the network's name in
    ``Tags``, to tell its rows apart), its time on the plan's wall clock."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets write it
    writer.writerow(BUFFER_COLUMNS)
    for post in posts:
        writer.writerow([post.text, "", post.label, post.when.strftime(BUFFER_TIME)])
    return out.getvalue()


def plan_files(plan: Plan, loaded: Loaded, language: Language) -> dict[str, str | bytes]:
    """``social/plan.ics``, ``social/plan.csv`` (every network) and one
    ``social/plan-<network>.csv`` per network, the file to upload into that network's channel."""
    files: dict[str, str | bytes] = {
        "social/plan.ics": plan_ics(plan, loaded, language),
        "social/plan.csv": plan_csv(plan.posts),
    }
    for network in dict.fromkeys(p.network for p in plan.posts):
        own = [p for p in plan.posts if p.network == network]
        files[f"social/plan-{network}.csv"] = plan_csv(own)
    return files


def plan_data(plan: Plan) -> dict[str, Any]:
    """What ``social.json``'s ``plan`` holds: the timezone, the files, and each post's network,
    position and moment (its text is the network's post of the same number)."""
    networks = dict.fromkeys(p.network for p in plan.posts)
    return {
        "timezone": plan.timezone,
        "files": [
            "social/plan.ics",
            "social/plan.csv",
            *(f"social/plan-{n}.csv" for n in networks),
        ],
        "posts": [
            {
                "network": p.network,
                "post": p.number,
                "total": p.total,
                "at": p.when.isoformat(),
                "link": p.link,
            }
            for p in plan.posts
        ],
    }
