"""The posting plan: social/plan.ics read back by two parsers, social/plan.csv in Buffer's
bulk-upload format, the hours on the outlet's wall clock across a change of summer time, the
digest's social.plan over the outlet's, the same bytes from build to build, in each language."""

from __future__ import annotations

import copy
import csv
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from digestgen.build.pipeline import NEWSLETTER, SOCIAL, render_files
from digestgen.content.workspace import Workspace
from helpers import sample_data, workspace

PARIS = ZoneInfo("Europe/Paris")
CASES = Path(__file__).parent / "cases"


def _files(root: Path, digest: Any, outlet: Any | None = None) -> dict[str, Any]:
    workspace(root, digest, outlet, name="d")
    ws = Workspace.at(root)
    return render_files(ws.load("d"), ws, (NEWSLETTER, SOCIAL)).files


def _drafts(files: dict[str, Any]) -> dict[str, list[str]]:
    return {
        name.removeprefix("social/").removesuffix(".txt"): text.rstrip("\n").split("\n---\n")
        for name, text in files.items()
        if name.startswith("social/") and name.endswith(".txt") and "-comment" not in name
    }


def _vobject(ics: bytes) -> Any:
    # vobject keeps the first VTIMEZONE it read for a TZID for the whole process: each file
    # here is read with its own, as a calendar reading that one file would.
    vars(vobject.icalendar)["__tzidMap"].pop("Europe/Paris", None)
    return vobject.readOne(ics.decode("utf-8"))


def _events(ics: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def test_the_calendar_has_one_event_per_drafted_post_with_its_text_and_link(
    tmp_path: Path,
) -> None:
    files = _files(tmp_path, sample_data())
    drafts = _drafts(files)
    events = _events(files["social/plan.ics"])
    assert len(events) == sum(len(posts) for posts in drafts.values())
    texts = {str(e["DESCRIPTION"]) for e in events}
    assert texts == {post for posts in drafts.values() for post in posts}  # no new text
    for event in events:  # its own link, else the recap's
        assert str(event["URL"]).startswith("https://www.alliancy.fr/")
    linked = [e for e in events if "https://" in str(e["DESCRIPTION"])]
    assert all(str(e["URL"]) in str(e["DESCRIPTION"]) for e in linked)
    assert len({str(e["UID"]) for e in events}) == len(events)
    # The recap at 18:00 on the send date (Friday 7 December 2018), then one post a weekday
    # at 09:00: a thread's seven posts end on Monday 17 December.
    starts = sorted({e["DTSTART"].dt for e in events})
    assert starts[0] == datetime(2018, 12, 7, 18, 0, tzinfo=PARIS)
    assert [s.day for s in starts[1:]] == [10, 11, 12, 13, 14, 17]
    assert all((s.hour, s.minute) == (9, 0) and s.weekday() < 5 for s in starts[1:])
    assert all(s.tzinfo is not None and s.tzinfo.key == "Europe/Paris" for s in starts)  # type: ignore[attr-defined]


def test_a_second_parser_reads_the_same_calendar(tmp_path: Path) -> None:
    files = _files(tmp_path, sample_data())
    ics = files["social/plan.ics"]
    calendar = _vobject(ics)
    theirs = sorted(
        (e.dtstart.value.astimezone(PARIS), e.description.value) for e in calendar.vevent_list
    )
    ours = sorted((e["DTSTART"].dt.astimezone(PARIS), str(e["DESCRIPTION"])) for e in _events(ics))
    assert theirs == ours
    assert calendar.vtimezone.tzid.value == "Europe/Paris"


def test_the_hours_hold_across_the_change_to_summer_time(tmp_path: Path) -> None:
    # Summer time starts on Sunday 29 March 2026 in Paris: 09:00 is UTC+1 before, UTC+2 after.
    digest = sample_data()
    digest["social"]["plan"] = {"recap_date": "2026-03-27"}
    events = _events(_files(tmp_path, digest)["social/plan.ics"])
    x_posts = sorted(e["DTSTART"].dt for e in events if e["CATEGORIES"].cats == ["X"])
    assert x_posts[0] == datetime(2026, 3, 27, 18, 0, tzinfo=PARIS)
    assert x_posts[0].utcoffset().total_seconds() == 3600  # type: ignore[union-attr]
    assert x_posts[1] == datetime(2026, 3, 30, 9, 0, tzinfo=PARIS)
    assert x_posts[1].utcoffset().total_seconds() == 7200  # type: ignore[union-attr]
    # The second parser reads the same instants from the file's VTIMEZONE.
    ics = _files(tmp_path / "again", digest)["social/plan.ics"]
    utc = ZoneInfo("UTC")
    theirs = {e.dtstart.value.astimezone(utc) for e in _vobject(ics).vevent_list}
    assert datetime(2026, 3, 30, 7, 0, tzinfo=utc) in theirs
    assert datetime(2026, 3, 27, 17, 0, tzinfo=utc) in theirs


def test_the_hours_hold_when_summer_time_ends(tmp_path: Path) -> None:
    # Summer time ends on Sunday 25 October 2026: Friday's 18:00 is UTC+2, Monday's 09:00 UTC+1.
    digest = sample_data()
    digest["social"]["plan"] = {"recap_date": "2026-10-23"}
    csv_text = _files(tmp_path, digest)["social/plan-x.csv"]
    times = [row["Posting Time"] for row in csv.DictReader(io.StringIO(csv_text))]
    assert times[:2] == ["2026-10-23 18:00", "2026-10-26 09:00"]


def test_the_digests_plan_wins_over_the_outlets(tmp_path: Path) -> None:
    outlet = sample_data("outlet.yaml")
    outlet["social"] = {
        "plan": {
            "timezone": "America/Montreal",
            "recap_time": "17:30",
            "follow_up_days": ["tue", "thu"],
        }
    }
    digest = sample_data()
    plain = _events(_files(tmp_path / "outlet", copy.deepcopy(digest), outlet)["social/plan.ics"])
    starts = sorted({e["DTSTART"].dt for e in plain})
    montreal = ZoneInfo("America/Montreal")
    assert starts[0] == datetime(2018, 12, 7, 17, 30, tzinfo=montreal)
    assert {s.strftime("%a %H:%M") for s in starts[1:]} == {"Tue 09:00", "Thu 09:00"}

    digest["social"]["plan"] = {
        "recap_date": "2018-12-06",
        "recap_time": "20:00",
        "follow_up_time": "8:15",
        "networks": ["linkedin", "x"],
    }
    files = _files(tmp_path / "digest", digest, outlet)
    own = _events(files["social/plan.ics"])
    starts = sorted({e["DTSTART"].dt for e in own})
    assert starts[0] == datetime(2018, 12, 6, 20, 0, tzinfo=montreal)  # the outlet's timezone
    assert {s.strftime("%a %H:%M") for s in starts[1:]} == {"Tue 08:15", "Thu 08:15"}
    assert {str(e["CATEGORIES"].cats[0]) for e in own} == {"LinkedIn", "X"}
    assert sorted(n for n in files if n.startswith("social/plan")) == [
        "social/plan-linkedin.csv",
        "social/plan-x.csv",
        "social/plan.csv",
        "social/plan.ics",
    ]


def test_plan_csv_is_buffers_bulk_upload_format(tmp_path: Path) -> None:
    # Buffer's bulk upload: a header row Text, Image URL, Tags, Posting Time; the time as
    # YYYY-MM-DD HH:mm on a 24-hour clock. One row per post per network.
    files = _files(tmp_path, sample_data())
    drafts = _drafts(files)
    text = files["social/plan.csv"]
    assert text.startswith("Text,Image URL,Tags,Posting Time\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Text", "Image URL", "Tags", "Posting Time"]
    body = rows[1:]
    assert len(body) == sum(len(posts) for posts in drafts.values())
    assert all(len(row) == 4 for row in body)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2} [0-2]\d:[0-5]\d", row[3]) for row in body)
    labels = {"LinkedIn", "X", "Bluesky", "Mastodon", "Threads", "Facebook"}
    assert {row[2] for row in body} == labels
    assert sorted(row[0] for row in body) == sorted(p for posts in drafts.values() for p in posts)
    assert [row[3] for row in body] == sorted(row[3] for row in body)
    # A network's own file holds its rows only, in its thread's order.
    x_rows = list(csv.DictReader(io.StringIO(files["social/plan-x.csv"], newline="")))
    assert [r["Text"] for r in x_rows] == drafts["x"]
    assert {r["Tags"] for r in x_rows} == {"X"}


