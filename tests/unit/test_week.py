"""Week maths: first weekday, late day end, own offsets, DST, ISO week names, week-end plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from micromoments_tray.core.moments import make_moment
from micromoments_tray.core.week import (
    MONDAY,
    SATURDAY,
    SUNDAY,
    Week,
    WeekEndPlan,
    WeekError,
    WeekRules,
    iso_week,
    last_deadline,
    last_week,
    local_day,
    locale_first_weekday,
    moment_day,
    next_deadline,
    parse_week,
    summary_due,
    summary_week_for,
    this_week,
    today,
    week_by_id,
    week_first_day,
    week_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
THURSDAY = datetime(2026, 11, 26, 18, 30, tzinfo=BERLIN)


def test_week_first_day_keeps_working_for_the_tray() -> None:
    assert week_first_day(date(2026, 11, 26)) == date(2026, 11, 23)
    assert week_first_day(date(2026, 11, 26), SUNDAY) == date(2026, 11, 22)
    assert week_first_day(date(2026, 11, 22), SUNDAY) == date(2026, 11, 22)
    assert week_first_day(date(2026, 11, 22), MONDAY) == date(2026, 11, 16)


@pytest.mark.parametrize(
    ("first", "start", "end"),
    [
        (MONDAY, date(2026, 11, 23), date(2026, 11, 29)),
        (SUNDAY, date(2026, 11, 22), date(2026, 11, 28)),
        (SATURDAY, date(2026, 11, 21), date(2026, 11, 27)),
    ],
)
def test_this_week_follows_the_first_weekday(first: int, start: date, end: date) -> None:
    week = this_week(THURSDAY, WeekRules(first))
    assert (week.start, week.end) == (start, end)
    assert week.contains(THURSDAY.date())
    assert week.id == "2026-W48"
    assert last_week(THURSDAY, WeekRules(first)) == Week(start - timedelta(days=7))


def test_sunday_and_monday_weeks_split_a_sunday_differently() -> None:
    sunday = date(2026, 11, 29)
    assert week_of(sunday, WeekRules(MONDAY)).start == date(2026, 11, 23)
    assert week_of(sunday, WeekRules(SUNDAY)).start == date(2026, 11, 29)
    assert week_of(sunday, WeekRules(SUNDAY)).id == "2026-W49"


def test_a_late_day_end_keeps_a_night_moment_with_the_evening_before() -> None:
    late = datetime(2026, 11, 30, 1, 30, tzinfo=BERLIN)  # Monday 01:30
    assert local_day(late) == date(2026, 11, 30)
    rules = WeekRules(MONDAY, day_end_hour=4)
    assert local_day(late, rules) == date(2026, 11, 29)  # still Sunday's evening
    assert week_of(local_day(late, rules), rules).id == "2026-W48"
    assert local_day(datetime(2026, 11, 30, 4, 0, tzinfo=BERLIN), rules) == date(2026, 11, 30)
    # "Now" follows the same rule: at 01:30 it is still last week.
    assert this_week(late, rules).id == "2026-W48"
    assert today(late, rules) == date(2026, 11, 29)


def test_a_moment_keeps_the_day_of_its_own_offset() -> None:
    # 23:30 in New York is 05:30 next morning in Berlin; it stays on the New York evening.
    new_york = timezone(timedelta(hours=-5))
    moment = make_moment(
        kind="smile",
        occurred_at=datetime(2026, 11, 29, 23, 30, tzinfo=new_york),
        now=datetime(2026, 12, 1, tzinfo=UTC),
    )
    assert moment.occurred_at.astimezone(BERLIN).date() == date(2026, 11, 30)
    assert moment_day(moment) == date(2026, 11, 29)
    # Tokyo morning on Monday is still Sunday in UTC; it counts for Monday.
    tokyo = datetime(2026, 11, 30, 7, 0, tzinfo=timezone(timedelta(hours=9)))
    assert tokyo.astimezone(UTC).date() == date(2026, 11, 29)
    assert local_day(tokyo) == date(2026, 11, 30)


def test_weeks_with_a_dst_change_have_seven_local_days() -> None:
    # Berlin leaves summer time on Sunday 25 October 2026 at 03:00.
    before = datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN)
    after = datetime(2026, 10, 25, 23, 30, tzinfo=BERLIN)
    assert before.utcoffset() == timedelta(hours=2)
    assert after.utcoffset() == timedelta(hours=1)
    rules = WeekRules(MONDAY)
    week = this_week(before, rules)
    assert week == this_week(after, rules)
    assert (week.start, week.end) == (date(2026, 10, 19), date(2026, 10, 25))
    assert len(week.days) == 7
    # Spring forward: 29 March 2026. A moment at 23:59 that Sunday stays in its week.
    spring = datetime(2026, 3, 29, 23, 59, tzinfo=BERLIN)
    assert this_week(spring, rules).end == date(2026, 3, 29)
    # With a 04:00 day end, 01:30 on the changeover night still belongs to Saturday.
    assert local_day(before, WeekRules(MONDAY, 4)) == date(2026, 10, 24)


def test_iso_week_53_and_the_first_week_of_a_year() -> None:
    w53 = iso_week("2026-W53")
    assert (w53.start, w53.end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert w53.id == "2026-W53"
    assert w53.heading() == "28 December 2026 – 3 January 2027"
    first = iso_week("2027-W01")
    assert first.start == date(2027, 1, 4)
    assert first == w53.next
    # 1 January 2027 (a Friday) is in ISO week 2026-W53.
    assert week_of(date(2027, 1, 1)).id == "2026-W53"
    # 2025 has no week 53; 2024-W01 starts on 1 January.
    with pytest.raises(WeekError, match="1 to 52"):
        iso_week("2025-W53")
    assert iso_week("2024-W01").start == date(2024, 1, 1)
    # 2020-W01 starts in the previous December.
    assert iso_week("2020-W01").start == date(2019, 12, 30)


def test_sunday_weeks_are_named_by_their_middle_day() -> None:
    rules = WeekRules(SUNDAY)
    week = week_by_id("2026-W53", rules)
    assert week.start == date(2026, 12, 27)
    assert week.id == "2026-W53"
    names = {week_of(date(2026, 1, 1) + timedelta(days=i), rules).id for i in range(365)}
    assert len(names) == 53  # every week of the year has its own name
    assert week_of(date(2027, 1, 2), rules).id == "2026-W53"


def test_parse_week_forms() -> None:
    sunday_rules = WeekRules(SUNDAY)
    assert parse_week("this", THURSDAY, sunday_rules).start == date(2026, 11, 22)
    assert parse_week("last", THURSDAY, sunday_rules).start == date(2026, 11, 15)
    assert parse_week("2026-w48", THURSDAY, sunday_rules).start == date(2026, 11, 23)  # ISO
    for bad in ("2026-48", "W48", "2026-W00", "2026-W54", "next"):
        with pytest.raises(WeekError):
            parse_week(bad, THURSDAY)


def test_headings() -> None:
    assert Week(date(2026, 11, 23)).heading() == "23 – 29 November 2026"
    assert Week(date(2026, 11, 30)).heading() == "30 November – 6 December 2026"


def test_rules_are_checked() -> None:
    with pytest.raises(WeekError):
        WeekRules(7).checked()
    with pytest.raises(WeekError):
        WeekRules(0, 7).checked()
    assert WeekRules(6, 6).checked() == WeekRules(6, 6)


def test_locale_first_weekday_from_the_environment() -> None:
    assert locale_first_weekday({"LANG": "en_US.UTF-8"}) == SUNDAY
    assert locale_first_weekday({"LANG": "de_DE.UTF-8"}) == MONDAY
    assert locale_first_weekday({"LC_TIME": "ar_EG.UTF-8", "LANG": "en_US"}) == SATURDAY
    assert locale_first_weekday({"LC_ALL": "C.UTF-8", "LANG": "en_US"}) == MONDAY
    assert locale_first_weekday({}) == MONDAY


# -- the end-of-week plan ----------------------------------------------------------------------

PLAN = WeekEndPlan()  # Sunday 18:00


def test_deadlines_around_sunday_evening() -> None:
    sunday_1759 = datetime(2026, 11, 29, 17, 59, tzinfo=BERLIN)
    assert last_deadline(sunday_1759, PLAN) == datetime(2026, 11, 22, 18, 0)
    assert next_deadline(sunday_1759, PLAN) == datetime(2026, 11, 29, 18, 0)
    sunday_1800 = datetime(2026, 11, 29, 18, 0, tzinfo=BERLIN)
    assert last_deadline(sunday_1800, PLAN) == datetime(2026, 11, 29, 18, 0)
    assert next_deadline(sunday_1800, PLAN) == datetime(2026, 12, 6, 18, 0)


def test_the_summary_week_is_the_one_ending() -> None:
    sunday = date(2026, 11, 29)
    assert summary_week_for(sunday, WeekRules(MONDAY)).start == date(2026, 11, 23)
    # Sunday starts a Sunday week: its summary is about the week that just ended.
    assert summary_week_for(sunday, WeekRules(SUNDAY)).start == date(2026, 11, 22)


def test_summary_due_once_within_three_days() -> None:
    rules = WeekRules(MONDAY)
    before = datetime(2026, 11, 29, 17, 59, tzinfo=BERLIN)
    at = datetime(2026, 11, 29, 18, 0, tzinfo=BERLIN)
    # Last week's (W47) summary was shown; W48's is due from Sunday 18:00 on.
    assert summary_due(before, PLAN, rules, "2026-W47") is None
    due = summary_due(at, PLAN, rules, "2026-W47")
    assert due is not None and due.id == "2026-W48"
    assert summary_due(at, PLAN, rules, "2026-W48") is None  # never twice
    # Missed while the app was off: still due on Wednesday evening, not on Thursday.
    assert summary_due(at + timedelta(days=2, hours=23), PLAN, rules, "2026-W47") == due
    assert summary_due(at + timedelta(days=3, minutes=1), PLAN, rules, "2026-W47") is None
    assert summary_due(at, PLAN._replace(enabled=False), rules, None) is None
    friday_plan = WeekEndPlan(weekday=4, at=time(16, 30))
    friday = datetime(2026, 11, 27, 16, 30, tzinfo=BERLIN)
    assert summary_due(friday, friday_plan, rules, None) == Week(date(2026, 11, 23))
