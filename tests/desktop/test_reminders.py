"""The reminders controller with a fake clock, fake timers, a fake availability and presenter."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, Signal

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.prompts import Prompt
from micromoments_tray.core.schedule import ScheduleSettings
from micromoments_tray.services.reminders import (
    BUSY_RETRY,
    SETTLE,
    ReminderConfig,
    ReminderController,
    Suggestion,
    config_from,
)
from micromoments_tray.storage.paths import AppPaths
from micromoments_tray.storage.reminder_state import ReminderStateStore, state_path
from micromoments_tray.storage.settings import Settings
from tests.desktop.test_scheduler import FakeTimer

BERLIN = ZoneInfo("Europe/Berlin")
DECK = tuple(
    Prompt(f"p{n}", f"Prompt number {n} for you.", kind, level=1)
    for n, kind in enumerate(["smile", "thanks", "greeting", "message"] * 5)
)


class FakeAvailability(QObject):
    sleeping = Signal()
    resumed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.reason: str | None = None
        self.asked = 0

    def busy_reason(self) -> str | None:
        self.asked += 1
        return self.reason


class FakePresenter(QObject):
    chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Suggestion] = []
        self.withdrawn = 0

    def present(self, suggestion: Suggestion) -> None:
        self.shown.append(suggestion)

    def withdraw(self) -> None:
        self.withdrawn += 1


class World:
    def __init__(self, paths: AppPaths, **config: object) -> None:
        # Thursday 26 Nov 2026, 10:00 Berlin: inside the active hours.
        self.clock = FakeClock(datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN))
        self.availability = FakeAvailability()
        self.presenter = FakePresenter()
        self.timers: list[FakeTimer] = []
        self.last_moment: datetime | None = None
        self.person: str | None = None
        self.logged: list[str] = []
        self.statuses: list[tuple[str, bool]] = []
        self.config = ReminderConfig(schedule=ScheduleSettings(jitter_min=0), **config)  # type: ignore[arg-type]
        self.store = ReminderStateStore(state_path(paths.data_dir))
        self.controller = ReminderController(
            self.clock,
            self.store,
            config=lambda: self.config,
            deck=lambda: DECK,
            last_moment=lambda: self.last_moment,
            kind_counts=lambda _since: {},
            availability=self.availability,
            presenters={"popup": self.presenter},
            person_suggestion=lambda _now: self.person,
            timer_factory=self.make_timer,
            rng=random.Random(1),
        )
        self.controller.log_requested.connect(self.logged.append)
        self.controller.status_changed.connect(lambda status: self.statuses.append(tuple(status)))
        self.controller.start()

    def make_timer(self, _parent: QObject, name: str) -> FakeTimer:
        timer = FakeTimer(name)
        self.timers.append(timer)
        return timer

    @property
    def deadline_timer(self) -> FakeTimer:
        return self.timers[0]

    def armed(self) -> int:
        return sum(t.isActive() for t in self.timers if t.name == "reminder-deadline")

    def run_to_deadline(self) -> None:
        """Let time pass to the armed deadline and fire the timer by hand."""
        assert self.deadline_timer.interval is not None
        self.clock.advance(timedelta(milliseconds=self.deadline_timer.interval))
        self.deadline_timer.fire()

    @property
    def deadline(self) -> datetime | None:
        return self.controller.scheduler.deadline


@pytest.fixture
def world(app_paths: AppPaths) -> Iterator[World]:
    yield World(app_paths)


def test_first_start_waits_a_full_gap_then_suggests(world: World) -> None:
    assert world.presenter.shown == []
    assert world.deadline_timer.interval == 2 * 3600 * 1000
    assert world.statuses[-1] == ("Next suggestion around 12:00", False)
    world.run_to_deadline()
    [suggestion] = world.presenter.shown
    assert suggestion.prompt_id in {p.id for p in DECK} and suggestion.automatic
    assert world.store.load().recent_prompts == (suggestion.prompt_id,)
    assert world.armed() == 1
    assert world.statuses[-1] == ("Next suggestion around 14:00", False)


def test_a_reminder_due_while_the_computer_was_off_waits_ten_minutes_after_start(
    app_paths: AppPaths,
) -> None:
    path = state_path(app_paths.data_dir)
    path.parent.mkdir(parents=True)
    yesterday = datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN).astimezone(UTC).isoformat()
    path.write_text(f'{{"version": 1, "seed": 1, "counting_from": "{yesterday}"}}')
    world = World(app_paths)  # starts at 10:00, a day after the count began: long overdue
    assert world.presenter.shown == []
    assert world.deadline == datetime(2026, 11, 26, 10, 10, tzinfo=BERLIN)
    assert world.statuses[-1] == ("Next suggestion around 10:10", False)
    world.run_to_deadline()
    assert len(world.presenter.shown) == 1  # then one, not a burst for the hours missed
    assert world.deadline == datetime(2026, 11, 26, 12, 10, tzinfo=BERLIN)


def test_asking_for_a_suggestion_right_after_start_is_answered(world: World) -> None:
    assert world.controller.suggest_now() is not None
    assert len(world.presenter.shown) == 1


def test_do_not_disturb_defers_without_piling_up(world: World) -> None:
    world.availability.reason = "do-not-disturb"
    world.run_to_deadline()
    assert world.presenter.shown == []
    assert world.deadline_timer.interval == BUSY_RETRY.total_seconds() * 1000
    for _ in range(6):  # half an hour of do-not-disturb: looked at again every 5 minutes
        world.run_to_deadline()
        assert world.presenter.shown == []
        assert world.armed() == 1
    assert world.availability.asked == 7
    world.availability.reason = None
    world.run_to_deadline()
    assert len(world.presenter.shown) == 1  # one reminder, not one per missed look
    assert world.deadline_timer.interval == 2 * 3600 * 1000


@pytest.mark.parametrize("reason", ["idle", "locked", "fullscreen"])
def test_other_busy_reasons_defer_too(world: World, reason: str) -> None:
    world.availability.reason = reason
    world.run_to_deadline()
    assert world.presenter.shown == []


def test_resume_from_sleep_reschedules_with_a_moment_to_settle(world: World) -> None:
    world.clock.advance(timedelta(hours=8))  # the lid was closed all day
    world.availability.resumed.emit()
    assert world.deadline is not None
    assert world.deadline == world.clock.now().astimezone(UTC) + SETTLE
    world.run_to_deadline()
    assert len(world.presenter.shown) == 1
    assert world.deadline - world.clock.now() >= timedelta(hours=2)


def test_a_clock_jump_noticed_by_the_minute_check_gives_one_reminder(world: World) -> None:
    world.clock.jump(timedelta(hours=3))
    world.timers[1].fire()  # the once-a-minute clock check
    world.run_to_deadline()
    assert len(world.presenter.shown) == 1
    world.timers[1].fire()
    assert len(world.presenter.shown) == 1


def test_i_did_one_asks_for_the_log_dialog_with_the_kind(world: World) -> None:
    world.run_to_deadline()
    world.presenter.chosen.emit("did-one")
    assert world.logged == [world.presenter.shown[0].kind]
    assert world.controller.current is None


def test_later_brings_the_same_prompt_back_in_half_an_hour(world: World) -> None:
    world.run_to_deadline()
    first = world.presenter.shown[0]
    world.presenter.chosen.emit("later")
    assert world.deadline_timer.interval == 30 * 60 * 1000
    world.run_to_deadline()
    assert world.presenter.shown[1].prompt_id == first.prompt_id


def test_not_today_pauses_until_tomorrow(world: World) -> None:
    world.run_to_deadline()
    world.presenter.chosen.emit("not-today")
    assert world.statuses[-1] == ("Reminders paused until tomorrow", True)
    assert world.deadline is not None
    assert world.deadline.astimezone(BERLIN) == datetime(2026, 11, 27, 9, 0, tzinfo=BERLIN)


def test_ignoring_three_in_a_row_backs_off(world: World) -> None:
    for _ in range(4):
        world.run_to_deadline()
        world.presenter.chosen.emit("ignored")
    assert world.controller.state.ignored_streak == 4
    # 10:00 -> 12:00, 14:00, 16:00, 18:00: the cap of 4 is used, so tomorrow at 09:00 ...
    world.clock.advance(timedelta(hours=15))
    world.controller.resume()
    # ... and the gap from a fresh start is 1.5x after four ignored ones.
    assert world.deadline_timer.interval == 3 * 3600 * 1000


def test_a_logged_moment_ends_the_back_off_and_restarts_the_count(world: World) -> None:
    for _ in range(3):
        world.run_to_deadline()
        world.presenter.chosen.emit("ignored")
    world.clock.advance(timedelta(minutes=10))
    world.last_moment = world.clock.now()
    world.controller.moment_logged()
    assert world.controller.state.ignored_streak == 0
    assert world.deadline_timer.interval == 2 * 3600 * 1000


def test_never_again_retires_the_prompt(world: World) -> None:
    world.run_to_deadline()
    retired = world.presenter.shown[0].prompt_id
    world.presenter.chosen.emit("never-again")
    assert world.presenter.withdrawn == 1
    assert retired in world.store.load().never_again
    for _ in range(30):
        assert world.controller.suggest_now() is not None
    assert retired not in {s.prompt_id for s in world.presenter.shown[1:]}


def test_suggest_now_works_while_paused_and_does_not_count(world: World) -> None:
    world.controller.pause_for("resumed")
    assert world.statuses[-1] == ("Reminders paused until you resume them", True)
    assert world.armed() == 0
    suggestion = world.controller.suggest_now()
    assert suggestion is not None and not suggestion.automatic
    world.presenter.chosen.emit("ignored")
    assert world.controller.state.ignored_streak == 0
    assert world.controller.state.shown_count == 0
    world.controller.resume()
    assert world.armed() == 1


def test_pause_and_status(world: World) -> None:
    world.controller.pause_for("1h")
    status = world.controller.status()
    assert status["paused"] is True
    assert status["paused_until"] == "2026-11-26T11:00:00+01:00"
    assert status["text"] == "Reminders paused until 11:00"
    assert status["next_due"] == "2026-11-26T12:00:00+01:00"


def test_a_second_deadline_while_one_is_on_screen_waits(world: World) -> None:
    world.controller.suggest_now()
    world.run_to_deadline()
    assert len(world.presenter.shown) == 1
    assert world.armed() == 1


def test_person_suggestion_at_most_once_a_day(world: World) -> None:
    world.person = "It has been a while since you talked with Sam. A short note?"
    world.run_to_deadline()
    world.presenter.chosen.emit("ignored")
    world.run_to_deadline()
    first, second = world.presenter.shown
    assert first.text == world.person and first.prompt_id is None and first.kind == "check-in"
    assert second.prompt_id is not None


def test_state_survives_a_restart(world: World, app_paths: AppPaths) -> None:
    world.controller.pause_for("3h")
    again = World(app_paths)
    assert again.statuses[-1] == ("Reminders paused until 13:00", True)


def test_a_start_writes_the_state_only_when_it_changed(world: World, app_paths: AppPaths) -> None:
    path = state_path(app_paths.data_dir)
    assert path.is_file()  # the first start records when the count began
    written = path.stat().st_mtime_ns
    os.utime(path, ns=(written - 10**9, written - 10**9))
    again = World(app_paths)  # a later start has nothing new to write
    assert again.armed() == 1
    assert path.stat().st_mtime_ns == written - 10**9


def test_an_unreadable_state_file_is_kept_and_reminders_go_on(app_paths: AppPaths) -> None:
    path = state_path(app_paths.data_dir)
    path.parent.mkdir(parents=True)
    path.write_text("{oops")
    world = World(app_paths)
    assert world.armed() == 1
    kept = [p for p in path.parent.iterdir() if p.name.startswith("reminders.json.unreadable-")]
    assert len(kept) == 1 and kept[0].read_text() == "{oops"


def test_config_from_settings() -> None:
    settings = Settings(
        {
            "reminders_enabled": True,
            "reminder_interval_minutes": 90,
            "reminder_start": "08:30",
            "reminder_end": "18:00",
            "reminder_days": "mon-fri",
            "reminder_daily_cap": 3,
            "reminder_style": "notification",
            "reminder_level": 2,
        }
    )
    config = config_from(settings)
    assert config.schedule.interval_min == 90
    assert config.schedule.active_start_min == 510
    assert config.schedule.active_end_min == 1080
    assert config.schedule.active_days == frozenset(range(5))
    assert config.schedule.daily_cap == 3
    assert config.style == "notification" and config.level == 2
