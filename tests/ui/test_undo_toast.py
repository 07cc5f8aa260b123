"""The undo note: it shows without taking focus, hides on its timer, and offers Undo once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, QRect, Qt
from PySide6.QtGui import QEnterEvent, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from micromoments_tray.ui.undo_toast import UndoToast


@pytest.fixture
def toast(qtbot: QtBot) -> UndoToast:
    widget = UndoToast()
    qtbot.addWidget(widget)
    return widget


def test_it_never_takes_focus(qtbot: QtBot, toast: UndoToast) -> None:
    flags = toast.windowFlags()
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert toast.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    toast.show_message("Logged: Smile", 8)
    qtbot.waitExposed(toast)
    assert toast.isVisible()
    assert not toast.isActiveWindow()
    assert QGuiApplication.focusWindow() is not toast.windowHandle()
    assert toast.label.text() == "Logged: Smile"


def test_the_timer_hides_it(qtbot: QtBot, toast: UndoToast) -> None:
    toast.show_message("Logged: Thanks", 5)
    assert toast.hide_timer.isActive()
    assert toast.hide_timer.isSingleShot()
    assert toast.hide_timer.interval() == 5000
    toast.hide_timer.timeout.emit()
    assert not toast.isVisible()
    assert not toast.hide_timer.isActive()


def test_undo_emits_and_hides(qtbot: QtBot, toast: UndoToast) -> None:
    toast.show_message("Logged: Smile", 8)
    with qtbot.waitSignal(toast.undo_clicked):
        qtbot.mouseClick(toast.undo_button, Qt.MouseButton.LeftButton)
    assert not toast.isVisible()
    assert not toast.hide_timer.isActive()


def test_it_sits_inside_the_screen_near_the_anchor(toast: UndoToast) -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    area = screen.availableGeometry()
    anchor = QRect(area.right() - 30, area.bottom() - 22, 22, 22)  # a tray icon, bottom right
    toast.show_message("Logged: Smile", 8, anchor)
    frame = toast.geometry()
    assert area.contains(frame)
    assert frame.bottom() < anchor.top()  # above a bottom panel
    top_anchor = QRect(area.right() - 30, area.top(), 22, 22)
    toast.show_message("Logged: Smile", 8, top_anchor)
    assert toast.geometry().top() > top_anchor.bottom()  # below a top panel


def test_without_an_anchor_it_goes_bottom_right(toast: UndoToast) -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    area = screen.availableGeometry()
    toast.show_message("Logged: Smile", 8, QRect())
    frame = toast.geometry()
    assert area.contains(frame)
    assert frame.right() > area.center().x()
    assert frame.bottom() > area.center().y()


def test_hovering_holds_it(qtbot: QtBot, toast: UndoToast) -> None:
    toast.show_message("Logged: Smile", 8)
    point = QPointF(5, 5)
    QApplication.sendEvent(toast, QEnterEvent(point, point, toast.mapToGlobal(point)))
    assert not toast.hide_timer.isActive()
    QApplication.sendEvent(toast, QEvent(QEvent.Type.Leave))
    assert toast.hide_timer.isActive()
