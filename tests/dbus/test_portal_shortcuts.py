"""The GlobalShortcuts portal backend against a small portal on a private bus (fake_portal.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from micromoments_tray import APP_ID
from micromoments_tray.app.root import MicroMomentsApp
from micromoments_tray.core.clock import FakeClock
from micromoments_tray.platform.hotkeys.base import BOUND
from micromoments_tray.platform.hotkeys.portal import PortalHotkeys
from micromoments_tray.storage.paths import AppPaths

HERE = Path(__file__).parent
PATH = "/org/freedesktop/portal/desktop"


@pytest.fixture(scope="module")
def portal(bus_address: str) -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "fake_portal.py"), bus_address],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "ready", "the test portal did not start"
        yield bus_address
    finally:
        proc.terminate()
        proc.wait(timeout=5)
        proc.stdout.close()


_connections = 0


def connect(address: str) -> QDBusConnection:
    global _connections
    _connections += 1
    bus = QDBusConnection.connectToBus(address, f"portal-test-{_connections}")
    assert bus.isConnected()
    return bus


def control(bus: QDBusConnection, method: str, *args: object) -> list[object]:
    message = QDBusMessage.createMethodCall(
        "org.freedesktop.portal.Desktop", PATH, "org.micromoments.TestPortal", method
    )
    message.setArguments(list(args))
    reply = bus.call(message)
    assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()
    return list(reply.arguments())


def test_binds_once_lists_on_later_starts_and_reacts_to_activated(
    qtbot: QtBot, portal: str
) -> None:
    bus = connect(portal)
    first = PortalHotkeys(bus)
    first.bind("Ctrl+Alt+M")
    assert first.status().state == "pending"
    qtbot.waitUntil(lambda: first.status().state == BOUND, timeout=5000)
    assert first.status().bound_as == "Ctrl+Alt+M"
    assert first.status().message == "Ctrl+Alt+M opens the quick log."
    assert control(bus, "Calls")[0] == [
        f"Register {APP_ID}",
        "CreateSession",
        f"ListShortcuts {APP_ID}",
        f"BindShortcuts {APP_ID} {{'quick-log': 'CTRL+ALT+m'}}",
    ]

    with qtbot.waitSignal(first.activated, timeout=5000):
        control(bus, "Press", "quick-log")
    with qtbot.assertNotEmitted(first.activated, wait=200):
        control(bus, "Press", "something-else")

    # A later start finds the shortcut already bound: it lists, and binds nothing new.
    later_bus = connect(portal)
    later = PortalHotkeys(later_bus)
    later.bind("Ctrl+Alt+M")
    qtbot.waitUntil(lambda: later.status().state == BOUND, timeout=5000)
    calls = control(bus, "Calls")[0]
    assert isinstance(calls, list)
    assert calls[4:] == [f"Register {APP_ID}", "CreateSession", f"ListShortcuts {APP_ID}"]
    assert sum(c.startswith("BindShortcuts") for c in calls) == 1


def test_reports_the_key_the_desktop_picked(qtbot: QtBot, portal: str) -> None:
    bus = connect(portal)
    control(bus, "PickTrigger", "Super+L")
    backend = PortalHotkeys(bus, app_id="org.example.Other")
    backend.bind("Ctrl+Alt+J")
    qtbot.waitUntil(lambda: backend.status().state == BOUND, timeout=5000)
    status = backend.status()
    assert (status.shortcut, status.bound_as) == ("Ctrl+Alt+J", "Super+L")
    assert status.message == "Your desktop bound Super+L (you asked for Ctrl+Alt+J)."
    control(bus, "PickTrigger", "")


def test_the_app_binds_through_the_portal_and_activated_opens_the_palette(
    qtbot: QtBot, portal: str, qapp: QApplication, app_paths: AppPaths, clock: FakeClock
) -> None:
    app_paths.config_dir.mkdir(parents=True, exist_ok=True)
    app_paths.settings.write_text(json.dumps({"tray_wait_seconds": 0}))
    bus = connect(portal)
    app = MicroMomentsApp(app_paths, clock, qapp)
    hotkeys = PortalHotkeys(bus)
    app.hotkeys = hotkeys  # what start() picks on Wayland
    try:
        assert app.start() is None
        qtbot.waitUntil(lambda: hotkeys.status().state == BOUND, timeout=5000)
        assert not app.quick_entry.isVisible()
        control(bus, "Press", "quick-log")
        qtbot.waitUntil(app.quick_entry.isVisible, timeout=5000)
    finally:
        app.shutdown()
        app.quick_entry.hide()
        if app.fallback is not None:
            app.fallback.hide()
