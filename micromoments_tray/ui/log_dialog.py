"""The log dialog: one click on a kind logs a moment; who, a note, a feeling and when are optional.

The dialog hands over a MomentDraft through `submitted`; it never saves anything itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import (
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from micromoments_tray.core.kinds import Kind, default_kind
from micromoments_tray.core.moments import (
    FEELING_MAX,
    FEELING_MIN,
    NOTE_MAX,
    MomentDraft,
    MomentError,
    validate_feeling,
    validate_kind,
    validate_note,
    validate_occurred_at,
    validate_people,
)
from micromoments_tray.ui.palette import AlertLabel, make_caption, make_heading
from micromoments_tray.ui.qt_time import to_qdatetime
from micromoments_tray.ui.wording import APP_TITLE, plain, with_mnemonic

KIND_COLUMNS = 4
NOTE_COUNTER_FROM = NOTE_MAX - 100  # the counter appears once the note gets near the limit
# The chosen feeling must stand out in every theme: fill it with the palette's highlight.
FEELING_CHECKED_STYLE = (
    "QPushButton:checked { background-color: palette(highlight);"
    " color: palette(highlighted-text); border: 1px solid palette(highlight);"
    " border-radius: 3px; font-weight: bold; }"
)
NOTE_SHORTCUT_HINT = "Ctrl+Enter logs it from here"
FEELING_WORDS = {1: "a little", 2: "somewhat", 3: "connected", 4: "very", 5: "deeply"}


def split_people(text: str) -> list[str]:
    """The names in a comma-separated 'Who' field, blanks dropped (validation comes later)."""
    return [part.strip() for part in text.split(",") if part.strip()]


class PeopleCompleter(QCompleter):
    """Completes the name being typed after the last comma, keeping the names before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].lstrip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        chosen = super().pathFromIndex(index)
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head, comma, _ = text.rpartition(",")
        return f"{head.rstrip()}, {chosen}" if comma else chosen


