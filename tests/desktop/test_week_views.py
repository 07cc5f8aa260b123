"""The week windows over a real repository: summary navigation, history edit/delete/undo, people;
and the end-of-week timer driven by a fake clock (fired by hand, never waited for)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from micromoments_tray.app.week_views import WeekViews
from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.moments import make_moment
from micromoments_tray.core.week import WeekEndPlan, WeekRules
from micromoments_tray.services.moments_service import MomentsService
from micromoments_tray.services.week_end import MAX_WAIT_S, WeekEndState, WeekEndTimer
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.paths import AppPaths
from micromoments_tray.storage.repository import MomentQuery, MomentRepository
from micromoments_tray.storage.settings import Settings

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def repo(app_paths: AppPaths) -> Iterator[MomentRepository]:
    repository = MomentRepository(connect(app_paths.database))
    yield repository
    repository.close()


@pytest.fixture
def views(
    qtbot: QtBot, repo: MomentRepository, clock: FakeClock
) -> Iterator[tuple[WeekViews, MomentsService]]:
    service = MomentsService(repo, clock)
    settings = Settings({"week_start": "monday"})
    views = WeekViews(repo, service, clock, lambda: settings)
    service.changed.connect(views.refresh)
    yield views, service
    views.close_all()


def _add(repo: MomentRepository, clock: FakeClock, days_ago: float, **kw: object) -> str:
    now = clock.now()
    moment = make_moment(
        kind=str(kw.pop("kind", "smile")),
        occurred_at=now - timedelta(days=days_ago),
        now=now,
        **kw,  # type: ignore[arg-type]
    )
    return repo.add(moment).id


def test_summary_navigation(
    views: tuple[WeekViews, MomentsService], repo: MomentRepository, clock: FakeClock
) -> None:
    view, _ = views
    _add(repo, clock, 0, note="Thanked the driver", feeling=5, kind="thanks")
    _add(repo, clock, 7)
    view.open_summary()
    window = view.summary_window
    assert window.isVisible()
    assert window.heading.text() == "23 – 29 November 2026"
    assert window.count_label.text() == "1 moment of connection"
    window.previous_button.click()
    assert window.heading.text() == "16 – 22 November 2026"
    window.previous_button.click()
    assert window.welcome_label.isVisibleTo(window)  # an empty week, welcomed
    window.this_week_button.click()
    assert window.heading.text() == "23 – 29 November 2026"
    assert not window.next_button.isEnabled()


def test_open_summary_refreshes_on_change(
    views: tuple[WeekViews, MomentsService], repo: MomentRepository, clock: FakeClock
) -> None:
    view, service = views
    view.open_summary()
    assert view.summary_window.welcome_label.isVisibleTo(view.summary_window)
    service.log_kind("greeting")
    assert view.summary_window.count_label.text() == "1 moment of connection"


def test_history_edit_delete_and_undo(
    qtbot: QtBot,
    views: tuple[WeekViews, MomentsService],
    repo: MomentRepository,
    clock: FakeClock,
) -> None:
    view, _ = views
    ids = [_add(repo, clock, i / 24, note=f"moment {i}") for i in range(5)]
    view.open_history()
    window = view.history_window
    window.model.fetchMore()
    assert window.model.rowCount() == 5

    window.select_rows([0])
    dialog = window.edit_current()
    assert dialog is not None
    dialog.note_edit.setPlainText("now with a better note")
    dialog.people_edit.setText("Ana")
    dialog.buttons.accepted.emit()
    stored = repo.get(ids[0])
    assert (stored.note, stored.people) == ("now with a better note", ("Ana",))
    assert window.model.data(window.model.index(0, 4)) == "now with a better note"

    window.select_rows([1, 2, 3])
    window.delete_button.click()
    assert repo.count() == 2
    window.model.fetchMore()
    assert window.model.rowCount() == 2
    assert window.undo_button.isEnabled()
    assert window.status_label.text() == "3 moments deleted."
    window.undo_button.click()
    assert repo.count() == 5
    window.model.fetchMore()
    assert window.model.rowCount() == 5
    assert not window.undo_button.isEnabled()
    assert window.status_label.text() == "3 moments are back."


def test_people_rhythm_rename_merge(
    views: tuple[WeekViews, MomentsService], repo: MomentRepository, clock: FakeClock
) -> None:
    view, _ = views
    _add(repo, clock, 12, people=("Sam",))
    _add(repo, clock, 3, people=("Samuel",))
    view.open_people()
    window = view.people_window
    assert window.names() == ["Samuel", "Sam"]
    window.rhythm_editor("Sam").setValue(7)
    assert {p.name: p.keep_in_touch_days for p in repo.people_stats()}["Sam"] == 7
    assert window.due_label.text() == "Might enjoy hearing from you: Sam"
    window.merge_requested.emit("Samuel", "Sam")
    assert window.names() == ["Sam"]
    assert repo.count(MomentQuery(person="Sam")) == 2
    window.rename_requested.emit("Sam", "Sam Lee")
    assert window.names() == ["Sam Lee"]


# -- the end-of-week timer -----------------------------------------------------------------------


@pytest.fixture
def sunday_clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 29, 17, 0, tzinfo=BERLIN))


def _timer(qtbot: QtBot, clock: FakeClock, path: Path) -> tuple[WeekEndTimer, list[str]]:
    timer = WeekEndTimer(clock, WeekEndState(path))
    shown: list[str] = []
    timer.due.connect(lambda week: shown.append(week.id))
    return timer, shown


def test_the_week_end_opens_once_at_its_time(
    qtbot: QtBot, sunday_clock: FakeClock, tmp_path: Path
) -> None:
    state = tmp_path / "week_end.json"
    timer, shown = _timer(qtbot, sunday_clock, state)
    timer.configure(WeekEndPlan(), WeekRules())
    assert shown == []
    assert timer.timer.isActive()
    assert timer.timer.interval() == 3600 * 1000  # armed for 18:00, an hour away
    assert timer.seconds_to_next() == 3600
    sunday_clock.advance(timedelta(hours=1))
    timer.timer.timeout.emit()  # fire by hand
    assert shown == ["2026-W48"]
    assert json.loads(state.read_text())["last_shown_week"] == "2026-W48"
    assert timer.timer.isActive()  # armed again, for next week (capped at an hour)
    assert timer.timer.interval() == int(MAX_WAIT_S * 1000)
    sunday_clock.advance(timedelta(minutes=30))
    timer.timer.timeout.emit()
    timer.check()
    assert shown == ["2026-W48"]  # never twice
    # A restart the same evening does not open it again either.
    again, shown_again = _timer(qtbot, sunday_clock, state)
    again.configure(WeekEndPlan(), WeekRules())
    assert shown_again == []


def test_missed_week_end_opens_at_the_next_start_within_three_days(
    qtbot: QtBot, sunday_clock: FakeClock, tmp_path: Path
) -> None:
    state = tmp_path / "week_end.json"
    first, _ = _timer(qtbot, sunday_clock, state)
    first.configure(WeekEndPlan(), WeekRules())  # the app ran before Sunday 18:00
    first.timer.stop()
    sunday_clock.advance(timedelta(days=2))  # off until Tuesday 17:00
    later, shown = _timer(qtbot, sunday_clock, state)
    later.configure(WeekEndPlan(), WeekRules())
    assert shown == ["2026-W48"]
    # Four days late: too late to be welcome, nothing opens.
    state.write_text(json.dumps({"last_shown_week": "2026-W47", "first_seen": None}))
    sunday_clock.advance(timedelta(days=2))
    late, shown_late = _timer(qtbot, sunday_clock, state)
    late.configure(WeekEndPlan(), WeekRules())
    assert shown_late == []


def test_a_fresh_install_does_not_open_an_old_week(
    qtbot: QtBot, sunday_clock: FakeClock, tmp_path: Path
) -> None:
    sunday_clock.advance(timedelta(days=1, hours=2))  # Monday 19:00, deadline passed yesterday
    timer, shown = _timer(qtbot, sunday_clock, tmp_path / "week_end.json")
    timer.configure(WeekEndPlan(), WeekRules())
    assert shown == []


def test_turned_off_and_other_times(qtbot: QtBot, sunday_clock: FakeClock, tmp_path: Path) -> None:
    timer, shown = _timer(qtbot, sunday_clock, tmp_path / "week_end.json")
    timer.configure(WeekEndPlan(enabled=False), WeekRules())
    assert not timer.timer.isActive()
    sunday_clock.advance(timedelta(hours=2))
    timer.check()
    assert shown == []
    timer.configure(WeekEndPlan(weekday=6, at=time(18, 30)), WeekRules())
    assert shown == ["2026-W48"]


@pytest.mark.parametrize(
    ("variables", "first"),
    [
        ({"LANG": "en_US.UTF-8"}, 6),
        ({"LANG": "de_DE.UTF-8"}, 0),
        ({"LANG": "en_US.UTF-8", "LC_TIME": "en_GB.UTF-8"}, 0),
        ({"LC_ALL": "ar_EG.UTF-8", "LANG": "en_GB.UTF-8"}, 5),
    ],
)
def test_the_app_reads_the_first_weekday_as_the_command_line_does(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], first: int
) -> None:
    from micromoments_tray.core.week import locale_first_weekday
    from micromoments_tray.services import week_end

    for name in ("LC_ALL", "LC_TIME", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert week_end.system_first_weekday("linux") == first == locale_first_weekday()


def test_on_windows_and_macos_the_locale_name_comes_from_qt(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QLocale

    from micromoments_tray.services import week_end

    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # not what those systems go by
    default = QLocale()
    try:
        for platform in ("win32", "darwin"):
            QLocale.setDefault(QLocale("en_US"))
            assert week_end.system_first_weekday(platform) == 6
            QLocale.setDefault(QLocale("fr_FR"))
            assert week_end.system_first_weekday(platform) == 0
    finally:
        QLocale.setDefault(default)
