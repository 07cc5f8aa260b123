"""The history table's model: it pages its queries, so 100,000 moments scroll as smoothly as 10.

Rows arrive a page at a time as the view scrolls (canFetchMore / fetchMore), so opening the
window reads one page whatever the size of the history. Pages are kept in a small LRU window;
a row whose page was dropped is read again by its offset. The total is counted only when asked
(`total()`, for the count label). The model never touches the database itself: `HistorySource`
is given by the app (see desktop/week_views.py).
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
    sort: str  # the source's sort key


COLUMNS: tuple[Column, ...] = (
    Column("When", "occurred"),
    Column("Kind", "kind"),
    Column("People", "people"),
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
        self._known = 0  # rows the view has been given so far
        self._exhausted = False
        self._total: int | None = None
        self._pages: OrderedDict[int, list[Moment]] = OrderedDict()
        self.fetches = 0  # pages read from the source (for tests and the benchmark)

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
        """Forget every page (after a filter change, a sort or any write); rows come again as
        the view asks for them."""
        self.beginResetModel()
        self._pages.clear()
        self._known = 0
        self._exhausted = False
        self._total = None
        self.endResetModel()

    def total(self) -> int:
        """How many moments match the filters (one COUNT, remembered until the next reload)."""
        if self._total is None:
            self._total = self._source.count(self._filters)
        return self._total

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column].sort
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- rows ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._known

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        number = self._known // PAGE_SIZE
        page = self._page(number)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
            self._total = self._known + len(page)
        if page:
            self.beginInsertRows(QModelIndex(), self._known, self._known + len(page) - 1)
            self._known += len(page)
            self.endInsertRows()

    def load_all(self) -> None:
        """Fetch until every matching row is known (tests; the view never needs it)."""
        while self.canFetchMore():
            self.fetchMore()

    def _page(self, number: int) -> list[Moment]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._source.fetch(
            self._filters, self._sort, self._descending, number * PAGE_SIZE, PAGE_SIZE
        )
        self.fetches += 1
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def moment_at(self, row: int) -> Moment | None:
        if not 0 <= row < self._known:
            return None
        number, within = divmod(row, PAGE_SIZE)
        page = self._page(number)
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
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None