def test_the_plan_is_in_social_json(tmp_path: Path) -> None:
    import json

    files = _files(tmp_path, sample_data())
    plan = json.loads(files["social.json"])["plan"]
    assert plan["timezone"] == "Europe/Paris"
    assert plan["files"][:2] == ["social/plan.ics", "social/plan.csv"]
    first = plan["posts"][0]
    assert first["at"] == "2018-12-07T18:00:00+01:00" and first["post"] == 1


def test_the_plan_files_are_byte_identical_from_build_to_build(tmp_path: Path) -> None:
    first = _files(tmp_path / "a", sample_data())
    second = _files(tmp_path / "b", sample_data())
    names = [n for n in first if n.startswith("social/plan")]
    assert len(names) == 8
    assert all(first[n] == second[n] for n in names)
    ics = first["social/plan.ics"]
    assert b"DTSTAMP:20181207T000000Z" in ics  # the date, never the build's clock


def test_the_english_case_plans_in_english(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(CASES / "english" / "content", tmp_path / "content")
    ws = Workspace.at(tmp_path)
    files = render_files(ws.load("cities-summit-2026"), ws, (NEWSLETTER, SOCIAL)).files
    calendar = icalendar.Calendar.from_ical(files["social/plan.ics"])
    assert str(calendar["X-WR-CALNAME"]).startswith("Posting plan: Smart Cities Summit")
    events = list(calendar.walk("VEVENT"))
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "X: post 1 of " + str(sum("X:" in s for s in summaries)) in summaries
    # LinkedIn's links go to its first comment there: the event carries it, and its link.
    linkedin = next(e for e in events if str(e["SUMMARY"]).startswith("LinkedIn"))
    assert "First comment, right after the post:" in str(linkedin["DESCRIPTION"])
    assert str(linkedin["URL"]).startswith("https://www.transformweekly.example.com/")


def test_the_french_sample_plans_in_french(tmp_path: Path) -> None:
    files = _files(tmp_path, sample_data())
    calendar = icalendar.Calendar.from_ical(files["social/plan.ics"])
    assert str(calendar["X-WR-CALNAME"]).startswith("Plan de publication")
    assert any("post 1 sur 7" in str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        ({"recap_time": "25:00"}, "recap_time"),
        ({"timezone": "Europe/Lutece"}, "timezone"),
        ({"follow_up_days": ["lundi"]}, "follow_up_days"),
        ({"networks": ["myspace"]}, "networks"),
        ({"recap_time": "18:00", "when": "soon"}, "when"),
    ],
)
def test_a_wrong_plan_is_refused_with_its_field(plan: dict[str, Any], field: str) -> None:
    from pydantic import ValidationError

    from digestgen.content.models import Digest

    digest = sample_data()
    digest["social"]["plan"] = plan
    with pytest.raises(ValidationError) as raised:
        Digest.model_validate(digest)
    assert any(field in map(str, error["loc"]) for error in raised.value.errors())
