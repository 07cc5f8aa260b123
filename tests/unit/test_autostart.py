"""Start at login: XDG autostart in a temporary config home; Windows and macOS through fakes."""

from __future__ import annotations

import plistlib
from collections.abc import Sequence
from pathlib import Path

import pytest

from micromoments_tray import APP_ID
from micromoments_tray.platform.autostart import (
    APPROVED_KEY,
    RUN_KEY,
    RUN_VALUE,
    AutostartSwitch,
    LaunchAgent,
    NullAutostart,
    WindowsRunKey,
    XdgAutostart,
    autostart_backend,
)
from micromoments_tray.storage.paths import resources_dir

ARGV = ["/opt/Micro Moments/MicroMoments"]


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")} if root.exists() else set()


@pytest.fixture
def config_home(tmp_path: Path) -> Path:
    home = tmp_path / "config"
    (home / "autostart").mkdir(parents=True)
    (home / "autostart" / "someone-else.desktop").write_text("[Desktop Entry]\nName=X\n")
    return home


@pytest.fixture
def xdg(config_home: Path) -> XdgAutostart:
    return XdgAutostart(config_home, resources_dir() / f"{APP_ID}.desktop")


# -- Linux -------------------------------------------------------------------------------------


def test_xdg_backend_is_chosen_from_xdg_config_home(tmp_path: Path) -> None:
    backend = autostart_backend(
        platform="linux", env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, home=tmp_path
    )
    assert isinstance(backend, XdgAutostart)
    assert backend.path == tmp_path / "cfg" / "autostart" / f"{APP_ID}.desktop"
    fallback = autostart_backend(platform="linux", env={}, home=tmp_path)
    assert isinstance(fallback, XdgAutostart)
    assert fallback.path == tmp_path / ".config" / "autostart" / f"{APP_ID}.desktop"


def test_other_systems_get_their_backend_or_none() -> None:
    assert isinstance(autostart_backend(platform="win32"), WindowsRunKey)
    assert isinstance(autostart_backend(platform="darwin"), LaunchAgent)
    assert isinstance(autostart_backend(platform="sunos5"), NullAutostart)


def test_xdg_on_writes_the_autostart_copy_and_off_removes_exactly_it(
    xdg: XdgAutostart, config_home: Path
) -> None:
    before = _tree(config_home)
    assert not xdg.is_enabled()
    switch = AutostartSwitch(xdg, ARGV)
    assert switch.apply(True) is True
    text = xdg.path.read_text(encoding="utf-8")
    assert 'Exec="/opt/Micro Moments/MicroMoments"' in text
    assert "X-GNOME-Autostart-enabled=true" in text
    assert f"Icon={APP_ID}" in text
    assert _tree(config_home) == before | {f"autostart/{APP_ID}.desktop"}
    assert switch.apply(False) is False
    assert _tree(config_home) == before


def test_the_autostart_dir_is_created_when_missing(tmp_path: Path) -> None:
    backend = XdgAutostart(tmp_path / "fresh", resources_dir() / f"{APP_ID}.desktop")
    backend.enable(ARGV)
    assert backend.is_enabled()


def test_a_file_deleted_by_hand_turns_the_switch_off_and_is_not_recreated(
    xdg: XdgAutostart,
) -> None:
    switch = AutostartSwitch(xdg, ARGV)
    switch.apply(True)
    xdg.path.unlink()  # the user, in a file manager
    assert switch.reconcile(recorded=True) is False
    assert not xdg.path.exists()


@pytest.mark.parametrize("line", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_an_entry_turned_off_in_the_desktops_settings_counts_as_off(
    xdg: XdgAutostart, line: str
) -> None:
    xdg.enable(ARGV)
    text = xdg.path.read_text(encoding="utf-8").replace("X-GNOME-Autostart-enabled=true\n", "")
    xdg.path.write_text(text + line + "\n", encoding="utf-8")
    assert AutostartSwitch(xdg, ARGV).reconcile(recorded=True) is False


def test_an_entry_added_outside_the_app_turns_the_switch_on(xdg: XdgAutostart) -> None:
    xdg.path.write_text("[Desktop Entry]\nType=Application\nName=MicroMoments\nExec=x\n")
    assert AutostartSwitch(xdg, ARGV).reconcile(recorded=False) is True


def test_off_when_nothing_is_there_is_fine(xdg: XdgAutostart) -> None:
    assert AutostartSwitch(xdg, ARGV).apply(False) is False


def test_null_backend_refuses_on_and_accepts_off() -> None:
    switch = AutostartSwitch(NullAutostart(), ARGV)
    with pytest.raises(OSError, match="not supported"):
        switch.apply(True)
    assert switch.apply(False) is False
    assert switch.reconcile(recorded=True) is False


# -- Windows (registry faked) --------------------------------------------------------------------


class FakeRegistry:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], object] = {
            (RUN_KEY, "OneDrive"): '"C:\\OneDrive.exe" /background'
        }

    def get(self, key: str, name: str) -> object | None:
        return self.values.get((key, name))

    def set_string(self, key: str, name: str, value: str) -> None:
        self.values[(key, name)] = value

    def delete(self, key: str, name: str) -> None:
        self.values.pop((key, name), None)


