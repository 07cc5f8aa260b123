"""X11 backends on a real X server (Xvfb + openbox): XScreenSaver idle time and full screen.

xdotool here (3.20160805) has no `windowstate`, and wmctrl is not needed: the test asks openbox
for full screen the way wmctrl does, with an EWMH _NET_WM_STATE client message to the root.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from Xlib import X, Xutil  # type: ignore[import-untyped]
from Xlib import display as xdisplay
from Xlib.protocol import event  # type: ignore[import-untyped]

from micromoments_tray.platform.backends.x11 import (
    LazyDisplay,
    X11FullscreenAvailability,
    X11IdleAvailability,
)
from tests.x11.xdesktop import XDesktop, wait_for

_NET_WM_STATE_REMOVE = 0
_NET_WM_STATE_ADD = 1


@pytest.fixture
def display(xdesktop: XDesktop) -> Iterator[LazyDisplay]:
    lazy = LazyDisplay(xdesktop.display)
    yield lazy
    lazy.close()


@pytest.fixture
def client(xdesktop: XDesktop) -> Iterator[Any]:
    """A connection of the test's own, standing in for another application."""
    dpy = xdisplay.Display(xdesktop.display)
    yield dpy
    dpy.close()


def open_window(client: Any, xdesktop: XDesktop, title: str) -> Any:
    screen = client.screen()
    window = screen.root.create_window(
        200, 150, 400, 300, 0, screen.root_depth, background_pixel=screen.white_pixel
    )
    window.set_wm_name(title)
    window.set_wm_hints(flags=Xutil.InputHint, input=1)
    window.map()
    client.sync()
    wait_for(lambda: xdesktop.find_window(title), what=f"window {title}")
    return window


def activate(xdesktop: XDesktop, window: Any) -> None:
    xdesktop.run("xdotool", "windowactivate", "--sync", str(window.id))
    wait_for(
        lambda: f"{window.id:#x}" in xdesktop.run("xprop", "-root", "_NET_ACTIVE_WINDOW"),
        what="the window to become active",
    )


def set_fullscreen(client: Any, window: Any, on: bool) -> None:
    root = client.screen().root
    message = event.ClientMessage(
        window=window,
        client_type=client.intern_atom("_NET_WM_STATE"),
        data=(
            32,
            [
                _NET_WM_STATE_ADD if on else _NET_WM_STATE_REMOVE,
                client.intern_atom("_NET_WM_STATE_FULLSCREEN"),
                0,
                1,  # source: a normal application
                0,
            ],
        ),
    )
    root.send_event(message, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)
    client.flush()


def test_idle_time_grows_and_resets_when_the_mouse_moves(
    xdesktop: XDesktop, display: LazyDisplay
) -> None:
    idle = X11IdleAvailability(display, idle_threshold_s=300)
    xdesktop.run("xdotool", "mousemove", "--sync", "300", "300")
    first = idle.idle_ms()
    assert first is not None
    assert first < 5000
    # Wait for the X server's idle counter to pass a small threshold (real time on its side).
    idle.idle_threshold_ms = first + 300
    wait_for(lambda: idle.busy_reason() == "idle", timeout=10, what="idle time to grow")
    grown = idle.idle_ms()
    assert grown is not None
    assert grown >= first + 300
    xdotool_move = ("xdotool", "mousemove", "--sync", "640", "420")
    xdesktop.run(*xdotool_move)
    after = idle.idle_ms()
    assert after is not None
    assert after < grown
    assert idle.busy_reason() is None


def test_full_screen_active_window_is_busy(
    xdesktop: XDesktop, display: LazyDisplay, client: Any
) -> None:
    backend = X11FullscreenAvailability(display)
    video = open_window(client, xdesktop, "mm-probe-video")
    editor = open_window(client, xdesktop, "mm-probe-editor")

    activate(xdesktop, video)
    assert backend.busy_reason() is None  # focused, not full screen

    set_fullscreen(client, video, True)
    wait_for(lambda: backend.busy_reason() == "fullscreen", what="full screen to be seen")
    assert backend.fullscreen_window() == video.id
    assert "_NET_WM_STATE_FULLSCREEN" in xdesktop.run("xprop", "-id", str(video.id))

    activate(xdesktop, editor)  # a full-screen window that lost focus does not count
    assert backend.busy_reason() is None

    activate(xdesktop, video)
    assert backend.busy_reason() == "fullscreen"
    set_fullscreen(client, video, False)
    wait_for(lambda: backend.busy_reason() is None, what="full screen to end")

    video.destroy()
    editor.destroy()
    client.sync()
    assert backend.busy_reason() is None
