"""Fonts and colours derived from the current palette, so light and dark themes both work.

Nothing here hard-codes a colour for normal text: captions use the palette's placeholder-text
role, and the one alert colour is picked to suit the palette's window colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, Qt


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def alert_colour(palette: QPalette) -> QColor:
    """A red that reads on this palette's window colour (deep on light, soft on dark)."""
    return QColor("#ffa08f") if is_dark(palette) else QColor("#a8261b")


def make_caption(widget: QWidget) -> None:
    """Small, muted secondary text; the colour follows the palette (placeholder-text role)."""
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(size * 0.9, 7.5))
    widget.setFont(font)
    widget.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def make_heading(widget: QWidget, scale: float = 1.2) -> None:
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * scale)
    font.setBold(True)
    widget.setFont(font)


class AlertLabel(QLabel):
    """A word-wrapped label for problems; its red follows light and dark palettes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._recolour()

    def _recolour(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, alert_colour(palette))
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        from PySide6.QtCore import QEvent

        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.ThemeChange):
            self._recolour()
        super().changeEvent(event)


def quiet_window_flags() -> Qt.WindowType:
    """A small window beside the tray that never takes the keyboard from what the user types in.

    A function, not a constant: importing this module must not build PySide6's `Qt` namespace
    (see qt_machinery.py), and these windows are made only when first needed.
    """
    from PySide6.QtCore import Qt

    return (
        Qt.WindowType.Tool
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowDoesNotAcceptFocus
        | Qt.WindowType.WindowStaysOnTopHint
    )
