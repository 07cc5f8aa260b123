"""Small QtDBus helpers: a quick query that never starts a service and never hangs the GUI."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusVariant

log = logging.getLogger(__name__)

# A desktop service answers a property read in well under a millisecond; one that takes longer
# than this is stuck, and a reminder is not worth freezing the tray for.
QUERY_TIMEOUT_MS = 150
PROPERTIES = "org.freedesktop.DBus.Properties"


def query(
    bus: QDBusConnection,
    service: str,
    path: str,
    interface: str,
    member: str,
    args: Sequence[Any] = (),
    timeout_ms: int = QUERY_TIMEOUT_MS,
) -> list[Any] | None:
    """Call a method and return its reply's arguments, or None on any error or timeout.

    The call never activates a service: asking whether the user is busy must not launch a
    screen saver or a notification daemon.
    """
    if not bus.isConnected():
        return None
    message = QDBusMessage.createMethodCall(service, path, interface, member)
    message.setAutoStartService(False)
    if args:
        message.setArguments(list(args))
    reply = bus.call(message, QDBus.CallMode.Block, timeout_ms)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        log.debug("%s.%s on %s: %s", interface, member, service, reply.errorName())
        return None
    return list(reply.arguments())


def get_property(
    bus: QDBusConnection, service: str, path: str, interface: str, name: str
) -> Any | None:
    """The value of a D-Bus property, or None when it cannot be read."""
    reply = query(bus, service, path, PROPERTIES, "Get", [interface, name])
    if not reply:
        return None
    value = reply[0]
    return value.variant() if isinstance(value, QDBusVariant) else value


def first_bool(reply: list[Any] | None) -> bool | None:
    if reply and isinstance(reply[0], bool):
        return reply[0]
    return None


def slot(signature: str) -> bytes:
    """The receiver argument of QDBusConnection.connect() for a @Slot method of a QObject.

    PySide6 wants Qt's SLOT() string ("1name(types)") at run time; its type stubs say bytes.
    """
    return cast(bytes, "1" + signature)
