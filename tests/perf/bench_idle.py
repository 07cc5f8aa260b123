"""Idle benchmark: CPU time and context switches of the running app with reminders on, against a
bare PySide6 tray icon measured in the same run (targets: <= 0.01 s CPU and <= 10 context
switches per minute).

Both run under Xvfb + openbox + trayer (as in CI). After a settling time each is left alone for
--seconds; the figures come from /proc/PID/stat (utime + stime) and /proc/PID/status
(voluntary + involuntary context switches, summed over all threads).
Usage: python tests/perf/bench_idle.py [--seconds 60] [--settle 5]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
TICKS = os.sysconf("SC_CLK_TCK")


def sample(pid: int) -> tuple[float, int]:
    """CPU seconds (user + system, all threads) and context switches (all threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICKS
    switches = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                switches += int(line.split()[1])
    return cpu, switches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="idle window (default 60)")
    parser.add_argument("--settle", type=float, default=5.0, help="wait before measuring")
    args = parser.parse_args()

    from tests.x11.xdesktop import XDesktop, missing_tools, wait_for

    missing = missing_tools()
    if missing:
        print(f"needs: {', '.join(missing)}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "x").mkdir()
        desktop = XDesktop(tmp_path / "x")
        desktop.start()
        procs: list[subprocess.Popen[bytes]] = []
        try:
            config = tmp_path / "config"
            config.mkdir()
            # Reminders on, every day, all day: the scheduler and its clock check are armed.
            config.joinpath("settings.json").write_text(
                json.dumps(
                    {"reminders_enabled": True, "reminder_start": "00:00", "reminder_end": "24:00"}
                )
            )
            app = desktop.spawn(
                [
                    sys.executable,
                    "-m",
                    "micromoments_tray",
                    "--data-dir",
                    str(tmp_path / "data"),
                    "--config-dir",
                    str(config),
                    "run",
                ],
                "app",
            )
            bare = desktop.spawn([sys.executable, str(HERE / "bare_tray_stay.py")], "bare")
            procs = [app, bare]
            wait_for(lambda: len(desktop.windows_of(app.pid)) > 0, timeout=30, what="the app")
            wait_for(lambda: len(desktop.windows_of(bare.pid)) > 0, timeout=30, what="the bare")
            time.sleep(args.settle)  # let start-up work finish; this is not a test
            status = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "micromoments_tray",
                    "--data-dir",
                    str(tmp_path / "data"),
                    "status",
                ],
                capture_output=True,
                text=True,
                env=desktop.env,
                check=False,
            )
            print(status.stdout.strip().replace("\n", " / "))
            start = {p.pid: sample(p.pid) for p in procs}
            time.sleep(args.seconds)
            end = {p.pid: sample(p.pid) for p in procs}
            per_minute = 60.0 / args.seconds
            results = {}
            for name, proc in (("micromoments", app), ("bare PySide6 tray", bare)):
                cpu = (end[proc.pid][0] - start[proc.pid][0]) * per_minute
                switches = (end[proc.pid][1] - start[proc.pid][1]) * per_minute
                results[name] = (cpu, switches)
                print(f"{name}: {cpu:.3f} s CPU/min, {switches:.0f} context switches/min")
            (a_cpu, a_sw), (b_cpu, b_sw) = results["micromoments"], results["bare PySide6 tray"]
            ratio_cpu = a_cpu / b_cpu if b_cpu else float("inf") if a_cpu else 1.0
            ratio_sw = a_sw / b_sw if b_sw else float("inf") if a_sw else 1.0
            print(f"ratios (app / bare): CPU {ratio_cpu:.2f}x, context switches {ratio_sw:.2f}x")
            ok = a_cpu <= 0.01 and a_sw <= 10
            print(f"targets (<= 0.01 s CPU/min, <= 10 switches/min): {'met' if ok else 'MISSED'}")
            return 0 if ok else 1
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=10)
            desktop.stop()


if __name__ == "__main__":
    sys.exit(main())
