"""What a week is: its first day, when a day ends, which day a moment belongs to, its name.

Pure rules over plain values. Two settings shape a week:

- `first_weekday` (0 Monday … 6 Sunday): the app passes the locale's first day of the week
  (QLocale) when the user keeps "locale default".
- `day_end_hour` (0 … 6): a day may end later than midnight, so a moment at 01:30 with a day end
  of 04:00 counts for the evening before.

A moment belongs to the local day on which it happened, read in the UTC offset stored with it
(`Moment.occurred_at` carries it). Travel and DST changes therefore never move a moment to
another day: 23:30 in New York stays on that evening even when the user is back in Berlin.

Weeks are named like ISO weeks: `2026-W48`. For a week that starts on Monday the name is exactly
the ISO week; for weeks that start on another day it is the ISO week holding most (4 of 7) of its
days, i.e. the ISO week of its middle day, so every week has one name and every name one week.
"""

import os
import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from micromoments_tray.core.moments import Moment

MONDAY, SUNDAY, SATURDAY = 0, 6, 5
DAY_END_MAX = 6  # a day may end at 06:00 at the latest
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_WEEK_ID = re.compile(r"^(\d{4})-W(\d{2})$")


class WeekError(ValueError):
    """A week name or rule that does not make sense; the message says what would."""


def week_first_day(day: date, first_weekday: int = MONDAY) -> date:
    """The first day of the week containing `day`; `first_weekday` 0 is Monday, 6 is Sunday."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


class WeekRules(NamedTuple):
    """How the user's weeks are cut."""

    first_weekday: int = MONDAY
    day_end_hour: int = 0

    def checked(self) -> "WeekRules":
        if not 0 <= self.first_weekday <= 6:
            raise WeekError(f"first weekday {self.first_weekday} is not 0 (Monday) to 6 (Sunday)")
        if not 0 <= self.day_end_hour <= DAY_END_MAX:
            raise WeekError(f"a day can end at 00:00 to 0{DAY_END_MAX}:00, not {self.day_end_hour}")
        return self


ISO_RULES = WeekRules(MONDAY, 0)


class SummarySettings(NamedTuple):
    """The user's choices for the week's summary: how weeks are cut, whether to show a streak."""

    rules: WeekRules = ISO_RULES
    show_streak: bool = True


