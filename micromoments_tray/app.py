"""The composition root: builds every service and widget and connects them. No product rules here.

Start-up order (logged): logging → hand over to a running instance → instance lock → Qt →
settings → database → instance socket → widgets → tray (or the fallback window).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import time
from typing import TYPE_CHECKING

from micromoments_tray import APP_ID, __version__, ipc
from micromoments_tray.clock import Clock, SystemClock
from micromoments_tray.desktop.instance_lock import InstanceLock
from micromoments_tray.paths import AppPaths, ensure_private_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from micromoments_tray.storage.repository import MomentRepository
    from micromoments_tray.ui.fallback_window import FallbackWindow
    from micromoments_tray.ui.log_dialog import LogDialog
    from micromoments_tray.ui.tray import TrayIcon

log = logging.getLogger("micromoments")
# How long a new process waits for an instance that holds the lock but is not listening yet.
HANDOVER_WAIT_S = 5.0


def setup_logging(paths: AppPaths) -> None:
    ensure_private_dir(paths.log_dir)
    handler = logging.handlers.RotatingFileHandler(
        paths.log_file, maxBytes=512_000, backupCount=2, encoding="utf-8"
    )
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

    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
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


class MicroMomentsApp:
    """Owns the services and widgets of one running app and wires their signals together."""

    def __init__(self, paths: AppPaths, clock: Clock, qt_app: QApplication) -> None:
        self.paths = paths
        self.clock = clock
        self.qt_app = qt_app
        self.repo: MomentRepository | None = None
        self._log_dialog: LogDialog | None = None

    # -- start-up ------------------------------------------------------------------------------

    def start(self, *, smoke_test: bool = False) -> int | None:
        """Build everything. Returns an exit code to stop early, None to enter the event loop."""
        from PySide6.QtCore import Qt, QTimer

        from micromoments_tray.core.kinds import KINDS
        from micromoments_tray.desktop.moments_service import MomentsService
        from micromoments_tray.desktop.single_instance import InstanceServer
        from micromoments_tray.storage.settings import SettingsStore
        from micromoments_tray.ui.icons import app_icon
        from micromoments_tray.ui.tray import TrayIcon
        from micromoments_tray.ui.undo_toast import UndoToast

        self.settings_store = SettingsStore(self.paths.settings)
        self.settings = self.settings_store.load()
        for problem in self.settings.problems:
            log.warning("settings: %s", problem)

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
        self.toast = UndoToast()
        self.fallback: FallbackWindow | None = None

        self._connect_actions(self.tray)
        self.toast.undo_clicked.connect(self.undo_last)
        self.service.changed.connect(self._refresh_views)

        self.undo_timer = QTimer()
        self.undo_timer.setSingleShot(True)
        self.undo_timer.timeout.connect(self._undo_expired)
        # The week count changes by itself only when a new week starts: one timer for that.
        self.week_timer = QTimer()
        self.week_timer.setSingleShot(True)
        self.week_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.week_timer.timeout.connect(self._refresh_views)
        self._refresh_views()

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
    def log_dialog(self) -> LogDialog:
        """Built on first use: it is the largest window, and start-up should stay light."""
        if self._log_dialog is None:
            from micromoments_tray.core.kinds import KINDS
            from micromoments_tray.ui.log_dialog import LogDialog

            self._log_dialog = LogDialog(KINDS)
            self._log_dialog.submitted.connect(self._on_submitted)
        return self._log_dialog

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
        self.settings_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _apply_settings(self, changes: dict[str, object]) -> None:
        self.settings = self.settings.with_changes(changes)
        try:
            self.settings_store.save(self.settings)
        except OSError as exc:
            self._warn("Settings not saved", f"{self.paths.settings}: {exc.strerror}")
        self._refresh_views()

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

    def _store(self, write: object) -> bool:
        import sqlite3

        from micromoments_tray.core.kinds import kind_by_id
        from micromoments_tray.core.moments import MomentError

        assert callable(write)
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
        self.toast.hide()

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

    def _refresh_views(self) -> None:
        count = self.service.week_count()
        log.info("moments this week: %d", count)
        shown = count if self.settings.get_bool("tooltip_week_count") else None
        self.tray.set_tooltip_count(shown)
        if self.fallback is not None:
            self.fallback.set_week_count(shown)
        if self._log_dialog is not None and self._log_dialog.isVisible():
            self._log_dialog.set_people(self.service.people())
        self.week_timer.start(int(self.service.seconds_to_next_week() * 1000))
