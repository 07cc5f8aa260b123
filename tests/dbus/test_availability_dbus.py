"""Availability backends against fake logind, screen saver, Mutter and notification services."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from micromoments_tray.platform.availability import CompositeAvailability
from micromoments_tray.platform.backends.dbus_session import (
    MutterIdleAvailability,
    NotificationsInhibitedAvailability,
    ScreenSaverAvailability,
)
from micromoments_tray.platform.backends.dbus_system import LogindAvailability
from tests.dbus.services import FakeDesktop, private_connection

SERVICES = ["notifications", "login1", "screensaver", "mutter"]


@pytest.fixture
def desktop(bus_address: str) -> Iterator[FakeDesktop]:
    fake = FakeDesktop(bus_address, SERVICES)
    yield fake
    fake.stop()


@pytest.fixture
def bus(bus_address: str) -> Iterator[QDBusConnection]:
    # logind lives on the system bus; here the same private bus stands in for both.
    connection = private_connection(bus_address)
    yield connection
    QDBusConnection.disconnectFromBus(connection.name())


def test_prepare_for_sleep_emits_sleeping_then_resumed(
    qtbot: QtBot, desktop: FakeDesktop, bus: QDBusConnection
) -> None:
    logind = LogindAvailability(bus, "1")
    assert logind.subscribed
    with qtbot.waitSignal(logind.sleeping, timeout=5000):
        desktop.control("EmitPrepareForSleep", True)
    with (
        qtbot.waitSignal(logind.resumed, timeout=5000),
        qtbot.assertNotEmitted(logind.sleeping),
    ):
        desktop.control("EmitPrepareForSleep", False)


def test_composite_forwards_sleep_and_wake_up(
    qtbot: QtBot, desktop: FakeDesktop, bus: QDBusConnection
) -> None:
    availability = CompositeAvailability([LogindAvailability(bus, "1")])
    with qtbot.waitSignal(availability.sleeping, timeout=5000):
        desktop.control("EmitPrepareForSleep", True)
    with qtbot.waitSignal(availability.resumed, timeout=5000):
        desktop.control("EmitPrepareForSleep", False)


def test_locked_session_is_busy_and_unlocking_resumes(
    qtbot: QtBot, desktop: FakeDesktop, bus: QDBusConnection
) -> None:
    logind = LogindAvailability(bus, "1")
    assert logind.busy_reason() is None
    assert logind.session_path() == "/org/freedesktop/login1/session/_31"
    desktop.control("SetLockedHint", True)
    assert logind.busy_reason() == "locked"
    with qtbot.waitSignal(logind.resumed, timeout=5000):
        desktop.control("SetLockedHint", False)
    assert logind.busy_reason() is None


def test_screen_saver_active_is_locked(
    qtbot: QtBot, desktop: FakeDesktop, bus: QDBusConnection
) -> None:
    saver = ScreenSaverAvailability(bus)
    assert saver.subscribed
    assert saver.busy_reason() is None
    with qtbot.assertNotEmitted(saver.resumed, wait=100):
        desktop.control("SetScreenSaverActive", True)
    assert saver.busy_reason() == "locked"
    with qtbot.waitSignal(saver.resumed, timeout=5000):
        desktop.control("SetScreenSaverActive", False)
    assert saver.busy_reason() is None


def test_mutter_idle_time_against_the_threshold(desktop: FakeDesktop, bus: QDBusConnection) -> None:
    idle = MutterIdleAvailability(bus, idle_threshold_s=300)
    desktop.control("SetIdletime", 299_999)
    assert idle.idle_ms() == 299_999
    assert idle.busy_reason() is None
    desktop.control("SetIdletime", 300_000)
    assert idle.busy_reason() == "idle"


def test_notifications_inhibited_is_do_not_disturb(
    desktop: FakeDesktop, bus: QDBusConnection
) -> None:
    dnd = NotificationsInhibitedAvailability(bus)
    assert dnd.busy_reason() is None
    desktop.control("SetInhibited", True)
    assert dnd.busy_reason() == "do-not-disturb"
    availability = CompositeAvailability([MutterIdleAvailability(bus, 300), dnd])
    assert availability.busy_reason() == "do-not-disturb"
    desktop.control("SetInhibited", False)
    assert availability.busy_reason() is None


def test_missing_services_answer_not_busy_at_once(bus: QDBusConnection) -> None:
    # No fake services in this test: every name is unowned on the private bus.
    logind = LogindAvailability(bus)
    backends = [
        logind,
        ScreenSaverAvailability(bus),
        MutterIdleAvailability(bus, 1),
        NotificationsInhibitedAvailability(bus),
    ]
    availability = CompositeAvailability(backends)
    started = time.monotonic()
    assert availability.busy_reason() is None
    assert time.monotonic() - started < 0.5
    assert logind.session_path() is None
