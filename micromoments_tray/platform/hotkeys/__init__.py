"""Global shortcuts: one interface (base.HotkeyBackend), a backend per platform, a null fallback.

`create_backend` picks one by the Qt platform plugin and the environment; nothing is imported
or opened until it is called.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from micromoments_tray.platform.hotkeys.base import HotkeyBackend

BACKEND_ENV = "MICROMOMENTS_HOTKEY_BACKEND"  # x11, portal, windows, macos or none (for testing)


def choose_backend(platform_name: str, env: Mapping[str, str], system: str = sys.platform) -> str:
    """Which backend fits: "x11", "portal", "windows", "macos" or "none"."""
    forced = env.get(BACKEND_ENV, "").strip().lower()
    if forced in ("x11", "portal", "windows", "macos", "none"):
        return forced
    if system == "win32":
        return "windows"
    if system == "darwin":
        return "macos"
    if platform_name == "xcb":
        return "x11"
    if platform_name.startswith("wayland") or env.get("WAYLAND_DISPLAY"):
        return "portal"
    return "none"


def create_backend(
    platform_name: str, env: Mapping[str, str], parent: QObject | None = None
) -> HotkeyBackend:
    from micromoments_tray.platform.hotkeys.base import NullHotkeys

    choice = choose_backend(platform_name, env)
    if choice == "x11":
        from micromoments_tray.platform.hotkeys.x11 import X11Hotkeys

        return X11Hotkeys(env.get("DISPLAY"), parent)
    if choice == "portal":
        from PySide6.QtDBus import QDBusConnection

        from micromoments_tray.platform.hotkeys.portal import PortalHotkeys

        return PortalHotkeys(QDBusConnection.sessionBus(), parent)
    if choice == "windows":
        from micromoments_tray.platform.hotkeys.windows import WindowsHotkeys

        return WindowsHotkeys(parent=parent)
    if choice == "macos":
        from micromoments_tray.platform.hotkeys.macos import MacHotkeys

        return MacHotkeys(parent=parent)
    return NullHotkeys(
        f"This desktop ({platform_name or 'unknown'}) gives apps no global shortcuts.", parent
    )
