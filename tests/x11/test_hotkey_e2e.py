"""The real app on Xvfb + openbox: Ctrl+Alt+M from another window, NumLock on, a grab conflict."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.x11.test_tray_e2e import RunningApp
from tests.x11.xdesktop import XDesktop, wait_for

PALETTE = "Log a moment — quick"

# A tiny X client that grabs Ctrl+Alt+M (plain and with NumLock) and stays alive.
GRABBER = """
import sys, time
from Xlib import X, XK, display
d = display.Display()
code = d.keysym_to_keycode(XK.string_to_keysym("m"))
for mask in (X.ControlMask | X.Mod1Mask, X.ControlMask | X.Mod1Mask | X.Mod2Mask):
    d.screen().root.grab_key(code, mask, True, X.GrabModeAsync, X.GrabModeAsync)
d.sync()
print("grabbed", flush=True)
while True:
    time.sleep(1)
"""


def numlock_on(desktop: XDesktop) -> bool:
    out = desktop.run(
        sys.executable,
        "-c",
        "from Xlib import display; print(display.Display().get_keyboard_control().led_mask & 2)",
    )
    return out.strip() == "2"


@pytest.fixture
def other_window(xdesktop: XDesktop) -> Iterator[str]:
    """A plain X window with the keyboard focus: the app is not in front."""
    proc = xdesktop.spawn(["xmessage", "-name", "other-app", "Another program"], "xmessage")
    try:
        window = wait_for(lambda: xdesktop.find_window("other-app"), what="the other window")
        yield window
    finally:
        proc.terminate()
        proc.wait(timeout=5)


@pytest.fixture
def app(xdesktop: XDesktop, tmp_path: Path) -> Iterator[RunningApp]:
    running = RunningApp(xdesktop, tmp_path)
    running.start()
    yield running
    running.stop()


def log_text(app: RunningApp) -> str:
    path = app.data / "logs" / "micromoments.log"
    return path.read_text() if path.exists() else ""


def focus(desktop: XDesktop, window: str) -> None:
    desktop.run("xdotool", "windowactivate", "--sync", window)
    assert desktop.run("xdotool", "getactivewindow").strip() == window


def quick_log(desktop: XDesktop, app: RunningApp, line: str) -> None:
    desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+m")
    palette = wait_for(lambda: desktop.find_window(PALETTE), what="the quick-log palette")
    wait_for(
        lambda: desktop.run("xdotool", "getactivewindow").strip() == palette,
        what="the palette to take the keyboard focus",
    )
    desktop.run("xdotool", "type", "--delay", "5", line)
    desktop.run("xdotool", "key", "Return")
    wait_for(lambda: not desktop.find_window(PALETTE), what="the palette to close")


def test_hotkey_from_another_window_logs_a_moment(
    app: RunningApp, xdesktop: XDesktop, other_window: str, tmp_path: Path
) -> None:
    wait_for(lambda: "quick-log shortcut: bound" in log_text(app), timeout=20, what="the grab")
    focus(xdesktop, other_window)
    quick_log(xdesktop, app, "thanked @Sam at the bakery +4")
    moments = wait_for(app.moments, what="the moment in `micromoments list`")
    assert [(m["kind"], m["people"], m["feeling"], m["note"]) for m in moments] == [
        ("thanks", ["Sam"], 4, "thanked Sam at the bakery")
    ]

    # The same with NumLock on: the grab covers every lock variant.
    xdesktop.run("xdotool", "key", "Num_Lock")
    try:
        wait_for(lambda: numlock_on(xdesktop), what="NumLock to be on")
        focus(xdesktop, other_window)
        quick_log(xdesktop, app, "smiled at @Jo +2")
        moments = wait_for(lambda: len(app.moments()) == 2 and app.moments(), what="2 moments")
        assert [(m["kind"], m["people"], m["feeling"]) for m in moments][-1] == (
            "smile",
            ["Jo"],
            2,
        )
    finally:
        xdesktop.run("xdotool", "key", "Num_Lock")
        wait_for(lambda: not numlock_on(xdesktop), what="NumLock to be off again")


def test_a_combination_held_by_another_program_is_reported_and_the_app_keeps_working(
    xdesktop: XDesktop, tmp_path: Path
) -> None:
    grabber = subprocess.Popen(
        [sys.executable, "-c", GRABBER], env=xdesktop.env, stdout=subprocess.PIPE, text=True
    )
    assert grabber.stdout is not None
    try:
        assert grabber.stdout.readline().strip() == "grabbed"
        app = RunningApp(xdesktop, tmp_path)
        app.start()
        try:
            wait_for(
                lambda: "quick-log shortcut: conflict" in log_text(app),
                timeout=20,
                what="the conflict in the app's log",
            )
            text = log_text(app)
            assert "hotkey Ctrl+Alt+M is grabbed by another program (BadAccess" in text
            assert "Ctrl+Alt+M is used by another program" in text
            # Still working: the command opens the palette, and Enter logs.
            result = app.cli("quick-log")
            assert result.returncode == 0, result.stderr
            palette = wait_for(lambda: xdesktop.find_window(PALETTE), what="the palette")
            wait_for(
                lambda: xdesktop.run("xdotool", "getactivewindow").strip() == palette,
                what="the palette to take the keyboard focus",
            )
            xdesktop.run("xdotool", "type", "--delay", "5", "held the door for @Ann")
            xdesktop.run("xdotool", "key", "Return")
            moments = wait_for(app.moments, what="the moment logged through quick-log")
            assert [(m["kind"], m["people"]) for m in moments] == [("kindness", ["Ann"])]
            assert app.proc is not None and app.proc.poll() is None
        finally:
            app.stop()
    finally:
        grabber.terminate()
        grabber.wait(timeout=5)
        grabber.stdout.close()


def test_quick_log_command_starts_the_app_when_it_is_not_running(
    xdesktop: XDesktop, tmp_path: Path
) -> None:
    app = RunningApp(xdesktop, tmp_path)
    result = app.cli("quick-log")  # no app runs on this data folder yet
    assert result.returncode == 0, result.stderr
    palette = wait_for(lambda: xdesktop.find_window(PALETTE), timeout=20, what="the palette")
    pid = int(xdesktop.run("xdotool", "getwindowpid", palette).strip())
    try:
        assert "quick log opened" in log_text(app)
        assert pid != os.getpid()
    finally:
        os.kill(pid, signal.SIGTERM)  # it was started detached, so stop it by its own pid
        wait_for(lambda: not Path(f"/proc/{pid}").exists() or _zombie(pid), what="it to stop")


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True
