"""Dates as the cables print them, kept at their precision, and rendered back for a reader."""

from __future__ import annotations

import pytest

from knowledge.dates import find_dates, find_time, parse_date, with_time
from knowledge.records import DateValue, display_date


@pytest.mark.parametrize(
    ("text", "year", "start", "end", "precision", "time", "qualifier", "shown"),
    [
        # day, in the forms cables and archives print it
        ("8 November 1950", None, "1950-11-08", "1950-11-08", "day", None, "", "8 November 1950"),
        ("2nd December 1950", None, "1950-12-02", "1950-12-02", "day", None, "", "2 December 1950"),
        ("November 17, 1950", None, "1950-11-17", "1950-11-17", "day", None, "", "17 November 1950"),
        ("Dec. 5, 1950", None, "1950-12-05", "1950-12-05", "day", None, "", "5 December 1950"),
        ("1950-11-08", None, "1950-11-08", "1950-11-08", "day", None, "", "8 November 1950"),
        ("20 November", 1950, "1950-11-20", "1950-11-20", "day", None, "", "20 November 1950"),
        # numeric, with a 2-digit year, a 4-digit year, or the year from context
        ("7.11.50", None, "1950-11-07", "1950-11-07", "day", None, "", "7 November 1950"),
        ("17.11", 1950, "1950-11-17", "1950-11-17", "day", None, "", "17 November 1950"),
        # minute: a clock time makes the precision finer
        ("8.11.1950 02:00", None, "1950-11-08", "1950-11-08", "minute", "02:00", "", "8 November 1950, 02:00"),
        ("17.11.1950, 20:45", None, "1950-11-17", "1950-11-17", "minute", "20:45", "", "17 November 1950, 20:45"),
        ("17.11 10:00", 1950, "1950-11-17", "1950-11-17", "minute", "10:00", "", "17 November 1950, 10:00"),
        # ranges keep both ends rather than inventing a day
        ("25-26 November", 1950, "1950-11-25", "1950-11-26", "day-range", None, "", "25-26 November 1950"),
        ("from 25.11 to 25.12", 1950, "1950-11-25", "1950-12-25", "day-range", None, "from", "25 November - 25 December 1950"),
        ("January and February 1951", None, "1951-01-01", "1951-02-28", "month-range", None, "", "January-February 1951"),
        ("January-February 1951", None, "1951-01-01", "1951-02-28", "month-range", None, "", "January-February 1951"),
        ("December and January 1951", None, "1950-12-01", "1951-01-31", "month-range", None, "", "December 1950-January 1951"),
        ("second half of 1951", None, "1951-07-01", "1951-12-31", "half-year", None, "", "second half of 1951"),
        ("first half of 1951", None, "1951-01-01", "1951-06-30", "half-year", None, "", "first half of 1951"),
        ("first half of November", 1950, "1950-11-01", "1950-11-15", "half-month", None, "", "first half of November 1950"),
        ("1951", None, "1951-01-01", "1951-12-31", "year", None, "", "1951"),
        # qualifiers
        ("before 5 December", 1950, "1950-12-05", "1950-12-05", "day", None, "before", "before 5 December 1950"),
        ("not later than 1 December", 1950, "1950-12-01", "1950-12-01", "day", None, "before", "before 1 December 1950"),
        ("by 10 December", 1950, "1950-12-10", "1950-12-10", "day", None, "by", "by 10 December 1950"),
    ],
)  # fmt: skip
def test_parse_date_keeps_precision(text, year, start, end, precision, time, qualifier, shown):
    value = parse_date(text, year=year)
    assert value is not None
    assert (value.start, value.end, value.precision, value.time, value.qualifier) == (
        start,
        end,
        precision,
        time,
        qualifier,
    )
    assert value.text == text  # as printed
    assert value.display() == shown
    assert display_date(value) == shown


