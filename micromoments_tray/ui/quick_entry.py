"""The quick-log palette: one line to type a moment in, opened by the global shortcut.

    thanked @Sam at the bakery +4      [Enter]

Chips under the line show what will be saved while typing. Enter hands a MomentDraft over
through `submitted` and closes; Tab (or "More details…") asks for the full log dialog through
`details_requested`; Up brings back the last line logged; Escape closes without saving. The
palette never saves anything itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QPoint, QRect, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from micromoments_tray.core.kinds import kind_by_id
from micromoments_tray.core.moments import MomentDraft
from micromoments_tray.core.quick_entry import ParseError, QuickEntry
from micromoments_tray.qt_machinery import set_enum_property
from micromoments_tray.ui.palette import AlertLabel, make_caption
from micromoments_tray.ui.wording import APP_TITLE

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QCloseEvent, QKeyEvent

TITLE = "Log a moment — quick"
PLACEHOLDER = "thanked @Sam at the bakery +4"
HINT = "Enter logs it · Tab adds details · ↑ brings back the last one · Esc closes"
WIDTH = 560
CHIP_STYLE = (
    "QLabel { background-color: palette(alternate-base); border: 1px solid palette(mid);"
    " border-radius: 9px; padding: 1px 8px; }"
)
GUESS_STYLE = CHIP_STYLE.replace("solid", "dashed")

Parse = Callable[[str], QuickEntry]


class QuickEntryPalette(QWidget):
    """Built once at start-up; `popup()` shows it at once, centred on the cursor's screen.

    Its window flags and key handling are set up at the first popup: they need PySide6's `Qt`
    and QEvent enum types, which cost start-up ~15 ms and ~1.5 MB (see qt_machinery.py).
    """

    submitted = Signal(object)  # MomentDraft
    details_requested = Signal(object)  # MomentDraft; kind "" when no word implied one
    closed = Signal()

    def __init__(self, parse: Parse, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = False  # flags and key handling are set at the first popup
        self.setWindowTitle(TITLE)
        self.setObjectName("quick-entry")
        self._parse = parse
        self._last_line = ""
        self._entry: QuickEntry | None = None
        self._error: ParseError | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(8)

        self.line = QLineEdit()
        self.line.setObjectName("line")
        self.line.setPlaceholderText(PLACEHOLDER)
        self.line.setMinimumHeight(34)
        font = self.line.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.15)
        self.line.setFont(font)
        self.line.textChanged.connect(self._update)
        outer.addWidget(self.line)

        self.chip_row = QHBoxLayout()
        self.chip_row.setContentsMargins(0, 0, 0, 0)
        self.chip_row.setSpacing(6)
        self.chips: list[QLabel] = []
        chips_holder = self.chips_holder = QWidget()
        chips_holder.setObjectName("chips")
        chips_holder.setLayout(self.chip_row)
        chips_holder.setMinimumHeight(24)
        outer.addWidget(chips_holder)
        self._error_label: AlertLabel | None = None  # made for the first problem shown

        bottom = QHBoxLayout()
        self.hint_label = QLabel(HINT)
        self.hint_label.setObjectName("hint")
        make_caption(self.hint_label)
        bottom.addWidget(self.hint_label, 1)
        self.details_button = QPushButton("More details…")
        self.details_button.setObjectName("details")
        self.details_button.setAutoDefault(False)
        set_enum_property(self.details_button, "focusPolicy", "NoFocus")
        self.details_button.setFlat(True)
        self.details_button.clicked.connect(self.ask_details)
        bottom.addWidget(self.details_button)
        outer.addLayout(bottom)

        self.setFixedWidth(WIDTH)
        self._update("")
        self.adjustSize()

    # -- public --------------------------------------------------------------------------------

    def popup(self) -> None:
        """Show, centred on the screen with the cursor, and take the keyboard focus.

        Only ever called for the user's own shortcut press (or `micromoments quick-log`), so
        taking focus is what they asked for.
        """
        if not self._ready:
            self._get_ready()
        if not self.isVisible():
            target = self._position()
            if target != self.pos():  # moving a window costs a round trip; skip when in place
                self.move(target)
        was_visible = self.isVisible()
        self.line.setFocus(self._focus_reason)  # before mapping: no repaint
        self.line.selectAll()
        self.show()
        if was_visible:
            self.raise_()  # a newly mapped window is on top already
        self.activateWindow()

    @property
    def error_label(self) -> AlertLabel:
        """The problem with the line, under it (in the chips' place)."""
        if self._error_label is None:
            label = AlertLabel()
            label.setObjectName("error")
            label.setAccessibleName("Problem")
            label.hide()
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.chips_holder) + 1, label)
            self._error_label = label
        return self._error_label

    def _get_ready(self) -> None:
        """What only a shown window needs: flags, names for assistive technology, key handling.

        Setting these at start-up would make the app build PySide6's `Qt` and QEvent enum
        types and Qt's accessibility bridge before any window is shown.
        """
        from PySide6.QtCore import QEvent, Qt

        # A plain top-level window without minimise and maximise buttons: showing it is as quick
        # as any window (a dialog or stay-on-top hint costs the window manager extra work on
        # every show); it is raised and activated when it pops up.
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.CustomizeWindowHint
            | Qt.WindowType.WindowTitleHint
            | Qt.WindowType.WindowCloseButtonHint
        )
        self._focus_reason = Qt.FocusReason.ActiveWindowFocusReason
        self._key_press = QEvent.Type.KeyPress
        self._escape = Qt.Key.Key_Escape
        self._line_keys: dict[int, Callable[[], object]] = {
            Qt.Key.Key_Return: self.submit,
            Qt.Key.Key_Enter: self.submit,
            Qt.Key.Key_Tab: self.ask_details,
            Qt.Key.Key_Up: self.recall,
            Qt.Key.Key_Escape: self.close,
        }
        self.setAccessibleName(f"{TITLE} ({APP_TITLE})")
        self.line.setAccessibleName("What happened")
        self.line.setAccessibleDescription(
            "Use @name for people, +1 to +5 for how it felt, and a time such as 14:05 at the start"
        )
        self.line.installEventFilter(self)
        self._ready = True

    def restore(self, text: str, message: str = "") -> None:
        """Bring a line back (saving failed): nothing the user typed is lost."""
        self.line.setText(text)
        if message:
            self._show_error(message)
        self.popup()

    def last_line(self) -> str:
        return self._last_line

    def entry(self) -> QuickEntry | None:
        """The line as read so far (None while it has a problem)."""
        return self._entry

    # -- behaviour -----------------------------------------------------------------------------

    def submit(self) -> None:
        text = self.line.text()
        self._update(text)
        if self._error is not None:
            self.line.setFocus()
            return
        entry = self._entry
        if entry is None or entry.is_empty():
            self._show_error("Type a few words about what happened, then press Enter.")
            return
        self._last_line = text
        self.line.clear()
        self.hide()
        self.submitted.emit(entry.draft())

    def ask_details(self) -> None:
        text = self.line.text()
        entry = self._entry
        if entry is not None and self._error is None:
            draft = entry.draft()._replace(kind=entry.kind or "")
        else:
            draft = MomentDraft(kind="", note=text.strip())
        self.line.clear()
        self.hide()
        self.details_requested.emit(draft)

    def recall(self) -> None:
        if self._last_line:
            self.line.setText(self._last_line)
            self.line.end(False)

    def _update(self, text: str) -> None:
        try:
            self._entry = self._parse(text)
            self._error = None
        except ParseError as exc:
            self._entry = None
            self._error = exc
        self._show_chips()
        self.chips_holder.setVisible(self._error is None)  # the message takes the chips' place
        if self._error is not None:
            self._show_error(self._error.message)
        elif self._error_label is not None:
            self._error_label.clear()
            self._error_label.hide()
        self._fit()

    def _show_chips(self) -> None:
        for chip in self.chips:
            self.chip_row.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        while self.chip_row.count():
            self.chip_row.takeAt(0)
        entry = self._entry
        if entry is None:
            self.chip_row.addStretch(1)
            return
        labels: list[tuple[str, str, bool]] = []  # (field, text, guessed)
        if entry.kind is not None:
            labels.append(("kind", kind_by_id(entry.kind).label, False))
        elif not entry.is_empty():
            labels.append(("kind", f"{kind_by_id(entry.resolved_kind).label}?", True))
        labels.extend(("person", f"@ {name}", False) for name in entry.people)
        if entry.feeling is not None:
            labels.append(("feeling", f"Feeling {entry.feeling}/5", False))
        labels.extend(("time", part.label, False) for part in entry.chips if part.field == "time")
        for field, text, guessed in labels:
            chip = QLabel(text)
            chip.setObjectName(f"chip-{field}")
            chip.setStyleSheet(GUESS_STYLE if guessed else CHIP_STYLE)
            set_enum_property(chip, "textFormat", "PlainText")
            if guessed:
                chip.setToolTip("No word in the line names a kind, so this one is assumed")
            chip.setAccessibleName(f"{field}: {text}")
            self.chip_row.addWidget(chip)
            self.chips.append(chip)
        self.chip_row.addStretch(1)

    def chip_texts(self) -> list[str]:
        return [chip.text() for chip in self.chips]

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self._fit()

    def _fit(self) -> None:
        layout = self.layout()
        if layout is not None:
            layout.activate()
            height = layout.totalHeightForWidth(WIDTH) if layout.hasHeightForWidth() else -1
            self.setFixedHeight(height if height > 0 else layout.totalSizeHint().height())

    def _position(self) -> QPoint:
        screens = QGuiApplication.screens()
        screen = QGuiApplication.primaryScreen()
        if len(screens) > 1:  # asking where the pointer is costs a round trip to the server
            screen = QGuiApplication.screenAt(QCursor.pos()) or screen
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)
        size = self.frameSize().expandedTo(self.sizeHint())
        x = area.center().x() - size.width() // 2
        y = area.top() + (area.height() - size.height()) * 2 // 5  # a little above the middle
        return QPoint(max(area.left(), x), max(area.top(), y))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == self._key_press:
            action = self._line_keys.get(cast("QKeyEvent", event).key())
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._ready and event.key() == self._escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The line is kept: a slip of Escape loses nothing, and the next popup selects it all.
        super().closeEvent(event)
        self.closed.emit()
