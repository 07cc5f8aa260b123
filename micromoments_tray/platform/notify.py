"""The "system notification" reminder style: org.freedesktop.Notifications on Linux.

`SystemNotifier` is the interface and, as it stands, the fallback for other platforms: it reports
`available()` False and the app shows the tray's own message instead. `FreedesktopNotifier`
speaks the Desktop Notifications Specification: Notify with our actions, CloseNotification, and
the ActionInvoked / NotificationClosed signals for our notification only.

Why not QtDBus here: Notify's second argument is a uint32 and PySide6 cannot make one (a Python
int always travels as int32 or int16, and servers such as GNOME Shell reject the call). So this
one client speaks the wire protocol with jeepney (pure Python, no I/O of its own) on its own
connection, watched by a QSocketNotifier: nothing runs until the server says something.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from micromoments_tray import APP_ID

log = logging.getLogger(__name__)

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
APP_NAME = "MicroMoments"
EXPIRE_TIMEOUT_MS = 30_000  # like our own pop-up: gone after about half a minute
BLOCKING_TIMEOUT_S = 0.2  # for the bus daemon's answers in available(); it replies in < 1 ms
URGENCY_NORMAL = 1


def flatten_actions(actions: Sequence[tuple[str, str]]) -> list[str]:
    """[(key, label), …] → [key, label, …], the form Notify takes."""
    flat: list[str] = []
    for key, label in actions:
        flat += [key, label]
    return flat


class SystemNotifier(QObject):
    """Shows a reminder as a desktop notification. This base class is the fallback: never
    available, shows nothing."""

    action_invoked = Signal(str)  # the action key, e.g. 'did-one', 'later', 'not-today'
    dismissed = Signal()  # closed or expired without an action

    def available(self) -> bool:
        return False

    def notify(self, title: str, body: str, actions: Sequence[tuple[str, str]]) -> None:
        log.debug("no system notifications here; not shown: %s", title)

    def close(self) -> None:
        """Take the current notification away (no `dismissed` follows: the app asked)."""


class FreedesktopNotifier(SystemNotifier):
    """A client of org.freedesktop.Notifications on the bus at `address`.

    The connection is opened on first use. One notification at a time: a new `notify()`
    replaces the one still shown. Signals about other applications' notifications, or from
    anyone but the server that took ours, are ignored. If Notify fails (no server, an error
    reply) `dismissed` is emitted, so the reminder counts as unanswered rather than hanging.
    """

    def __init__(
        self,
        address: str,
        parent: QObject | None = None,
        *,
        icon: str = "micromoments",
        desktop_entry: str = APP_ID,
        expire_timeout_ms: int = EXPIRE_TIMEOUT_MS,
    ) -> None:
        super().__init__(parent)
        self.address = address
        self.icon = icon
        self.desktop_entry = desktop_entry
        self.expire_timeout_ms = expire_timeout_ms
        self._conn: Any = None
        self._notifier: QSocketNotifier | None = None
        self._server: str | None = None  # unique name of the server that owns our notification
        self._id: int | None = None  # our notification, while it is shown
        self._pending: int | None = None  # serial of a Notify still waiting for its reply
        self._close_pending = False
        self._replies: dict[int, Any] = {}

    # --- the interface ----------------------------------------------------------------------

    def available(self) -> bool:
        """A notification server runs (and shows actions), or one can be started."""
        if not self._open():
            return False
        from jeepney.bus_messages import message_bus

        owner = self._call(message_bus.NameHasOwner(NOTIFICATIONS))
        if owner is not None and owner[0]:
            capabilities = self._call(self._method("GetCapabilities"))
            return capabilities is not None and "actions" in capabilities[0]
        names = self._call(message_bus.ListActivatableNames())
        return names is not None and NOTIFICATIONS in names[0]

    def notify(self, title: str, body: str, actions: Sequence[tuple[str, str]]) -> None:
        if not self._open():
            log.warning("cannot reach the session bus; notification not shown")
            QTimer.singleShot(0, self.dismissed.emit)
            return
        hints = {
            "desktop-entry": ("s", self.desktop_entry),
            "urgency": ("y", URGENCY_NORMAL),
            "suppress-sound": ("b", True),  # a gentle nudge makes no noise
            "transient": ("b", True),  # and does not pile up in the notification list
        }
        message = self._method(
            "Notify",
            "susssasa{sv}i",
            (
                APP_NAME,
                self._id or 0,  # replaces the one still shown, if any
                self.icon,
                title,
                body,
                flatten_actions(actions),
                hints,
                self.expire_timeout_ms,
            ),
        )
        self._close_pending = False
        self._pending = self._send(message)
        if self._pending is None:
            QTimer.singleShot(0, self.dismissed.emit)

    def close(self) -> None:
        if self._id is not None:
            self._send(self._method("CloseNotification", "u", (self._id,)))
            self._id = None
        elif self._pending is not None:
            self._close_pending = True

    def shutdown(self) -> None:
        """Close the connection (tests; the app simply exits)."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- the wire ---------------------------------------------------------------------------

    def _method(self, member: str, signature: str | None = None, body: tuple[Any, ...] = ()) -> Any:
        from jeepney import DBusAddress, new_method_call

        address = DBusAddress(NOTIFICATIONS_PATH, bus_name=NOTIFICATIONS, interface=NOTIFICATIONS)
        return new_method_call(address, member, signature, body)

    def _open(self) -> bool:
        if self._conn is not None:
            return True
        try:
            from jeepney import MatchRule
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import open_dbus_connection
        except ImportError:
            log.warning("jeepney is missing: no system notifications")
            return False
        try:
            self._conn = open_dbus_connection(bus=self.address, auth_timeout=BLOCKING_TIMEOUT_S)
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            log.warning("cannot connect to the session bus %s: %s", self.address, exc)
            return False
        self._conn.sock.setblocking(False)
        for member in ("ActionInvoked", "NotificationClosed"):
            rule = MatchRule(
                type="signal", interface=NOTIFICATIONS, member=member, path=NOTIFICATIONS_PATH
            )
            self._send(message_bus.AddMatch(rule))
        self._notifier = QSocketNotifier(self._conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        return True

    def _send(self, message: Any) -> int | None:
        """Send without waiting; the serial, or None when the connection failed."""
        conn = self._conn
        if conn is None:
            return None
        serial = int(next(conn.outgoing_serial))
        try:
            data = message.serialise(serial=serial)
            conn.sock.setblocking(True)  # messages are small; the kernel buffer takes them
            try:
                conn.sock.sendall(data)
            finally:
                conn.sock.setblocking(False)
        except OSError as exc:
            log.warning("notification bus connection lost: %s", exc)
            self._lost()
            return None
        return serial

    def _call(self, message: Any, timeout_s: float = BLOCKING_TIMEOUT_S) -> Any:
        """Send and wait (briefly) for the reply's body; None on error or timeout."""
        from jeepney import MessageType

        serial = self._send(message)
        if serial is None:
            return None
        deadline = time.monotonic() + timeout_s
        while serial not in self._replies:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._conn is None:
                log.debug("no reply to %s in time", message.header.fields)
                return None
            if not self._receive(remaining):
                return None
        reply = self._replies.pop(serial)
        if reply.header.message_type != MessageType.method_return:
            return None
        return reply.body

    def _receive(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for data and handle every complete message in it."""
        import select

        if self._conn is None:
            return False
        readable, _, _ = select.select([self._conn.sock], [], [], timeout_s)
        if readable:
            self._read()
        return self._conn is not None

    def _read(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as exc:
            log.warning("notification bus connection lost: %s", exc)
            self._lost()
            return
        if not data:
            log.warning("the session bus closed our connection")
            self._lost()
            return
        conn.parser.add_data(data)
        while (message := conn.parser.get_next_message()) is not None:
            self._dispatch(message)

    def _dispatch(self, message: Any) -> None:
        from jeepney import HeaderFields, MessageType

        fields = message.header.fields
        kind = message.header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            serial = fields.get(HeaderFields.reply_serial)
            if serial is not None and serial == self._pending:
                self._on_notify_reply(message, fields.get(HeaderFields.sender))
            elif serial is not None:
                self._replies[serial] = message
            return
        if kind != MessageType.signal or fields.get(HeaderFields.interface) != NOTIFICATIONS:
            return
        if self._server is not None and fields.get(HeaderFields.sender) != self._server:
            return
        member = fields.get(HeaderFields.member)
        if member == "ActionInvoked" and message.body[0] == self._id and self._id is not None:
            self._id = None
            log.info("notification answered: %s", message.body[1])
            self.action_invoked.emit(str(message.body[1]))
        elif member == "NotificationClosed" and message.body[0] == self._id and self._id:
            self._id = None
            log.info("notification closed without an answer (reason %s)", message.body[1])
            self.dismissed.emit()

    def _on_notify_reply(self, message: Any, sender: str | None) -> None:
        from jeepney import MessageType

        self._pending = None
        if message.header.message_type != MessageType.method_return:
            log.warning("the notification server refused our notification: %s", message.body)
            self._id = None
            self.dismissed.emit()
            return
        self._server = sender
        self._id = int(message.body[0])
        if self._close_pending:
            self._close_pending = False
            self.close()

    def _lost(self) -> None:
        had_notification = self._id is not None or self._pending is not None
        self._id = None
        self._pending = None
        self._server = None
        self.shutdown()
        if had_notification:
            self.dismissed.emit()


def _icon_uri() -> str:
    from micromoments_tray.storage.paths import resources_dir

    png = resources_dir() / "icons" / "micromoments-64.png"
    return Path(png).resolve().as_uri() if png.is_file() else "micromoments"


def create_notifier(
    parent: QObject | None = None,
    *,
    address: str | None = None,
    platform: str | None = None,
) -> SystemNotifier:
    """org.freedesktop.Notifications on Linux and other Unix desktops; elsewhere the fallback
    (`available()` False), and the app uses the tray's message instead."""
    platform = sys.platform if platform is None else platform
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS") if address is None else address
    if platform in ("win32", "darwin") or not address:
        return SystemNotifier(parent)
    return FreedesktopNotifier(address, parent, icon=_icon_uri())


__all__ = ["FreedesktopNotifier", "SystemNotifier", "create_notifier", "flatten_actions"]
