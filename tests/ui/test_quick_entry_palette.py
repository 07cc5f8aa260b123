"""The quick-log palette (offscreen), the log dialog's prefill, and the app's quick-log wiring."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QKeySequenceEdit
from pytestqt.qtbot import QtBot

from micromoments_tray.app.root import MicroMomentsApp
from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.moments import MomentDraft
from micromoments_tray.core.quick_entry import parse_quick_entry
from micromoments_tray.platform.hotkeys.base import (
    BOUND,
    CONFLICT,
    HotkeyBackend,
    HotkeyStatus,
)
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.paths import AppPaths
from micromoments_tray.storage.repository import MomentQuery, MomentRepository
from micromoments_tray.storage.settings import SETTINGS, Settings
from micromoments_tray.ui.log_dialog import LogDialog
from micromoments_tray.ui.quick_entry import TITLE, QuickEntryPalette
from micromoments_tray.ui.settings_dialog import SettingsDialog


@pytest.fixture
def palette(qtbot: QtBot, clock: FakeClock) -> QuickEntryPalette:
    widget = QuickEntryPalette(lambda text: parse_quick_entry(text, clock))
    qtbot.addWidget(widget)
    return widget


def type_line(qtbot: QtBot, palette: QuickEntryPalette, text: str) -> None:
    palette.popup()
    palette.line.clear()
    qtbot.keyClicks(palette.line, text)


def test_title_focus_and_size(palette: QuickEntryPalette) -> None:
    palette.popup()
    assert "Log a moment" in palette.windowTitle() == TITLE
    assert palette.isVisible()
    assert palette.focusWidget() is palette.line
    assert palette.width() == 560 and 80 < palette.height() < 200


def test_chips_follow_the_typing(qtbot: QtBot, palette: QuickEntryPalette) -> None:
    type_line(qtbot, palette, "thanked @Sam")
    assert palette.chip_texts() == ["Thanks", "@ Sam"]
    qtbot.keyClicks(palette.line, " at the bakery +4")
    assert palette.chip_texts() == ["Thanks", "@ Sam", "Feeling 4/5"]
    palette.line.setText("yesterday 18:30: tea with @Jo")
    assert palette.chip_texts() == ["Conversation?", "@ Jo", "Yesterday 18:30"]
    assert palette.chips[0].objectName() == "chip-kind"


def test_enter_emits_the_draft_and_closes(qtbot: QtBot, palette: QuickEntryPalette) -> None:
    type_line(qtbot, palette, "thanked @Sam at the bakery +4")
    with qtbot.waitSignal(palette.submitted, timeout=500) as caught:
        qtbot.keyClick(palette.line, Qt.Key.Key_Return)
    assert caught.args == [
        MomentDraft(kind="thanks", note="thanked Sam at the bakery", people=("Sam",), feeling=4)
    ]
    assert not palette.isVisible()
    assert palette.line.text() == ""


def test_a_problem_keeps_the_line_and_says_what_to_change(
    qtbot: QtBot, palette: QuickEntryPalette
) -> None:
    type_line(qtbot, palette, "smiled +7")
    with qtbot.assertNotEmitted(palette.submitted):
        qtbot.keyClick(palette.line, Qt.Key.Key_Return)
    assert palette.isVisible() and palette.line.text() == "smiled +7"
    assert palette.error_label.isVisible()
    assert "+7 is not a feeling" in palette.error_label.text()
    qtbot.keyClick(palette.line, Qt.Key.Key_Backspace)
    qtbot.keyClicks(palette.line, "5")
    assert not palette.error_label.isVisible()


def test_enter_on_an_empty_line_logs_nothing(qtbot: QtBot, palette: QuickEntryPalette) -> None:
    palette.popup()
    with qtbot.assertNotEmitted(palette.submitted):
        qtbot.keyClick(palette.line, Qt.Key.Key_Return)
    assert "Type a few words" in palette.error_label.text()


def test_up_recalls_the_last_entry(qtbot: QtBot, palette: QuickEntryPalette) -> None:
    type_line(qtbot, palette, "smiled at the baker")
    qtbot.keyClick(palette.line, Qt.Key.Key_Return)
    palette.popup()
    assert palette.line.text() == ""
    qtbot.keyClick(palette.line, Qt.Key.Key_Up)
    assert palette.line.text() == "smiled at the baker"


def test_escape_closes_without_saving_and_keeps_the_line(
    qtbot: QtBot, palette: QuickEntryPalette
) -> None:
    type_line(qtbot, palette, "waved at")
    with qtbot.assertNotEmitted(palette.submitted):
        qtbot.keyClick(palette.line, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    palette.popup()
    assert palette.line.text() == "waved at"  # a slip of Escape loses nothing
    assert palette.line.selectedText() == "waved at"  # and typing replaces it


def test_tab_and_more_details_ask_for_the_dialog(qtbot: QtBot, palette: QuickEntryPalette) -> None:
    type_line(qtbot, palette, "tea with @Jo +3")
    with qtbot.waitSignal(palette.details_requested, timeout=500) as caught:
        qtbot.keyClick(palette.line, Qt.Key.Key_Tab)
    assert caught.args == [MomentDraft(kind="", note="tea with Jo", people=("Jo",), feeling=3)]
    assert not palette.isVisible()
    type_line(qtbot, palette, "thanked @Sam +9")  # even a line with a problem goes along
    with qtbot.waitSignal(palette.details_requested, timeout=500) as caught:
        qtbot.mouseClick(palette.details_button, Qt.MouseButton.LeftButton)
    assert caught.args == [MomentDraft(kind="", note="thanked @Sam +9")]


def test_log_dialog_prefill(qtbot: QtBot, log_dialog: LogDialog, now: datetime) -> None:
    log_dialog.prefill(
        MomentDraft(kind="thanks", note="at the bakery", people=("Sam", "Jo"), feeling=4)
    )
    assert log_dialog.who_edit.text() == "Sam, Jo"
    assert log_dialog.note_edit.toPlainText() == "at the bakery"
    assert log_dialog.feeling() == 4
    assert log_dialog.default_kind() == "thanks"
    draft = log_dialog.draft(log_dialog.default_kind())
    assert (draft.kind, draft.people, draft.feeling) == ("thanks", ("Sam", "Jo"), 4)
    log_dialog.prepare(now, [])
    log_dialog.prefill(MomentDraft(kind="", note="x", people=("Ann",)))
    assert log_dialog.default_kind() == "conversation"


def test_settings_has_a_key_sequence_field_and_a_note_for_conflicts(qtbot: QtBot) -> None:
    dialog = SettingsDialog(SETTINGS, Settings())
    qtbot.addWidget(dialog)
    editor = dialog.editors["quick_log_hotkey"]
    assert isinstance(editor, QKeySequenceEdit)
    assert dialog.values()["quick_log_hotkey"] == "Ctrl+Alt+M"
    dialog.set_values({"quick_log_hotkey": "Meta+Shift+L"})
    assert dialog.changes() == {"quick_log_hotkey": "Meta+Shift+L"}
    note = dialog.status_notes["quick_log_hotkey"]
    dialog.set_status_note("quick_log_hotkey", "Ctrl+Alt+M is used by another program.")
    assert not note.isHidden() and note.text() == "Ctrl+Alt+M is used by another program."
    dialog.set_status_note("quick_log_hotkey", "")
    assert note.isHidden()


# -- the app ------------------------------------------------------------------------------------


class FakeHotkeys(HotkeyBackend):
    name = "fake"

    def __init__(self, taken: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.taken = taken
        self.bound: list[str] = []

    def bind(self, shortcut: str) -> None:
        self.bound.append(shortcut)
        if shortcut in self.taken:
            self._set_status(HotkeyStatus(CONFLICT, shortcut, "", f"{shortcut} is taken."))
        else:
            self._set_status(HotkeyStatus(BOUND, shortcut, shortcut, f"{shortcut} works."))


@pytest.fixture
def make_app(
    qtbot: QtBot, qapp: QApplication, app_paths: AppPaths, clock: FakeClock
) -> Iterator[object]:
    apps: list[MicroMomentsApp] = []

    def start(hotkeys: HotkeyBackend) -> MicroMomentsApp:
        app_paths.config_dir.mkdir(parents=True, exist_ok=True)
        app_paths.settings.write_text(json.dumps({"tray_wait_seconds": 0}))
        app = MicroMomentsApp(app_paths, clock, qapp)
        app.hotkeys = hotkeys
        assert app.start() is None
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.shutdown()
        for widget in (app._log_dialog, app._toast, app.fallback, app.quick_entry):
            if widget is not None:
                widget.hide()


def _stored(paths: AppPaths) -> list[tuple[str, str, tuple[str, ...], int | None]]:
    repo = MomentRepository(connect(paths.database))
    try:
        return [(m.kind, m.note, m.people, m.feeling) for m in repo.query(MomentQuery())]
    finally:
        repo.close()


def test_hotkey_opens_the_prebuilt_palette_and_enter_logs_with_undo(
    qtbot: QtBot, make_app: object, app_paths: AppPaths
) -> None:
    hotkeys = FakeHotkeys()
    assert callable(make_app)
    app = make_app(hotkeys)
    assert hotkeys.bound == ["Ctrl+Alt+M"]
    palette = app.quick_entry
    assert not palette.isVisible()
    hotkeys.activated.emit()
    assert palette.isVisible()
    qtbot.keyClicks(palette.line, "thanked @Sam at the bakery +4")
    qtbot.keyClick(palette.line, Qt.Key.Key_Return)
    assert _stored(app_paths) == [("thanks", "thanked Sam at the bakery", ("Sam",), 4)]
    assert app.toast.isVisible() and "Thanks" in app.toast.label.text()
    app.toast.undo_clicked.emit()
    assert _stored(app_paths) == []


def test_tab_opens_the_log_dialog_filled_in(qtbot: QtBot, make_app: object) -> None:
    assert callable(make_app)
    app = make_app(FakeHotkeys())
    app._on_message(type("M", (), {"cmd": "quick-log", "args": {}})())
    assert app.quick_entry.isVisible()
    qtbot.keyClicks(app.quick_entry.line, "texted @Mum +5")
    qtbot.keyClick(app.quick_entry.line, Qt.Key.Key_Tab)
    dialog = app.log_dialog
    assert dialog.isVisible()
    assert (dialog.who_edit.text(), dialog.note_edit.toPlainText(), dialog.feeling()) == (
        "Mum",
        "texted Mum",
        5,
    )
    assert dialog.default_kind() == "message"


def test_a_conflict_shows_in_the_tooltip_and_settings_and_rebinds_on_apply(
    make_app: object,
) -> None:
    hotkeys = FakeHotkeys(taken=frozenset({"Ctrl+Alt+M"}))
    assert callable(make_app)
    app = make_app(hotkeys)
    assert "Ctrl+Alt+M is used by another program — see Settings" in app.tray.tooltip()
    app.open_settings()
    assert app.settings_dialog.status_notes["quick_log_hotkey"].text() == "Ctrl+Alt+M is taken."
    app._apply_settings({"quick_log_hotkey": "Ctrl+Alt+J"})  # no restart needed
    assert hotkeys.bound == ["Ctrl+Alt+M", "Ctrl+Alt+J"]
    assert "used by another program" not in app.tray.tooltip()
    assert app.settings_dialog.status_notes["quick_log_hotkey"].isHidden()
    app.settings_dialog.hide()


def test_without_any_backend_it_says_so_once(make_app: object, caplog: object) -> None:
    from micromoments_tray.platform.hotkeys.base import NullHotkeys

    hotkeys = NullHotkeys("This desktop gives apps no global shortcuts.")
    assert callable(make_app)
    app = make_app(hotkeys)
    hotkeys.bind("Ctrl+Alt+M")  # a second failure is not announced again
    messages = [
        r.getMessage() for r in caplog.records if "micromoments quick-log" in r.getMessage()
    ]  # type: ignore[attr-defined]
    assert len(messages) == 1
    assert app.tray.tooltip().count("\n") <= 1  # no problem line for "no backend here"


def test_a_failed_save_brings_the_line_back(
    qtbot: QtBot, make_app: object, clock: FakeClock
) -> None:
    assert callable(make_app)
    app = make_app(FakeHotkeys())
    app._warn = lambda title, text: None  # type: ignore[method-assign]
    app.open_quick_entry()
    app.quick_entry.submitted.emit(MomentDraft(kind="hug", note="x"))  # refused by the core
    assert app.quick_entry.isVisible()  # still there to correct, nothing lost
