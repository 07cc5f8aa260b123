"""Wayland (and any desktop with xdg-desktop-portal): the GlobalShortcuts portal over QtDBus.

1. Tell the portal our app id (org.freedesktop.host.portal.Registry.Register, where it exists).
2. CreateSession; every portal call answers with a Request object whose Response signal carries
   the result, so we listen on the request path before calling.
3. ListShortcuts: a later start finds the shortcut the user already accepted and binds nothing.
   Only when ours is missing (the first start, or a new key chosen in settings) BindShortcuts is
   called, with our preferred trigger; the desktop may ask the user and may pick another key —
   the status says which one it bound.
4. Activated(session, "quick-log", …) → `activated`.

The QDBusConnection is passed in, so tests use a private bus with a small portal of their own.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from typing import Any

from PySide6.QtCore import QMetaType, QObject, Slot
from PySide6.QtDBus import (
    QDBusArgument,
    QDBusConnection,
    QDBusError,
    QDBusMessage,
    QDBusObjectPath,
    QDBusVariant,
)

from micromoments_tray import APP_ID
from micromoments_tray.platform.hotkeys.base import (
    BOUND,
    PENDING,
    UNAVAILABLE,
    HotkeyBackend,
    HotkeyStatus,
)
from micromoments_tray.platform.hotkeys.keys import HotkeyError, parse_sequence, portal_trigger

log = logging.getLogger(__name__)

PORTAL_SERVICE = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS_IFACE = "org.freedesktop.portal.GlobalShortcuts"
REQUEST_IFACE = "org.freedesktop.portal.Request"
REGISTRY_IFACE = "org.freedesktop.host.portal.Registry"
SHORTCUT_ID = "quick-log"
SHORTCUT_DESCRIPTION = "Log a moment (MicroMoments quick log)"
# Qt slot signatures ("1" marks a slot). PySide6 takes them as str; its stubs say bytes.
_ACTIVATED_SLOT: Any = "1_on_activated(QDBusMessage)"
_RESPONSE_SLOT: Any = "1_on_response(QDBusMessage)"
_REPLY_SLOT: Any = "1_on_reply(QDBusMessage)"
_ERROR_SLOT: Any = "1_on_error(QDBusError,QDBusMessage)"


class PortalHotkeys(HotkeyBackend):
    name = "portal"

    def __init__(
        self, bus: QDBusConnection, parent: QObject | None = None, app_id: str = APP_ID
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._app_id = app_id
        self._session = ""
        self._shortcut = ""
        self._trigger = ""
        self._bound_trigger = ""  # the trigger we last asked the desktop for
        self._tokens = 0
        self._pending: dict[str, Any] = {}  # request path -> what to do with its Response
        self._started = False
        self.registered = False

    # -- public --------------------------------------------------------------------------------

    def bind(self, shortcut: str) -> None:
        try:
            combo = parse_sequence(shortcut)
        except HotkeyError as exc:
            self._set_status(HotkeyStatus(UNAVAILABLE, shortcut, "", f"{exc}."))
            return
        self._shortcut = combo.text()
        self._trigger = portal_trigger(combo)
        if not self._bus.isConnected():
            self._set_status(
                HotkeyStatus(UNAVAILABLE, self._shortcut, "", "There is no session bus here.")
            )
            return
        self._set_status(
            HotkeyStatus(PENDING, self._shortcut, "", "Asking the desktop for the shortcut…")
        )
        if not self._started:
            self._start()
        elif self._session:
            self._bind_shortcuts()
        # else: the session is on its way; its Response lists or binds with the new trigger

    # -- the conversation with the portal ------------------------------------------------------

    def _start(self) -> None:
        self._started = True
        ok = self._bus.connect(
            "",
            PORTAL_PATH,
            SHORTCUTS_IFACE,
            "Activated",
            self,
            _ACTIVATED_SLOT,
        )
        if not ok:
            log.warning("could not listen for GlobalShortcuts.Activated")
        self._register_app_id()
        token = self._token()
        self._call(
            "CreateSession",
            [{"handle_token": token, "session_handle_token": f"micromoments_{os.getpid()}"}],
            token,
            self._on_session,
        )

    def _register_app_id(self) -> None:
        """Desktops that cannot tell which app a host process is ask for its id here."""
        message = QDBusMessage.createMethodCall(
            PORTAL_SERVICE, PORTAL_PATH, REGISTRY_IFACE, "Register"
        )
        message.setArguments([self._app_id, {}])
        # Sent before CreateSession on the same connection, so the portal sees it first.
        reply = self._bus.asyncCall(message)
        self._register_reply = reply  # keep it alive until answered
        self.registered = True

    def _on_session(self, code: int, results: dict[str, Any]) -> None:
        if code != 0:
            self._fail(code, "The desktop did not open a shortcuts session")
            return
        self._session = str(results.get("session_handle", ""))
        log.info("GlobalShortcuts session %s", self._session)
        token = self._token()
        self._call(
            "ListShortcuts",
            [QDBusObjectPath(self._session), {"handle_token": token}],
            token,
            self._on_listed,
        )

    def _on_listed(self, code: int, results: dict[str, Any]) -> None:
        trigger = _find_trigger(results.get("shortcuts", []))
        if code == 0 and trigger is not None:
            log.info("GlobalShortcuts: %s already bound as %r", SHORTCUT_ID, trigger)
            self._bound_trigger = self._trigger
            self._bound(trigger)
            return
        self._bind_shortcuts()

    def _bind_shortcuts(self) -> None:
        token = self._token()
        shortcuts = QDBusArgument()
        shortcuts.beginArray(_shortcut_list_type())
        shortcuts.beginStructure()
        shortcuts.appendVariant(SHORTCUT_ID)
        shortcuts.appendVariant(
            {"description": SHORTCUT_DESCRIPTION, "preferred_trigger": self._trigger}
        )
        shortcuts.endStructure()
        shortcuts.endArray()
        self._bound_trigger = self._trigger
        self._call(
            "BindShortcuts",
            [QDBusObjectPath(self._session), shortcuts, "", {"handle_token": token}],
            token,
            self._on_bound,
        )

    def _on_bound(self, code: int, results: dict[str, Any]) -> None:
        if code == 1:
            self._set_status(
                HotkeyStatus(
                    UNAVAILABLE,
                    self._shortcut,
                    "",
                    "The shortcut was not set up (the desktop's dialog was closed). Choose it "
                    "again in Settings, or bind “micromoments quick-log” in your desktop's "
                    "settings.",
                )
            )
            return
        if code != 0:
            self._fail(code, "The desktop could not bind the shortcut")
            return
        trigger = _find_trigger(results.get("shortcuts", []))
        self._bound(trigger or "")

    def _bound(self, trigger: str) -> None:
        shown = trigger or "a key of your desktop's choosing"
        message = f"{shown} opens the quick log."
        if trigger and _normalise(trigger) != _normalise(self._shortcut):
            message = f"Your desktop bound {trigger} (you asked for {self._shortcut})."
        self._set_status(HotkeyStatus(BOUND, self._shortcut, trigger, message))

    def _fail(self, code: int, what: str) -> None:
        log.warning("GlobalShortcuts: %s (response %d)", what, code)
        self._set_status(
            HotkeyStatus(
                UNAVAILABLE,
                self._shortcut,
                "",
                f"{what}. Bind “micromoments quick-log” in your desktop's settings instead.",
            )
        )

    # -- D-Bus plumbing --------------------------------------------------------------------------

    def _token(self) -> str:
        self._tokens += 1
        return f"micromoments_{os.getpid()}_{self._tokens}"

    def _request_path(self, token: str) -> str:
        sender = self._bus.baseService().lstrip(":").replace(".", "_")
        return f"{PORTAL_PATH}/request/{sender}/{token}"

    def _call(self, method: str, arguments: list[Any], token: str, then: Any) -> None:
        path = self._request_path(token)
        # Listen before calling: the Response may come right after the reply.
        self._bus.connect("", path, REQUEST_IFACE, "Response", self, _RESPONSE_SLOT)
        self._pending[path] = then
        message = QDBusMessage.createMethodCall(
            PORTAL_SERVICE, PORTAL_PATH, SHORTCUTS_IFACE, method
        )
        message.setArguments(arguments)
        if not self._bus.callWithCallback(message, self, _REPLY_SLOT, _ERROR_SLOT):
            self._pending.pop(path, None)
            self._fail(-1, f"Could not call the portal's {method}")

    @Slot(QDBusMessage)
    def _on_reply(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        handle = _plain(arguments[0]) if arguments else ""
        log.debug("portal request %s", handle)

    @Slot(QDBusError, QDBusMessage)
    def _on_error(self, error: QDBusError, message: QDBusMessage) -> None:
        log.warning("GlobalShortcuts call failed: %s %s", error.name(), error.message())
        self._pending.clear()
        self._set_status(
            HotkeyStatus(
                UNAVAILABLE,
                self._shortcut,
                "",
                "This desktop has no global shortcuts portal. Bind “micromoments quick-log” "
                "in its keyboard settings instead (see `micromoments hotkey-help`).",
            )
        )

    @Slot(QDBusMessage)
    def _on_response(self, message: QDBusMessage) -> None:
        then = self._pending.pop(message.path(), None)
        if then is None:
            return
        self._bus.disconnect("", message.path(), REQUEST_IFACE, "Response", self, _RESPONSE_SLOT)
        arguments = message.arguments()
        code = int(_plain(arguments[0])) if arguments else 2
        results = _plain(arguments[1]) if len(arguments) > 1 else {}
        then(code, results if isinstance(results, dict) else {})

    @Slot(QDBusMessage)
    def _on_activated(self, message: QDBusMessage) -> None:
        arguments = [_plain(a) for a in message.arguments()]
        if len(arguments) < 2 or arguments[1] != SHORTCUT_ID:
            return
        if self._session and str(arguments[0]) != self._session:
            return
        self.activated.emit()


def _find_trigger(shortcuts: Any) -> str | None:
    """The trigger description of our shortcut in a decoded a(sa{sv}), or None if absent."""
    if not isinstance(shortcuts, list | tuple):
        return None
    for entry in shortcuts:
        if isinstance(entry, list | tuple) and len(entry) == 2 and entry[0] == SHORTCUT_ID:
            props = entry[1] if isinstance(entry[1], dict) else {}
            return str(props.get("trigger_description", ""))
    return None


def _normalise(trigger: str) -> str:
    return trigger.replace(" ", "").replace("Control", "Ctrl").upper()


def _plain(value: Any) -> Any:
    """A D-Bus value as plain Python: lists, tuples (structs), dicts, str, int, float, bool."""
    if isinstance(value, QDBusArgument):
        kind = value.currentType()
        types = QDBusArgument.ElementType
        read = _reader()
        if kind == types.ArrayType:
            items = []
            read(value, "beginArray")
            while not value.atEnd():
                items.append(_plain(value.asVariant()))
            read(value, "endArray")
            return items
        if kind == types.StructureType:
            fields = []
            read(value, "beginStructure")
            while not value.atEnd():
                fields.append(_plain(value.asVariant()))
            read(value, "endStructure")
            return tuple(fields)
        if kind == types.MapType:
            mapping = {}
            read(value, "beginMap")
            while not value.atEnd():
                read(value, "beginMapEntry")
                key = _plain(value.asVariant())
                mapping[key] = _plain(value.asVariant())
                read(value, "endMapEntry")
            read(value, "endMap")
            return mapping
        return _plain(value.asVariant())
    if isinstance(value, QDBusVariant):
        return _plain(value.variant())
    if isinstance(value, QDBusObjectPath):
        return value.path()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _qtdbus_library() -> Any:
    import ctypes
    from pathlib import Path

    import PySide6

    bundled = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6DBus.so.6"
    for name in (str(bundled), "libQt6DBus.so.6"):
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    raise RuntimeError("libQt6DBus is not loaded")


_READ_SYMBOLS = {
    "beginArray": "_ZNK13QDBusArgument10beginArrayEv",
    "endArray": "_ZNK13QDBusArgument8endArrayEv",
    "beginStructure": "_ZNK13QDBusArgument14beginStructureEv",
    "endStructure": "_ZNK13QDBusArgument12endStructureEv",
    "beginMap": "_ZNK13QDBusArgument8beginMapEv",
    "endMap": "_ZNK13QDBusArgument6endMapEv",
    "beginMapEntry": "_ZNK13QDBusArgument13beginMapEntryEv",
    "endMapEntry": "_ZNK13QDBusArgument11endMapEntryEv",
}


@cache
def _reader() -> Any:
    """Call QDBusArgument's reading (const) begin/end functions.

    PySide6 binds only the writing overloads of beginStructure(), beginMapEntry() and their
    ends, which cannot read a received value; the const ones are called through ctypes.
    """
    import ctypes

    import shiboken6

    library = _qtdbus_library()
    functions = {}
    for name, symbol in _READ_SYMBOLS.items():
        function = getattr(library, symbol)
        function.argtypes = [ctypes.c_void_p]
        function.restype = ctypes.c_void_p
        functions[name] = function

    def read(argument: QDBusArgument, operation: str) -> None:
        functions[operation](shiboken6.getCppPointer(argument)[0])

    return read


@cache
def _shortcut_list_type() -> QMetaType:
    """A metatype whose D-Bus signature is (sa{sv}), for BindShortcuts' a(sa{sv}) argument.

    PySide6 does not expose QDBusMetaType, and QDBusArgument.beginArray() needs an element type
    the D-Bus type system knows. QDBusMetaType::registerCustomType (public Qt 6 API) gives one of
    Qt's own, never-sent-over-D-Bus metatypes (QEasingCurve) that signature, called via ctypes.
    """
    import ctypes

    import shiboken6
    from PySide6.QtCore import QByteArray

    library = _qtdbus_library()
    register = library._ZN13QDBusMetaType18registerCustomTypeE9QMetaTypeRK10QByteArray
    register.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    register.restype = None
    metatype = QMetaType(QMetaType.Type.QEasingCurve.value)
    # A QMetaType is one pointer, passed by value in a register.
    interface = ctypes.c_void_p.from_address(shiboken6.getCppPointer(metatype)[0]).value
    signature = QByteArray(b"(sa{sv})")
    register(interface, shiboken6.getCppPointer(signature)[0])
    return metatype
