"""Reading the times people type, against a fake clock (Thursday 2026-11-26 18:30 in Berlin)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.when import WhenError, parse_day, parse_when

BERLIN_WINTER = timedelta(hours=1)


def test_hh_mm_is_today_in_local_time(clock: FakeClock) -> None:
    result = parse_when("07:05", clock)
    assert (result.date(), result.hour, result.minute) == (date(2026, 11, 26), 7, 5)
    assert result.utcoffset() == BERLIN_WINTER
    assert parse_when(" 7:05 ", clock) == result


def test_hh_mm_up_to_a_minute_ahead_is_tolerated_further_is_future(clock: FakeClock) -> None:
    assert parse_when("18:31", clock).minute == 31
    with pytest.raises(WhenError, match=r"'18:32' is in the future; log a moment once"):
        parse_when("18:32", clock)


@pytest.mark.parametrize("text", ["24:00", "12:60", "99:99"])
def test_impossible_time_of_day_is_refused(text: str, clock: FakeClock) -> None:
    with pytest.raises(WhenError, match=r"is not a time of day \(use HH:MM, 00:00 to 23:59\)"):
        parse_when(text, clock)


def test_iso_without_offset_takes_the_local_offset_of_that_day(clock: FakeClock) -> None:
    winter = parse_when("2026-11-20T18:30", clock)
    assert winter == datetime(2026, 11, 20, 17, 30, tzinfo=UTC)
    summer = parse_when("2026-07-01 12:00", clock)
    assert summer.utcoffset() == timedelta(hours=2)  # Berlin summer time


def test_iso_with_offset_keeps_that_offset(clock: FakeClock) -> None:
    result = parse_when("2026-11-20T18:30:00+05:30", clock)
    assert result.utcoffset() == timedelta(hours=5, minutes=30)
    assert result.hour == 18
    assert parse_when("2026-11-20T10:00Z", clock).utcoffset() == timedelta(0)


def test_iso_in_the_future_is_refused(clock: FakeClock) -> None:
    with pytest.raises(WhenError, match="is in the future"):
        parse_when("2026-11-27T08:00", clock)
    with pytest.raises(WhenError, match="is in the future"):
        parse_when("2026-11-26T18:00-05:00", clock)  # 00:00 Berlin tomorrow


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("yesterday", r"'yesterday' is not a time; use HH:MM for today or an ISO date-time"),
        ("", r"'' is not a time"),
        ("2026-11-20", r"'2026-11-20' is a date; add a time, such as 2026-11-20T18:30"),
        ("2026-13-01T10:00", r"is not a time"),
    ],
)
def test_bad_input_says_what_to_type(text: str, message: str, clock: FakeClock) -> None:
    with pytest.raises(WhenError, match=message):
        parse_when(text, clock)


def test_parse_day(clock: FakeClock) -> None:
    assert parse_day(" 2026-11-20 ") == date(2026, 11, 20)
    with pytest.raises(WhenError, match=r"'20/11/2026' is not a date; use YYYY-MM-DD"):
        parse_day("20/11/2026")
