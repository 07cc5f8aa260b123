"""The pure reminder schedule on a fake clock: table-driven, no Qt, no real time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from micromoments_tray.core import schedule as s
from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.schedule import ReminderState, ScheduleSettings

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
NO_JITTER = ScheduleSettings(jitter_min=0)


def at(y: int, mo: int, d: int, h: int, mi: int = 0, tz: ZoneInfo = BERLIN) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz)


def clock_at(when: datetime) -> FakeClock:
    return FakeClock(when)


def local(instant: datetime | None, tz: ZoneInfo = BERLIN) -> datetime:
    assert instant is not None
    return instant.astimezone(tz)


def state_from(when: datetime, **fields: object) -> ReminderState:
    return ReminderState(seed=7, counting_from=when.astimezone(UTC), **fields)  # type: ignore[arg-type]


# -- active hours and days ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (at(2026, 11, 26, 10, 0), at(2026, 11, 26, 12, 0)),  # plain gap inside the window
        (at(2026, 11, 26, 17, 59), at(2026, 11, 26, 19, 59)),  # just fits before 20:00
        (at(2026, 11, 26, 18, 0), at(2026, 11, 27, 9, 0)),  # 20:00 is closed: next morning
        (at(2026, 11, 26, 19, 30), at(2026, 11, 27, 9, 0)),  # evening -> next morning
        (at(2026, 11, 26, 5, 0), at(2026, 11, 26, 9, 0)),  # before opening -> at opening
        (at(2026, 11, 26, 7, 0), at(2026, 11, 26, 9, 0)),  # due exactly at opening
        (at(2026, 11, 26, 23, 0), at(2026, 11, 27, 9, 0)),  # late night -> next morning
    ],
)
def test_active_hours_boundaries(last: datetime, expected: datetime) -> None:
    clock = clock_at(last)
    due = s.next_reminder(NO_JITTER, state_from(last), None, clock)
    assert local(due) == expected


@pytest.mark.parametrize(
    ("days", "last", "expected"),
    [
        # Thursday 26 Nov 2026 evening; weekdays only -> Friday morning.
        ("mon-fri", at(2026, 11, 26, 19, 0), at(2026, 11, 27, 9, 0)),
        # Friday evening, weekdays only -> Monday morning (skips the weekend).
        ("mon-fri", at(2026, 11, 27, 19, 0), at(2026, 11, 30, 9, 0)),
        # Weekends only, from Thursday -> Saturday.
        ("sat,sun", at(2026, 11, 26, 12, 0), at(2026, 11, 28, 9, 0)),
        # Every day: Friday evening -> Saturday.
        ("every day", at(2026, 11, 27, 19, 0), at(2026, 11, 28, 9, 0)),
    ],
)
def test_active_days(days: str, last: datetime, expected: datetime) -> None:
    settings = NO_JITTER._replace(active_days=s.parse_days(days))
    due = s.next_reminder(settings, state_from(last), None, clock_at(last))
    assert local(due) == expected


def test_window_past_midnight() -> None:
    settings = NO_JITTER._replace(active_start_min=18 * 60, active_end_min=2 * 60)
    last = at(2026, 11, 26, 23, 0)
    assert local(s.next_reminder(settings, state_from(last), None, clock_at(last))) == at(
        2026, 11, 27, 1, 0
    )
    last = at(2026, 11, 27, 1, 0)  # 03:00 is closed: the same evening at 18:00
    assert local(s.next_reminder(settings, state_from(last), None, clock_at(last))) == at(
        2026, 11, 27, 18, 0
    )


def test_disabled_no_days_or_paused_for_good_plan_nothing(clock: FakeClock) -> None:
    state = state_from(clock.now())
    assert s.next_reminder(ScheduleSettings(enabled=False), state, None, clock) is None
    assert s.next_reminder(ScheduleSettings(active_days=frozenset()), state, None, clock) is None
    assert s.next_reminder(ScheduleSettings(), s.paused(state, None), None, clock) is None


# -- jitter ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_jitter_stays_within_bounds_and_is_stable(seed: int) -> None:
    settings = ScheduleSettings(jitter_min=20, active_start_min=0, active_end_min=24 * 60)
    last = at(2026, 11, 26, 10, 0)
    state = ReminderState(seed=seed, counting_from=last)
    due = s.next_reminder(settings, state, None, clock_at(last))
    assert due is not None
    gap = due - last
    assert timedelta(minutes=100) <= gap <= timedelta(minutes=140)
    # The same inputs give the same deadline, however often it is recomputed.
    assert s.next_reminder(settings, state, None, clock_at(last + timedelta(minutes=30))) == due


def test_jitter_really_varies_between_seeds() -> None:
    last = at(2026, 11, 26, 10, 0)
    dues = {
        s.next_reminder(
            ScheduleSettings(), ReminderState(seed=n, counting_from=last), None, clock_at(last)
        )
        for n in range(20)
    }
    assert len(dues) > 15


@pytest.mark.parametrize("seed", range(20))
def test_first_reminder_of_the_day_lands_a_little_after_opening(seed: int) -> None:
    last = at(2026, 11, 26, 19, 0)
    state = ReminderState(seed=seed, counting_from=last)
    due = local(s.next_reminder(ScheduleSettings(jitter_min=20), state, None, clock_at(last)))
    assert at(2026, 11, 27, 9, 0) <= due <= at(2026, 11, 27, 9, 20)


# -- daily cap ---------------------------------------------------------------------------------


def run_day(settings: ScheduleSettings, start: datetime, hours: int) -> list[datetime]:
    """Drive the schedule minute by minute; every reminder is ignored. Returns when each showed."""
    clock = clock_at(start)
    state = s.started(ReminderState(seed=3), clock)
    shown: list[datetime] = []
    for _ in range(hours * 60):
        due = s.next_reminder(settings, state, None, clock)
        if s.is_due(due, clock):
            shown.append(clock.now())
            state = s.shown(state, clock, None)
            state = s.responded(state, clock, "did-one")
        clock.advance(timedelta(minutes=1))
    return shown


@pytest.mark.parametrize(("cap", "interval"), [(4, 120), (2, 60), (1, 30), (6, 60)])
def test_daily_cap(cap: int, interval: int) -> None:
    settings = ScheduleSettings(interval_min=interval, daily_cap=cap, jitter_min=5)
    shown = run_day(settings, at(2026, 11, 26, 0, 0), 48)
    per_day: dict[date, int] = {}
    for when in shown:
        per_day[when.date()] = per_day.get(when.date(), 0) + 1
    assert per_day == {date(2026, 11, 26): cap, date(2026, 11, 27): cap}
    assert all(9 <= w.hour < 20 for w in shown)


def test_requested_suggestions_do_not_use_up_the_cap(clock: FakeClock) -> None:
    state = s.started(ReminderState(), clock)
    for _ in range(6):
        state = s.shown(state, clock, None, automatic=False)
    assert state.shown_count == 0


# -- counting from the last moment -------------------------------------------------------------


def test_reset_after_a_logged_moment() -> None:
    last = at(2026, 11, 26, 10, 0)
    clock = clock_at(at(2026, 11, 26, 11, 30))
    state = state_from(last)
    assert local(s.next_reminder(NO_JITTER, state, None, clock)) == at(2026, 11, 26, 12, 0)
    moment = at(2026, 11, 26, 11, 30)
    assert local(s.next_reminder(NO_JITTER, state, moment, clock)) == at(2026, 11, 26, 13, 30)
    older = at(2026, 11, 26, 8, 0)  # a moment before the last reminder changes nothing
    assert local(s.next_reminder(NO_JITTER, state, older, clock)) == at(2026, 11, 26, 12, 0)


# -- back-off ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("streak", "factor"),
    [(0, 1.0), (1, 1.0), (2, 1.0), (3, 1.25), (4, 1.5), (5, 1.75), (6, 2.0), (20, 2.0)],
)
def test_backoff_factor(streak: int, factor: float) -> None:
    assert s.backoff_factor(streak) == factor


def test_backoff_grows_after_three_ignored_and_resets_when_the_user_engages() -> None:
    settings = NO_JITTER._replace(active_start_min=0, active_end_min=24 * 60, daily_cap=20)
    clock = clock_at(at(2026, 11, 26, 0, 0))
    state = s.started(ReminderState(), clock)
    gaps: list[timedelta] = []
    for _ in range(7):
        due = s.next_reminder(settings, state, None, clock)
        assert due is not None
        gaps.append(due - clock.now())
        clock.advance(due - clock.now())
        state = s.responded(s.shown(state, clock, None), clock, "ignored")
    hours = [g.total_seconds() / 3600 for g in gaps]
    assert hours == [2.0, 2.0, 2.0, 2.5, 3.0, 3.5, 4.0]
    engaged = s.responded(state, clock, "did-one")
    assert s.next_reminder(settings, engaged, None, clock) == clock.now() + timedelta(hours=2)
    # Logging a moment also ends the back-off, even one logged from the command line.
    moment = clock.now() + timedelta(minutes=10)
    due = s.next_reminder(settings, state, moment, clock)
    assert due == moment + timedelta(hours=2)


# -- pause and snooze --------------------------------------------------------------------------


def test_snooze_brings_the_same_prompt_back_in_half_an_hour(clock: FakeClock) -> None:
    clock = clock_at(at(2026, 11, 26, 14, 0))
    state = s.shown(s.started(ReminderState(), clock), clock, "smile-shop")
    state = s.responded(state, clock, "later", "smile-shop")
    assert state.snoozed_prompt == "smile-shop"
    assert local(s.next_reminder(NO_JITTER, state, None, clock)) == at(2026, 11, 26, 14, 30)
    # Snoozed past closing time: the next morning.
    late = clock_at(at(2026, 11, 26, 19, 45))
    state = s.responded(s.shown(state, late, "x"), late, "later", "x")
    assert local(s.next_reminder(NO_JITTER, state, None, late)) == at(2026, 11, 27, 9, 0)


def test_a_moment_logged_while_snoozed_drops_the_snooze() -> None:
    clock = clock_at(at(2026, 11, 26, 14, 0))
    state = s.responded(s.shown(ReminderState(), clock, "p"), clock, "later", "p")
    moment = at(2026, 11, 26, 14, 10)
    due = s.next_reminder(NO_JITTER, state, moment, clock)
    assert local(due) == at(2026, 11, 26, 16, 10)
    assert s.moment_logged(state).snoozed_until is None


@pytest.mark.parametrize(
    ("choice", "until"),
    [
        ("30m", at(2026, 11, 26, 15, 30)),
        ("1h", at(2026, 11, 26, 16, 0)),
        ("90m", at(2026, 11, 26, 16, 30)),
        ("3h", at(2026, 11, 26, 18, 0)),
        ("1h30m", at(2026, 11, 26, 16, 30)),
        ("tomorrow", at(2026, 11, 27, 0, 0)),
    ],
)
def test_pause_ends(choice: str, until: datetime) -> None:
    clock = clock_at(at(2026, 11, 26, 15, 0))
    assert local(s.pause_end(clock, choice)) == until


@pytest.mark.parametrize("bad", ["", "soon", "h", "1x", "0m", "8d", "1h1h", "30m1"])
def test_bad_durations_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        s.parse_duration(bad)


def test_pause_then_resume() -> None:
    clock = clock_at(at(2026, 11, 26, 10, 0))
    state = s.started(ReminderState(), clock)
    state = s.paused(state, s.pause_end(clock, "3h"))
    assert local(s.next_reminder(NO_JITTER, state, None, clock)) == at(2026, 11, 26, 13, 0)
    assert s.status_text(state, None, clock) == "Reminders paused until 13:00"
    not_today = s.responded(state, clock, "not-today")
    assert local(s.next_reminder(NO_JITTER, not_today, None, clock)) == at(2026, 11, 27, 9, 0)
    assert s.status_text(not_today, None, clock) == "Reminders paused until tomorrow"
    forever = s.paused(state, None)
    assert s.next_reminder(NO_JITTER, forever, None, clock) is None
    assert s.status_text(forever, None, clock) == "Reminders paused until you resume them"
    clock.advance(timedelta(minutes=20))
    back = s.resumed(forever, clock)
    due = s.next_reminder(NO_JITTER, back, None, clock)
    assert local(due) == at(2026, 11, 26, 12, 20)  # a full gap after resuming, not at once
    assert s.status_text(back, due, clock) == "Next suggestion around 12:20"


# -- gaps: suspend and clock jumps -------------------------------------------------------------


def drive(
    clock: FakeClock, state: ReminderState, settings: ScheduleSettings
) -> tuple[ReminderState, int]:
    """What the app does when it gets a chance to run: show what is due, as long as it is due."""
    count = 0
    for _ in range(10):
        if not s.is_due(s.next_reminder(settings, state, None, clock), clock):
            break
        state = s.responded(s.shown(state, clock, None), clock, "ignored")
        count += 1
    return state, count


@pytest.mark.parametrize(
    ("gap", "move"),
    [
        (timedelta(hours=8), "advance"),  # suspend: wall and monotonic both move on
        (timedelta(hours=3), "jump"),  # clock set forward: only the wall clock moves
        (timedelta(hours=30), "advance"),  # a long weekend with the lid closed
    ],
)
def test_after_any_gap_at_most_one_reminder(gap: timedelta, move: str) -> None:
    settings = ScheduleSettings(interval_min=30, jitter_min=5, daily_cap=12)
    clock = clock_at(at(2026, 11, 26, 10, 0))
    state = s.started(ReminderState(seed=11), clock)
    getattr(clock, move)(gap)
    state, count = drive(clock, state, settings)
    assert count <= 1
    if 9 <= local(clock.now()).hour < 20:
        assert count == 1
    # The next one is a full gap away, not another catch-up.
    due = s.next_reminder(settings, state, None, clock)
    assert due is not None and due - clock.now() >= timedelta(minutes=25)


def test_clock_set_back_does_not_remind_early() -> None:
    clock = clock_at(at(2026, 11, 26, 12, 0))
    state = s.started(ReminderState(), clock)
    clock.jump(timedelta(hours=-3))
    due = s.next_reminder(NO_JITTER, state, None, clock)
    assert local(due) == at(2026, 11, 26, 14, 0)
    assert not s.is_due(due, clock)


def test_not_before_holds_a_due_reminder_back(clock: FakeClock) -> None:
    clock = clock_at(at(2026, 11, 26, 15, 0))
    state = state_from(at(2026, 11, 26, 10, 0))
    hold = clock.now() + timedelta(minutes=5)
    assert s.next_reminder(NO_JITTER, state, None, clock, not_before=hold) == hold


# -- DST ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "last", "expected", "expected_utc_hour"),
    [
        # Europe/Berlin, 29 Mar 2026: 02:00 CET -> 03:00 CEST. 09:00 local is 07:00 UTC after.
        (BERLIN, datetime(2026, 3, 28, 19, 0), datetime(2026, 3, 29, 9, 0), 7),
        # Europe/Berlin, 25 Oct 2026: 03:00 CEST -> 02:00 CET. 09:00 local is 08:00 UTC after.
        (BERLIN, datetime(2026, 10, 24, 19, 0), datetime(2026, 10, 25, 9, 0), 8),
        # America/New_York, 8 Mar 2026: 02:00 EST -> 03:00 EDT. 09:00 local is 13:00 UTC.
        (NEW_YORK, datetime(2026, 3, 7, 19, 0), datetime(2026, 3, 8, 9, 0), 13),
        # America/New_York, 1 Nov 2026: 02:00 EDT -> 01:00 EST. 09:00 local is 14:00 UTC.
        (NEW_YORK, datetime(2026, 10, 31, 19, 0), datetime(2026, 11, 1, 9, 0), 14),
    ],
)
def test_active_hours_follow_local_time_through_dst(
    tz: ZoneInfo, last: datetime, expected: datetime, expected_utc_hour: int
) -> None:
    clock = clock_at(last.replace(tzinfo=tz))
    state = state_from(clock.now())
    due = s.next_reminder(NO_JITTER, state, None, clock)
    assert due is not None
    assert due.astimezone(tz).replace(tzinfo=None) == expected
    assert due.astimezone(UTC).hour == expected_utc_hour


@pytest.mark.parametrize(
    ("tz", "last", "expected"),
    [
        # Two real hours from 01:00 across the spring change is 04:00 on the wall.
        (BERLIN, datetime(2026, 3, 29, 1, 0), datetime(2026, 3, 29, 4, 0)),
        # ... and across the autumn change it is 02:00 (the second time 02:00 comes round).
        (BERLIN, datetime(2026, 10, 25, 1, 0), datetime(2026, 10, 25, 2, 0)),
        (NEW_YORK, datetime(2026, 3, 8, 1, 0), datetime(2026, 3, 8, 4, 0)),
        (NEW_YORK, datetime(2026, 11, 1, 0, 30), datetime(2026, 11, 1, 1, 30)),
    ],
)
def test_gaps_are_real_time_across_dst(tz: ZoneInfo, last: datetime, expected: datetime) -> None:
    settings = NO_JITTER._replace(active_start_min=0, active_end_min=24 * 60)
    clock = clock_at(last.replace(tzinfo=tz))
    due = s.next_reminder(settings, state_from(clock.now()), None, clock)
    assert due is not None
    assert due - clock.now().astimezone(UTC) == timedelta(hours=2)
    assert due.astimezone(tz).replace(tzinfo=None) == expected


@pytest.mark.parametrize(("tz", "day"), [(BERLIN, date(2026, 3, 29)), (NEW_YORK, date(2026, 3, 8))])
def test_a_window_opening_in_the_skipped_hour_opens_right_after_it(tz: ZoneInfo, day: date) -> None:
    settings = NO_JITTER._replace(active_start_min=2 * 60 + 30, active_end_min=12 * 60)
    clock = clock_at(
        datetime.combine(day - timedelta(days=1), datetime.min.time(), tz).replace(hour=20)
    )
    due = s.next_reminder(settings, state_from(clock.now()), None, clock)
    assert due is not None
    wall = due.astimezone(tz)
    assert wall.date() == day and wall.hour == 3  # 02:30 does not exist; it starts at 03:30


def test_daily_cap_counts_local_days_across_dst() -> None:
    settings = ScheduleSettings(interval_min=60, daily_cap=3, jitter_min=0)
    shown = run_day(settings, datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN), 48)
    per_day: dict[date, int] = {}
    for when in shown:
        per_day[when.date()] = per_day.get(when.date(), 0) + 1
    assert per_day[date(2026, 10, 25)] == 3
    assert all(9 <= w.hour < 20 for w in shown)


@pytest.mark.parametrize("tz", [BERLIN, NEW_YORK])
def test_local_time_works_with_a_fixed_offset_now(tz: ZoneInfo) -> None:
    """SystemClock's now() carries a fixed offset; localize() is the DST-aware part."""

    class FixedNowClock:
        def now(self) -> datetime:
            winter = datetime(2026, 3, 1, 12, 0, tzinfo=tz)
            offset = winter.utcoffset()
            assert offset is not None
            return winter.astimezone(timezone(offset))  # what datetime.now().astimezone() gives

        def localize(self, naive: datetime) -> datetime:
            return naive.replace(tzinfo=tz)

    summer = datetime(2026, 7, 1, 10, 0, tzinfo=tz)
    assert s.local_time(summer, FixedNowClock()).replace(tzinfo=None) == datetime(2026, 7, 1, 10, 0)


