"""The notification style against a fake org.freedesktop.Notifications on a private bus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from pytestqt.qtbot import QtBot

from micromoments_tray import APP_ID
from micromoments_tray.platform.notify import (
    FreedesktopNotifier,
    SystemNotifier,
    create_notifier,
    flatten_actions,
)
from tests.dbus.services import FakeDesktop

ACTIONS = [("did-one", "I did one"), ("later", "Later"), ("not-today", "Not today")]


@pytest.fixture
def desktop(bus_address: str) -> Iterator[FakeDesktop]:
    fake = FakeDesktop(bus_address, ["notifications"])
    yield fake
    fake.stop()


@pytest.fixture
def notifier(bus_address: str, desktop: FakeDesktop) -> Iterator[FreedesktopNotifier]:
    notifier = FreedesktopNotifier(bus_address, icon="micromoments")
    yield notifier
    notifier.shutdown()


def shown(qtbot: QtBot, desktop: FakeDesktop, notifier: FreedesktopNotifier) -> int:
    """Show one reminder and return the id the server gave it."""
    notifier.notify("A small moment?", "Thank someone for something small.", ACTIONS)
    qtbot.waitUntil(lambda: len(desktop.calls("Notify")) == 1, timeout=5000)
    qtbot.waitUntil(lambda: notifier._id is not None, timeout=5000)
    notify_id: int = desktop.calls("Notify")[0][-1]
    return notify_id


def test_notify_sends_our_actions_and_hints(
    qtbot: QtBot, desktop: FakeDesktop, notifier: FreedesktopNotifier
) -> None:
    shown(qtbot, desktop, notifier)
    [call] = desktop.calls("Notify")
    _, app_name, replaces_id, icon, summary, body, actions, hints, timeout, _id = call
    assert app_name == "MicroMoments"
    assert replaces_id == 0
    assert icon == "micromoments"
    assert (summary, body) == ("A small moment?", "Thank someone for something small.")
    assert actions == ["did-one", "I did one", "later", "Later", "not-today", "Not today"]
    assert hints["desktop-entry"] == APP_ID
    assert hints["suppress-sound"] is True
    assert 20_000 <= timeout <= 60_000


def test_action_invoked_for_our_id_is_reported(
    qtbot: QtBot, desktop: FakeDesktop, notifier: FreedesktopNotifier
) -> None:
    our_id = shown(qtbot, desktop, notifier)
    with qtbot.waitSignal(notifier.action_invoked, timeout=5000) as blocker:
        desktop.control("EmitActionInvoked", our_id, "did-one")
    assert blocker.args == ["did-one"]
    # The server closes a notification once answered: that is not a dismissal.
    with qtbot.assertNotEmitted(notifier.dismissed, wait=100):
        desktop.control("EmitNotificationClosed", our_id, 2)


def test_signals_about_other_notifications_are_ignored(
    qtbot: QtBot, desktop: FakeDesktop, notifier: FreedesktopNotifier
) -> None:
    our_id = shown(qtbot, desktop, notifier)
    answers: list[str] = []
    notifier.action_invoked.connect(answers.append)
    with qtbot.assertNotEmitted(notifier.dismissed, wait=100):
        desktop.control("EmitActionInvoked", our_id + 100, "did-one")
        desktop.control("EmitNotificationClosed", our_id + 100, 1)
    # Ours still answers afterwards, so the ones before really were seen and ignored.
    with qtbot.waitSignal(notifier.action_invoked, timeout=5000):
        desktop.control("EmitActionInvoked", our_id, "later")
    assert answers == ["later"]


def test_closed_without_an_answer_is_dismissed(
    qtbot: QtBot, desktop: FakeDesktop, notifier: FreedesktopNotifier
) -> None:
    our_id = shown(qtbot, desktop, notifier)
    with qtbot.waitSignal(notifier.dismissed, timeout=5000):
        desktop.control("EmitNotificationClosed", our_id, 1)  # expired
    with qtbot.assertNotEmitted(notifier.action_invoked, wait=100):
        desktop.control("EmitActionInvoked", our_id, "did-one")  # too late: already gone


def test_close_asks_the_server_and_is_not_a_dismissal(
    qtbot: QtBot, desktop: FakeDesktop, notifier: FreedesktopNotifier
) -> None:
    our_id = shown(qtbot, desktop, notifier)
    with qtbot.assertNotEmitted(notifier.dismissed, wait=100):
        notifier.close()
        qtbot.waitUntil(lambda: desktop.calls("CloseNotification") != [], timeout=5000)
    assert desktop.calls("CloseNotification") == [["CloseNotification", our_id]]


def test_a_new_reminder_replaces_the_one_still_shown(
    qtbot: QtBot, desktop: FakeDesktop, notifier: FreedesktopNotifier
) -> None:
    first = shown(qtbot, desktop, notifier)
    notifier.notify("Another moment?", "Text a friend.", ACTIONS)
    qtbot.waitUntil(lambda: len(desktop.calls("Notify")) == 2, timeout=5000)
    assert desktop.calls("Notify")[1][2] == first  # replaces_id


def test_available_when_the_server_offers_actions(
    desktop: FakeDesktop, notifier: FreedesktopNotifier
) -> None:
    assert notifier.available()
    desktop.control("SetCapabilities", ["body"])
    assert not notifier.available()  # buttons would not show: use the tray's message instead


def test_not_available_without_a_server(qtbot: QtBot, bus_address: str) -> None:
    notifier = FreedesktopNotifier(bus_address)
    try:
        assert not notifier.available()
        with qtbot.waitSignal(notifier.dismissed, timeout=5000):
            notifier.notify("A small moment?", "Smile at someone.", ACTIONS)  # nobody answers
    finally:
        notifier.shutdown()


def test_not_available_without_a_bus(tmp_path: object) -> None:
    notifier = FreedesktopNotifier(f"unix:path={tmp_path}/no-bus")
    assert not notifier.available()


def test_factory_picks_the_fallback_off_linux() -> None:
    for platform in ("win32", "darwin"):
        notifier = create_notifier(address="unix:path=/nowhere", platform=platform)
        assert type(notifier) is SystemNotifier
        assert not notifier.available()
    assert type(create_notifier(address="", platform="linux")) is SystemNotifier
    linux = create_notifier(address="unix:path=/x", platform="linux")
    assert isinstance(linux, FreedesktopNotifier)
    assert linux.icon.startswith("file://")  # our own icon, even where no theme has it
    assert Path(unquote(urlparse(linux.icon).path)).is_file()


def test_flatten_actions() -> None:
    assert flatten_actions([("a", "A"), ("b", "B")]) == ["a", "A", "b", "B"]
    assert flatten_actions([]) == []
