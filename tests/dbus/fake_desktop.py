"""Small D-Bus services that speak the real desktop interfaces, for tests on a private bus.

Run as a separate process (`python -m tests.dbus.fake_desktop ADDRESS SERVICE...`) so the code
under test can make blocking QtDBus calls to it: a service in a thread of the test process would
wait for the GIL that the blocking call holds.

SERVICE is any of: notifications, login1, screensaver, mutter. Each owns its real bus name and
object path. One extra object, /io/micromoments/Test (interface io.micromoments.Test), lets the
test read what the services received and make them emit their signals. Its methods take plain
`i`/`s`/`b` arguments so any client can call it. The script prints "ready" once every name is
owned.
"""

# dbus-fast reads D-Bus signatures from string annotations, which ruff takes for names.
# ruff: noqa: F821, F722
import asyncio
import json
import sys
from typing import Any

from dbus_fast.aio import MessageBus
from dbus_fast.constants import PropertyAccess, RequestNameReply
from dbus_fast.service import ServiceInterface, dbus_property, method, signal

NOTIFICATIONS = "org.freedesktop.Notifications"
LOGIN1 = "org.freedesktop.login1"
SESSION_PATH = "/org/freedesktop/login1/session/_31"


class Notifications(ServiceInterface):
    """org.freedesktop.Notifications as in the Desktop Notifications Specification 1.2."""

    def __init__(self, calls: list[list[Any]]) -> None:
        super().__init__(NOTIFICATIONS)
        self.calls = calls
        self.next_id = 41
        self.inhibited = False
        self.capabilities = ["actions", "body", "persistence"]

    @method()
    def Notify(
        self,
        app_name: "s",
        replaces_id: "u",
        app_icon: "s",
        summary: "s",
        body: "s",
        actions: "as",
        hints: "a{sv}",
        expire_timeout: "i",
    ) -> "u":
        self.next_id += 1
        plain_hints = {key: value.value for key, value in hints.items()}
        self.calls.append(
            [
                "Notify",
                app_name,
                replaces_id,
                app_icon,
                summary,
                body,
                actions,
                plain_hints,
                expire_timeout,
                self.next_id,
            ]
        )
        return self.next_id

    @method()
    def CloseNotification(self, id: "u") -> None:
        self.calls.append(["CloseNotification", id])
        self.NotificationClosed(id, 3)

    @method()
    def GetCapabilities(self) -> "as":
        self.calls.append(["GetCapabilities"])
        return self.capabilities

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["fake-notifications", "MicroMoments tests", "1.0", "1.2"]

    @signal()
    def ActionInvoked(self, id: int, key: str) -> "us":
        return [id, key]

    @signal()
    def NotificationClosed(self, id: int, reason: int) -> "uu":
        return [id, reason]

    @dbus_property(access=PropertyAccess.READ)
    def Inhibited(self) -> "b":
        return self.inhibited


class LoginManager(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.login1.Manager")

    @method()
    def GetSession(self, session_id: "s") -> "o":
        return SESSION_PATH

    @method()
    def GetSessionByPID(self, pid: "u") -> "o":
        return SESSION_PATH

    @signal()
    def PrepareForSleep(self, start: bool) -> "b":
        return start


class LoginSession(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.login1.Session")
        self.locked = False

    @dbus_property(access=PropertyAccess.READ)
    def LockedHint(self) -> "b":
        return self.locked


class ScreenSaver(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.ScreenSaver")
        self.active = False

    @method()
    def GetActive(self) -> "b":
        return self.active

    @signal()
    def ActiveChanged(self, active: bool) -> "b":
        return active


class MutterIdleMonitor(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.gnome.Mutter.IdleMonitor")
        self.idle_ms = 0

    @method()
    def GetIdletime(self) -> "t":
        return self.idle_ms


class Control(ServiceInterface):
    """What the test uses to look inside the services and to make them speak."""

    def __init__(self, services: dict[str, ServiceInterface], calls: list[list[Any]]) -> None:
        super().__init__("io.micromoments.Test")
        self.services = services
        self.calls = calls

    def _get(self, name: str) -> Any:
        return self.services[name]

    @method()
    def Calls(self) -> "s":
        return json.dumps(self.calls)

    @method()
    def EmitActionInvoked(self, id: "i", key: "s") -> None:
        self._get("notifications").ActionInvoked(id, key)

    @method()
    def EmitNotificationClosed(self, id: "i", reason: "i") -> None:
        self._get("notifications").NotificationClosed(id, reason)

    @method()
    def SetInhibited(self, value: "b") -> None:
        service = self._get("notifications")
        service.inhibited = value
        service.emit_properties_changed({"Inhibited": value})

    @method()
    def SetCapabilities(self, caps: "as") -> None:
        self._get("notifications").capabilities = caps

    @method()
    def EmitPrepareForSleep(self, start: "b") -> None:
        self._get("login1").PrepareForSleep(start)

    @method()
    def SetLockedHint(self, value: "b") -> None:
        session = self._get("login1-session")
        session.locked = value
        session.emit_properties_changed({"LockedHint": value})

    @method()
    def SetScreenSaverActive(self, value: "b") -> None:
        saver = self._get("screensaver")
        saver.active = value
        saver.ActiveChanged(value)

    @method()
    def SetIdletime(self, ms: "i") -> None:
        self._get("mutter").idle_ms = ms


async def own(bus: MessageBus, name: str) -> None:
    reply = await bus.request_name(name)
    if reply != RequestNameReply.PRIMARY_OWNER:
        raise SystemExit(f"cannot own {name}: {reply}")


async def serve(address: str, names: list[str]) -> None:
    bus = await MessageBus(bus_address=address).connect()
    calls: list[list[Any]] = []
    services: dict[str, ServiceInterface] = {}
    if "notifications" in names:
        services["notifications"] = Notifications(calls)
        bus.export("/org/freedesktop/Notifications", services["notifications"])
        await own(bus, NOTIFICATIONS)
    if "login1" in names:
        services["login1"] = LoginManager()
        services["login1-session"] = LoginSession()
        bus.export("/org/freedesktop/login1", services["login1"])
        bus.export(SESSION_PATH, services["login1-session"])
        await own(bus, LOGIN1)
    if "screensaver" in names:
        services["screensaver"] = ScreenSaver()
        bus.export("/org/freedesktop/ScreenSaver", services["screensaver"])
        await own(bus, "org.freedesktop.ScreenSaver")
    if "mutter" in names:
        services["mutter"] = MutterIdleMonitor()
        bus.export("/org/gnome/Mutter/IdleMonitor/Core", services["mutter"])
        await own(bus, "org.gnome.Mutter.IdleMonitor")
    bus.export("/io/micromoments/Test", Control(services, calls))
    await own(bus, "io.micromoments.Test")
    print("ready", flush=True)
    await bus.wait_for_disconnect()


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1], sys.argv[2:]))
