"""Reading the times and dates people type: `14:05`, `2026-11-20T18:30`, `2026-11-20`."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Protocol


class Localizer(Protocol):
    def now(self) -> datetime: ...

    def localize(self, naive: datetime) -> datetime: ...


class WhenError(ValueError):
    pass


_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_when(text: str, clock: Localizer) -> datetime:
    """An aware datetime for WHEN: ISO 8601 date-time (offset optional) or HH:MM today.

    A time in the future is refused: a moment is logged after it happened.
    """
    value = text.strip()
    now = clock.now()
    match = _HHMM.match(value)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise WhenError(f"{text!r} is not a time of day (use HH:MM, 00:00 to 23:59)")
        result = clock.localize(datetime.combine(now.date(), time(hour, minute)))
    else:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            raise WhenError(
                f"{text!r} is not a time; use HH:MM for today or an ISO date-time "
                "such as 2026-11-20T18:30"
            ) from None
        if len(value) <= 10:  # a bare date is a day, not a moment in it
            raise WhenError(f"{text!r} is a date; add a time, such as {value}T18:30")
        result = parsed if parsed.tzinfo is not None else clock.localize(parsed)
    if result > now + timedelta(minutes=1):
        raise WhenError(f"{text!r} is in the future; log a moment once it has happened")
    return result


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise WhenError(f"{text!r} is not a date; use YYYY-MM-DD, such as 2026-11-20") from None
