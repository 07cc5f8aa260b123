"""The tray icon and its menu. It shows what it is given and emits what the user chose."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from micromoments_tray.core.kinds import Kind
from micromoments_tray.ui.wording import APP_TITLE, week_phrase, with_mnemonic

_UNDO_TEXT = "Undo last moment"
PAUSE_CHOICES: tuple[tuple[str, str], ...] = (
    ("30m", "30 minutes"),
    ("1h", "1 hour"),
    ("3h", "3 hours"),
    ("tomorrow", "Until tomorrow"),
    ("resumed", "Until I resume"),
)


class TrayIcon(QObject):
    """A QSystemTrayIcon with the MicroMoments menu.

    Menu: "Log a moment…", one item per kind (one-click logging), "Undo last moment" (only
    while an undo is on offer), "Settings…", "Quit MicroMoments". A click on the icon asks for
    the log dialog; a double click may ask twice, so the receiver should simply raise the dialog
    when it is already open.
    """

    log_dialog_requested = Signal()
    kind_chosen = Signal(str)
    settings_requested = Signal()
    undo_requested = Signal()
    quit_requested = Signal()
    suggest_requested = Signal()
    pause_requested = Signal(str)  # '30m', '1h', '3h', 'tomorrow' or 'resumed' (until resumed)
    resume_requested = Signal()
    week_requested = Signal()  # "This week…": the week's summary
    history_requested = Signal()
    people_requested = Signal()

    def __init__(self, icon: QIcon, kinds: Sequence[Kind], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._menu = QMenu()
        self._menu.setTitle(APP_TITLE)
        self._menu.setAccessibleName(f"{APP_TITLE} menu")
        self._menu.setToolTipsVisible(True)
        self.destroyed.connect(self._menu.deleteLater)
        used: set[str] = set()

        self.log_action = self._add("log", with_mnemonic("Log a moment…", used))
        self.log_action.setStatusTip("Open the log dialog to choose a kind and add details")
        self.log_action.triggered.connect(self.log_dialog_requested)
        self._menu.addSeparator()

        self.kind_actions: list[QAction] = []
        for kind in kinds:
            action = self._add(f"kind-{kind.id}", with_mnemonic(kind.label, used))
            action.setToolTip(kind.description)
            action.setStatusTip(kind.description)
            action.setData(kind.id)
            action.triggered.connect(lambda _checked=False, k=kind.id: self.kind_chosen.emit(k))
            self.kind_actions.append(action)
        self._menu.addSeparator()

        # "a": the first letters of "Suggest" are better left to Settings, Undo and the kinds.
        used.add("a")
        self.suggest_action = self._add("suggest", "Suggest &a moment")
        self.suggest_action.setStatusTip("Show one small suggestion now")
        self.suggest_action.triggered.connect(self.suggest_requested)
        self.pause_menu = QMenu(with_mnemonic("Pause reminders", used), self._menu)
        self.pause_menu.setObjectName("pause-menu")
        self.pause_menu.menuAction().setObjectName("pause-action")
        self.destroyed.connect(self.pause_menu.deleteLater)
        self.pause_actions: dict[str, QAction] = {}
        pause_used: set[str] = set()
        for key, label in PAUSE_CHOICES:
            action = self.pause_menu.addAction(with_mnemonic(label, pause_used))
            action.setObjectName(f"pause-{key}-action")
            action.triggered.connect(lambda _checked=False, k=key: self.pause_requested.emit(k))
            self.pause_actions[key] = action
        self.pause_menu.addSeparator()
        self.resume_action = self.pause_menu.addAction(with_mnemonic("Resume", pause_used))
        self.resume_action.setObjectName("resume-action")
        self.resume_action.triggered.connect(self.resume_requested)
        self._menu.addMenu(self.pause_menu)
        self._menu.addSeparator()

        self.week_action = self._add("week", with_mnemonic("This week…", used))
        self.week_action.setStatusTip("A look at this week's moments of connection")
        self.week_action.triggered.connect(self.week_requested)
        self.history_action = self._add("history", with_mnemonic("History…", used))
        self.history_action.setStatusTip("Every moment: search, edit, delete")
        self.history_action.triggered.connect(self.history_requested)
        self.people_action = self._add("people", with_mnemonic("People…", used))
        self.people_action.setStatusTip("The people you connect with, and keeping in touch")
        self.people_action.triggered.connect(self.people_requested)
        self._menu.addSeparator()

        self.undo_action = self._add("undo", with_mnemonic(_UNDO_TEXT, used))
        self.undo_action.triggered.connect(self.undo_requested)
        self._undo_mnemonic_text = self.undo_action.text()
        self.set_undo_available(False)

        self.settings_action = self._add("settings", with_mnemonic("Settings…", used))
        self.settings_action.triggered.connect(self.settings_requested)
        self._menu.addSeparator()

        self.quit_action = self._add("quit", with_mnemonic(f"Quit {APP_TITLE}", used))
        self.quit_action.triggered.connect(self.quit_requested)

        self._tray = QSystemTrayIcon(icon, self)
        self._tray.setContextMenu(self._menu)
        self._tray.activated.connect(self._on_activated)
        self._count_text = APP_TITLE
        self._reminder_text = ""
        self._hotkey_problem = ""
        self.set_tooltip_count(None)
        self.set_reminder_status("", paused=False)

    def _add(self, name: str, text: str) -> QAction:
        action = self._menu.addAction(text)
        action.setObjectName(f"{name}-action")
        return action

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.log_dialog_requested.emit()

    @staticmethod
    def available() -> bool:
        """Whether the desktop has a system tray to show the icon in."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self._tray.show()

    def hide(self) -> None:
        self._tray.hide()

    def is_visible(self) -> bool:
        return self._tray.isVisible()

    def set_icon(self, icon: QIcon) -> None:
        self._icon = icon
        self._tray.setIcon(icon)

    def set_tooltip_count(self, count: int | None) -> None:
        """'MicroMoments — 3 moments this week'; None shows just the name."""
        self._count_text = APP_TITLE if count is None else f"{APP_TITLE} — {week_phrase(count)}"
        self._update_tooltip()

    def set_reminder_status(self, text: str, *, paused: bool) -> None:
        """A second tooltip line ('Next suggestion around 16:10'); Resume only while paused."""
        self._reminder_text = text
        self.resume_action.setEnabled(paused)
        self._update_tooltip()

    def set_hotkey_problem(self, text: str) -> None:
        """A tooltip line only while the quick-log shortcut has a problem ("" clears it)."""
        self._hotkey_problem = text
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        lines = [self._count_text] + ([self._reminder_text] if self._reminder_text else [])
        lines += [self._hotkey_problem] if self._hotkey_problem else []
        self._tray.setToolTip("\n".join(lines))

    def tooltip(self) -> str:
        return self._tray.toolTip()

    def set_undo_available(self, available: bool, label: str = "") -> None:
        """Show "Undo last moment (Smile)" in the menu while an undo is on offer."""
        text = self._undo_mnemonic_text
        if available and label:
            text = f"{text} ({label.replace('&', '&&')})"
        self.undo_action.setText(text)
        self.undo_action.setVisible(available)
        self.undo_action.setEnabled(available)

    def show_message(self, title: str, text: str, msecs: int = 10_000) -> None:
        self._tray.showMessage(title, text, self._icon, msecs)

    def geometry(self) -> QRect:
        """Where the icon sits on screen (an empty rect when the host does not say)."""
        return self._tray.geometry()

    def menu(self) -> QMenu:
        return self._menu
