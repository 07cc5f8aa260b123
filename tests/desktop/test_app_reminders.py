"""The reminders wired into the in-process app: menu actions, socket commands, logging resets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from micromoments_tray.app.root import MicroMomentsApp
from micromoments_tray.core.clock import FakeClock
from micromoments_tray.platform import ipc
from micromoments_tray.storage.paths import AppPaths


@pytest.fixture
def running(
    qtbot: QtBot, qapp: QApplication, app_paths: AppPaths, clock: FakeClock
) -> Iterator[MicroMomentsApp]:
    app_paths.config_dir.mkdir(parents=True, exist_ok=True)
    app_paths.settings.write_text(
        json.dumps({"tray_wait_seconds": 0, "reminder_jitter_minutes": 0})
    )
    clock.advance(timedelta(hours=-8))  # 10:30, inside the active hours
    app = MicroMomentsApp(app_paths, clock, qapp)
    assert app.start() is None
    yield app
    app.shutdown()
    popup = app.reminders._presenters["popup"]._popup  # type: ignore[attr-defined]
    for widget in (app._log_dialog, app._toast, app.fallback, popup):
        if widget is not None:
            widget.hide()


def test_schedule_is_armed_at_start_and_shown_in_the_window(running: MicroMomentsApp) -> None:
    assert running.reminders.scheduler.deadline_timer.isActive()
    assert running.fallback is not None
    assert running.fallback.reminder_label.text() == "Next suggestion around 12:30"
    assert running.tray.tooltip().endswith("Next suggestion around 12:30")


def test_suggest_from_the_menu_shows_the_popup_and_i_did_one_opens_the_log(
    running: MicroMomentsApp,
) -> None:
    running.tray.suggest_requested.emit()
    popup = running.reminders._presenters["popup"].popup  # type: ignore[attr-defined]
    assert popup.isVisible()
    kind = running.reminders.current.kind  # type: ignore[union-attr]
    popup.did_button.click()
    assert running.log_dialog.isVisible()
    assert running.log_dialog.default_kind() == kind


def test_pause_from_the_menu_changes_icon_and_tooltip(running: MicroMomentsApp) -> None:
    normal = running.tray._icon.cacheKey()
    running.tray.pause_requested.emit("1h")
    assert running.tray.tooltip().endswith("Reminders paused until 11:30")
    assert running.tray._icon.cacheKey() != normal
    running.tray.resume_requested.emit()
    assert running.tray.tooltip().endswith("Next suggestion around 12:30")


def test_socket_commands_and_status_reply(running: MicroMomentsApp) -> None:
    reply = running.server.handle(ipc.encode("status"))
    assert reply is not None
    answer = json.loads(reply[0])
    assert answer["ok"] is True and answer["text"] == "Next suggestion around 12:30"
    until = (running.clock.now() + timedelta(hours=3)).isoformat()
    _answer, message = running.server.handle(ipc.encode("pause", until=until))  # type: ignore[misc]
    assert message is not None
    running._on_message(message)
    assert running.reminders.status()["text"] == "Reminders paused until 13:30"
    bad, refused = running.server.handle(ipc.encode("pause", until="soon"))  # type: ignore[misc]
    assert json.loads(bad)["ok"] is False and refused is None
    running._on_message(ipc.Message("resume", {}))
    assert running.reminders.status()["paused"] is False
    running._on_message(ipc.Message("suggest", {}))
    assert running.reminders.current is not None


def test_a_logged_moment_restarts_the_count(running: MicroMomentsApp, clock: FakeClock) -> None:
    clock.advance(timedelta(minutes=50))
    running.tray.kind_chosen.emit("smile")
    assert running.reminders.scheduler.deadline == (clock.now() + timedelta(hours=2)).astimezone(
        running.reminders.scheduler.deadline.tzinfo  # type: ignore[union-attr]
    )


def test_a_wake_up_past_the_week_end_opens_the_summary_at_once(
    running: MicroMomentsApp, clock: FakeClock
) -> None:
    # Thursday 10:30; the machine sleeps until Sunday 18:05, past the summary's 18:00.
    clock.jump(timedelta(days=3, hours=7, minutes=35))
    assert running._week_views is None  # the week-end timer itself waits up to an hour
    running.reminders.scheduler.gap_detected.emit(3 * 86400.0)
    assert running._week_views is not None
    assert running.week_views.summary_window.isVisible()
    running.week_views.summary_window.hide()
