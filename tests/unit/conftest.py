"""Fixtures for the pure tests: a moments database in a temporary folder, a moment factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.moments import Moment, make_moment
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.paths import AppPaths
from micromoments_tray.storage.repository import MomentRepository

MakeMoment = Callable[..., Moment]


@pytest.fixture
def db_path(app_paths: AppPaths) -> Path:
    return app_paths.database


@pytest.fixture
def repo(db_path: Path) -> Iterator[MomentRepository]:
    repository = MomentRepository(connect(db_path))
    yield repository
    repository.close()


@pytest.fixture
def make(clock: FakeClock) -> MakeMoment:
    """make(hours_ago=2, kind='smile', ...) -> a valid Moment that happened that long ago."""

    def factory(
        hours_ago: float = 0,
        *,
        kind: str = "smile",
        note: str = "",
        people: tuple[str, ...] = (),
        feeling: int | None = None,
        at: datetime | None = None,
        moment_id: str | None = None,
    ) -> Moment:
        now = clock.now()
        return make_moment(
            kind=kind,
            occurred_at=at if at is not None else now - timedelta(hours=hours_ago),
            now=now,
            note=note,
            people=people,
            feeling=feeling,
            moment_id=moment_id,
        )

    return factory