class Week(NamedTuple):
    """Seven days from `start` (inclusive) to `end` (inclusive)."""

    start: date

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=i) for i in range(7))

    @property
    def id(self) -> str:
        """'2026-W48': the ISO week of the middle day (exactly the ISO week for Monday starts)."""
        year, number, _ = (self.start + timedelta(days=3)).isocalendar()
        return f"{year}-W{number:02d}"

    def shifted(self, weeks: int) -> "Week":
        return Week(self.start + timedelta(days=7 * weeks))

    @property
    def previous(self) -> "Week":
        return self.shifted(-1)

    @property
    def next(self) -> "Week":
        return self.shifted(1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def wall_range(self, rules: WeekRules) -> tuple[datetime, datetime]:
        """Local wall-clock bounds [from, to) of the week with its day end: naive datetimes."""
        shift = timedelta(hours=rules.day_end_hour)
        begin = datetime.combine(self.start, time(0, 0)) + shift
        return begin, begin + timedelta(days=7)

    def heading(self) -> str:
        """'23 – 29 November 2026', '30 November – 6 December 2026', across years in full."""
        a, b = self.start, self.end
        a_month, b_month = _MONTHS[a.month - 1], _MONTHS[b.month - 1]
        if a.year != b.year:
            return f"{a.day} {a_month} {a.year} – {b.day} {b_month} {b.year}"
        if a.month != b.month:
            return f"{a.day} {a_month} – {b.day} {b_month} {b.year}"
        return f"{a.day} – {b.day} {b_month} {b.year}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def local_day(moment_time: datetime, rules: WeekRules = ISO_RULES) -> date:
    """The day a moment counts for: its wall time in its own offset, less the day-end hours."""
    if moment_time.tzinfo is None:
        raise WeekError("a moment's time needs its UTC offset")
    wall = moment_time.replace(tzinfo=None)
    return (wall - timedelta(hours=rules.day_end_hour)).date()


def moment_day(moment: Moment, rules: WeekRules = ISO_RULES) -> date:
    return local_day(moment.occurred_at, rules)


def today(now: datetime, rules: WeekRules = ISO_RULES) -> date:
    """The day it is now for the user: at 01:30 with a 04:00 day end, still yesterday."""
    return (now.replace(tzinfo=None) - timedelta(hours=rules.day_end_hour)).date()


def week_of(day: date, rules: WeekRules = ISO_RULES) -> Week:
    return Week(week_first_day(day, rules.first_weekday))


def this_week(now: datetime, rules: WeekRules = ISO_RULES) -> Week:
    return week_of(today(now, rules), rules)


def last_week(now: datetime, rules: WeekRules = ISO_RULES) -> Week:
    return this_week(now, rules).previous


def iso_week(week_id: str) -> Week:
    """The ISO week (Monday to Sunday) named `YYYY-Www`; week 53 only in years that have one."""
    match = _WEEK_ID.match(week_id.strip().upper())
    if not match:
        raise WeekError(f"{week_id!r} is not a week; write it like 2026-W48")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        start = date.fromisocalendar(year, number, 1)
    except ValueError:
        last = date(year, 12, 28).isocalendar()[1]
        raise WeekError(f"{year} has ISO weeks 1 to {last}; there is no week {number}") from None
    return Week(start)


def parse_week(text: str, now: datetime, rules: WeekRules = ISO_RULES) -> Week:
    """'this', 'last' (by the user's rules) or 'YYYY-Www' (an ISO week)."""
    value = text.strip().lower()
    if value == "this":
        return this_week(now, rules)
    if value == "last":
        return last_week(now, rules)
    return iso_week(text)


def week_by_id(week_id: str, rules: WeekRules) -> Week:
    """The user's week (by their first weekday) whose name is `week_id`."""
    iso = iso_week(week_id)
    # The named week's middle day is in this ISO week: Monday + (0..6); find the start for it.
    for offset in range(7):
        candidate = Week(week_first_day(iso.start + timedelta(days=offset), rules.first_weekday))
        if candidate.id == iso.id:
            return candidate
    raise WeekError(f"no week is named {week_id}")  # pragma: no cover - every name has a week


def utc_bounds(week: Week, rules: WeekRules) -> tuple[datetime, datetime]:
    """Naive UTC bounds wide enough to hold every moment of the week, whatever its offset.

    Offsets run from UTC-12 to UTC+14, so a moment of the week happened between its first wall
    time minus 14 hours and its last plus 12 hours. Callers filter exactly by `local_day`.
    """
    begin, end = week.wall_range(rules)
    return begin - timedelta(hours=14), end + timedelta(hours=12)


# -- the end-of-week summary -------------------------------------------------------------------


class WeekEndPlan(NamedTuple):
    """When the week's summary opens by itself (local wall time)."""

    enabled: bool = True
    weekday: int = SUNDAY
    at: time = time(18, 0)
    catch_up: timedelta = timedelta(days=3)


def summary_week_for(deadline_day: date, rules: WeekRules) -> Week:
    """The week a summary shown on `deadline_day` is about.

    Its own week when that week is nearly over (the day is one of its last three), else the week
    just ended: Sunday 18:00 shows Monday–Sunday weeks on their last day and Sunday–Saturday
    weeks the day after they ended.
    """
    week = week_of(deadline_day, rules)
    if (deadline_day - week.start).days >= 4:
        return week
    return week.previous


def last_deadline(now: datetime, plan: WeekEndPlan) -> datetime:
    """The latest summary time at or before `now`, as a naive local wall time."""
    wall = now.replace(tzinfo=None)
    day = wall.date() - timedelta(days=(wall.weekday() - plan.weekday) % 7)
    deadline = datetime.combine(day, plan.at)
    if deadline > wall:
        deadline -= timedelta(days=7)
    return deadline


def next_deadline(now: datetime, plan: WeekEndPlan) -> datetime:
    """The first summary time after `now`, as a naive local wall time."""
    return last_deadline(now, plan) + timedelta(days=7)


def summary_due(
    now: datetime, plan: WeekEndPlan, rules: WeekRules, last_shown: str | None
) -> Week | None:
    """The week whose summary should open now, or None.

    Due from its time on, for `plan.catch_up` (three days: the app may not have been running),
    and never for a week already shown.
    """
    if not plan.enabled:
        return None
    deadline = last_deadline(now, plan)
    if now.replace(tzinfo=None) - deadline > plan.catch_up:
        return None
    week = summary_week_for(deadline.date(), rules)
    if week.id == last_shown:
        return None
    return week


# -- the locale's first day, without Qt (for the command line) ---------------------------------

# Territories whose calendars start the week on Sunday or Saturday (CLDR); Monday elsewhere.
_SUNDAY = (
    "AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO "
    "MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW"
)
_SUNDAY_TERRITORIES = frozenset(_SUNDAY.split())
_SATURDAY = "AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY"
_SATURDAY_TERRITORIES = frozenset(_SATURDAY.split())


def locale_first_weekday(env: Mapping[str, str] | None = None) -> int:
    """The first weekday for the territory of LC_ALL / LC_TIME / LANG (Monday if unknown)."""
    source = os.environ if env is None else env
    for var in ("LC_ALL", "LC_TIME", "LANG"):
        value = source.get(var, "")
        if value:
            match = re.match(r"^[a-zA-Z]{2,3}_([A-Za-z]{2})", value)
            if not match:
                return MONDAY
            territory = match.group(1).upper()
            if territory in _SUNDAY_TERRITORIES:
                return SUNDAY
            if territory in _SATURDAY_TERRITORIES:
                return SATURDAY
            return MONDAY
    return MONDAY


def weekday_number(name: str) -> int:
    """0 for 'monday' … 6 for 'sunday'."""
    try:
        return WEEKDAY_NAMES.index(name.strip().lower())
    except ValueError:
        raise WeekError(f"{name!r} is not a day of the week") from None
