"""On a bus without xdg-desktop-portal the backend says what to do instead (its own bus)."""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from micromoments_tray.platform.hotkeys.base import UNAVAILABLE
from micromoments_tray.platform.hotkeys.portal import PortalHotkeys


def test_without_a_portal_it_says_what_to_do_instead(qtbot: QtBot, bus_address: str) -> None:
    bus = QDBusConnection.connectToBus(bus_address, "no-portal-test")
    backend = PortalHotkeys(bus)
    backend.bind("Ctrl+Alt+M")
    qtbot.waitUntil(lambda: backend.status().state == UNAVAILABLE, timeout=5000)
    assert "micromoments quick-log" in backend.status().message
    assert backend.status().problem
