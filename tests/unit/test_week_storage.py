"""Repository: week queries by local day, week counts, people stats, rename/merge, paging, v1→v2."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from micromoments_tray.core.clock import FakeClock
from micromoments_tray.core.moments import MomentError, make_moment
from micromoments_tray.core.week import MONDAY, SUNDAY, SummarySettings, Week, WeekRules, local_day
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from micromoments_tray.storage.repository import MomentQuery, MomentRepository
from micromoments_tray.storage.week_report import build_summary, history_counts
from tests.unit.conftest import MakeMoment

BERLIN = ZoneInfo("Europe/Berlin")
W48 = Week(date(2026, 11, 23))


def _at(day: int, hour: int, minute: int = 0, offset_hours: float | None = None) -> datetime:
    tz = BERLIN if offset_hours is None else timezone(timedelta(hours=offset_hours))
    return datetime(2026, 11, day, hour, minute, tzinfo=tz)


def test_week_moments_use_each_moments_own_day(
    repo: MomentRepository, make: MakeMoment, clock: FakeClock
) -> None:
    clock.advance(timedelta(days=5))
    inside = [
        make(at=_at(23, 0, 5)),  # Monday just after midnight
        make(at=_at(29, 23, 30, -5)),  # Sunday evening in New York = Monday in Berlin
        make(at=_at(23, 7, 0, 9)),  # Monday morning in Tokyo = Sunday in UTC
    ]
    outside = [
        make(at=_at(22, 23, 59)),
        make(at=_at(30, 0, 10)),
        make(at=_at(30, 1, 0, 12)),
    ]
    for m in inside + outside:
        repo.add(m)
    rules = WeekRules(MONDAY)
    got = repo.week_moments(W48, rules)
    assert {m.id for m in got} == {m.id for m in inside}
    assert repo.week_count(W48, rules) == 3
    # With a 04:00 day end, Monday 00:05 goes back to the week before and 00:10 on the 30th in.
    late = WeekRules(MONDAY, 4)
    ids = {m.id for m in repo.week_moments(W48, late)}
    assert inside[0].id not in ids and outside[1].id in ids
    # SQL and the pure rule agree on every moment.
    for m in repo.query(MomentQuery()):
        assert (m.id in ids) == W48.contains(local_day(m.occurred_at, late))


def test_week_counts_and_first_day(repo: MomentRepository, make: MakeMoment) -> None:
    assert repo.first_moment_day(WeekRules()) is None
    for day in (2, 3, 10, 24, 25, 25):
        repo.add(make(at=_at(day, 12)))
    gone = repo.add(make(at=_at(24, 13)))
    repo.delete(gone.id, datetime(2026, 11, 26, tzinfo=UTC))
    weeks = [W48.shifted(-i) for i in range(4, -1, -1)]
    assert repo.week_counts(weeks, WeekRules()) == [0, 2, 1, 0, 3]
    assert repo.first_moment_day(WeekRules()) == date(2026, 11, 2)
    sunday_weeks = [Week(date(2026, 11, 22)), Week(date(2026, 11, 1))]
    assert repo.week_counts(sunday_weeks, WeekRules(SUNDAY)) == [3, 2]


def test_history_stops_at_the_first_week_and_the_streak(
    repo: MomentRepository, make: MakeMoment, clock: FakeClock
) -> None:
    for day in (2, 3, 17, 24):
        repo.add(make(at=_at(day, 12)))
    settings = SummarySettings()
    # First moment in W45: three weeks of history before W48.
    assert history_counts(repo, W48, settings) == [2, 0, 1]
    summary = build_summary(repo, W48, settings, clock.now())
    assert summary.total == 1
    assert summary.median == 1.0
    assert summary.streak is not None and summary.streak.weeks == 3 and summary.streak.rested


def test_people_stats_rhythm_rename_and_merge(repo: MomentRepository, make: MakeMoment) -> None:
    repo.add(make(hours_ago=24 * 10, people=("Sam",), kind="conversation"))
    repo.add(make(hours_ago=24 * 2, people=("sam", "Ana")))
    repo.add(make(hours_ago=24 * 5, people=("Samuel",)))
    both = repo.add(make(hours_ago=24 * 1, people=("Samuel", "Sam")))
    stats = {p.name: p for p in repo.people_stats()}
    assert stats["Sam"].moments == 3
    assert stats["Samuel"].moments == 2
    assert stats["Sam"].last_at == both.occurred_at
    repo.set_keep_in_touch("SAM", 7)
    repo.set_keep_in_touch("Samuel", 30)
    assert {p.name: p.keep_in_touch_days for p in repo.people_stats()}["Sam"] == 7
    with pytest.raises(MomentError):
        repo.set_keep_in_touch("Nobody", 7)

    # Merging two spellings keeps every moment; one naming both keeps one name.
    assert repo.merge_people("Samuel", "Sam") == "Sam"
    stats = {p.name: p for p in repo.people_stats()}
    assert "Samuel" not in stats
    assert stats["Sam"].moments == 4
    assert stats["Sam"].keep_in_touch_days == 7
    assert repo.get(both.id).people == ("Sam",)
    assert repo.count(MomentQuery(person="sam")) == 4

    assert repo.rename_person("sam", "Sam Lee") == "Sam Lee"
    assert repo.count(MomentQuery(person="Sam Lee")) == 4
    assert repo.count(MomentQuery(person="Sam")) == 0
    # Renaming onto an existing name merges.
    assert repo.rename_person("Ana", "sam lee") == "sam lee"
    assert [(p.name, p.moments) for p in repo.people_stats()] == [("sam lee", 4)]
    with pytest.raises(MomentError):
        repo.rename_person("sam lee", "  ")
    with pytest.raises(MomentError):
        repo.merge_people("sam lee", "SAM LEE")


def test_paging_sorting_and_bulk_delete(repo: MomentRepository, make: MakeMoment) -> None:
    made = [
        repo.add(make(hours_ago=i, kind=kind, note=f"n{i:02d}", feeling=(i % 5) + 1))
        for i, kind in enumerate(["thanks", "smile", "greeting"] * 10)
    ]
    newest = repo.query(MomentQuery(newest_first=True, limit=7, offset=0))
    assert [m.id for m in newest] == [m.id for m in made[:7]]
    page2 = repo.query(MomentQuery(newest_first=True, limit=7, offset=7))
    assert [m.id for m in page2] == [m.id for m in made[7:14]]
    by_kind = repo.query(MomentQuery(order_by="kind"))
    assert [m.kind for m in by_kind] == ["greeting"] * 10 + ["smile"] * 10 + ["thanks"] * 10
    by_feeling = repo.query(MomentQuery(order_by="feeling", newest_first=True, limit=6))
    assert {m.feeling for m in by_feeling} == {5}
    assert repo.query(MomentQuery(order_by="note", limit=1))[0].note == "n00"
    with pytest.raises(ValueError):
        repo.query(MomentQuery(order_by="rowid; DROP TABLE moments"))

    now = datetime(2026, 11, 26, 20, tzinfo=UTC)
    ids = [m.id for m in made[:3]]
    assert repo.delete_many(ids, now) == ids
    assert repo.delete_many(ids, now) == []  # already deleted
    assert repo.count() == 27
    assert repo.restore_many(ids, now) == ids
    assert repo.count() == 30


def test_a_v1_database_migrates_with_its_data_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "data" / "moments.sqlite3"
    path.parent.mkdir()
    with closing(sqlite3.connect(str(path))) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.execute(
            "INSERT INTO moments VALUES ('00000000-0000-4000-8000-000000000001', "
            "'2026-11-20T17:00:00Z', 60, 'thanks', 'kept', 4, "
            "'2026-11-20T17:00:00Z', '2026-11-20T17:00:00Z', NULL)"
        )
        conn.execute("INSERT INTO people (name, key) VALUES ('Sam', 'sam')")
        conn.execute(
            "INSERT INTO moment_people VALUES ('00000000-0000-4000-8000-000000000001', 1, 0)"
        )
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
    repo = MomentRepository(connect(path))
    try:
        version = repo.connection.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION >= 2
        moment = repo.get("00000000-0000-4000-8000-000000000001")
        assert (moment.note, moment.people, moment.feeling) == ("kept", ("Sam",), 4)
        repo.set_keep_in_touch("Sam", 10)
        assert repo.people_stats()[0].keep_in_touch_days == 10
    finally:
        repo.close()
    backups = list(path.parent.glob("moments.v1-backup-*.sqlite3"))
    assert len(backups) == 1
    with closing(sqlite3.connect(str(backups[0]))) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT note FROM moments").fetchone()[0] == "kept"


def test_moments_with_offsets_round_trip_through_edit(
    repo: MomentRepository, clock: FakeClock
) -> None:
    now = clock.now()
    moment = repo.add(make_moment(kind="smile", occurred_at=_at(24, 8, 0, 5.5), now=now))
    edited = repo.update(moment._replace(occurred_at=_at(25, 21, 15, 5.5), note="moved"), now)
    back = repo.get(edited.id)
    assert back.occurred_at == _at(25, 21, 15, 5.5)
    assert back.occurred_at.utcoffset() == timedelta(hours=5, minutes=30)
