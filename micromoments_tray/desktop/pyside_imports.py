"""Takes PySide6's per-import source scan off the app's start-up.

Once PySide6.QtCore is imported, every later import runs a hook (for the opt-in
`from __feature__ import snake_case` syntax) that asks whether the new module mentions "PySide6",
by reading its source through `inspect.getsource`: the file is tokenized and its lines stay in
`linecache` for the life of the process. For the ~80 modules this app imports after Qt that cost
about 9 ms of every start and 3.4 MB of resident memory (tests/perf/bench_startup.py).

`lighten_import_scan()` answers the same question from the file's bytes, keeping nothing. The
hook is PySide6's internal machinery (shibokensupport.feature, PYSIDE-2029), so this looks for it
defensively and leaves everything as it was when a release has changed it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

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
