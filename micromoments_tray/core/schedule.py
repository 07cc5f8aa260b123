"""When to suggest the next moment: a pure function of settings, history, reminder state and time.

Rules (see issue 3):
- about every `interval` minutes, moved by a seeded random jitter so it never feels mechanical;
- counted from the later of the last reminder and the last logged moment (someone who just
  connected is not nudged);
- only inside the active hours of the active days, and at most `daily_cap` a day;
- after 3 reminders in a row pass without a response the gap grows, up to double;
- pause (until a time, or until resumed) and snooze ("Later") push the next one out;
- a deadline that passed while the machine slept or the clock jumped is due *now*, once: showing
  it moves the count forward, so a gap can never produce a burst.

Deadlines are instants (aware datetimes) computed in UTC, so a gap of two hours is two hours the
user lived through, while the active-hours window of each day is placed with `localize` on that
day's local wall time, so it follows DST changes. Never compare or subtract aware datetimes
that share a ZoneInfo without going through UTC: Python then ignores the offsets.
"""

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple, Protocol

MINUTES_PER_DAY = 24 * 60
BACKOFF_AFTER = 3  # ignored reminders in a row before the gap starts to grow
BACKOFF_STEP = 0.25  # each further ignored one adds a quarter of the interval ...
BACKOFF_MAX = 2.0  # ... up to double
MIN_GAP = timedelta(minutes=15)  # jitter never brings two reminders closer than this
SNOOZE = timedelta(minutes=30)
RECENT_KEPT = 30  # prompt ids remembered (selection avoids the last 15 of them)
DAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Localizer(Protocol):
    def now(self) -> datetime: ...

    def localize(self, naive: datetime) -> datetime: ...


class ScheduleSettings(NamedTuple):
    enabled: bool = True
    interval_min: int = 120
    jitter_min: int = 20  # the gap is interval ± jitter
    active_start_min: int = 9 * 60  # minutes after local midnight
    active_end_min: int = 20 * 60  # may be <= start: the window then runs past midnight
    active_days: frozenset[int] = frozenset(range(7))  # date.weekday(): 0 = Monday
    daily_cap: int = 4


class ReminderState(NamedTuple):
    """What the reminders remember between runs (stored by storage.reminder_state)."""

    seed: int = 0  # makes the jitter of each gap stable however often it is recomputed
    counting_from: datetime | None = None  # the last reminder, a resume, or the first start
    last_shown_at: datetime | None = None  # the last automatic or requested reminder
    recent_prompts: tuple[str, ...] = ()  # newest last
    ignored_streak: int = 0
    paused_until: datetime | None = None
    paused_indefinitely: bool = False
    snoozed_until: datetime | None = None
    snoozed_prompt: str | None = None
    shown_day: date | None = None  # the local day `shown_count` belongs to
    shown_count: int = 0
    never_again: frozenset[str] = frozenset()
    person_day: date | None = None  # the last day a keep-in-touch suggestion was shown


# -- times -------------------------------------------------------------------------------------


def utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("schedule times must be timezone-aware")
    return value.astimezone(UTC)


def local_time(instant: datetime, clock: Localizer) -> datetime:
    """The local wall time of `instant` with the offset in force then (DST-aware).

    Works with any clock that can `localize` a naive wall time, even one whose `now()` carries
    only a fixed offset (as `datetime.now().astimezone()` does).
    """
    target = utc(instant)
    tz = clock.now().tzinfo
    naive = target.astimezone(tz).replace(tzinfo=None)
    for _ in range(3):
        guess = clock.localize(naive)
        error = target - utc(guess)
        if not error:
            break
        naive += error
    return clock.localize(naive)


def local_date(instant: datetime, clock: Localizer) -> date:
    return local_time(instant, clock).date()


