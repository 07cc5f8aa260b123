"""The small, versioned JSON messages a second process sends to the running tray app.

One message per connection: a single line of JSON, at most MAX_MESSAGE bytes, answered by one
line. Pure Python on the client side (plain sockets), so the command line never imports Qt.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import socket

PROTOCOL_VERSION = 1
MAX_MESSAGE = 4096
# Commands the running app understands, with the argument names each accepts.
COMMANDS: dict[str, frozenset[str]] = {
    "show-log": frozenset(),  # open the log dialog (a second `micromoments run`)
    "data-changed": frozenset(),  # another process wrote to the database
    "ping": frozenset(),
    "suggest": frozenset(),  # show a suggestion now
    "pause": frozenset({"until"}),  # pause reminders until an ISO date-time, or "resumed"
    "resume": frozenset(),
    "quick-log": frozenset(),  # open the quick-log palette (`micromoments quick-log`)
    "status": frozenset(),  # the reply carries the reminder status (see app's responder)
}


class MessageError(ValueError):
    pass


class Message(NamedTuple):
    cmd: str
    args: dict[str, Any]


# json is imported where used: `micromoments log` with no app running never needs it.


def encode(cmd: str, **args: Any) -> bytes:
    import json

    payload = json.dumps({"v": PROTOCOL_VERSION, "cmd": cmd, **args}, separators=(",", ":"))
    data = payload.encode("utf-8") + b"\n"
    if len(data) > MAX_MESSAGE:
        raise MessageError("message too large")
    return data


def decode(data: bytes) -> Message:
    """Validate one received line; raise MessageError saying what is wrong."""
    if len(data) > MAX_MESSAGE:
        raise MessageError(f"message of {len(data)} bytes exceeds {MAX_MESSAGE}")
    import json

    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MessageError(f"not JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise MessageError("not a JSON object")
    version = raw.get("v")
    if type(version) is not int or version != PROTOCOL_VERSION:
        raise MessageError(f"unsupported protocol version {version!r}")
    cmd = raw.get("cmd")
    if not isinstance(cmd, str) or cmd not in COMMANDS:
        raise MessageError(f"unknown command {cmd!r}")
    args = {k: v for k, v in raw.items() if k not in ("v", "cmd")}
    unexpected = set(args) - COMMANDS[cmd]
    if unexpected:
        raise MessageError(f"unexpected arguments for {cmd}: {', '.join(sorted(unexpected))}")
    return Message(cmd, args)


def reply(ok: bool, **fields: Any) -> bytes:
    import json

    return json.dumps({"v": PROTOCOL_VERSION, "ok": ok, **fields}).encode("utf-8") + b"\n"


def send(address: str, cmd: str, timeout: float = 2.0, **args: Any) -> dict[str, Any] | None:
    """Send one command to the running app; None when no app is listening there."""
    if sys.platform != "win32" and not os.path.exists(address):  # noqa: PTH110 - no pathlib here
        return None  # nobody listening: skip building the message and importing socket
    import json
    import socket

    data = encode(cmd, **args)
    try:
        if sys.platform == "win32":
            return _send_pipe(address, data)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(address)
            sock.sendall(data)
            answer = _read_line(sock)
    except (FileNotFoundError, ConnectionRefusedError):
        return None
    except OSError:
        return None
    try:
        result = json.loads(answer.decode("utf-8"))
    except ValueError:
        return None
    return result if isinstance(result, dict) else None


def _read_line(sock: socket.socket) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_MESSAGE:
        chunk = sock.recv(1024)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if b"\n" in chunk:
            break
    return b"".join(chunks).split(b"\n", 1)[0]


def _send_pipe(name: str, data: bytes) -> dict[str, Any] | None:  # pragma: no cover - Windows
    import json

    with open(rf"\\.\pipe\{name}", "r+b", buffering=0) as pipe:
        pipe.write(data)
        answer = pipe.readline(MAX_MESSAGE)
    result = json.loads(answer.decode("utf-8"))
    return result if isinstance(result, dict) else None
