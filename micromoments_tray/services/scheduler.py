"""The Qt side of the schedule: one single-shot timer for the next deadline, one clock check.

Between reminders the process sleeps. `deadline_timer` is armed for the next deadline (capped
at MAX_ARM_MS, after which it just re-arms); `clock_timer` wakes once a minute while a deadline
is armed and compares how far the wall clock moved with how far the monotonic clock moved. A
difference means the machine slept or the clock was set: the deadline is computed again from
the wall clock (the pure schedule makes a missed deadline due once, never a burst).

Tests pass a `timer_factory` that returns fake timers and fire them by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from micromoments_tray.core.clock import Clock
from micromoments_tray.core.schedule import utc
from micromoments_tray.qt_machinery import set_enum_property

log = logging.getLogger(__name__)

CLOCK_CHECK_MS = 60_000
MAX_ARM_MS = 6 * 3600 * 1000  # a long wait is split: wall-clock time is checked again anyway
DRIFT_TOLERANCE_S = 30.0  # wall vs monotonic difference that counts as a jump or a sleep


class TimerLike(Protocol):
    """What the scheduler needs of a QTimer (a fake in tests)."""

    @property
    def timeout(self) -> object: ...

    def setSingleShot(self, single: bool) -> None: ...

    def start(self, msec: int) -> None: ...

    def stop(self) -> None: ...

    def isActive(self) -> bool: ...


TimerFactory = Callable[[QObject, str], TimerLike]


def qt_timer_factory(parent: QObject, name: str) -> TimerLike:
    timer = QTimer(parent)
    timer.setObjectName(name)
    # Second precision is plenty for "around 16:10", and lets the OS group our wake-ups.
    set_enum_property(timer, "timerType", "VeryCoarseTimer")
    return timer


class ReminderScheduler(QObject):
    """Emits `due` when the deadline from `compute()` has come, `gap_detected(seconds)` after a
    sleep or clock change, and `rescheduled(deadline or None)` whenever it re-arms."""

    due = Signal()
    gap_detected = Signal(float)
    rescheduled = Signal(object)

    def __init__(
        self,
        clock: Clock,
        compute: Callable[[], datetime | None],
        timer_factory: TimerFactory = qt_timer_factory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._compute = compute
        self.deadline: datetime | None = None
        self.deadline_timer = timer_factory(self, "reminder-deadline")
        self.deadline_timer.setSingleShot(True)
        self.deadline_timer.timeout.connect(self._on_deadline)  # type: ignore[attr-defined]
        self.clock_timer = timer_factory(self, "reminder-clock-check")
        self.clock_timer.setSingleShot(True)
        self.clock_timer.timeout.connect(self.check_clock)  # type: ignore[attr-defined]
        self._offset = self._wall_minus_mono()

    def _wall_minus_mono(self) -> float:
        return utc(self._clock.now()).timestamp() - self._clock.monotonic()

    def reschedule(self) -> datetime | None:
        """Compute the deadline again and arm the one timer for it (or none)."""
        self.deadline = self._compute()
        self._offset = self._wall_minus_mono()
        if self.deadline is None:
            self.deadline_timer.stop()
            self.clock_timer.stop()
        else:
            wait = (utc(self.deadline) - utc(self._clock.now())).total_seconds()
            self.deadline_timer.start(int(min(max(0.0, wait) * 1000, MAX_ARM_MS)))
            self.clock_timer.start(CLOCK_CHECK_MS)
        log.info("next reminder: %s", self.deadline.isoformat() if self.deadline else "none")
        self.rescheduled.emit(self.deadline)
        return self.deadline

    def stop(self) -> None:
        self.deadline = None
        self.deadline_timer.stop()
        self.clock_timer.stop()

    def _on_deadline(self) -> None:
        if self.deadline is not None and utc(self.deadline) <= utc(self._clock.now()):
            self.clock_timer.stop()
            self.due.emit()  # the receiver shows (or defers) and calls reschedule()
        else:
            self.reschedule()  # woke early: a split wait, or the clock was set back

    def check_clock(self) -> None:
        """Once a minute while armed: did the wall clock move apart from the monotonic one?"""
        drift = self._wall_minus_mono() - self._offset
        if abs(drift) > DRIFT_TOLERANCE_S:
            log.info("wall clock moved %+.0f s against the monotonic clock", drift)
            self.gap_detected.emit(drift)
            self.reschedule()
        elif self.deadline is not None:
            self.clock_timer.start(CLOCK_CHECK_MS)
