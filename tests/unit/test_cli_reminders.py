"""`micromoments suggest|pause|resume|status` when no tray app is running (the state file)."""

from __future__ import annotations

import pytest

from micromoments_tray.cli import main as cli
from micromoments_tray.core.clock import FakeClock
from micromoments_tray.storage.paths import AppPaths
from micromoments_tray.storage.reminder_state import ReminderStateStore, state_path


def run(app_paths: AppPaths, clock: FakeClock, *args: str) -> int:
    return cli.main(
        ["--data-dir", str(app_paths.data_dir), "--config-dir", str(app_paths.config_dir), *args],
        clock=clock,
    )


def test_suggest_prints_one_when_the_app_is_not_running(
    app_paths: AppPaths, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(app_paths, clock, "suggest") == 0
    out = capsys.readouterr().out.strip()
    assert len(out) > 10 and "\n" not in out


def test_pause_status_resume_without_the_app(
    app_paths: AppPaths, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(app_paths, clock, "pause", "90m") == 0  # 18:30 + 1.5 h
    assert "stay paused until 20:00" in capsys.readouterr().out
    store = ReminderStateStore(state_path(app_paths.data_dir))
    assert store.load().paused_until is not None
    assert run(app_paths, clock, "status") == 0
    assert capsys.readouterr().out.splitlines() == [
        "MicroMoments is not running.",
        "Reminders paused until 20:00.",
    ]
    assert run(app_paths, clock, "pause", "tomorrow") == 0
    assert "until tomorrow" in capsys.readouterr().out
    assert run(app_paths, clock, "pause", "indefinitely") == 0
    assert "until you resume" in capsys.readouterr().out
    assert run(app_paths, clock, "resume") == 0
    capsys.readouterr()
    assert store.load().paused_until is None and not store.load().paused_indefinitely
    assert run(app_paths, clock, "status") == 0
    assert capsys.readouterr().out.splitlines() == ["MicroMoments is not running."]


@pytest.mark.parametrize("bad", ["soon", "0m", "1x"])
def test_pause_refuses_a_bad_duration(
    app_paths: AppPaths, clock: FakeClock, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(app_paths, clock, "pause", bad) == 2
    assert "pause" in capsys.readouterr().err


def test_reminder_commands_do_not_import_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from micromoments_tray.cli import main as cli; "
        "cli.main(['--data-dir', sys.argv[1], 'status']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [sys.executable, "-c", code, folder], capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 0, result.stderr
    assert "not running" in result.stdout
