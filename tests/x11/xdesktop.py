"""A real little X desktop for end-to-end tests: Xvfb + openbox + trayer (XEmbed tray host)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

REQUIRED = ("Xvfb", "openbox", "trayer", "xdotool", "xwininfo", "xprop", "import")
T = TypeVar("T")


def missing_tools() -> list[str]:
    return [tool for tool in REQUIRED if shutil.which(tool) is None]


def wait_for(probe: Callable[[], T], timeout: float = 15.0, what: str = "condition") -> T:
    """Poll an external condition (another process's state) until it is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


class XDesktop:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.procs: list[subprocess.Popen[bytes]] = []
        self.display = ""

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["DISPLAY"] = self.display
        env.pop("WAYLAND_DISPLAY", None)
        env["QT_QPA_PLATFORM"] = "xcb"
        # No session bus: Qt then docks its tray icon through XEmbed into trayer.
        env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + str(self.workdir / "no-bus")
        env["XDG_RUNTIME_DIR"] = str(self.workdir)
        return env

    def start(self) -> None:
        self.workdir.chmod(0o700)
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_fd),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                "+extension",
                "XTEST",
                "+extension",
                "MIT-SCREEN-SAVER",
            ],
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=self._log("xvfb"),
        )
        self.procs.append(xvfb)
        os.close(write_fd)
        with os.fdopen(read_fd) as reader:
            number = reader.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start (see xvfb.log)")
        self.display = f":{number}"
        self._start_openbox()
        self.spawn(
            [
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "request",
                "--height",
                "32",
                "--transparent",
                "false",
                "--tint",
                "0xdddddd",
                "--SetDockType",
                "true",
                "--expand",
                "true",
            ],
            "trayer",
        )
        wait_for(self.tray_window, what="trayer's window")
        wait_for(self._tray_selection_owned, what="the system tray selection")

    def _start_openbox(self, attempts: int = 3) -> None:
        """Start the window manager; start it again if it quits before it has taken over.

        (Once, on a fresh-clone CI run, openbox never took over the display and a whole test
        module failed after the 15 s wait; an error now quotes openbox's log.)
        """
        for _ in range(attempts):
            openbox = self.spawn(["openbox", "--sm-disable"], "openbox")
            try:
                wait_for(functools.partial(self._wm_ready_or_gone, openbox), what="openbox")
            except TimeoutError:
                openbox.kill()
                openbox.wait(timeout=5)
                continue
            if self._has_wm():
                return
        raise RuntimeError(f"openbox did not take over the display: {self._read_log('openbox')}")

    def _wm_ready_or_gone(self, openbox: subprocess.Popen[bytes]) -> bool:
        return openbox.poll() is not None or self._has_wm()

    def _read_log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else "(no log)"

    def _log(self, name: str) -> int:
        return os.open(self.workdir / f"{name}.log", os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)

    def spawn(
        self, cmd: list[str], name: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            cmd, env=env or self.env, stdout=self._log(name), stderr=subprocess.STDOUT
        )
        self.procs.append(proc)
        return proc

    def run(self, *cmd: str, check: bool = True) -> str:
        result = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=30)
        if check and result.returncode != 0:
            raise RuntimeError(f"{cmd} failed: {result.stderr.strip()}")
        return result.stdout

    def _has_wm(self) -> bool:
        out = self.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK", check=False)
        return "window id" in out

    def _tray_selection_owned(self) -> bool:
        # xdotool has no selection query; trayer sets its manager window's class once it owns it.
        return bool(self.tray_window())

    def tray_window(self) -> str | None:
        out = self.run("xdotool", "search", "--class", "trayer", check=False).split()
        return out[0] if out else None

    def windows_of(self, pid: int) -> list[str]:
        return self.run("xdotool", "search", "--pid", str(pid), check=False).split()

    def find_window(self, name: str) -> str | None:
        out = self.run("xdotool", "search", "--onlyvisible", "--name", name, check=False).split()
        return out[0] if out else None

    def parents(self, window: str) -> list[str]:
        """Ancestor window ids, nearest first (ends before the root)."""
        chain: list[str] = []
        current = window
        for _ in range(20):
            out = self.run("xwininfo", "-children", "-id", current, check=False)
            parent = next(
                (
                    ln.split()[3]
                    for ln in out.splitlines()
                    if ln.strip().startswith("Parent window id:")
                ),
                None,
            )
            if (
                parent is None
                or "(the root window)" in out.split("Parent window id:")[1].split("\n")[0]
            ):
                break
            chain.append(parent)
            current = parent
        return chain

    def wm_class(self, window: str) -> str:
        return self.run("xprop", "-id", window, "WM_CLASS", check=False)

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        out = self.run("xwininfo", "-id", window)
        values = {}
        for line in out.splitlines():
            line = line.strip()
            for key in ("Absolute upper-left X:", "Absolute upper-left Y:", "Width:", "Height:"):
                if line.startswith(key):
                    values[key] = int(line.split(":")[1])
        return (
            values["Absolute upper-left X:"],
            values["Absolute upper-left Y:"],
            values["Width:"],
            values["Height:"],
        )

    def click_at(self, x: int, y: int) -> None:
        self.run("xdotool", "mousemove", "--sync", str(x), str(y), "click", "1")

    def screenshot(self, path: Path) -> None:
        self.run("import", "-window", "root", str(path))

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
