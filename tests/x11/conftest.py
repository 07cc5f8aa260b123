"""X11 fixtures. With CI=true a missing tool fails the run instead of skipping it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import mark_folder, require
from tests.x11.xdesktop import XDesktop, missing_tools


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_folder(items, Path(__file__).parent, pytest.mark.x11)


@pytest.fixture(scope="module")
def xdesktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XDesktop]:
    require(missing_tools(), "X11 end-to-end tests")
    desktop = XDesktop(tmp_path_factory.mktemp("x"))
    try:
        desktop.start()  # inside: a desktop that fails to start is stopped too
        yield desktop
    finally:
        desktop.stop()
