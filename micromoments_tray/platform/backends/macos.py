"""macOS: idle time from Quartz (CGEventSourceSecondsSinceLastEventType) through ctypes.

Sleep and wake-up on macOS come from NSWorkspace notifications, which need an Objective-C
bridge; the reminders' own wall-versus-monotonic check covers them instead.
"""

from __future__ import annotations

import ctypes
import logging
from typing import Protocol

from PySide6.QtCore import QObject

from micromoments_tray.platform.availability import IDLE, Availability

log = logging.getLogger(__name__)

APPLICATION_SERVICES = (
    "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices"
)
K_CG_EVENT_SOURCE_STATE_COMBINED_SESSION = 0
K_CG_ANY_INPUT_EVENT_TYPE = 0xFFFFFFFF  # ~0: any kind of input event


class MacApi(Protocol):
    def seconds_since_input(self) -> float | None: ...


class QuartzApi:  # pragma: no cover - runs on macOS only
    def __init__(self) -> None:
        self._lib = ctypes.CDLL(APPLICATION_SERVICES)
        fn = self._lib.CGEventSourceSecondsSinceLastEventType
        fn.restype = ctypes.c_double
        fn.argtypes = (ctypes.c_int32, ctypes.c_uint32)
        self._fn = fn

    def seconds_since_input(self) -> float | None:
        return float(self._fn(K_CG_EVENT_SOURCE_STATE_COMBINED_SESSION, K_CG_ANY_INPUT_EVENT_TYPE))


def is_idle(seconds: float | None, threshold_s: int) -> bool:
    """True past the threshold; a negative or missing reading (a failed call) is not idle."""
    return seconds is not None and seconds >= max(threshold_s, 0) and seconds >= 0


class MacAvailability(Availability):
    def __init__(self, api: MacApi, idle_threshold_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.idle_threshold_s = idle_threshold_s

    def busy_reason(self) -> str | None:
        return IDLE if is_idle(self.api.seconds_since_input(), self.idle_threshold_s) else None
