"""Session-bus services: the screen saver, GNOME's idle monitor, the notifications' inhibition."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Slot
from PySide6.QtDBus import QDBusConnection

from micromoments_tray.platform.availability import DO_NOT_DISTURB, IDLE, LOCKED, Availability
from micromoments_tray.platform.backends.qtdbus import first_bool, get_property, query, slot

log = logging.getLogger(__name__)

SCREENSAVER = "org.freedesktop.ScreenSaver"
SCREENSAVER_PATH = "/org/freedesktop/ScreenSaver"
MUTTER_IDLE = "org.gnome.Mutter.IdleMonitor"
MUTTER_IDLE_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"


class ScreenSaverAvailability(Availability):
    """'locked' while org.freedesktop.ScreenSaver is active (KDE, Xfce, …); `resumed` when it
    goes off again."""

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self.subscribed = bus.connect(
            SCREENSAVER,
            SCREENSAVER_PATH,
            SCREENSAVER,
            "ActiveChanged",
            self,
            slot("_on_active(bool)"),
        )

    def busy_reason(self) -> str | None:
        reply = query(self._bus, SCREENSAVER, SCREENSAVER_PATH, SCREENSAVER, "GetActive")
        return LOCKED if first_bool(reply) else None

    @Slot(bool)
    def _on_active(self, active: bool) -> None:
        if not active:
            log.info("screen saver off")
            self.resumed.emit()


class MutterIdleAvailability(Availability):
    """'idle' when GNOME's idle monitor counts at least `idle_threshold_s` without input (this
    also works on Wayland, where the X server cannot tell)."""

    def __init__(
        self, bus: QDBusConnection, idle_threshold_s: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self.idle_threshold_ms = idle_threshold_s * 1000

    def idle_ms(self) -> int | None:
        reply = query(self._bus, MUTTER_IDLE, MUTTER_IDLE_PATH, MUTTER_IDLE, "GetIdletime")
        if reply and isinstance(reply[0], int) and not isinstance(reply[0], bool):
            return reply[0]
        return None

    def busy_reason(self) -> str | None:
        idle = self.idle_ms()
        return IDLE if idle is not None and idle >= self.idle_threshold_ms else None


class NotificationsInhibitedAvailability(Availability):
    """'do-not-disturb' while the notification server's Inhibited property is true (KDE Plasma's
    do-not-disturb; other servers simply lack the property)."""

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus

    def busy_reason(self) -> str | None:
        inhibited = get_property(
            self._bus, NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "Inhibited"
        )
        return DO_NOT_DISTURB if inhibited is True else None
