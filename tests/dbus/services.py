"""Start the fake desktop services (tests/dbus/fake_desktop.py) and drive them from a test."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

ROOT = Path(__file__).resolve().parents[2]
_names = itertools.count()


def private_connection(address: str) -> QDBusConnection:
    """A QtDBus connection of its own to the private bus (never the global session bus)."""
    name = f"micromoments-test-{next(_names)}"
    connection = QDBusConnection.connectToBus(address, name)
    assert connection.isConnected(), connection.lastError().message()
    return connection


class FakeDesktop:
    """The fake services in a process of their own, plus a line to their test control object."""

    def __init__(self, address: str, services: list[str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.dbus.fake_desktop", address, *services],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # blocks until every name is owned (or it died)
        assert line.strip() == "ready", f"fake services did not start: {line!r}"
        self.bus = private_connection(address)

    def control(self, member: str, *args: Any) -> list[Any]:
        message = QDBusMessage.createMethodCall(
            "io.micromoments.Test", "/io/micromoments/Test", "io.micromoments.Test", member
        )
        message.setArguments(list(args))
        reply = self.bus.call(message, QDBus.CallMode.Block, 5000)
        assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()
        return list(reply.arguments())

    def calls(self, name: str | None = None) -> list[list[Any]]:
        calls: list[list[Any]] = json.loads(self.control("Calls")[0])
        return [call for call in calls if name is None or call[0] == name]

    def stop(self) -> None:
        QDBusConnection.disconnectFromBus(self.bus.name())
        self.proc.terminate()
        self.proc.wait(timeout=5)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
