"""Start at login: one small interface, a backend per platform, and the settings switch.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/<id>.desktop`.
- Windows: a value in `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run` (winreg behind
  the `Registry` seam).
- macOS: a LaunchAgent plist in `~/Library/LaunchAgents` (launchctl behind the `Launchctl` seam).

Turning it off removes exactly what turning it on added. What the system says is the truth: if
the user deleted the autostart file by hand (or turned us off in their desktop's startup
settings), the switch follows them to "off" and nothing is recreated behind their back.

Pure Python (no Qt): the app calls it when the setting changes and once at start-up.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from micromoments_tray import APP_ID, APP_NAME
from micromoments_tray.platform.desktop_entry import DESKTOP_FILE, entry_text, xdg_home

log = logging.getLogger(__name__)

# Only in the autostart copy of the desktop file: a few seconds' grace lets the panel (and its
# tray) start first; the app waits for a tray anyway.
AUTOSTART_KEYS: dict[str, str] = {
    "X-GNOME-Autostart-enabled": "true",
    "X-GNOME-Autostart-Delay": "3",
    "X-KDE-autostart-after": "panel",
}
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
RUN_VALUE = "MicroMoments"


class AutostartBackend(Protocol):
    name: str

    def is_enabled(self) -> bool:
        """True when the app will start at the next login."""

    def enable(self, argv: Sequence[str]) -> None:
        """Start `argv` at login from now on (replacing an earlier entry of ours)."""

    def disable(self) -> None:
        """Remove what `enable` added; nothing else. Fine when there is nothing."""


class NullAutostart:
    """Where the platform has no way we know to start at login."""

    name = "none"

    def is_enabled(self) -> bool:
        return False

    def enable(self, argv: Sequence[str]) -> None:
        raise OSError("starting at login is not supported on this system")

    def disable(self) -> None:
        return None


# -- Linux / XDG ------------------------------------------------------------------------------


class XdgAutostart:
    name = "xdg"

    def __init__(self, config_home: Path, template: Path) -> None:
        self.path = config_home / "autostart" / DESKTOP_FILE
        self.template = template

    def is_enabled(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            return False
        except (OSError, UnicodeDecodeError):
            return True  # something is there that we cannot read: do not claim it is off
        keys = _desktop_keys(text)
        # Desktops turn an entry off by editing it, not deleting it (GNOME, KDE, Xfce).
        return (
            keys.get("Hidden", "false") != "true"
            and keys.get("X-GNOME-Autostart-enabled", "true") != "false"
        )

    def enable(self, argv: Sequence[str]) -> None:
        text = entry_text(self.template.read_text(encoding="utf-8"), argv, AUTOSTART_KEYS)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


def _desktop_keys(text: str) -> dict[str, str]:
    """The keys of the [Desktop Entry] group."""
    keys: dict[str, str] = {}
    in_group = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_group = line == "[Desktop Entry]"
        elif in_group and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            keys[key.strip()] = value.strip()
    return keys


# -- Windows ------------------------------------------------------------------------------------


class Registry(Protocol):
    """The few registry calls we need, all under HKEY_CURRENT_USER."""

    def get(self, key: str, name: str) -> object | None: ...
    def set_string(self, key: str, name: str, value: str) -> None: ...
    def delete(self, key: str, name: str) -> None: ...


class WinregRegistry:  # pragma: no cover - needs Windows
    """The real registry. (The `if` lets mypy on other systems skip what needs winreg.)"""

    def get(self, key: str, name: str) -> object | None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                    value, _kind = winreg.QueryValueEx(handle, name)
            except FileNotFoundError:
                return None
            found: object = value
            return found
        raise OSError("the registry exists only on Windows")

    def set_string(self, key: str, name: str, value: str) -> None:
        if sys.platform == "win32":
            import winreg

            access = winreg.KEY_SET_VALUE
            with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, key, 0, access) as handle:
                winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)
            return
        raise OSError("the registry exists only on Windows")

    def delete(self, key: str, name: str) -> None:
        if sys.platform == "win32":
            import winreg

            try:
                access = winreg.KEY_SET_VALUE
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, access) as handle:
                    winreg.DeleteValue(handle, name)
            except FileNotFoundError:
                pass
            return
        raise OSError("the registry exists only on Windows")


class WindowsRunKey:
    name = "windows-run"

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def is_enabled(self) -> bool:
        if not self.registry.get(RUN_KEY, RUN_VALUE):
            return False
        # Task Manager's "Disable" keeps the Run value and records the choice here instead:
        # the first byte is even (2, 6) for enabled, odd (3, 7) for disabled.
        approved = self.registry.get(APPROVED_KEY, RUN_VALUE)
        return not (isinstance(approved, bytes) and approved[:1] and approved[0] & 1)

    def enable(self, argv: Sequence[str]) -> None:
        import subprocess  # here: only Windows needs it, and start-up stays light elsewhere

        self.registry.set_string(RUN_KEY, RUN_VALUE, subprocess.list2cmdline(list(argv)))
        approved = self.registry.get(APPROVED_KEY, RUN_VALUE)
        if isinstance(approved, bytes) and approved[:1] and approved[0] & 1:
            # An old "disabled" from Task Manager would silently win over the user's new "on".
            self.registry.delete(APPROVED_KEY, RUN_VALUE)

    def disable(self) -> None:
        self.registry.delete(RUN_KEY, RUN_VALUE)


# -- macOS ------------------------------------------------------------------------------------


class Launchctl(Protocol):
    def run(self, args: Sequence[str]) -> tuple[int, str]:
        """Run `launchctl ARGS`; returns its exit status and standard output."""


class SystemLaunchctl:  # pragma: no cover - needs macOS
    def run(self, args: Sequence[str]) -> tuple[int, str]:
        import subprocess

        try:
            done = subprocess.run(
                ["/bin/launchctl", *args], capture_output=True, text=True, timeout=10
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("launchctl %s failed: %s", " ".join(args), exc)
            return 1, ""
        return done.returncode, done.stdout


class LaunchAgent:
    """~/Library/LaunchAgents/<id>.plist, run once at login (no KeepAlive: Quit means quit)."""

    name = "launchagent"

    def __init__(self, agents_dir: Path, launchctl: Launchctl, uid: int) -> None:
        self.path = agents_dir / f"{APP_ID}.plist"
        self.launchctl = launchctl
        self.domain = f"gui/{uid}"

    def is_enabled(self) -> bool:
        if not self.path.is_file():
            return False
        code, out = self.launchctl.run(["print-disabled", self.domain])
        if code != 0:
            return True
        for line in out.splitlines():
            if f'"{APP_ID}"' in line:
                return not ("=> disabled" in line or "=> true" in line)
        return True

    def enable(self, argv: Sequence[str]) -> None:
        plist = {
            "Label": APP_ID,
            "ProgramArguments": list(argv),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        import plistlib  # here: only macOS needs it

        tmp.write_bytes(plistlib.dumps(plist))
        os.replace(tmp, self.path)
        # Clears a "disabled" launchd may remember for this label from an earlier time. Not
        # `bootstrap`: with RunAtLoad that would start a second MicroMoments right now.
        self.launchctl.run(["enable", f"{self.domain}/{APP_ID}"])

    def disable(self) -> None:
        # Not `bootout`: if launchd started this very app at login, that would quit it. The
        # agent is forgotten at the next login once its file is gone.
        self.path.unlink(missing_ok=True)


# -- choosing one, and the switch -------------------------------------------------------------


def autostart_backend(
    *,
    platform: str | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
    resources: Path | None = None,
) -> AutostartBackend:
    """The backend for this system."""
    platform = platform or sys.platform
    env = os.environ if env is None else env
    home = home or Path.home()
    if platform == "win32":
        return WindowsRunKey(WinregRegistry())
    if platform == "darwin":
        uid = os.getuid() if hasattr(os, "getuid") else 0
        return LaunchAgent(home / "Library" / "LaunchAgents", SystemLaunchctl(), uid)
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        if resources is None:
            from micromoments_tray.storage.paths import resources_dir

            resources = resources_dir()
        config_home = xdg_home({**env, "HOME": str(home)}, "XDG_CONFIG_HOME", ".config")
        return XdgAutostart(config_home, resources / DESKTOP_FILE)
    return NullAutostart()


class AutostartSwitch:
    """The "Start at login" setting kept in step with the system.

    The setting is our record of what the user asked for; the backend says what is really
    there. At start-up `reconcile` lets the system win: an autostart entry the user removed by
    hand turns the switch off (and is not recreated); one they added in their desktop's
    startup settings turns it on.
    """

    def __init__(self, backend: AutostartBackend, argv: Sequence[str]) -> None:
        self.backend = backend
        self.argv = list(argv)

    def reconcile(self, recorded: bool) -> bool:
        """The switch's true value, given what the settings file says."""
        try:
            actual = self.backend.is_enabled()
        except OSError as exc:
            log.warning("cannot tell whether %s starts at login: %s", APP_NAME, exc)
            return recorded
        if recorded and not actual:
            log.info("the start-at-login entry was removed outside MicroMoments; switch is off")
        elif actual and not recorded:
            log.info("a start-at-login entry exists; switch is on")
        return actual

    def apply(self, wanted: bool) -> bool:
        """Add or remove the entry. Returns the resulting state; OSError when that failed."""
        if wanted:
            self.backend.enable(self.argv)
            log.info("start at login: on (%s)", self.backend.name)
        else:
            self.backend.disable()
            log.info("start at login: off (%s)", self.backend.name)
        return self.backend.is_enabled()
