"""The Qt scheduler adapter with fake timers: exactly one deadline timer, fired by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Signal

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.services.scheduler import CLOCK_CHECK_MS, MAX_ARM_MS, ReminderScheduler


class FakeTimer(QObject):
    timeout = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.interval: int | None = None
        self.single = False
        self.starts = 0

    def setSingleShot(self, single: bool) -> None:
        self.single = single

    def start(self, msec: int) -> None:
        self.interval = msec
        self.starts += 1

    def stop(self) -> None:
        self.interval = None

    def isActive(self) -> bool:
        return self.interval is not None

    def fire(self) -> None:
        self.interval = None
        self.timeout.emit()


class Harness:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.timers: list[FakeTimer] = []
        self.deadline: datetime | None = clock.now() + timedelta(hours=2)
        self.due = 0
        self.gaps: list[float] = []
        self.scheduler = ReminderScheduler(clock, lambda: self.deadline, self.make)
        self.scheduler.due.connect(self._on_due)
        self.scheduler.gap_detected.connect(self.gaps.append)

    def make(self, _parent: QObject, name: str) -> FakeTimer:
        timer = FakeTimer(name)
        self.timers.append(timer)
        return timer

    def _on_due(self) -> None:
        self.due += 1

    @property
    def deadline_timer(self) -> FakeTimer:
        return self.timers[0]

    @property
    def clock_timer(self) -> FakeTimer:
        return self.timers[1]

    def armed(self) -> list[FakeTimer]:
        return [t for t in self.timers if t.isActive() and t.name == "reminder-deadline"]


def test_arms_exactly_one_timer_for_the_next_deadline(clock: FakeClock) -> None:
    h = Harness(clock)
    for _ in range(5):
        h.scheduler.reschedule()
    assert len(h.timers) == 2  # one deadline timer and one clock check, made once
    assert all(t.single for t in h.timers)
    assert h.armed() == [h.deadline_timer]
    assert h.deadline_timer.interval == 2 * 3600 * 1000
    assert h.clock_timer.interval == CLOCK_CHECK_MS


def test_fires_due_only_when_the_deadline_has_come(clock: FakeClock) -> None:
    h = Harness(clock)
    h.scheduler.reschedule()
    clock.advance(timedelta(hours=1))
    h.deadline_timer.fire()  # early (as after a split wait): re-armed for the rest
    assert h.due == 0
    assert h.deadline_timer.interval == 3600 * 1000
    clock.advance(timedelta(hours=1))
    h.deadline_timer.fire()
    assert h.due == 1
    assert not h.clock_timer.isActive()


def test_nothing_planned_means_no_timer_at_all(clock: FakeClock) -> None:
    h = Harness(clock)
    h.deadline = None
    h.scheduler.reschedule()
    assert not any(t.isActive() for t in h.timers)


def test_a_long_wait_is_split(clock: FakeClock) -> None:
    h = Harness(clock)
    h.deadline = clock.now() + timedelta(days=2)
    h.scheduler.reschedule()
    assert h.deadline_timer.interval == MAX_ARM_MS


def test_a_past_deadline_fires_at_once(clock: FakeClock) -> None:
    h = Harness(clock)
    h.deadline = clock.now() - timedelta(hours=5)
    h.scheduler.reschedule()
    assert h.deadline_timer.interval == 0


def test_clock_check_notices_a_jump_and_reschedules(clock: FakeClock) -> None:
    h = Harness(clock)
    h.scheduler.reschedule()
    clock.advance(timedelta(minutes=1))
    h.clock_timer.fire()  # a normal minute: no gap, checked again in a minute
    assert h.gaps == []
    assert h.clock_timer.interval == CLOCK_CHECK_MS
    clock.jump(timedelta(hours=3))
    starts = h.deadline_timer.starts
    h.clock_timer.fire()
    assert len(h.gaps) == 1 and abs(h.gaps[0] - 3 * 3600) < 1
    assert h.deadline_timer.starts == starts + 1  # re-armed from the wall clock
    assert h.armed() == [h.deadline_timer]
    # The deadline (2 h after the start) has passed on the wall clock: due at once.
    assert h.deadline_timer.interval == 0


def test_a_suspend_looks_like_a_jump_to_the_clock_check(clock: FakeClock) -> None:
    h = Harness(clock)
    h.scheduler.reschedule()
    clock.jump(timedelta(hours=8))  # CLOCK_MONOTONIC does not count suspended time
    h.clock_timer.fire()
    assert len(h.gaps) == 1
    h.deadline_timer.fire()
    assert h.due == 1
