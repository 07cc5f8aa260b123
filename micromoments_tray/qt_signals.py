"""`emit()`: emit a Python-defined Qt signal without losing a reference to `True`.

PySide6 6.12.0's `SignalInstance.emit()` returns a *borrowed* reference to its result (`True`):
every call from Python takes one reference from `True` away, and after a few thousand emissions
the interpreter aborts ("bool_dealloc: deallocating True or False"). A long-running tray app
would crash after a while. `emit()` checks once whether this PySide6 has the bug (by emitting a
probe signal and watching the reference count) and, only then, gives the reference back.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


@cache
def emit_leaks_true() -> bool:
    """Whether `SignalInstance.emit()` returns a reference it does not own (checked once)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost >= 8:
        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= 8


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, with the reference PySide6 6.12.0 drops given back."""
    leaks = emit_leaks_true()
    result = signal.emit(*args)
    if leaks:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
