"""People: days since, who is due, one gentle keep-in-touch line a day at most."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from micromoments_tray.core.people import (
    KeepInTouchSuggester,
    PersonStats,
    due_people,
    keep_in_touch_suggestion,
    validate_keep_in_touch,
)
from micromoments_tray.core.week import WeekRules

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 18, 30, tzinfo=BERLIN)


def _p(name: str, days_ago: float | None, every: int | None, count: int = 3) -> PersonStats:
    last = None if days_ago is None else NOW - timedelta(days=days_ago)
    return PersonStats(name, name.casefold(), count, last, every)


def test_days_since_counts_local_days() -> None:
    assert _p("Sam", 0.1, None).days_since(NOW) == 0
    assert _p("Sam", 12, None).days_since(NOW) == 12
    assert _p("Sam", None, 7).days_since(NOW) is None
    # Last seen at 23:30 New York time on the 13th: that is the 13th, 13 days ago.
    ny = datetime(2026, 11, 13, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert PersonStats("Lee", "lee", 1, ny).days_since(NOW) == 13
    # With a 04:00 day end, a moment at 01:00 belongs to the day before.
    night = datetime(2026, 11, 26, 1, 0, tzinfo=BERLIN)
    assert PersonStats("Ana", "ana", 1, night).days_since(NOW, WeekRules(0, 4)) == 1


def test_who_is_due_most_overdue_first() -> None:
    people = [
        _p("Sam", 12, 7),  # 5 days past
        _p("Ana", 30, 14),  # 16 days past
        _p("Lee", 3, 7),  # not due
        _p("Kim", 40, None),  # no rhythm
        _p("Noor", 7, 7),  # due today
    ]
    due = due_people(people, NOW)
    assert [(d.person.name, d.days_since, d.overdue_by) for d in due] == [
        ("Ana", 30, 16),
        ("Sam", 12, 5),
        ("Noor", 7, 0),
    ]


def test_one_gentle_line_for_the_most_overdue() -> None:
    line = keep_in_touch_suggestion(NOW, [_p("Sam", 12, 7), _p("Lee", 3, 7)])
    assert line is not None
    assert line.startswith("It has been 12 days since you last connected with Sam.")
    assert keep_in_touch_suggestion(NOW, [_p("Lee", 3, 7)]) is None
    assert keep_in_touch_suggestion(NOW, []) is None


def test_the_suggester_offers_at_most_one_line_a_day() -> None:
    people = [_p("Sam", 12, 7), _p("Ana", 30, 14)]
    calls: list[int] = []

    def load() -> list[PersonStats]:
        calls.append(1)
        return people

    suggest = KeepInTouchSuggester(load)
    first = suggest(NOW)
    assert first is not None and "Ana" in first
    assert suggest(NOW + timedelta(hours=2)) is None  # same day: nothing more
    nxt = suggest(NOW + timedelta(days=1))
    assert nxt is not None and "31 days" in nxt
    # Nobody due: None, and that does not use up the day.
    quiet = KeepInTouchSuggester(lambda: [_p("Lee", 1, 7)])
    assert quiet(NOW) is None
    assert len(calls) == 2


def test_keep_in_touch_days_are_checked() -> None:
    assert validate_keep_in_touch(None) is None
    assert validate_keep_in_touch(14) == 14
    for bad in (0, 366, True, "7"):
        with pytest.raises(ValueError):
            validate_keep_in_touch(bad)  # type: ignore[arg-type]
