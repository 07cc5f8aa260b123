"""logind on the system bus: sleep and wake-up (PrepareForSleep), and a locked session."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusObjectPath

from micromoments_tray.platform.availability import LOCKED, Availability
from micromoments_tray.platform.backends.qtdbus import PROPERTIES, get_property, query, slot

log = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"
MANAGER_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
SESSION = "org.freedesktop.login1.Session"


class LogindAvailability(Availability):
    """'locked' while the session's LockedHint is set; `sleeping`/`resumed` around suspend.

    `bus` is the system bus (tests pass a private one). `session_id` is $XDG_SESSION_ID; when
    it is missing logind's "auto" picks the caller's session. The session's object path is looked
    up once, the first time it is needed.
    """

    def __init__(
        self, bus: QDBusConnection, session_id: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._session_id = session_id or "auto"
        self._session_path: str | None = None
        self._locked = False
        self.subscribed = bus.connect(
            LOGIN1,
            MANAGER_PATH,
            MANAGER,
            "PrepareForSleep",
            self,
            slot("_on_prepare_for_sleep(bool)"),
        )
        # Any session path: ours is only known after a lookup, and this keeps start-up free of
        # blocking calls. Changes of other sessions are filtered out in the slot.
        self.subscribed &= bus.connect(
            LOGIN1,
            "",
            PROPERTIES,
            "PropertiesChanged",
            self,
            slot("_on_properties_changed(QDBusMessage)"),
        )
        if not self.subscribed:
            log.info("cannot subscribe to logind signals: %s", bus.lastError().message())

    def session_path(self) -> str | None:
        if self._session_path is None:
            reply = query(
                self._bus, LOGIN1, MANAGER_PATH, MANAGER, "GetSession", [self._session_id]
            )
            if reply and isinstance(reply[0], QDBusObjectPath):
                self._session_path = reply[0].path()
        return self._session_path

    def locked(self) -> bool:
        path = self.session_path()
        if path is None:
            return False
        self._locked = get_property(self._bus, LOGIN1, path, SESSION, "LockedHint") is True
        return self._locked

    def busy_reason(self) -> str | None:
        return LOCKED if self.locked() else None

    @Slot(bool)
    def _on_prepare_for_sleep(self, start: bool) -> None:
        log.info("logind: %s", "going to sleep" if start else "woke up")
        if start:
            self.sleeping.emit()
        else:
            self.resumed.emit()

    @Slot(QDBusMessage)
    def _on_properties_changed(self, message: QDBusMessage) -> None:
        args = message.arguments()
        if not args or args[0] != SESSION or message.path() != self.session_path():
            return
        was_locked = self._locked
        if was_locked and not self.locked():
            log.info("logind: session unlocked")
            self.resumed.emit()
