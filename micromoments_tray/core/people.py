"""The people the user connects with: when last, how often, and who might like to hear from them.

Keep-in-touch is counted from the last moment with that person (not from a reminder), and it
reaches the user as at most ONE gentle line a day for the most overdue person — never a nag per
person (RESEARCH.md: "one gentle digest, not one nag per person").

Wiring into the reminders (the controller takes `person_suggestion: Callable[[datetime], str |
None]`)::

    suggester = KeepInTouchSuggester(repo.people_stats)    # a loader, called on each ask
    controller = ReminderController(..., person_suggestion=suggester)

or, without the once-a-day memory, `lambda now: keep_in_touch_suggestion(now, repo.people_stats())`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import NamedTuple

from micromoments_tray.core.week import ISO_RULES, WeekRules, local_day, today

KEEP_IN_TOUCH_MAX = 365


class PersonStats(NamedTuple):
    name: str
    key: str  # the case-folded name two spellings share
    moments: int  # live moments with this person
    last_at: datetime | None  # the latest of them, in its own offset
    keep_in_touch_days: int | None = None

    def last_day(self, rules: WeekRules = ISO_RULES) -> date | None:
        return None if self.last_at is None else local_day(self.last_at, rules)

    def days_since(self, now: datetime, rules: WeekRules = ISO_RULES) -> int | None:
        """Whole days from the last moment's day to today (0 when it was today)."""
        last = self.last_day(rules)
        return None if last is None else max(0, (today(now, rules) - last).days)


class DuePerson(NamedTuple):
    person: PersonStats
    days_since: int
    overdue_by: int  # days past the chosen rhythm (0 when due today)


def validate_keep_in_touch(days: int | None) -> int | None:
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= KEEP_IN_TOUCH_MAX:
        raise ValueError(f"keep in touch every 1 to {KEEP_IN_TOUCH_MAX} days, not {days!r}")
    return days


def due_people(
    people: Iterable[PersonStats], now: datetime, rules: WeekRules = ISO_RULES
) -> list[DuePerson]:
    """People with a keep-in-touch rhythm whose last moment is that many days ago or more.

    Most overdue first (by days past their rhythm, then by days since, then by name).
    """
    due: list[DuePerson] = []
    for person in people:
        every = person.keep_in_touch_days
        since = person.days_since(now, rules)
        if every is None or since is None or since < every:
            continue
        due.append(DuePerson(person, since, since - every))
    due.sort(key=lambda d: (-d.overdue_by, -d.days_since, d.person.key))
    return due


def suggestion_line(due: DuePerson) -> str:
    """'It has been 12 days since you last connected with Sam. A short hello might be welcome.'"""
    days = "1 day" if due.days_since == 1 else f"{due.days_since} days"
    return (
        f"It has been {days} since you last connected with {due.person.name}. "
        "A short hello might be welcome."
    )


def keep_in_touch_suggestion(
    now: datetime, people: Iterable[PersonStats], rules: WeekRules = ISO_RULES
) -> str | None:
    """ONE gentle line about the most overdue person, or None when nobody is due."""
    due = due_people(people, now, rules)
    return suggestion_line(due[0]) if due else None


class KeepInTouchSuggester:
    """`Callable[[datetime], str | None]` for the reminders: at most one suggestion a day.

    `load` returns the current people stats (e.g. `MomentRepository.people_stats`); it is asked
    each time, so a moment logged in between is taken into account. The once-a-day memory lives
    in this object (a restart may offer the day's line once more).
    """

    def __init__(
        self, load: Callable[[], Sequence[PersonStats]], rules: WeekRules = ISO_RULES
    ) -> None:
        self._load = load
        self.rules = rules
        self._offered_on: date | None = None

    def __call__(self, now: datetime) -> str | None:
        day = today(now, self.rules)
        if self._offered_on == day:
            return None
        line = keep_in_touch_suggestion(now, self._load(), self.rules)
        if line is not None:
            self._offered_on = day
        return line
