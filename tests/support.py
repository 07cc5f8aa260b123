"""Helpers shared by the test levels that need real tools (X11, D-Bus)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(missing: list[str], what: str) -> None:
    """Fail under CI (these tests must run there), skip elsewhere, when tools are missing."""
    if not missing:
        return
    message = f"{what} need: {', '.join(missing)} (see .ci/run)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def mark_folder(items: list[pytest.Item], folder: Path, marker: pytest.MarkDecorator) -> None:
    """Give every test collected below `folder` the marker (so `-m 'not x11'` works)."""
    for item in items:
        if folder in Path(str(item.fspath)).parents:
            item.add_marker(marker)