def test_yearless_date_without_context_keeps_its_text():
    value = parse_date("17.11 10:00")
    assert value is not None
    assert value.start is None and value.time == "10:00"
    assert value.display() == "17.11 10:00"


@pytest.mark.parametrize(
    "text", ["", "   ", "hello", "13.13.1950", "32 November 1950", "0.11.1950"]
)
def test_not_a_date(text):
    assert parse_date(text, year=1950) is None


def test_impossible_calendar_day_is_not_a_date():
    assert parse_date("31.02.1950") is None


def test_find_dates_in_the_reply_sentence():
    text = (
        "to transfer 140 automobiles to Chinese representatives on 20 November and 355 "
        "automobiles on 25-26 November. Another 1,000 automobiles will arrive before 5 December."
    )
    found = find_dates(text, year=1950)
    assert [v.text for _span, v in found] == ["20 November", "25-26 November", "before 5 December"]
    assert [v.precision for _s, v in found] == ["day", "day-range", "day"]
    assert found[2][1].qualifier == "before"
    for (a, _b), value in found:
        assert text[a : a + len(value.text)] == value.text  # spans point at the printed words
    # quantities are not dates
    assert not any("140" in v.text or "1,000" in v.text for _s, v in found)


def test_find_dates_prefers_the_longest_reading():
    found = find_dates("in the course of January and February 1951, then more", year=1950)
    assert len(found) == 1
    assert found[0][1].precision == "month-range"
    assert found[0][1].text == "January and February 1951"


def test_find_dates_between_and():
    found = find_dates("between 1 December and 10 December", year=1950)
    assert len(found) == 1
    value = found[0][1]
    assert (value.start, value.end, value.precision) == ("1950-12-01", "1950-12-10", "day-range")


@pytest.mark.parametrize(
    "text",
    [
        "we must in the next 8-9 days transport food stuffs",
        "36 (thirty-six) divisions of the twelve armies",
        "he may come back",
        "No. 2784",
    ],
)
def test_find_dates_ignores_non_dates(text):
    assert find_dates(text, year=1950) == []


def test_month_in_prose():
    [(_span, value)] = find_dates("deliveries in March 1951 at the latest", year=1950)
    assert (value.start, value.end, value.precision) == ("1951-03-01", "1951-03-31", "month")
    assert value.text.endswith("March 1951") and value.display() == "March 1951"


def test_month_and_year_alone():
    value = parse_date("March 1951")
    assert value is not None and value.precision == "month" and value.display() == "March 1951"


def test_month_word_may_is_a_month_only_with_a_year():
    found = find_dates("we may go in May 1951", year=1950)
    assert len(found) == 1
    assert found[0][1].text.endswith("May 1951") and found[0][1].start == "1951-05-01"


def test_month_range_across_new_year_starts_in_the_earlier_year():
    value = parse_date("November and January 1951")
    assert (value.start, value.end) == ("1950-11-01", "1951-01-31")


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("From Beijing Received 02 hours 00 minutes", "02:00"),
        ("Received 20 hours 45 minutes", "20:45"),
        ("17.11 10:00", "10:00"),
        ("3:15", "03:15"),
        ("no clock here", None),
        ("25:99", None),
    ],
)
def test_find_time(text, time):
    assert find_time(text) == time


def test_with_time_makes_a_minute():
    plain = DateValue("8.11.1950", "1950-11-08", "1950-11-08", "day")
    timed = with_time(plain, "02:00", "8.11.1950 02:00")
    assert (timed.precision, timed.time, timed.text) == ("minute", "02:00", "8.11.1950 02:00")
    assert with_time(plain, None) is plain


def test_display_of_a_day_range_across_months_and_years():
    across_months = DateValue("x", "1950-11-28", "1950-12-02", "day-range")
    across_years = DateValue("x", "1950-12-30", "1951-01-02", "day-range")
    assert across_months.display() == "28 November - 2 December 1950"
    assert across_years.display() == "30 December 1950 - 2 January 1951"
