"""qt_signals.emit: many emissions from Python leave the reference count of True unchanged."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from micromoments_tray.qt_signals import emit


class Source(QObject):
    happened = Signal(object)


def test_emit_delivers_and_keeps_true_alive(qtbot: QtBot) -> None:
    source = Source()
    received: list[object] = []
    source.happened.connect(received.append)
    emit(source.happened, 0)  # the one-time check runs here
    before = sys.getrefcount(True)
    for n in range(5000):
        emit(source.happened, n)
    assert abs(sys.getrefcount(True) - before) <= 2  # the bug would take 5000 away
    assert len(received) == 5001 and received[-1] == 4999
