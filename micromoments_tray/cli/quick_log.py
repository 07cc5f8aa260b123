"""`micromoments quick-log` and `micromoments hotkey-help` (registered in cli.py).

Plain Python: no Qt. quick-log asks the running app to open its quick-log box; when no app
runs on this data folder it starts one (`micromoments run`, detached) and asks again once it
listens, within QUICK_LOG_WAIT_S.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import time
from typing import Any

QUICK_LOG_WAIT_S = 15.0
POLL_S = 0.1


def add_quick_log_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    sub.add_parser(
        "quick-log",
        parents=[common],
        help="open the quick-log box (starts the tray app if needed)",
        description="Open the one-line quick-log box of the tray app running on this data "
        "folder, starting the app first if it is not running. Bind this command to a key in "
        "your desktop's keyboard settings where MicroMoments cannot set a global shortcut "
        "itself; `micromoments hotkey-help` shows how.",
    )


def add_hotkey_help_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    sub.add_parser(
        "hotkey-help",
        parents=[common],
        help="how to bind the quick log to a key on your desktop",
        description="Print the steps to bind `micromoments quick-log` to a key in GNOME, KDE "
        "Plasma, Sway, Hyprland and XFCE.",
    )


def command_line(args: argparse.Namespace) -> list[str]:
    """How to run this `micromoments`, with the folder options the user gave."""
    import shutil

    installed = shutil.which("micromoments")
    base = [installed] if installed else [sys.executable, "-m", "micromoments_tray"]
    for option in ("data_dir", "config_dir"):
        value = getattr(args, option, None)
        if value:
            base += [f"--{option.replace('_', '-')}", str(value)]
    return base


def quick_log(args: argparse.Namespace, socket_path: str, lock_file: Any) -> str | None:
    """Open the palette; start the app when needed. None when done, else why it failed."""
    from micromoments_tray.platform import ipc
    from micromoments_tray.platform.instance_lock import InstanceLock

    if ipc.send(socket_path, "quick-log") is not None:
        return None
    from micromoments_tray.storage.paths import ensure_private_dir

    ensure_private_dir(lock_file.parent)  # a first start: no data folder yet
    lock = InstanceLock(lock_file)
    starting_elsewhere = not lock.acquire()
    if not starting_elsewhere:
        lock.release()
        _spawn([*command_line(args), "run"])
    deadline = time.monotonic() + QUICK_LOG_WAIT_S
    while time.monotonic() < deadline:
        time.sleep(POLL_S)
        if ipc.send(socket_path, "quick-log") is not None:
            return None
    return (
        f"MicroMoments did not answer within {QUICK_LOG_WAIT_S:.0f} seconds, so the quick-log "
        "box could not open. Start it with `micromoments run` and look at its log file if it "
        "does not appear."
    )


def _spawn(command: list[str]) -> None:
    """Start the tray app detached from this terminal (it keeps running after we exit)."""
    options: dict[str, Any] = {
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "close_fds": True,
    }
    if sys.platform == "win32":  # pragma: no cover - Windows
        options["creationflags"] = 0x00000008 | 0x00000200  # DETACHED | NEW_PROCESS_GROUP
    else:
        options["start_new_session"] = True
    subprocess.Popen(command, **options)


_SWAY = {"ctrl": "Ctrl", "alt": "Mod1", "shift": "Shift", "meta": "Mod4"}
_HYPR = {"ctrl": "CTRL", "alt": "ALT", "shift": "SHIFT", "meta": "SUPER"}
_XFCE = {"ctrl": "Primary", "alt": "Alt", "shift": "Shift", "meta": "Super"}


def hotkey_help(args: argparse.Namespace, shortcut: str = "Ctrl+Alt+M") -> str:
    command = shlex.join([*command_line(args), "quick-log"])
    name = "Log a moment"
    *mods, key = shortcut.split("+")
    sway = "+".join([*(_SWAY[m.lower()] for m in mods), key.lower()])
    hypr_mods = " ".join(_HYPR[m.lower()] for m in mods)
    quoted = shlex.quote(command)
    xfce = "".join(f"<{_XFCE[m.lower()]}>" for m in mods) + key.lower()
    desktop = os.environ.get("XDG_CURRENT_DESKTOP", "") or "not set"
    return f"""\
Bind the quick log to a key in your desktop's own settings. The command to bind is:

    {command}

It opens the quick-log box in the running MicroMoments (and starts MicroMoments first if it is
not running). Your desktop (XDG_CURRENT_DESKTOP): {desktop}.

GNOME
  1. Open Settings → Keyboard → View and Customize Shortcuts → Custom Shortcuts.
  2. Click “Add Shortcut” (or +). Name: {name}. Command: {command}
  3. Click “Set Shortcut…”, press {shortcut}, then click “Add”.

KDE Plasma
  1. Open System Settings → Keyboard → Shortcuts.
  2. Click “Add New” → “Command or Script…”, enter: {command}
  3. Select the new entry, click “Add custom shortcut”, press {shortcut}, then click “Apply”.
  (Plasma 5: System Settings → Shortcuts → Custom Shortcuts → Edit → New → Global Shortcut →
  Command/URL; set the trigger to {shortcut} and the action to the command.)

Sway
  1. Add this line to ~/.config/sway/config:
         bindsym {sway} exec {command}
  2. Reload: swaymsg reload

Hyprland
  1. Add this line to ~/.config/hypr/hyprland.conf (it reloads by itself):
         bind = {hypr_mods}, {key}, exec, {command}

XFCE
  1. Open Settings → Keyboard → Application Shortcuts, click “+ Add”.
  2. Command: {command}, click OK, then press {shortcut}.
  Or in a terminal:
         xfconf-query -c xfce4-keyboard-shortcuts -n -t string \\
             -p '/commands/custom/{xfce}' -s {quoted}

On X11 desktops and under Wayland desktops with the GlobalShortcuts portal (KDE Plasma 6,
GNOME 48 and later), MicroMoments sets {shortcut} up by itself; change it in Settings → Quick log.
"""
