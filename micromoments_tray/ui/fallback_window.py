"""A small window with the tray menu's actions, for desktops that have no system tray."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from micromoments_tray.core.kinds import KINDS, Kind
from micromoments_tray.ui.palette import make_caption, make_heading
from micromoments_tray.ui.tray import PAUSE_CHOICES
from micromoments_tray.ui.wording import APP_TITLE, week_phrase, with_mnemonic

KIND_COLUMNS = 4
NO_TRAY_HINT = (
    "No system tray was found, so MicroMoments lives in this window. On GNOME, install the "
    "“AppIndicator and KStatusNotifierItem Support” extension, then restart MicroMoments to "
    "get a tray icon. Closing this window quits MicroMoments."
)


class FallbackWindow(QWidget):
    """The tray menu as a window. Closing it asks to quit; call hide() to dismiss it quietly.

    It shows without taking focus (it may appear at login while the user is typing); the app
    may call activateWindow() when the user started MicroMoments by hand.
    """

    log_dialog_requested = Signal()
    kind_chosen = Signal(str)
    settings_requested = Signal()
    undo_requested = Signal()
    quit_requested = Signal()
    suggest_requested = Signal()
    pause_requested = Signal(str)  # as TrayIcon.pause_requested
    resume_requested = Signal()
    week_requested = Signal()
    history_requested = Signal()
    people_requested = Signal()

    def __init__(self, kinds: Sequence[Kind] = KINDS, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("fallback-window")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        used: set[str] = set()

        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 18)
        outer.setSpacing(12)

        heading = QLabel(APP_TITLE)
        make_heading(heading)
        outer.addWidget(heading)
        self.count_label = QLabel()
        self.count_label.setObjectName("week-count")
        outer.addWidget(self.count_label)

        self.log_button = QPushButton(with_mnemonic("Log a moment…", used))
        self.log_button.setObjectName("log")
        self.log_button.setAccessibleName("Log a moment")
        self.log_button.setAccessibleDescription("Open the log dialog to add details")
        self.log_button.setMinimumHeight(40)
        self.log_button.clicked.connect(self.log_dialog_requested)
        outer.addWidget(self.log_button)

        quick = QLabel("Or log one right away:")
        make_caption(quick)
        outer.addWidget(quick)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.kind_buttons: dict[str, QPushButton] = {}
        for index, kind in enumerate(kinds):
            button = QPushButton(with_mnemonic(kind.label, used))
            button.setObjectName(f"kind-{kind.id}")
            button.setToolTip(kind.description)
            button.setAccessibleName(f"Log {kind.label}")
            button.setAccessibleDescription(kind.description)
            button.setMinimumHeight(34)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, k=kind.id: self.kind_chosen.emit(k))
            grid.addWidget(button, index // KIND_COLUMNS, index % KIND_COLUMNS)
            self.kind_buttons[kind.id] = button
        outer.addLayout(grid)

        reminders = QHBoxLayout()
        reminders.setSpacing(8)
        self.suggest_button = QPushButton(with_mnemonic("Suggest a moment", used))
        self.suggest_button.setObjectName("suggest")
        self.suggest_button.setAccessibleName("Suggest a moment")
        self.suggest_button.clicked.connect(self.suggest_requested)
        reminders.addWidget(self.suggest_button)
        self.pause_button = QPushButton(with_mnemonic("Pause reminders", used))
        self.pause_button.setObjectName("pause")
        self.pause_button.setAccessibleName("Pause reminders")
        self.pause_menu = QMenu(self.pause_button)
        pause_used: set[str] = set()
        for key, label in PAUSE_CHOICES:
            action = self.pause_menu.addAction(with_mnemonic(label, pause_used))
            action.triggered.connect(lambda _checked=False, k=key: self.pause_requested.emit(k))
        self.pause_menu.addSeparator()
        self.resume_action = self.pause_menu.addAction(with_mnemonic("Resume", pause_used))
        self.resume_action.triggered.connect(self.resume_requested)
        self.pause_button.setMenu(self.pause_menu)
        reminders.addWidget(self.pause_button)
        reminders.addStretch(1)
        outer.addLayout(reminders)
        self.reminder_label = QLabel()
        self.reminder_label.setObjectName("reminder-status")
        make_caption(self.reminder_label)
        outer.addWidget(self.reminder_label)

        looks = QHBoxLayout()
        looks.setSpacing(8)
        for name, text, signal in (
            ("week", "This week…", self.week_requested),
            ("history", "History…", self.history_requested),
            ("people", "People…", self.people_requested),
        ):
            button = QPushButton(with_mnemonic(text, used))
            button.setObjectName(name)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(signal)
            looks.addWidget(button)
            setattr(self, f"{name}_button", button)
        looks.addStretch(1)
        outer.addLayout(looks)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addWidget(line)

        row = QHBoxLayout()
        row.setSpacing(8)
        self.undo_button = QPushButton(with_mnemonic("Undo last moment", used))
        self.undo_button.setObjectName("undo")
        self.undo_button.setAccessibleName("Undo last moment")
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_button.hide()
        row.addWidget(self.undo_button)
        row.addStretch(1)
        self.settings_button = QPushButton(with_mnemonic("Settings…", used))
        self.settings_button.setObjectName("settings")
        self.settings_button.setAccessibleName("Settings")
        self.settings_button.clicked.connect(self.settings_requested)
        row.addWidget(self.settings_button)
        self.quit_button = QPushButton(with_mnemonic("Quit", used))
        self.quit_button.setObjectName("quit")
        self.quit_button.setAccessibleName("Quit MicroMoments")
        self.quit_button.clicked.connect(self.quit_requested)
        row.addWidget(self.quit_button)
        outer.addLayout(row)

        self.hint_label = QLabel(NO_TRAY_HINT)
        self.hint_label.setObjectName("hint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        make_caption(self.hint_label)
        outer.addWidget(self.hint_label)

        self.set_week_count(None)
        self.resize(self.sizeHint().expandedTo(QSize(480, 0)))

    def set_week_count(self, count: int | None) -> None:
        """'3 moments this week'; None hides the count."""
        if count is None:
            self.count_label.clear()
            self.count_label.hide()
            return
        phrase = week_phrase(count)
        self.count_label.setText(phrase[0].upper() + phrase[1:])
        self.count_label.show()

    def set_reminder_status(self, text: str, *, paused: bool) -> None:
        self.reminder_label.setText(text)
        self.reminder_label.setVisible(bool(text))
        self.resume_action.setEnabled(paused)

    def set_undo_available(self, available: bool, label: str = "") -> None:
        text = "Undo last moment" + (f" ({label})" if available and label else "")
        self.undo_button.setAccessibleName(text)
        self.undo_button.setText("&" + text.replace("&", "&&"))
        self.undo_button.setVisible(available)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        self.quit_requested.emit()
