"""The running app's local socket: receives small JSON messages from later processes.

Only the process holding the instance lock listens, so a leftover socket file from a crashed run
can be removed safely before listening. On POSIX this is a plain Unix socket watched by a
QSocketNotifier (no QtNetwork: that module alone costs ~3 MB of resident memory); on Windows,
where Python has no Unix sockets, a QLocalServer named pipe.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from micromoments_tray.platform import ipc

log = logging.getLogger(__name__)
# A client that connects and says nothing is dropped after this long.
CLIENT_TIMEOUT_MS = 5000


class InstanceServer(QObject):
    """Emits `message_received(ipc.Message)` for each valid message; answers every client."""

    message_received = Signal(object)

    def __init__(self, address: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._address = address
        self._sock: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._clients: dict[int, _Client] = {}
        self._pipe_server: QObject | None = None
        # Extra reply fields for a message (answered before `message_received` is emitted);
        # an "ok" field in them sets the reply's ok. The protocol version stays the same.
        self.responder: Callable[[ipc.Message], dict[str, Any]] | None = None

    def listen(self) -> bool:
        if sys.platform == "win32":  # pragma: no cover - Windows
            return self._listen_pipe()
        path = Path(self._address)
        path.unlink(missing_ok=True)  # safe: we hold the instance lock, so it is stale
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o177)  # the socket file is the user's alone (0600)
        try:
            sock.bind(self._address)
            sock.listen(8)
        except OSError as exc:
            log.error("cannot listen on %s: %s", self._address, exc)
            sock.close()
            return False
        finally:
            os.umask(old_umask)
        sock.setblocking(False)
        self._sock = sock
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def close(self) -> None:
        for client in list(self._clients.values()):
            client.close()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
            Path(self._address).unlink(missing_ok=True)
        if self._pipe_server is not None:  # pragma: no cover - Windows
            self._pipe_server.close()  # type: ignore[attr-defined]

    def _accept(self) -> None:
        assert self._sock is not None
        while True:
            try:
                conn, _ = self._sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                log.warning("accept failed: %s", exc)
                return
            conn.setblocking(False)
            client = _Client(conn, self)
            self._clients[conn.fileno()] = client

    def _forget(self, client: _Client) -> None:
        self._clients = {k: c for k, c in self._clients.items() if c is not client}

    def handle(self, data: bytes) -> tuple[bytes, ipc.Message | None] | None:
        """The answer to what a client sent so far, with its message; None while incomplete."""
        if len(data) > ipc.MAX_MESSAGE:
            log.warning("ignored an oversized message (%d bytes)", len(data))
            return ipc.reply(False, error="message too large"), None
        if b"\n" not in data:
            return None
        line = data.split(b"\n", 1)[0]
        try:
            message = ipc.decode(line)
        except ipc.MessageError as exc:
            log.warning("ignored a malformed message: %s", exc)
            return ipc.reply(False, error=str(exc)), None
        log.info("message: %s", message.cmd)
        if self.responder is not None:
            fields = dict(self.responder(message))
            ok = bool(fields.pop("ok", True))
            return ipc.reply(ok, **fields), (message if ok else None)
        return ipc.reply(True), message

    def _listen_pipe(self) -> bool:  # pragma: no cover - Windows
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self._address)

        def accept() -> None:
            while server.hasPendingConnections():
                pipe = server.nextPendingConnection()
                buffer = bytearray()

                def read(pipe=pipe, buffer=buffer) -> None:  # type: ignore[no-untyped-def]
                    buffer.extend(bytes(pipe.readAll().data()))
                    result = self.handle(bytes(buffer))
                    if result is None:
                        return
                    answer, message = result
                    pipe.write(answer)
                    pipe.flush()
                    pipe.disconnectFromServer()
                    if message is not None:
                        self.message_received.emit(message)

                pipe.readyRead.connect(read)
                pipe.disconnected.connect(pipe.deleteLater)
                QTimer.singleShot(CLIENT_TIMEOUT_MS, pipe, pipe.abort)

        server.newConnection.connect(accept)
        self._pipe_server = server
        return server.listen(self._address)


class _Client(QObject):
    """One connected client: read until a full line (or too much), answer once, close."""

    def __init__(self, conn: socket.socket, server: InstanceServer) -> None:
        super().__init__(server)
        self._conn = conn
        self._server = server
        self._buffer = bytearray()
        self._notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self.close)
        self._timeout.start(CLIENT_TIMEOUT_MS)

    def _read(self) -> None:
        try:
            chunk = self._conn.recv(ipc.MAX_MESSAGE + 1)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client hung up before finishing its line
            self.close()
            return
        self._buffer += chunk
        result = self._server.handle(bytes(self._buffer))
        if result is None:
            return
        answer, message = result
        try:
            self._conn.sendall(answer)
        except OSError as exc:
            log.info("client left before the answer: %s", exc)
        self.close()
        if message is not None:
            self._server.message_received.emit(message)

    def close(self) -> None:
        if self._conn.fileno() < 0:
            return
        self._timeout.stop()
        self._notifier.setEnabled(False)
        self._conn.close()
        self._server._forget(self)
        self.deleteLater()
