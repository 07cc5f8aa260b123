from __future__ import annotations

import logging
import socket
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from micromoments_tray.platform import ipc
from micromoments_tray.platform.single_instance import InstanceServer


def _talk(address: str, data: bytes, answers: list[bytes]) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(address)
        sock.sendall(data)
        answers.append(sock.recv(4096))


def _exchange(qtbot: QtBot, address: str, data: bytes) -> bytes:
    """Send raw bytes from a thread while the Qt loop serves them; return the answer."""
    answers: list[bytes] = []
    worker = threading.Thread(target=_talk, args=(address, data, answers))
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=5000)
    worker.join()
    return answers[0] if answers else b""


@pytest.fixture
def server(qtbot: QtBot, tmp_path: Path) -> InstanceServer:
    srv = InstanceServer(str(tmp_path / "mm.sock"))
    assert srv.listen()
    yield srv
    srv.close()


def test_valid_message_is_delivered_and_answered(
    qtbot: QtBot, server: InstanceServer, tmp_path: Path
) -> None:
    with qtbot.waitSignal(server.message_received) as blocker:
        answer = _exchange(qtbot, str(tmp_path / "mm.sock"), ipc.encode("show-log"))
    assert blocker.args[0].cmd == "show-log"
    assert b'"ok": true' in answer


@pytest.mark.parametrize(
    "data",
    [
        b"not json\n",
        b'{"v": 99, "cmd": "show-log"}\n',
        b'{"v": 1, "cmd": "format-disk"}\n',
        b'{"v": 1, "cmd": "show-log", "extra": 1}\n',
        b"[1, 2, 3]\n",
        b"x" * (ipc.MAX_MESSAGE + 10),
    ],
)
def test_bad_messages_are_refused_and_logged_never_delivered(
    qtbot: QtBot,
    server: InstanceServer,
    tmp_path: Path,
    data: bytes,
    caplog: pytest.LogCaptureFixture,
) -> None:
    delivered: list[object] = []
    server.message_received.connect(delivered.append)
    with caplog.at_level(logging.WARNING):
        answer = _exchange(qtbot, str(tmp_path / "mm.sock"), data)
    assert b'"ok": false' in answer
    assert delivered == []
    assert any("ignored" in r.message for r in caplog.records)


def test_client_module_round_trip(qtbot: QtBot, server: InstanceServer, tmp_path: Path) -> None:
    results: list[object] = []
    worker = threading.Thread(
        target=lambda: results.append(ipc.send(str(tmp_path / "mm.sock"), "data-changed"))
    )
    with qtbot.waitSignal(server.message_received) as blocker:
        worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=5000)
    assert blocker.args[0].cmd == "data-changed"
    assert results == [{"v": 1, "ok": True}]


def test_stale_socket_file_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    address = tmp_path / "stale.sock"
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(address))
    stale.close()  # the file stays behind, as after a crash
    assert ipc.send(str(address), "ping") is None
    srv = InstanceServer(str(address))
    assert srv.listen()
    srv.close()


def test_send_to_nobody_returns_none(tmp_path: Path) -> None:
    assert ipc.send(str(tmp_path / "nobody.sock"), "ping", timeout=0.2) is None


def test_socket_file_is_private(server: InstanceServer, tmp_path: Path) -> None:
    assert (tmp_path / "mm.sock").stat().st_mode & 0o777 == 0o600


def test_silent_client_is_dropped_when_its_timer_fires(
    qtbot: QtBot, server: InstanceServer, tmp_path: Path
) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(str(tmp_path / "mm.sock"))
        sock.sendall(b'{"v": 1, "cmd"')  # never finishes the line
        qtbot.waitUntil(lambda: len(server._clients) == 1, timeout=5000)
        [client] = server._clients.values()
        client._timeout.timeout.emit()  # fire the 5 s timeout by hand
        assert server._clients == {}
        sock.settimeout(5)
        assert sock.recv(100) == b""  # the server hung up without an answer


def test_close_removes_the_socket_file(qtbot: QtBot, tmp_path: Path) -> None:
    srv = InstanceServer(str(tmp_path / "gone.sock"))
    assert srv.listen()
    srv.close()
    assert not (tmp_path / "gone.sock").exists()
