"""The real app on a real X server: tray docking, one-click logging, single instance hand-over."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.x11.xdesktop import XDesktop, wait_for


class RunningApp:
    def __init__(self, desktop: XDesktop, tmp: Path) -> None:
        self.desktop = desktop
        self.data = tmp / "data"
        self.config = tmp / "config"
        self.proc: subprocess.Popen[bytes] | None = None

    def command(self, *args: str) -> list[str]:
        """`micromoments` on this instance's own data and config folders."""
        return [sys.executable, "-m", "micromoments_tray", "--data-dir", str(self.data),
                "--config-dir", str(self.config), *args]  # fmt: skip

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args),
            env=self.desktop.env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def start(self) -> None:
        self.proc = self.desktop.spawn(self.command("run"), "app")

    def moments(self) -> list[dict[str, object]]:
        result = self.cli("list", "--format", "json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def tray_icon_window(self) -> str | None:
        """Our window that has been reparented into trayer (docked through XEmbed)."""
        assert self.proc is not None
        for window in self.desktop.windows_of(self.proc.pid):
            for ancestor in self.desktop.parents(window):
                if "trayer" in self.desktop.wm_class(ancestor):
                    return window
        return None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture
def app(xdesktop: XDesktop, tmp_path: Path) -> Iterator[RunningApp]:
    running = RunningApp(xdesktop, tmp_path)
    running.start()
    yield running
    running.stop()


def test_icon_docks_and_one_click_logs_a_moment(
    app: RunningApp, xdesktop: XDesktop, tmp_path: Path
) -> None:
    icon = wait_for(app.tray_icon_window, timeout=20, what="the tray icon to dock in trayer")
    x, y, w, h = xdesktop.geometry(icon)
    assert 8 <= w <= 64 and 8 <= h <= 64
    xdesktop.click_at(x + w // 2, y + h // 2)

    dialog = wait_for(lambda: xdesktop.find_window("Log a moment"), what="the log dialog")
    xdesktop.screenshot(tmp_path / "dialog.png")
    dx, dy, dw, dh = xdesktop.geometry(dialog)
    bx, by = kind_button_position(dw, dh, index=2)  # the third kind: Thanks
    xdesktop.click_at(dx + bx, dy + by)

    moments = wait_for(app.moments, what="the moment in `micromoments list`")
    assert [m["kind"] for m in moments] == ["thanks"]
    wait_for(lambda: not xdesktop.find_window("Log a moment"), what="the dialog to close")


def test_second_start_opens_the_first_ones_dialog_and_exits(
    app: RunningApp, xdesktop: XDesktop
) -> None:
    wait_for(app.tray_icon_window, timeout=20, what="the tray icon to dock in trayer")
    assert xdesktop.find_window("Log a moment") is None
    second = app.cli("run")
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stdout
    wait_for(lambda: xdesktop.find_window("Log a moment"), what="the first app's log dialog")
    assert app.proc is not None and app.proc.poll() is None


def test_moment_logged_from_the_command_line_reaches_the_running_app(
    app: RunningApp, xdesktop: XDesktop
) -> None:
    wait_for(app.tray_icon_window, timeout=20, what="the tray icon to dock in trayer")
    assert app.cli("log", "waved at the postman", "--kind", "greeting").returncode == 0
    log_file = app.data / "logs" / "micromoments.log"
    wait_for(
        lambda: "moments this week: 1" in log_file.read_text(),
        what="the running app to count the new moment",
    )


def kind_button_position(width: int, height: int, index: int) -> tuple[int, int]:
    """Centre of the n-th kind button in the dialog's 4-column grid, relative to the dialog.

    The grid spans the dialog inside 24 px margins, under a one-line heading; rows are 54 px apart.
    """
    column, row = index % 4, index // 4
    return 24 + (width - 48) * (2 * column + 1) // 8, 73 + 54 * row
