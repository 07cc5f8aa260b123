"""Batched week lookups for the streak: the same answers as one week at a time, fewer queries.

`MomentRepository.weeks_with_moments` answers many weeks in one SQL statement; it must agree
with `week_has_moments` (and with the pure `local_day` rule) on every week, whatever the
offsets, deletions, day end and DST. `history_counts` asks in batches and must return exactly
what the week-by-week walk returned.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from micromoments_tray.core.moments import Moment, make_moment
from micromoments_tray.core.summary import HISTORY_WEEKS
from micromoments_tray.core.week import (
    MONDAY,
    SATURDAY,
    SUNDAY,
    SummarySettings,
    Week,
    WeekRules,
    local_day,
    week_of,
)
from micromoments_tray.storage.db import connect
from micromoments_tray.storage.repository import MomentQuery, MomentRepository
from micromoments_tray.storage.week_report import STREAK_LOOKBACK_WEEKS, history_counts

NOW = datetime(2027, 1, 15, 18, 30, tzinfo=UTC)  # after every moment made here
FIRST = Week(date(2026, 1, 5))  # a Monday; the random weeks run from here to late November
WEEKS = 47  # covers both DST changes in Europe (29 Mar, 25 Oct) and the US (8 Mar, 1 Nov)
ZONES: tuple[tzinfo, ...] = (
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Australia/Lord_Howe"),  # a 30-minute DST step
    ZoneInfo("Pacific/Kiritimati"),  # UTC+14
    ZoneInfo("Etc/GMT+12"),  # UTC-12
    timezone(timedelta(hours=5, minutes=45)),
    timezone(timedelta(hours=-9, minutes=-30)),
    timezone(timedelta(hours=13)),
    UTC,
)
RULES = [
    WeekRules(MONDAY, 0),
    WeekRules(MONDAY, 4),
    WeekRules(SUNDAY, 6),  # the latest day end
    WeekRules(SATURDAY, 2),
]


@pytest.fixture
def repository(tmp_path: Path) -> Iterator[MomentRepository]:
    repo = MomentRepository(connect(tmp_path / "moments.sqlite3"))
    yield repo
    repo.close()


def _moment(at: datetime) -> Moment:
    return make_moment(kind="smile", occurred_at=at, now=NOW)


def _fill_tricky(repo: MomentRepository, seed: int) -> None:
    """Moments clustered within a day and a bit of the week edges, in many offsets, a few in
    the middle of weeks, and a share of them deleted; many weeks are decided by the edges."""
    rng = random.Random(seed)
    moments: list[Moment] = []
    for i in range(WEEKS + 1):
        edge = datetime.combine(FIRST.shifted(i).start, datetime.min.time())
        for _ in range(rng.choice((0, 0, 1, 2, 3))):
            wall = edge + timedelta(minutes=rng.randint(-30 * 60, 30 * 60))
            zone = rng.choice(ZONES)
            moments.append(_moment(wall.replace(tzinfo=zone)))
        # the edge of the week for Sunday and Saturday starts as well
        for days in (-1, -2):
            if rng.random() < 0.3:
                wall = edge + timedelta(days=days, minutes=rng.randint(-8 * 60, 8 * 60))
                moments.append(_moment(wall.replace(tzinfo=rng.choice(ZONES))))
        if rng.random() < 0.15:
            wall = edge + timedelta(days=3, hours=rng.randint(0, 23))
            moments.append(_moment(wall.replace(tzinfo=rng.choice(ZONES))))
    repo.import_moments(moments)
    gone = [m.id for m in moments if rng.random() < 0.3]
    repo.delete_many(gone, NOW)


def _by_rule(repo: MomentRepository, weeks: list[Week], rules: WeekRules) -> list[bool]:
    days = {local_day(m.occurred_at, rules) for m in repo.query(MomentQuery())}
    return [any(week.contains(d) for d in days) for week in weeks]


def _sure_middle(repo: MomentRepository, week: Week, rules: WeekRules) -> bool:
    """Whether a live moment lies in the middle range every offset agrees on."""
    begin, end = week.wall_range(rules)
    low, high = begin + timedelta(hours=12), end - timedelta(hours=14)
    return any(
        low <= m.occurred_at.astimezone(UTC).replace(tzinfo=None) < high
        for m in repo.query(MomentQuery())
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batch_equals_week_by_week_on_tricky_data(repository: MomentRepository, seed: int) -> None:
    _fill_tricky(repository, seed)
    deleted = repository.count(MomentQuery(include_deleted=True)) - repository.count()
    assert deleted > 0
    rng = random.Random(seed)
    decided_by_edges = 0
    for rules in RULES:
        start = week_of(FIRST.start, rules).shifted(-1)
        weeks = [start.shifted(i) for i in range(WEEKS + 3)]
        single = [repository.week_has_moments(w, rules) for w in weeks]
        assert repository.weeks_with_moments(weeks, rules) == single
        assert single == _by_rule(repository, weeks, rules)
        assert single == [repository.week_count(w, rules) > 0 for w in weeks]
        # Random batch sizes and orders give the same answers, in the order asked.
        shuffled = weeks[:]
        rng.shuffle(shuffled)
        at = 0
        while at < len(shuffled):
            size = rng.randint(1, 17)
            chunk = shuffled[at : at + size]
            expected = [single[weeks.index(w)] for w in chunk]
            assert repository.weeks_with_moments(chunk, rules) == expected
            at += size
        decided_by_edges += sum(
            has and not _sure_middle(repository, w, rules)
            for w, has in zip(weeks, single, strict=True)
        )
        assert not all(single) and any(single)
    # The data really exercises the edge ranges, not only the sure middle.
    assert decided_by_edges >= 10


def test_batch_edges_deleted_and_late_day_end(repository: MomentRepository) -> None:
    monday = Week(date(2026, 11, 16))
    berlin = ZoneInfo("Europe/Berlin")
    kept = _moment(datetime(2026, 11, 23, 3, 30, tzinfo=berlin))  # Monday 03:30
    tokyo = _moment(datetime(2026, 11, 16, 7, 0, tzinfo=timezone(timedelta(hours=9))))
    gone = _moment(datetime(2026, 11, 19, 12, 0, tzinfo=berlin))  # mid-week, deleted
    repository.import_moments([kept, tokyo, gone])
    repository.delete(gone.id, NOW)
    weeks = [monday.shifted(-1), monday, monday.shifted(1)]
    # Midnight day end: 03:30 on Monday is the new week; Tokyo's Monday 07:00 is its own week.
    assert repository.weeks_with_moments(weeks, WeekRules(MONDAY, 0)) == [False, True, True]
    # A 04:00 day end: 03:30 on Monday still counts for Sunday, so the middle week keeps it.
    assert repository.weeks_with_moments(weeks, WeekRules(MONDAY, 4)) == [False, True, False]
    # With Tokyo's moment gone too, the deleted mid-week one never counts.
    repository.delete(tokyo.id, NOW)
    assert repository.weeks_with_moments(weeks, WeekRules(MONDAY, 4)) == [False, True, False]
    assert repository.weeks_with_moments(weeks, WeekRules(MONDAY, 0)) == [False, False, True]
    assert repository.weeks_with_moments([], WeekRules()) == []


def _history_week_by_week(
    repo: MomentRepository, week: Week, settings: SummarySettings
) -> list[int]:
    """The walk `history_counts` did before batching: one week per question."""
    rules = settings.rules
    first_day = repo.first_moment_day(rules)
    if first_day is None or first_day >= week.start:
        return []
    available = min((week.start - week_of(first_day, rules).start).days // 7, STREAK_LOOKBACK_WEEKS)
    recent = min(HISTORY_WEEKS, available)
    counts = repo.week_counts([week.shifted(-i) for i in range(recent, 0, -1)], rules)
    if not settings.show_streak or any(a == 0 and b == 0 for a, b in pairwise(counts)):
        return counts
    older: list[int] = []
    for back in range(recent + 1, available + 1):
        older.append(1 if repo.week_has_moments(week.shifted(-back), rules) else 0)
        if len(older) >= 2 and older[-1] == 0 and older[-2] == 0:
            break
    return older[::-1] + counts


def _fill_streaks(repo: MomentRepository, last: Week, pattern: str) -> None:
    """One moment (near a week edge, odd offsets) per '1' in `pattern`, newest week last."""
    rng = random.Random(len(pattern))
    moments = []
    for back, mark in enumerate(reversed(pattern)):
        if mark == "1":
            start = datetime.combine(last.shifted(-back).start, datetime.min.time())
            wall = start + rng.choice((timedelta(hours=1), timedelta(days=6, hours=22)))
            moments.append(_moment(wall.replace(tzinfo=rng.choice(ZONES[:3]))))
    repo.import_moments(moments)


def test_history_counts_match_the_week_by_week_walk(repository: MomentRepository) -> None:
    # 220 weeks: quiet pairs and single rests that fall before, on and after the batch edges
    # (8, 16, 32 … older weeks) as the shown week moves back; the first shown weeks see a
    # streak longer than the two-year look-back.
    pattern = list("1" * 220)
    for back in (130, 131, 200, 201):  # two quiet pairs end streaks
        pattern[-1 - back] = "0"
    for back in (12, 30, 47, 70, 120, 160):  # single rests never end a streak
        pattern[-1 - back] = "0"
    last = Week(date(2026, 11, 16))
    _fill_streaks(repository, last, "".join(pattern))
    longest = 0
    for shown_back in range(-1, 80):
        week = last.shifted(-shown_back)
        for rules in (WeekRules(MONDAY, 0), WeekRules(MONDAY, 4)):
            for show in (True, False):
                settings = SummarySettings(rules, show)
                expected = _history_week_by_week(repository, week, settings)
                assert history_counts(repository, week, settings) == expected
                longest = max(longest, len(expected))
    assert longest == STREAK_LOOKBACK_WEEKS


def test_a_two_year_streak_takes_few_statements(repository: MomentRepository) -> None:
    last = Week(date(2026, 11, 16))
    _fill_streaks(repository, last, "1" * 130)
    statements: list[str] = []
    repository.connection.set_trace_callback(statements.append)
    try:
        counts = history_counts(repository, last.shifted(1), SummarySettings())
    finally:
        repository.connection.set_trace_callback(None)
    assert counts == [1] * STREAK_LOOKBACK_WEEKS
    batches = [s for s in statements if s.startswith("WITH w(")]
    # 96 older weeks in batches of 8, 16, 32 and the last 40: four statements, not 96 × 3.
    assert len(batches) == 4
    assert not any("SELECT 1 FROM moments m WHERE" in s and "LIMIT 1" in s for s in statements)


def test_long_lists_are_split_into_statements_sqlite_accepts(
    repository: MomentRepository,
) -> None:
    last = Week(date(2026, 11, 16))
    _fill_streaks(repository, last, "110" * 80)
    weeks = [last.shifted(-back) for back in range(250)]
    statements: list[str] = []
    repository.connection.set_trace_callback(statements.append)
    try:
        answers = repository.weeks_with_moments(weeks, WeekRules())
    finally:
        repository.connection.set_trace_callback(None)
    assert answers == [repository.week_has_moments(w, WeekRules()) for w in weeks]
    assert answers[:3] == [False, True, True] and not any(answers[240:])
    assert len(statements) == 3  # 100 + 100 + 50 weeks
