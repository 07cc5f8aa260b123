"""Is this a good moment for a gentle reminder? One answer from several desktop backends.

`Availability.busy_reason()` is asked only when a reminder is due. Every backend answers by
looking at that moment (a D-Bus call with a short timeout, an X11 round trip, a Win32 call): no
backend polls or keeps a timer, so the process sleeps between reminders. The `sleeping` and
`resumed` signals come from subscriptions (logind's PrepareForSleep, the session's LockedHint,
the screen saver's ActiveChanged, Windows' WM_POWERBROADCAST).

Each backend is itself an `Availability`; `CompositeAvailability` asks them in order and
forwards their signals. `create_availability()` picks the backends for the running platform;
anything that cannot be set up is simply left out, so the worst case is `NullAvailability`:
never busy, never signals.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

IDLE = "idle"
LOCKED = "locked"
FULLSCREEN = "fullscreen"
DO_NOT_DISTURB = "do-not-disturb"
BUSY_REASONS = (IDLE, LOCKED, FULLSCREEN, DO_NOT_DISTURB)


class Availability(QObject):
    """Tells whether the user is busy right now, and when the machine sleeps or wakes up."""

    sleeping = Signal()  # the machine is about to sleep
    resumed = Signal()  # it woke up, or the session was unlocked

    def busy_reason(self) -> str | None:
        """'idle', 'locked', 'fullscreen', 'do-not-disturb', or None for a fine moment."""
        return None


class NullAvailability(Availability):
    """Never busy, never signals: where the platform tells us nothing."""


class CompositeAvailability(Availability):
    """Asks its backends in order; the first one that says "busy" gives the reason.

    A backend that fails is logged and counted as "not busy": a broken probe must never
    silence reminders for good, nor crash the app.
    """

    def __init__(self, backends: Sequence[Availability], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backends: tuple[Availability, ...] = tuple(backends)
        for backend in self.backends:
            if backend.parent() is None:
                backend.setParent(self)
            backend.sleeping.connect(self.sleeping)
            backend.resumed.connect(self.resumed)

    def busy_reason(self) -> str | None:
        for backend in self.backends:
            try:
                reason = backend.busy_reason()
            except Exception:
                log.exception("%s failed; counting it as not busy", type(backend).__name__)
                continue
            if reason is not None:
                log.debug("busy (%s) according to %s", reason, type(backend).__name__)
                return reason
        return None


def is_x11_session(env: Mapping[str, str]) -> bool:
    """True when the desktop itself runs on X11 (not a Wayland session with XWayland).

    Under Wayland the X server only sees XWayland windows: its idle time would grow while the
    user types into native apps, and its active window would say nothing about full screen.
    """
    if env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or env.get("WAYLAND_DISPLAY"):
        return False
    return bool(env.get("DISPLAY"))


def is_gnome(env: Mapping[str, str]) -> bool:
    desktops = env.get("XDG_CURRENT_DESKTOP", "").lower().split(":")
    return any(name in {"gnome", "gnome-classic", "ubuntu", "unity", "pop"} for name in desktops)


def create_availability(
    parent: QObject | None = None,
    *,
    idle_threshold_s: int = 300,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> Availability:
    """The backends that fit this platform, each left out when it cannot be set up.

    `env` and `platform` default to os.environ and sys.platform (tests pass their own).
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform == "win32":  # pragma: no cover - Windows
        backends = _windows_backends(idle_threshold_s)
    elif platform == "darwin":  # pragma: no cover - macOS
        backends = _macos_backends(idle_threshold_s)
    else:
        backends = _linux_backends(idle_threshold_s, env)
    if not backends:
        return NullAvailability(parent)
    log.info("availability backends: %s", ", ".join(type(b).__name__ for b in backends))
    return CompositeAvailability(backends, parent)


def _linux_backends(idle_threshold_s: int, env: Mapping[str, str]) -> list[Availability]:
    from PySide6.QtDBus import QDBusConnection

    from micromoments_tray.platform.backends import dbus_session, dbus_system, gnome

    backends: list[Availability] = []
    system_bus = QDBusConnection.systemBus()
    if system_bus.isConnected():
        backends.append(dbus_system.LogindAvailability(system_bus, env.get("XDG_SESSION_ID")))
    session_bus = QDBusConnection.sessionBus()
    if session_bus.isConnected():
        backends.append(dbus_session.ScreenSaverAvailability(session_bus))
    if is_x11_session(env):
        try:
            from micromoments_tray.platform.backends import x11

            display = x11.LazyDisplay(env.get("DISPLAY"))
            backends.append(x11.X11IdleAvailability(display, idle_threshold_s))
            backends.append(x11.X11FullscreenAvailability(display))
        except ImportError as exc:  # python-xlib missing
            log.info("no X11 idle/full-screen detection: %s", exc)
    if session_bus.isConnected():
        backends.append(dbus_session.MutterIdleAvailability(session_bus, idle_threshold_s))
        backends.append(dbus_session.NotificationsInhibitedAvailability(session_bus))
    if is_gnome(env):
        import shutil  # only here: it takes a few milliseconds to import

        gsettings = shutil.which("gsettings", path=env.get("PATH"))
        if gsettings:
            backends.append(gnome.GnomeBannersAvailability(gnome.gsettings_runner(gsettings)))
    return backends


def _windows_backends(idle_threshold_s: int) -> list[Availability]:  # pragma: no cover - Windows
    from PySide6.QtCore import QCoreApplication

    from micromoments_tray.platform.backends import windows

    backend = windows.WindowsAvailability(windows.Win32Api(), idle_threshold_s)
    app = QCoreApplication.instance()
    if app is not None:  # WM_POWERBROADCAST reaches us through the application's event filter
        backend.power_filter = windows.PowerEventFilter(backend)
        app.installNativeEventFilter(backend.power_filter)
    return [backend]


def _macos_backends(idle_threshold_s: int) -> list[Availability]:  # pragma: no cover - macOS
    from micromoments_tray.platform.backends import macos

    return [macos.MacAvailability(macos.QuartzApi(), idle_threshold_s)]
