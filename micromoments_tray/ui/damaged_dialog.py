"""The question asked when the moments file cannot be read: set it aside, or quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from micromoments_tray.ui.wording import APP_TITLE

SET_ASIDE_TEXT = "Set it aside and start fresh"


def build_damaged_box(
    parent: QWidget | None, path: Path, detail: str
) -> tuple[QMessageBox, QAbstractButton]:
    """The message box, and its "Set it aside" button (the other button is Quit)."""
    box = QMessageBox(parent)
    box.setObjectName("damaged-box")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"Your moments file can't be read — {APP_TITLE}")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{APP_TITLE} cannot read your moments file:\n{path}")
    box.setInformativeText(
        "It has not been changed.\n\n"
        f"“{SET_ASIDE_TEXT}” renames it with today's date and time and keeps it in the same "
        "folder, so nothing in it is lost, then begins a new, empty file.\n\n"
        "“Quit” leaves everything exactly as it is, so you can look at the file or restore "
        "a backup first."
    )
    if detail:
        box.setDetailedText(detail)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_aside = box.addButton(SET_ASIDE_TEXT, QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    set_aside.setAccessibleName(SET_ASIDE_TEXT)
    quit_button.setAccessibleName(f"Quit {APP_TITLE}")
    box.setDefaultButton(set_aside)
    box.setEscapeButton(quit_button)
    return box, set_aside


def ask_set_aside(parent: QWidget | None, path: Path, detail: str) -> bool:
    """True when the user chose to set the file aside and start fresh; False to quit."""
    box, set_aside = build_damaged_box(parent, path, detail)
    box.exec()
    return box.clickedButton() is set_aside
