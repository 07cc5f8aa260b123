"""The people view: last connected and count, keep-in-touch editor, rename and merge signals."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from micromoments_tray.core.people import PersonStats
from micromoments_tray.ui.people_window import LAST, MOMENTS, NAME, PeopleWindow

NOW = datetime(2026, 11, 26, 18, 30, tzinfo=ZoneInfo("Europe/Berlin"))


def _people() -> list[PersonStats]:
    return [
        PersonStats("Ana", "ana", 5, NOW - timedelta(hours=2), None),
        PersonStats("Sam", "sam", 3, NOW - timedelta(days=12), 7),
        PersonStats("Samuel", "samuel", 1, NOW - timedelta(days=40), None),
    ]


@pytest.fixture
def window(qtbot: QtBot) -> PeopleWindow:
    widget = PeopleWindow()
    qtbot.addWidget(widget)
    widget.set_people(_people(), NOW)
    return widget


def test_each_person_with_last_connected_and_count(window: PeopleWindow) -> None:
    table = window.table
    assert table.rowCount() == 3
    assert [table.item(r, NAME).text() for r in range(3)] == ["Ana", "Sam", "Samuel"]
    assert table.item(0, MOMENTS).text() == "5"
    assert table.item(0, LAST).text().startswith("today")
    assert table.item(1, LAST).text().startswith("12 days ago")
    assert window.rhythm_editor("Sam").value() == 7
    assert window.rhythm_editor("Ana").text() == "off"
    assert window.due_label.text() == "Might enjoy hearing from you: Sam"
    assert not window.empty_label.isVisibleTo(window)


def test_keep_in_touch_editor_emits(qtbot: QtBot, window: PeopleWindow) -> None:
    with qtbot.waitSignal(window.keep_in_touch_changed) as blocker:
        window.rhythm_editor("Ana").setValue(14)
    assert blocker.args == ["Ana", 14]
    with qtbot.waitSignal(window.keep_in_touch_changed) as blocker:
        window.rhythm_editor("Sam").setValue(0)
    assert blocker.args == ["Sam", None]


def test_refresh_with_the_same_people_keeps_the_editors(window: PeopleWindow) -> None:
    editor = window.rhythm_editor("Sam")
    changed = _people()
    changed[1] = changed[1]._replace(moments=4, keep_in_touch_days=10)
    window.set_people(changed, NOW)
    assert window.rhythm_editor("Sam") is editor
    assert editor.value() == 10
    assert window.table.item(1, MOMENTS).text() == "4"


def test_rename_and_merge(
    qtbot: QtBot, window: PeopleWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not window.rename_button.isEnabled()
    window.select("Samuel")
    assert window.selected_name() == "Samuel"
    assert window.rename_button.isEnabled() and window.merge_button.isEnabled()
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sammy", True))
    with qtbot.waitSignal(window.rename_requested) as blocker:
        window.rename_button.click()
    assert blocker.args == ["Samuel", "Sammy"]

    from micromoments_tray.ui import people_window

    class Chosen:
        def __init__(self, source: str, targets: list[str], parent: object) -> None:
            assert source == "Samuel" and targets == ["Ana", "Sam"]

        def exec(self) -> object:
            return people_window.QDialog.DialogCode.Accepted

        def target(self) -> str:
            return "Sam"

    monkeypatch.setattr(people_window, "MergeDialog", Chosen)
    with qtbot.waitSignal(window.merge_requested) as blocker:
        window.merge_button.click()
    assert blocker.args == ["Samuel", "Sam"]


def test_nobody_yet(qtbot: QtBot) -> None:
    widget = PeopleWindow()
    qtbot.addWidget(widget)
    widget.set_people([], NOW)
    assert widget.empty_label.isVisibleTo(widget)
    assert widget.due_label.text() == ""
