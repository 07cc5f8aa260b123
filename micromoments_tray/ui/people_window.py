"""The people you connect with: when last and how often; keep-in-touch rhythm; rename and merge.

Shows `PersonStats` it is given and emits what the user chose; the app writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from micromoments_tray.core.people import KEEP_IN_TOUCH_MAX, PersonStats, due_people
from micromoments_tray.core.week import ISO_RULES, WeekRules
from micromoments_tray.ui.palette import make_caption
from micromoments_tray.ui.wording import APP_TITLE

NAME, MOMENTS, LAST, RHYTHM = range(4)
HINT = (
    "Set “keep in touch” for someone and MicroMoments may, now and then, mention that it has "
    "been a while — one gentle line at most a day, counted from your last moment together."
)


def last_text(days: int | None, when: datetime | None) -> str:
    if days is None or when is None:
        return "—"
    day = when.strftime("%a %d %b %Y")
    if days == 0:
        return f"today ({day})"
    if days == 1:
        return f"yesterday ({day})"
    return f"{days} days ago ({day})"


class PeopleWindow(QWidget):
    keep_in_touch_changed = Signal(str, object)  # name, days (int) or None
    rename_requested = Signal(str, str)  # old, new
    merge_requested = Signal(str, str)  # source, target

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("people-window")
        self.setWindowTitle(f"People — {APP_TITLE}")
        self._people: list[PersonStats] = []
        self._loading = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 12)
        outer.setSpacing(8)
        self.empty_label = QLabel(
            "Nobody here yet. When you log a moment “with” someone, they appear in this list."
        )
        self.empty_label.setObjectName("empty")
        self.empty_label.setWordWrap(True)
        outer.addWidget(self.empty_label)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("people-table")
        self.table.setAccessibleName("People")
        self.table.setHorizontalHeaderLabels(["Name", "Moments", "Last connected", "Keep in touch"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (MOMENTS, LAST, RHYTHM):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        outer.addWidget(self.table, 1)

        hint = QLabel(HINT)
        hint.setWordWrap(True)
        make_caption(hint)
        outer.addWidget(hint)

        row = QHBoxLayout()
        self.due_label = QLabel()
        self.due_label.setObjectName("due")
        self.due_label.setWordWrap(True)
        self.rename_button = QPushButton("&Rename…")
        self.rename_button.setObjectName("rename")
        self.rename_button.clicked.connect(self.ask_rename)
        self.merge_button = QPushButton("&Merge into…")
        self.merge_button.setObjectName("merge")
        self.merge_button.setToolTip("Two spellings of one friend? Move every moment to one name.")
        self.merge_button.clicked.connect(self.ask_merge)
        row.addWidget(self.due_label, 1)
        row.addWidget(self.rename_button)
        row.addWidget(self.merge_button)
        outer.addLayout(row)
        self.resize(640, 460)
        self._update_buttons()

    def set_people(
        self, people: Sequence[PersonStats], now: datetime, rules: WeekRules = ISO_RULES
    ) -> None:
        selected = self.selected_name()
        self._loading = True
        same_rows = [p.name for p in people] == self.names()
        self._people = list(people)
        self.table.setRowCount(len(self._people))
        for row, person in enumerate(self._people):
            if same_rows:
                # Update in place: the editor the user may be typing in stays where it is.
                self._update_row(row, person, now, rules)
                continue
            name = QTableWidgetItem(person.name)
            name.setData(Qt.ItemDataRole.UserRole, person.name)
            self.table.setItem(row, NAME, name)
            count = QTableWidgetItem(str(person.moments))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, MOMENTS, count)
            self.table.setItem(
                row,
                LAST,
                QTableWidgetItem(last_text(person.days_since(now, rules), person.last_at)),
            )
            spin = QSpinBox()
            spin.setObjectName(f"rhythm-{row}")
            spin.setRange(0, KEEP_IN_TOUCH_MAX)
            spin.setSpecialValueText("off")
            spin.setPrefix("every ")
            spin.setSuffix(" days")
            spin.setAccessibleName(f"Keep in touch with {person.name} every N days")
            spin.setValue(person.keep_in_touch_days or 0)
            spin.setKeyboardTracking(False)  # typed numbers count once Enter or Tab is pressed
            spin.valueChanged.connect(lambda value, n=person.name: self._rhythm_changed(n, value))
            self.table.setCellWidget(row, RHYTHM, spin)
            if selected == person.name:
                self.table.selectRow(row)
        self._loading = False
        self.empty_label.setVisible(not self._people)
        due = due_people(self._people, now, rules)
        self.due_label.setText(
            ""
            if not due
            else "Might enjoy hearing from you: " + ", ".join(d.person.name for d in due[:5])
        )
        self._update_buttons()

    def _update_row(self, row: int, person: PersonStats, now: datetime, rules: WeekRules) -> None:
        for column, text in (
            (MOMENTS, str(person.moments)),
            (LAST, last_text(person.days_since(now, rules), person.last_at)),
        ):
            item = self.table.item(row, column)
            if item is not None:
                item.setText(text)
        spin = self.table.cellWidget(row, RHYTHM)
        if isinstance(spin, QSpinBox) and not spin.hasFocus():
            spin.setValue(person.keep_in_touch_days or 0)

    def rhythm_editor(self, name: str) -> QSpinBox:
        for row, person in enumerate(self._people):
            if person.name == name:
                widget = self.table.cellWidget(row, RHYTHM)
                assert isinstance(widget, QSpinBox)
                return widget
        raise KeyError(name)

    def _rhythm_changed(self, name: str, value: int) -> None:
        if not self._loading:
            self.keep_in_touch_changed.emit(name, value or None)

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), NAME)
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, name: str) -> None:
        for row, person in enumerate(self._people):
            if person.name == name:
                self.table.selectRow(row)

    def names(self) -> list[str]:
        return [p.name for p in self._people]

    def _update_buttons(self) -> None:
        chosen = self.selected_name() is not None
        self.rename_button.setEnabled(chosen)
        self.merge_button.setEnabled(chosen and len(self._people) > 1)

    def ask_rename(self) -> None:
        old = self.selected_name()
        if old is None:
            return
        new, ok = QInputDialog.getText(self, "Rename", f"New name for {old}:", text=old)
        if ok and new.strip() and new.strip() != old:
            self.rename_requested.emit(old, new.strip())

    def ask_merge(self) -> None:
        source = self.selected_name()
        if source is None:
            return
        dialog = MergeDialog(source, [n for n in self.names() if n != source], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.merge_requested.emit(source, dialog.target())


class MergeDialog(QDialog):
    def __init__(self, source: str, targets: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Merge people — {APP_TITLE}")
        layout = QVBoxLayout(self)
        text = QLabel(
            f"Every moment with {source} will name the person you choose instead. "
            "Nothing is deleted."
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.combo = QComboBox()
        self.combo.addItems(list(targets))
        form.addRow("&Into:", self.combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def target(self) -> str:
        return self.combo.currentText()
