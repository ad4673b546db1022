"""The timeline picture: the plan is read from the store, and the PNG is a real picture of it."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from knowledge import timeline_png
from knowledge.dates import parse_date
from knowledge.errors import CablebotError
from knowledge.library import Library
from knowledge.records import Cable, DateValue, Event, Party

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def cable(cable_id, sender, recipient, day, text, *, number="", events=(), date=None) -> Cable:
    return Cable(
        id=cable_id,
        title=f"Telegram, {sender} to {recipient}",
        date=date or parse_date(day),
        sender=Party(sender, sender),
        recipient=Party(recipient, recipient),
        telegram_number=number,
        paragraphs=(text,),
        events=tuple(events),
        checksum=cable_id,
    )


@pytest.fixture
def lib(tmp_path: Path):
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    library = Library.open(memory=True, seeds_dir=empty)
    promised = Event(
        "promised delivery",
        parse_date("25-26 November", year=1950),
        "on 25-26 November",
        "355 trucks",
    )
    window = Event(
        "requested delivery",
        DateValue("January 1951", "1951-01-01", "1951-01-31", "month"),
        "in January 1951",
        "the rifles",
    )
    library.add_cables(
        [
            (
                "fixture.md",
                [
                    cable("ask", "Zhou Enlai", "Stalin", "1950-11-17", "I ask you for 500 trucks.", number="26998", events=[window]),
                    cable("reply", "Stalin", "Zhou Enlai", "1950-11-18", "I received your telegram No. 26998. The trucks will come.", events=[promised]),
                    cable(
                        "vague", "Kim Il Sung", "Stalin", "", "We need rifles.",
                        date=DateValue("December 1950", "1950-12-01", "1950-12-31", "month"),
                    ),
                ],
            )
        ]
    )  # fmt: skip
    yield library
    library.close()


def test_plan_comes_from_the_store(lib):
    plan = timeline_png.plan(lib)
    assert plan.lanes == ("Zhou Enlai", "Stalin", "Kim Il Sung")  # one per sender, by first cable
    points = {p.cable_id: p for p in plan.points}
    assert set(points) == {"ask", "reply", "vague"}
    assert (points["ask"].start, points["ask"].is_span, points["ask"].label) == (
        "1950-11-17",
        False,
        "No. 26998",
    )
    # A month-precise date is the month, not a made-up day.
    assert (points["vague"].start, points["vague"].end, points["vague"].is_span) == (
        "1950-12-01",
        "1950-12-31",
        True,
    )
    assert [(a.from_id, a.to_id, a.kind) for a in plan.arrows] == [("reply", "ask", "explicit")]
    spans = {(s.cable_id, s.kind, s.start, s.end) for s in plan.spans}
    assert spans == {
        ("reply", "promised delivery", "1950-11-25", "1950-11-26"),
        ("ask", "requested delivery", "1951-01-01", "1951-01-31"),
    }
    assert (plan.start, plan.end) == ("1950-11-17", "1951-01-31")


def test_plan_filters_by_person_and_dates(lib):
    kim = timeline_png.plan(lib, person="Kim Il Sung")
    assert [p.cable_id for p in kim.points] == ["vague"] and kim.arrows == ()
    # "Filippov" is Stalin by the alias file; the month-precise cable overlaps December.
    assert {p.cable_id for p in timeline_png.plan(lib, person="Filippov").points} == {
        "ask",
        "reply",
        "vague",
    }
    late = timeline_png.plan(lib, start="1950-11-18", end="1950-12")
    assert [p.cable_id for p in late.points] == ["reply", "vague"]
    assert late.arrows == ()  # the request it answers is outside the window


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"person": "Gao Gang"}, "No dated cables involving Gao Gang"),
        ({"start": "sometime"}, "'sometime' is not a date"),
        ({"start": "1952-01-01"}, "No dated cables"),
    ],
)
def test_plan_errors_are_one_sentence(lib, options, message):
    with pytest.raises(CablebotError, match=message):
        timeline_png.plan(lib, **options)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_png_is_a_picture_of_sensible_size(lib, tmp_path):
    out = tmp_path / "timeline.png"
    timeline_png.draw(timeline_png.plan(lib), out)
    data = out.read_bytes()
    width, height = png_size(data)
    assert width == timeline_png.WIDTH_INCHES * timeline_png.DPI
    assert 300 <= height <= 1200  # three lanes
    assert 10_000 < len(data) < 500_000
    assert data.endswith(b"IEND\xaeB`\x82")
    assert (
        png_size(timeline_png.png_bytes(timeline_png.plan(lib, person="Kim Il Sung")))[0] == width
    )


def test_more_lanes_make_a_taller_picture(lib):
    one = png_size(timeline_png.png_bytes(timeline_png.plan(lib, person="Kim Il Sung")))[1]
    three = png_size(timeline_png.png_bytes(timeline_png.plan(lib)))[1]
    assert three > one


def test_seed_timeline(qa_lib):
    plan = timeline_png.plan(qa_lib)
    assert plan.lanes == ("Mao Zedong", "Stalin", "Zhou Enlai")
    assert [(a.from_id, a.to_id) for a in plan.arrows] == [
        ("1950-11-17-stalin-to-zhou-enlai", "1950-11-17-zhou-enlai-to-stalin")
    ]
    assert "commentary-kwang-on-yoo" not in {p.cable_id for p in plan.points}
    assert {s.kind for s in plan.spans} == {"promised delivery", "requested delivery"}
