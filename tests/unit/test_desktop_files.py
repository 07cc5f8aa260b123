"""The shipped desktop file, AppStream metainfo and icons, checked by the freedesktop validators.

`desktop-file-validate` (desktop-file-utils) and `appstreamcli` (appstream) are Debian packages
that .ci/run installs; with CI=true a missing validator fails these tests, elsewhere they skip.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from micromoments_tray import APP_ID
from micromoments_tray.platform.autostart import AUTOSTART_KEYS
from micromoments_tray.platform.desktop_entry import entry_text
from micromoments_tray.storage.paths import resources_dir
from tests.support import require

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from platform_icons import ICO_SIZES, png_size, read_icns, read_ico  # noqa: E402

RESOURCES = resources_dir()
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def _tool(name: str) -> str:
    require([] if shutil.which(name) else [name], "The desktop file checks")
    path = shutil.which(name)
    assert path is not None
    return path


def _validate(*cmd: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_desktop_file_is_valid() -> None:
    _validate(_tool("desktop-file-validate"), str(DESKTOP))


def test_autostart_copy_is_valid(tmp_path: Path) -> None:
    copy = tmp_path / f"{APP_ID}.desktop"
    copy.write_text(
        entry_text(
            DESKTOP.read_text(encoding="utf-8"), ["/opt/My Apps/MicroMoments"], AUTOSTART_KEYS
        )
    )
    _validate(_tool("desktop-file-validate"), str(copy))


def test_metainfo_is_valid() -> None:
    _validate(_tool("appstreamcli"), "validate", "--no-net", str(METAINFO))


def test_desktop_file_keys() -> None:
    keys = dict(
        line.split("=", 1)
        for line in DESKTOP.read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert keys["Exec"] == "micromoments"
    assert keys["Icon"] == APP_ID
    assert keys["Categories"].endswith(";") and keys["Keywords"].endswith(";")
    assert not any(key.startswith("X-GNOME-Autostart") for key in keys)


def test_metainfo_names_the_app_id_launchable_and_binary() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == "micromoments"
    assert root.find("content_rating") is not None
    for image in root.iterfind("screenshots/screenshot/image"):
        assert image.text is not None
        local = ROOT / "docs" / "screenshots" / image.text.rsplit("/", 1)[1]
        assert local.is_file(), f"{image.text} has no file in docs/screenshots"


@pytest.mark.parametrize("size", SIZES)
def test_hicolor_icons_exist_at_their_size(size: int) -> None:
    path = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(path.read_bytes()) == (size, size)
    paused = RESOURCES / "icons" / f"micromoments-paused-{size}.png"
    assert png_size(paused.read_bytes()) == (size, size)


def test_scalable_and_symbolic_icons_are_svg() -> None:
    hicolor = RESOURCES / "icons" / "hicolor"
    for path in (
        hicolor / "scalable" / "apps" / f"{APP_ID}.svg",
        hicolor / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg",
    ):
        root = ET.parse(path).getroot()
        assert root.tag.endswith("svg")
    symbolic = (hicolor / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg").read_text()
    colours = {word[:7] for word in symbolic.split('"') if word.startswith("#")}
    assert colours == {"#2e3436"}  # one colour: panels recolour it


def test_platform_icons_hold_every_size() -> None:
    ico = read_ico((RESOURCES / "icons" / "micromoments.ico").read_bytes())
    assert sorted(ico) == list(ICO_SIZES)
    for size, png in ico.items():
        assert png_size(png) == (size, size)
    icns = read_icns((RESOURCES / "icons" / "micromoments.icns").read_bytes())
    assert png_size(icns[b"ic08"]) == (256, 256)
    assert png_size(icns[b"icp4"]) == (16, 16)
