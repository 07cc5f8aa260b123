"""The pure parts of the platform backends: arithmetic, mappings, parsing — on any OS."""

from __future__ import annotations

import ctypes
import stat
from pathlib import Path

import pytest

from micromoments_tray.platform.availability import is_gnome, is_x11_session
from micromoments_tray.platform.backends import gnome, macos, windows, x11


@pytest.mark.parametrize(
    ("now", "last", "expected"),
    [
        (10_000, 4_000, 6_000),
        (5_000, 5_000, 0),
        (1_000, 0xFFFFFC18, 2_000),  # GetTickCount wrapped around after 49.7 days
    ],
)
def test_windows_idle_ms_survives_the_tick_wrap(now: int, last: int, expected: int) -> None:
    assert windows.idle_ms(now, last) == expected


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (windows.QUNS_NOT_PRESENT, "locked"),
        (windows.QUNS_BUSY, "fullscreen"),
        (windows.QUNS_RUNNING_D3D_FULL_SCREEN, "fullscreen"),
        (windows.QUNS_PRESENTATION_MODE, "do-not-disturb"),
        (windows.QUNS_ACCEPTS_NOTIFICATIONS, None),
        (windows.QUNS_QUIET_TIME, "do-not-disturb"),
        (windows.QUNS_APP, "fullscreen"),
        (None, None),
        (99, None),
    ],
)
def test_windows_notification_states(state: int | None, reason: str | None) -> None:
    assert windows.reason_for_notification_state(state) == reason


@pytest.mark.parametrize(
    ("message", "wparam", "event"),
    [
        (windows.WM_POWERBROADCAST, windows.PBT_APMSUSPEND, "sleeping"),
        (windows.WM_POWERBROADCAST, windows.PBT_APMRESUMEAUTOMATIC, "resumed"),
        (windows.WM_POWERBROADCAST, windows.PBT_APMRESUMESUSPEND, "resumed"),
        (windows.WM_POWERBROADCAST, 0x000A, None),  # PBT_APMPOWERSTATUSCHANGE: on battery
        (0x0010, windows.PBT_APMSUSPEND, None),  # WM_CLOSE
    ],
)
def test_windows_power_events(message: int, wparam: int, event: str | None) -> None:
    assert windows.power_event(message, wparam) == event


def test_windows_msg_is_read_from_the_address_qt_passes() -> None:
    msg = windows.MSG(hwnd=None, message=windows.WM_POWERBROADCAST, wParam=0x12, lParam=0)
    assert windows.read_msg(ctypes.addressof(msg)) == (windows.WM_POWERBROADCAST, 0x12)


@pytest.mark.parametrize(
    ("seconds", "idle"),
    [(None, False), (-1.0, False), (0.0, False), (299.9, False), (300.0, True), (4000.0, True)],
)
def test_macos_idle_threshold(seconds: float | None, idle: bool) -> None:
    assert macos.is_idle(seconds, 300) is idle


def test_fullscreen_state_parsing() -> None:
    fullscreen = 301
    assert x11.has_fullscreen_state([290, fullscreen], fullscreen)
    assert not x11.has_fullscreen_state([290, 291], fullscreen)
    assert not x11.has_fullscreen_state([], fullscreen)
    assert not x11.has_fullscreen_state(None, fullscreen)


def test_active_window_parsing() -> None:
    assert x11.active_window_id([0x1400007]) == 0x1400007
    assert x11.active_window_id([0]) is None  # nothing has focus
    assert x11.active_window_id([]) is None
    assert x11.active_window_id(None) is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, True),
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, False),  # XWayland
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, False),
        ({}, False),
    ],
)
def test_x11_session_detection(env: dict[str, str], expected: bool) -> None:
    assert is_x11_session(env) is expected


def test_gnome_detection() -> None:
    assert is_gnome({"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"})
    assert is_gnome({"XDG_CURRENT_DESKTOP": "GNOME"})
    assert not is_gnome({"XDG_CURRENT_DESKTOP": "KDE"})
    assert not is_gnome({})


@pytest.mark.parametrize(
    ("output", "hidden"),
    [("false\n", True), ("true\n", False), ("", False), (None, False), ("'false'", False)],
)
def test_gnome_show_banners_output(output: str | None, hidden: bool) -> None:
    assert gnome.banners_hidden(output) is hidden


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "gsettings"
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_gsettings_runner_asks_for_show_banners(tmp_path: Path) -> None:
    run = gnome.gsettings_runner(_script(tmp_path, 'echo "$1 $2 $3"'))
    assert run() == "get org.gnome.desktop.notifications show-banners\n"


def test_gsettings_runner_failures_mean_unknown(tmp_path: Path) -> None:
    assert gnome.gsettings_runner(_script(tmp_path, "echo false; exit 1"))() is None
    assert gnome.gsettings_runner(_script(tmp_path, "exec sleep 5"), timeout_s=0.05)() is None
    assert gnome.gsettings_runner(str(tmp_path / "missing"))() is None
