"""The lighter PySide6 import scan: same answers, no source kept in memory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from micromoments_tray import qt_machinery as pyside_imports

PROGRAM = """
import json, linecache, sys
sys.path.insert(0, sys.argv[2])
import PySide6.QtCore
from micromoments_tray.qt_machinery import lighten_import_scan
replaced = lighten_import_scan() if sys.argv[1] == "light" else None
import uses_qt, plain_module, colorsys
feature = sys.modules["shibokensupport.feature"]
cached = [name for name in ("uses_qt", "plain_module", "colorsys")
          if sys.modules[name].__file__ in linecache.cache]
print(json.dumps({
    "replaced": replaced,
    "again": lighten_import_scan(),
    "cached": cached,
    "verdicts": {name: feature.pyside_feature_dict.get(name)
                 for name in ("uses_qt", "plain_module", "colorsys")},
}))
"""


def _run(mode: str, folder: Path) -> dict[str, object]:
    (folder / "uses_qt.py").write_text("import PySide6.QtCore\n")
    (folder / "plain_module.py").write_text("VALUE = 1\n")
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, mode, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    answer: dict[str, object] = json.loads(result.stdout.splitlines()[-1])
    return answer


def test_light_scan_gives_the_same_verdicts_and_keeps_no_source(tmp_path: Path) -> None:
    original = _run("original", tmp_path)
    light = _run("light", tmp_path)
    # The stock scan keeps every imported module's lines; that is what the light one avoids.
    assert original["cached"] == ["uses_qt", "plain_module", "colorsys"]
    assert light["replaced"] is True
    assert light["again"] is False  # replaced once only
    assert light["cached"] == []
    assert light["verdicts"] == original["verdicts"]
    assert light["verdicts"] == {"uses_qt": 0, "plain_module": -1, "colorsys": -1}


def test_without_the_hook_nothing_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "shibokensupport.feature", raising=False)
    assert pyside_imports.lighten_import_scan() is False
    changed = ModuleType("shibokensupport.feature")  # a release without the scan function
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", changed)
    assert pyside_imports.lighten_import_scan() is False
    assert not hasattr(changed, "_mod_uses_pyside")


def test_light_scan_falls_back_for_modules_without_source(tmp_path: Path) -> None:
    asked: list[str] = []

    def original(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    scan = pyside_imports._light_scan(original)
    builtin = ModuleType("builtin_like")  # no __file__
    gone = ModuleType("gone")
    gone.__file__ = str(tmp_path / "missing.py")
    mentions = ModuleType("mentions")
    mentions.__file__ = str(tmp_path / "mentions.py")
    Path(mentions.__file__).write_text("# PySide6 is used here\n")
    assert scan(builtin) is False
    assert scan(gone) is False
    assert scan(mentions) is True
    assert asked == ["builtin_like", "gone"]
