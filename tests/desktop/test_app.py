"""The composed app in-process on the offscreen platform (no tray there: the fallback window)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from micromoments_tray.app.root import MicroMomentsApp
from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.moments import MomentDraft
from micromoments_tray.platform import ipc
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.paths import AppPaths
from micromoments_tray.storage.repository import MomentQuery, MomentRepository
from micromoments_tray.ui.tray import TrayIcon


def _write_settings(paths: AppPaths, **values: object) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings.write_text(json.dumps(values))


@pytest.fixture
def running(
    qtbot: QtBot, qapp: QApplication, app_paths: AppPaths, clock: FakeClock
) -> Iterator[MicroMomentsApp]:
    _write_settings(app_paths, tray_wait_seconds=0)
    app = MicroMomentsApp(app_paths, clock, qapp)
    assert app.start() is None
    yield app
    app.shutdown()
    for widget in (app._log_dialog, app._toast, app.fallback):
        if widget is not None:
            widget.hide()


def _stored(paths: AppPaths, deleted: bool = False) -> list[str]:
    repo = MomentRepository(connect(paths.database))
    try:
        return [m.kind for m in repo.query(MomentQuery(include_deleted=deleted))]
    finally:
        repo.close()


def test_without_a_tray_the_fallback_window_offers_the_actions(running: MicroMomentsApp) -> None:
    assert running.fallback is not None and running.fallback.isVisible()


def test_one_click_kind_logs_and_offers_undo(running: MicroMomentsApp, app_paths: AppPaths) -> None:
    assert running.fallback is not None
    running.fallback.kind_chosen.emit("greeting")
    assert _stored(app_paths) == ["greeting"]
    assert running.toast.isVisible()
    assert running.undo_timer.isActive()
    running.toast.undo_clicked.emit()
    assert _stored(app_paths) == []
    assert _stored(app_paths, deleted=True) == ["greeting"]  # soft delete: restorable
    assert not running.toast.isVisible()


def test_undo_expires_with_its_timer(running: MicroMomentsApp, app_paths: AppPaths) -> None:
    running.tray.kind_chosen.emit("smile")
    running.undo_timer.timeout.emit()  # fire by hand: no waiting on real time
    running.undo_last()
    assert _stored(app_paths) == ["smile"]


def test_dialog_draft_is_stored_with_details(running: MicroMomentsApp, app_paths: AppPaths) -> None:
    running.open_log_dialog()
    assert running.log_dialog.isVisible()
    running.log_dialog.submitted.emit(
        MomentDraft(kind="thanks", note="for the directions", people=("Sam",), feeling=4)
    )
    repo = MomentRepository(connect(app_paths.database))
    [moment] = repo.query()
    repo.close()
    assert (moment.kind, moment.note, moment.people, moment.feeling) == (
        "thanks",
        "for the directions",
        ("Sam",),
        4,
    )


def test_invalid_draft_keeps_the_dialog_open(
    running: MicroMomentsApp, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(running, "_warn", lambda title, text: warnings.append(text))
    running.open_log_dialog()
    running.log_dialog.hide()
    running.log_dialog.submitted.emit(MomentDraft(kind="smile", feeling=9))
    assert warnings and "outside 1 to 5" in warnings[0]
    assert running.log_dialog.isVisible()
    assert _stored(app_paths) == []


def test_a_moment_from_another_process_updates_the_count(
    running: MicroMomentsApp, app_paths: AppPaths, clock: FakeClock
) -> None:
    assert running.fallback is not None
    before = running.tray.tooltip()
    other = MomentRepository(connect(app_paths.database))
    other.add(MomentDraft(kind="message").to_moment(clock.now()))
    other.close()
    running._on_message(ipc.Message("data-changed", {}))
    assert running.tray.tooltip() != before
    assert "1 moment" in running.tray.tooltip()


def test_show_log_message_opens_the_dialog(running: MicroMomentsApp) -> None:
    running._on_message(ipc.Message("show-log", {}))
    assert running.log_dialog.isVisible()


def test_settings_are_saved_and_applied(running: MicroMomentsApp, app_paths: AppPaths) -> None:
    running._apply_settings({"tooltip_week_count": False})
    assert json.loads(app_paths.settings.read_text())["tooltip_week_count"] is False
    assert running.tray.tooltip().splitlines()[0] == "MicroMoments"  # then the reminder line


def test_tray_that_appears_late_is_used(
    qtbot: QtBot,
    qapp: QApplication,
    app_paths: AppPaths,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _write_settings(app_paths, tray_wait_seconds=5)
    present = [False]
    monkeypatch.setattr(TrayIcon, "available", staticmethod(lambda: present[0]))
    shown: list[bool] = []
    monkeypatch.setattr(TrayIcon, "show", lambda self: shown.append(True))
    app = MicroMomentsApp(app_paths, clock, qapp)
    assert app.start() is None
    assert app.tray_wait_timer.isActive() and not shown
    app.tray_wait_timer.timeout.emit()
    assert not shown
    present[0] = True
    app.tray_wait_timer.timeout.emit()
    assert shown == [True] and app.fallback is None and not app.tray_wait_timer.isActive()
    app.shutdown()


def test_damaged_database_is_never_touched_without_consent(
    qapp: QApplication, app_paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_paths.data_dir.mkdir(parents=True)
    garbage = b"this is not a database at all" * 100
    app_paths.database.write_bytes(garbage)
    monkeypatch.setattr("micromoments_tray.ui.damaged_dialog.ask_set_aside", lambda *a: False)
    app = MicroMomentsApp(app_paths, clock, qapp)
    assert app.start() == 1
    assert app_paths.database.read_bytes() == garbage


def test_damaged_database_set_aside_on_request(
    qapp: QApplication, app_paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_settings(app_paths, tray_wait_seconds=0)
    app_paths.data_dir.mkdir(parents=True, exist_ok=True)
    garbage = b"this is not a database at all" * 100
    app_paths.database.write_bytes(garbage)
    monkeypatch.setattr("micromoments_tray.ui.damaged_dialog.ask_set_aside", lambda *a: True)
    app = MicroMomentsApp(app_paths, clock, qapp)
    assert app.start() is None
    kept = [p for p in app_paths.data_dir.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in kept] == [garbage]
    app.tray.kind_chosen.emit("smile")
    assert _stored(app_paths) == ["smile"]
    app.shutdown()
    assert app.fallback is not None
    app.fallback.hide()


def test_smoke_test_mode_refuses_a_damaged_file_without_asking(
    qapp: QApplication,
    app_paths: AppPaths,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app_paths.data_dir.mkdir(parents=True)
    app_paths.database.write_bytes(b"x" * 4096)

    def never(*_: object) -> bool:
        raise AssertionError("must not ask in smoke-test mode")

    monkeypatch.setattr("micromoments_tray.ui.damaged_dialog.ask_set_aside", never)
    app = MicroMomentsApp(app_paths, clock, qapp)
    assert app.start(smoke_test=True) == 1
    assert str(app_paths.database) in capsys.readouterr().err


def test_keep_in_touch_feeds_one_reminder_line_a_day(
    running: MicroMomentsApp, app_paths: AppPaths, clock: FakeClock
) -> None:
    from datetime import timedelta

    other = MomentRepository(connect(app_paths.database))
    past = clock.now() - timedelta(days=12)
    other.add(MomentDraft(kind="conversation", people=("Sam",), occurred_at=past).to_moment(past))
    other.set_keep_in_touch("Sam", 7)
    other.close()
    line = running.person_suggestion(clock.now())
    assert line is not None and "Sam" in line and "12 days" in line
    assert running.person_suggestion(clock.now()) is None  # once a day, never a nag


def test_log_rotates_at_start_keeping_two_older_files(tmp_path: Path) -> None:
    from micromoments_tray.app.root import rotate_log

    log_file = tmp_path / "micromoments.log"
    for generation in ("a", "b", "c"):
        log_file.write_text(generation * 100)
        rotate_log(log_file, max_bytes=50, backups=2)
    assert not log_file.exists()
    names = {p.name: p.read_text()[0] for p in tmp_path.iterdir()}
    assert names == {"micromoments.log.1": "c", "micromoments.log.2": "b"}
    log_file.write_text("small")
    rotate_log(log_file, max_bytes=50, backups=2)
    assert log_file.read_text() == "small"  # under the limit: left alone
