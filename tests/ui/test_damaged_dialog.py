"""The damaged-file question names the file, says it is untouched, and offers two ways out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from micromoments_tray.ui import damaged_dialog
from micromoments_tray.ui.damaged_dialog import SET_ASIDE_TEXT, ask_set_aside, build_damaged_box

PATH = Path("/home/ana/.local/share/micromoments/moments.sqlite3")


def test_the_box_names_the_file_and_the_choices(qtbot: QtBot) -> None:
    box, set_aside = build_damaged_box(None, PATH, "file is not a database")
    qtbot.addWidget(box)
    texts = f"{box.text()}\n{box.informativeText()}"
    assert str(PATH) in texts
    assert "has not been changed" in texts
    assert box.detailedText() == "file is not a database"
    assert set_aside.text() == SET_ASIDE_TEXT
    assert box.buttonRole(set_aside) == QMessageBox.ButtonRole.AcceptRole
    labels = [b.text() for b in box.buttons()]
    assert "Quit" in labels
    escape = box.escapeButton()
    assert escape is not None
    assert escape.text() == "Quit"


@pytest.mark.parametrize(("choice", "expected"), [(SET_ASIDE_TEXT, True), ("Quit", False)])
def test_ask_returns_the_choice(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, choice: str, expected: bool
) -> None:
    built: list[QMessageBox] = []
    real_build = damaged_dialog.build_damaged_box

    def build(*args: object) -> tuple[QMessageBox, object]:
        box, button = real_build(*args)  # type: ignore[arg-type]
        built.append(box)
        qtbot.addWidget(box)
        return box, button

    def fake_exec(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == choice).click()
        return 0

    monkeypatch.setattr(damaged_dialog, "build_damaged_box", build)
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert ask_set_aside(None, PATH, "") is expected
    assert built
