"""The composite availability, its factory, and the Windows/macOS/GNOME backends behind seams."""

from __future__ import annotations

import ctypes
from pathlib import Path

from PySide6.QtCore import QByteArray
from pytestqt.qtbot import QtBot

from micromoments_tray.platform.availability import (
    Availability,
    CompositeAvailability,
    NullAvailability,
    create_availability,
)
from micromoments_tray.platform.backends import gnome, macos, windows, x11


class Fixed(Availability):
    def __init__(self, reason: str | None) -> None:
        super().__init__()
        self.reason = reason
        self.asked = 0

    def busy_reason(self) -> str | None:
        self.asked += 1
        return self.reason


class Broken(Availability):
    def busy_reason(self) -> str | None:
        raise RuntimeError("the probe fell over")


def test_null_availability_is_never_busy() -> None:
    assert NullAvailability().busy_reason() is None


def test_first_busy_backend_gives_the_reason() -> None:
    first, second, third = Fixed(None), Fixed("fullscreen"), Fixed("idle")
    availability = CompositeAvailability([first, second, third])
    assert availability.busy_reason() == "fullscreen"
    assert (first.asked, second.asked, third.asked) == (1, 1, 0)


def test_a_failing_backend_counts_as_not_busy() -> None:
    availability = CompositeAvailability([Broken(), Fixed(None)])
    assert availability.busy_reason() is None
    assert CompositeAvailability([Broken(), Fixed("locked")]).busy_reason() == "locked"


def test_composite_forwards_every_backends_signals(qtbot: QtBot) -> None:
    one, two = Fixed(None), Fixed(None)
    availability = CompositeAvailability([one, two])
    with qtbot.waitSignal(availability.sleeping, timeout=1000):
        one.sleeping.emit()
    with qtbot.waitSignal(availability.resumed, timeout=1000):
        two.resumed.emit()
    assert one.parent() is availability  # kept alive by the composite


def test_factory_leaves_x11_out_of_a_wayland_session() -> None:
    availability = create_availability(
        env={"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "PATH": ""}, platform="linux"
    )
    assert isinstance(availability, Availability)
    names = [type(b).__name__ for b in getattr(availability, "backends", ())]
    assert not any(name.startswith("X11") for name in names)
    assert "GnomeBannersAvailability" not in names


def test_factory_uses_x11_and_gnome_where_they_fit(tmp_path: Path) -> None:
    fake_gsettings = tmp_path / "gsettings"
    fake_gsettings.write_text("#!/bin/sh\necho false\n")
    fake_gsettings.chmod(0o755)
    availability = create_availability(
        env={"DISPLAY": ":99", "XDG_CURRENT_DESKTOP": "GNOME", "PATH": str(tmp_path)},
        platform="linux",
        idle_threshold_s=120,
    )
    assert isinstance(availability, CompositeAvailability)
    names = [type(b).__name__ for b in availability.backends]
    assert "X11IdleAvailability" in names
    assert "X11FullscreenAvailability" in names
    banners = next(
        b for b in availability.backends if type(b).__name__ == "GnomeBannersAvailability"
    )
    assert banners.busy_reason() == "do-not-disturb"
    idle = next(b for b in availability.backends if type(b).__name__ == "X11IdleAvailability")
    assert idle.idle_threshold_ms == 120_000  # type: ignore[attr-defined]


def test_x11_backends_without_an_x_server_are_not_busy() -> None:
    def refuse(name: str | None) -> object:
        raise ConnectionRefusedError(name)

    display = x11.LazyDisplay(":99", opener=refuse)
    assert x11.X11IdleAvailability(display, 300).busy_reason() is None
    assert x11.X11FullscreenAvailability(display).busy_reason() is None
    assert display.get() is None  # tried once, then stays quiet


class FakeWindows:
    def __init__(self) -> None:
        self.tick = 1_000_000
        self.last: int | None = 1_000_000
        self.state: int | None = windows.QUNS_ACCEPTS_NOTIFICATIONS

    def tick_count(self) -> int:
        return self.tick

    def last_input_tick(self) -> int | None:
        return self.last

    def notification_state(self) -> int | None:
        return self.state


def test_windows_backend_idle_and_shell_state() -> None:
    api = FakeWindows()
    backend = windows.WindowsAvailability(api, idle_threshold_s=300)
    assert backend.busy_reason() is None
    api.tick += 300_000
    assert backend.busy_reason() == "idle"
    api.state = windows.QUNS_BUSY
    assert backend.busy_reason() == "fullscreen"
    api.state, api.last = None, None  # both calls failed
    assert backend.busy_reason() is None


def test_windows_power_broadcast_through_the_native_event_filter(qtbot: QtBot) -> None:
    backend = windows.WindowsAvailability(FakeWindows(), idle_threshold_s=300)
    event_filter = windows.PowerEventFilter(backend)
    suspend = windows.MSG(message=windows.WM_POWERBROADCAST, wParam=windows.PBT_APMSUSPEND)
    resume = windows.MSG(message=windows.WM_POWERBROADCAST, wParam=windows.PBT_APMRESUMEAUTOMATIC)
    with qtbot.waitSignal(backend.sleeping, timeout=1000):
        handled = event_filter.nativeEventFilter(
            QByteArray(b"windows_generic_MSG"), ctypes.addressof(suspend)
        )
    assert handled == (False, 0)  # never swallows the message
    with qtbot.waitSignal(backend.resumed, timeout=1000):
        event_filter.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(resume))
    with qtbot.assertNotEmitted(backend.resumed), qtbot.assertNotEmitted(backend.sleeping):
        event_filter.nativeEventFilter(b"xcb_generic_event_t", ctypes.addressof(resume))


class FakeQuartz:
    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds

    def seconds_since_input(self) -> float | None:
        return self.seconds


def test_macos_backend() -> None:
    api = FakeQuartz(12.0)
    backend = macos.MacAvailability(api, idle_threshold_s=300)
    assert backend.busy_reason() is None
    api.seconds = 301.5
    assert backend.busy_reason() == "idle"


def test_gnome_banners_backend() -> None:
    answers = iter(["false\n", "true\n", None])
    backend = gnome.GnomeBannersAvailability(lambda: next(answers))
    assert backend.busy_reason() == "do-not-disturb"
    assert backend.busy_reason() is None
    assert backend.busy_reason() is None
