"""Smoke-test the PyInstaller bundle on a real little X desktop (Xvfb + openbox + trayer).

Run after `make bundle`: `.venv/bin/python tests/bundle/smoke_bundle.py [dist/MicroMoments]`.
Checks that the bundled executable runs the whole command line exactly as an install does:
`run --smoke-test` starts, shows the tray icon and quits; the app started for real docks its icon
in trayer; `log` stores a moment that the running app hears about; `list --format json` shows
it. Prints the bundle's size and how long each step took; exit status 0 only if all passed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.x11.xdesktop import XDesktop, missing_tools, wait_for  # noqa: E402

SIZE_TARGET_MB = 60
PASSED: list[str] = []


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


class Bundle:
    def __init__(self, exe: Path, desktop: XDesktop, tmp: Path) -> None:
        self.exe = exe
        self.desktop = desktop
        self.folders = ["--data-dir", str(tmp / "data"), "--config-dir", str(tmp / "config")]
        self.log_file = tmp / "data" / "logs" / "micromoments.log"

    def run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.exe), *self.folders, *args],
            env=self.desktop.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def log_text(self) -> str:
        return self.log_file.read_text(encoding="utf-8") if self.log_file.exists() else ""


def check(condition: bool, what: str, detail: str = "") -> None:
    if not condition:
        raise AssertionError(f"{what}\n{detail}".rstrip())
    print(f"  ok  {what}")
    PASSED.append(what)


def docked_icon(desktop: XDesktop, pid: int) -> str | None:
    for window in desktop.windows_of(pid):
        if any("trayer" in desktop.wm_class(a) for a in desktop.parents(window)):
            return window
    return None


def smoke(dist: Path) -> None:
    exe = dist / ("MicroMoments.exe" if sys.platform == "win32" else "MicroMoments")
    check(exe.is_file(), f"{exe} exists (run `make bundle` first)")
    with tempfile.TemporaryDirectory(prefix="mm-bundle-") as name:
        tmp = Path(name)
        desktop = XDesktop(tmp / "x")
        (tmp / "x").mkdir()
        desktop.start()
        try:
            bundle = Bundle(exe, desktop, tmp)
            started = time.monotonic()
            done = bundle.run("--version")
            check(done.returncode == 0 and "micromoments" in done.stdout, "--version", done.stderr)

            done = bundle.run("run", "--smoke-test")
            check(done.returncode == 0, "run --smoke-test exits 0", done.stdout + done.stderr)
            check(done.stdout.strip() == "ok", "run --smoke-test prints ok", done.stdout)
            check(
                "tray icon shown" in bundle.log_text(), "the tray icon was shown (not the window)"
            )

            app = desktop.spawn([str(exe), *bundle.folders, "run"], "bundle-app")
            try:
                wait_for(lambda: docked_icon(desktop, app.pid), 20, "the icon to dock in trayer")
                check(True, "the running app's icon docked in trayer")
                done = bundle.run("log", "waved at the neighbour", "--kind", "greeting")
                check(done.returncode == 0, "log exits 0", done.stderr)
                moment_id = done.stdout.strip()
                wait_for(
                    lambda: "moments this week: 1" in bundle.log_text(),
                    10,
                    "the running app to hear about the new moment",
                )
                check(True, "the running app counted the new moment")
                done = bundle.run("list", "--format", "json")
                check(done.returncode == 0, "list --format json exits 0", done.stderr)
                moments = json.loads(done.stdout)
                check(
                    [(m["id"], m["kind"], m["note"]) for m in moments]
                    == [(moment_id, "greeting", "waved at the neighbour")],
                    "list shows the logged moment",
                    done.stdout,
                )
                check(app.poll() is None, "the app kept running through it all")
            finally:
                app.terminate()
                app.wait(timeout=10)
            elapsed = time.monotonic() - started
        finally:
            desktop.stop()
    size_mb = folder_size(dist) / 1_000_000
    print(f"bundle smoke test passed in {elapsed:.1f} s")
    print(f"bundle: {len(PASSED)} passed, 0 failed")
    verdict = "within" if size_mb <= SIZE_TARGET_MB else "OVER"
    print(f"bundle size: {dist} = {size_mb:.1f} MB ({verdict} the {SIZE_TARGET_MB} MB target)")


def main(argv: list[str]) -> int:
    dist = Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "MicroMoments"
    missing = missing_tools()
    if missing:
        print(f"the bundle smoke test needs: {', '.join(missing)} (see .ci/run)", file=sys.stderr)
        return 1
    try:
        smoke(dist)
    except (AssertionError, TimeoutError, subprocess.TimeoutExpired) as exc:
        print(f"BUNDLE SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
