"""The reminder pop-up offscreen: flags, texts, answers, auto-dismiss, keyboard, themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from micromoments_tray.ui.reminder_popup import DISMISS_MS, ReminderPopup

TEXT = "Smile at the cashier and wish them a good rest of their shift."


@pytest.fixture
def popup(qtbot: QtBot) -> ReminderPopup:
    widget = ReminderPopup()
    qtbot.addWidget(widget)
    return widget


def finish_fade(popup: ReminderPopup) -> None:
    popup.fade.setCurrentTime(popup.fade.duration())


def test_never_takes_focus_when_shown(popup: ReminderPopup) -> None:
    flags = popup.windowFlags()
    for flag in (
        Qt.WindowType.Tool,
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.WindowDoesNotAcceptFocus,
        Qt.WindowType.WindowStaysOnTopHint,
    ):
        assert flags & flag
    assert popup.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    popup.show_suggestion(TEXT, "Kindness")
    assert popup.isVisible()
    assert not popup.isActiveWindow()
    assert popup.windowHandle().flags() & Qt.WindowType.WindowDoesNotAcceptFocus


def test_shows_the_prompt_and_fades_in(popup: ReminderPopup) -> None:
    popup.show_suggestion(TEXT, "Smile")
    assert popup.text_label.text() == TEXT
    assert "Smile" in popup.heading.text()
    assert popup.fade.endValue() == 1.0
    finish_fade(popup)
    assert popup.windowOpacity() == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize(
    ("button", "action"),
    [
        ("did_button", "did-one"),
        ("later_button", "later"),
        ("not_today_button", "not-today"),
        ("never_button", "never-again"),
    ],
)
def test_each_button_answers_once_and_fades_out(
    qtbot: QtBot, popup: ReminderPopup, button: str, action: str
) -> None:
    popup.show_suggestion(TEXT, "Smile")
    finish_fade(popup)
    answers: list[str] = []
    popup.chosen.connect(answers.append)
    getattr(popup, button).click()
    getattr(popup, button).click()  # a double click answers once
    assert answers == [action]
    assert not popup.dismiss_timer.isActive()
    finish_fade(popup)
    assert not popup.isVisible()


def test_dismisses_itself_after_half_a_minute_as_ignored(popup: ReminderPopup) -> None:
    answers: list[str] = []
    popup.chosen.connect(answers.append)
    popup.show_suggestion(TEXT, "Smile")
    assert popup.dismiss_timer.isActive()
    assert popup.dismiss_timer.interval() == DISMISS_MS == 30_000
    popup.dismiss_timer.timeout.emit()  # fired by hand
    assert answers == ["ignored"]
    finish_fade(popup)
    assert not popup.isVisible()


def test_dismiss_reports_nothing(popup: ReminderPopup) -> None:
    answers: list[str] = []
    popup.chosen.connect(answers.append)
    popup.show_suggestion(TEXT, "Smile")
    popup.dismiss()
    finish_fade(popup)
    assert answers == [] and not popup.isVisible()


def test_every_control_has_an_accessible_name_and_a_mnemonic(popup: ReminderPopup) -> None:
    buttons = popup.findChildren(QPushButton)
    assert len(buttons) == 4
    letters = set()
    for button in buttons:
        assert button.accessibleName()
        assert button.accessibleDescription()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        text = button.text()
        letters.add(text[text.index("&") + 1].lower())
    assert len(letters) == 4
    assert popup.accessibleName()


def test_a_click_lets_the_keyboard_in_and_escape_closes(qtbot: QtBot, popup: ReminderPopup) -> None:
    popup.show_suggestion(TEXT, "Smile")
    qtbot.mouseClick(popup, Qt.MouseButton.LeftButton)
    assert not popup.windowHandle().flags() & Qt.WindowType.WindowDoesNotAcceptFocus
    answers: list[str] = []
    popup.chosen.connect(answers.append)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert answers == ["closed"]
    popup.show_suggestion(TEXT, "Smile")  # the next one is back to not taking focus
    assert popup.windowHandle().flags() & Qt.WindowType.WindowDoesNotAcceptFocus


def test_hovering_holds_it(qtbot: QtBot, popup: ReminderPopup) -> None:
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QEnterEvent
    from PySide6.QtWidgets import QApplication

    popup.show_suggestion(TEXT, "Smile")
    QApplication.sendEvent(popup, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    assert not popup.dismiss_timer.isActive()
    QApplication.sendEvent(popup, QEvent(QEvent.Type.Leave))
    assert popup.dismiss_timer.isActive()


def test_sits_in_the_tray_corner(popup: ReminderPopup) -> None:
    screen = QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    popup.show_suggestion(TEXT, "Smile")
    size = popup.size()
    bottom_right = popup.position(None)
    assert bottom_right.x() + size.width() <= area.right()
    assert bottom_right.x() > area.center().x()
    assert bottom_right.y() > area.center().y()
    top_right_tray = QRect(area.right() - 30, area.top() + 2, 24, 24)
    top = popup.position(top_right_tray)
    assert top.y() < area.center().y() and top.x() > area.center().x()
    top_left_tray = QRect(area.left() + 4, area.top() + 2, 24, 24)
    assert popup.position(top_left_tray).x() < area.center().x()


@pytest.mark.parametrize("dark", [False, True])
def test_looks_right_in_light_and_dark(
    qtbot: QtBot, popup: ReminderPopup, dark: bool, tmp_path: Path
) -> None:
    palette = QPalette()
    if dark:
        palette.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    else:
        palette.setColor(QPalette.ColorRole.Window, QColor("#f6f5f4"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#202020"))
    popup.setPalette(palette)
    popup.show_suggestion(TEXT, "Kindness")
    finish_fade(popup)
    image = popup.grab().toImage()
    background = image.pixelColor(image.width() - 4, image.height() // 2)
    assert (background.lightnessF() < 0.5) == dark
    accent = image.pixelColor(2, image.height() // 2)
    assert accent.name() == popup.accent().name()
    text_colour = popup.text_label.palette().color(QPalette.ColorRole.WindowText)
    assert abs(text_colour.lightnessF() - background.lightnessF()) > 0.5
