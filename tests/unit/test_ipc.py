"""Messages between a second process and the running app: strict decoding, safe sending."""

from __future__ import annotations

import json
import socket
import tempfile
import threading
from pathlib import Path

import pytest

from micromoments_tray.platform import ipc
from micromoments_tray.platform.ipc import MAX_MESSAGE, MessageError, decode, encode


def test_encode_decode_round_trip() -> None:
    data = encode("data-changed")
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    message = decode(data)
    assert (message.cmd, message.args) == ("data-changed", {})


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'"ping"', "not a JSON object"),
        (b'{"v": 2, "cmd": "ping"}', "unsupported protocol version 2"),
        (b'{"cmd": "ping"}', "unsupported protocol version None"),
        (b'{"v": true, "cmd": "ping"}', "unsupported protocol version True"),
        (b'{"v": 1.0, "cmd": "ping"}', "unsupported protocol version 1.0"),
        (b'{"v": 1, "cmd": "format-disk"}', "unknown command 'format-disk'"),
        (b'{"v": 1, "cmd": 5}', "unknown command 5"),
        (b'{"v": 1, "cmd": "ping", "extra": 1}', "unexpected arguments for ping: extra"),
        (b'{"v": 1, "cmd": "ping", "pad": "' + b"x" * MAX_MESSAGE + b'"}', "exceeds 4096"),
    ],
)
def test_decode_refuses_bad_messages(data: bytes, error: str) -> None:
    with pytest.raises(MessageError, match=error):
        decode(data)


def test_encode_refuses_oversized_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ipc.COMMANDS, "big", frozenset({"blob"}))
    with pytest.raises(MessageError, match="too large"):
        encode("big", blob="x" * MAX_MESSAGE)


def test_send_returns_none_when_nobody_listens(tmp_path: Path) -> None:
    assert ipc.send(str(tmp_path / "nobody.sock"), "ping", timeout=0.5) is None


def test_send_delivers_one_line_and_reads_the_answer() -> None:
    folder = Path(tempfile.mkdtemp(prefix="mm-"))  # socket paths must stay short
    address = str(folder / "s.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(address)
    server.listen(1)
    received: list[bytes] = []

    def answer() -> None:
        conn, _ = server.accept()
        with conn:
            received.append(conn.recv(MAX_MESSAGE))
            conn.sendall(ipc.reply(True, note="thanks"))

    thread = threading.Thread(target=answer)
    thread.start()
    try:
        result = ipc.send(address, "ping", timeout=5)
    finally:
        thread.join(5)
        server.close()
        Path(address).unlink()
        folder.rmdir()
    assert result == {"v": 1, "ok": True, "note": "thanks"}
    assert json.loads(received[0]) == {"v": 1, "cmd": "ping"}
