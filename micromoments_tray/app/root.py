"""The composition root: builds every service and widget and connects them. No product rules here.

Start-up order (logged): logging → hand over to a running instance → instance lock → Qt →
settings → database → instance socket → widgets → tray (or the fallback window).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from micromoments_tray import APP_ID, __version__
from micromoments_tray.core.clock import Clock, SystemClock
from micromoments_tray.platform import ipc
from micromoments_tray.platform.instance_lock import InstanceLock
from micromoments_tray.storage.paths import AppPaths, ensure_private_dir

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from micromoments_tray.app.week_views import WeekViews
    from micromoments_tray.core.moments import Moment
    from micromoments_tray.core.people import KeepInTouchSuggester
    from micromoments_tray.platform.autostart import AutostartSwitch
    from micromoments_tray.platform.hotkeys.base import HotkeyBackend, HotkeyStatus
    from micromoments_tray.storage.repository import MomentRepository
    from micromoments_tray.ui.fallback_window import FallbackWindow
    from micromoments_tray.ui.log_dialog import LogDialog
    from micromoments_tray.ui.tray import TrayIcon
    from micromoments_tray.ui.undo_toast import UndoToast

log = logging.getLogger("micromoments")
# How long a new process waits for an instance that holds the lock but is not listening yet.
HANDOVER_WAIT_S = 5.0


LOG_MAX_BYTES = 512_000
LOG_BACKUPS = 2


def rotate_log(path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS) -> None:
    """At start, move a log that grew past `max_bytes` to .1 (and .1 to .2 …).

    Once per start is enough for a log that gains a few lines an hour, and it spares the
    process logging.handlers (which pulls in sockets, pickle and queues: ~2 MB resident).
    """
    if not path.exists() or path.stat().st_size < max_bytes:
        return
    for n in range(backups - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{n + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def setup_logging(paths: AppPaths) -> None:
    ensure_private_dir(paths.log_dir)
    rotate_log(paths.log_file)
    handler = logging.FileHandler(paths.log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    if os.name == "posix":
        paths.log_file.chmod(0o600)


def hand_over(paths: AppPaths, lock: InstanceLock) -> bool | None:
    """Ask a running instance to open its log dialog.

    True: a running instance took over. None: we hold the lock and should start.
    False: another process holds the lock but never answered.
    """
    address = paths.socket_path()
    if ipc.send(address, "show-log") is not None:
        return True
    if lock.acquire():
        return None
    # Another instance is starting up: give it a moment to open its socket (no GUI exists yet).
    deadline = time.monotonic() + HANDOVER_WAIT_S
    while time.monotonic() < deadline:
        if ipc.send(address, "show-log") is not None:
            return True
        if lock.acquire():
            return None
        time.sleep(0.1)
    return False


def run_app(paths: AppPaths, *, smoke_test: bool = False, argv: list[str] | None = None) -> int:
    setup_logging(paths)
    log.info(
        "MicroMoments %s starting (data %s, config %s)",
        __version__,
        paths.data_dir,
        paths.config_dir,
    )
    ensure_private_dir(paths.data_dir)
    lock = InstanceLock(paths.lock_file)
    handed = hand_over(paths, lock)
    if handed is True:
        print("MicroMoments is already running; its log dialog is open now.")
        return 0
    if handed is False:
        print(
            f"Another MicroMoments holds {paths.lock_file} but does not answer. If no MicroMoments "
            "is running, it may still be shutting down; try again in a few seconds.",
            file=sys.stderr,
        )
        return 1

    from micromoments_tray.qt_machinery import import_qt_lightly

    import_qt_lightly()  # before the app's own modules load
    from PySide6.QtWidgets import QApplication

    # argv[0] names the X11 WM_CLASS, which window rules and tray hosts match on.
    qt_app = QApplication(argv if argv is not None else ["micromoments"])
    qt_app.setApplicationName("MicroMoments")
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName(APP_ID)
    qt_app.setQuitOnLastWindowClosed(False)
    _route_qt_messages()

    app = MicroMomentsApp(paths, SystemClock(), qt_app)
    try:
        code = app.start(smoke_test=smoke_test)
        if code is None:
            code = qt_app.exec()
    finally:
        app.shutdown()
        lock.release()
    log.info("MicroMoments stopped (exit %s)", code)
    return code


def _route_qt_messages() -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def _hotkey_note(status: HotkeyStatus) -> str:
    """What the settings page says under the shortcut field: problems and the key bound."""
    if status.problem:
        return status.message
    if status.bound_as and status.bound_as != status.shortcut:
        return status.message
    return ""


def _parse_until(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("until must be an ISO date-time or 'resumed'")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("until needs a UTC offset")
    return parsed


class MicroMomentsApp:
    """Owns the services and widgets of one running app and wires their signals together."""

    def __init__(self, paths: AppPaths, clock: Clock, qt_app: QApplication) -> None:
        self.paths = paths
        self.clock = clock
        self.qt_app = qt_app
        self.repo: MomentRepository | None = None
        self._log_dialog: LogDialog | None = None
        self._toast: UndoToast | None = None
        self._week_views: WeekViews | None = None
        self._keep_in_touch: KeepInTouchSuggester | None = None
        # Built in start() for this system; tests set a switch with a fake backend before.
        self.autostart: AutostartSwitch | None = None
        # The global shortcut's backend, chosen in start(); tests set one before.
        self.hotkeys: HotkeyBackend | None = None

    # -- start-up ------------------------------------------------------------------------------

    def start(self, *, smoke_test: bool = False) -> int | None:
        """Build everything. Returns an exit code to stop early, None to enter the event loop."""
        from PySide6.QtCore import QTimer

        from micromoments_tray.core.kinds import KINDS
        from micromoments_tray.platform.single_instance import InstanceServer
        from micromoments_tray.qt_machinery import set_enum_property
        from micromoments_tray.services.moments_service import MomentsService
        from micromoments_tray.storage.settings import SettingsStore
        from micromoments_tray.ui.icons import app_icon
        from micromoments_tray.ui.tray import TrayIcon

        self.settings_store = SettingsStore(self.paths.settings)
        self.settings = self.settings_store.load()
        for problem in self.settings.problems:
            log.warning("settings: %s", problem)
        self._sync_autostart()

        repo = self._open_repository(interactive=not smoke_test)
        if repo is None:
            return 1
        self.repo = repo
        self.service = MomentsService(repo, self.clock)

        self.server = InstanceServer(self.paths.socket_path())
        if not self.server.listen():
            log.warning("no instance socket: a second start will not find this one")
        self.server.message_received.connect(self._on_message)

        icon = app_icon()
        self.qt_app.setWindowIcon(icon)
        self.tray = TrayIcon(icon, KINDS)
        self.fallback: FallbackWindow | None = None

        self._connect_actions(self.tray)
        self.service.changed.connect(self._refresh_views)

        self.undo_timer = QTimer()
        self.undo_timer.setSingleShot(True)
        self.undo_timer.timeout.connect(self._undo_expired)
        # The week count changes by itself only when a new week starts: one timer for that.
        self.week_timer = QTimer()
        self.week_timer.setSingleShot(True)
        set_enum_property(self.week_timer, "timerType", "VeryCoarseTimer")
        self.week_timer.timeout.connect(self._refresh_views)
        # The week's summary opens by itself once a week (one timer; see desktop/week_end.py).
        from micromoments_tray.services.week_end import STATE_FILENAME, WeekEndState, WeekEndTimer

        self.week_end = WeekEndTimer(self.clock, WeekEndState(self.paths.data_dir / STATE_FILENAME))
        self.week_end.due.connect(lambda week: self.week_views.open_summary(week, activate=False))
        self._refresh_views()
        self._build_reminders()
        self._build_quick_log()

        if smoke_test:
            self._show_tray_or_fallback(wait=False)
            QTimer.singleShot(0, self._finish_smoke_test)
        else:
            self._show_tray_or_fallback(wait=True)
        log.info("started")
        return None

    def _open_repository(self, *, interactive: bool) -> MomentRepository | None:
        from micromoments_tray.storage.db import connect, set_aside
        from micromoments_tray.storage.errors import DatabaseDamaged, DatabaseTooNew
        from micromoments_tray.storage.repository import MomentRepository

        path = self.paths.database
        try:
            return MomentRepository(connect(path))
        except DatabaseTooNew as exc:
            log.error("%s", exc)
            print(exc, file=sys.stderr)
            if interactive:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.critical(None, "MicroMoments", str(exc))
            return None
        except DatabaseDamaged as exc:
            log.error("%s", exc)
            print(exc, file=sys.stderr)
            if not interactive:
                return None
            from micromoments_tray.ui.damaged_dialog import ask_set_aside

            if not ask_set_aside(None, exc.path, exc.detail):
                return None
            kept = set_aside(path, self.clock.now())
            log.warning("damaged database kept as %s; starting a fresh one", kept)
            return MomentRepository(connect(path))

    def _connect_actions(self, source: TrayIcon | FallbackWindow) -> None:
        """The tray menu and the fallback window offer the same actions."""
        source.log_dialog_requested.connect(lambda: self.open_log_dialog())
        source.kind_chosen.connect(self._on_kind_chosen)
        source.settings_requested.connect(self.open_settings)
        source.undo_requested.connect(self.undo_last)
        source.quit_requested.connect(self.qt_app.quit)
        source.suggest_requested.connect(self.suggest_now)
        source.pause_requested.connect(self._pause_reminders)
        source.resume_requested.connect(self._resume_reminders)
        text, paused = getattr(self, "_reminder_status", ("", False))
        source.set_reminder_status(text, paused=paused)
        source.week_requested.connect(lambda: self.week_views.open_summary())
        source.history_requested.connect(lambda: self.week_views.open_history())
        source.people_requested.connect(lambda: self.week_views.open_people())

    def _show_tray_or_fallback(self, *, wait: bool) -> None:
        from PySide6.QtCore import QTimer

        from micromoments_tray.ui.tray import TrayIcon

        if TrayIcon.available():
            self.tray.show()
            log.info("tray icon shown")
            return
        waited = self.settings.get_int("tray_wait_seconds")
        if not wait or waited <= 0:
            self._show_fallback()
            return
        # Panels often start after us at login: look again once a second for a short while.
        log.info("no system tray yet; waiting up to %d s", waited)
        self._tray_checks_left = waited
        self.tray_wait_timer = QTimer()
        self.tray_wait_timer.setInterval(1000)
        self.tray_wait_timer.timeout.connect(self._check_tray_again)
        self.tray_wait_timer.start()

    def _check_tray_again(self) -> None:
        from micromoments_tray.ui.tray import TrayIcon

        self._tray_checks_left -= 1
        if TrayIcon.available():
            self.tray_wait_timer.stop()
            self.tray.show()
            log.info("tray icon shown after waiting")
        elif self._tray_checks_left <= 0:
            self.tray_wait_timer.stop()
            self._show_fallback()

    def _show_fallback(self) -> None:
        from micromoments_tray.ui.fallback_window import FallbackWindow

        log.warning("no system tray: showing the small window instead")
        window = FallbackWindow()
        self._connect_actions(window)
        self.fallback = window
        self._refresh_views()
        window.show()

    def _finish_smoke_test(self) -> None:
        shown = self.tray.is_visible() if self.fallback is None else self.fallback.isVisible()
        print("ok" if shown else "not shown")
        self.qt_app.exit(0 if shown else 1)

    def shutdown(self) -> None:
        hotkeys = getattr(self, "hotkeys", None)
        if hotkeys is not None and hasattr(hotkeys, "close"):
            hotkeys.close()
        reminders = getattr(self, "reminders", None)
        if reminders is not None:
            reminders.scheduler.stop()
        server = getattr(self, "server", None)
        if server is not None:
            server.close()
        tray = getattr(self, "tray", None)
        if tray is not None:
            tray.hide()
        if self.repo is not None:
            self.repo.close()
            self.repo = None

    # -- actions -------------------------------------------------------------------------------

    @property
    def toast(self) -> UndoToast:
        """The Undo toast, built when the first moment is logged."""
        if self._toast is None:
            from micromoments_tray.ui.undo_toast import UndoToast

            self._toast = UndoToast()
            self._toast.undo_clicked.connect(self.undo_last)
        return self._toast

    @property
    def log_dialog(self) -> LogDialog:
        """Built on first use: it is the largest window, and start-up should stay light."""
        if self._log_dialog is None:
            from micromoments_tray.core.kinds import KINDS
            from micromoments_tray.ui.log_dialog import LogDialog

            self._log_dialog = LogDialog(KINDS)
            self._log_dialog.submitted.connect(self._on_submitted)
        return self._log_dialog

    @property
    def week_views(self) -> WeekViews:
        """The summary, history and people windows; built on first use."""
        if self._week_views is None:
            from micromoments_tray.app.week_views import WeekViews

            assert self.repo is not None
            self._week_views = WeekViews(self.repo, self.service, self.clock, lambda: self.settings)
        return self._week_views

    def open_log_dialog(self, kind: str | None = None) -> None:
        if not self.log_dialog.isVisible():
            self.log_dialog.prepare(self.clock.now(), self.service.people(), kind)
        self.log_dialog.show()
        # The user asked for this window (a click or a second start), so it may take focus.
        self.log_dialog.raise_()
        self.log_dialog.activateWindow()

    def open_settings(self) -> None:
        from micromoments_tray.storage.settings import SETTINGS
        from micromoments_tray.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(SETTINGS, self.settings)
        dialog.applied.connect(self._apply_settings)
        if self.hotkeys is not None:
            dialog.set_status_note("quick_log_hotkey", _hotkey_note(self.hotkeys.status()))
        self.settings_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _sync_autostart(self) -> None:
        """The start-at-login switch follows the system: an entry removed by hand means off."""
        from micromoments_tray.platform.autostart import AutostartSwitch, autostart_backend
        from micromoments_tray.platform.desktop_entry import launch_command

        if self.autostart is None:
            self.autostart = AutostartSwitch(autostart_backend(), launch_command())
        recorded = self.settings.get_bool("start_at_login")
        actual = self.autostart.reconcile(recorded)
        if actual != recorded:
            self.settings = self.settings.with_changes({"start_at_login": actual})
            try:
                self.settings_store.save(self.settings)
            except OSError as exc:
                log.warning("settings not saved: %s", exc)

    def _apply_autostart(self, changes: dict[str, object]) -> dict[str, object]:
        """Add or remove the start-at-login entry when its switch changed; record the result."""
        if self.autostart is None or "start_at_login" not in changes:
            return changes
        wanted = bool(changes["start_at_login"])
        if wanted == self.settings.get_bool("start_at_login"):
            return changes
        try:
            actual = self.autostart.apply(wanted)
        except OSError as exc:
            log.warning("start at login not changed: %s", exc)
            self._warn("Start at login not changed", str(exc))
            actual = self.autostart.reconcile(not wanted)
        return {**changes, "start_at_login": actual}

    def _apply_settings(self, changes: dict[str, object]) -> None:
        changes = self._apply_autostart(changes)
        self.settings = self.settings.with_changes(changes)
        try:
            self.settings_store.save(self.settings)
        except OSError as exc:
            self._warn("Settings not saved", f"{self.paths.settings}: {exc.strerror}")
        self._refresh_views()
        reminders = getattr(self, "reminders", None)
        if reminders is not None:
            reminders.settings_changed()
        if "quick_log_hotkey" in changes:
            self._bind_hotkey()

    def _on_kind_chosen(self, kind: str) -> None:
        if self.settings.get_bool("ask_details"):
            self.open_log_dialog(kind)
            return
        self._store(lambda: self.service.log_kind(kind))

    def _on_submitted(self, draft: object) -> None:
        from micromoments_tray.core.moments import MomentDraft

        assert isinstance(draft, MomentDraft)
        if not self._store(lambda: self.service.log_draft(draft)):
            self.log_dialog.show()  # keep what the user typed; nothing is lost

    def _store(self, write: Callable[[], Moment]) -> bool:
        import sqlite3

        from micromoments_tray.core.kinds import kind_by_id
        from micromoments_tray.core.moments import MomentError

        try:
            moment = write()
        except MomentError as exc:
            self._warn("Moment not saved", exc.message)
            return False
        except (sqlite3.Error, OSError) as exc:
            log.exception("saving failed")
            self._warn("Moment not saved", f"{self.paths.database}: {exc}")
            return False
        label = kind_by_id(moment.kind).label
        seconds = self.settings.get_int("undo_seconds")
        anchor = self.tray.geometry() if self.fallback is None else None
        self.toast.show_message(f"Logged: {label}", seconds, anchor)
        self._set_undo_available(True, label)
        self.undo_timer.start(seconds * 1000)
        return True

    def undo_last(self) -> None:
        # The toast disappearing is the feedback; the moment stays restorable from the CLI.
        self.service.undo_last()
        self._undo_expired()
        if self._toast is not None:
            self._toast.hide()

    def _undo_expired(self) -> None:
        self.undo_timer.stop()
        self.service.forget_undo()
        self._set_undo_available(False, "")

    def _set_undo_available(self, available: bool, label: str) -> None:
        self.tray.set_undo_available(available, label)
        if self.fallback is not None:
            self.fallback.set_undo_available(available, label)

    def _warn(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, f"{title} — MicroMoments", text)

    def _on_message(self, message: ipc.Message) -> None:
        if message.cmd == "show-log":
            self.open_log_dialog()
        elif message.cmd == "data-changed":
            self.service.refresh()
        elif message.cmd == "suggest":
            self.suggest_now()
        elif message.cmd == "pause":
            until = message.args.get("until")
            self.reminders.pause(None if until == "resumed" else _parse_until(until))
        elif message.cmd == "quick-log":
            self.open_quick_entry()
        elif message.cmd == "resume":
            self._resume_reminders()

    # -- quick log -----------------------------------------------------------------------------

    def _build_quick_log(self) -> None:
        """The palette is built now, so the shortcut shows it at once; then bind the shortcut."""
        from PySide6.QtGui import QGuiApplication

        from micromoments_tray.core.quick_entry import parse_quick_entry
        from micromoments_tray.platform.hotkeys import create_backend
        from micromoments_tray.ui.quick_entry import QuickEntryPalette

        self.quick_entry = QuickEntryPalette(lambda text: parse_quick_entry(text, self.clock))
        self.quick_entry.submitted.connect(self._on_quick_submitted)
        self.quick_entry.details_requested.connect(self._open_details)
        self._told_no_hotkey = False
        if self.hotkeys is None:
            self.hotkeys = create_backend(QGuiApplication.platformName(), os.environ)
        self.hotkeys.activated.connect(self.open_quick_entry)
        self.hotkeys.status_changed.connect(self._on_hotkey_status)
        self._bind_hotkey()

    def _bind_hotkey(self) -> None:
        assert self.hotkeys is not None
        shortcut = str(self.settings["quick_log_hotkey"]).strip()
        if shortcut:
            self.hotkeys.bind(shortcut)
        else:
            self.hotkeys.unbind()

    def open_quick_entry(self) -> None:
        log.info("quick log opened")
        self.quick_entry.popup()

    def _on_quick_submitted(self, draft: object) -> None:
        from micromoments_tray.core.moments import MomentDraft

        assert isinstance(draft, MomentDraft)
        if not self._store(lambda: self.service.log_draft(draft)):
            self.quick_entry.restore(self.quick_entry.last_line())

    def _open_details(self, draft: object) -> None:
        from micromoments_tray.core.moments import MomentDraft

        assert isinstance(draft, MomentDraft)
        self.open_log_dialog()
        self.log_dialog.prefill(draft)

    def _on_hotkey_status(self, status: HotkeyStatus) -> None:
        log.info("quick-log shortcut: %s — %s", status.state, status.message)
        # The tooltip names a conflict; "no shortcuts here" is said once, below.
        conflict = f"{status.shortcut} is used by another program — see Settings"
        self.tray.set_hotkey_problem(conflict if status.state == "conflict" else "")
        dialog = getattr(self, "settings_dialog", None)
        if dialog is not None:
            dialog.set_status_note("quick_log_hotkey", _hotkey_note(status))
        if status.state == "unavailable" and not self._told_no_hotkey:
            self._told_no_hotkey = True  # said once: the tooltip and settings keep saying it
            text = (
                f"{status.message} You can still open the quick log from anywhere: bind the "
                "command “micromoments quick-log” to a key in your desktop's keyboard settings "
                "(`micromoments hotkey-help` shows how)."
            )
            if self.tray.is_visible():
                self.tray.show_message("Quick log", text)
            else:
                log.warning("%s", text)

    # -- reminders -----------------------------------------------------------------------------

    def _build_reminders(self) -> None:
        """Availability, notifier, scheduler, controller; the pop-up is built when first shown."""
        from collections import Counter

        from micromoments_tray.core.prompts import load_deck
        from micromoments_tray.platform.availability import create_availability
        from micromoments_tray.platform.notify import create_notifier
        from micromoments_tray.services.reminders import (
            NotifierPresenter,
            PopupPresenter,
            Presenter,
            ReminderController,
            TrayMessagePresenter,
            config_from,
        )
        from micromoments_tray.storage.paths import resources_dir
        from micromoments_tray.storage.reminder_state import ReminderStateStore, state_path
        from micromoments_tray.storage.repository import MomentQuery

        availability = create_availability(self.qt_app)
        tray_message = TrayMessagePresenter(self.tray.show_message)
        presenters: dict[str, Presenter] = {
            "popup": PopupPresenter(self._popup_anchor),
            "notification": NotifierPresenter(create_notifier(self.qt_app)),
            "fallback": tray_message,
        }

        def last_moment() -> datetime | None:
            if self.repo is None:
                return None
            newest = self.repo.query(MomentQuery(newest_first=True, limit=1))
            return newest[0].occurred_at if newest else None

        def kind_counts(since: datetime) -> dict[str, int]:
            if self.repo is None:
                return {}
            return dict(Counter(m.kind for m in self.repo.query(MomentQuery(since=since))))

        self._last_moment = last_moment
        self._last_moment_seen = last_moment()
        self.reminders = ReminderController(
            self.clock,
            ReminderStateStore(state_path(self.paths.data_dir)),
            config=lambda: config_from(self.settings),
            deck=lambda: load_deck(resources_dir() / "prompts"),
            last_moment=last_moment,
            kind_counts=kind_counts,
            availability=availability,
            presenters=presenters,
            person_suggestion=self.person_suggestion,
        )
        self.reminders.status_changed.connect(self._show_reminder_status)
        self.reminders.log_requested.connect(self.open_log_dialog)
        self.service.changed.connect(self._reminders_see_data)
        self.server.responder = self._respond
        # The week-end timer waits at most an hour at a time; a wake-up or a clock change that
        # the reminder clock check notices lets it look again at once.
        self.reminders.scheduler.gap_detected.connect(lambda _seconds: self.week_end.check())
        self.reminders.start()

    def person_suggestion(self, now: datetime) -> str | None:
        """One gentle keep-in-touch line for the most overdue person, at most once a day."""
        from micromoments_tray.core.people import KeepInTouchSuggester
        from micromoments_tray.services.week_end import settings_for

        if self.repo is None:
            return None
        if self._keep_in_touch is None:
            self._keep_in_touch = KeepInTouchSuggester(self.repo.people_stats)
        # The day boundary follows the user's week rules (a late day end counts for the evening).
        self._keep_in_touch.rules = settings_for(self.settings).rules
        return self._keep_in_touch(now)

    def _popup_anchor(self) -> QRect | None:
        return self.tray.geometry() if self.fallback is None else None

    def suggest_now(self) -> None:
        self.reminders.suggest_now()

    def _pause_reminders(self, choice: str) -> None:
        self.reminders.pause_for(choice)

    def _resume_reminders(self) -> None:
        self.reminders.resume()

    def _reminders_see_data(self) -> None:
        """A moment logged anywhere (here, the command line, an import) restarts the count."""
        newest = self._last_moment()
        seen = self._last_moment_seen
        if newest is not None and (seen is None or newest > seen):
            self.reminders.moment_logged()
        else:
            self.reminders.reschedule()  # an undo or a delete: count from what is left
        self._last_moment_seen = newest

    def _show_reminder_status(self, status: tuple[str, bool]) -> None:
        from micromoments_tray.ui.icons import app_icon, paused_icon

        text, paused = status

        if getattr(self, "_reminder_status", ("", False))[1] != paused:
            self.tray.set_icon(paused_icon() if paused else app_icon())
        self._reminder_status = (text, paused)
        self.tray.set_reminder_status(text, paused=paused)
        if self.fallback is not None:
            self.fallback.set_reminder_status(text, paused=paused)

    def _respond(self, message: ipc.Message) -> dict[str, object]:
        """Extra fields of the socket reply: the status, or why a pause is refused."""
        if message.cmd == "status":
            return self.reminders.status()
        if message.cmd == "pause":
            until = message.args.get("until")
            if until != "resumed":
                try:
                    _parse_until(until)
                except ValueError as exc:
                    return {"ok": False, "error": str(exc)}
        return {}

    def _refresh_views(self) -> None:
        from micromoments_tray.services.week_end import settings_for
        from micromoments_tray.storage.week_settings import week_end_plan

        rules = settings_for(self.settings).rules
        count = self.service.week_count(rules)
        log.info("moments this week: %d", count)
        shown = count if self.settings.get_bool("tooltip_week_count") else None
        self.tray.set_tooltip_count(shown)
        if self.fallback is not None:
            self.fallback.set_week_count(shown)
        if self._log_dialog is not None and self._log_dialog.isVisible():
            self._log_dialog.set_people(self.service.people())
        self.week_timer.start(int(self.service.seconds_to_next_week(rules) * 1000))
        if self._week_views is not None:
            self._week_views.refresh()
        self.week_end.configure(week_end_plan(self.settings), rules)
