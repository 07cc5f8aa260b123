"""Edit one moment: kind, when (in the offset where it happened), people, feeling, note.

The dialog validates with the same rules as every other way in (core.moments) and hands back the
edited `Moment` through `saved`; it never writes anything itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from micromoments_tray.core.kinds import Kind
from micromoments_tray.core.moments import (
    Moment,
    MomentError,
    validate_feeling,
    validate_kind,
    validate_note,
    validate_occurred_at,
    validate_people,
)
from micromoments_tray.ui.palette import AlertLabel, make_caption
from micromoments_tray.ui.qt_time import to_qdatetime
from micromoments_tray.ui.wording import APP_TITLE

_FEELINGS = ("Not given", "1 — a little", "2", "3", "4", "5 — very connected")


def _offset_text(value: datetime) -> str:
    offset = value.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class MomentEditDialog(QDialog):
    saved = Signal(object)  # the edited Moment

    def __init__(
        self,
        moment: Moment,
        kinds: Sequence[Kind],
        now: datetime,
        people: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("moment-edit-dialog")
        self.setWindowTitle(f"Edit moment — {APP_TITLE}")
        self._moment = moment
        self._now = now

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        form = QFormLayout()
        form.setHorizontalSpacing(14)

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind")
        for kind in kinds:
            self.kind_combo.addItem(kind.label, kind.id)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(moment.kind)))
        form.addRow("&Kind:", self.kind_combo)

        wall = moment.occurred_at.replace(tzinfo=None)
        self.when_edit = QDateTimeEdit()
        self.when_edit.setObjectName("when")
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.when_edit.setDateTime(to_qdatetime(wall))
        form.addRow("&When:", self.when_edit)
        where = QLabel(
            f"As it was where it happened ({_offset_text(moment.occurred_at)}); "
            "the moment keeps that offset."
        )
        where.setWordWrap(True)
        make_caption(where)
        form.addRow("", where)

        self.people_edit = QLineEdit(", ".join(moment.people))
        self.people_edit.setObjectName("people")
        self.people_edit.setPlaceholderText("Names, separated by commas")
        if people:
            completer = QCompleter(list(people), self.people_edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.people_edit.setCompleter(completer)
        form.addRow("&With:", self.people_edit)

        self.feeling_combo = QComboBox()
        self.feeling_combo.setObjectName("feeling")
        for index, text in enumerate(_FEELINGS):
            self.feeling_combo.addItem(text, index or None)
        self.feeling_combo.setCurrentIndex(moment.feeling or 0)
        form.addRow("&Feeling:", self.feeling_combo)

        self.note_edit = QPlainTextEdit(moment.note)
        self.note_edit.setObjectName("note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(90)
        form.addRow("&Note:", self.note_edit)
        outer.addLayout(form)

        self.error_label = AlertLabel()
        self.error_label.setObjectName("error")
        self.error_label.hide()
        outer.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def edited(self) -> Moment:
        """The moment as the fields describe it; raises MomentError naming the field at fault."""
        qdt = self.when_edit.dateTime()
        qd, qt = qdt.date(), qdt.time()
        wall = datetime(qd.year(), qd.month(), qd.day(), qt.hour(), qt.minute())
        occurred = wall.replace(tzinfo=self._moment.occurred_at.tzinfo)
        feeling = self.feeling_combo.currentData()
        return self._moment._replace(
            kind=validate_kind(str(self.kind_combo.currentData())),
            occurred_at=validate_occurred_at(occurred, self._now),
            people=validate_people(self.people_edit.text().split(",")),
            feeling=validate_feeling(None if feeling is None else int(feeling)),
            note=validate_note(self.note_edit.toPlainText()),
        )

    def try_save(self) -> None:
        try:
            moment = self.edited()
        except MomentError as exc:
            names = {"occurred_at": "When", "people": "With", "note": "Note", "kind": "Kind"}
            self.error_label.setText(f"{names.get(exc.field, exc.field)}: {exc.message}")
            self.error_label.show()
            return
        self.error_label.hide()
        self.saved.emit(moment)
        self.accept()
