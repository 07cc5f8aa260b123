"""Every use of PySide6's internals, in one place: a PySide6 upgrade touches this file only.

Two start-up savings live here, each measured by tests/perf/bench_startup.py:

1. PySide6's per-import source scan. Once PySide6.QtCore is imported, every later import runs a
hook (for the opt-in `from __feature__ import snake_case` syntax) that asks whether the new module
mentions "PySide6", by reading its source through `inspect.getsource`: the file is tokenized and
its lines stay in `linecache` for the life of the process. For the ~80 modules this app imports
after Qt that cost about 9 ms of every start and 3.4 MB of resident memory
(tests/perf/bench_startup.py).

`lighten_import_scan()` answers the same question from the file's bytes, keeping nothing. The
hook is PySide6's internal machinery (shibokensupport.feature, PYSIDE-2029), so this looks for it
defensively and leaves everything as it was when a release has changed it.

2. Qt enum values set by their C++ names, through Qt's property system. The first use of
PySide6's `Qt` namespace builds a Python enum type for every enum in it (about 100 types, ~15 ms
and ~1.5 MB); start-up needs only a few values, and Qt's property system takes them by name
(`"VeryCoarseTimer"`, `"AlignRight|AlignVCenter"`) without that namespace.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

_FEATURE_MODULE = "shibokensupport.feature"
_SCAN_NAME = "_mod_uses_pyside"
_MARK = "_micromoments_light_scan"


def import_qt_lightly() -> None:
    """Import PySide6.QtCore (which installs the hook), then lighten the hook's scan."""
    import PySide6.QtCore  # noqa: F401

    lighten_import_scan()


def lighten_import_scan() -> bool:
    """Replace the scan (after PySide6.QtCore is imported). True when it was replaced now."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _SCAN_NAME, None)
    if feature is None or not callable(original) or getattr(original, _MARK, False):
        return False
    setattr(feature, _SCAN_NAME, _light_scan(original))
    return True


def _light_scan(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built-in, compiled-only or zipped: the original knows
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(mentions_pyside, _MARK, True)
    return mentions_pyside


def set_enum_property(target: QObject, name: str, keys: str) -> None:
    """Set the enum (or flags) property `name` of `target` to `keys`, e.g. "NoFocus"."""
    if not target.setProperty(name, keys):
        raise ValueError(f"{type(target).__name__}.{name} does not take {keys!r}")
