"""The paused and symbolic tray icons, and their fallbacks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from micromoments_tray.ui.icons import app_icon, paused_icon, symbolic_icon


def _saturation(icon_image_colours: list[QColor]) -> float:
    return max(c.hsvSaturationF() for c in icon_image_colours)


def _opaque_colours(icon: object, size: int) -> list[QColor]:
    from PySide6.QtGui import QIcon

    assert isinstance(icon, QIcon)
    image = icon.pixmap(size, size).toImage()
    colours = [image.pixelColor(x, y) for x in range(size) for y in range(size)]
    return [c for c in colours if c.alpha() == 255]


def test_paused_icon_has_every_tray_size_and_is_greyer(qtbot: QtBot) -> None:
    icon = paused_icon()
    assert QSize(16, 16) in icon.availableSizes()
    assert QSize(22, 22) in icon.availableSizes()
    paused = _saturation(_opaque_colours(icon, 32))
    normal = _saturation(_opaque_colours(app_icon(), 32))
    assert paused < 0.25 < normal


def test_symbolic_icon_is_a_one_colour_mask(qtbot: QtBot) -> None:
    icon = symbolic_icon()
    assert icon.isMask()
    colours = {(c.red(), c.green(), c.blue()) for c in _opaque_colours(icon, 16)}
    assert colours == {(0x2E, 0x34, 0x36)}


def test_variants_fall_back_to_an_icon_when_files_are_missing(qtbot: QtBot, tmp_path: Path) -> None:
    assert not paused_icon(tmp_path).isNull()
    assert not symbolic_icon(tmp_path).isNull()
