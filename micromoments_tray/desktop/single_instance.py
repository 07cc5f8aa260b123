"""The running app's local socket: receives small JSON messages from later processes.

Only the process holding the instance lock listens, so a leftover socket file from a crashed run
can be removed safely before listening.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from micromoments_tray import ipc

log = logging.getLogger(__name__)
# A client that connects and says nothing is dropped after this long.
CLIENT_TIMEOUT_MS = 5000


class InstanceServer(QObject):
    """Emits `message_received(ipc.Message)` for each valid message; answers every client."""

    message_received = Signal(object)

    def __init__(self, address: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._address = address
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        # Safe: we hold the instance lock, so any socket file here is a stale one.
        QLocalServer.removeServer(self._address)
        if sys.platform != "win32":
            Path(self._address).unlink(missing_ok=True)
        ok = self._server.listen(self._address)
        if not ok:
            log.error("cannot listen on %s: %s", self._address, self._server.errorString())
        return ok

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = bytearray()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            QTimer.singleShot(CLIENT_TIMEOUT_MS, sock, sock.abort)

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        buffer = self._buffers.get(sock)
        if buffer is None:
            return
        buffer += bytes(sock.readAll().data())
        if len(buffer) > ipc.MAX_MESSAGE:
            log.warning("ignored an oversized message (%d bytes)", len(buffer))
            self._answer(sock, ipc.reply(False, error="message too large"))
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        try:
            message = ipc.decode(line)
        except ipc.MessageError as exc:
            log.warning("ignored a malformed message: %s", exc)
            self._answer(sock, ipc.reply(False, error=str(exc)))
            return
        log.info("message: %s", message.cmd)
        self._answer(sock, ipc.reply(True))
        self.message_received.emit(message)

    def _answer(self, sock: QLocalSocket, data: bytes) -> None:
        self._buffers.pop(sock, None)
        sock.write(data)
        sock.flush()
        sock.disconnectFromServer()
