"""The gentle pop-up: one suggestion and three choices, near the tray, never taking focus.

It shows without activating, so the keys the user is typing keep going where they were going.
A click inside it makes it focusable (the user reached for it): then Tab moves between the
buttons, Alt+letter or Enter chooses, Escape closes. It fades in and out and dismisses itself
after DISMISS_MS; letting it go counts as "ignored".
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPoint,
    QPropertyAnimation,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QCursor,
    QEnterEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QScreen,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from micromoments_tray.ui.palette import is_dark, make_caption, quiet_window_flags
from micromoments_tray.ui.wording import APP_TITLE

DISMISS_MS = 30_000
FADE_MS = 220
MARGIN = 14
WIDTH = 380
ACCENT_LIGHT = "#d9822b"  # the warm orange of the icon; a softer one on dark palettes
ACCENT_DARK = "#f5a83a"


class ReminderPopup(QWidget):
    """`chosen(action)`: 'did-one', 'later', 'not-today', 'never-again', 'closed', 'ignored'."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, quiet_window_flags())
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(f"{APP_TITLE} suggestion")
        self.setObjectName("reminder-popup")
        self.setAccessibleName(f"{APP_TITLE} suggestion")
        self.setFixedWidth(WIDTH)

        self.dismiss_timer = QTimer(self)
        self.dismiss_timer.setSingleShot(True)
        self.dismiss_timer.setInterval(DISMISS_MS)
        self.dismiss_timer.timeout.connect(lambda: self._finish("ignored"))

        self.fade = QPropertyAnimation(self, b"windowOpacity", self)
        self.fade.setDuration(FADE_MS)
        self.fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self.fade.finished.connect(self._fade_finished)
        self._fading_out = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 16, 16, 12)
        outer.setSpacing(10)

        self.heading = QLabel()
        self.heading.setObjectName("kind")
        make_caption(self.heading)
        outer.addWidget(self.heading)

        self.text_label = QLabel()
        self.text_label.setObjectName("prompt")
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.text_label.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.12)
        self.text_label.setFont(font)
        outer.addWidget(self.text_label)

        row = QHBoxLayout()
        row.setSpacing(8)
        self.did_button = self._button("&I did one", "did-one", "I did one")
        self.did_button.setAccessibleDescription("Open the log dialog to note the moment")
        self.did_button.setDefault(True)
        self.later_button = self._button("&Later", "later", "Later")
        self.later_button.setAccessibleDescription("Suggest this again in half an hour")
        self.not_today_button = self._button("&Not today", "not-today", "Not today")
        self.not_today_button.setAccessibleDescription("No more suggestions until tomorrow")
        for button in (self.did_button, self.later_button, self.not_today_button):
            row.addWidget(button)
        row.addStretch(1)
        outer.addLayout(row)

        self.never_button = self._button("&Don't suggest this again", "never-again", "")
        self.never_button.setAccessibleName("Don't suggest this again")
        self.never_button.setAccessibleDescription("Leave this prompt out from now on")
        self.never_button.setFlat(True)
        self.never_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.never_button.setForegroundRole(QPalette.ColorRole.Link)
        make_caption(self.never_button)
        self.never_button.setForegroundRole(QPalette.ColorRole.Link)
        outer.addWidget(self.never_button, 0, Qt.AlignmentFlag.AlignRight)

    def _button(self, text: str, action: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(action)
        if name:
            button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAutoDefault(True)
        button.clicked.connect(lambda _checked=False, a=action: self._finish(a))
        return button

    # -- showing ----------------------------------------------------------------------------

    def show_suggestion(self, text: str, kind_label: str, anchor: QRect | None = None) -> None:
        """Show `text` near the tray corner of the screen the user is on; never activates."""
        self.heading.setText(f"A small moment · {kind_label}")
        self.text_label.setText(text)
        self.text_label.setAccessibleName(text)
        self.setAccessibleDescription(text)
        self._set_focusable(False)
        self.adjustSize()
        self.move(self.position(anchor))
        self._fading_out = False
        self.fade.stop()
        self.setWindowOpacity(0.0)
        self.show()
        self.raise_()
        self.fade.setStartValue(0.0)
        self.fade.setEndValue(1.0)
        self.fade.start()
        self.dismiss_timer.start()

    def position(self, anchor: QRect | None) -> QPoint:
        """Top-left for the window: beside the tray icon when it is on the screen with the
        cursor, else in that screen's bottom-right corner (where most trays live)."""
        size = self.sizeHint().expandedTo(self.size())
        screen: QScreen | None = QGuiApplication.screenAt(QCursor.pos())
        if screen is None:
            screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)
        usable = anchor is not None and anchor.isValid() and area.contains(anchor.center())
        if usable and anchor is not None:
            right = anchor.center().x() > area.center().x()
            bottom = anchor.center().y() > area.center().y()
        else:
            right, bottom = True, True
        x = area.right() - size.width() - MARGIN if right else area.left() + MARGIN
        y = area.bottom() - size.height() - MARGIN if bottom else area.top() + MARGIN
        if usable and anchor is not None:  # clear of the panel the icon sits in
            y = (
                min(y, anchor.top() - size.height() - MARGIN)
                if bottom
                else max(y, anchor.bottom() + MARGIN)
            )
        return QPoint(x, y)

    def dismiss(self) -> None:
        """Fade out without reporting anything (the controller already knows)."""
        self.dismiss_timer.stop()
        if self.isVisible() and not self._fading_out:
            self._fading_out = True
            self.fade.stop()
            self.fade.setStartValue(self.windowOpacity())
            self.fade.setEndValue(0.0)
            self.fade.start()

    def _finish(self, action: str) -> None:
        if not self.isVisible() or self._fading_out:
            return
        self.dismiss()
        self.chosen.emit(action)

    def _fade_finished(self) -> None:
        if self._fading_out:
            self.hide()
            self._fading_out = False

    def _set_focusable(self, focusable: bool) -> None:
        """Accept focus only once the user reached for the window (X11 WM_HINTS input)."""
        handle = self.windowHandle()
        flags = self.windowFlags()
        if focusable:
            flags &= ~Qt.WindowType.WindowDoesNotAcceptFocus
        else:
            flags |= Qt.WindowType.WindowDoesNotAcceptFocus
        if handle is not None:
            handle.setFlags(flags)  # changes the hint without re-creating the window
        else:
            self.setWindowFlags(flags)

    # -- events -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # The user reached for it: let the keyboard in too.
        self._set_focusable(True)
        self.activateWindow()
        self.did_button.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._finish("closed")
            return
        super().keyPressEvent(event)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.dismiss_timer.stop()  # reading it: hold still
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self.isVisible() and not self._fading_out:
            self.dismiss_timer.start()
        super().leaveEvent(event)

    def accent(self) -> QColor:
        return QColor(ACCENT_DARK if is_dark(self.palette()) else ACCENT_LIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = self.rect().adjusted(0, 0, -1, -1)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(rect)
        painter.fillRect(QRect(0, 0, 5, self.height()), self.accent())
        painter.end()
