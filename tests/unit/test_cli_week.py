"""`micromoments summary` and `micromoments people`: formats, week forms, settings, no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from micromoments_tray.storage.paths import AppPaths
from tests.unit.test_cli import Cli


@pytest.fixture
def mm(app_paths: AppPaths, clock: object, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(app_paths.data_dir, clock, capsys)  # type: ignore[arg-type]


def _config(app_paths: AppPaths, **values: object) -> list[str]:
    app_paths.config_dir.mkdir(parents=True, exist_ok=True)
    app_paths.settings.write_text(json.dumps(values))
    return ["--config-dir", str(app_paths.config_dir)]


def _seed(mm: Cli) -> None:
    mm.log("--kind", "thanks", "--at", "2026-11-23T09:00", "--feeling", "5", "Thanked the baker")
    mm.log("--with", "Sam", "--at", "2026-11-26T12:00", "--feeling", "4", "Lunch with Sam")
    mm.log("--at", "2026-11-22T20:00", "Sunday smile")
    mm.log("--with", "Ana", "--at", "2026-11-10T12:00")


def test_summary_json(mm: Cli, app_paths: AppPaths) -> None:
    _seed(mm)
    conf = _config(app_paths, week_start="monday")
    data = json.loads(mm.ok(*conf, "summary", "--format", "json"))
    assert data["week"] == "2026-W48"
    assert (data["start"], data["end"]) == ("2026-11-23", "2026-11-29")
    assert data["total"] == 2 and isinstance(data["total"], int)
    assert len(data["by_day"]) == 7
    assert data["by_day"][0] == {"date": "2026-11-23", "counts": {"thanks": 1}, "total": 1}
    assert data["by_kind"] == {"thanks": 1, "conversation": 1}
    assert data["people"] == [{"name": "Sam", "count": 1}]
    assert data["average_feeling"] == 4.5


def test_summary_follows_the_week_start_setting(mm: Cli, app_paths: AppPaths) -> None:
    _seed(mm)
    conf = _config(app_paths, week_start="sunday")
    data = json.loads(mm.ok(*conf, "summary", "--format", "json"))
    assert data["start"] == "2026-11-22" and data["total"] == 3
    last = json.loads(mm.ok(*conf, "summary", "--week", "last", "--format", "json"))
    assert last["start"] == "2026-11-15"
    # YYYY-Www is always an ISO week.
    iso = json.loads(mm.ok(*conf, "summary", "--week", "2026-W48", "--format", "json"))
    assert iso["start"] == "2026-11-23" and iso["total"] == 2


def test_summary_text_markdown_and_empty_week(mm: Cli, app_paths: AppPaths) -> None:
    _seed(mm)
    conf = _config(app_paths, week_start="monday")
    text = mm.ok(*conf, "summary")
    assert text.startswith("Your week: 23 – 29 November 2026 (2026-W48)")
    markdown = mm.ok(*conf, "summary", "--format", "markdown")
    assert markdown.startswith("## Your week: 23 – 29 November 2026")
    empty = mm.ok(*conf, "summary", "--week", "2026-W40")
    assert "fresh page" in empty and "One easy idea:" in empty


def test_summary_bad_week_is_a_usage_error(mm: Cli) -> None:
    status, _, err = mm("summary", "--week", "2025-W53")
    assert status == 2
    assert "2025 has ISO weeks 1 to 52" in err


def test_people_and_due(mm: Cli, app_paths: AppPaths) -> None:
    _seed(mm)
    out = mm.ok("people")
    assert out.splitlines()[0].split() == ["NAME", "MOMENTS", "LAST", "KEEP", "IN", "TOUCH"]
    assert "Sam" in out and "today" in out and "16 days ago" in out
    assert mm.ok("people", "--due").strip() == "Nobody is due right now."
    from micromoments_tray.storage.db import connect
    from micromoments_tray.storage.repository import MomentRepository

    repo = MomentRepository(connect(app_paths.database))
    repo.set_keep_in_touch("Ana", 14)
    repo.close()
    records = json.loads(mm.ok("people", "--due", "--format", "json"))
    assert [(r["name"], r["days_since"], r["due"]) for r in records] == [("Ana", 16, True)]


def test_summary_does_not_load_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from micromoments_tray.cli import main as cli\n"
        f"cli.main(['--data-dir', {str(tmp_path)!r}, 'summary', '--format', 'json'])\n"
        "cli.main(['--data-dir', " + repr(str(tmp_path)) + ", 'people'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    env = dict(os.environ, MICROMOMENTS_CONFIG_DIR=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]")
