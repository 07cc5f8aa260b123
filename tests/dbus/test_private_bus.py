from __future__ import annotations

import subprocess


def test_private_bus_answers(bus_address: str) -> None:
    result = subprocess.run(
        [
            "dbus-send",
            f"--bus={bus_address}",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.ListNames",
        ],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    )
    assert "org.freedesktop.DBus" in result.stdout