# -- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("09:00", 540), ("9:05", 545), ("00:00", 0), ("24:00", 1440), ("23:59", 1439)],
)
def test_parse_hhmm(text: str, minutes: int) -> None:
    assert s.parse_hhmm(text) == minutes
    assert s.format_hhmm(minutes) == (text if len(text) == 5 else "0" + text)


@pytest.mark.parametrize("bad", ["9", "25:00", "12:60", "noon", "12:5", "-1:00", "24:01"])
def test_parse_hhmm_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        s.parse_hhmm(bad)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("Sat, Sun", {5, 6}),
        ("fri-mon", {4, 5, 6, 0}),
        ("monday,wednesday", {0, 2}),
        ("every day", set(range(7))),
    ],
)
def test_parse_days(text: str, days: set[int]) -> None:
    assert s.parse_days(text) == frozenset(days)


@pytest.mark.parametrize("bad", ["mo", "funday", "mon-", "1,2"])
def test_parse_days_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        s.parse_days(bad)


def test_when_text(clock: FakeClock) -> None:
    now = clock.now()  # Thu 26 Nov 18:30
    assert s.when_text(now + timedelta(minutes=30), clock) == "19:00"
    assert s.when_text(now + timedelta(hours=15), clock) == "tomorrow 09:30"
    assert s.when_text(now + timedelta(days=4), clock) == "Mon 18:30"
