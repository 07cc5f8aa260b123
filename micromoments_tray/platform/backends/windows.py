"""Windows: idle time (GetLastInputInfo), the shell's "do not disturb" state
(SHQueryUserNotificationState) and sleep/wake-up (WM_POWERBROADCAST).

The Win32 calls sit behind `WindowsApi` so everything else — the arithmetic, the mapping of
notification states, the reading of a MSG — is tested on any platform. `Win32Api` itself only
runs on Windows.
"""

from __future__ import annotations

import ctypes
import logging
from typing import Protocol

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QObject

from micromoments_tray.platform.availability import (
    DO_NOT_DISTURB,
    FULLSCREEN,
    IDLE,
    LOCKED,
    Availability,
)

log = logging.getLogger(__name__)

# QUERY_USER_NOTIFICATION_STATE (shellapi.h)
QUNS_NOT_PRESENT = 1  # screen saver running, machine locked, or a non-interactive desktop
QUNS_BUSY = 2  # a full-screen application
QUNS_RUNNING_D3D_FULL_SCREEN = 3  # a full-screen Direct3D game or video
QUNS_PRESENTATION_MODE = 4  # "presentation settings" turned on
QUNS_ACCEPTS_NOTIFICATIONS = 5
QUNS_QUIET_TIME = 6  # the first hour after a fresh install or upgrade
QUNS_APP = 7  # a full-screen Windows Store app

_STATE_REASONS = {
    QUNS_NOT_PRESENT: LOCKED,
    QUNS_BUSY: FULLSCREEN,
    QUNS_RUNNING_D3D_FULL_SCREEN: FULLSCREEN,
    QUNS_PRESENTATION_MODE: DO_NOT_DISTURB,
    QUNS_QUIET_TIME: DO_NOT_DISTURB,
    QUNS_APP: FULLSCREEN,
}

WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004
PBT_APMRESUMESUSPEND = 0x0007
PBT_APMRESUMEAUTOMATIC = 0x0012


def reason_for_notification_state(state: int | None) -> str | None:
    return _STATE_REASONS.get(state) if state is not None else None


def idle_ms(tick_now: int, last_input_tick: int) -> int:
    """Milliseconds between two GetTickCount values, correct across the 49.7-day wrap-around."""
    return (tick_now - last_input_tick) & 0xFFFFFFFF


def power_event(message: int, wparam: int) -> str | None:
    """'sleeping' or 'resumed' for a WM_POWERBROADCAST message, else None.

    Windows sends PBT_APMRESUMEAUTOMATIC on every wake-up and PBT_APMRESUMESUSPEND only when a
    user is present as well; both count, so a wake-up is never missed (a second `resumed` only
    reschedules again).
    """
    if message != WM_POWERBROADCAST:
        return None
    if wparam == PBT_APMSUSPEND:
        return "sleeping"
    if wparam in (PBT_APMRESUMEAUTOMATIC, PBT_APMRESUMESUSPEND):
        return "resumed"
    return None


class MSG(ctypes.Structure):
    """The head of the Win32 MSG structure, which is all a native event filter needs."""

    _fields_ = (
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
    )


def read_msg(address: int) -> tuple[int, int]:
    """(message, wParam) of the MSG at `address` (what Qt hands a native event filter)."""
    msg = MSG.from_address(address)
    return int(msg.message), int(msg.wParam)


class WindowsApi(Protocol):
    def tick_count(self) -> int: ...
    def last_input_tick(self) -> int | None: ...
    def notification_state(self) -> int | None: ...


class Win32Api:  # pragma: no cover - runs on Windows only
    """The real calls, through ctypes (user32, kernel32, shell32)."""

    def __init__(self) -> None:
        self._user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined]
        self._kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        self._shell32 = ctypes.WinDLL("shell32")  # type: ignore[attr-defined]
        self._kernel32.GetTickCount.restype = ctypes.c_uint32

    def tick_count(self) -> int:
        return int(self._kernel32.GetTickCount())

    def last_input_tick(self) -> int | None:
        class LASTINPUTINFO(ctypes.Structure):
            _fields_ = (("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint32))

        info = LASTINPUTINFO()
        info.cbSize = ctypes.sizeof(info)
        if not self._user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        return int(info.dwTime)

    def notification_state(self) -> int | None:
        state = ctypes.c_int(0)
        if self._shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:  # S_OK
            return None
        return int(state.value)


class WindowsAvailability(Availability):
    def __init__(
        self, api: WindowsApi, idle_threshold_s: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.api = api
        self.idle_threshold_ms = idle_threshold_s * 1000
        self.power_filter: PowerEventFilter | None = None  # kept alive while installed

    def busy_reason(self) -> str | None:
        reason = reason_for_notification_state(self.api.notification_state())
        if reason is not None:
            return reason
        last = self.api.last_input_tick()
        if last is not None and idle_ms(self.api.tick_count(), last) >= self.idle_threshold_ms:
            return IDLE
        return None

    def handle_power_event(self, message: int, wparam: int) -> None:
        event = power_event(message, wparam)
        if event == "sleeping":
            log.info("Windows: going to sleep")
            self.sleeping.emit()
        elif event == "resumed":
            log.info("Windows: woke up")
            self.resumed.emit()


class PowerEventFilter(QAbstractNativeEventFilter):
    """Passes WM_POWERBROADCAST on to the backend; lets every message through."""

    def __init__(self, backend: WindowsAvailability) -> None:
        super().__init__()
        self._backend = backend

    def nativeEventFilter(
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> tuple[bool, int]:
        kind = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if kind == b"windows_generic_MSG" and message:
            self._backend.handle_power_event(*read_msg(int(message)))
        return False, 0
