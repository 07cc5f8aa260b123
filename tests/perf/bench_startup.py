"""Start-up benchmark: prints medians and ratios against baselines measured in the same run.

- `micromoments log` wall time vs `python -c "import sqlite3"` (target <= 1.5x): a plain note
  and a whole quick-log line with the folders given (as the tests run it), and a plain note in
  the default folders (platformdirs finds them)
- `micromoments run --smoke-test` wall time and peak memory vs a bare PySide6 tray script
  (targets <= 1.5x time, <= 1.25x memory)

Runs under Xvfb + openbox + trayer when they are installed (as in CI), else offscreen.
Usage: python tests/perf/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} exited {proc.returncode}: {out} {err}")
    return elapsed, usage.ru_maxrss


def compare(
    name: str, cmd: list[str], base: list[str], env: dict[str, str], runs: int, memory: bool
) -> None:
    ours: list[tuple[float, int]] = []
    theirs: list[tuple[float, int]] = []
    measure(cmd, env)  # warm the file cache for both
    measure(base, env)
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        ours.append(measure(cmd, env))
        theirs.append(measure(base, env))
    t_ours = statistics.median(t for t, _ in ours)
    t_base = statistics.median(t for t, _ in theirs)
    # Each run is paired with the baseline run right after it: the median of those ratios
    # shrugs off the minutes when this shared machine is slower for both.
    paired = statistics.median(a / b for (a, _), (b, _) in zip(ours, theirs, strict=True))
    print(
        f"{name}: median {t_ours * 1000:.0f} ms vs baseline {t_base * 1000:.0f} ms "
        f"-> time ratio {t_ours / t_base:.2f}x (median of paired ratios {paired:.2f}x)"
    )
    if memory:
        m_ours = statistics.median(m for _, m in ours)
        m_base = statistics.median(m for _, m in theirs)
        print(
            f"{name}: peak RSS {m_ours / 1024:.1f} MiB vs baseline {m_base / 1024:.1f} MiB "
            f"-> memory ratio {m_ours / m_base:.2f}x"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    from tests.x11.xdesktop import XDesktop, missing_tools

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        desktop = None
        env = dict(os.environ)
        if not missing_tools():
            (tmp_path / "x").mkdir()
            desktop = XDesktop(tmp_path / "x")
            desktop.start()
            env = desktop.env
            print(f"display: Xvfb {desktop.display} with openbox and trayer")
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
            print("display: offscreen (Xvfb/trayer not installed)")
        # An installed app has its bytecode cached; this sandbox sets PYTHONDONTWRITEBYTECODE,
        # which would make every run compile our sources again. Measure the normal case.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(ROOT / "micromoments_tray")],
            check=True,
            env=env,
        )
        env["MICROMOMENTS_DATA_DIR"] = str(tmp_path / "data")
        env["MICROMOMENTS_CONFIG_DIR"] = str(tmp_path / "config")
        py = sys.executable
        # The installed console script, as a user runs it; `python -m` as a fallback.
        script = Path(py).parent / "micromoments"
        cli = [str(script)] if script.exists() else [py, "-m", "micromoments_tray"]
        # As most people run it: no folder options, so platformdirs finds the folders.
        home = dict(env, HOME=str(tmp_path / "home"))
        for name in ("MICROMOMENTS_DATA_DIR", "MICROMOMENTS_CONFIG_DIR", "XDG_DATA_HOME",
                     "XDG_CONFIG_HOME", "XDG_STATE_HOME"):  # fmt: skip
            home.pop(name, None)
        line = "thanked @Sam at the bakery +4"  # a kind word, a person and a feeling to read
        logs = (
            ("micromoments log", "bench", env),
            (f"micromoments log {line!r}", line, env),
            ("micromoments log (default folders)", "bench", home),
        )
        try:
            for name, note, where in logs:
                compare(
                    name,
                    [*cli, "log", note],
                    [py, "-c", "import sqlite3"],
                    where,
                    args.runs * 3,  # a log run is short: more of them even out the noise
                    memory=False,
                )
            compare(
                "run --smoke-test",
                [py, "-m", "micromoments_tray", "run", "--smoke-test"],
                [py, str(HERE / "bare_tray.py")],
                env,
                args.runs,
                memory=True,
            )
        finally:
            if desktop is not None:
                desktop.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