class LogDialog(QDialog):
    """Choose a kind to log a moment now; add details first if you like.

    Call `prepare(now, people, kind)` before each show. `submitted` carries a MomentDraft whose
    `occurred_at` is None unless the user changed "When".
    """

    submitted = Signal(object)

    def __init__(self, kinds: Sequence[Kind], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Log a moment — {APP_TITLE}")
        self.setObjectName("log-dialog")
        self._kinds = tuple(kinds)
        # Alt+letter works for every kind; W, N, F and H belong to the detail fields.
        mnemonics: set[str] = {"w", "n", "f", "h"}
        self._preset_kind: str | None = None
        self._now: datetime | None = None
        self._prepared_when = QDateTime()
        self._resetting = False
        self._when_edited = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(14)

        heading = QLabel("What kind of moment was it?")
        make_heading(heading)
        heading.setObjectName("heading")
        outer.addWidget(heading)

        # One button per kind: one click logs the moment.
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        self.kind_buttons: dict[str, QPushButton] = {}
        for index, kind in enumerate(self._kinds):
            button = QPushButton(with_mnemonic(kind.label, mnemonics))
            button.setObjectName(f"kind-{kind.id}")
            button.setToolTip(kind.description)
            button.setAccessibleName(f"Log {kind.label}")
            button.setAccessibleDescription(kind.description)
            button.setMinimumHeight(44)
            button.setMinimumWidth(118)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, k=kind.id: self._submit(k))
            grid.addWidget(button, index // KIND_COLUMNS, index % KIND_COLUMNS)
            self.kind_buttons[kind.id] = button
        outer.addLayout(grid)

        self.hint_label = QLabel()
        self.hint_label.setObjectName("hint")
        make_caption(self.hint_label)
        outer.addWidget(self.hint_label)

        # Optional details, always reachable.
        self.details = QGroupBox("Add details (optional)")
        self.details.setObjectName("details")
        self.details.setAccessibleName("Add details (optional)")
        form = QFormLayout(self.details)
        form.setContentsMargins(14, 14, 14, 14)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.who_edit = QLineEdit()
        self.who_edit.setObjectName("who")
        self.who_edit.setPlaceholderText("Names, separated by commas")
        self.who_edit.setAccessibleName("Who")
        self.who_edit.setAccessibleDescription("The people you shared this moment with")
        self.who_edit.setClearButtonEnabled(True)
        self.people_model = QStringListModel(self)
        self.completer = PeopleCompleter(self.people_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.who_edit.setCompleter(self.completer)
        self.who_edit.textChanged.connect(self._update_default)
        who_label = QLabel("&Who")
        who_label.setBuddy(self.who_edit)
        form.addRow(who_label, self.who_edit)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("note")
        self.note_edit.setPlaceholderText("Anything you would like to remember")
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setAccessibleDescription(
            f"Up to {NOTE_MAX} characters. Control+Enter logs the moment."
        )
        self.note_edit.setTabChangesFocus(True)
        line = self.note_edit.fontMetrics().lineSpacing()
        self.note_edit.setFixedHeight(line * 4 + 14)
        self.note_edit.textChanged.connect(self._update_counter)
        self.note_edit.installEventFilter(self)
        self.note_counter = QLabel()
        self.note_counter.setObjectName("note-counter")
        make_caption(self.note_counter)
        self.note_counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        note_box = QVBoxLayout()
        note_box.setContentsMargins(0, 0, 0, 0)
        note_box.setSpacing(4)
        note_box.addWidget(self.note_edit)
        note_box.addWidget(self.note_counter)
        note_label = QLabel("&Note")
        note_label.setBuddy(self.note_edit)
        note_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(note_label, note_box)

        feeling_row = QHBoxLayout()
        feeling_row.setSpacing(6)
        self.feeling_buttons: dict[int, QPushButton] = {}
        for value in range(FEELING_MIN, FEELING_MAX + 1):
            button = QPushButton(str(value))
            button.setObjectName(f"feeling-{value}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setStyleSheet(FEELING_CHECKED_STYLE)
            button.setFixedWidth(max(40, button.sizeHint().height()))
            button.setAccessibleName(f"Feeling {value} of {FEELING_MAX}: {FEELING_WORDS[value]}")
            button.setToolTip(f"{value} — {FEELING_WORDS[value]}. Click again to clear.")
            button.clicked.connect(lambda checked, v=value: self._on_feeling(v, checked))
            feeling_row.addWidget(button)
            self.feeling_buttons[value] = button
        self.feeling_caption = QLabel(f"1 = {FEELING_WORDS[1]}, 5 = {FEELING_WORDS[5]}")
        make_caption(self.feeling_caption)
        feeling_row.addSpacing(8)
        feeling_row.addWidget(self.feeling_caption)
        feeling_row.addStretch(1)
        feeling_label = QLabel("How connected did it &feel?")
        feeling_label.setBuddy(self.feeling_buttons[FEELING_MIN])
        form.addRow(feeling_label, feeling_row)

        self.when_edit = QDateTimeEdit()
        self.when_edit.setObjectName("when")
        self.when_edit.setAccessibleName("When")
        self.when_edit.setAccessibleDescription("When it happened; leave it for now")
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat(_when_format(self.locale()))
        self.when_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.when_edit.dateTimeChanged.connect(self._on_when_changed)
        when_label = QLabel("W&hen")
        when_label.setBuddy(self.when_edit)
        form.addRow(when_label, self.when_edit)
        outer.addWidget(self.details)

        self.error_label = AlertLabel()
        self.error_label.setObjectName("error")
        self.error_label.setAccessibleName("Problem")
        self.error_label.hide()
        outer.addWidget(self.error_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(with_mnemonic("Cancel", mnemonics))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.setAccessibleDescription("Close without logging anything")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)

        self._set_tab_order()
        self.resize(self.sizeHint().expandedTo(QSize(600, 0)))
        self.prepare(datetime.now().astimezone(), ())

    # --- public API ----------------------------------------------------------------------

    def prepare(self, now: datetime, people: Sequence[str], kind: str | None = None) -> None:
        """Reset every field for a new entry at `now`, completing names from `people`."""
        self._resetting = True
        try:
            self._now = now
            self._preset_kind = kind if kind in self.kind_buttons else None
            self.people_model.setStringList(list(people))
            self.who_edit.clear()
            self.note_edit.clear()
            for button in self.feeling_buttons.values():
                button.setChecked(False)
            local = now.astimezone().replace(tzinfo=None, microsecond=0)
            moment = to_qdatetime(local)
            self.when_edit.setMaximumDateTime(moment)
            self.when_edit.setDateTime(moment)
            self._prepared_when = self.when_edit.dateTime()
            self._when_edited = False
            self.clear_error()
            self._update_default()
            self._update_counter()
        finally:
            self._resetting = False
        if self._preset_kind is not None:
            self.who_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.default_button().setFocus(Qt.FocusReason.OtherFocusReason)

    def prefill(self, draft: MomentDraft) -> None:
        """Fill the fields from a draft (the quick-log line), after `prepare`.

        A draft kind of "" presets nothing: Enter then logs the usual default.
        """
        if draft.kind in self.kind_buttons:
            self._preset_kind = draft.kind
        self.who_edit.setText(", ".join(draft.people))
        self.note_edit.setPlainText(draft.note)
        for value, button in self.feeling_buttons.items():
            button.setChecked(value == draft.feeling)
        if draft.occurred_at is not None:
            local = draft.occurred_at.astimezone().replace(tzinfo=None, microsecond=0)
            self.when_edit.setDateTime(to_qdatetime(local))  # marks "When" as edited
        self._update_default()
        self.default_button().setFocus(Qt.FocusReason.OtherFocusReason)

    def set_people(self, people: Sequence[str]) -> None:
        """Refresh the names "Who" completes, keeping everything typed so far."""
        self.people_model.setStringList(list(people))

    def people(self) -> list[str]:
        """The names "Who" completes."""
        return list(self.people_model.stringList())

    def default_kind(self) -> str:
        """The kind Enter logs: the one asked for, else a conversation once someone is named."""
        if self._preset_kind is not None:
            return self._preset_kind
        wanted = default_kind(split_people(self.who_edit.text()))
        if wanted in self.kind_buttons:
            return wanted
        return self._kinds[0].id

    def default_button(self) -> QPushButton:
        return self.kind_buttons[self.default_kind()]

    def feeling(self) -> int | None:
        for value, button in self.feeling_buttons.items():
            if button.isChecked():
                return value
        return None

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self._fit_height()

    def _fit_height(self) -> None:
        # A wrapped label needs a height that depends on the width; top-level windows do not
        # grow for that by themselves, so make room instead of squeezing the fields.
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def draft(self, kind: str) -> MomentDraft:
        """The entry as it stands, validated; raises MomentError naming the field at fault."""
        occurred_at: datetime | None = None
        if self._when_edited and self.when_edit.dateTime() != self._prepared_when:
            local = self.when_edit.dateTime().toPython()
            assert isinstance(local, datetime)
            occurred_at = local.astimezone()
            now = self._now or datetime.now().astimezone()
            validate_occurred_at(occurred_at, now)
        return MomentDraft(
            kind=validate_kind(kind),
            note=validate_note(self.note_edit.toPlainText()),
            people=validate_people(split_people(self.who_edit.text())),
            feeling=validate_feeling(self.feeling()),
            occurred_at=occurred_at,
        )

    # --- behaviour -----------------------------------------------------------------------

    def _submit(self, kind: str) -> None:
        try:
            draft = self.draft(kind)
        except MomentError as error:
            self.show_error(_explain(error))
            self._focus_field(error.field)
            return
        self.clear_error()
        self.submitted.emit(draft)
        self.accept()

    def _focus_field(self, field: str) -> None:
        widget: QWidget = {
            "people": self.who_edit,
            "note": self.note_edit,
            "feeling": self.feeling_buttons[FEELING_MIN],
            "occurred_at": self.when_edit,
        }.get(field, self.default_button())
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_default(self) -> None:
        chosen = self.default_kind()
        for kind_id, button in self.kind_buttons.items():
            is_default = kind_id == chosen
            button.setDefault(is_default)
            font = button.font()
            if font.bold() != is_default:
                font.setBold(is_default)
                button.setFont(font)
        label = plain(self.kind_buttons[chosen].text())
        self.hint_label.setText(
            f"One click logs it now. Enter logs “{label}”; Escape closes without saving."
        )

    def _update_counter(self) -> None:
        # The caption's line is always there, so the layout never jumps while typing.
        length = len(self.note_edit.toPlainText())
        if length < NOTE_COUNTER_FROM:
            self.note_counter.setText(NOTE_SHORTCUT_HINT)
            return
        over = length - NOTE_MAX
        suffix = f" — {over} too many" if over > 0 else ""
        self.note_counter.setText(f"{length} / {NOTE_MAX} characters{suffix}")

    def _on_feeling(self, value: int, checked: bool) -> None:
        # A second click on the chosen value clears it: no feeling is a fine answer.
        if checked:
            for other, button in self.feeling_buttons.items():
                if other != value:
                    button.setChecked(False)

    def _on_when_changed(self, _value: QDateTime) -> None:
        if not self._resetting:
            self._when_edited = True

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.kind_buttons.values(),
            self.who_edit,
            self.note_edit,
            *self.feeling_buttons.values(),
            self.when_edit,
            self.cancel_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self._submit(self.default_kind())
                return True
        return super().eventFilter(watched, event)


def _when_format(locale: QLocale) -> str:
    """The locale's short date and time; ISO-like when the locale is the bare "C" one."""
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd HH:mm"
    return locale.dateTimeFormat(QLocale.FormatType.ShortFormat)


def _explain(error: MomentError) -> str:
    where = {
        "people": "Who",
        "note": "Note",
        "feeling": "Feeling",
        "occurred_at": "When",
        "kind": "Kind",
    }.get(error.field, error.field)
    return f"{where}: {error.message}. Nothing has been logged yet; your entry is still here."
