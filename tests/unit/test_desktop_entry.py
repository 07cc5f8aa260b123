"""install-desktop-entry: installs into a temporary XDG_DATA_HOME and removes exactly that."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from micromoments_tray import APP_ID
from micromoments_tray.cli.main import main
from micromoments_tray.platform.desktop_entry import (
    DesktopEntryInstaller,
    InstallError,
    exec_line,
    launch_command,
    xdg_home,
)
from micromoments_tray.storage.paths import resources_dir


def _snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path below root: file content, or None for a folder."""
    return {
        str(p.relative_to(root)): (None if p.is_dir() else p.read_bytes())
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def data_home(tmp_path: Path) -> Path:
    home = tmp_path / "share"
    # Things of the user's that must survive an uninstall, including in folders we write to.
    (home / "applications").mkdir(parents=True)
    (home / "applications" / "editor.desktop").write_text("[Desktop Entry]\nName=Ed\n")
    (home / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (home / "icons" / "hicolor" / "48x48" / "apps" / "editor.png").write_bytes(b"png")
    return home


def _installer(data_home: Path) -> DesktopEntryInstaller:
    return DesktopEntryInstaller(data_home, resources_dir(), ["/home/me/.local/bin/micromoments"])


def test_install_adds_the_desktop_file_and_every_hicolor_icon(data_home: Path) -> None:
    written = _installer(data_home).install()
    desktop = data_home / "applications" / f"{APP_ID}.desktop"
    assert desktop in written
    text = desktop.read_text(encoding="utf-8")
    assert "Exec=/home/me/.local/bin/micromoments\n" in text
    assert "X-GNOME-Autostart" not in text
    icons = data_home / "icons" / "hicolor"
    for size in (16, 22, 24, 32, 48, 64, 128, 256):
        assert (icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (icons / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg").is_file()


def test_uninstall_removes_exactly_what_install_added(data_home: Path) -> None:
    before = _snapshot(data_home)
    installer = _installer(data_home)
    installer.install()
    installer.install()  # twice: still one record of each file
    manifest = json.loads(installer.manifest_path.read_text())
    assert len(manifest["files"]) == len(set(manifest["files"]))
    removed = installer.uninstall()
    assert _snapshot(data_home) == before
    assert removed
    assert installer.uninstall() == []


def test_uninstall_keeps_folders_that_gained_other_files(data_home: Path) -> None:
    installer = _installer(data_home)
    installer.install()
    other = data_home / "icons" / "hicolor" / "scalable" / "apps" / "other.svg"
    other.write_text("<svg/>")
    installer.uninstall()
    assert other.is_file()
    assert not (data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()


def test_a_damaged_manifest_is_reported_not_guessed(data_home: Path) -> None:
    installer = _installer(data_home)
    installer.install()
    installer.manifest_path.write_text("{not json")
    with pytest.raises(InstallError, match="remove it by hand"):
        installer.uninstall()


def test_the_cli_command_installs_and_uninstalls(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    before = _snapshot(data_home)
    assert main(["install-desktop-entry"]) == 0
    assert "app menu" in capsys.readouterr().out
    assert (data_home / "applications" / f"{APP_ID}.desktop").is_file()
    assert main(["install-desktop-entry", "--uninstall"]) == 0
    assert "Removed" in capsys.readouterr().out
    assert _snapshot(data_home) == before


def test_the_command_does_not_load_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from micromoments_tray.cli.main import main; "
        "main(['install-desktop-entry']); "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    env = {"XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["/usr/bin/micromoments"], "/usr/bin/micromoments"),
        (["/opt/My Apps/mm", "run"], '"/opt/My Apps/mm" run'),
        (['/a"b/mm'], '"/a\\\\"b/mm"'),
        (["/a$b/mm"], '"/a\\\\$b/mm"'),
        (["/100%/mm"], "/100%%/mm"),
    ],
)
def test_exec_line_quotes_per_the_desktop_entry_spec(argv: list[str], expected: str) -> None:
    assert exec_line(argv) == expected


def test_launch_command_prefers_this_install(tmp_path: Path) -> None:
    python = tmp_path / "venv" / "bin" / "python"
    script = python.with_name("micromoments")
    assert launch_command(frozen=True, executable="/opt/MM/MicroMoments") == [
        "/opt/MM/MicroMoments"
    ]
    assert launch_command(
        frozen=False, executable=str(python), platform="linux", is_file=lambda p: p == script
    ) == [str(script)]
    assert launch_command(
        frozen=False, executable=str(python), platform="linux", is_file=lambda p: False
    ) == [str(python), "-m", "micromoments_tray"]
    win = tmp_path / "Python" / "python.exe"
    assert launch_command(
        frozen=False, executable=str(win), platform="win32", is_file=lambda p: True
    ) == [str(win.with_name("pythonw.exe")), "-m", "micromoments_tray"]


def test_xdg_home_ignores_relative_values(tmp_path: Path) -> None:
    assert xdg_home({"XDG_DATA_HOME": "rel", "HOME": str(tmp_path)}, "XDG_DATA_HOME", "d") == (
        tmp_path / "d"
    )
    assert xdg_home({"XDG_DATA_HOME": "/x"}, "XDG_DATA_HOME", "d") == Path("/x")
