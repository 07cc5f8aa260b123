"""Qt enum values set by their C++ names, through Qt's property system.

The first use of PySide6's `Qt` namespace builds a Python enum type for every enum in it (about
100 types, ~15 ms and ~1.5 MB); start-up needs only a few values, and Qt's property system takes
them by name (`"VeryCoarseTimer"`, `"AlignRight|AlignVCenter"`) without that namespace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject


def set_enum_property(target: QObject, name: str, keys: str) -> None:
    """Set the enum (or flags) property `name` of `target` to `keys`, e.g. "NoFocus"."""
    if not target.setProperty(name, keys):
        raise ValueError(f"{type(target).__name__}.{name} does not take {keys!r}")
