"""The clock every time-dependent rule receives, so tests can move time by hand."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current local time, timezone-aware."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (for detecting sleep and clock changes)."""
        ...

    def localize(self, naive: datetime) -> datetime:
        """Attach the local offset in force at that wall time (DST-aware)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()

    def localize(self, naive: datetime) -> datetime:
        return naive.astimezone()


class FakeClock:
    """A clock that moves only when told: `advance()` lets time pass, `jump()` moves the wall."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start
        self._tz: tzinfo = start.tzinfo
        self._mono = 1000.0

    def now(self) -> datetime:
        # Normalise through UTC so a ZoneInfo start follows DST as time advances.
        return self._now.astimezone(UTC).astimezone(self._tz)

    def monotonic(self) -> float:
        return self._mono

    def localize(self, naive: datetime) -> datetime:
        return naive.replace(tzinfo=self._tz)

    def advance(self, delta: timedelta) -> None:
        self._now += delta
        self._mono += delta.total_seconds()

    def jump(self, delta: timedelta) -> None:
        self._now += delta
