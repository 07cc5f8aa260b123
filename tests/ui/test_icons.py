"""The app icon: PNGs at every tray size, loaded from resources/icons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from micromoments_tray.ui.icons import ICON_SIZES, app_icon, icon_files, icons_dir


def test_app_icon_has_small_and_large_sizes(qtbot: QtBot) -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = icon.availableSizes()
    assert QSize(16, 16) in sizes
    assert QSize(256, 256) in sizes
    assert icon.pixmap(22, 22).width() == 22


@pytest.mark.parametrize("size", ICON_SIZES)
def test_every_png_exists_at_its_size(qtbot: QtBot, size: int) -> None:
    path = icon_files()[size]
    assert path.is_file(), path
    image = QImage(str(path))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def test_the_svg_source_is_there() -> None:
    assert (icons_dir() / "micromoments.svg").is_file()


def test_a_missing_folder_still_gives_an_icon(qtbot: QtBot, tmp_path: Path) -> None:
    icon = app_icon(tmp_path / "nowhere")
    assert not icon.isNull()
    assert QSize(16, 16) in icon.availableSizes()


def test_base_points_at_another_folder(qtbot: QtBot, tmp_path: Path) -> None:
    source = icon_files()[32]
    (tmp_path / source.name).write_bytes(source.read_bytes())
    icon = app_icon(tmp_path)
    assert icon.availableSizes() == [QSize(32, 32)]
