"""A small note near the tray icon after logging: "Logged: Smile  [Undo]". It never takes focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QEnterEvent,
    QGuiApplication,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QScreen,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from micromoments_tray.ui.palette import quiet_window_flags
from micromoments_tray.ui.wording import APP_TITLE

MARGIN = 12  # distance from the tray icon or the screen edge


class UndoToast(QWidget):
    """A frameless tool window that shows without activating and hides itself on a timer.

    The keyboard route to the same undo is the tray menu's "Undo last moment": this window
    never accepts focus, so typing elsewhere is never interrupted.
    """

    undo_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, quiet_window_flags())
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("undo-toast")
        self.setAccessibleName(f"{APP_TITLE} notice")

        self.hide_timer = QTimer(self)
        self.hide_timer.setSingleShot(True)
        self.hide_timer.timeout.connect(self.hide)
        self._interval_ms = 8000

        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 12, 12)
        layout.setSpacing(16)
        self.label = QLabel()
        self.label.setObjectName("toast-text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label, 1)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("undo")
        self.undo_button.setAccessibleName("Undo")
        self.undo_button.setAccessibleDescription("Take back the moment just logged")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.undo_button.clicked.connect(self._on_undo)
        layout.addWidget(self.undo_button)

    def show_message(self, text: str, seconds: int, anchor: QRect | None = None) -> None:
        """Show `text` for `seconds` near `anchor` (the tray icon), else at the bottom right."""
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.adjustSize()
        self.move(self._position(anchor))
        self.show()
        self.raise_()
        self._interval_ms = max(1, seconds) * 1000
        self.hide_timer.start(self._interval_ms)

    def _position(self, anchor: QRect | None) -> QPoint:
        size = self.sizeHint().expandedTo(self.size())
        usable = anchor is not None and anchor.isValid() and not anchor.isEmpty()
        screen: QScreen | None = None
        if usable and anchor is not None:
            screen = QGuiApplication.screenAt(anchor.center())
        if screen is None:
            screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)
        if usable and anchor is not None:
            x = anchor.center().x() - size.width() // 2
            if anchor.center().y() > area.center().y():
                y = anchor.top() - size.height() - MARGIN  # panel at the bottom: above it
            else:
                y = anchor.bottom() + MARGIN  # panel at the top: below it
        else:
            x = area.right() - size.width() - MARGIN
            y = area.bottom() - size.height() - MARGIN
        x = max(area.left() + MARGIN, min(x, area.right() - size.width() - MARGIN))
        y = max(area.top() + MARGIN, min(y, area.bottom() - size.height() - MARGIN))
        return QPoint(x, y)

    def _on_undo(self) -> None:
        self.hide_timer.stop()
        self.hide()
        self.undo_clicked.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        self.hide_timer.stop()
        super().hideEvent(event)

    def enterEvent(self, event: QEnterEvent) -> None:
        # Reading or reaching for Undo: hold still while the pointer is on the note.
        self.hide_timer.stop()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self.isVisible():
            self.hide_timer.start(self._interval_ms)
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