def at_minutes(day: date, minutes: int, clock: Localizer) -> datetime:
    """The instant (UTC) of `minutes` after local midnight of `day`; 1440 is the next midnight."""
    days, rest = divmod(minutes, MINUTES_PER_DAY)
    wall = datetime.combine(day + timedelta(days=days), time(rest // 60, rest % 60))
    return utc(clock.localize(wall))


def parse_hhmm(text: str, *, allow_24: bool = True) -> int:
    """'09:00' -> 540; '24:00' -> 1440 when allowed. ValueError with a readable reason."""
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[1]) != 2:
        raise ValueError(f"{text!r} is not a time of day; use HH:MM, such as 09:00")
    hours, minutes = int(parts[0]), int(parts[1])
    if hours == 24 and minutes == 0 and allow_24:
        return MINUTES_PER_DAY
    if hours > 23 or minutes > 59:
        raise ValueError(f"{text!r} is not a time of day; use 00:00 to 24:00")
    return hours * 60 + minutes


def format_hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_days(text: str) -> frozenset[int]:
    """'mon-fri' or 'mon,wed,sat' (or 'every day') -> weekday numbers; ValueError if unclear."""
    cleaned = text.strip().lower()
    if cleaned in ("", "every day", "all", "daily"):
        return frozenset(range(7))
    days: set[int] = set()
    for part in cleaned.replace(" ", "").split(","):
        if "-" in part:
            first, _, last = part.partition("-")
            a, b = _day_number(first), _day_number(last)
            days.update(range(a, b + 1) if a <= b else (*range(a, 7), *range(b + 1)))
        else:
            days.add(_day_number(part))
    return frozenset(days)


def _day_number(name: str) -> int:
    for number, full in enumerate(_FULL_DAY_NAMES):
        if len(name) >= 3 and full.startswith(name):
            return number
    raise ValueError(f"{name!r} is not a day; use mon, tue, wed, thu, fri, sat, sun (or mon-fri)")


_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def format_days(days: Iterable[int]) -> str:
    chosen = sorted(set(days))
    if chosen == list(range(7)):
        return "every day"
    return ",".join(DAY_NAMES[d] for d in chosen)


# -- the rule ----------------------------------------------------------------------------------


def backoff_factor(ignored_streak: int) -> float:
    """1.0 until 3 reminders in a row were ignored, then a quarter more each time, up to 2.0."""
    extra = max(0, ignored_streak - BACKOFF_AFTER + 1) * BACKOFF_STEP
    return min(BACKOFF_MAX, 1.0 + extra)


def _rng(seed: int, salt: str, anchor: datetime) -> random.Random:
    return random.Random(f"{seed}:{salt}:{utc(anchor).isoformat()}")


def effective_streak(state: ReminderState, last_moment_at: datetime | None) -> int:
    """A moment logged after the last reminder counts as engaging: the back-off is over."""
    if (
        last_moment_at is not None
        and state.last_shown_at is not None
        and utc(last_moment_at) > utc(state.last_shown_at)
    ):
        return 0
    return state.ignored_streak


def next_reminder(
    settings: ScheduleSettings,
    state: ReminderState,
    last_moment_at: datetime | None,
    clock: Localizer,
    *,
    not_before: datetime | None = None,
) -> datetime | None:
    """The instant (UTC) the next reminder is due; None when reminders are off or paused for good.

    A result at or before `clock.now()` means "due now". `not_before` lets the caller hold
    reminders back (the user is busy; the machine has just woken up).
    """
    if not settings.enabled or state.paused_indefinitely or not settings.active_days:
        return None
    now = utc(clock.now())
    anchors = [utc(t) for t in (state.counting_from, last_moment_at) if t is not None]
    anchor = max(anchors) if anchors else now
    snoozed = state.snoozed_until is not None and (
        last_moment_at is None or utc(last_moment_at) <= utc(state.snoozed_until) - SNOOZE
    )
    if snoozed and state.snoozed_until is not None:
        candidate = utc(state.snoozed_until)
    else:
        factor = backoff_factor(effective_streak(state, last_moment_at))
        jitter = _rng(state.seed, "gap", anchor).uniform(-1.0, 1.0) * settings.jitter_min
        gap = timedelta(minutes=settings.interval_min * factor + jitter)
        candidate = anchor + max(gap, MIN_GAP)
    if state.paused_until is not None:
        candidate = max(candidate, utc(state.paused_until))
    if not_before is not None:
        candidate = max(candidate, utc(not_before))
    return _fit(settings, state, candidate, clock)


def _fit(
    settings: ScheduleSettings, state: ReminderState, candidate: datetime, clock: Localizer
) -> datetime | None:
    """The first instant at or after `candidate` inside an active window with room under the cap.

    When it has to move to the start of a window, a seeded jitter of up to `jitter_min` minutes
    after the start keeps the first reminder of the day from always landing on the hour.
    """
    start, end = settings.active_start_min, settings.active_end_min
    overnight = end <= start
    day = local_date(candidate, clock) - timedelta(days=1)  # yesterday's window may run past 0:00
    for _ in range(16):
        if day.weekday() in settings.active_days and not _capped(settings, state, day):
            w_start = at_minutes(day, start, clock)
            w_end = at_minutes(day, end + (MINUTES_PER_DAY if overnight else 0), clock)
            if candidate < w_end:
                if candidate >= w_start:
                    return candidate
                spread = _rng(state.seed, "start", w_start).uniform(0.0, 1.0)
                shifted = w_start + timedelta(minutes=spread * settings.jitter_min)
                return min(shifted, w_end - timedelta(minutes=1))
        day += timedelta(days=1)
    return None  # no active window in two weeks: nothing to schedule


def _capped(settings: ScheduleSettings, state: ReminderState, day: date) -> bool:
    return state.shown_day == day and state.shown_count >= settings.daily_cap


def is_due(deadline: datetime | None, clock: Localizer) -> bool:
    return deadline is not None and utc(deadline) <= utc(clock.now())


# -- what happens ------------------------------------------------------------------------------


def started(state: ReminderState, clock: Localizer) -> ReminderState:
    """First run ever: start counting now (instead of reminding at once)."""
    if state.counting_from is None:
        return state._replace(counting_from=utc(clock.now()))
    return state


def shown(
    state: ReminderState,
    clock: Localizer,
    prompt_id: str | None,
    *,
    automatic: bool = True,
    person: bool = False,
) -> ReminderState:
    """A reminder is on screen: count it, remember its prompt, start counting the next gap."""
    now = utc(clock.now())
    today = local_date(now, clock)
    count = state.shown_count + 1 if state.shown_day == today else 1
    recent = state.recent_prompts
    if prompt_id is not None:
        recent = (*[p for p in recent if p != prompt_id], prompt_id)[-RECENT_KEPT:]
    return state._replace(
        counting_from=now,
        last_shown_at=now,
        recent_prompts=recent,
        snoozed_until=None,
        snoozed_prompt=None,
        shown_day=today if automatic else state.shown_day,
        shown_count=count if automatic else state.shown_count,
        person_day=today if person else state.person_day,
    )


def responded(
    state: ReminderState, clock: Localizer, action: str, prompt_id: str | None = None
) -> ReminderState:
    """The user's answer to a reminder.

    'did-one', 'closed': engaged (back-off ends). 'later': back in SNOOZE with the same prompt.
    'not-today': paused until tomorrow. 'never-again': that prompt is retired. 'ignored': it
    passed without an answer (counts towards the back-off).
    """
    now = utc(clock.now())
    if action == "ignored":
        return state._replace(ignored_streak=state.ignored_streak + 1)
    state = state._replace(ignored_streak=0)
    if action == "later":
        return state._replace(snoozed_until=now + SNOOZE, snoozed_prompt=prompt_id)
    if action == "not-today":
        return state._replace(paused_until=pause_end(clock, "tomorrow"), paused_indefinitely=False)
    if action == "never-again" and prompt_id is not None:
        return state._replace(never_again=state.never_again | {prompt_id})
    return state


def moment_logged(state: ReminderState) -> ReminderState:
    """Someone just connected: no back-off, no pending snooze (the gap counts from the moment)."""
    return state._replace(ignored_streak=0, snoozed_until=None, snoozed_prompt=None)


PAUSE_CHOICES: dict[str, timedelta | None] = {
    "30m": timedelta(minutes=30),
    "1h": timedelta(hours=1),
    "3h": timedelta(hours=3),
    "tomorrow": None,
}


def parse_duration(text: str) -> timedelta:
    """'30m', '90m', '1h', '1h30m', '2h' or '45' (minutes) -> a timedelta; ValueError otherwise."""
    value = text.strip().lower().replace(" ", "")
    if value.isdigit():
        minutes = int(value)
    else:
        minutes, number = 0, ""
        seen: set[str] = set()
        for char in value:
            if char.isdigit():
                number += char
            elif char in ("h", "m") and number and char not in seen:
                minutes += int(number) * (60 if char == "h" else 1)
                number = ""
                seen.add(char)
            else:
                raise ValueError(f"{text!r} is not a duration; use 30m, 1h, 90m or 1h30m")
        if number or not seen:
            raise ValueError(f"{text!r} is not a duration; use 30m, 1h, 90m or 1h30m")
    if not 1 <= minutes <= 7 * MINUTES_PER_DAY:
        raise ValueError(f"{text!r}: pause for 1 minute to 7 days")
    return timedelta(minutes=minutes)


def pause_end(clock: Localizer, choice: str) -> datetime:
    """When a pause chosen as '30m', '1h', '3h', any duration, or 'tomorrow' ends (UTC)."""
    now = utc(clock.now())
    if choice == "tomorrow":
        return at_minutes(local_date(now, clock) + timedelta(days=1), 0, clock)
    return now + parse_duration(choice)


def paused(state: ReminderState, until: datetime | None) -> ReminderState:
    """Pause until `until`, or until resumed when it is None."""
    if until is None:
        return state._replace(paused_until=None, paused_indefinitely=True)
    return state._replace(paused_until=utc(until), paused_indefinitely=False)


def resumed(state: ReminderState, clock: Localizer) -> ReminderState:
    """Reminders back on: the next one comes a full gap from now, not at once."""
    return state._replace(
        paused_until=None,
        paused_indefinitely=False,
        counting_from=utc(clock.now()),
        snoozed_until=None,
        snoozed_prompt=None,
    )


def pause_active(state: ReminderState, clock: Localizer) -> bool:
    return state.paused_indefinitely or (
        state.paused_until is not None and utc(state.paused_until) > utc(clock.now())
    )


def status_text(
    state: ReminderState, deadline: datetime | None, clock: Localizer, *, enabled: bool = True
) -> str:
    """'Reminders paused until 15:30', '… until tomorrow', 'Next suggestion around 16:10'."""
    if not enabled:
        return "Reminders are off"
    if state.paused_indefinitely:
        return "Reminders paused until you resume them"
    if state.paused_until is not None and utc(state.paused_until) > utc(clock.now()):
        return f"Reminders paused until {when_text(state.paused_until, clock)}"
    if deadline is None:
        return "No suggestion planned"
    return f"Next suggestion around {when_text(deadline, clock)}"


def when_text(instant: datetime, clock: Localizer) -> str:
    """'15:30' today, 'tomorrow' for tomorrow's midnight, 'tomorrow 09:10', 'Mon 09:10'."""
    local = local_time(instant, clock)
    today = local_date(clock.now(), clock)
    if local.date() == today:
        return local.strftime("%H:%M")
    if local.date() == today + timedelta(days=1):
        if local.hour == 0 and local.minute == 0:
            return "tomorrow"
        return f"tomorrow {local.strftime('%H:%M')}"
    return f"{DAY_NAMES[local.weekday()].capitalize()} {local.strftime('%H:%M')}"
