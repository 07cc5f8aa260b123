"""The app keeps the "Start at login" switch and the system's autostart entry in step."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from micromoments_tray.app.root import MicroMomentsApp
from micromoments_tray.core.clock import FakeClock
from micromoments_tray.platform.autostart import AutostartSwitch
from micromoments_tray.storage.paths import AppPaths

MakeApp = Callable[..., MicroMomentsApp]


class FakeBackend:
    name = "fake"

    def __init__(self, enabled: bool = False, fail: bool = False) -> None:
        self.enabled = enabled
        self.fail = fail
        self.argv: list[str] = []

    def is_enabled(self) -> bool:
        return self.enabled

    def enable(self, argv: Sequence[str]) -> None:
        if self.fail:
            raise OSError("read-only file system")
        self.enabled, self.argv = True, list(argv)

    def disable(self) -> None:
        self.enabled = False


def _settings(paths: AppPaths) -> dict[str, object]:
    return json.loads(paths.settings.read_text()) if paths.settings.exists() else {}


@pytest.fixture
def make_app(
    qtbot: QtBot, qapp: QApplication, app_paths: AppPaths, clock: FakeClock
) -> Iterator[MakeApp]:
    apps: list[MicroMomentsApp] = []

    def make(backend: FakeBackend, **settings: object) -> MicroMomentsApp:
        app_paths.config_dir.mkdir(parents=True, exist_ok=True)
        app_paths.settings.write_text(json.dumps({"tray_wait_seconds": 0, **settings}))
        app = MicroMomentsApp(app_paths, clock, qapp)
        app.autostart = AutostartSwitch(backend, ["/opt/mm/MicroMoments"])
        assert app.start() is None
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.shutdown()
        if app.fallback is not None:
            app.fallback.hide()


def test_turning_the_switch_on_and_off_adds_and_removes_the_entry(
    make_app: MakeApp, app_paths: AppPaths
) -> None:
    backend = FakeBackend()
    app = make_app(backend)
    app._apply_settings({"start_at_login": True})
    assert backend.enabled and backend.argv == ["/opt/mm/MicroMoments"]
    assert _settings(app_paths)["start_at_login"] is True
    app._apply_settings({"start_at_login": False})
    assert not backend.enabled
    assert _settings(app_paths)["start_at_login"] is False


def test_an_entry_removed_by_hand_turns_the_switch_off_at_start(
    make_app: MakeApp, app_paths: AppPaths
) -> None:
    backend = FakeBackend(enabled=False)  # the user deleted the file while we were not running
    app = make_app(backend, start_at_login=True)
    assert app.settings.get_bool("start_at_login") is False
    assert _settings(app_paths)["start_at_login"] is False
    assert not backend.enabled  # not recreated


def test_unchanged_switch_leaves_the_entry_alone(make_app: MakeApp) -> None:
    backend = FakeBackend(enabled=True)
    app = make_app(backend, start_at_login=True)
    backend.argv = ["left", "alone"]
    app._apply_settings({"start_at_login": True, "undo_seconds": 9})
    assert backend.argv == ["left", "alone"]


def test_a_failure_is_shown_and_the_switch_stays_off(
    make_app: MakeApp, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append(text))
    app = make_app(FakeBackend(fail=True))
    app._apply_settings({"start_at_login": True})
    assert shown == ["read-only file system"]
    assert app.settings.get_bool("start_at_login") is False
