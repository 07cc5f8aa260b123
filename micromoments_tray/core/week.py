"""Which days make up a week. The full week rules (locale start, late day end) grow here."""

from __future__ import annotations

from datetime import date, timedelta


def week_first_day(day: date, first_weekday: int = 0) -> date:
    """The first day of the week containing `day`; `first_weekday` 0 is Monday, 6 is Sunday."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)
