"""Render the icons desktops and installers want, from the SVGs in resources/icons.

Run from the repository root: `.venv/bin/python tools/render_desktop_icons.py`. Writes (all
committed, so this runs only when an SVG changes; run tools/render_icons.py first):

- resources/icons/micromoments-paused-<size>.png   the tray icon while reminders are paused
- resources/icons/hicolor/<size>x<size>/apps/<id>.png, scalable/apps/<id>.svg and
  symbolic/apps/<id>-symbolic.svg                   what `install-desktop-entry` installs
- resources/icons/micromoments.ico, micromoments.icns   the bundle's icon on Windows and macOS
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from platform_icons import make_icns, make_ico  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from render_icons import SIZES, render  # noqa: E402

from micromoments_tray import APP_ID  # noqa: E402

ICONS = ROOT / "resources" / "icons"
HICOLOR = ICONS / "hicolor"


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    written: list[Path] = []
    for size in SIZES:
        target = ICONS / f"micromoments-paused-{size}.png"
        render(ICONS / "micromoments-paused.svg", size, target)
        written.append(target)
        folder = HICOLOR / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICONS / f"micromoments-{size}.png", folder / f"{APP_ID}.png")
        written.append(folder / f"{APP_ID}.png")
    for kind, source, name in (
        ("scalable", "micromoments.svg", f"{APP_ID}.svg"),
        ("symbolic", "micromoments-symbolic.svg", f"{APP_ID}-symbolic.svg"),
    ):
        folder = HICOLOR / kind / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICONS / source, folder / name)
        written.append(folder / name)
    pngs = {size: (ICONS / f"micromoments-{size}.png").read_bytes() for size in SIZES}
    (ICONS / "micromoments.ico").write_bytes(make_ico(pngs))
    (ICONS / "micromoments.icns").write_bytes(make_icns(pngs))
    written += [ICONS / "micromoments.ico", ICONS / "micromoments.icns"]
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
