"""The one interface every global-shortcut backend offers, and the backend for "none here"."""

from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

BOUND, PENDING, CONFLICT, UNAVAILABLE, OFF = "bound", "pending", "conflict", "unavailable", "off"


class HotkeyStatus(NamedTuple):
    """What became of the shortcut: said once for the log, the tray tooltip and settings."""

    state: str  # BOUND, PENDING, CONFLICT, UNAVAILABLE or OFF
    shortcut: str = ""  # what the user asked for, e.g. "Ctrl+Alt+M"
    bound_as: str = ""  # what the desktop actually bound (the portal may pick another key)
    message: str = ""  # one plain sentence for people

    @property
    def problem(self) -> bool:
        return self.state in (CONFLICT, UNAVAILABLE)


class HotkeyBackend(QObject):
    """Binds one global shortcut; `activated` fires each time it is pressed.

    `bind()` may finish later (the portal asks the desktop): `status_changed` carries every new
    HotkeyStatus. Binding again replaces the previous shortcut.
    """

    activated = Signal()
    status_changed = Signal(object)
    name = "none"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status = HotkeyStatus(OFF, message="No global shortcut is set.")

    def bind(self, shortcut: str) -> None:
        raise NotImplementedError

    def unbind(self) -> None:
        self._set_status(HotkeyStatus(OFF, message="No global shortcut is set."))

    def status(self) -> HotkeyStatus:
        return self._status

    def _set_status(self, status: HotkeyStatus) -> None:
        self._status = status
        self.status_changed.emit(status)


class NullHotkeys(HotkeyBackend):
    """Where no backend works: says why, binds nothing."""

    name = "none"

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = reason

    def bind(self, shortcut: str) -> None:
        self._set_status(HotkeyStatus(UNAVAILABLE, shortcut, "", self.reason))
