"""The settings dialog is built from the declared settings and reports only what changed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
)
from pytestqt.qtbot import QtBot

from micromoments_tray.storage.settings import SETTINGS, Setting, Settings
from micromoments_tray.ui.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot: QtBot) -> SettingsDialog:
    settings = Settings({"undo_seconds": 12, "tooltip_week_count": False})
    widget = SettingsDialog(SETTINGS, settings)
    qtbot.addWidget(widget)
    return widget


def test_title_and_one_editor_per_setting(dialog: SettingsDialog) -> None:
    assert dialog.windowTitle() == "Settings — MicroMoments"
    assert list(dialog.editors) == [s.name for s in SETTINGS]
    for spec in SETTINGS:
        editor = dialog.editors[spec.name]
        expected = (
            QCheckBox if isinstance(spec.default, bool) else QComboBox if spec.choices else QSpinBox
        )
        if spec.multiline:
            expected = QPlainTextEdit
        if spec.editor == "key-sequence":
            expected = QKeySequenceEdit
        assert isinstance(editor, expected)
        assert editor.accessibleName() == spec.label
        assert editor.toolTip() == spec.help
        caption = dialog.findChild(QLabel, f"{spec.name}-help")
        assert isinstance(caption, QLabel)
        assert caption.text() == spec.help


def test_spin_boxes_take_range_and_unit(dialog: SettingsDialog) -> None:
    spin = dialog.editors["undo_seconds"]
    assert isinstance(spin, QSpinBox)
    assert (spin.minimum(), spin.maximum()) == (3, 60)
    assert spin.suffix() == " s"


def test_values_round_trip(dialog: SettingsDialog) -> None:
    assert dialog.values() == {s.name: s.default for s in SETTINGS} | {
        "undo_seconds": 12,
        "tooltip_week_count": False,
        "tray_wait_seconds": 10,
        "ask_details": False,
    }
    dialog.set_values({"tray_wait_seconds": 30, "ask_details": True})
    assert dialog.values()["tray_wait_seconds"] == 30
    assert dialog.values()["ask_details"] is True


def test_ok_applies_only_the_changes(qtbot: QtBot, dialog: SettingsDialog) -> None:
    spin = dialog.editors["undo_seconds"]
    assert isinstance(spin, QSpinBox)
    spin.setValue(20)
    with qtbot.waitSignal(dialog.applied) as blocker:
        dialog.buttons.accepted.emit()
    assert blocker.args == [{"undo_seconds": 20}]
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_ok_without_changes_applies_nothing(qtbot: QtBot, dialog: SettingsDialog) -> None:
    with qtbot.waitSignal(dialog.applied) as blocker:
        dialog.buttons.accepted.emit()
    assert blocker.args == [{}]


def test_cancel_applies_nothing(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.set_values({"undo_seconds": 30})
    with qtbot.assertNotEmitted(dialog.applied):
        dialog.buttons.rejected.emit()


def test_restore_defaults(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.restore_button().click()
    assert dialog.values() == {s.name: s.default for s in SETTINGS}
    with qtbot.waitSignal(dialog.applied) as blocker:
        dialog.buttons.accepted.emit()
    assert blocker.args == [{"undo_seconds": 8, "tooltip_week_count": True}]


def test_every_kind_of_setting_gets_its_editor_and_pages_become_tabs(qtbot: QtBot) -> None:
    specs = (
        Setting(
            "theme", "calm", "Look", "How it looks", choices=(("calm", "Calm"), ("bold", "Bold"))
        ),
        Setting("greeting", "Hello", "Greeting", page="Words"),
        Setting("count", 2, "How many", minimum=1, maximum=5, page="Words"),
    )
    settings = Settings({"theme": "bold"})
    dialog = SettingsDialog(specs, settings)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.tabs, QTabWidget)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["General", "Words"]
    combo = dialog.editors["theme"]
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Bold"
    line = dialog.editors["greeting"]
    assert isinstance(line, QLineEdit)
    count = dialog.editors["count"]
    assert isinstance(count, QSpinBox)
    assert count.suffix() == ""
    combo.setCurrentIndex(combo.findData("calm"))
    line.setText("Hi")
    assert dialog.changes() == {"theme": "calm", "greeting": "Hi"}


def test_multiline_text_gets_a_plain_text_box(qtbot: QtBot) -> None:
    specs = (Setting("own_prompts", "", "Your own suggestions", page="Reminders", multiline=True),)
    widget = SettingsDialog(specs, Settings({"own_prompts": "a\nb"}))
    qtbot.addWidget(widget)
    editor = widget.editors["own_prompts"]
    assert isinstance(editor, QPlainTextEdit)
    assert editor.toPlainText() == "a\nb"
    editor.setPlainText("thanks: Thank the bus driver\nSmile at a neighbour")
    assert widget.changes() == {"own_prompts": "thanks: Thank the bus driver\nSmile at a neighbour"}
