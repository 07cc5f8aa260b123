"""Every moment in one sortable, filterable table; edit any field; delete one or many with Undo.

The window shows a paged `HistoryModel` and emits what the user did; the app writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from micromoments_tray.core.kinds import Kind
from micromoments_tray.ui.history_model import (
    FEELING,
    KIND,
    PEOPLE,
    WHEN,
    HistoryFilter,
    HistoryModel,
    HistorySource,
)
from micromoments_tray.ui.moment_edit_dialog import MomentEditDialog
from micromoments_tray.ui.palette import make_caption
from micromoments_tray.ui.wording import APP_TITLE

_NO_DATE = QDate(2000, 1, 1)
FILTER_DELAY_MS = 250


def _date_edit(name: str, accessible: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("any day")  # shown while the date is the minimum
    edit.setDate(_NO_DATE)
    return edit


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == _NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


class HistoryWindow(QWidget):
    edit_saved = Signal(object)  # an edited Moment
    delete_requested = Signal(list)  # ids
    undo_requested = Signal()

    def __init__(
        self,
        source: HistorySource,
        kinds: Sequence[Kind],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("history-window")
        self.setWindowTitle(f"History — {APP_TITLE}")
        self._kinds = tuple(kinds)
        self._people: list[str] = []
        self._now: datetime | None = None
        self.edit_dialog: MomentEditDialog | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 12)
        outer.setSpacing(8)

        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText("Search notes and names")
        self.search_edit.setAccessibleName("Search")
        self.search_edit.setClearButtonEnabled(True)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind-filter")
        self.kind_combo.setAccessibleName("Kind")
        self.kind_combo.addItem("All kinds", None)
        for kind in self._kinds:
            self.kind_combo.addItem(kind.label, kind.id)
        self.person_edit = QLineEdit()
        self.person_edit.setObjectName("person-filter")
        self.person_edit.setPlaceholderText("Anyone")
        self.person_edit.setAccessibleName("With")
        self.person_edit.setClearButtonEnabled(True)
        self.since_edit = _date_edit("since", "From")
        self.until_edit = _date_edit("until", "To")
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.kind_combo, 1)
        with_label = QLabel("&With:")
        with_label.setBuddy(self.person_edit)
        filters.addWidget(with_label)
        filters.addWidget(self.person_edit, 1)
        from_label = QLabel("&From:")
        from_label.setBuddy(self.since_edit)
        filters.addWidget(from_label)
        filters.addWidget(self.since_edit)
        to_label = QLabel("&To:")
        to_label.setBuddy(self.until_edit)
        filters.addWidget(to_label)
        filters.addWidget(self.until_edit)
        outer.addLayout(filters)

        # Typing waits a moment before asking again; tests call apply_filters() directly.
        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(FILTER_DELAY_MS)
        self.filter_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self.filter_timer.start)
        self.person_edit.textChanged.connect(self.filter_timer.start)
        self.kind_combo.currentIndexChanged.connect(self.apply_filters)
        self.since_edit.dateChanged.connect(self.apply_filters)
        self.until_edit.dateChanged.connect(self.apply_filters)

        self.model = HistoryModel(source, self)
        self.table = QTableView()
        self.table.setObjectName("history-table")
        self.table.setAccessibleName("Moments")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(WHEN, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never asks every row for its size (100,000 rows stay fast).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        metrics = self.fontMetrics()
        for column, sample in (
            (WHEN, "Wed 30 Sep 2026, 23:59  "),
            (KIND, "Conversation  "),
            (PEOPLE, "Samira, Alexander  "),
            (FEELING, "Feeling  "),
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        # The total is counted just after the window shows, so opening reads a single page.
        self.count_timer = QTimer(self)
        self.count_timer.setSingleShot(True)
        self.count_timer.setInterval(0)
        self.count_timer.timeout.connect(self.update_count)
        self.model.modelReset.connect(self.count_timer.start)
        outer.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        make_caption(self.count_label)
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("edit")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName("delete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setObjectName("undo")
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_button.setEnabled(False)
        row.addWidget(self.count_label)
        row.addWidget(self.status_label, 1)
        row.addWidget(self.undo_button)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        outer.addLayout(row)

        QShortcut(QKeySequence.StandardKey.Delete, self.table).activated.connect(
            self.delete_selected
        )
        QShortcut(QKeySequence.StandardKey.Undo, self).activated.connect(self._undo_if_offered)
        self.resize(900, 560)
        self._update_buttons()

    # -- values from the app ------------------------------------------------------------------

    def set_context(self, now: datetime, people: Sequence[str]) -> None:
        """The current time (edits may not move a moment into the future) and known names."""
        self._now = now
        self._people = list(people)
        completer = QCompleter(self._people, self.person_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.person_edit.setCompleter(completer)

    def reload(self) -> None:
        """Read again (after any write), keeping the selection's rows where possible."""
        current = self.table.currentIndex().row()
        self.model.reload()
        while current >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        if 0 <= current < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current, 0))

    def set_undo_available(self, text: str | None) -> None:
        """'3 moments deleted.' with Undo enabled; None takes the offer away."""
        self.undo_button.setEnabled(text is not None)
        self.status_label.setText(text or "")

    # -- filters ------------------------------------------------------------------------------

    def current_filters(self) -> HistoryFilter:
        return HistoryFilter(
            text=self.search_edit.text().strip(),
            kind=self.kind_combo.currentData(),
            person=self.person_edit.text().strip(),
            since=_day(self.since_edit),
            until=_day(self.until_edit),
        )

    def apply_filters(self) -> None:
        self.filter_timer.stop()
        self.model.set_filters(self.current_filters())
        if self.isVisible():
            self.first_page()
        self._update_buttons()

    # -- actions ------------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def selected_ids(self) -> list[str]:
        ids = []
        for row in self.selected_rows():
            moment = self.model.moment_at(row)
            if moment is not None:
                ids.append(moment.id)
        return ids

    def select_rows(self, rows: Sequence[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        if rows:
            selection.setCurrentIndex(
                self.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            selection.select(self.model.index(row, 0), flags)

    def edit_current(self) -> MomentEditDialog | None:
        rows = self.selected_rows()
        row = rows[0] if rows else self.table.currentIndex().row()
        moment = self.model.moment_at(row)
        if moment is None:
            return None
        now = self._now or datetime.now().astimezone()
        dialog = MomentEditDialog(moment, self._kinds, now, self._people, self)
        dialog.saved.connect(self.edit_saved)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.delete_requested.emit(ids)

    def _undo_if_offered(self) -> None:
        if self.undo_button.isEnabled():
            self.undo_requested.emit()

    def update_count(self) -> None:
        self.count_timer.stop()
        count = self.model.total()
        self.count_label.setText(
            "No moments match." if count == 0 else f"{count:,} moment{'s' if count != 1 else ''}"
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.first_page()
        self.count_timer.start()

    def first_page(self) -> None:
        """Have the first page ready (the view asks for more as it scrolls)."""
        if self.model.rowCount() == 0 and self.model.canFetchMore():
            self.model.fetchMore()

    def _update_buttons(self) -> None:
        selected = len(self.selected_rows())
        self.edit_button.setEnabled(selected == 1)
        self.delete_button.setEnabled(selected > 0)
        self.delete_button.setText(f"&Delete {selected}" if selected > 1 else "&Delete")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.edit_dialog is not None:
            self.edit_dialog.close()
        super().closeEvent(event)


def describe_deleted(count: int) -> str:
    return "1 moment deleted." if count == 1 else f"{count} moments deleted."