def test_windows_run_value_on_and_off_touches_only_our_value() -> None:
    registry = FakeRegistry()
    before = dict(registry.values)
    switch = AutostartSwitch(WindowsRunKey(registry), ["C:\\Program Files\\MicroMoments\\M.exe"])
    assert switch.apply(True) is True
    assert registry.values[(RUN_KEY, RUN_VALUE)] == '"C:\\Program Files\\MicroMoments\\M.exe"'
    assert switch.apply(False) is False
    assert registry.values == before


def test_windows_task_manager_disable_counts_as_off_and_on_clears_it() -> None:
    registry = FakeRegistry()
    backend = WindowsRunKey(registry)
    switch = AutostartSwitch(backend, ["M.exe"])
    switch.apply(True)
    registry.values[(APPROVED_KEY, RUN_VALUE)] = bytes([3]) + bytes(11)  # Task Manager: off
    assert switch.reconcile(recorded=True) is False
    assert switch.apply(True) is True
    assert (APPROVED_KEY, RUN_VALUE) not in registry.values
    registry.values[(APPROVED_KEY, RUN_VALUE)] = bytes([2]) + bytes(11)  # Task Manager: on
    assert backend.is_enabled()


def test_windows_value_deleted_by_hand_turns_the_switch_off() -> None:
    registry = FakeRegistry()
    switch = AutostartSwitch(WindowsRunKey(registry), ["M.exe"])
    switch.apply(True)
    registry.delete(RUN_KEY, RUN_VALUE)
    assert switch.reconcile(recorded=True) is False
    assert (RUN_KEY, RUN_VALUE) not in registry.values


# -- macOS (launchctl faked) ---------------------------------------------------------------------


class FakeLaunchctl:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.disabled: set[str] = set()

    def run(self, args: Sequence[str]) -> tuple[int, str]:
        self.calls.append(list(args))
        if args[0] == "print-disabled":
            lines = [f'\t"{label}" => disabled' for label in sorted(self.disabled)]
            lines.append('\t"com.apple.other" => enabled')
            return 0, "disabled services = {\n" + "\n".join(lines) + "\n}\n"
        if args[0] == "enable":
            self.disabled.discard(args[1].rsplit("/", 1)[1])
            return 0, ""
        return 1, ""


def test_launch_agent_on_writes_a_plist_and_off_removes_exactly_it(tmp_path: Path) -> None:
    agents = tmp_path / "Library" / "LaunchAgents"
    agents.mkdir(parents=True)
    (agents / "com.example.other.plist").write_bytes(b"x")
    launchctl = FakeLaunchctl()
    launchctl.disabled.add(APP_ID)  # a "disabled" launchd remembers from long ago
    backend = LaunchAgent(agents, launchctl, uid=501)
    switch = AutostartSwitch(backend, ["/Applications/MicroMoments.app/Contents/MacOS/M"])
    before = _tree(tmp_path)
    assert switch.apply(True) is True
    plist = plistlib.loads((agents / f"{APP_ID}.plist").read_bytes())
    assert plist["Label"] == APP_ID
    assert plist["ProgramArguments"] == ["/Applications/MicroMoments.app/Contents/MacOS/M"]
    assert plist["RunAtLoad"] is True
    assert "KeepAlive" not in plist  # Quit means quit
    assert ["enable", f"gui/501/{APP_ID}"] in launchctl.calls
    assert not any(call[0] in ("bootstrap", "load", "bootout") for call in launchctl.calls)
    assert switch.apply(False) is False
    assert _tree(tmp_path) == before


def test_launch_agent_disabled_in_launchd_or_deleted_counts_as_off(tmp_path: Path) -> None:
    launchctl = FakeLaunchctl()
    backend = LaunchAgent(tmp_path, launchctl, uid=501)
    switch = AutostartSwitch(backend, ["M"])
    switch.apply(True)
    launchctl.disabled.add(APP_ID)
    assert switch.reconcile(recorded=True) is False
    launchctl.disabled.clear()
    assert switch.reconcile(recorded=True) is True
    backend.path.unlink()
    assert switch.reconcile(recorded=True) is False
