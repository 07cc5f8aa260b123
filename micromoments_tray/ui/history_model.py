"""The history table's model: it pages its queries, so 100,000 moments scroll as smoothly as 10.

The model holds a window of pages (LRU), asks its source for the total once per filter or sort,
and fetches a page of rows only when the view paints them. It never touches the database
itself: `HistorySource` is given by the app (see desktop/week_views.py).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import NamedTuple, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from micromoments_tray.core.kinds import kind_by_id
from micromoments_tray.core.moments import Moment

PAGE_SIZE = 200
MAX_PAGES = 16

Index = QModelIndex | QPersistentModelIndex


class HistoryFilter(NamedTuple):
    text: str = ""
    kind: str | None = None
    person: str = ""
    since: date | None = None  # first local day, inclusive
    until: date | None = None  # last local day, inclusive


class HistorySource(Protocol):
    def count(self, filters: HistoryFilter) -> int: ...

    def fetch(
        self, filters: HistoryFilter, sort: str, descending: bool, offset: int, limit: int
    ) -> list[Moment]: ...


class Column(NamedTuple):
    title: str
    sort: str | None  # the source's sort key; None: not sortable


COLUMNS: tuple[Column, ...] = (
    Column("When", "occurred"),
    Column("Kind", "kind"),
    Column("People", None),
    Column("Feeling", "feeling"),
    Column("Note", "note"),
)
WHEN, KIND, PEOPLE, FEELING, NOTE = range(len(COLUMNS))


def when_text(moment: Moment) -> str:
    """'Thu 26 Nov 2026, 18:30' in the offset where it happened."""
    return moment.occurred_at.strftime("%a %d %b %Y, %H:%M")


def _kind_text(kind: str) -> str:
    try:
        return kind_by_id(kind).label
    except KeyError:
        return kind


class HistoryModel(QAbstractTableModel):
    def __init__(self, source: HistorySource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filters = HistoryFilter()
        self._sort = "occurred"
        self._descending = True
        self._count = 0
        self._pages: OrderedDict[int, list[Moment]] = OrderedDict()
        self.fetches = 0  # pages read from the source (for tests and the benchmark)
        self._count = self._source.count(self._filters)

    # -- what is shown --------------------------------------------------------------------------

    @property
    def filters(self) -> HistoryFilter:
        return self._filters

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def set_filters(self, filters: HistoryFilter) -> None:
        if filters != self._filters:
            self._filters = filters
            self.reload()

    def reload(self) -> None:
        """Forget every cached page and count again (after a filter change or any write)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._source.count(self._filters)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- rows ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def moment_at(self, row: int) -> Moment | None:
        if not 0 <= row < self._count:
            return None
        number, within = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._source.fetch(
                self._filters, self._sort, self._descending, number * PAGE_SIZE, PAGE_SIZE
            )
            self.fetches += 1
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[within] if within < len(page) else None

    def cached_pages(self) -> int:
        return len(self._pages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        moment = self.moment_at(index.row())
        if moment is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == WHEN:
                return when_text(moment)
            if column == KIND:
                return _kind_text(moment.kind)
            if column == PEOPLE:
                return ", ".join(moment.people)
            if column == FEELING:
                if moment.feeling is None:
                    return "" if role == Qt.ItemDataRole.DisplayRole else "no feeling given"
                return f"{moment.feeling} / 5"
            if column == NOTE:
                return " ".join(moment.note.split())
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE and moment.note:
            return moment.note
        if role == Qt.ItemDataRole.UserRole:
            return moment.id
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].sort is None:
                return "This column cannot be sorted"
        return None
