"""The history window over a paged model: paging, sorting, filters, edit dialog, delete, undo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from pytestqt.qtbot import QtBot

from micromoments_tray.core.kinds import KINDS
from micromoments_tray.core.moments import Moment, make_moment
from micromoments_tray.ui.history_model import (
    FEELING,
    KIND,
    PAGE_SIZE,
    PEOPLE,
    WHEN,
    HistoryFilter,
    HistoryModel,
)
from micromoments_tray.ui.history_window import HistoryWindow
from micromoments_tray.ui.moment_edit_dialog import MomentEditDialog

NOW = datetime(2026, 11, 26, 18, 30, tzinfo=timezone(timedelta(hours=1)))


class ListSource:
    """An in-memory HistorySource that counts its calls."""

    def __init__(self, moments: list[Moment]) -> None:
        self.moments = moments
        self.fetched: list[tuple[int, int]] = []

    def _match(self, f: HistoryFilter) -> list[Moment]:
        out = [m for m in self.moments if not m.is_deleted]
        if f.text:
            out = [m for m in out if f.text.lower() in m.note.lower()]
        if f.kind:
            out = [m for m in out if m.kind == f.kind]
        if f.person:
            out = [m for m in out if f.person.lower() in (p.lower() for p in m.people)]
        if f.since:
            out = [m for m in out if m.occurred_at.date() >= f.since]
        if f.until:
            out = [m for m in out if m.occurred_at.date() <= f.until]
        return out

    def count(self, filters: HistoryFilter) -> int:
        return len(self._match(filters))

    def fetch(
        self, filters: HistoryFilter, sort: str, descending: bool, offset: int, limit: int
    ) -> list[Moment]:
        self.fetched.append((offset, limit))
        key = {
            "occurred": lambda m: m.occurred_at,
            "kind": lambda m: m.kind,
            "feeling": lambda m: m.feeling or 0,
            "note": lambda m: m.note,
            "people": lambda m: m.people[0].casefold() if m.people else "",
        }[sort]
        rows = sorted(self._match(filters), key=key, reverse=descending)
        return rows[offset : offset + limit]


def _moments(n: int) -> list[Moment]:
    kinds = ["smile", "thanks", "greeting"]
    return [
        make_moment(
            kind=kinds[i % 3],
            occurred_at=NOW - timedelta(hours=i),
            now=NOW,
            note=f"note {i}",
            people=("Sam",) if i % 2 else (),
            feeling=(i % 5) + 1,
        )
        for i in range(n)
    ]


@pytest.fixture
def source() -> ListSource:
    return ListSource(_moments(1000))


@pytest.fixture
def window(qtbot: QtBot, source: ListSource) -> HistoryWindow:
    widget = HistoryWindow(source, KINDS)
    qtbot.addWidget(widget)
    widget.set_context(NOW, ["Sam", "Ana"])
    return widget


def test_the_model_pages_its_queries(source: ListSource) -> None:
    model = HistoryModel(source)
    assert model.rowCount() == 0 and model.canFetchMore()
    assert source.fetched == []  # nothing read until the view asks
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE
    assert source.fetched == [(0, PAGE_SIZE)]
    assert model.data(model.index(0, WHEN)) == "Thu 26 Nov 2026, 18:30"
    model.data(model.index(5, PEOPLE))
    assert len(source.fetched) == 1  # a cached page
    assert model.data(model.index(1, FEELING)) == "2 / 5"
    model.load_all()
    assert model.rowCount() == 1000 and not model.canFetchMore()
    assert model.data(model.index(999, KIND)) == "Smile"
    assert model.cached_pages() <= 16
    assert model.total() == 1000


def test_sorting_asks_the_source_again(source: ListSource) -> None:
    model = HistoryModel(source)
    model.sort(FEELING, Qt.SortOrder.DescendingOrder)
    model.fetchMore()
    assert model.sort_key == ("feeling", True)
    assert model.data(model.index(0, FEELING)) == "5 / 5"
    model.sort(PEOPLE)
    model.fetchMore()
    assert model.sort_key == ("people", False)
    assert model.data(model.index(0, PEOPLE)) == ""  # moments with no one named come first


def test_filters(window: HistoryWindow) -> None:
    window.update_count()
    assert window.count_label.text() == "1,000 moments"
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("thanks"))
    assert window.model.total() == 333
    window.person_edit.setText("sam")
    assert window.filter_timer.isActive()  # typing waits a moment
    window.apply_filters()
    assert window.model.total() == 167
    window.search_edit.setText("note 997")
    window.apply_filters()
    assert window.model.total() == 1
    window.search_edit.clear()
    window.person_edit.clear()
    window.kind_combo.setCurrentIndex(0)
    window.since_edit.setDate(QDate(2026, 11, 26))
    window.until_edit.setDate(QDate(2026, 11, 26))
    window.apply_filters()
    assert window.current_filters().since == date(2026, 11, 26)
    assert window.model.total() == 19  # 00:30 … 18:30
    window.search_edit.setText("nothing like this")
    window.apply_filters()
    assert window.count_timer.isActive()
    window.update_count()
    assert window.count_label.text() == "No moments match."


def test_delete_many_and_undo_signals(qtbot: QtBot, window: HistoryWindow) -> None:
    window.model.fetchMore()
    window.select_rows([0, 1, 2])
    assert window.delete_button.text() == "&Delete 3"
    assert not window.edit_button.isEnabled()
    with qtbot.waitSignal(window.delete_requested) as blocker:
        window.delete_button.click()
    assert len(blocker.args[0]) == 3
    assert not window.undo_button.isEnabled()
    window.set_undo_available("3 moments deleted.")
    assert window.undo_button.isEnabled()
    with qtbot.waitSignal(window.undo_requested):
        window.undo_button.click()


def test_edit_dialog_validates_and_hands_back_the_moment(
    qtbot: QtBot, window: HistoryWindow
) -> None:
    window.model.fetchMore()
    window.select_rows([0])
    dialog = window.edit_current()
    assert isinstance(dialog, MomentEditDialog)
    dialog.note_edit.setPlainText("Edited note")
    dialog.people_edit.setText("Ana, Sam")
    dialog.feeling_combo.setCurrentIndex(5)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("kindness"))
    dialog.when_edit.setDateTime(QDateTime(QDate(2026, 11, 20), dialog.when_edit.time()))
    with qtbot.waitSignal(window.edit_saved) as blocker:
        dialog.buttons.accepted.emit()
    edited = blocker.args[0]
    assert isinstance(edited, Moment)
    assert (edited.note, edited.people, edited.feeling, edited.kind) == (
        "Edited note",
        ("Ana", "Sam"),
        5,
        "kindness",
    )
    assert edited.occurred_at.date() == date(2026, 11, 20)
    assert edited.occurred_at.utcoffset() == timedelta(hours=1)  # keeps its own offset


def test_edit_into_the_future_is_refused(qtbot: QtBot, window: HistoryWindow) -> None:
    window.model.fetchMore()
    window.select_rows([0])
    dialog = window.edit_current()
    assert dialog is not None
    dialog.when_edit.setDateTime(QDateTime(QDate(2026, 12, 24), dialog.when_edit.time()))
    with qtbot.assertNotEmitted(window.edit_saved):
        dialog.buttons.accepted.emit()
    assert dialog.error_label.isVisibleTo(dialog)
    assert "future" in dialog.error_label.text()


def test_a_moment_from_another_offset_is_edited_in_its_own_time(qtbot: QtBot) -> None:
    tokyo = timezone(timedelta(hours=9))
    moment = make_moment(
        kind="smile", occurred_at=datetime(2026, 11, 20, 8, 15, tzinfo=tokyo), now=NOW
    )
    dialog = MomentEditDialog(moment, KINDS, NOW.astimezone(UTC))
    qtbot.addWidget(dialog)
    assert dialog.when_edit.dateTime().time().hour() == 8
    assert dialog.edited().occurred_at == moment.occurred_at
