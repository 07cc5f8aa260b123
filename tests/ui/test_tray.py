"""The tray menu: its order, its one-click kinds, its undo item and its tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from micromoments_tray.core.kinds import KINDS
from micromoments_tray.ui.icons import app_icon
from micromoments_tray.ui.tray import TrayIcon
from micromoments_tray.ui.wording import plain


@pytest.fixture
def tray(qtbot: QtBot) -> TrayIcon:
    return TrayIcon(app_icon(), KINDS)


def texts(actions: list[QAction]) -> list[str]:
    return ["---" if a.isSeparator() else plain(a.text()) for a in actions]


def test_menu_order(tray: TrayIcon) -> None:
    assert texts(tray.menu().actions()) == [
        "Log a moment…",
        "---",
        *[k.label for k in KINDS],
        "---",
        "Suggest a moment",
        "Pause reminders",
        "---",
        "This week…",
        "History…",
        "People…",
        "---",
        "Undo last moment",
        "Settings…",
        "---",
        "Quit MicroMoments",
    ]


def test_every_action_has_a_unique_mnemonic(tray: TrayIcon) -> None:
    letters = []
    for action in tray.menu().actions():
        if action.isSeparator():
            continue
        text = action.text().replace("&&", "")
        assert "&" in text, action.text()
        letters.append(text[text.index("&") + 1].casefold())
    assert len(letters) == len(set(letters))


def test_kind_items_carry_their_description(tray: TrayIcon) -> None:
    for action, kind in zip(tray.kind_actions, KINDS, strict=True):
        assert action.toolTip() == kind.description
        assert action.statusTip() == kind.description


@pytest.mark.parametrize("kind", [k.id for k in KINDS])
def test_a_kind_item_emits_its_id(qtbot: QtBot, tray: TrayIcon, kind: str) -> None:
    action = next(a for a in tray.kind_actions if a.data() == kind)
    with qtbot.waitSignal(tray.kind_chosen) as blocker:
        action.trigger()
    assert blocker.args == [kind]


def test_menu_items_emit_their_signals(qtbot: QtBot, tray: TrayIcon) -> None:
    with qtbot.waitSignal(tray.log_dialog_requested):
        tray.menu().actions()[0].trigger()
    with qtbot.waitSignal(tray.settings_requested):
        tray.settings_action.trigger()
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()
    tray.set_undo_available(True, "Smile")
    with qtbot.waitSignal(tray.undo_requested):
        tray.undo_action.trigger()


@pytest.mark.parametrize(
    "reason",
    [QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick],
)
def test_clicking_the_icon_asks_for_the_log_dialog(
    qtbot: QtBot, tray: TrayIcon, reason: QSystemTrayIcon.ActivationReason
) -> None:
    with qtbot.waitSignal(tray.log_dialog_requested):
        tray._tray.activated.emit(reason)


def test_the_context_menu_click_does_not_open_the_dialog(qtbot: QtBot, tray: TrayIcon) -> None:
    with qtbot.assertNotEmitted(tray.log_dialog_requested):
        tray._tray.activated.emit(QSystemTrayIcon.ActivationReason.Context)


def test_undo_item_only_while_on_offer(tray: TrayIcon) -> None:
    assert not tray.undo_action.isVisible()
    assert not tray.undo_action.isEnabled()
    tray.set_undo_available(True, "Smile")
    assert tray.undo_action.isVisible()
    assert tray.undo_action.isEnabled()
    assert plain(tray.undo_action.text()) == "Undo last moment (Smile)"
    tray.set_undo_available(False)
    assert not tray.undo_action.isVisible()
    assert plain(tray.undo_action.text()) == "Undo last moment"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (None, "MicroMoments"),
        (0, "MicroMoments — no moments yet this week"),
        (1, "MicroMoments — 1 moment this week"),
        (3, "MicroMoments — 3 moments this week"),
    ],
)
def test_tooltip(tray: TrayIcon, count: int | None, expected: str) -> None:
    tray.set_tooltip_count(count)
    assert tray.tooltip() == expected


def test_plain_queries(tray: TrayIcon) -> None:
    assert isinstance(TrayIcon.available(), bool)
    assert not tray.is_visible()
    assert tray.geometry().isNull() or tray.geometry().isValid()
    assert tray.menu().actions()
