"""X11 fixtures. With CI=true a missing tool fails the run instead of skipping it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.x11.xdesktop import XDesktop, missing_tools


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.x11)


@pytest.fixture(scope="module")
def xdesktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XDesktop]:
    missing = missing_tools()
    if missing:
        message = f"X11 end-to-end tests need: {', '.join(missing)} (see .ci/run)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    desktop = XDesktop(tmp_path_factory.mktemp("x"))
    desktop.start()
    try:
        yield desktop
    finally:
        desktop.stop()
