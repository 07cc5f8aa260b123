"""The application icon, loaded from resources/icons (PNGs for every tray size, SVG as backup)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from micromoments_tray.storage.paths import resources_dir

ICON_NAME = "micromoments"
ICON_SIZES: tuple[int, ...] = (16, 22, 24, 32, 48, 64, 128, 256)


def icons_dir(base: Path | None = None) -> Path:
    """The folder holding the icon files: `base` if given, else resources/icons."""
    return base if base is not None else resources_dir() / "icons"


def icon_files(base: Path | None = None) -> dict[int, Path]:
    """The PNG file for each size in ICON_SIZES (whether or not it exists)."""
    folder = icons_dir(base)
    return {size: folder / f"{ICON_NAME}-{size}.png" for size in ICON_SIZES}


def app_icon(base: Path | None = None) -> QIcon:
    """The MicroMoments icon.

    `base` is the folder with the icon files (default: resources/icons). The PNGs come first
    because some tray hosts ignore SVG; the SVG is used only when no PNG is there, and a drawn
    icon when the folder is missing altogether, so a broken install still shows something.
    Needs a QGuiApplication.
    """
    icon = QIcon()
    for size, path in icon_files(base).items():
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    if not icon.isNull():
        return icon
    svg = icons_dir(base) / f"{ICON_NAME}.svg"
    if svg.is_file():
        icon = QIcon(str(svg))
        if not icon.isNull():
            return icon
    return drawn_icon()


def paused_icon(base: Path | None = None) -> QIcon:
    """The tray icon while reminders are paused: the same circles, greyed, with a pause sign.

    Falls back to the app icon when the paused files are missing. Needs a QGuiApplication.
    """
    icon = QIcon()
    folder = icons_dir(base)
    for size in ICON_SIZES:
        path = folder / f"{ICON_NAME}-paused-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    if icon.isNull() and (folder / f"{ICON_NAME}-paused.svg").is_file():
        icon = QIcon(str(folder / f"{ICON_NAME}-paused.svg"))
    return icon if not icon.isNull() else app_icon(base)


def symbolic_icon(base: Path | None = None) -> QIcon:
    """The one-colour icon for panels that draw symbolic icons (a mask: macOS tints it).

    Falls back to the app icon when the file is missing. Needs a QGuiApplication.
    """
    svg = icons_dir(base) / f"{ICON_NAME}-symbolic.svg"
    icon = QIcon(str(svg)) if svg.is_file() else QIcon()
    if icon.isNull():
        return app_icon(base)
    icon.setIsMask(True)
    return icon


def drawn_icon() -> QIcon:
    """A plain painted stand-in for the icon: two overlapping circles with a dark outline."""
    # Imported here: only a broken install needs them, and start-up skips their enum types.
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = size / 64
        radius = 18.5 * scale
        centres = (QPointF(24.5 * scale, 38.5 * scale), QPointF(39.5 * scale, 25.5 * scale))
        painter.setPen(QPen(QColor("#46200F"), 7 * scale))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for centre in centres:
            painter.drawEllipse(centre, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        for centre, colour in zip(centres, ("#F5A83A", "#E5604D"), strict=True):
            painter.setBrush(QColor(colour))
            painter.drawEllipse(centre, radius, radius)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
