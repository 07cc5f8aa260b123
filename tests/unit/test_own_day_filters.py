"""Date filters follow the day each moment had where it happened, not today's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from micromoments_tray.core.moments import Moment, make_moment
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.repository import MomentQuery, MomentRepository

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _at(year_month_day_hour: tuple[int, int, int, int], offset_hours: float, note: str) -> Moment:
    y, m, d, h = year_month_day_hour
    tz = timezone(timedelta(hours=offset_hours))
    return make_moment(
        kind="smile", occurred_at=datetime(y, m, d, h, tzinfo=tz), now=NOW, note=note
    )


@pytest.fixture
def repo(tmp_path: Path) -> MomentRepository:
    repository = MomentRepository(connect(tmp_path / "m.sqlite3"))
    for moment in (
        _at((2026, 11, 21, 6), 9, "Tokyo breakfast on the 21st"),  # UTC: 20th 21:00
        _at((2026, 11, 20, 22), -10, "Honolulu evening on the 20th"),  # UTC: 21st 08:00
        _at((2026, 11, 21, 0), 14, "Kiritimati midnight, 21st"),  # UTC: 20th 10:00
        _at((2026, 11, 21, 23), -12, "last hour of the 21st at -12"),  # UTC: 22nd 11:00
        _at((2026, 11, 22, 9), 1, "Berlin morning on the 22nd"),
    ):
        repository.add(moment)
    return repository


def _notes(repo: MomentRepository, **days: date) -> list[str]:
    return [m.note for m in repo.query(MomentQuery(**days))]  # type: ignore[arg-type]


def test_one_day_holds_exactly_the_moments_lived_on_it(repo: MomentRepository) -> None:
    assert _notes(repo, since_day=date(2026, 11, 21), until_day=date(2026, 11, 21)) == [
        "Kiritimati midnight, 21st",
        "Tokyo breakfast on the 21st",
        "last hour of the 21st at -12",
    ]


def test_open_ended_ranges(repo: MomentRepository) -> None:
    assert _notes(repo, until_day=date(2026, 11, 20)) == ["Honolulu evening on the 20th"]
    assert _notes(repo, since_day=date(2026, 11, 22)) == ["Berlin morning on the 22nd"]


def test_sorting_by_people_uses_the_first_name_case_insensitively(tmp_path: Path) -> None:
    repository = MomentRepository(connect(tmp_path / "p.sqlite3"))
    for people in (("zoë", "Cy"), (), ("Bea",), ("ann",)):
        repository.add(make_moment(kind="smile", occurred_at=NOW, now=NOW, people=people))
    order = [m.people for m in repository.query(MomentQuery(order_by="people"))]
    assert order == [(), ("ann",), ("Bea",), ("zoë", "Cy")]
    newest = [m.people for m in repository.query(MomentQuery(order_by="people", newest_first=True))]
    assert newest == order[::-1]
