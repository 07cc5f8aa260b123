# ruff: noqa: F821, F722 - dbus-fast reads D-Bus signatures from string annotations
"""A small xdg-desktop-portal for tests: GlobalShortcuts with Request objects, and the Registry.

Run as `python fake_portal.py BUS_ADDRESS`; prints "ready" once it owns the portal's name.
A test-only interface, org.micromoments.TestPortal, lets the test press a shortcut, read the
calls made so far and make the next BindShortcuts pick another trigger.
"""

import asyncio
import sys
from typing import Any

from dbus_fast import Variant
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

PATH = "/org/freedesktop/portal/desktop"


class Request(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.portal.Request")

    @method()
    def Close(self) -> None:
        pass

    @signal()
    def Response(self, response: "u", results: "a{sv}") -> "ua{sv}":
        return [response, results]


class Portal:
    def __init__(self, bus: MessageBus) -> None:
        self.bus = bus
        self.calls: list[str] = []
        self.app_ids: dict[str, str] = {}  # sender -> registered app id
        self.bound: dict[str, dict[str, str]] = {}  # app id -> shortcut id -> trigger
        self.sessions: dict[str, str] = {}  # session path -> app id
        self.override = ""

    def request(self, sender: str, token: str, response: int, results: dict[str, Any]) -> str:
        path = f"{PATH}/request/{sender.lstrip(':').replace('.', '_')}/{token}"
        req = Request()
        self.bus.export(path, req)

        async def answer() -> None:
            await asyncio.sleep(0.01)  # after the method's reply, as real portals do
            req.Response(response, results)
            self.bus.unexport(path, req)

        asyncio.get_running_loop().create_task(answer())
        return path


class GlobalShortcuts(ServiceInterface):
    def __init__(self, portal: Portal) -> None:
        super().__init__("org.freedesktop.portal.GlobalShortcuts")
        self.portal = portal

    def _sender(self) -> str:
        return self._current_sender  # set by the message handler below

    @method()
    def CreateSession(self, options: "a{sv}") -> "o":
        p = self.portal
        p.calls.append("CreateSession")
        token = options["handle_token"].value
        session = (
            f"{PATH}/session/{self._sender().lstrip(':').replace('.', '_')}/"
            + options["session_handle_token"].value
        )
        p.sessions[session] = p.app_ids.get(self._sender(), "")
        return p.request(self._sender(), token, 0, {"session_handle": Variant("s", session)})

    @method()
    def BindShortcuts(
        self, session_handle: "o", shortcuts: "a(sa{sv})", parent_window: "s", options: "a{sv}"
    ) -> "o":
        p = self.portal
        app = p.sessions[session_handle]
        wanted = {sid: props["preferred_trigger"].value for sid, props in shortcuts}
        p.calls.append(f"BindShortcuts {app} {wanted}")
        for sid, trigger in wanted.items():
            p.bound.setdefault(app, {})[sid] = p.override or trigger.replace(
                "CTRL", "Ctrl"
            ).replace("ALT", "Alt").replace("+m", "+M")
        return p.request(
            self._sender(), options["handle_token"].value, 0, {"shortcuts": self._listing(app)}
        )

    @method()
    def ListShortcuts(self, session_handle: "o", options: "a{sv}") -> "o":
        p = self.portal
        app = p.sessions[session_handle]
        p.calls.append(f"ListShortcuts {app}")
        return p.request(
            self._sender(), options["handle_token"].value, 0, {"shortcuts": self._listing(app)}
        )

    def _listing(self, app: str) -> Variant:
        items = [
            [sid, {"description": Variant("s", "x"), "trigger_description": Variant("s", t)}]
            for sid, t in self.portal.bound.get(app, {}).items()
        ]
        return Variant("a(sa{sv})", items)

    @signal()
    def Activated(
        self, session_handle: "o", shortcut_id: "s", timestamp: "t", options: "a{sv}"
    ) -> "osta{sv}":
        return [session_handle, shortcut_id, timestamp, options]


class Registry(ServiceInterface):
    def __init__(self, portal: Portal) -> None:
        super().__init__("org.freedesktop.host.portal.Registry")
        self.portal = portal

    @method()
    def Register(self, app_id: "s", options: "a{sv}") -> None:
        self.portal.calls.append(f"Register {app_id}")
        self.portal.app_ids[self._current_sender] = app_id


class TestControl(ServiceInterface):
    def __init__(self, portal: Portal, shortcuts: GlobalShortcuts) -> None:
        super().__init__("org.micromoments.TestPortal")
        self.portal = portal
        self.shortcuts = shortcuts

    @method()
    def Press(self, shortcut_id: "s") -> None:
        for session in self.portal.sessions:
            self.shortcuts.Activated(session, shortcut_id, 1, {})

    @method()
    def Calls(self) -> "as":
        return list(self.portal.calls)

    @method()
    def PickTrigger(self, trigger: "s") -> None:
        self.portal.override = trigger


async def main(address: str) -> None:
    bus = await MessageBus(bus_address=address).connect()
    portal = Portal(bus)
    shortcuts = GlobalShortcuts(portal)
    registry = Registry(portal)
    interfaces = [shortcuts, registry]

    # dbus-fast does not hand a method its caller; note it from each incoming message.
    def note_sender(message: Any) -> None:
        for interface in interfaces:
            interface._current_sender = message.sender

    bus.add_message_handler(note_sender)
    bus.export(PATH, shortcuts)
    bus.export(PATH, registry)
    bus.export(PATH, TestControl(portal, shortcuts))
    await bus.request_name("org.freedesktop.portal.Desktop")
    print("ready", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
